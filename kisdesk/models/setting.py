"""Settings of docs/domain.md#law-or-setting stored in the database, and the log of every change."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kisdesk.models.base import Base, utcnow


class Setting(Base):
    """A value that differs from its declared default (kisdesk.services.settings.SPECS)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class SettingChange(Base):
    """Every change of a setting, with who made it (docs/domain.md#law-or-setting: the log of changes)."""

    __tablename__ = "setting_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), index=True)
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200), default="")
