"""Hostile or impossible input on the command line (docs/misuse-cases.md): every one is
refused with exit 2, a Polish message and nothing written; nothing raw reaches the terminal."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from kisdesk.cli import main
from tests.pesel import make_pesel

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


BIG = "99999999999999999999999"
EDGE_COMMANDS = [
    ("activity", "add", "--date", "2026-11-02", "--from", "9:00", "--to", "10:00",
     "--kind", "individual", "--topic", "X", "--participant", BIG),
    ("attendance", "set", BIG, "14", "present"),
    ("participant", "enroll", BIG, "--start", "2026-11-02"),
    ("activity", "delete", "99999999999999999999"),
    ("audit", "list", "--limit", "99999999999999999999"),
    ("graduates", "--within", "99999999999"),
    ("hours", "--week", "9999-W52"),
    ("hours", "--month", "0000-01"),
    ("activity", "list", "--month", "0000-01"),
    ("export", "hours", "--year", "0", "--out", "h.xlsx"),
    ("form", "annual-report", "--year", "0", "--out", "r.pdf"),
    ("export", "hours", "--year", "99999", "--out", "h.xlsx"),
    ("export", "hours", "--year", "-1", "--out", "h.xlsx"),
    ("form", "annual-report", "--year", "9999", "--out", "r.pdf"),
]  # fmt: skip


@pytest.mark.parametrize("args", EDGE_COMMANDS, ids=lambda a: " ".join(a)[:40])
def test_edge_numbers_and_years_are_refused_with_exit_2(
    office: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--db", str(office), *args)
    assert code == 2 and out == "" and err.startswith("Błąd: ") and "Błąd programu" not in err
    assert not (tmp_path / "h.xlsx").exists() and not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--pesel", "99851432117"), "nieprawdopodobna"),  # born 1899 (PESEL of the 1800s)
        (("--pesel", "00810132119"), "nieprawdopodobna"),  # born 1800-01-01
        (("--birth-date", "0001-01-01", "--sex", "M", "--document", "paszport AB1"), "1900"),
    ],
)
def test_implausible_births_are_refused(
    office: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    code, out, err = run(
        capsys, "--db", str(office), "participant", "add", "--first-name", "Jan",
        "--last-name", "Testowy", *args, "--start", "2026-11-02",
    )  # fmt: skip
    assert code == 2 and out == "" and said in err
    assert people(office) == 1


@pytest.mark.parametrize(
    ("start", "said"),
    [
        ("2006-01-01", "przed datą urodzenia"),  # born 2008
        ("1999-12-31", "od roku 2000"),
        ("1970-01-01", "od roku 2000"),
        ("0001-01-01", ""),
    ],
)
def test_a_period_before_birth_or_before_the_act_is_refused(
    office: Path, capsys: pytest.CaptureFixture[str], start: str, said: str
) -> None:
    code, out, err = run(
        capsys, "--db", str(office), "participant", "add", "--first-name", "Jan",
        "--last-name", "Testowy", "--pesel", make_pesel(dt.date(2008, 5, 1), 5), "--start", start,
    )  # fmt: skip
    assert code == 2 and out == "" and said in err and "Błąd programu" not in err
    assert people(office) == 1


def test_a_health_category_is_refused_for_a_role_without_health_access(
    office: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KISDESK_NEW_PASSWORD", "kierownik-haslo-123")
    db = ("--db", str(office))
    assert run(capsys, *db, "user", "add", "renata", "--role", "kierownik")[0] == 0
    monkeypatch.setenv("KISDESK_PASSWORD", "kierownik-haslo-123")
    monkeypatch.setenv("KISDESK_NEW_PASSWORD", "kadra-bez-zdrowia1")
    code, _, err = run(
        capsys, *db, "--user", "renata", "user", "add", "jan", "--role", "kadra", "--no-sensitive"
    )
    assert code == 0, err
    monkeypatch.setenv("KISDESK_PASSWORD", "kadra-bez-zdrowia1")
    code, out, err = run(
        capsys, *db, "--user", "jan", "participant", "add", "--first-name", "A",
        "--last-name", "B", "--pesel", "80051432111", "--start", "2026-11-02",
        "--category", "2",
    )  # fmt: skip
    assert code == 2 and out == "" and "zdrowia" in err
    assert people(office) == 1
    code, _, err = run(
        capsys, *db, "--user", "jan", "participant", "add", "--first-name", "A",
        "--last-name", "B", "--pesel", "80051432111", "--start", "2026-11-02", "--category", "1",
    )  # fmt: skip
    assert code == 0, err


@pytest.mark.parametrize("pattern", ["{n}{n.x}", "{n}{n.__class__.__mro__}", "{n}/{year}{0}"])
def test_a_certificate_number_pattern_names_only_n_and_year(
    office: Path, capsys: pytest.CaptureFixture[str], pattern: str
) -> None:
    db = ("--db", str(office))
    code, out, err = run(capsys, *db, "settings", "set", "certificate_number_pattern", pattern)
    assert code == 2 and "{n}" in err and "Błąd programu" not in err
    code, out, _ = run(capsys, *db, "settings", "get", "certificate_number_pattern")
    assert out.startswith("certificate_number_pattern = {n}/{year}")
    code, _, err = run(
        capsys, *db, "settings", "set", "certificate_number_pattern", "{n:03d}/{year}"
    )
    assert code == 0, err


def test_a_bad_pattern_stored_earlier_is_refused_at_issue_not_a_crash(
    office: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = ("--db", str(office))
    with sqlite3.connect(office) as conn:  # as the settings check before this let it in
        conn.execute(
            "insert into setting (key, value) values ('certificate_number_pattern', ?)",
            (json.dumps("{n}{n.x}"),),
        )
    assert run(capsys, *db, "participant", "end", "1", "--date", "2026-12-01",
               "--reason", "completed")[0] == 0  # fmt: skip
    code, _, err = run(
        capsys, *db, "certificate", "--participant", "1", "--kind", "ending",
        "--date", "2026-12-02", "--out", str(tmp_path / "c.pdf"),
    )  # fmt: skip
    assert code == 2 and "Błąd programu" not in err
