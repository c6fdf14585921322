"""ix_contract_months covers the planned hours

Every planned-hours figure reads the contracts running in the period through `ix_contract_months`, then
read each of them again from the table for `archived`, `planned_hours` and `buyer_id`: at 1 M hours
entries (~106 k contracts) that was most of the cost of the yearly chart on a cold dashboard (issue 2,
bench/RESULTS.md). The index now carries those columns after `id`: same leading columns and the same tie
order as before (the row id), so the same rows come in the same order and the sums are the same.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 02:00:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = ["start_month", "end_month"]
COVERED = ["id", "archived", "planned_hours", "buyer_id"]


def upgrade() -> None:
    op.drop_index("ix_contract_months", table_name="contract")
    op.create_index("ix_contract_months", "contract", [*COLUMNS, *COVERED], unique=False)


def downgrade() -> None:
    op.drop_index("ix_contract_months", table_name="contract")
    op.create_index("ix_contract_months", "contract", COLUMNS, unique=False)
