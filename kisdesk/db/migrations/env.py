"""Alembic environment: always run from code (kisdesk.db.migrate) on a given connection."""

from __future__ import annotations

from alembic import context

from kisdesk.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` run by hand without kisdesk
    raise RuntimeError("kisdesk migrations run from kisdesk.db.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table (alembic "batch" docs).
    render_as_batch=connection.dialect.name == "sqlite",
    # One transaction per revision: a power cut mid-upgrade leaves the last whole revision.
    transaction_per_migration=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
