"""The participant's path (docs/domain.md#kontrakt-ipzs): the kontrakt socjalny (KIS, art. 18 ust. 4) or the
IPZS (CIS, art. 12–13) of one participation period, its goals, changes (aneks) and reviews."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kisdesk.models.base import Base, Timestamps, Versioned


class Contract(Timestamps, Versioned, Base):
    """Kontrakt socjalny / IPZS: one per participation period, never per person.

    status: in_progress (w realizacji) | realised (zrealizowany) | not_realised
    (niezrealizowany) | terminated (rozwiązany), with the date the status was given.
    "realised" is a condition of KIS graduate status (art. 2 pkt 1b).
    CIS only: the head's qualification after the trial month (art. 15 ust. 2) and the
    decision ending the IPZS (art. 13 ust. 4–4b).
    """

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), unique=True
    )
    number: Mapped[str] = mapped_column(String(50), default="")
    signed_on: Mapped[dt.date | None]
    institution: Mapped[str] = mapped_column(String(200), default="")
    social_worker: Mapped[str] = mapped_column(String(200), default="")
    from_on: Mapped[dt.date | None]
    to_on: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    status_on: Mapped[dt.date | None]
    # CIS: qualified | not_qualified after the trial month (art. 15 ust. 2); "" not decided
    trial_decision: Mapped[str] = mapped_column(String(20), default="", server_default="")
    trial_decision_on: Mapped[dt.date | None]
    trial_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # CIS: why the IPZS ended (art. 13 ust. 4): breach | leaving | statement | ""
    end_ground: Mapped[str] = mapped_column(String(20), default="", server_default="")
    end_justification: Mapped[str] = mapped_column(Text, default="", server_default="")

    goals: Mapped[list[ContractGoal]] = relationship(
        cascade="all, delete-orphan", order_by="ContractGoal.id"
    )
    annexes: Mapped[list[ContractAnnex]] = relationship(
        cascade="all, delete-orphan", order_by="ContractAnnex.signed_on"
    )


class ContractGoal(Base):
    """Cel kontraktu/IPZS with the actions agreed, who is responsible, a target date and status.

    status: in_progress (w toku) | achieved (osiągnięty) | not_achieved (nieosiągnięty).
    """

    __tablename__ = "contract_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    area: Mapped[str] = mapped_column(String(20), default="")  # social | vocational | ""
    actions: Mapped[str] = mapped_column(Text, default="")
    responsible: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(20), default="in_progress")


class ContractAnnex(Base):
    """Aneks: a change of the kontrakt/IPZS (art. 13 ust. 3), its date and what changed."""

    __tablename__ = "contract_annex"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contract.id", ondelete="CASCADE"), index=True
    )
    signed_on: Mapped[dt.date]
    change: Mapped[str] = mapped_column(Text)


class Review(Timestamps, Base):
    """Przegląd realizacji: the date, who took part, progress per goal and a note (docs/domain.md#kontrakt-ipzs)."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participation.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[dt.date]
    attendees: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")

    progress: Mapped[list[ReviewProgress]] = relationship(
        cascade="all, delete-orphan", order_by="ReviewProgress.goal_id"
    )


class ReviewProgress(Base):
    """Progress of one goal at a review: achieved | in_progress | not_achieved."""

    __tablename__ = "review_progress"

    review_id: Mapped[int] = mapped_column(
        ForeignKey("review.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[int] = mapped_column(
        ForeignKey("contract_goal.id", ondelete="CASCADE"), primary_key=True
    )
    progress: Mapped[str] = mapped_column(String(20))
