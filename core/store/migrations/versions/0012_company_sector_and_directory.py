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
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("directory", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.create_check_constraint("sector_enum", f"sector IS NULL OR sector IN ({SECTORS})")


def downgrade() -> None:
    with op.batch_alter_table("company", schema=None) as batch_op:
        batch_op.drop_constraint("sector_enum", type_="check")
        batch_op.drop_column("directory")
        batch_op.drop_column("sector")
