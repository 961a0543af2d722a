"""Participants (uczestnicy) and their art. 1 ust. 2 categories (docs/domain.md#participants)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kisdesk.models.base import Base, Timestamps, Versioned

if TYPE_CHECKING:
    from kisdesk.models.participation import Participation


class Participant(Timestamps, Versioned, Base):
    """Uczestnik. A person is recorded once; each stay is a Participation.

    PESEL is unique when present; people without one (e.g. refugees) have a birth date, sex
    and an identity document instead.
    """

    __tablename__ = "participant"
    __table_args__ = (Index("ix_participant_name", "last_name", "first_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    pesel: Mapped[str | None] = mapped_column(String(11), unique=True)
    birth_date: Mapped[dt.date]
    sex: Mapped[str] = mapped_column(String(1))  # "K" | "M"
    id_document: Mapped[str] = mapped_column(String(100), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    gmina: Mapped[str] = mapped_column(String(100), default="")
    powiat: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    education: Mapped[str] = mapped_column(String(30), default="")
    # skierowanie: ops | pup | self | other
    referral_source: Mapped[str] = mapped_column(String(10), default="")
    referral_institution: Mapped[str] = mapped_column(String(200), default="")
    referral_date: Mapped[dt.date | None]
    referral_number: Mapped[str] = mapped_column(String(50), default="")
    # art1 (a person of art. 1 ust. 2) | social_enterprise (an employee of a przedsiębiorstwo
    # społeczne: art. 3 ust. 1b, art. 18 ust. 10 – no category, no kontrakt/IPZS, no benefit)
    kind: Mapped[str] = mapped_column(String(20), default="art1", server_default="art1")
    consents: Mapped[str] = mapped_column(Text, default="")
    rodo_clause_given_on: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    # RODO art. 18: a restricted record is read-only and kept out of exports (services.rodo).
    restricted: Mapped[bool] = mapped_column(default=False, server_default=false())
    restricted_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    restricted_on: Mapped[dt.date | None]
    anonymized_at: Mapped[dt.datetime | None]  # the person removed, statistics kept (art. 17)
    # The art. 9 categories (2, 3, 4, 8) sealed under the sensitive-data key, bound to this
    # id (docs/threat-model.md §3.4); None while the office keeps them plain.
    health_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)

    categories: Mapped[list[ParticipantCategory]] = relationship(
        cascade="all, delete-orphan", order_by="ParticipantCategory.category"
    )
    participations: Mapped[list[Participation]] = relationship(
        back_populates="participant", order_by="Participation.start_on"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ParticipantCategory(Base):
    """One art. 1 ust. 2 category (1–9) of a participant: the category, never a diagnosis."""

    __tablename__ = "participant_category"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[int] = mapped_column(primary_key=True)
