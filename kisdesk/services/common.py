"""Small helpers shared by the services."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import NotFoundError, PermissionDenied, ValidationError

T = TypeVar("T")


def require(session: Session, permission: Permission, code: str = "access.denied") -> None:
    """Refuse the call unless the current actor's role allows `permission` (`code`: the
    message, where the generic one would not say what was refused)."""
    actor = actor_of(session)
    if not actor.can(permission):
        # Access-control failures are logged (OWASP logging cheat sheet), after the unit ends.
        from kisdesk.services import audit

        audit.record_after(session, "access_denied", permission=permission.value)
        raise PermissionDenied(code, permission=permission.value, role=actor.role.value)


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
