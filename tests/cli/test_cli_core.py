"""The command line: JSON shapes, Polish errors, exit status, and nothing written on error."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kisdesk.cli import main
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1975, 4, 12), 77, "M")


def run(db_path: Path, *args: str, capsys) -> tuple[int, dict | str, str]:
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    if "--json" in args and code == 0:
        assert out.count("\n") == 1, "exactly one JSON object on stdout"
        return code, json.loads(out), err
    return code, out, err


def dump(db_path: Path) -> list:
    """Every row of every table, to prove a failed command changed nothing."""
    con = sqlite3.connect(db_path)
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    rows = [(t, sorted(map(repr, con.execute(f'SELECT * FROM "{t}"')))) for t in tables]
    con.close()
    return rows


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "kis.sqlite"
    assert (
        run(
            path,
            "init",
            "--type",
            "kis",
            "--name",
            "KIS w Zawoni",
            "--city",
            "Zawonia",
            capsys=capsys,
        )[0]
        == 0
    )
    assert run(path, "group", "add", "Grupa poniedziałkowa", capsys=capsys)[0] == 0
    return path


def test_participant_add_and_list(office, capsys):
    code, payload, _ = run(
        office,
        "participant",
        "add",
        "--first-name",
        "Tomasz",
        "--last-name",
        "Żółkiewski",
        "--pesel",
        PESEL,
        "--start",
        "2026-10-01",
        "--group",
        "Grupa poniedziałkowa",
        "--category",
        "5",
        "--referral",
        "ops",
        "--json",
        capsys=capsys,
    )
    assert code == 0 and set(payload) == {"id", "participation_id"}
    code, listing, _ = run(office, "participant", "list", "--json", capsys=capsys)
    (row,) = listing["rows"]
    assert (row["name"], row["pesel"], row["birth_date"], row["sex"], row["group"]) == (
        "Tomasz Żółkiewski",
        PESEL,
        "1975-04-12",
        "M",
        "Grupa poniedziałkowa",
    )


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--pesel", "75041207771", "--start", "2026-10-01"], "cyfrę kontrolną"),
        (["--pesel", PESEL, "--start", "2026-13-01"], "RRRR-MM-DD"),
        (["--pesel", PESEL, "--start", "2026-10-01", "--group", "Nie ma takiej"], "Nie ma grupy"),
        (
            ["--pesel", PESEL, "--start", "2026-10-01", "--planned-end", "2026-09-01"],
            "Planowana data",
        ),
        (["--pesel", PESEL, "--start", "2026-10-01", "--category", "12"], "Kategoria 12"),
        (["--start", "2026-10-01"], "--pesel"),
    ],
)
def test_bad_input_exits_2_with_a_polish_message_and_writes_nothing(office, capsys, args, phrase):
    before = dump(office)
    code, _, err = run(
        office,
        "participant",
        "add",
        "--first-name",
        "Jan",
        "--last-name",
        "Kowalski",
        *args,
        capsys=capsys,
    )
    assert code == 2
    assert phrase in err
    assert dump(office) == before


def test_duplicate_person_names_the_existing_one(office, capsys):
    run(
        office,
        "participant",
        "add",
        "--first-name",
        "Tomasz",
        "--last-name",
        "Nowak",
        "--pesel",
        PESEL,
        "--start",
        "2026-10-01",
        capsys=capsys,
    )
    before = dump(office)
    code, _, err = run(
        office,
        "participant",
        "add",
        "--first-name",
        "Tomek",
        "--last-name",
        "Nowak",
        "--pesel",
        PESEL,
        "--start",
        "2026-11-01",
        capsys=capsys,
    )
    assert code == 2 and "Tomasz Nowak (nr 1)" in err
    assert dump(office) == before


def test_end_before_start_exits_2(office, capsys):
    run(
        office,
        "participant",
        "add",
        "--first-name",
        "Jan",
        "--last-name",
        "Nowak",
        "--birth-date",
        "1990-01-01",
        "--sex",
        "M",
        "--document",
        "paszport AB1234567",
        "--start",
        "2026-10-01",
        capsys=capsys,
    )
    before = dump(office)
    code, _, err = run(
        office,
        "participant",
        "end",
        "1",
        "--date",
        "2026-09-30",
        "--reason",
        "completed",
        capsys=capsys,
    )
    assert code == 2 and "wcześniejsza" in err
    assert dump(office) == before
    code, payload, _ = run(
        office,
        "participant",
        "end",
        "1",
        "--date",
        "2026-10-31",
        "--reason",
        "employment",
        "--json",
        capsys=capsys,
    )
    assert code == 0 and payload["participation_id"] == 1
    code, payload, _ = run(
        office, "participant", "enroll", "1", "--start", "2026-11-02", "--json", capsys=capsys
    )
    assert code == 0 and payload == {"participation_id": 2}


def test_a_month_of_classes_and_the_hours_report(office, capsys):
    run(
        office,
        "participant",
        "add",
        "--first-name",
        "Anna",
        "--last-name",
        "Wiśniewska",
        "--pesel",
        make_pesel(dt.date(1980, 2, 3), 5, "K"),
        "--start",
        "2026-10-01",
        "--group",
        "Grupa poniedziałkowa",
        capsys=capsys,
    )
    run(
        office,
        "participant",
        "add",
        "--first-name",
        "Jan",
        "--last-name",
        "Kowalski",
        "--pesel",
        make_pesel(dt.date(1981, 2, 3), 6, "M"),
        "--start",
        "2026-10-01",
        "--group",
        "Grupa poniedziałkowa",
        capsys=capsys,
    )
    for day in ("2026-10-05", "2026-10-12", "2026-10-19"):
        code, payload, _ = run(
            office,
            "activity",
            "add",
            "--date",
            day,
            "--from",
            "09:00",
            "--to",
            "17:00",
            "--kind",
            "group",
            "--topic",
            "Warsztaty",
            "--group",
            "Grupa poniedziałkowa",
            "--staff",
            "Ewa Nowicka",
            "--absent",
            "2",
            "--json",
            capsys=capsys,
        )
        assert code == 0 and payload["marked"] == 2
    assert (
        run(office, "attendance", "set", "1", "2", "partial", "--minutes", "120", capsys=capsys)[0]
        == 0
    )
    code, report, _ = run(
        office, "hours", "--month", "2026-10", "--as-of", "2026-11-01", "--json", capsys=capsys
    )
    assert code == 0
    assert (report["month"], report["hour_minutes"], report["monthly_minimum_hours"]) == (
        "2026-10",
        45,
        40,
    )
    rows = {r["participant_id"]: r for r in report["rows"]}
    assert rows[1]["attended_minutes"] == 3 * 480 and rows[1]["status"] == "short"
    assert rows[2]["attended_minutes"] == 120 and rows[2]["required_minutes"] == 1800
    assert rows[2]["offer_short"] is True
    assert set(rows[1]) >= {
        "participant_id",
        "participation_id",
        "name",
        "required_minutes",
        "scheduled_minutes",
        "attended_minutes",
        "missing_minutes",
        "status",
        "offer_short",
    }
    code, week, _ = run(
        office, "hours", "--week", "2026-W41", "--as-of", "2026-11-01", "--json", capsys=capsys
    )
    assert code == 0 and week["week"] == "2026-W41" and week["weekly_min_hours"] == 30
    code, grads, _ = run(office, "graduates", "--as-of", "2027-04-01", "--json", capsys=capsys)
    assert code == 0 and grads["graduate_months"] == 6
    assert [r["completes_on"] for r in grads["rows"]] == ["2027-03-31", "2027-03-31"]
    # 6 months are not enough (art. 2 pkt 1b): no certificate of ending, no kontrakt carried out
    assert all(r["months_complete"] and not r["eligible"] for r in grads["rows"])
    assert [r["missing"] for r in grads["rows"]] == [["certificate", "contract"]] * 2


def test_settings_get_set(office, capsys):
    code, payload, _ = run(
        office, "settings", "set", "monthly_minimum_hours", "36", "--json", capsys=capsys
    )
    assert code == 0 and payload["value"] == 36 and payload["old"] == 40
    code, payload, _ = run(
        office, "settings", "get", "monthly_minimum_hours", "--json", capsys=capsys
    )
    assert payload["value"] == 36 and payload["default"] == 40
    code, _, err = run(office, "settings", "set", "no_such_key", "1", capsys=capsys)
    assert code == 2 and "Nie ma ustawienia" in err


def test_the_installed_command_runs_as_a_process(tmp_path):
    db = tmp_path / "p.sqlite"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kisdesk",
            "--db",
            str(db),
            "init",
            "--type",
            "cis",
            "--name",
            "CIS",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"type": "cis", "name": "CIS"}
    again = subprocess.run(
        [sys.executable, "-m", "kisdesk", "--db", str(db), "init", "--type", "kis", "--name", "X"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 2 and "już założona" in again.stderr


def test_group_by_number_and_comma_separated_exceptions(office, capsys):
    for i, (first, serial) in enumerate((("Anna", 31), ("Beata", 32), ("Celina", 33))):
        run(
            office,
            "participant",
            "add",
            "--first-name",
            first,
            "--last-name",
            "Lis",
            "--pesel",
            make_pesel(dt.date(1985, 1, 1 + i), serial, "K"),
            "--start",
            "2026-10-01",
            "--group",
            "1",
            capsys=capsys,
        )
    code, payload, _ = run(
        office,
        "activity",
        "add",
        "--date",
        "2026-10-05",
        "--from",
        "09:00",
        "--to",
        "12:00",
        "--kind",
        "group",
        "--topic",
        "Zajęcia",
        "--group",
        "1",
        "--excused",
        "2,3",
        "--json",
        capsys=capsys,
    )
    assert code == 0 and payload["marked"] == 3
    code, report, _ = run(
        office, "hours", "--month", "2026-10", "--as-of", "2026-11-01", "--json", capsys=capsys
    )
    assert sorted(r["attended_minutes"] for r in report["rows"]) == [0, 0, 180]


def test_yes_no_settings_read_in_polish(office, capsys):
    code, out, _ = run(
        office, "settings", "set", "graduate_requires_monthly_minimum", "tak", capsys=capsys
    )
    assert code == 0 and "nie → tak" in out


def test_a_person_without_pesel_needs_an_identity_document(office, capsys):
    before = dump(office)
    args = ["participant", "add", "--first-name", "Olena", "--last-name", "Kowalenko"]
    args += ["--birth-date", "1990-05-01", "--sex", "K", "--start", "2026-10-01"]
    code, _, err = run(office, *args, capsys=capsys)
    assert code == 2 and "dokument tożsamości" in err
    assert dump(office) == before  # nothing written
    code, out, _ = run(office, *args, "--document", "paszport FX1234567", capsys=capsys)
    assert code == 0 and dump(office) != before


def test_texts_read_polish_ended_by_sex_and_settings_as_tak_nie(office, capsys):
    woman = make_pesel(dt.date(1980, 2, 3), 41, "K")
    args = ("participant", "add", "--first-name", "Anna", "--last-name", "Lis", "--pesel", woman)
    code, payload, err = run(office, *args, "--start", "2026-10-01", "--json", capsys=capsys)
    assert code == 0, err
    code, _, err = run(office, "participant", "end", str(payload["id"]), "--date", "2026-10-20",
                       "--reason", "resigned", capsys=capsys)  # fmt: skip
    assert code == 0, err
    code, text, _ = run(office, "participant", "list", capsys=capsys)
    assert "zakończyła" in text and "zakończył(a)" not in text
    code, text, _ = run(office, "settings", "list", capsys=capsys)
    assert "graduate_requires_monthly_minimum = nie" in text
    assert "False" not in text and "True" not in text


def test_a_reader_that_stops_reading_gets_no_traceback(office):
    # `kisdesk … | head -1`: an English BrokenPipeError traceback, exit 1
    child = subprocess.Popen(
        [sys.executable, "-m", "kisdesk", "--db", str(office), "--json", "settings", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the program writes
    err = child.stderr.read().decode("utf-8", "replace")
    assert child.wait(timeout=120) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("readiness", "list"), "gotowość do zajęć"),
        (("readiness", "set", "1", "--bhp", "2026-10-05"), "gotowość do zajęć"),
        (("print", "programme", "--month", "2026-10", "--out", "{out}"), "program zajęć"),
        (("print", "meals", "--month", "2026-10", "--out", "{out}"), "lista posiłków"),
    ],
)
def test_the_cis_duties_of_art_14_are_refused_in_a_club(office, tmp_path, capsys, args, what):
    # printed under the club's header, or every member reported without BHP and medicals
    out = tmp_path / "x.pdf"
    before = dump(office)
    code, _, err = run(office, *(a.replace("{out}", str(out)) for a in args), capsys=capsys)
    assert code == 2 and what in err and "klubem (KIS)" in err
    assert not out.exists() and dump(office) == before


def test_a_closed_month_keeps_its_minimum_when_the_setting_changes(office, capsys):
    # the hours report sent to the OPS for a closed month must read as it was signed
    code, _, err = run(office, "participant", "add", "--first-name", "Jan", "--last-name", "Lis",
                       "--pesel", PESEL, "--start", "2026-09-01", capsys=capsys)  # fmt: skip
    assert code == 0, err

    def required(month: str) -> int:
        code, report, err = run(office, "hours", "--month", month, "--json", capsys=capsys)
        assert code == 0, err
        return int(report["rows"][0]["required_minutes"])

    assert required("2026-10") == 1800
    assert run(office, "month", "close", "2026-10", capsys=capsys)[0] == 0
    assert run(office, "settings", "set", "monthly_minimum_hours", "30", capsys=capsys)[0] == 0
    assert required("2026-10") == 1800  # closed: the minimum of its closing
    assert required("2026-11") == 30 * 45  # open: the new one
