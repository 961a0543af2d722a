"""Benefit rates, premia (art. 15, 15a) and closed months (docs/benefit.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, Timestamps, Versioned, utcnow


class BenefitRate(Base):
    """A rate of the świadczenie added by the office (120 % of the zasiłek from a date).

    The known rates ship with the program (kisdesk.rules.benefit.SHIPPED_RATES); a row here
    adds or replaces the one of its date. Money is kept in grosze: exact on every database.
    """

    __tablename__ = "benefit_rate"

    valid_from: Mapped[dt.date] = mapped_column(primary_key=True)
    amount_cents: Mapped[int]
    added_by: Mapped[str] = mapped_column(String(200), default="")
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class BenefitPremium(Timestamps, Versioned, Base):
    """Motywacyjna premia integracyjna (art. 15a) of one participation period and month."""

    __tablename__ = "benefit_premium"
    __table_args__ = (UniqueConstraint("participation_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE")
    )
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    amount_cents: Mapped[int]
    reason: Mapped[str] = mapped_column(Text, default="")
    granted_by: Mapped[str] = mapped_column(String(200), default="")


class MonthClosure(Timestamps, Versioned, Base):
    """A closed month (§ "Closing a month" of docs/benefit.md): nothing of it changes until the
    leader reopens it with a reason. `snapshot` is the benefit list as it stood at the last
    close, so a list printed after a correction shows the differences."""

    __tablename__ = "month_closure"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM
    closed: Mapped[bool] = mapped_column(default=True)
    closed_at: Mapped[dt.datetime | None]
    closed_by: Mapped[str] = mapped_column(String(200), default="")
    reopened_at: Mapped[dt.datetime | None]
    reopened_by: Mapped[str] = mapped_column(String(200), default="")
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[str] = mapped_column(Text, default="")  # JSON
