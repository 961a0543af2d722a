"""The activity journal (dziennik zajęć) and attendance (obecności), docs/domain.md#participants."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kisdesk.models.base import Base, Timestamps, Versioned
from kisdesk.models.staff import Staff

activity_staff = Table(
    "activity_staff",
    Base.metadata,
    Column("activity_id", ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True),
    Column("staff_id", ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True),
)


class ActivityForm(Base):
    """Dictionary of activity forms the office can extend (KIS defaults: art. 18 ust. 2)."""

    __tablename__ = "activity_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    area: Mapped[str] = mapped_column(String(12), default="social")  # social | vocational
    active: Mapped[bool] = mapped_column(default=True)


class Activity(Timestamps, Versioned, Base):
    """Zajęcia: one entry of the journal.

    Expected participants are derived, not stored: the members of `group_id` on `date`
    (through their participation periods), or the one `participant_id` of individual
    counselling, plus anyone with an attendance mark. `minutes` is end − start, kept as a
    column so hours are summed by SQL on SQLite and PostgreSQL alike.
    """

    __tablename__ = "activity"
    __table_args__ = (Index("ix_activity_date_group", "date", "group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[dt.date] = mapped_column(index=True)
    start_time: Mapped[dt.time]
    end_time: Mapped[dt.time]
    minutes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # group | individual
    area: Mapped[str] = mapped_column(String(12), default="social")  # social | vocational
    form: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(500), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    partner: Mapped[str] = mapped_column(String(200), default="")
    group_id: Mapped[int | None] = mapped_column(ForeignKey("group.id", ondelete="RESTRICT"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    # Counselling note of individual sessions: sensitive, visible to staff roles only.
    note: Mapped[str] = mapped_column(Text, default="")
    # The note sealed under the sensitive-data key, bound to this id; `note` is then empty
    # (docs/threat-model.md §3.4).
    note_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)

    staff: Mapped[list[Staff]] = relationship(secondary=activity_staff, lazy="selectin")


class Attendance(Versioned, Base):
    """Obecność: one mark per activity and participant (typed in from the signed paper list)."""

    __tablename__ = "attendance"
    __table_args__ = (Index("ix_attendance_participant", "participant_id", "activity_id"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activity.id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    mark: Mapped[str] = mapped_column(String(10))  # present | excused | absent | partial
    minutes: Mapped[int | None]  # for partial presence
    note: Mapped[str] = mapped_column(String(300), default="")
    recorded_at: Mapped[dt.datetime | None]
