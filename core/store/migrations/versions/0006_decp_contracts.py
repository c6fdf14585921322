"""decp contracts

Contracts published in the national open data of awarded public contracts (DECP), imported by
`python -m core import-decp` (core/decp/published.py): one row per DECP `id` and buyer, and their social
considerations as a set ("non renseigné" when the file has no such field).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 10:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decp_contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decp_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("buyer_siret", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("buyer_name", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("object", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("nature", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("cpv_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("notification_date", sa.Date(), nullable=True),
        sa.Column("duration_months", sa.Integer(), nullable=True),
        sa.Column("place_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("place_type", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("holders", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("source_format", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("duration_months IS NULL OR duration_months >= 0", name="decp_duration_positive"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("decp_id", "buyer_siret", name="uq_decp_contract_key"),
    )
    with op.batch_alter_table("decp_contract", schema=None) as batch_op:
        batch_op.create_index("ix_decp_contract_notified", ["notification_date"], unique=False)
        batch_op.create_index("ix_decp_contract_departement", ["departement", "notification_date"], unique=False)

    op.create_table(
        "decp_consideration",
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(
            "value IN ('Clause sociale', 'Critère social', 'Marché réservé', 'Marché d''insertion', "
            "'Pas de considération sociale', 'non renseigné')",
            name="decp_consideration_enum",
        ),
        sa.ForeignKeyConstraint(["contract_id"], ["decp_contract.id"]),
        sa.PrimaryKeyConstraint("contract_id", "value"),
    )
    with op.batch_alter_table("decp_consideration", schema=None) as batch_op:
        batch_op.create_index("ix_decp_consideration_value", ["value"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("decp_consideration", schema=None) as batch_op:
        batch_op.drop_index("ix_decp_consideration_value")
    op.drop_table("decp_consideration")
    with op.batch_alter_table("decp_contract", schema=None) as batch_op:
        batch_op.drop_index("ix_decp_contract_departement")
        batch_op.drop_index("ix_decp_contract_notified")
    op.drop_table("decp_contract")
