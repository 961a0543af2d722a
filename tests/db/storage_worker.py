"""A child process for the disk-full tests: one operation under a file-size limit.

    python storage_worker.py MODE DB_PATH LIMIT_BYTES [ARG]

RLIMIT_FSIZE makes every write past LIMIT_BYTES fail with EFBIG, as a full disk would
(SIGXFSZ, which would kill the process, is ignored). MODE: save, import, backup, export.
Prints one JSON object: {"ok": true} or {"ok": false, "code": ..., "message": ...}.
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import signal
import sys
from pathlib import Path

from sqlalchemy import text


def main() -> int:
    mode, db_path, limit = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    extra = sys.argv[4] if len(sys.argv) > 4 else ""
    from kisdesk.db import backup as bk
    from kisdesk.db.files import atomic_write
    from kisdesk.db.open import open_database
    from kisdesk.errors import KisdeskError
    from kisdesk.messages import describe
    from kisdesk.services import imports, participants

    db = open_database(f"sqlite:///{db_path}")
    with db.session() as s:  # take the lock and warm up before the limit
        s.execute(text("SELECT 1"))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    result: dict[str, object] = {"ok": True}
    try:
        if mode == "save":
            with db.session() as s:
                participants.add_participant(
                    s,
                    participants.ParticipantData(
                        first_name="Bolesław",
                        last_name="Przepełniony",
                        birth_date=dt.date(1970, 1, 1),
                        sex="M",
                        id_document="dowód XYZ000001",
                        notes="Bardzo długa notatka. " * 100_000,
                    ),
                )
        elif mode == "import":
            file = imports.open_import(extra)
            with db.session() as s:
                outcome = imports.run_import(s, file, file.proposed)
            result["imported"] = outcome.imported
        elif mode == "backup":
            bk.create_backup(db_path)
        elif mode == "export":
            atomic_write(Path(extra), b"%PDF-1.7 " + b"x" * 2_000_000)
    except KisdeskError as exc:
        result = {"ok": False, "code": exc.code, "message": describe(exc)}
    finally:
        db.dispose()
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
