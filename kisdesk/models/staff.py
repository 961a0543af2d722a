"""Staff (kadra): the people who run the office's classes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
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
