"""Moving a damaged database out of the way, unchanged, so nothing is ever lost.

Firefox and Chromium never delete a corrupt database; they keep it aside and start from the
newest backup (docs/architecture.md#damage). The database file, its -wal, -shm and -journal go
together to data_dir/quarantine/<timestamp>/ (a -wal separated from its database corrupts
whatever database it is later paired with: sqlite.org/howtocorrupt.html §1.3–1.4). The
database file moves first: if the move is interrupted, the next start finds a -wal without a
database and moves it too, instead of reading the database without its newest commits.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import shutil
from pathlib import Path

from kisdesk.db.files import atomic_write, fsync_dir, fsync_file, replace_with_retry
from kisdesk.i18n import tr
from kisdesk.paths import data_dir

log = logging.getLogger(__name__)

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
ORIGIN_FILE = "origin.json"  # where the files came from, read back by quarantined_copy()
NOTE_FILE = "CZYTAJ-MNIE.txt"


def side_files(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in SIDE_SUFFIXES]


def quarantine_root() -> Path:
    return data_dir() / "quarantine"


def _new_folder(root: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
    for n in range(1000):
        folder = root / (f"{stamp}-{label}" if n == 0 else f"{stamp}-{label}-{n}")
        try:
            folder.mkdir(parents=True)
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(errno.EEXIST, "no free quarantine folder", str(root))


def move_file(source: Path, target: Path) -> None:
    """Rename; across file systems copy, fsync, then remove the original."""
    try:
        replace_with_retry(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        shutil.copyfile(source, target)
        fsync_file(target)
        source.unlink()
    fsync_dir(target.parent)
    fsync_dir(source.parent)


def quarantine(db_path: Path, reason: str, label: str = "damaged") -> Path:
    """Move the database and its side files to a new quarantine folder; returns the folder."""
    folder = _new_folder(quarantine_root(), label)
    moved = []
    for source in [db_path, *side_files(db_path)]:
        if source.exists():
            move_file(source, folder / source.name)
            moved.append(source.name)
    note = tr(
        "kisdesk przeniósł tu pliki bazy danych, których nie dało się bezpiecznie używać.\n"
        "Pliki nie zostały zmienione. Nie usuwaj ich, dopóki dane nie zostaną odtworzone.\n\n"
        "Oryginalne miejsce: {path}\nKiedy: {when}\nPowód: {reason}\nPliki: {files}\n"
    ).format(
        path=db_path,
        when=dt.datetime.now().strftime("%d.%m.%Y %H:%M"),
        reason=reason,
        files=", ".join(moved) or "–",
    )
    origin = {"path": str(db_path), "files": moved}
    atomic_write(folder / ORIGIN_FILE, json.dumps(origin, ensure_ascii=False).encode("utf-8"))
    atomic_write(folder / NOTE_FILE, note.encode("utf-8"))
    log.warning("moved %s to quarantine %s: %s", moved, folder, reason)
    return folder


def orphan_side_files(db_path: Path) -> list[Path]:
    """-wal/-shm/-journal files whose database is gone (an interrupted move, a user's copy)."""
    if db_path.exists():
        return []
    return [p for p in side_files(db_path) if p.exists()]


def _origin(folder: Path) -> str | None:
    """The original path of a quarantine folder's files (older folders: from the note)."""
    try:
        data = json.loads((folder / ORIGIN_FILE).read_text(encoding="utf-8"))
        return str(data["path"]) if isinstance(data, dict) and "path" in data else None
    except (OSError, ValueError):
        pass
    try:
        note = (folder / NOTE_FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in note.splitlines():  # "Oryginalne miejsce: <path>", the note's second part
        head, sep, rest = line.partition(": ")
        if sep and head and rest and Path(rest).is_absolute():
            return rest
    return None


def quarantined_copy(db_path: Path) -> Path | None:
    """The newest file moved to quarantine from `db_path` (or its folder, for side files
    alone), or None. A database that was there once is never silently replaced by a new
    empty one (docs/misuse-cases.md, "Damaged and missing files")."""
    root = quarantine_root()
    try:
        folders = sorted((f for f in root.iterdir() if f.is_dir()), reverse=True)
    except OSError:
        return None
    for folder in folders:
        if _origin(folder) != str(db_path):
            continue
        kept = folder / db_path.name
        return kept if kept.exists() else folder
    return None
