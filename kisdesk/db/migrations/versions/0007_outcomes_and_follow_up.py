"""outcomes of participation periods and follow-up checkpoints

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 23:55:00

What happened after each period (docs/outcomes.md): the outcome's kind, start and note on
the period, and the follow-up checkpoints after its end. Existing ended periods get the
outcome their end reason implies; periods whose last default checkpoint (6 months) is still
ahead on the day of the upgrade get their checkpoints at 3 and 6 months, so the follow-up of
people who left recently is not lost. Older periods get none: asking years later helps no
one and would fill the list of things to do.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# kisdesk.rules.outcomes as of this revision (a migration must not follow later code).
_FROM_REASON = {
    "employment": "employment",
    "cooperative": "cooperative",
    "business": "business",
    "moved_to_cis": "moved_to_cis",
}
_CHECKPOINTS = (3, 6)


def _add_months(d: dt.date, months: int) -> dt.date:
    import calendar

    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(d.day, last))


def upgrade() -> None:
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome_kind", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("outcome_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("outcome_note", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participation_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("checkpoint_months", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=True),
        sa.Column("result", sa.String(length=20), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_follow_up_participant_id_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participation_id"],
            ["participation.id"],
            name=op.f("fk_follow_up_participation_id_participation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
        sa.UniqueConstraint(
            "participation_id",
            "checkpoint_months",
            name=op.f("uq_follow_up_participation_id_checkpoint_months"),
        ),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_due", ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_follow_up_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_follow_up_participation_id"), ["participation_id"], unique=False
        )

    bind = op.get_bind()
    period = sa.table(
        "participation",
        sa.column("id", sa.Integer()),
        sa.column("participant_id", sa.Integer()),
        sa.column("end_on", sa.Date()),
        sa.column("end_reason", sa.String()),
        sa.column("outcome_kind", sa.String()),
        sa.column("outcome_on", sa.Date()),
    )
    follow_up = sa.table(
        "follow_up",
        sa.column("participation_id", sa.Integer()),
        sa.column("participant_id", sa.Integer()),
        sa.column("checkpoint_months", sa.Integer()),
        sa.column("due_on", sa.Date()),
    )
    today = dt.date.today()
    rows = bind.execute(
        sa.select(period.c.id, period.c.participant_id, period.c.end_on, period.c.end_reason).where(
            period.c.end_on.is_not(None)
        )
    ).all()
    checkpoints = []
    for pid, person, end_on, reason in cast("list[tuple[int, int, dt.date, str | None]]", rows):
        kind = _FROM_REASON.get(reason or "", "unknown")
        bind.execute(
            period.update()
            .where(period.c.id == pid)
            .values(outcome_kind=kind, outcome_on=end_on if kind != "unknown" else None)
        )
        if _add_months(end_on, max(_CHECKPOINTS)) >= today:
            checkpoints += [
                {
                    "participation_id": pid,
                    "participant_id": person,
                    "checkpoint_months": m,
                    "due_on": _add_months(end_on, m),
                }
                for m in _CHECKPOINTS
            ]
    if checkpoints:
        op.bulk_insert(follow_up, checkpoints)


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_up_participation_id"))
        batch_op.drop_index(batch_op.f("ix_follow_up_participant_id"))
        batch_op.drop_index("ix_follow_up_due")
    op.drop_table("follow_up")
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_column("outcome_note")
        batch_op.drop_column("outcome_on")
        batch_op.drop_column("outcome_kind")
