"""recruitment needs and candidacies: the club's pipeline from a company's need to a hire

Two new tables, versioned and archived like every other record: `recruitment_need` (a company's need, its
positions and the facilitator's next action) and `candidacy` (a participant put forward for a need, its steps
and decision). A need's status is not stored: it follows from its positions, its retained candidacies and its
abandon reason (core.exchange.pipeline). No existing row changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 15:00:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recruitment_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("rome_code", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("positions", sa.Integer(), nullable=False),
        sa.Column("contract_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("duration_months", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("wished_start", sa.Date(), nullable=True),
        sa.Column("commune", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("job_offer", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("next_action", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("action_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("action_due", sa.Date(), nullable=True),
        sa.Column("abandon_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "contract_type IN ('CDI', 'CDD', 'CDDI', 'intérim', 'intérim d''insertion', 'apprentissage', 'contrat de professionnalisation', 'autre')",
            name="contract_type_enum",
        ),
        sa.CheckConstraint(
            "sector IS NULL OR sector IN ('gros œuvre', 'second œuvre', 'peinture', 'maçonnerie', 'charpente métallique', 'voirie et réseaux', 'espaces verts', 'nettoyage', 'collecte et tri des déchets', 'restauration', 'prestations intellectuelles', 'autre')",
            name="sector_enum",
        ),
        sa.CheckConstraint("duration_months IS NULL OR duration_months >= 1", name="duration_positive"),
        sa.CheckConstraint("positions >= 1", name="positions_positive"),
        sa.CheckConstraint("rome_code IS NULL OR length(rome_code) = 5", name="rome_code_len"),
        sa.CheckConstraint("wished_start IS NULL OR wished_start >= created_on", name="start_after_creation"),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["company.id"],
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    with op.batch_alter_table("recruitment_need", schema=None) as batch_op:
        batch_op.create_index("ix_need_company", ["company_id"], unique=False)
        batch_op.create_index("ix_need_created", ["created_on"], unique=False)

    op.create_table(
        "candidacy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("prescriber", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("proposed_on", sa.Date(), nullable=False),
        sa.Column("interview_on", sa.Date(), nullable=True),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("hired_on", sa.Date(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("decision IS NULL OR decision <> 'retenu' OR hired_on IS NOT NULL", name="hire_dated"),
        sa.CheckConstraint("decision IS NULL OR decision IN ('retenu', 'non retenu', 'désisté')", name="decision_enum"),
        sa.CheckConstraint(
            "prescriber IS NULL OR prescriber IN ('France Travail', 'Mission Locale', 'Cap Emploi', 'PLIE', 'département', 'structure d''insertion', 'candidature spontanée', 'autre')",
            name="prescriber_enum",
        ),
        sa.CheckConstraint(
            "(interview_on IS NULL OR interview_on >= proposed_on) AND (decided_on IS NULL OR decided_on >= proposed_on) AND (hired_on IS NULL OR hired_on >= proposed_on)",
            name="steps_after_proposal",
        ),
        sa.CheckConstraint("decision IS NULL OR decided_on IS NOT NULL", name="decision_dated"),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["recruitment_need.id"],
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("need_id", "participant_id", name="uq_candidacy_key"),
    )
    with op.batch_alter_table("candidacy", schema=None) as batch_op:
        batch_op.create_index("ix_candidacy_participant", ["participant_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("candidacy", schema=None) as batch_op:
        batch_op.drop_index("ix_candidacy_participant")

    op.drop_table("candidacy")
    with op.batch_alter_table("recruitment_need", schema=None) as batch_op:
        batch_op.drop_index("ix_need_created")
        batch_op.drop_index("ix_need_company")

    op.drop_table("recruitment_need")
