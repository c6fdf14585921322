"""company département: where a structure of a published directory is, for the prospecting list's local count

A structure read from a published directory (core.exchange.directories) keeps the département its directory gives
(its département column, else its postal code), so that a published contract counts the structures of its trade in
the département it is carried out in (docs/indicateurs.md, « Prospection »). Companies stored before have none:
they count wherever the contract is, as they did, until their directory is imported again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 18:40:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("company", sa.Column("departement", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # in place (SQLite 3.35+): hours, contracts and needs point at it
        op.execute("ALTER TABLE company DROP COLUMN departement")
        return
    op.drop_column("company", "departement")
