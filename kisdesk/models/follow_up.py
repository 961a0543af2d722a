"""Follow-up checkpoints after a participation ended (monitoring po wyjściu, docs/outcomes.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, Timestamps, Versioned


class FollowUp(Timestamps, Versioned, Base):
    """Kontakt kontrolny: N months after the end of one period, due on `due_on`.

    Created when the period ends (one per month of the setting `followup_months`); the
    contact fills `contacted_on` and `result` (working, not_working, no_contact) and, when
    working, the outcome `kind`. `participant_id` repeats the period's person so the audit
    log and the art. 15 data pack find the entry by person.
    """

    __tablename__ = "follow_up"
    __table_args__ = (
        UniqueConstraint("participation_id", "checkpoint_months"),
        Index("ix_follow_up_due", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    checkpoint_months: Mapped[int]
    due_on: Mapped[dt.date]
    contacted_on: Mapped[dt.date | None]
    result: Mapped[str | None] = mapped_column(String(20))
    kind: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
