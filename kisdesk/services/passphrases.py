"""One rule for passphrases, wherever they come from (the GUI, a file, the command line).

Windows writes text files in three ways an office meets: PowerShell 5.1's `Set-Content
-Encoding UTF8` puts a byte-order mark first, `echo hasło > plik` in cmd writes the console's
code page (cp852 on a Polish Windows) with a space before the line end, and Notepad on older
Windows saves "ANSI" (cp1250). So a passphrase file is read as UTF-8 without the BOM, and
when it is not UTF-8, as cp1250 or cp852, whichever reads as Polish text (docs/storage.md,
"Backup passphrase").

Surrounding whitespace is never part of a passphrase: it is stripped the same way when a
passphrase is read (typed or from a file), and one that starts or ends with whitespace is
refused when it is set (kisdesk.db.backup_crypto.check_passphrase), so what was set can
always be typed again.
"""

from __future__ import annotations

from pathlib import Path

from kisdesk.errors import StorageError

POLISH = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
LEGACY = ("cp1250", "cp852")


def clean(text: str) -> str:
    """What counts of a typed or read passphrase: without surrounding whitespace."""
    return text.strip()


def _plausibility(text: str) -> int:
    """Higher for text that reads as Polish: ASCII and Polish letters; no box-drawing or
    control characters; no capital Polish letter right after a small letter ("WartĄ")."""
    score = 0
    for n, ch in enumerate(text):
        if ch.isascii() and (ch.isprintable() or ch in "\r\n\t"):
            continue
        if ch in POLISH:
            after_small = n > 0 and text[n - 1].isalpha() and text[n - 1].islower()
            score -= 1 if ch.isupper() and after_small else 0
            continue
        score -= 10
    return score


def decode(data: bytes) -> list[str]:
    """The readings of a passphrase file, the likeliest first (cleaned; never empty)."""
    try:
        return [clean(data.decode("utf-8-sig"))]
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in LEGACY:
        try:
            readings.append(clean(data.decode(encoding)))
        except UnicodeDecodeError:
            continue
    readings.sort(key=_plausibility, reverse=True)  # stable: cp1250 first on a tie
    return list(dict.fromkeys(readings))


def read_passphrase_file(name: str) -> list[str]:
    """The passphrase in file `name`, as `decode` reads it; StorageError for a file that
    cannot be read or holds nothing."""
    try:
        data = Path(name).expanduser().read_bytes()
    except OSError as exc:
        raise StorageError("backup.unreadable", path=name, reason=exc.strerror) from exc
    readings = [r for r in decode(data) if r]
    if not readings:
        raise StorageError("backup.passphrase_file_empty", path=name)
    return readings
