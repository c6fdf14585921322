"""login throttle, and the login cookie set by the server

Failed logins slow down the next tries of the same account name and of the same client address, with
growing delays (core/accounts/throttle.py), instead of locking the account for 15 minutes: a stranger could lock
anyone out. The account's own failure counter and lock go. A login gets a one-time ticket that the server
trades for an HttpOnly cookie (server.py), which the page's scripts cannot read.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 10:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("blocked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    # A plain DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch copy of app_user would drop the table that
    # login_session refers to, which the store's foreign keys refuse.
    op.drop_column("app_user", "locked_until")
    op.drop_column("app_user", "failed_attempts")
    with op.batch_alter_table("login_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ticket_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("ticket_expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_unique_constraint("uq_login_session_ticket_hash", ["ticket_hash"])


def downgrade() -> None:
    with op.batch_alter_table("login_session", schema=None) as batch_op:
        batch_op.drop_constraint("uq_login_session_ticket_hash", type_="unique")
        batch_op.drop_column("ticket_expires_at")
        batch_op.drop_column("ticket_hash")
    op.add_column("app_user", sa.Column("failed_attempts", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("app_user", sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.drop_table("login_throttle")
