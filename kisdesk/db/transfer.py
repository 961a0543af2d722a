"""Move an office's data to another database (SQLite → PostgreSQL), verified by row counts.

The target is migrated to the same schema revision first and must be empty; rows are copied
table by table in foreign-key order, in batches, inside one transaction on the target, so an
interruption leaves the target empty rather than half-filled. Then every table's row count
is compared with the source's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select, text

from kisdesk.db.engine import make_engine
from kisdesk.db.migrate import current_revision, upgrade
from kisdesk.db.transfer_check import over_long
from kisdesk.db.transfer_errors import classify
from kisdesk.errors import StorageError, ValidationError
from kisdesk.messages.transfer import describe
from kisdesk.models import Base

BATCH = 5000


@dataclass(frozen=True, slots=True)
class TransferReport:
    counts: dict[str, int]  # table -> rows copied (equal on both sides)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            table.name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }


def copy_database(
    source: Engine,
    target_url: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> TransferReport:
    if current_revision(source) is None:
        raise StorageError("transfer.source_empty")
    # Before the target is even opened: a value the target would refuse stops nothing
    # half-way and leaves the target untouched.
    too_long = over_long(source)
    if too_long:
        raise ValidationError(
            "transfer.values_too_long", count=len(too_long), items=describe(too_long)
        )
    try:
        target = make_engine(target_url)
    except Exception as exc:  # no such driver: the text names the address
        raise StorageError(classify(exc, target_url)) from None
    try:
        try:
            upgrade(target)
        except StorageError as exc:
            if exc.code != "db.cannot_open_file":
                raise
            raise StorageError(classify(exc, target_url)) from None
        except Exception as exc:  # cannot connect, no rights… (the text may hold a password)
            raise StorageError(classify(exc, target_url)) from None
        if current_revision(source) != current_revision(target):
            raise StorageError("transfer.revision_mismatch")
        if any(_counts(target).values()):
            raise StorageError("transfer.target_not_empty")
        expected = _counts(source)
        total, done = sum(expected.values()), 0
        with source.connect() as src, target.begin() as dst:
            for table in Base.metadata.sorted_tables:
                rows = src.execute(select(table)).mappings()
                while batch := rows.fetchmany(BATCH):
                    dst.execute(insert(table), [dict(r) for r in batch])
                    done += len(batch)
                    if progress is not None:
                        progress(done, total, table.name)
            if dst.dialect.name == "postgresql":
                # Copied ids were explicit: move each id sequence past the highest id.
                for table in Base.metadata.sorted_tables:
                    if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
                        dst.execute(
                            text(
                                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                            )
                        )
        copied = _counts(target)
        if copied != expected:
            raise StorageError(
                "transfer.count_mismatch",
                tables=", ".join(t for t in expected if expected[t] != copied.get(t)),
            )
        return TransferReport(copied)
    finally:
        target.dispose()
