"""cpv sectors

The sector of a CPV division (two first digits) as the administrator set it, for the prospecting list
(docs/indicateurs.md, « Prospection »). The defaults live in data/cpv_divisions.csv: a division without a
row has its default, so an existing store needs no data here.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 17:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The sectors as this revision knows them (core.store.enums.Sector), frozen here like every revision's values.
SECTORS = ("'gros œuvre', 'second œuvre', 'peinture', 'maçonnerie', 'charpente métallique', 'voirie et réseaux', "
           "'espaces verts', 'nettoyage', 'collecte et tri des déchets', 'restauration', "
           "'prestations intellectuelles', 'autre'")


def upgrade() -> None:
    op.create_table(
        "cpv_sector",
        sa.Column("division", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(f"sector IN ({SECTORS})", name="sector_enum"),
        sa.CheckConstraint("length(division) = 2", name="cpv_division_length"),
        sa.PrimaryKeyConstraint("division"),
    )


def downgrade() -> None:
    op.drop_table("cpv_sector")
