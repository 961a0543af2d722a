"""`kisdesk certificate / certificates / form / print`: shapes, exit codes, nothing written
on error (no register row, no file)."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_documents_fixtures import NAME_LAST, Seed, pdf_pages, pdf_text, seed  # noqa: E402

from kisdesk.cli import main  # noqa: E402
from kisdesk.db.files import TEMP_SUFFIX  # noqa: E402
from kisdesk.db.open import open_database  # noqa: E402


def run(db_path: Path, *args: str, capsys) -> tuple[int, dict | str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    if "--json" in args and code == 0:
        assert out.count("\n") == 1, "exactly one JSON object on stdout"
        return code, json.loads(out), err
    return code, out, err


def registered(db_path: Path) -> int:
    con = sqlite3.connect(db_path)
    try:
        return int(con.execute("SELECT count(*) FROM issued_document").fetchone()[0])
    finally:
        con.close()


def _office(tmp_path: Path, kind: str = "kis", months: int = 7) -> tuple[Path, Seed]:
    path = tmp_path / f"{kind}.sqlite"
    db = open_database(f"sqlite:///{path}")
    try:
        sd = seed(db, kind=kind, months=months)
    finally:
        db.dispose()
    return path, sd


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Seed]:
    return _office(tmp_path)


def test_certificate_prints_number_and_path(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, sd = office
    out = tmp_path / "zaświadczenie.pdf"
    code, payload, _ = run(
        path,
        "certificate",
        "--participant",
        str(sd.grzegorz),
        "--kind",
        "ending",
        "--date",
        "2027-07-20",
        "--out",
        str(out),
        "--json",
        capsys=capsys,
    )
    assert code == 0
    assert payload == {"number": "1/2027", "path": str(out.resolve())}
    text = pdf_text(out)
    assert NAME_LAST in text and sd.pesel in text and "nr 1/2027" in text


def test_graduate_refused_with_the_reason_and_nothing_written(
    office, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    path, sd = office
    out = tmp_path / "absolwent.pdf"
    args = ["certificate", "--participant", str(sd.anna), "--kind", "graduate"]
    args += ["--date", "2027-07-20", "--out", str(out)]
    code, _, err = run(path, *args, capsys=capsys)
    assert code == 2
    assert "statusu absolwenta" in err and "2027-08-31" in err and "--override" in err
    assert not out.exists() and registered(path) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(TEMP_SUFFIX)]  # no temp left
    code, payload, _ = run(
        path,
        *args,
        "--override",
        "Podjęła pracę; cele kontraktu osiągnięte",
        "--json",
        capsys=capsys,
    )
    assert code == 0 and out.exists()
    code, listing, _ = run(path, "certificates", "list", "--json", capsys=capsys)
    assert listing["rows"][0]["override_reason"] == "Podjęła pracę; cele kontraktu osiągnięte"
    # the paper says so too: its conditions listed as unmet no longer contradict it silently
    text = re.sub(r"\s+", " ", pdf_text(out))
    assert "wydano decyzją kierownika mimo niespełnienia wszystkich warunków" in text
    assert "Podjęła pracę; cele kontraktu osiągnięte" in text
    assert len(pdf_pages(out)) == 1  # the note does not push the signatures onto a page alone


def test_ending_refused_while_participation_goes_on(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, sd = _office(tmp_path, months=6)
    out = tmp_path / "x.pdf"
    code, _, err = run(
        path, "certificate", "--participant", str(sd.grzegorz), "--kind", "ending",
        "--date", "2027-07-20", "--out", str(out), capsys=capsys,
    )  # fmt: skip
    assert code == 2 and "nie zostało zakończone" in err
    assert not out.exists() and registered(path) == 0


def test_reprint_duplicate_cancel(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, sd = office
    first = tmp_path / "a.pdf"
    run(path, "certificate", "--participant", str(sd.grzegorz), "--kind", "ending",
        "--date", "2027-07-20", "--out", str(first), capsys=capsys)  # fmt: skip
    again, dup = tmp_path / "b.pdf", tmp_path / "c.pdf"
    assert (
        run(path, "certificates", "reprint", "1/2027", "--out", str(again), capsys=capsys)[0] == 0
    )
    assert pdf_text(again) == pdf_text(first)
    code, payload, _ = run(
        path, "certificates", "reprint", "1/2027", "--duplicate", "--out", str(dup), "--json",
        capsys=capsys,
    )  # fmt: skip
    assert code == 0 and payload["duplicate"] is True
    assert "DUPLIKAT" in pdf_text(dup)
    code, payload, _ = run(
        path, "certificates", "cancel", "1/2027", "--reason", "zła data", "--json", capsys=capsys
    )
    assert code == 0 and payload["cancelled"] is True
    code, _, err = run(path, "certificates", "reprint", "1/2027", "--out", str(tmp_path / "d.pdf"),
                       capsys=capsys)  # fmt: skip
    assert code == 2 and "anulowane" in err and not (tmp_path / "d.pdf").exists()
    code, _, err = run(path, "certificates", "cancel", "9/2027", "--reason", "x", capsys=capsys)
    assert code == 2 and "9/2027" in err


def test_certificates_due_listed_then_issued_in_one_pdf(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, sd = office
    code, payload, _ = run(path, "certificates", "due", "--date", "2027-07-20", "--json",
                           capsys=capsys)  # fmt: skip
    assert code == 0
    assert sorted((r["participant_id"], r["kind"]) for r in payload["due"]) == sorted(
        [
            (sd.grzegorz, "ending_certificate"),
            (sd.grzegorz, "graduate_certificate"),
            (sd.anna, "ending_certificate"),
        ]
    )
    out = tmp_path / "wszystkie.pdf"
    code, payload, _ = run(path, "certificates", "due", "--date", "2027-07-20", "--out", str(out),
                           "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and len(payload["issued"]) == 3
    assert len(pdf_pages(out)) == 3 and registered(path) == 3
    out.unlink()
    code, text, _ = run(path, "certificates", "due", "--date", "2027-07-20", "--out", str(out),
                        capsys=capsys)  # fmt: skip
    assert code == 0 and "Brak" in text and not out.exists()


def test_forms(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = office
    for what in ("register", "closing"):
        out = tmp_path / f"{what}.pdf"
        code, payload, _ = run(path, "form", what, "--date", "2028-03-15", "--out", str(out),
                               "--json", capsys=capsys)  # fmt: skip
        assert code == 0 and out.exists() and payload["path"] == str(out.resolve())
    out = tmp_path / "sprawozdanie.pdf"
    code, payload, _ = run(path, "form", "annual-report", "--date", "2028-03-15", "--out", str(out),
                           "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and payload["kind"] == "annual_report"
    assert "ZA ROK 2027" in pdf_text(out)  # the year before the date, by default
    before = registered(path)
    out = tmp_path / "wniosek.pdf"
    code, _, err = run(path, "form", "cis-application", "--out", str(out), capsys=capsys)
    assert code == 2 and "CIS" in err and not out.exists() and registered(path) == before


def test_cis_annual_report_through_the_same_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = _office(tmp_path, kind="cis")
    out = tmp_path / "cis.pdf"
    code, payload, _ = run(path, "form", "annual-report", "--year", "2027", "--out", str(out),
                           "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and payload["kind"] == "cis_annual_report"
    assert "SPRAWOZDANIE CENTRUM INTEGRACJI SPOŁECZNEJ ZA ROK 2027" in pdf_text(out)


def test_print_commands(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, sd = office
    group = "Grupa poniedziałkowa"
    cases = [
        (["attendance-list", "--activity", str(sd.monday_activity)], "LISTA OBECNOŚCI"),
        (["attendance-list", "--group", group, "--date", "2027-03-08"], "Nowak Anna"),
        (["attendance-list", "--group", group, "--month", "2027-03"], "31.03.2027"),
        (["attendance-sheet", "--group", group, "--month", "2027-03", "--as-of", "2027-04-02"],
         "MIESIĘCZNA LISTA OBECNOŚCI"),
        (["journal", "--group", group, "--month", "2027-03"], "DZIENNIK ZAJĘĆ"),
        (["counselling-card", "--participant", str(sd.grzegorz), "--year", "2027"],
         "Plan powrotu na rynek pracy"),
    ]  # fmt: skip
    for i, (args, expected) in enumerate(cases):
        out = tmp_path / f"p{i}.pdf"
        code, payload, err = run(path, "print", *args, "--out", str(out), "--json", capsys=capsys)
        assert code == 0, err
        assert payload["path"] == str(out.resolve())
        assert expected in re.sub(r"\s+", " ", pdf_text(out))
    assert registered(path) == 0  # working papers are not registered


def test_print_errors_exit_2(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = office
    out = tmp_path / "x.pdf"
    code, _, err = run(path, "print", "attendance-list", "--out", str(out), capsys=capsys)
    assert code == 2 and "--activity" in err
    code, _, err = run(path, "print", "journal", "--group", "Nie ma takiej", "--month", "2027-03",
                       "--out", str(out), capsys=capsys)  # fmt: skip
    assert code == 2 and "Nie ma takiej" in err
    code, _, err = run(path, "print", "journal", "--group", "Grupa poniedziałkowa", "--month",
                       "2027-13", "--out", str(out), capsys=capsys)  # fmt: skip
    assert code == 2 and not out.exists()


def test_a_folder_that_does_not_exist_writes_nothing(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, sd = office
    out = tmp_path / "brak" / "z.pdf"
    code, _, err = run(path, "certificate", "--participant", str(sd.grzegorz), "--kind", "ending",
                       "--date", "2027-07-20", "--out", str(out), capsys=capsys)  # fmt: skip
    assert code == 2 and "nie istnieje" in err
    assert registered(path) == 0


def test_the_only_group_needs_no_name_and_two_ask_which(office, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _ = office
    code, payload, err = run(path, "group", "list", "--json", capsys=capsys)
    names = [g["name"] for g in payload["rows"]]
    assert names == ["Grupa poniedziałkowa"]  # the office of the fixture has one group
    one = tmp_path / "one.pdf"
    code, payload, err = run(path, "print", "journal", "--month", "2027-03", "--out", str(one),
                             "--json", capsys=capsys)  # fmt: skip
    assert code == 0, err
    assert "DZIENNIK ZAJĘĆ" in pdf_text(one)
    lists = tmp_path / "lists.pdf"
    code, payload, err = run(path, "print", "attendance-list", "--month", "2027-03", "--out",
                             str(lists), "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and payload["lists"] > 1, err
    code, _, err = run(path, "group", "add", "Grupa środowa", capsys=capsys)
    assert code == 0, err
    two = tmp_path / "two.pdf"
    code, _, err = run(path, "print", "attendance-sheet", "--month", "2027-03", "--out", str(two),
                       capsys=capsys)  # fmt: skip
    assert code == 2 and not two.exists()
    assert "Wskaż grupę: --group NAZWA" in err and "Grupa poniedziałkowa, Grupa środowa" in err


def test_a_print_that_cannot_be_written_uses_up_no_number(  # type: ignore[no-untyped-def]
    office, tmp_path: Path, capsys, monkeypatch
) -> None:
    # --out naming a folder: the number was taken and the entry committed before the file
    # failed, so "1/2027" stood in the register with no paper and the next print was refused
    path, sd = office
    args = ["certificate", "--participant", str(sd.grzegorz), "--kind", "ending"]
    args += ["--date", "2027-07-20"]
    code, _, err = run(path, *args, "--out", str(tmp_path), capsys=capsys)
    assert code == 2 and "to jest folder" in err and "Traceback" not in err
    assert registered(path) == 0
    # the file moved to its name but the commit failing after it: the paper goes too
    from kisdesk.db import Database

    real_session = Database.session

    def failing_commit(self, *a, **kw):  # type: ignore[no-untyped-def]
        import contextlib

        @contextlib.contextmanager
        def session():  # type: ignore[no-untyped-def]
            with real_session(self, *a, **kw) as s:
                yield s
                raise OSError(28, "No space left on device")

        return session()

    monkeypatch.setattr(Database, "session", failing_commit)
    out = tmp_path / "zaświadczenie.pdf"
    code, _, err = run(path, *args, "--out", str(out), capsys=capsys)
    monkeypatch.undo()
    assert code == 1 and "dane nie zostały zmienione" in err and "Traceback" not in err
    assert not out.exists() and registered(path) == 0
    code, payload, _ = run(path, *args, "--out", str(out), "--json", capsys=capsys)
    assert code == 0 and payload["number"] == "1/2027"  # the first number, unspent
