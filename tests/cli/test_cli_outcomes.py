"""`kisdesk outcome`, `followup` and `report annual`: the issue's JSON shapes, exit statuses,
nothing written on refusal, and the same numbers in the annual-report PDF."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_cli_core import dump
from test_cli_core import run as run_main

from tests.pesel import make_pesel


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "kis.sqlite"
    assert run(path, "init", "--type", "kis", "--name", "KIS w Zawoni", capsys=capsys)[0] == 0
    return path


def run(path: Path, *args: str, capsys):  # type: ignore[no-untyped-def]
    """A usage error (argparse) exits the process with status 2, as a user sees it."""
    try:
        return run_main(path, *args, capsys=capsys)
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return exc.code, out, err


def _add(path: Path, capsys, serial: int, start: str, *extra: str) -> int:  # type: ignore[no-untyped-def]
    code, payload, err = run(
        path,
        "participant",
        "add",
        "--first-name",
        "Anna",
        "--last-name",
        f"Kowal{serial}",
        "--pesel",
        make_pesel(dt.date(1980, 2, 3), serial, "K"),
        "--start",
        start,
        *extra,
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    return int(payload["id"])


def _end(path: Path, capsys, person: int, date: str, reason: str) -> int:  # type: ignore[no-untyped-def]
    code, payload, err = run(
        path,
        "participant",
        "end",
        str(person),
        "--date",
        date,
        "--reason",
        reason,
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    return int(payload["participation_id"])


def test_followup_list_record_and_the_annual_figures(office, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = _add(office, capsys, 1, "2026-01-15", "--category", "5")
    b = _add(office, capsys, 2, "2026-02-01", "--category", "5", "--category", "8")
    period_a = _end(office, capsys, a, "2026-08-31", "completed")
    period_b = _end(office, capsys, b, "2026-12-31", "resigned")

    code, listed, _ = run(
        office, "followup", "list", "--as-of", "2026-12-01", "--json", capsys=capsys
    )
    assert code == 0
    assert listed == {
        "as_of": "2026-12-01",
        "rows": [
            {
                "id": listed["rows"][0]["id"],
                "participation_id": period_a,
                "participant_id": a,
                "name": "Anna Kowal1",
                "checkpoint_months": 3,
                "due": "2026-11-30",  # 31 August + 3 months, clamped
                "done": False,
                "result": None,
            }
        ],
    }
    code, every, _ = run(office, "followup", "list", "--all", "--json", capsys=capsys)
    assert [(r["participation_id"], r["checkpoint_months"], r["due"]) for r in every["rows"]] == [
        (period_a, 3, "2026-11-30"),
        (period_a, 6, "2027-02-28"),
        (period_b, 3, "2027-03-31"),
        (period_b, 6, "2027-06-30"),
    ]

    code, figures, _ = run(office, "report", "annual", "--year", "2026", "--json", capsys=capsys)
    assert (figures["participants"], figures["achieved_effects"], figures["employed_after"]) == (
        2,
        1,
        0,
    )
    # a follow-up finds person B working: B now counts as employed after the club
    first_b = every["rows"][2]["id"]
    code, recorded, err = run(
        office,
        "followup",
        "record",
        str(first_b),
        "--on",
        "2027-04-02",
        "--result",
        "working",
        "--kind",
        "civil_contract",
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    assert (recorded["done"], recorded["result"], recorded["outcome"]) == (
        True,
        "working",
        "civil_contract",
    )
    code, figures, _ = run(office, "report", "annual", "--year", "2026", "--json", capsys=capsys)
    assert figures["year"] == 2026 and figures["kind"] == "kis"
    assert figures["by_category"] == {
        "1": 0,
        "2": 0,
        "3": 0,
        "4": 0,
        "5": 2,
        "6": 0,
        "7": 0,
        "8": 1,
        "9": 0,
    }
    assert (figures["achieved_effects"], figures["employed_after"]) == (2, 1)
    assert set(figures["how_counted"]) == {"achieved_effects", "employed_after"}
    assert "kontakcie kontrolnym" in figures["how_counted"]["employed_after"]

    # the same numbers in the PDF
    pdf = tmp_path / "sprawozdanie.pdf"
    code, _, err = run(
        office, "form", "annual-report", "--year", "2026", "--out", str(pdf), capsys=capsys
    )
    assert code == 0, err
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(pdf).pages))
    assert (
        "Osiągnęli efekty reintegracji społecznej i zawodowej: 2; w tym uzyskali zatrudnienie po zakończeniu uczestnictwa: 1."
        in text
    )
    assert re.search(r"Ogółem \(liczba osób; osoba może należeć do kilku grup\) 2 2 1", text)
    assert "Sposób liczenia" in text
    assert figures["how_counted"]["achieved_effects"][:60] in text


def test_outcome_set_and_refusals_write_nothing(office, capsys) -> None:  # type: ignore[no-untyped-def]
    person = _add(office, capsys, 3, "2026-03-01")
    code, _, err = run(
        office, "outcome", "set", "1", "--kind", "employment", "--on", "2026-05-01", capsys=capsys
    )
    assert code == 2 and "jeszcze trwa" in err  # an ongoing period has no outcome yet
    period = _end(office, capsys, person, "2026-06-30", "resigned")
    before = dump(office)
    for args, words in (
        (
            ("outcome", "set", str(period), "--kind", "lottery", "--on", "2026-07-01"),
            "niedozwolona",
        ),
        (("outcome", "set", "99", "--kind", "employment", "--on", "2026-07-01"), "Nie ma okresu"),
        (("outcome", "set", str(period), "--kind", "employment", "--on", "1.07.2026"), "data"),
        (
            ("followup", "record", "999", "--on", "2026-10-01", "--result", "working"),
            "Nie ma kontaktu",
        ),
        (
            (
                "followup",
                "record",
                "1",
                "--on",
                "2026-10-01",
                "--result",
                "no_contact",
                "--kind",
                "employment",
            ),
            "tylko przy wyniku",
        ),
        (("followup", "record", "1", "--on", "2026-05-01", "--result", "working"), "wcześniejsza"),
    ):
        code, _, err = run(office, *args, capsys=capsys)
        assert code == 2, args
        assert words.lower() in err.lower(), err
        assert "Traceback" not in err
    assert dump(office) == before
    code, payload, err = run(
        office,
        "outcome",
        "set",
        str(period),
        "--kind",
        "education",
        "--on",
        "2026-09-01",
        "--note",
        "kurs spawacza",
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    assert payload == {
        "participation_id": period,
        "kind": "education",
        "on": "2026-09-01",
        "note": "kurs spawacza",
    }
    code, figures, _ = run(office, "report", "annual", "--year", "2026", "--json", capsys=capsys)
    assert (figures["achieved_effects"], figures["employed_after"]) == (1, 0)


def test_the_call_list_of_the_month_is_printed_with_phones(office, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    person = _add(office, capsys, 4, "2026-01-15")
    _end(office, capsys, person, "2026-08-31", "completed")
    pdf = tmp_path / "telefony.pdf"
    code, payload, err = run(
        office,
        "followup",
        "calls",
        "--month",
        "2026-11",
        "--out",
        str(pdf),
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    assert payload["rows"] == 1
    text = re.sub(r"\s+", " ", PdfReader(pdf).pages[0].extract_text())
    assert "LISTA KONTAKTÓW KONTROLNYCH – listopad 2026" in text
    assert "Anna Kowal4" in text and "30.11.2026" in text
