"""Misuse of the database file and its path (docs/misuse-cases.md, "Files and paths"):
a damaged office is never silently replaced by an empty one, and odd characters in a path
never split one office into two files."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kisdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_office(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS Zawonia")
    assert code == 0, err
    code, _, err = run(
        capsys, "--db", str(path), "participant", "add", "--first-name", "Ala",
        "--last-name", "Nowa", "--pesel", "80051412313", "--start", "2026-11-02",
    )  # fmt: skip
    assert code == 0, err


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2 + 100)


def _zero_page_two(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\0" * 4096
    path.write_bytes(bytes(data))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("to nie jest baza danych\n")


def _zeros(path: Path) -> None:
    path.write_bytes(b"\0" * 1_000_000)


def _bad_magic(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(b"SQLite format 4\0" + data[16:])


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "x").write_text("x")


def _orphan_wal(path: Path) -> None:
    path.unlink()
    path.with_name(path.name + "-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\0" * 60)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "page_two_zeroed": _zero_page_two,
    "empty": _empty,
    "text": _text,
    "zeros": _zeros,
    "bad_magic": _bad_magic,
    "directory": _directory,
    "orphan_wal": _orphan_wal,
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_quarantined_office_is_never_replaced_by_an_empty_one(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    make_office(path, capsys)
    DAMAGE[kind](path)
    code, _, err = run(capsys, "--db", str(path), "participant", "list")
    assert code == 2 and "przeniesiono bez zmian" in err
    for _attempt in range(2):  # the second and every later command: still refused
        code, out, err = run(capsys, "--db", str(path), "participant", "list")
        assert code == 2 and out == ""
        assert "kwarantanny" in err and "kisdesk restore" in err and "kisdesk init" in err
        assert "Traceback" not in err
        assert not path.exists()
    quarantined = err.split("kwarantanny (")[1].split(")")[0]
    assert Path(quarantined).exists()
    # `init` is the explicit decision to start again in this place
    code, out, err = run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "Nowy")
    assert code == 0, err
    code, out, _ = run(capsys, "--db", str(path), "--json", "participant", "list")
    assert code == 0 and json.loads(out)["rows"] == []


def test_a_quarantined_office_with_a_backup_names_the_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.sqlite"
    make_office(path, capsys)
    code, out, _ = run(capsys, "--db", str(path), "--json", "backup")
    backup = json.loads(out)["backup"]["path"]
    _truncate(path)
    assert run(capsys, "--db", str(path), "participant", "list")[0] == 2
    code, _, err = run(capsys, "--db", str(path), "group", "list")
    assert code == 2 and f'kisdesk restore "{backup}"' in err and "kwarantanny" in err
    assert not path.exists()
    assert run(capsys, "--db", str(path), "restore", backup)[0] == 0
    code, out, _ = run(capsys, "--db", str(path), "--json", "participant", "list")
    assert code == 0 and [r["last_name"] for r in json.loads(out)["rows"]] == ["Nowa"]


def _names(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run(capsys, "--db", str(path), "--json", "participant", "list")
    assert code == 0, err
    return [r["last_name"] for r in json.loads(out)["rows"]]


@pytest.mark.parametrize(
    "name", ["biuro%41.sqlite", "biuro?.sqlite", "biuro#1.sqlite", "nowa baza%20a.sqlite"]
)
def test_odd_characters_in_a_path_lead_to_one_file_throughout(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "print_journal_(notes?)"
    path = folder / name
    make_office(path, capsys)  # `init` on the path itself, then a participant
    code, out, err = run(capsys, "--db", str(path), "--json", "backup")
    assert code == 0, err
    backup = json.loads(out)["backup"]["path"]
    code, out, err = run(capsys, "--db", str(path), "--json", "check")
    report = json.loads(out)
    assert code == 0 and report["healthy"] and report["db"] == str(path), err
    code, _, err = run(
        capsys, "--db", str(path), "participant", "add", "--first-name", "Ola",
        "--last-name", "Późna", "--pesel", "80051432111", "--start", "2026-11-03",
    )  # fmt: skip
    assert code == 0, err
    assert _names(path, capsys) == ["Nowa", "Późna"]
    databases = sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))
    assert databases == [name]  # no second database, no temporary file left by `init`
    assert run(capsys, "--db", str(path), "restore", backup)[0] == 0
    assert _names(path, capsys) == ["Nowa"]
