"""ix_hours_month covers archived

The indicators leave archived hours entries out (`archived = 0`): without that column the index no
longer covers their queries, and every entry of the period was read again from the table (issue 2,
bench/RESULTS.md). Same leading columns, so the same rows come in the same order.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 22:50:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = ["month", "contract_id", "participant_id", "company_id", "hours"]


def upgrade() -> None:
    op.drop_index("ix_hours_month", table_name="hours_entry")
    op.create_index("ix_hours_month", "hours_entry", [*COLUMNS, "archived"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_hours_month", table_name="hours_entry")
    op.create_index("ix_hours_month", "hours_entry", COLUMNS, unique=False)
