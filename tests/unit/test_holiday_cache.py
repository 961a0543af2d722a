"""The holidays kept between starts: the same working days, without loading the package."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import holidays
import pytest

from kisdesk import holiday_cache
from kisdesk.rules import calendar


def real(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("PL", years=year).keys())


@pytest.fixture(autouse=True)
def fresh_calendar():
    """Each test starts with no year known, as a new start of the program would."""

    def forget() -> None:
        calendar._package_days.clear()
        calendar._weekday_holidays.cache_clear()
        calendar.working_days.cache_clear()

    forget()
    yield
    forget()


def test_first_start_writes_the_package_answer(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "h.json"
    assert holiday_cache.warm([2026, 2027], path) is False  # nothing to read yet
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["release"] == holiday_cache.package_release()
    assert {dt.date.fromisoformat(d) for d in stored["years"]["2026"]} == real(2026)
    assert "2026-11-11" in stored["years"]["2026"]  # Independence Day


def test_next_start_takes_the_copy_without_loading_the_package(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    holiday_cache.warm([2026], path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kisdesk import holiday_cache\n"
        "from kisdesk.rules.calendar import working_days\n"
        f"print(holiday_cache.warm([2026], Path({str(path)!r})))\n"
        "import datetime as dt\n"
        "print(working_days(dt.date(2026, 11, 1), dt.date(2026, 11, 30)))\n"
        "print('holidays' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    # November 2026: 21 weekdays less 11 November (Wednesday) = 20 working days
    assert out == ["True", "20", "False"]


def test_a_copy_from_another_release_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    # A copy claiming 2 November 2026 was a holiday, written by some other release.
    path.write_text(
        json.dumps({"release": "0.1-old", "years": {"2031": ["2031-11-03"]}}), encoding="utf-8"
    )
    assert holiday_cache.warm([2031], path) is False
    assert calendar.package_holidays(2031) == real(2031)
    assert json.loads(path.read_text(encoding="utf-8"))["release"] != "0.1-old"


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"release": "%s", "years": {"2032": ["2033-01-01"]}}',  # a date of another year
        '{"release": "%s", "years": ["2032"]}',
        "",
    ],
)
def test_a_damaged_copy_is_ignored_and_replaced(tmp_path: Path, content: str) -> None:
    path = tmp_path / "h.json"
    text = content % holiday_cache.package_release() if "%s" in content else content
    path.write_text(text, encoding="utf-8")
    assert holiday_cache.warm([2032], path) is False
    assert calendar.package_holidays(2032) == real(2032)
    assert holiday_cache.warm([2032], path) is True  # written afresh


def test_an_unwritable_folder_only_costs_the_copy(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert holiday_cache.warm([2026], blocker / "sub" / "h.json") is False
    assert calendar.package_holidays(2026) == real(2026)
    assert not (blocker / "sub").exists()


def test_a_copy_claiming_a_wrong_day_is_believed_only_for_its_own_release(tmp_path: Path) -> None:
    # The copy is trusted exactly when the release matches: what it says is then used as is
    # (the start does not load the package to check it), so the key must be the release.
    path = tmp_path / "h.json"
    release = holiday_cache.package_release()
    fake = {"release": release, "years": {"2030": ["2030-11-04"]}}  # a Monday, no holiday
    path.write_text(json.dumps(fake), encoding="utf-8")
    assert holiday_cache.warm([2030], path) is True
    assert calendar.is_working_day(dt.date(2030, 11, 4)) is False
