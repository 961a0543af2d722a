"""Every text written through a unit of work is checked against its column: no control
characters, no more characters than the model declares (String(100) is 100 on SQLite too,
where the declared length is not enforced, so SQLite and PostgreSQL refuse the same values
with the same message, and `migrate-to` PostgreSQL never meets a value it cannot hold).

The services check the fields a user fills in before anything is written (names, through
kisdesk.services.common.checked_text, so the import preview reports them per row); this
guard is the net under every other path: the GUI, the CLI and the import share it because
it sits in the session (docs/misuse-cases.md, "Names and texts").
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Session

from kisdesk.errors import ValidationError
from kisdesk.messages.text import field_label
from kisdesk.rules.text import text_problem

# Written by the program from already-checked values (the audit chain hashes what it stores).
_EXEMPT_TABLES = frozenset({"audit_entry", "alembic_version"})


def _changed_texts(obj: Any, is_new: bool) -> list[tuple[str, str, int | None]]:
    state = inspect(obj)
    mapper = state.mapper
    table = mapper.local_table.name if mapper.local_table is not None else ""
    if table in _EXEMPT_TABLES:
        return []
    found = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if not isinstance(column.type, String):
            continue
        if is_new:
            value = state.dict.get(attr.key)
        else:
            added = state.attrs[attr.key].history.added
            value = added[0] if added else None
        if isinstance(value, str):
            found.append((f"{table}.{column.name}", value, column.type.length))
    return found


def check_flush(session: Session, _context: Any, _instances: Any) -> None:
    """before_flush: refuse the unit of work (nothing written) at the first bad text."""
    for obj, is_new in [*((o, True) for o in session.new), *((o, False) for o in session.dirty)]:
        for where, value, limit in _changed_texts(obj, is_new):
            problem = text_problem(value, limit, multiline=True)
            if problem is not None:
                table, _, column = where.partition(".")
                raise ValidationError(
                    problem.code, field=column, label=field_label(table, column), **problem.params
                )
