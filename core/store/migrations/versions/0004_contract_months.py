"""contract months as integers

`start_month` and `end_month` (months since year 0) beside the contract's dates: the indicators
prorate planned hours by month, and computing months from dates on every row was most of the
cost of a cold dashboard on a large store (bench/RESULTS.md). Filled here from the dates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 23:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.add_column(sa.Column("start_month", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("end_month", sa.Integer(), nullable=True))
        batch_op.create_index("ix_contract_months", ["start_month", "end_month"], unique=False)
    contract = sa.table("contract", sa.column("start_date", sa.Date), sa.column("end_date", sa.Date),
                        sa.column("start_month", sa.Integer), sa.column("end_month", sa.Integer))

    def months(column: sa.ColumnElement) -> sa.ColumnElement:
        return sa.extract("year", column) * 12 + sa.extract("month", column) - 1

    op.execute(contract.update().values(start_month=months(contract.c.start_date),
                                        end_month=months(contract.c.end_date)))


def downgrade() -> None:
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index("ix_contract_months")
        batch_op.drop_column("end_month")
        batch_op.drop_column("start_month")
