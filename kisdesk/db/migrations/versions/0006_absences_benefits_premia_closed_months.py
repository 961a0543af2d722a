"""absences, benefits, premia, closed months

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-06 23:37:52.046990

CIS money (art. 15 and 15a of the act; docs/benefit.md): whole-day absences (sick leave,
days off, other excused or unexcused days), the benefit rates the office adds, premia, closed
months with the benefit list kept at the close, and the readiness dates of art. 14 ust. 2.
Generated with autogenerate, then reviewed. Money in grosze (integers): exact everywhere.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "benefit_rate",
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("valid_from", name=op.f("pk_benefit_rate")),
    )
    op.create_table(
        "month_closure",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=200), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by", sa.String(length=200), nullable=False),
        sa.Column("reopen_reason", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_month_closure")),
    )
    op.create_table(
        "absence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("from_on", sa.Date(), nullable=False),
        sa.Column("to_on", sa.Date(), nullable=False),
        sa.Column("document", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("consent_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_absence_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_absence_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence")),
    )
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.create_index(
            "ix_absence_dates", ["participant_id", "from_on", "to_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_absence_participation_id"), ["participation_id"], unique=False
        )

    op.create_table(
        "benefit_premium",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("granted_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_benefit_premium_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_benefit_premium_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benefit_premium")),
        sa.UniqueConstraint(
            "participation_id", "month", name=op.f("uq_benefit_premium_participation_id_month")
        ),
    )
    with op.batch_alter_table("benefit_premium", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_benefit_premium_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "cis_readiness",
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("bhp_training_on", sa.Date(), nullable=True),
        sa.Column("medical_exam_on", sa.Date(), nullable=True),
        sa.Column("work_clothes_on", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_cis_readiness_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participation_id", name=op.f("pk_cis_readiness")),
    )


def downgrade() -> None:
    op.drop_table("cis_readiness")
    with op.batch_alter_table("benefit_premium", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benefit_premium_participant_id"))

    op.drop_table("benefit_premium")
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_absence_participation_id"))
        batch_op.drop_index("ix_absence_dates")

    op.drop_table("absence")
    op.drop_table("month_closure")
    op.drop_table("benefit_rate")
