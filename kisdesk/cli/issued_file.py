"""A registered document written to the user's file in one step with its register entry.

The document's number is taken in the database session; the PDF is drawn into a temporary
file beside the target. The file is moved to its name first and the session committed after:
a name that cannot be written (a folder, a file open in a viewer, a missing folder) rolls
the register entry back, so a failed print never uses up a number (the register of issued
documents, docs/domain.md#documents). Should the commit itself fail, the file just
moved is removed again: no paper carries a number the register does not have.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kisdesk.db import Database
from kisdesk.reports.pdf.layout import atomic_path


@contextlib.contextmanager
def issued_file(db: Database, out: str | Path) -> Iterator[tuple[Any, Path]]:
    """(session, temporary path) for the document's work; see the module's note."""
    target = Path(out)
    moved = False
    try:
        with db.session() as session:
            with atomic_path(target) as tmp:
                yield session, tmp
            moved = True
    except BaseException:
        if moved:
            target.unlink(missing_ok=True)
        raise
