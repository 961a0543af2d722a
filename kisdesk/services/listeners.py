"""The services' session listeners, installed once on kisdesk's own session class.

- `audit.run_after_transaction`: audit entries kept for after a unit of work (reads,
  refusals) are written when it ends, whatever its outcome;
- `audit_changes.log_flushed_changes`: every change written through the ORM is logged in
  the same transaction (docs/architecture.md#ops);
- `rodo.refuse_restricted`: nothing changes a restricted participant's records (RODO
  art. 18).

Every entry point installs them before it opens a database: the program (kisdesk.app), the
command line (kisdesk.cli.main), the self-test, and the tests' conftest. Installing twice
changes nothing.
"""

from __future__ import annotations

from kisdesk.db.database import KisdeskSession
from kisdesk.services import audit, audit_changes, rodo

LISTENERS = (
    ("after_transaction_end", audit.run_after_transaction),
    ("after_flush", audit_changes.log_flushed_changes),
    ("before_flush", rodo.refuse_restricted),
)


def install(session_class: type[KisdeskSession] = KisdeskSession) -> None:
    """Attach the listeners to `session_class` (kisdesk's sessions by default)."""
    from sqlalchemy import event

    for name, fn in LISTENERS:
        if not event.contains(session_class, name, fn):
            event.listen(session_class, name, fn)


def installed(session_class: type[KisdeskSession] = KisdeskSession) -> bool:
    from sqlalchemy import event

    return all(event.contains(session_class, name, fn) for name, fn in LISTENERS)
