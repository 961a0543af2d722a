"""`kisdesk …` goes to the command line or opens the window, decided without the parser."""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys

import pytest

from kisdesk.app import _gui_arguments
from kisdesk.cli import build_parser
from kisdesk.cli.names import COMMAND_MODULES, COMMANDS


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    assert parser._subparsers is not None
    found: set[str] = set()
    for action in parser._subparsers._group_actions:
        found |= set(getattr(action, "choices", {}) or {})
    return found


def test_the_list_of_commands_is_the_parsers() -> None:
    assert _commands(build_parser()) == COMMANDS


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_registers_only_its_own_module(command: str) -> None:
    # the module named for the command registers it (and a command's start imports no other)
    parser = build_parser(["--db", "x.sqlite", "--json", command, "--help"])
    assert command in _commands(parser)
    assert all(COMMAND_MODULES[c] == COMMAND_MODULES[command] for c in _commands(parser))


def test_a_command_does_not_load_reportlab_or_openpyxl() -> None:
    code = (
        "import sys; from kisdesk.cli import build_parser; "
        "build_parser(['--db', 'x.sqlite', 'hours', '--month', '2026-10']); "
        "print(sorted(m for m in ('reportlab', 'openpyxl', 'kisdesk.cli.documents') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "argv",
    [
        ["participant", "list"],
        ["--db", "biuro.sqlite", "hours", "--month", "2026-10"],
        ["--json", "participant", "list"],
        ["-h"],
        ["--help"],
        ["--user", "renata", "audit", "verify"],
        ["--bogus"],  # the command line says what is wrong with it
    ],
)
def test_commands_go_to_the_command_line(argv: list[str]) -> None:
    assert _gui_arguments(argv) is None


def test_the_window_takes_its_own_options() -> None:
    args = _gui_arguments(["--db", "demo"])  # a file named like a command is still a file
    assert args is not None and args.db == "demo"
    args = _gui_arguments([])
    assert args is not None and args.db is None and not args.version
    args = _gui_arguments(["--db", "biuro.sqlite", "--version"])
    assert args is not None and args.version


def test_a_file_opened_with_the_program_is_its_database(tmp_path) -> None:
    dropped = tmp_path / "Klub Zawonia.sqlite"  # Windows passes the path of the file
    sqlite3.connect(dropped).execute("CREATE TABLE t (x)").connection.close()
    args = _gui_arguments([str(dropped)])
    assert args is not None and args.db == str(dropped)
    assert _gui_arguments([str(dropped), "--db", "other.sqlite"]) is None  # two: ambiguous


@pytest.mark.parametrize("name", ["Lista obecności.xlsx", "brak.sqlite"])
def test_a_file_that_is_no_database_is_not_opened(tmp_path, name: str) -> None:
    """A spreadsheet dropped on the icon would be set aside as a damaged database; it goes
    to the command line, which says what is wrong, and stays where it is."""
    path = tmp_path / name
    if name != "brak.sqlite":
        path.write_bytes(b"PK\x03\x04 not a database")
    assert _gui_arguments([str(path)]) is None
    assert _gui_arguments(["uczestnik"]) is None  # a mistyped command is not a new database


def test_a_backup_opened_with_the_program_is_offered_for_restore(tmp_path) -> None:
    """A .kisbak (double-clicked, or "Otwórz za pomocą") is never opened as the database:
    the window opens this office's database and offers the restore of that backup."""
    backup = tmp_path / "KOPIA-2026-11-22-101500-manual.KISBAK"
    backup.write_bytes(b"PK\x03\x04 a backup")
    args = _gui_arguments([str(backup)])
    assert args is not None and args.restore == backup and args.db is None
    from kisdesk import app
    from kisdesk.db import backup as bk

    assert app.BACKUP_SUFFIX == bk.SUFFIX  # kept apart only to keep the start light


def test_help_and_usage_errors_are_in_polish(capsys) -> None:
    from kisdesk.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("użycie: kisdesk") and "opcje:" in out and "pokaż tę pomoc" in out
    assert "usage" not in out and "show this help" not in out and "SPEC" not in out
    with pytest.raises(SystemExit) as done:
        main(["--db", "x.sqlite", "attendance", "set", "1", "2", "czesciowa"])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "niedozwolona wartość 'czesciowa' (do wyboru: 'present'" in err
    assert "invalid choice" not in err
