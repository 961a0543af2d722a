"""`kisdesk activity add | list | delete`: a class typed twice is refused unless meant,
the month's classes are listed, a class is deleted by its number."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from kisdesk.access import Actor, Role
from kisdesk.cli import journal, main
from kisdesk.errors import PermissionDenied
from kisdesk.services import activities
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel

GROUP = "Grupa poniedziałkowa"
CLASS = ("activity", "add", "--date", "2026-10-05", "--from", "09:00", "--to", "17:00",
         "--kind", "group", "--group", GROUP, "--topic", "Trening asertywności")  # fmt: skip


def run(db_path: Path, *args: str, capsys) -> tuple[int, dict | str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    if "--json" in args and code == 0:
        assert out.count("\n") == 1, "exactly one JSON object on stdout"
        return code, json.loads(out), err
    return code, out, err


def dump(db_path: Path) -> list:  # type: ignore[type-arg]
    con = sqlite3.connect(db_path)
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    rows = [(t, sorted(map(repr, con.execute(f'SELECT * FROM "{t}"')))) for t in tables]
    con.close()
    return rows


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    """A KIS with the Monday group, two of its members since September, a Wednesday group."""
    path = tmp_path / "kis.sqlite"
    for args in (
        ("init", "--type", "kis", "--name", "KIS w Zawoni", "--city", "Zawonia"),
        ("group", "add", GROUP),
        ("group", "add", "Grupa środowa"),
        ("participant", "add", "--first-name", "Tomasz", "--last-name", "Nowak",
         "--pesel", make_pesel(dt.date(1975, 4, 12), 71, "M"), "--start", "2026-09-01",
         "--group", GROUP),
        ("participant", "add", "--first-name", "Anna", "--last-name", "Kowalska",
         "--pesel", make_pesel(dt.date(1980, 2, 3), 72, "K"), "--start", "2026-09-01",
         "--group", GROUP),
    ):  # fmt: skip
        code, _out, err = run(path, *args, capsys=capsys)
        assert code == 0, err
    return path


def test_the_same_class_twice_is_refused_and_names_the_first(office, capsys) -> None:  # type: ignore[no-untyped-def]
    code, first, _ = run(office, *CLASS, "--json", capsys=capsys)
    assert code == 0 and first["marked"] == 2
    before = dump(office)
    code, out, err = run(office, *CLASS, "--staff", "Ewa Nowicka", capsys=capsys)
    assert code == 2 and out == ""
    assert f"ma już w tym czasie zajęcia nr {first['id']}" in err
    assert "2026-10-05, 09:00–17:00" in err and "--allow-overlap" in err
    assert dump(office) == before  # no second class, no marks, no new staff member
    # Partly overlapping is the same clash; another group that day is not.
    code, _, err = run(office, *CLASS[:5], "12:00", "--to", "13:00", *CLASS[8:], capsys=capsys)
    assert code == 2 and f"nr {first['id']}" in err
    other = [a if a != GROUP else "Grupa środowa" for a in CLASS]
    assert run(office, *other, capsys=capsys)[0] == 0


def test_allow_overlap_adds_a_second_class_on_purpose(office, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(office, *CLASS, capsys=capsys)[0] == 0
    code, payload, err = run(office, *CLASS, "--allow-overlap", "--json", capsys=capsys)
    assert code == 0, err
    code, listed, _ = run(office, "activity", "list", "--month", "2026-10", "--json", capsys=capsys)
    assert [r["id"] for r in listed["rows"]] == [1, payload["id"]]


def test_list_the_month_with_marks_and_leaders(office, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(office, *CLASS, "--staff", "Ewa Nowicka", "--absent", "1", capsys=capsys)[0] == 0
    run(office, "activity", "add", "--date", "2026-10-07", "--from", "10:00", "--to", "12:00",
        "--kind", "group", "--group", "Grupa środowa", "--topic", "Budżet domowy", capsys=capsys)  # fmt: skip
    run(office, "activity", "add", "--date", "2026-11-02", "--from", "10:00", "--to", "12:00",
        "--kind", "group", "--group", GROUP, "--topic", "Listopad", capsys=capsys)  # fmt: skip
    code, payload, _ = run(
        office, "activity", "list", "--month", "2026-10", "--json", capsys=capsys
    )
    assert code == 0 and payload["month"] == "2026-10"
    rows = payload["rows"]
    assert [r["topic"] for r in rows] == ["Trening asertywności", "Budżet domowy"]
    first = rows[0]
    assert (first["date"], first["start"], first["end"]) == ("2026-10-05", "09:00", "17:00")
    assert (first["group"], first["staff"], first["marked"], first["present"]) == (
        GROUP,
        ["Ewa Nowicka"],
        2,
        1,
    )
    code, text, _ = run(
        office, "activity", "list", "--month", "2026-10", "--group", GROUP, capsys=capsys
    )
    assert code == 0 and "Budżet domowy" not in text
    line = text.strip()
    for part in ("2026-10-05", "09:00–17:00", GROUP, "Trening asertywności", "Ewa Nowicka",
                 "obecności: 2"):  # fmt: skip
        assert part in line
    code, text, _ = run(office, "activity", "list", "--month", "2026-12", capsys=capsys)
    assert code == 0 and "Brak zajęć" in text


def test_list_names_the_participant_of_an_individual_session(office, capsys) -> None:  # type: ignore[no-untyped-def]
    run(office, "activity", "add", "--date", "2026-10-06", "--from", "10:00", "--to", "11:00",
        "--kind", "individual", "--participant", "2", "--topic", "Poradnictwo", capsys=capsys)  # fmt: skip
    code, text, _ = run(office, "activity", "list", "--month", "2026-10", capsys=capsys)
    assert code == 0 and "Anna Kowalska" in text and "Poradnictwo" in text


def test_delete_a_class_and_its_marks(office, capsys) -> None:  # type: ignore[no-untyped-def]
    code, added, _ = run(office, *CLASS, "--json", capsys=capsys)
    code, text, _ = run(office, "activity", "delete", str(added["id"]), capsys=capsys)
    assert code == 0
    assert f"Usunięto zajęcia nr {added['id']}" in text and "Usunięte obecności: 2" in text
    code, listed, _ = run(office, "activity", "list", "--month", "2026-10", "--json", capsys=capsys)
    assert listed["rows"] == []
    con = sqlite3.connect(office)
    assert con.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0
    con.close()


def test_delete_an_unknown_class_exits_2(office, capsys) -> None:  # type: ignore[no-untyped-def]
    assert run(office, *CLASS, capsys=capsys)[0] == 0
    before = dump(office)
    code, out, err = run(office, "activity", "delete", "99", capsys=capsys)
    assert code == 2 and out == "" and "Nie ma zajęć o numerze 99." in err
    code, _out, err = run(office, "activity", "delete", "pierwsze", capsys=capsys)
    assert code == 2 and "nie jest liczbą" in err
    assert dump(office) == before


def test_delete_needs_the_right_to_edit_the_journal(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        act = activities.add_activity(
            s,
            ActivityData(
                date=dt.date(2026, 10, 5),
                start_time=dt.time(9),
                end_time=dt.time(12),
                kind="group",
                topic="Trening",
                group_id=1,
            ),
        )
    kis.actor = Actor("Marek", Role.ADMIN)  # administracja reads the journal only
    with pytest.raises(PermissionDenied):
        journal.cmd_activity_delete(kis, argparse.Namespace(activity_id=str(act)))
    with kis.read() as s:
        assert activities.get_activity(s, act).topic == "Trening"


def test_add_help_says_who_is_marked_present(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["activity", "add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "wpisani jako obecni, oprócz osób podanych w --absent, --excused i --partial" in text
    assert "--allow-overlap" in text


def test_the_area_follows_the_form_as_in_the_window(office, capsys) -> None:  # type: ignore[no-untyped-def]
    # "doradztwo zawodowe" without --area was stored as social reintegration, and the
    # certificates and the annual report counted vocational counselling under it
    base = ["activity", "add", "--from", "10:00", "--to", "12:00", "--kind", "group"]
    base += ["--group", GROUP, "--topic", "Rynek pracy"]
    for day, extra in (
        ("2026-10-05", ["--form", "Doradztwo zawodowe"]),  # as typed, any letter case
        ("2026-10-06", ["--form", "doradztwo zawodowe", "--area", "social"]),  # said: kept
        ("2026-10-07", ["--form", "spacer integracyjny"]),  # not in the dictionary
    ):
        assert run(office, *base, "--date", day, *extra, capsys=capsys)[0] == 0
    code, listed, _ = run(office, "activity", "list", "--month", "2026-10", "--json", capsys=capsys)
    assert [r["area"] for r in listed["rows"]] == ["vocational", "social", "social"]


def test_the_ten_per_leader_warning_reaches_json_too(office, capsys) -> None:  # type: ignore[no-untyped-def]
    # art. 11 ust. 3: printed as text, but --json gave only the id and the marks
    for n in range(9):  # 11 in the group with the fixture's two
        code, _, err = run(
            office, "participant", "add", "--first-name", "Jan", "--last-name", f"Testowy{n}",
            "--pesel", make_pesel(dt.date(1970, 1, 1 + n), 80 + n, "M"),
            "--start", "2026-09-01", "--group", GROUP, capsys=capsys,
        )  # fmt: skip
        assert code == 0, err
    code, payload, err = run(office, *CLASS, "--staff", "Ewa Nowicka", "--json", capsys=capsys)
    assert code == 0, err
    assert payload["marked"] == 11
    assert payload["warnings"] == [
        "Uwaga: 11 uczestników na 1 prowadzącego – najwyżej 10 na osobę (art. 11 ust. 3)."
    ]
    assert payload["staff_added"] == ["Ewa Nowicka"]


def test_a_leader_added_by_name_has_no_contract_stated(office, capsys) -> None:  # type: ignore[no-untyped-def]
    # the annual report said "umowa o pracę" of a person nobody had said anything about
    assert run(office, *CLASS, "--staff", "Ewa Nowicka", capsys=capsys)[0] == 0
    con = sqlite3.connect(office)
    try:
        (basis,) = con.execute(
            "SELECT employment_basis FROM staff WHERE last_name = 'Nowicka'"
        ).fetchone()
    finally:
        con.close()
    assert basis == "unknown"
