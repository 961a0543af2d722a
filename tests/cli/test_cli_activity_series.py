"""`kisdesk activity repeat | copy`: classes every week up to a date and a week or a month
copied, holidays skipped by name, all or nothing (issue 16 item 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_cli_activity import dump, run

from tests.pesel import make_pesel

GROUP = "Grupa poniedziałkowa"


def _class(day: str, topic: str = "Trening asertywności") -> tuple[str, ...]:
    return ("activity", "add", "--date", day, "--from", "09:00", "--to", "12:00",
            "--kind", "group", "--group", GROUP, "--topic", topic)  # fmt: skip


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    """A KIS with one group and one member since September, a class on Wednesday 4.11.2026
    with its attendance."""
    path = tmp_path / "kis.sqlite"
    for args in (
        ("init", "--type", "kis", "--name", "KIS w Zawoni", "--city", "Zawonia"),
        ("group", "add", GROUP),
        ("participant", "add", "--first-name", "Tomasz", "--last-name", "Nowak",
         "--pesel", make_pesel(dt.date(1975, 4, 12), 71, "M"), "--start", "2026-09-01",
         "--group", GROUP),
        _class("2026-11-04"),
    ):  # fmt: skip
        code, _out, err = run(path, *args, capsys=capsys)
        assert code == 0, err
    return path


def test_repeat_to_the_month_end_skips_independence_day(office, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(office, "activity", "repeat", "1", "--until", "2026-11-30", "--json",
                         capsys=capsys)  # fmt: skip
    assert code == 0, err
    assert [m["date"] for m in out["made"]] == ["2026-11-18", "2026-11-25"]
    assert {m["topic"] for m in out["made"]} == {"Trening asertywności"}
    assert out["skipped"] == [
        {"date": "2026-11-11", "holiday": "Narodowe Święto Niepodległości", "source_id": None}
    ]
    code, listed, _ = run(office, "activity", "list", "--month", "2026-11", "--json",
                          capsys=capsys)  # fmt: skip
    rows = {r["date"]: r["marked"] for r in listed["rows"]}
    assert rows == {"2026-11-04": 1, "2026-11-18": 0, "2026-11-25": 0}  # marks never copied


def test_repeat_prints_the_skipped_holiday_in_polish(office, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(office, "activity", "repeat", "1", "--until", "2026-11-30",
                         "--weekday", "1", "--weekday", "3", capsys=capsys)  # fmt: skip
    assert code == 0, err
    assert "Dodano zajęć: 6." in out  # Mondays 9, 16, 23, 30 and Wednesdays 18, 25
    assert "11.11.2026 – Narodowe Święto Niepodległości – pominięto" in out


def test_a_refused_repeat_names_the_class_by_date_and_writes_nothing(office, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(office, *_class("2026-11-25", "Już wpisane"), capsys=capsys)[0] == 0
    before = dump(office)
    code, out, err = run(office, "activity", "repeat", "1", "--until", "2026-11-30",
                         capsys=capsys)  # fmt: skip
    assert code == 2 and out == ""
    assert (
        "Zajęcia 25.11.2026:" in err and "Wiersz" not in err and "Nie zapisano żadnych zajęć" in err
    )
    assert "Traceback" not in err
    assert dump(office) == before
    code, out, err = run(office, "activity", "repeat", "1", "--until", "2026-11-30",
                         "--allow-overlap", "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and len(out["made"]) == 2


@pytest.mark.parametrize(
    "args",
    [
        ("activity", "repeat", "1", "--until", "2026-10-30"),
        ("activity", "repeat", "1", "--until", "2026-11-30", "--weekday", "8"),
        ("activity", "repeat", "99", "--until", "2026-11-30"),
        ("activity", "repeat", "1", "--until", "30.11.2026"),
        ("activity", "copy", "--group", GROUP, "--month", "2026-11", "--to-week", "2026-W50"),
        ("activity", "copy", "--group", GROUP, "--week", "2026-W40", "--to-week", "2026-W41"),
        ("activity", "copy", "--group", GROUP, "--month", "2026-11", "--to-month", "2026-11"),
        ("activity", "copy", "--group", "Nie ma", "--month", "2026-11", "--to-month", "2026-12"),
    ],
)
def test_bad_calls_are_refused_in_polish_with_nothing_written(office, capsys, args) -> None:  # type: ignore[no-untyped-def]
    before = dump(office)
    code, out, err = run(office, *args, capsys=capsys)
    assert code == 2 and out == ""
    assert err.strip() and "Traceback" not in err
    assert dump(office) == before


def test_copy_week_and_month(office, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(office, *_class("2026-11-06", "Piątek"), capsys=capsys)[0] == 0
    code, out, err = run(office, "activity", "copy", "--group", GROUP, "--week", "2026-W45",
                         "--to-week", "2026-W46", "--json", capsys=capsys)  # fmt: skip
    assert code == 0, err
    assert out["week"] == "2026-W45" and out["to_week"] == "2026-W46"
    assert [(m["date"], m["topic"]) for m in out["made"]] == [
        ("2026-11-13", "Piątek")  # Wednesday 11.11 is a holiday
    ]
    assert [s["date"] for s in out["skipped"]] == ["2026-11-11"]
    for day in ("2026-11-20", "2026-11-27"):
        assert run(office, *_class(day, "Piątek"), capsys=capsys)[0] == 0
    assert run(office, "activity", "repeat", "1", "--until", "2026-11-30", capsys=capsys)[0] == 0
    code, out, err = run(office, "activity", "copy", "--group", GROUP, "--month", "2026-11",
                         "--to-month", "2026-12", "--json", capsys=capsys)  # fmt: skip
    assert code == 0, err
    made = [dt.date.fromisoformat(m["date"]) for m in out["made"]]
    assert {d.isoweekday() for d in made} == {3, 5}  # Wednesdays and Fridays
    assert [d.day for d in made if d.isoweekday() == 3] == [2, 9, 16, 23, 30]
    assert [d.day for d in made if d.isoweekday() == 5] == [4, 11, 18]  # not 25
    # 25.12 (a Friday) is Christmas: named and skipped
    assert {s["date"]: s["holiday"] for s in out["skipped"]} == {
        "2026-12-25": "Boże Narodzenie (pierwszy dzień)"
    }


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (("activity", "copy"), ("--group", "--week", "--month", "--to-week", "--to-month")),
        (("print", "month-end"), ("--month", "--group", "--out")),
    ],
)
def test_help_says_what_each_option_is(tmp_path: Path, capsys, command, options) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as shown:
        run(tmp_path / "x.sqlite", *command, "--help", capsys=capsys)
    assert shown.value.code == 0
    out = capsys.readouterr().out
    for option in options:  # each option's line says what it is, in Polish
        *_usage, line = [x for x in out.splitlines() if x.strip().startswith(option + " ")]
        words = line.split(option, 1)[1].split()
        assert len(words) >= 3, line  # the metavar and a description
    assert "GROUP" not in out
