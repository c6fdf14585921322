"""exit moment: at the end of the pathway or 6 months later

An exit is measured twice (docs/indicateurs.md, « Les sorties »): when the pathway ends, and 6 months later.
The exits already stored were all imported without the column: each is an end-of-pathway exit, which the
server default gives them. `ix_exit_date` finds the exits of a period without a scan.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 15:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participant_exit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moment", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                                      server_default="fin de parcours"))
        batch_op.create_check_constraint("moment_enum", "moment IN ('fin de parcours', 'à 6 mois')")
        batch_op.create_index("ix_exit_date", ["date", "participant_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("participant_exit", schema=None) as batch_op:
        batch_op.drop_index("ix_exit_date")
        batch_op.drop_constraint("moment_enum", type_="check")
        batch_op.drop_column("moment")
