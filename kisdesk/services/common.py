"""Small helpers shared by the services."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from kisdesk.errors import NotFoundError, ValidationError
from kisdesk.messages.text import field_label
from kisdesk.rules.text import strip_invisible, text_problem

# `require` lives with the audit log, which records every refusal; the services import it here
from kisdesk.services.audit import require as require

T = TypeVar("T")


def get_or_raise(session: Session, model: type[T], key: Any, code: str) -> T:
    obj = session.get(model, key)
    if obj is None:
        raise NotFoundError(code, id=key)
    return obj


def clean(value: str | None) -> str:
    """Trimmed text with inner runs of whitespace collapsed (names typed or pasted); zero-
    width characters at either end are dropped, so a name made only of them is empty."""
    return strip_invisible(" ".join((value or "").split()))


def checked_text(
    value: str, column: Any, *, multiline: bool = False, field: str | None = None
) -> str:
    """`value` if a column (a model attribute such as Participant.first_name) may hold it,
    else ValidationError naming the field and the limit (docs/misuse-cases.md)."""
    limit = getattr(column.type, "length", None)
    problem = text_problem(value, limit, multiline=multiline)
    if problem is not None:
        name = field or column.key
        raise ValidationError(
            problem.code, field=name, label=field_label(column.table.name, name), **problem.params
        )
    return value


def check_choice(value: str, allowed: frozenset[str] | set[str], code: str) -> str:
    if value not in allowed:
        raise ValidationError(code, value=value, allowed=", ".join(sorted(allowed)))
    return value


def today() -> dt.date:
    return dt.date.today()
