"""User accounts (konta użytkowników): named accounts only, with a role (docs/domain.md#office, issue 6)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, Timestamps, Versioned


class User(Timestamps, Versioned, Base):
    """Użytkownik: one person who signs in (never a shared "biuro" account).

    `password_hash` is an Argon2id PHC string (algorithm and parameters travel with it).
    Leavers are deactivated, never deleted, so the audit log keeps naming them. The failed
    sign-in counter lives here so the slowdown survives a restart of the program.
    """

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(60), unique=True)  # lower-case, NFKC
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))  # kisdesk.access.Role values
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True, server_default=true())
    # kadra: health categories (RODO art. 9) visible only where the work needs it.
    view_sensitive: Mapped[bool] = mapped_column(default=True, server_default=true())
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True
    )
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    last_failed_at: Mapped[dt.datetime | None]
    last_login_at: Mapped[dt.datetime | None]
    password_changed_at: Mapped[dt.datetime | None]
