"""Readable file names for documents (a month's papers side by side in one folder), shared by
the desktop app and the command line."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10))}
_RESERVED |= {f"lpt{i}" for i in range(1, 10)}


def safe_part(text: str | int | dt.date | None) -> str:
    """One part of a file name: no slashes or characters Windows refuses, spaces as "_",
    Polish letters kept ("1/2027" → "1-2027", "Nowak Jan" → "Nowak_Jan")."""
    if text is None:
        return ""
    if isinstance(text, dt.date):
        text = text.isoformat()
    value = unicodedata.normalize("NFC", str(text)).replace("/", "-").replace("\\", "-")
    value = _UNSAFE.sub("", value)
    value = "_".join(value.split())
    return value.strip("._-")


def file_name(*parts: str | int | dt.date | None, suffix: str = ".pdf") -> str:
    """A file name from its parts, e.g. file_name("Zaswiadczenie", "1/2027", "Nowak", "Jan")
    → "Zaswiadczenie_1-2027_Nowak_Jan.pdf". At most 120 characters before the suffix."""
    name = "_".join(p for p in (safe_part(part) for part in parts) if p) or "dokument"
    name = name[:120].rstrip("._-") or "dokument"
    if name.lower() in _RESERVED:  # Windows opens the device, also for "CON.pdf"
        name += "_plik"  # (checked after trimming: a bare "_" would be stripped again)
    return name + suffix


def free_path(folder: Path, name: str) -> Path:
    """`name` in `folder`, or name_2, name_3… when taken: a document made again (a corrected
    sheet) never replaces the copy printed before."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 2
    while target.exists():
        target = folder / f"{stem}_{number}{suffix}"
        number += 1
    return target
