"""company sector and directory: insertion structures read from the published directories

A structure imported from a published directory (docs/fichiers-echange.md, « structures ») keeps the directory it
was read from and, when the directory tells it (a NAF code), its trade: the checklist then counts the structures
able to do a purchase's work locally. Companies stored before have neither, which is what they were.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 16:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

SECTORS = ("'gros œuvre', 'second œuvre', 'peinture', 'maçonnerie', 'charpente métallique', 'voirie et réseaux', "
           "'espaces verts', 'nettoyage', 'collecte et tri des déchets', 'restauration', "
           "'prestations intellectuelles', 'autre'")  # the sectors as 0001 wrote them


def upgrade() -> None:
    # Not a batch (copy, drop, rename) on SQLite: hours, contracts and needs point at `company`, and with foreign
    # keys on, dropping the old table would fail. A column and its own CHECK are added in place.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE company ADD COLUMN sector VARCHAR CONSTRAINT sector_enum "
                   f"CHECK (sector IS NULL OR sector IN ({SECTORS}))")
    else:
        op.add_column("company", sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        op.create_check_constraint("sector_enum", "company", f"sector IS NULL OR sector IN ({SECTORS})")
    op.add_column("company", sa.Column("directory", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # in place too (SQLite 3.35+), for the same reason
        op.execute("ALTER TABLE company DROP COLUMN directory")
        op.execute("ALTER TABLE company DROP COLUMN sector")
        return
    op.drop_constraint("sector_enum", "company", type_="check")
    op.drop_column("company", "directory")
    op.drop_column("company", "sector")
