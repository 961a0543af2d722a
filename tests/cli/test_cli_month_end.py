"""`kisdesk print month-end`: the month's papers of a group or the office into a folder, one
JSON object listing what was made and what was skipped and why; refused input writes nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_documents_fixtures import NAME_LAST, Seed, pdf_text, seed  # noqa: E402

from kisdesk.cli import main  # noqa: E402
from kisdesk.db.open import open_database  # noqa: E402
from kisdesk.services.groups import add_group  # noqa: E402


def _office(tmp_path: Path, months: int = 7) -> tuple[Path, Seed]:
    path = tmp_path / "kis.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        sd = seed(db, months=months)
        with db.session() as s:
            add_group(s, "Grupa środowa")  # nobody, no classes at all
    finally:
        db.dispose()
    return path, sd


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Seed]:
    return _office(tmp_path)


def _run(db: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", str(db), "print", "month-end", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_groups_month_end_lists_the_files_made(
    office: tuple[Path, Seed], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, sd = office
    folder = tmp_path / "marzec"
    code, out, err = _run(
        db,
        "--month",
        "2027-03",
        "--group",
        str(sd.group_id),
        "--out",
        str(folder),
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    assert out.count("\n") == 1
    payload = json.loads(out)
    assert payload["month"] == "2027-03" and payload["next_month"] == "2027-04"
    assert [(f["kind"], Path(f["path"]).name) for f in payload["files"]] == [
        ("attendance_sheet", "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf"),
        ("journal", "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf"),
        ("hours_report", "Godziny_2027-03_Grupa_poniedziałkowa.pdf"),
        ("next_lists", "Listy_obecnosci_2027-04_Grupa_poniedziałkowa.pdf"),
    ]
    assert payload["files"][3]["pages"] == 4
    assert payload["skipped"] == [] and payload["failed"] == []
    hours = pdf_text(folder / "Godziny_2027-03_Grupa_poniedziałkowa.pdf")
    assert "Nowak Anna" in hours and f"{NAME_LAST}" in hours
    assert "Grupa: Grupa poniedziałkowa" in hours


def test_the_offices_month_end_says_what_was_skipped_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = _office(tmp_path, months=3)  # classes entered up to March only
    code, out, err = _run(
        db, "--month", "2027-03", "--out", str(tmp_path / "marzec"), "--json", capsys=capsys
    )
    assert code == 0, err
    payload = json.loads(out)
    made = [Path(f["path"]).name for f in payload["files"]]
    assert made == [
        "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf",
        "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf",
        "Godziny_2027-03.pdf",  # one report for the office
        "Listy_obecnosci_2027-04_Grupa_poniedziałkowa.pdf",
    ]
    # the empty group: nothing to print, and each skip says why
    assert payload["skipped"] == [
        {
            "kind": "attendance_sheet",
            "group": "Grupa środowa",
            "reason": "brak uczestników i zajęć w miesiącu marzec 2027",
        },
        {
            "kind": "journal",
            "group": "Grupa środowa",
            "reason": "brak zajęć w miesiącu marzec 2027",
        },
        {
            "kind": "next_lists",
            "group": "Grupa środowa",
            "reason": "brak uczestników i zaplanowanych zajęć w miesiącu kwiecień 2027",
        },
    ]
    # April has nothing planned yet: said, and blank day lists printed instead
    (note,) = payload["notes"]
    assert "poniedziałkowa" in note and "kwiecień 2027 nie zaplanowano jeszcze zajęć" in note
    assert payload["files"][3]["pages"] == 8  # the Mondays and Wednesdays of April


def test_the_text_output_names_each_file(
    office: tuple[Path, Seed], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, sd = office
    code, out, _ = _run(
        db,
        "--month",
        "2027-03",
        "--group",
        "Grupa poniedziałkowa",
        "--out",
        str(tmp_path / "m"),
        capsys=capsys,
    )
    assert code == 0
    assert "Koniec miesiąca marzec 2027: utworzono 4 dokumenty" in out
    assert "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--month", "2027-13"), "Niepoprawny miesiąc"),
        (("--month", "2027-03", "--group", "Nieznana"), "Nie ma grupy „Nieznana”"),
        (("--month", "2027-03", "--group", "999"), "Nie ma grupy"),
    ],
)
def test_refused_input_writes_nothing(
    office: tuple[Path, Seed],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    says: str,
) -> None:
    db, _ = office
    folder = tmp_path / "out"
    code, out, err = _run(db, *args, "--out", str(folder), capsys=capsys)
    assert code == 2 and out == ""
    assert err.startswith("Błąd: ") and says in err and "Traceback" not in err
    assert not folder.exists()


def test_out_must_be_a_folder(
    office: tuple[Path, Seed], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = office
    taken = tmp_path / "plik.pdf"
    taken.write_bytes(b"%PDF")
    code, _, err = _run(db, "--month", "2027-03", "--out", str(taken), capsys=capsys)
    assert code == 2 and "nie jest folderem" in err
    assert taken.read_bytes() == b"%PDF"


def test_a_month_with_nobody_in_it_prints_nothing_and_says_so(
    office: tuple[Path, Seed], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = office
    folder = tmp_path / "sroda"
    code, out, err = _run(
        db, "--month", "2027-03", "--group", "Grupa środowa", "--out", str(folder), capsys=capsys
    )
    assert code == 0, err
    assert "Koniec miesiąca marzec 2027: nie ma czego drukować" in out
    # an hours report of nobody was once printed (a page with "brak uczestników")
    assert "pominięto: Zestawienie godzin – Grupa środowa – brak uczestników" in out
    assert not folder.exists()  # no empty folder left behind
    # December 2026, before anyone joined the office: no hours report, January's lists only
    code, out, err = _run(
        db, "--month", "2026-12", "--out", str(tmp_path / "grudzien"), "--json", capsys=capsys
    )
    assert code == 0, err
    payload = json.loads(out)
    assert [f["kind"] for f in payload["files"]] == ["next_lists"]
    assert {
        "kind": "hours_report",
        "group": "wszystkie grupy",
        "reason": "brak uczestników w miesiącu grudzień 2026",
    } in payload["skipped"]


def test_pages_are_the_pages_printed(
    office: tuple[Path, Seed], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    from pypdf import PdfReader

    from kisdesk.services import activities

    db, sd = office
    database = open_database(f"sqlite:///{db}")
    try:  # a long month: the journal goes on to a second page
        with database.session() as s:
            for day in range(1, 29):
                activities.add_activity(
                    s,
                    activities.ActivityData(
                        date=dt.date(2027, 3, day),
                        start_time=dt.time(13),
                        end_time=dt.time(14),
                        kind="group",
                        topic=f"Popołudnie {day}",
                        group_id=sd.group_id,
                    ),
                )
    finally:
        database.dispose()
    code, out, err = _run(
        db, "--month", "2027-03", "--out", str(tmp_path / "m"), "--json", capsys=capsys
    )
    assert code == 0, err
    files = json.loads(out)["files"]
    journal = next(f for f in files if f["kind"] == "journal")
    assert journal["pages"] == 2
    for f in files:
        assert f["pages"] == len(PdfReader(f["path"]).pages), f["kind"]
