"""Participation periods (okresy uczestnictwa) and groups (grupy)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kisdesk.models.base import Base, Timestamps, Versioned

if TYPE_CHECKING:
    from kisdesk.models.participant import Participant


class Group(Timestamps, Versioned, Base):
    """Grupa: members come through their participation periods."""

    __tablename__ = "group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    start_on: Mapped[dt.date | None]
    end_on: Mapped[dt.date | None]
    description: Mapped[str] = mapped_column(Text, default="")


class Participation(Timestamps, Versioned, Base):
    """Okres uczestnictwa: start, planned end, actual end with its reason, and the group.

    Graduate status counts one period on its own (docs/domain.md#graduate-status): periods are never added up.
    """

    __tablename__ = "participation"
    __table_args__ = (Index("ix_participation_dates", "start_on", "end_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("group.id", ondelete="SET NULL"), index=True
    )
    start_on: Mapped[dt.date]
    planned_end_on: Mapped[dt.date | None]
    end_on: Mapped[dt.date | None]
    # completed, employment, cooperative, business, resigned, removed, moved_to_cis, other
    end_reason: Mapped[str | None] = mapped_column(String(20))
    end_note: Mapped[str] = mapped_column(Text, default="")
    # The art. 1 ust. 3 statement made at enrolment: the date and the entitlements declared
    # (comma-separated codes of kisdesk.rules.eligibility; "" = none of them).
    statement_on: Mapped[dt.date | None]
    entitlements: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # What happened after the period (docs/outcomes.md): kisdesk.rules.outcomes
    # OUTCOME_KINDS, pre-filled from the end reason, changed by hand or by a follow-up.
    outcome_kind: Mapped[str | None] = mapped_column(String(20))
    outcome_on: Mapped[dt.date | None]  # the day the outcome began
    outcome_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    participant: Mapped[Participant] = relationship(back_populates="participations")
    group: Mapped[Group | None] = relationship(lazy="joined")
