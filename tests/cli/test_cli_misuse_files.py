"""Misuse of the database file and its path (docs/misuse-cases.md, "Files and paths"):
a damaged office is never silently replaced by an empty one, and odd characters in a path
never split one office into two files."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
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


def _truncate_at_page(path: Path) -> None:
    os.truncate(path, (path.stat().st_size // 4096 // 2) * 4096)


def _zero_middle_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle : middle + 4096] = b"\0" * 4096
    path.write_bytes(bytes(data))


def _garbage_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(bytes(data))


def _jpeg(path: Path) -> None:
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 5000 + b"\xff\xd9")


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
    "truncated_at_page": _truncate_at_page,
    "middle_page_zeroed": _zero_middle_page,
    "garbage_page": _garbage_page,
    "jpeg": _jpeg,
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


def _as_nobody(folder: Path, data: Path, *args: str) -> tuple[int, str, str]:
    """Run a command as another user (uid 65534) with the real file permissions."""
    import subprocess

    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        "KISDESK_DATA_DIR": str(data),
        "HOME": str(data),
    }
    done = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
         sys.executable, "-m", "kisdesk", *args],
        capture_output=True, text=True, env=env, cwd=folder, timeout=120,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr


needs_root = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="switching to another user needs root and setpriv (as in CI's container)",
)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder both root and uid 65534 can reach (pytest's own is private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kisdesk-perm-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@needs_root
def test_a_file_this_user_may_not_read_is_not_damage(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = shared / "office"
    office.mkdir()
    path = office / "demo.sqlite"
    make_office(path, capsys)
    path.chmod(0o600)
    data = shared / "data"
    data.mkdir()
    os.chown(data, 65534, 65534)
    os.chown(office, 65534, 65534)  # the folder is the user's, the file is not
    code, out, err = _as_nobody(office, data, "--db", str(path), "participant", "list")
    assert (
        code == 2
        and "Brak uprawnień" in err
        and "uszkodz" not in err.replace("nie jest uszkodzony", "")
    )
    assert path.exists() and not (data / "quarantine").exists()
    assert _names(path, capsys) == ["Nowa"]  # root still reads the untouched office


@needs_root
def test_check_in_a_read_only_folder_says_permission_not_damage(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = shared / "office"
    office.mkdir()
    path = office / "demo.sqlite"
    make_office(path, capsys)
    path.chmod(0o644)
    data = shared / "data"
    data.mkdir()
    os.chown(data, 65534, 65534)
    code, out, err = _as_nobody(office, data, "--db", str(path), "--json", "check")
    codes = [p["code"] for p in json.loads(out)["problems"]]
    assert code == 2 and "db.no_permission" in codes and "check.damaged" not in codes


def test_check_calls_a_foreign_sqlite_file_foreign(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    path = tmp_path / "office.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("create table firefox_cookies(x)")
    code, _, err = run(capsys, "--db", str(path), "participant", "list")
    assert code == 2 and "nie jest bazą danych kisdesk" in err
    code, out, _ = run(capsys, "--db", str(path), "--json", "check")
    report = json.loads(out)
    assert code == 2 and not report["healthy"]
    assert "db.not_kisdesk" in [p["code"] for p in report["problems"]]
    # a kisdesk file whose alembic_version table was emptied is refused the same way
    office = tmp_path / "kis.sqlite"
    make_office(office, capsys)
    with sqlite3.connect(office) as conn:
        conn.execute("delete from alembic_version")
    code, out, _ = run(capsys, "--db", str(office), "--json", "check")
    assert code == 2 and "db.not_kisdesk" in [p["code"] for p in json.loads(out)["problems"]]


def test_a_backup_header_with_a_null_count_is_a_damaged_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import struct

    path = tmp_path / "demo.sqlite"
    make_office(path, capsys)
    code, out, _ = run(capsys, "--db", str(path), "--json", "backup")
    backup = Path(json.loads(out)["backup"]["path"])
    raw = backup.read_bytes()
    magic, version, length = raw[:8], raw[8:10], struct.unpack(">I", raw[10:14])[0]
    header = json.loads(raw[14 : 14 + length])
    header["row_counts"]["participant"] = None
    body = json.dumps(header).encode()
    bad = tmp_path / "hnull.kisbak"
    bad.write_bytes(magic + version + struct.pack(">I", len(body)) + body + raw[14 + length :])
    code, _, err = run(capsys, "--db", str(path), "restore", str(bad))
    assert code == 2 and "Błąd programu" not in err
    # the same file among the backups: check reports it, a damaged database still quarantines
    shutil.copy(bad, backup.parent / "demo-2030-01-01-000000-manual.kisbak")
    code, _, err = run(capsys, "--db", str(path), "check")
    assert code in (0, 2) and "Błąd programu" not in err
    _truncate(path)
    code, _, err = run(capsys, "--db", str(path), "participant", "list")
    assert code == 2 and "przeniesiono bez zmian" in err


def test_a_line_break_in_the_database_name_keeps_its_backups_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "baza\nnowa.sqlite"
    make_office(path, capsys)
    assert run(capsys, "--db", str(path), "backup")[0] == 0
    code, out, err = run(capsys, "--db", str(path), "--json", "check")
    report = json.loads(out)
    assert code == 0 and report["healthy"] and report["newest_backup"] is not None, err
