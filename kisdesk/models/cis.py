"""Whole-day absences of CIS participants and the readiness dates of art. 14 ust. 2."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, Timestamps, Versioned


class Absence(Timestamps, Versioned, Base):
    """Nieobecność całodniowa: sick leave (L4), a day off (dzień wolny), other excused or
    unexcused days, from–to inclusive (art. 15 ust. 6a–7a; docs/benefit.md).

    A day off carries the participant's request date and who consented (the head).
    """

    __tablename__ = "absence"
    __table_args__ = (Index("ix_absence_dates", "participant_id", "from_on", "to_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))  # sick | day_off | excused | unexcused
    from_on: Mapped[dt.date]
    to_on: Mapped[dt.date]
    document: Mapped[str] = mapped_column(String(100), default="")  # L4 series and number
    note: Mapped[str] = mapped_column(Text, default="")
    requested_on: Mapped[dt.date | None]  # day off: the participant's request
    consent_by: Mapped[str] = mapped_column(String(200), default="")  # day off: the head


class CisReadiness(Timestamps, Versioned, Base):
    """Before classes start (art. 14 ust. 2): BHP training, medical examination, work clothes."""

    __tablename__ = "cis_readiness"

    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), primary_key=True
    )
    bhp_training_on: Mapped[dt.date | None]
    medical_exam_on: Mapped[dt.date | None]
    work_clothes_on: Mapped[dt.date | None]
