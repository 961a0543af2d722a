"""The Polish public holidays of the years around today, kept in a small file between starts.

Loading the ``holidays`` package imports every country's tables (about 0.15 s), and the
dashboard needs the working days of this month at once. So the desktop app keeps the
package's own answer for last, this and next year in the data folder and reads it back at
the next start, as long as the same release of the package is installed: a new release
(a change in the law arrives that way) makes the copy void and it is computed afresh.
Any other year is asked of the package when first needed. A missing, damaged or foreign
file is never an error: the package is then asked, as without the copy.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

from kisdesk.paths import data_dir
from kisdesk.rules import calendar

log = logging.getLogger(__name__)

FILE_NAME = "holidays-pl.json"
_RELEASE = re.compile(r"holidays-(.+)\.dist-info")


def cache_file() -> Path:
    return data_dir() / "cache" / FILE_NAME


def package_release() -> str | None:
    """The installed ``holidays`` release, read from its installation record without
    importing the package (None when there is none to read, e.g. in a frozen build without
    the record: then no copy is trusted)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    site = Path(spec.origin).parent.parent
    try:
        records = sorted(site.glob("holidays-*.dist-info"))
    except OSError:
        return None
    found = _RELEASE.fullmatch(records[0].name) if len(records) == 1 else None
    return found.group(1) if found else None


def _read(path: Path, release: str) -> dict[int, frozenset[dt.date]]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("release") != release:
            return {}
        years: dict[int, frozenset[dt.date]] = {}
        for year, days in stored["years"].items():
            dates = frozenset(dt.date.fromisoformat(day) for day in days)
            if any(d.year != int(year) for d in dates):
                return {}  # not what this program wrote: trust none of it
            years[int(year)] = dates
        return years
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write(path: Path, release: str, years: dict[int, frozenset[dt.date]]) -> None:
    payload = {
        "release": release,
        "years": {str(y): sorted(d.isoformat() for d in days) for y, days in years.items()},
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        os.replace(tmp, path)  # whole or not at all; a lost copy only costs a slower start
    except OSError as exc:
        log.info("holiday copy not written to %s: %s", path, exc)


def warm(years: Iterable[int] | None = None, path: Path | None = None) -> bool:
    """Make the holidays of `years` (default: last, this and next year) known to the
    calendar rules, from the copy when it is current. True when the copy answered all."""
    wanted = sorted(set(years) if years is not None else _around(dt.date.today().year))
    path = path or cache_file()
    release = package_release()
    if release is None:
        return False
    stored = _read(path, release)
    for year in wanted:
        if year in stored:
            calendar.remember_package_holidays(year, stored[year])
    if all(year in stored for year in wanted):
        return True
    for year in wanted:
        stored[year] = calendar.package_holidays(year)
    _write(path, release, stored)
    return False


def _around(year: int) -> list[int]:
    return [year - 1, year, year + 1]
