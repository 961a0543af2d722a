"""`kisdesk demo`: a demo office in an empty database; a database in use is refused."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from kisdesk.cli import main

AS_OF = "2026-11-18"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    finally:
        con.close()


def test_demo_json_counts_what_is_in_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, err = run(
        capsys, "--db", str(path), "demo", "--participants", "30", "--as-of", AS_OF, "--json"
    )
    assert code == 0, err
    payload = json.loads(out)
    assert payload["participants"] == count(path, "participant") == 30
    assert payload["participations"] == count(path, "participation")
    assert payload["activities"] == count(path, "activity") > 0
    assert payload["attendance"] == count(path, "attendance") > 0
    assert payload["documents"] == count(path, "issued_document") > 0
    assert isinstance(payload["seconds"], float | int) and payload["seconds"] >= 0
    assert payload["as_of"] == AS_OF and payload["type"] == "kis"


def test_demo_text_summary_in_polish_and_a_second_run_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    code, out, _ = run(capsys, "--db", str(path), "demo", "--seed", "4", "--as-of", AS_OF)
    assert code == 0
    assert "Utworzono placówkę demonstracyjną" in out
    assert "Klub Integracji Społecznej w" in out
    assert "uczestnicy: 60" in out
    before = count(path, "attendance")
    code, out, err = run(capsys, "--db", str(path), "demo", "--as-of", AS_OF)
    assert code == 2
    assert out == ""
    assert "Placówkę demonstracyjną można utworzyć tylko w pustej bazie danych" in err
    assert "Traceback" not in err
    assert count(path, "attendance") == before
    assert count(path, "participant") == 60


def test_demo_refused_next_to_a_real_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    code, _, err = run(capsys, "--db", str(path), "demo", "--json")
    assert code == 2 and "pustej bazie" in err
    assert count(path, "participant") == 0 and count(path, "office") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--participants", "0"), "od 1 do"),
        (("--years", "abc"), "abc"),
        (("--as-of", "18.11.2026"), "18.11.2026"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "demo.sqlite"
    code, _, err = run(capsys, "--db", str(path), "demo", *args)
    assert code == 2 and message in err
    assert count(path, "office") == 0


def test_a_cis_for_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --as-of the history ends today; the CIS is a centre with its workshops."""
    path = tmp_path / "cis.sqlite"
    code, out, _ = run(
        capsys, "--db", str(path), "demo", "--type", "cis", "--participants", "20", "--json"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["type"] == "cis" and payload["as_of"] == dt.date.today().isoformat()
    assert payload["office"].startswith("Centrum Integracji Społecznej")
    con = sqlite3.connect(path)
    try:
        future_marks = con.execute(
            "SELECT count(*) FROM attendance t JOIN activity a ON a.id = t.activity_id "
            "WHERE a.date >= ?",
            (dt.date.today().isoformat(),),
        ).fetchone()[0]
    finally:
        con.close()
    assert future_marks == 0


@pytest.mark.slow
def test_ten_years_of_a_300_participant_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.sqlite"
    code, out, _ = run(
        capsys, "--db", str(path), "demo", "--participants", "300", "--years", "10",
        "--as-of", AS_OF, "--json",
    )  # fmt: skip
    assert code == 0
    payload = json.loads(out)
    assert payload["seconds"] < 30
    assert payload["attendance"] == count(path, "attendance") > 10000
    years = sqlite3.connect(path).execute("SELECT count(DISTINCT year) FROM issued_document")
    assert years.fetchone()[0] >= 10
