"""Backups known to be good: SQLite's backup API, verified, encrypted, written atomically.

The routine (docs/architecture.md#backups):
1. A read transaction on a separate read-only connection; row counts of every table; the
   backup API copies that same snapshot (never a file copy of a live database:
   sqlite.org/howtocorrupt.html §1.2). Writers go on meanwhile (WAL).
2. The plain copy is checked: PRAGMA integrity_check and the row counts equal the source's.
3. It is encrypted (backup_crypto) into a temporary file next to the final name, fsynced,
   the page cache dropped where the OS allows, read back, decrypted and checked again; only
   then renamed to its final name. A file under a final .kisbak name is a verified backup.
4. Only after that are old backups thinned (rotation.py).

Steps 1–2 live in backup_snapshot.py. The header also keeps the audit log's head (id and
hash of its newest entry, read in the same snapshot), so a restore can tell whether the
restored log ends where it did when the backup was made (docs/threat-model.md §3). An encrypted
database's backups are encrypted with a backup key wrapped by the database key
(backup_keys.py).

The plain copy lives in the private data folder's tmp/ only while it is checked and is
removed at once; a USB stick or a cloud folder only ever receives the encrypted file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kisdesk import __version__
from kisdesk.db import backup_crypto as bc
from kisdesk.db import rawconn
from kisdesk.db.backup_keys import Keyring, load_keyring, protect_with_database
from kisdesk.db.backup_snapshot import (  # noqa: F401  (also this module's API, as before)
    Snapshot,
    cleanup_tmp,
    connect_read_only,
    database_office,
    private_tempdir,
    row_counts,
    schema_revision,
    snapshot,
    table_names,
    tmp_root,
    verify_plain,
)
from kisdesk.db.files import atomic_path, atomic_write, remove_stale_temps
from kisdesk.db.rotation import RotationPolicy, thin
from kisdesk.errors import StorageError
from kisdesk.paths import backup_dir, data_dir

log = logging.getLogger(__name__)

SUFFIX = ".kisbak"
KINDS = ("auto", "exit", "manual", "pre-upgrade", "pre-restore")
AUTOMATIC = frozenset({"auto", "exit", "pre-upgrade", "pre-restore"})  # nobody asked for it
# DOTALL: a database's name may hold a line break (docs/misuse-cases.md, "Files and paths")
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<ts>\d{4}-\d{2}-\d{2}-\d{6})(?:-(?P<n>\d+))?-(?P<kind>[a-z-]+)\.kisbak\Z",
    re.DOTALL,
)
STATE_FILE = "backup-state.json"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime  # UTC, from the authenticated header
    kind: str
    schema_revision: str | None
    row_counts: dict[str, int]
    size: int
    app_version: str
    key_id: str
    source: str
    audit_head: tuple[int, str] | None = None  # the audit log's newest (id, hash) then
    # The identity (office.uid) of the office the backup holds; the header is readable
    # without the key, so it keeps no name (docs/storage.md, "Another office's backup").
    office_uid: str | None = None

    @property
    def records(self) -> int:
        return sum(n for t, n in self.row_counts.items() if t != "alembic_version")

    def created_local(self) -> str:
        return self.created_at.astimezone().strftime("%d.%m.%Y %H:%M")

    def audit_details(self) -> dict[str, Any]:
        """What the audit log keeps about this backup (kisdesk.services.audit, event
        "backup"): the file's name, never its folder (it may bear a person's name)."""
        return {
            "file": self.path.name,
            "kind": self.kind,
            "automatic": self.kind in AUTOMATIC,
            "records": self.records,
        }


def _drop_cache(path: Path) -> None:
    """Make the read-back come from the device, not from memory (Linux; elsewhere a no-op)."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    fd = os.open(path, os.O_RDWR)  # fsync needs write access on Windows (see files.fsync_file)
    try:
        os.fsync(fd)
        advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_name(db_path: Path, when: dt.datetime, kind: str, n: int = 0) -> str:
    counter = f"-{n}" if n else ""
    return f"{db_path.stem}-{when.astimezone():%Y-%m-%d-%H%M%S}{counter}-{kind}{SUFFIX}"


def _free_name(folder: Path, db_path: Path, when: dt.datetime, kind: str) -> Path:
    n = 0
    while (folder / backup_name(db_path, when, kind, n)).exists():
        n += 1
    return folder / backup_name(db_path, when, kind, n)


def create_backup(
    db_path: Path,
    *,
    folder: Path | None = None,
    out: Path | None = None,
    kind: str = "auto",
    keyring: Keyring | None = None,
    policy: RotationPolicy | None = None,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Back up the database at `db_path` into `folder` (automatic backups, thinned by
    `policy`) or to `out` (a folder or a file name: a USB stick), verified where written."""
    ring = _keyring_for(db_path, keyring)
    key = ring.key()
    when = now or dt.datetime.now(dt.UTC)
    if out is not None and (out.is_dir() or str(out).endswith(("/", os.sep))):
        target = _free_name(out, db_path, when, kind)
    elif out is not None:
        target = out if out.suffix == SUFFIX else out.with_name(out.name + SUFFIX)
    else:
        base = folder or backup_dir()
        target = _free_name(base, db_path, when, kind)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError("file.not_writable", path=str(target.parent)) from exc
    remove_stale_temps(target.parent)
    with private_tempdir() as tmp:
        plain = tmp / "snapshot.sqlite"
        seen = snapshot(db_path, plain)
        counts = seen.counts
        verify_plain(plain, counts)
        identity = database_office(plain)
        fields = {
            "format": 1,
            "created_at": when.astimezone(dt.UTC).isoformat(timespec="seconds"),
            "app_version": __version__,
            "schema_revision": seen.revision,
            "row_counts": counts,
            "audit_head": list(seen.audit_head) if seen.audit_head else None,
            "office": {"uid": identity[0]} if identity else None,
            "kind": kind,
            "source": db_path.name,
            "plain_size": plain.stat().st_size,
            "wraps": ring.header_wraps(),
        }
        with atomic_path(target) as temp:
            with open(plain, "rb") as src, open(temp, "xb") as dst:
                bc.encrypt(src, dst, key, fields)
                dst.flush()
                os.fsync(dst.fileno())
            _drop_cache(temp)
            check = tmp / "check.sqlite"
            _decrypt_file(temp, check, key)
            verify_plain(check, counts)
    info = read_info(target)
    if out is None:
        remember_folder(target.parent)
        if policy is not None:
            rotate(target.parent, db_path.stem, policy, now=when)
    log.info("backup written and verified: %s (%d records)", target, info.records)
    return info


def database_key_of(db_path: Path) -> bytes | None:
    """The key of an encrypted database this process has opened (its rawconn opener)."""
    key = getattr(rawconn.opener_for(db_path), "key", None)
    return key if isinstance(key, bytes) else None


def _keyring_for(db_path: Path, keyring: Keyring | None) -> Keyring:
    """The backup keyring; for an encrypted database, one wrapped by its key (a keyring still
    opened by this computer's key file alone is moved under it now: backup_keys.py)."""
    db_key = database_key_of(db_path)
    if keyring is None:
        return load_keyring(database_key=db_key)
    if db_key is not None and keyring.data_key is not None:
        protect_with_database(keyring, db_key)
    return keyring


def _decrypt_file(source: Path, target: Path, key: bytes) -> bc.BackupHeader:
    try:
        with open(source, "rb") as src, open(target, "wb") as dst:
            header = bc.decrypt(src, dst, key)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        raise StorageError("backup.unreadable", path=str(source), reason=exc.strerror) from exc
    return header


def read_info(path: Path) -> BackupInfo:
    """What the readable header says (authenticated when the file is decrypted)."""
    try:
        with open(path, "rb") as handle:
            header = bc.read_header(handle)
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError("backup.unreadable", path=str(path), reason=exc.strerror) from exc
    f = header.fields
    try:
        created = dt.datetime.fromisoformat(str(f["created_at"]))
        head = f.get("audit_head")
        audit = (int(head[0]), str(head[1])) if head else None
        held = f.get("office")
        identity = str(held["uid"]) if held else None
        # A header is plain JSON anyone can edit: a count that is null or text is a damaged
        # file, not a crash of restore, check or the damaged-database path
        counts = {str(k): int(v) for k, v in dict(f.get("row_counts", {})).items()}
    except (KeyError, ValueError, TypeError, IndexError):
        raise StorageError("backup.damaged") from None
    return BackupInfo(
        path=path,
        created_at=created if created.tzinfo else created.replace(tzinfo=dt.UTC),
        kind=str(f.get("kind", "")),
        schema_revision=f.get("schema_revision"),
        row_counts=counts,
        size=size,
        app_version=str(f.get("app_version", "")),
        key_id=header.key_id,
        source=str(f.get("source", "")),
        audit_head=audit,
        office_uid=identity,
    )


def decrypt_backup(
    path: Path, target: Path, keyring: Keyring | None = None, secret: str | None = None
) -> BackupInfo:
    """Decrypt and verify a backup into `target` (a plain SQLite file)."""
    info = read_info(path)
    ring = keyring or load_keyring()
    key = ring.open_key(info.key_id, _header_wraps(path), secret)
    _decrypt_file(path, target, key)
    verify_plain(target, info.row_counts)
    return info


def verify_backup(
    path: Path, keyring: Keyring | None = None, secret: str | None = None
) -> BackupInfo:
    with private_tempdir() as tmp:
        return decrypt_backup(path, tmp / "verify.sqlite", keyring, secret)


def _header_wraps(path: Path) -> list[dict[str, Any]]:
    with open(path, "rb") as handle:
        return bc.read_header(handle).wraps


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """Readable backups in `folder` (of the database named `stem`), newest first."""
    found = []
    if folder.is_dir():
        for path in folder.glob(f"*{SUFFIX}"):
            match = _NAME.match(path.name)
            if stem is not None and (match is None or match["stem"] != stem):
                continue
            with contextlib.suppress(StorageError):
                found.append(read_info(path))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate(
    folder: Path, stem: str, policy: RotationPolicy, now: dt.datetime | None = None
) -> list[Path]:
    """Delete the backups of `stem` that `policy` no longer keeps; returns what was deleted."""
    dated = []
    for path in folder.glob(f"{stem}-*{SUFFIX}"):
        match = _NAME.match(path.name)
        if match is None or match["stem"] != stem:
            continue
        when = dt.datetime.strptime(match["ts"], "%Y-%m-%d-%H%M%S").astimezone()
        dated.append((when, path))
    _kept, obsolete = thin(dated, (now or dt.datetime.now(dt.UTC)).astimezone(), policy)
    for path in obsolete:
        with contextlib.suppress(OSError):
            path.unlink()
    return obsolete


def known_folders() -> list[Path]:
    """The default folder and every folder automatic backups were written to."""
    folders = [backup_dir()]
    with contextlib.suppress(OSError, ValueError, TypeError):
        state = json.loads((data_dir() / STATE_FILE).read_text(encoding="utf-8"))
        folders += [Path(p) for p in state.get("folders", [])]
    return list(dict.fromkeys(folders))


def remember_folder(folder: Path) -> None:
    folders = known_folders()
    if folder in folders:
        return
    state = {"folders": [str(p) for p in folders[1:] + [folder]]}
    with contextlib.suppress(StorageError):
        atomic_write(data_dir() / STATE_FILE, json.dumps(state, ensure_ascii=False).encode())


def newest_backup(db_path: Path, folders: list[Path] | None = None) -> BackupInfo | None:
    """The newest backup of this database in the known folders (by the header's date)."""
    found = [b for f in folders or known_folders() for b in list_backups(f, db_path.stem)]
    if not found:
        return None
    return max(found, key=lambda b: b.created_at)
