"""Staff (kadra): the people who run the office's classes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, Timestamps, Versioned


class Staff(Timestamps, Versioned, Base):
    """Kadra: leader, social worker, psychologist, instructor…"""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(100), default="")  # e.g. "psycholog"
    # podstawa zatrudnienia: employment, civil_contract, volunteer, other (annual report art. 18a ust. 6)
    employment_basis: Mapped[str] = mapped_column(String(30), default="employment")
    working_time: Mapped[str] = mapped_column(String(100), default="")  # wymiar, e.g. "1/2 etatu"
    active_from: Mapped[dt.date | None]
    active_to: Mapped[dt.date | None]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Authorisation(Timestamps, Versioned, Base):
    """Upoważnienie do przetwarzania danych osobowych with the confidentiality undertaking
    (art. 8b ust. 4, art. 18f): for a staff member or a user account.

    Valid from `given_on` until `withdrawn_on` (exclusive); without a signed undertaking
    (`undertaking_on`) it does not allow processing.
    """

    __tablename__ = "authorisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    person_name: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(60), default="")
    given_on: Mapped[dt.date]
    scope: Mapped[str] = mapped_column(Text, default="")
    undertaking_on: Mapped[dt.date | None]
    withdrawn_on: Mapped[dt.date | None]
