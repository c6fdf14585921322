"""ix_contract_archived: the archived contracts found without a scan

The hours that count (core.figures.hours_done) leave out the entries of archived contracts, through a subquery of
the archived contracts' ids that every figure of done hours runs: without an index it read every contract
(~106 k at 1 M hours entries) for each figure. The index holds the archived ones only (partial): it finds
those few, and a query for the contracts not archived (nearly all) never picks it over ix_contract_months
or ix_contract_dates. The entries are still read through their covering indexes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contract_archived", "contract", ["archived"], unique=False,
                    sqlite_where=sa.text("archived = 1"), postgresql_where=sa.text("archived"))


def downgrade() -> None:
    op.drop_index("ix_contract_archived", table_name="contract")
