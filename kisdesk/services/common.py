"""Small helpers shared by the services."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from kisdesk.errors import NotFoundError, ValidationError

# `require` lives with the audit log, which records every refusal; the services import it here
from kisdesk.services.audit import require as require

T = TypeVar("T")


def get_or_raise(session: Session, model: type[T], key: Any, code: str) -> T:
    obj = session.get(model, key)
    if obj is None:
        raise NotFoundError(code, id=key)
    return obj


def clean(value: str | None) -> str:
    """Trimmed text with inner runs of whitespace collapsed (names typed or pasted)."""
    return " ".join((value or "").split())


def check_choice(value: str, allowed: frozenset[str] | set[str], code: str) -> str:
    if value not in allowed:
        raise ValidationError(code, value=value, allowed=", ".join(sorted(allowed)))
    return value


def today() -> dt.date:
    return dt.date.today()
