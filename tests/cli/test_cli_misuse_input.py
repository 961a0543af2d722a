"""Hostile or impossible input on the command line (docs/misuse-cases.md): every one is
refused with exit 2, a Polish message and nothing written; nothing raw reaches the terminal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from kisdesk.cli import main

ESCAPES = "\x1b[31mJan\x1b]0;pwned\x07\x9b"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS")[0] == 0
    assert run(capsys, "--db", str(path), "group", "add", "Grupa poniedziałkowa")[0] == 0
    code, _, err = add(capsys, path, "Ala", "Nowa", "80051412313")
    assert code == 0, err
    return path


def add(
    capsys: pytest.CaptureFixture[str], path: Path, first: str, last: str, pesel: str, *more: str
) -> tuple[int, str, str]:
    return run(
        capsys, "--db", str(path), "participant", "add", "--first-name", first,
        "--last-name", last, "--pesel", pesel, "--start", "2026-11-02", *more,
    )  # fmt: skip


def people(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("select count(*) from participant").fetchone()[0])


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Jan", "Now\b\b\aak"),
        (ESCAPES, "Nowak"),
        ("Jan\x00", "Nowak"),
        ("Jan", "Nowak\x7f"),
    ],
)
def test_control_characters_in_names_are_refused(
    office: Path, capsys: pytest.CaptureFixture[str], first: str, last: str
) -> None:
    code, out, err = add(capsys, office, first, last, "80051432111")
    assert code == 2 and out == ""
    assert "znak sterujący" in err and "\x1b" not in err and "\x07" not in err
    assert people(office) == 1


def test_a_zero_width_only_name_is_an_empty_name(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = add(capsys, office, "\u200b\u200b", "Nowak", "80051432111")
    assert code == 2 and "Podaj imię" in err
    assert people(office) == 1


@pytest.mark.parametrize(
    ("args", "limit"),
    [
        (("participant", "add", "--first-name", "A" * 101, "--last-name", "B",
          "--pesel", "80051432111", "--start", "2026-11-02"), 100),
        (("participant", "add", "--first-name", "A", "--last-name", "B", "--birth-date",
          "1980-01-01", "--sex", "M", "--document", "D" * 120, "--start", "2026-11-02"), 100),
        (("group", "add", "G" * 300), 100),
    ],
)  # fmt: skip
def test_over_long_texts_are_refused_saying_the_limit(
    office: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], limit: int
) -> None:
    code, out, err = run(capsys, "--db", str(office), *args)
    assert code == 2 and out == "" and f"najwyżej {limit}" in err
    assert people(office) == 1


def test_the_longest_allowed_name_is_accepted(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert add(capsys, office, "A" * 100, "B" * 100, "80051432111")[0] == 0


def test_text_stored_earlier_is_escaped_on_the_terminal_and_exported(
    office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with sqlite3.connect(office) as conn:  # as an older version let it in
        conn.execute("update participant set first_name = ?, last_name = ?", (ESCAPES, "N\bk"))
    code, out, _ = run(capsys, "--db", str(office), "participant", "list")
    assert code == 0 and "\\x1b[31mJan" in out and "\\x9b" in out
    assert not any(c in out for c in "\x1b\x07\x08\x9b")
    code, out, _ = run(capsys, "--db", str(office), "--json", "participant", "list")
    assert code == 0 and json.loads(out)["rows"][0]["first_name"] == ESCAPES
    assert not any(c in out for c in "\x1b\x07\x08\x9b")
    exports = [
        ("participants",),
        ("hours", "--year", "2026"),
        ("attendance", "--month", "2026-11"),
        ("statistics", "--with-names", "--year", "2026"),
    ]
    for kind in exports:
        target = tmp_path / f"{kind[0]}.xlsx"
        code, _, err = run(capsys, "--db", str(office), "export", *kind, "--out", str(target))
        assert code == 0, (kind, err)
    wb = openpyxl.load_workbook(tmp_path / "participants.xlsx", read_only=True)
    texts = {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row}
    assert any("\ufffd[31mJan" in t for t in texts) and any("N\ufffdk" in t for t in texts)
