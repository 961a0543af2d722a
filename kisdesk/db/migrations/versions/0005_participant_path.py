"""the participant's path: kontrakt socjalny / IPZS per period, reviews, authorisations

Revision ID: 0005
Revises: 0007
Create Date: 2026-12-06 23:50:00

The kontrakt socjalny / IPZS moves from the person to the participation period
(docs/participant-path.md). Each person's contract goes to the period its "from" date or its
date signed falls into; else to the first period starting after that date (a kontrakt is
signed before the person starts); else to the person's latest period. A person
with a contract but no period at all keeps it, written out, at the end of the notes: nothing is
lost. Every move is logged. Old statuses: completed → realised, interrupted → terminated.
Also: the participant's kind, the art. 1 ust. 3 statement, the PUP copy of a CIS certificate and
the register of data-processing authorisations (art. 8b ust. 4, art. 18f).
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0007"
branch_labels = None
depends_on = None

log = logging.getLogger("kisdesk.db.migrations")

STATUS_MAP = {"completed": "realised", "interrupted": "terminated", "in_progress": "in_progress"}
OLD_COLUMNS = (
    "contract_number",
    "contract_date",
    "contract_institution",
    "contract_social_worker",
    "contract_from",
    "contract_to",
    "contract_status",
)


DATE_COLUMNS = ("contract_date", "contract_from", "contract_to")


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
    ]


def _create_tables() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=50), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("social_worker", sa.String(length=200), nullable=False),
        sa.Column("from_on", sa.Date(), nullable=True),
        sa.Column("to_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=True),
        sa.Column("trial_decision", sa.String(length=20), server_default="", nullable=False),
        sa.Column("trial_decision_on", sa.Date(), nullable=True),
        sa.Column("trial_note", sa.Text(), server_default="", nullable=False),
        sa.Column("end_ground", sa.String(length=20), server_default="", nullable=False),
        sa.Column("end_justification", sa.Text(), server_default="", nullable=False),
        *_timestamps(),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_contract_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("participation_id", name=op.f("uq_contract_participation_id")),
    )
    op.create_table(
        "contract_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("actions", sa.Text(), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contract_goal_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_goal")),
    )
    op.create_index(op.f("ix_contract_goal_contract_id"), "contract_goal", ["contract_id"])
    op.create_table(
        "contract_annex",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("change", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_contract_annex_contract_id_contract"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_annex")),
    )
    op.create_index(op.f("ix_contract_annex_contract_id"), "contract_annex", ["contract_id"])
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_review_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
    )
    op.create_index(op.f("ix_review_participation_id"), "review", ["participation_id"])
    op.create_table(
        "review_progress",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("progress", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["contract_goal.id"],
            name=op.f("fk_review_progress_goal_id_contract_goal"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_review_progress_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", "goal_id", name=op.f("pk_review_progress")),
    )
    op.create_table(
        "authorisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=200), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("undertaking_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        *_timestamps(),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_authorisation_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_authorisation_user_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_authorisation")),
    )
    op.create_index(op.f("ix_authorisation_staff_id"), "authorisation", ["staff_id"])
    op.create_index(op.f("ix_authorisation_user_id"), "authorisation", ["user_id"])


def _target_period(periods: list[Any], days: list[Any]) -> tuple[Any, str]:
    """The period one of the contract's dates (its "from" date, then the date signed) falls
    into; else the first period starting after it (a kontrakt is signed before the person
    starts); else the latest. `periods` are sorted by start."""
    if not periods:
        return None, "none"
    for day in days:
        for pid, start, end in periods:
            if start <= day and (end is None or day <= end):
                return pid, "the period its date falls into"
    if days:
        for pid, start, _end in periods:
            if start > days[0]:
                return pid, "the first period after its date"
    return periods[-1][0], "the latest period"


def _move_contracts() -> None:
    conn = op.get_bind()
    participant = sa.table(
        "participant",
        sa.column("id", sa.Integer),
        sa.column("notes", sa.Text),
        *(sa.column(c, sa.Date if c in DATE_COLUMNS else sa.String) for c in OLD_COLUMNS),
    )
    participation = sa.table(
        "participation",
        sa.column("id", sa.Integer),
        sa.column("participant_id", sa.Integer),
        sa.column("start_on", sa.Date),
        sa.column("end_on", sa.Date),
    )
    contract = sa.table(
        "contract",
        *(
            sa.column(c)
            for c in (
                "participation_id",
                "number",
                "signed_on",
                "institution",
                "social_worker",
                "from_on",
                "to_on",
                "status",
                "status_on",
                "trial_decision",
                "trial_note",
                "end_ground",
                "end_justification",
                "version",
            )
        ),
    )
    people = conn.execute(sa.select(participant)).mappings().all()
    moved = kept_in_notes = 0
    for person in people:
        values = {c: person[c] for c in OLD_COLUMNS}
        if not any(v not in (None, "") for v in values.values()):
            continue
        periods = conn.execute(
            sa.select(participation.c.id, participation.c.start_on, participation.c.end_on)
            .where(participation.c.participant_id == person["id"])
            .order_by(participation.c.start_on)
        ).all()
        days = [d for d in (values["contract_from"], values["contract_date"]) if d is not None]
        target, how = _target_period(list(periods), days)
        if target is None:
            # No period to hold it: the contract is written into the notes, not dropped.
            parts = [f"{c}={values[c]}" for c in OLD_COLUMNS if values[c] not in (None, "")]
            note = (person["notes"] or "").rstrip()
            note += ("\n" if note else "") + "Kontrakt/IPZS (przeniesiony): " + "; ".join(parts)
            conn.execute(
                participant.update().where(participant.c.id == person["id"]).values(notes=note)
            )
            kept_in_notes += 1
            log.warning("participant %s: contract without a period kept in the notes", person["id"])
            continue
        conn.execute(
            contract.insert().values(
                participation_id=target,
                number=values["contract_number"] or "",
                signed_on=values["contract_date"],
                institution=values["contract_institution"] or "",
                social_worker=values["contract_social_worker"] or "",
                from_on=values["contract_from"],
                to_on=values["contract_to"],
                status=STATUS_MAP.get(values["contract_status"] or "", "in_progress"),
                status_on=None,
                trial_decision="",
                trial_note="",
                end_ground="",
                end_justification="",
                version=1,
            )
        )
        moved += 1
        log.info(
            "participant %s: contract %r moved to participation %s (%s)",
            person["id"],
            values["contract_number"] or "",
            target,
            how,
        )
    log.info(
        "contracts moved to their periods: %d; kept in notes (no period): %d",
        moved,
        kept_in_notes,
    )


def upgrade() -> None:
    _create_tables()
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=20), server_default="art1", nullable=False)
        )
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("statement_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("entitlements", sa.String(length=200), server_default="", nullable=False)
        )
    with op.batch_alter_table("issued_document", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pup_required", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("sent_to_pup_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("pup_office", sa.String(length=200), server_default="", nullable=False)
        )
    _move_contracts()
    with op.batch_alter_table("participant", schema=None) as batch_op:
        for column in OLD_COLUMNS:
            batch_op.drop_column(column)


def downgrade() -> None:
    raise NotImplementedError("kisdesk never downgrades a database; restore a backup instead")
