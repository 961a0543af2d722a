"""`migrate-to` with texts stored before the length checks (written here with plain sqlite3):
a pre-flight check lists record, field, limit and length (never the value), exits 2 with how
to shorten them, and leaves the target untouched; once shortened, the copy goes through
(docs/misuse-cases.md, "Moving to another database")."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, inspect

from kisdesk.cli import main
from tests.pesel import make_pesel

LONG_NAME = "Bartłomiej" * 15  # 150 characters, the model allows 100
LONG_CITY = "Zawonia" * 20  # 140, allows 100


def _office(tmp_path: Path) -> Path:
    path = tmp_path / "biuro.sqlite"
    assert main(["--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni"]) == 0
    assert main(["--db", str(path), "group", "add", "Grupa"]) == 0
    for serial, first in ((1, "Anna"), (2, "Piotr")):
        pesel = make_pesel(dt.date(1980, 3, 4), serial, "K" if first == "Anna" else "M")
        args = ["participant", "add", "--first-name", first, "--last-name", "Kos"]
        args += ["--pesel", pesel, "--start", "2026-02-02", "--group", "Grupa"]
        assert main(["--db", str(path), *args]) == 0
    conn = sqlite3.connect(path)  # what the program before the checks let through
    with conn:
        conn.execute("UPDATE participant SET first_name = ?, city = ? WHERE id = 2",
                     (LONG_NAME, LONG_CITY))  # fmt: skip
    conn.close()
    return path


def _untouched(url: str) -> bool:
    if url.startswith("sqlite:///"):
        return not Path(url.removeprefix("sqlite:///")).exists()
    engine = create_engine(url)
    try:
        return inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_over_long_values_are_listed_before_anything_is_written(
    tmp_path: Path, empty_target_url: str, capsys
) -> None:
    office = _office(tmp_path)
    capsys.readouterr()
    code = main(["--db", str(office), "migrate-to", empty_target_url])
    _out, err = capsys.readouterr()
    assert code == 2, err
    assert "Traceback" not in err and "INSERT" not in err
    assert "(liczba: 2)" in err
    assert "uczestnik nr 2: pole „imię” ma 150 znaków, najwyżej 100" in err
    assert "uczestnik nr 2: pole „miejscowość” ma 140 znaków, najwyżej 100" in err
    assert "kisdesk participant edit" in err and "nietknięta" in err
    assert "Bartłomiej" not in err and "Zawonia" not in err
    assert _untouched(empty_target_url)

    fix = ["participant", "edit", "2", "--first-name", "Bartłomiej", "--city", "Zawonia"]
    assert main(["--db", str(office), *fix]) == 0
    capsys.readouterr()
    assert main(["--db", str(office), "--json", "migrate-to", empty_target_url]) == 0
    out, _err = capsys.readouterr()
    assert '"participant": 2' in out


def test_participant_edit_changes_only_what_it_names(tmp_path: Path, capsys) -> None:
    office = _office(tmp_path)
    assert main(["--db", str(office), "participant", "edit", "1", "--phone", "600 100 200"]) == 0
    assert main(["--db", str(office), "participant", "edit", "1"]) == 2
    _out, err = capsys.readouterr()
    assert "Nie podano, co zmienić" in err
    conn = sqlite3.connect(office)
    row = conn.execute("SELECT first_name, last_name, phone, pesel FROM participant WHERE id = 1")
    first, last, phone, pesel = row.fetchone()
    conn.close()
    assert (first, last, phone) == ("Anna", "Kos", "600 100 200")
    assert pesel == make_pesel(dt.date(1980, 3, 4), 1, "K")
