"""The audit log (dziennik zdarzeń): append-only and hash-chained (issue 6).

Each row stores `hash = sha256(prev_hash + canonical JSON of the row)`, so editing or
removing a row breaks the chain (`kisdesk audit verify`). On SQLite, triggers created by
the migration refuse UPDATE and DELETE. Rows never hold personal values: ids, field names,
counts and the acting user's name only (OWASP logging cheat sheet; docs/threat-model.md §3).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base

GENESIS_HASH = "0" * 64


class AuditEntry(Base):
    """One event: who, when (UTC), what, about which record."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime]
    user_id: Mapped[int | None]  # no foreign key: the log outlives every other row
    user_name: Mapped[str] = mapped_column(String(200), default="")
    event: Mapped[str] = mapped_column(String(40), index=True)
    record_type: Mapped[str | None] = mapped_column(String(40))
    record_id: Mapped[int | None]
    participant_id: Mapped[int | None] = mapped_column(index=True)  # whom it concerns
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    # Unique: two writers can never both extend the chain from the same row.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))
