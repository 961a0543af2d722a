"""The office (klub / centrum integracji społecznej) and its operating body (docs/domain.md#participants)."""

from __future__ import annotations

import datetime as dt
from uuid import uuid4

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kisdesk.models.base import Base, Timestamps, Versioned


class Operator(Timestamps, Versioned, Base):
    """Podmiot prowadzący (KIS) / instytucja tworząca (CIS)."""

    __tablename__ = "operator"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # gmina, ops, association, foundation, cooperative, church, other (kisdesk.services.office)
    legal_form: Mapped[str] = mapped_column(String(30), default="other")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    fax: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    nip: Mapped[str | None] = mapped_column(String(10))
    regon: Mapped[str | None] = mapped_column(String(14))
    krs: Mapped[str | None] = mapped_column(String(10))


class Office(Timestamps, Versioned, Base):
    """Klub integracji społecznej (KIS) or centrum integracji społecznej (CIS).

    One installation serves one office, so the table holds a single row.
    """

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    # A stable identity, never shown or edited: every backup carries it, so a backup of
    # another office is not restored over this one unnoticed (docs/storage.md).
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=lambda: uuid4().hex)
    kind: Mapped[str] = mapped_column(String(3))  # "kis" | "cis"
    name: Mapped[str] = mapped_column(String(300))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    created_on: Mapped[dt.date | None]  # data utworzenia
    activity_started_on: Mapped[dt.date | None]  # data rozpoczęcia działalności
    head_name: Mapped[str] = mapped_column(String(200), default="")  # osoba kierująca
    register_number: Mapped[str] = mapped_column(String(50), default="")  # wpis do rejestru
    register_date: Mapped[dt.date | None]
    status_granted_on: Mapped[dt.date | None]  # CIS: status granted for 5 years (art. 5)
    status_expires_on: Mapped[dt.date | None]
    closed_on: Mapped[dt.date | None]  # zaprzestanie prowadzenia (art. 18a ust. 4)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operator.id"))

    operator: Mapped[Operator] = relationship(lazy="joined")
