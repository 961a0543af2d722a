"""Turning spreadsheet cells into typed values (docs/architecture.md#untrusted-files "type traps").

Excel gives a date only for a date-formatted cell; otherwise a serial number or text such as
"15.03.2027". Numbers typed into text columns (phones, postal codes) arrive as int or float.
Each parser returns the value or raises CellError with a code for the row's report.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from openpyxl.utils.datetime import from_excel

from kisdesk.services.imports_read import NO_CACHED_VALUE

_DATE_DMY = re.compile(r"(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})(?:\s*r\.?)?")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
# Serial 60 is Excel's phantom 29 Feb 1900; anything up to it is ambiguous (docs/architecture.md#untrusted-files).
_SERIAL_MIN, _SERIAL_MAX = 61, 2958465
_SEX = {
    "k": "K",
    "kobieta": "K",
    "kob": "K",
    "f": "K",
    "z": "K",
    "zenska": "K",
    "m": "M",
    "mezczyzna": "M",
    "mez": "M",
    "meska": "M",
}


class CellError(ValueError):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.replace("\u00a0", " ").strip())


def text(value: Any) -> str:
    """A cell as trimmed text; whole numbers lose the ".0" Excel gives them."""
    if value is None or value is NO_CACHED_VALUE:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).replace("\u00a0", " ").split())


def date_value(value: Any, epoch: dt.datetime) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text (15.03.2027 / 2027-03-15)."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not _SERIAL_MIN <= value <= _SERIAL_MAX:
            raise CellError("import.bad_date", value=text(value))
        converted = from_excel(value, epoch)
        return converted.date() if isinstance(converted, dt.datetime) else None
    raw = text(value)
    try:
        if m := _DATE_DMY.fullmatch(raw):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := _DATE_ISO.fullmatch(raw):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        pass  # 31.02.2027: numbers in the right places, but no such day
    raise CellError("import.bad_date", value=raw)


def sex_value(value: Any) -> str | None:
    if is_blank(value):
        return None
    key = text(value).lower().rstrip(".")
    key = key.replace("ż", "z").replace("ę", "e").replace("ś", "s")
    if key in _SEX:
        return _SEX[key]
    raise CellError("import.bad_sex", value=text(value))


def categories_value(value: Any) -> tuple[int, ...]:
    """Art. 1 ust. 2 categories: "5", 5, 5.0, "2, 5", "5; 8"."""
    if is_blank(value):
        return ()
    raw = text(value)
    parts = [p for p in re.split(r"[,;/\s]+", raw) if p]
    out = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 9:
            raise CellError("import.bad_category", value=raw)
        out.append(int(part))
    return tuple(sorted(set(out)))


def referral_value(value: Any) -> tuple[str, str]:
    """(source, institution) from "OPS", "GOPS w Zawoni", "PUP", "z własnej inicjatywy"…"""
    raw = text(value)
    if not raw:
        return "", ""
    low = raw.lower()
    words = set(re.split(r"[^0-9a-ząćęłńóśźż]+", low))
    if words & {"ops", "gops", "mops", "mopr", "mopsir", "gopsir"} or "pomocy społecznej" in low:
        return "ops", "" if low in {"ops", "gops", "mops", "mopr"} else raw
    if words & {"pup", "mup"} or "urząd pracy" in low:
        return "pup", "" if low in {"pup", "mup"} else raw
    if "własn" in low or low in {"sam", "samodzielnie"}:
        return "self", ""
    return "other", raw
