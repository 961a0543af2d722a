"""Before `migrate-to` writes anything: every stored text fits its column.

SQLite does not enforce `String(n)`, and values stored before the length checks
(kisdesk/db/text_guard.py) may be longer than the model allows; PostgreSQL refuses them and
the copy failed half-way with a fault. So the source is read first and every over-long value
is reported by record, field and lengths (never the value itself, which may be a name or a
PESEL), with how to shorten it in the program (docs/misuse-cases.md, "Moving to another
database").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, String, func, select

from kisdesk.messages.text import field_label
from kisdesk.models import Base


@dataclass(frozen=True, slots=True)
class TooLong:
    table: str
    record_id: str  # the primary key, "5" or "5/7" for a two-column key
    column: str
    label: str  # the field's Polish name
    limit: int
    length: int


def over_long(source: Engine) -> list[TooLong]:
    """Every stored text longer than its column's declared length, table by table."""
    found: list[TooLong] = []
    with source.connect() as conn:
        for table in Base.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            for column in table.columns:
                if not isinstance(column.type, String) or not column.type.length:
                    continue
                limit = column.type.length
                length = func.length(column)  # characters, on SQLite and PostgreSQL alike
                query = select(*key, length).where(length > limit).order_by(*key)
                for row in conn.execute(query):
                    found.append(
                        TooLong(
                            table.name,
                            "/".join(str(v) for v in row[:-1]),
                            column.name,
                            field_label(table.name, column.name),
                            limit,
                            int(row[-1]),
                        )
                    )
    return found
