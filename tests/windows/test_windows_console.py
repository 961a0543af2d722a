"""Redirected command-line output on a Polish Windows: Python's default there is strict cp1250
(simulated with PYTHONIOENCODING=cp1250). The output must never fail after the command has
committed: it is UTF-8, and a retry never records a person twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kisdesk.console import command_name

ROOT = Path(__file__).resolve().parents[2]


def cli(tmp_path: Path, db: Path, *args: str, name: str = "out") -> tuple[int, str, str]:
    """The command as a process, stdout redirected to a file (`> out.txt`), stderr piped."""
    env = dict(os.environ, PYTHONIOENCODING="cp1250", KISDESK_DATA_DIR=str(tmp_path / "dane"))
    env.pop("PYTHONUTF8", None)
    target = tmp_path / f"{name}.txt"
    with open(target, "wb") as out:
        done = subprocess.run(
            [sys.executable, "-m", "kisdesk", "--db", str(db), *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM: JSON readers reject one
    return done.returncode, raw.decode("utf-8"), done.stderr.decode("utf-8")


def test_cyrillic_names_arrows_and_json_survive_a_cp1250_redirect(tmp_path: Path) -> None:
    db = tmp_path / "biuro.sqlite"
    code, _, err = cli(tmp_path, db, "init", "--type", "kis", "--name", "KIS w Zawoni")
    assert code == 0, err
    code, out, err = cli(
        tmp_path,
        db,
        "participant",
        "add",
        "--first-name",
        "Олена",
        "--last-name",
        "Шевченко",
        "--birth-date",
        "1990-03-04",
        "--sex",
        "K",
        "--document",
        "FX123456",
        "--start",
        "2026-11-02",
        name="add",
    )
    assert code == 0, err  # committed, and said so
    assert out == "Dodano uczestnika nr 1: Олена Шевченко; uczestnictwo od 2026-11-02.\n"
    code, out, err = cli(
        tmp_path, db, "settings", "set", "monthly_minimum_hours", "36", name="settings"
    )
    assert code == 0, err
    assert out.strip() == "monthly_minimum_hours: 40 → 36"
    code, out, err = cli(tmp_path, db, "participant", "list", name="list")
    assert code == 0, err and "Шевченко" in out
    code, out, err = cli(tmp_path, db, "participant", "list", "--json", name="list-json")
    assert code == 0, err
    assert out.count("\n") == 1  # exactly one JSON object
    rows = json.loads(out)["rows"]
    assert len(rows) == 1  # one record: nothing made a retry necessary
    assert "Шевченко" in json.dumps(rows[0], ensure_ascii=False)


def test_a_refusal_on_stderr_is_readable_too(tmp_path: Path) -> None:
    db = tmp_path / "biuro.sqlite"
    assert cli(tmp_path, db, "init", "--type", "kis", "--name", "KIS")[0] == 0
    code, out, err = cli(tmp_path, db, "group", "add", "Група «Світанок»")
    assert code == 0, err and "Група «Світанок»" in out
    code, out, err = cli(tmp_path, db, "group", "add", "Група «Світанок»")
    assert code == 2 and out == "" and "Група «Світанок»" in err


@pytest.mark.parametrize(
    ("frozen", "platform", "expected"),
    [
        (True, "win32", "kisdesk-cli.exe"),  # the installed program: kisdesk.exe is windowed
        (False, "win32", "kisdesk"),  # run from source: python -m kisdesk / the script
        (True, "linux", "kisdesk"),
    ],
)
def test_the_command_name_users_are_told_to_type(
    frozen: bool, platform: str, expected: str
) -> None:
    assert command_name(frozen=frozen, platform=platform) == expected


def test_messages_and_the_recovery_card_name_kisdesk_cli_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from kisdesk.db.recovery_page import page_lines, write_pdf_page
    from kisdesk.errors import KisdeskError, StorageError
    from kisdesk.messages import describe

    monkeypatch.setattr(sys, "frozen", True, raising=False)  # the installed kisdesk.exe
    monkeypatch.setattr(sys, "platform", "win32")
    damaged = StorageError("db.damaged_no_backup", reason="zły nagłówek", quarantine="Q")
    assert "przywróć ją poleceniem: kisdesk-cli.exe restore PLIK" in describe(damaged)
    assert "kisdesk-cli.exe init" in describe(KisdeskError("office.missing"))
    card = "\n".join(page_lines("ABCD-EFGH", "k1", "KIS w Zawoni"))
    assert "kisdesk-cli.exe restore PLIK --key-file PLIK_Z_KLUCZEM" in card
    printed = write_pdf_page(tmp_path / "karta.pdf", "ABCD-EFGH-JKLM", "k1", "KIS w Zawoni")
    sizes: dict[str, float] = {}

    def visit(text: str, _cm: Any, tm: Any, _font: Any, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    text = PdfReader(printed).pages[0].extract_text(visitor_text=visit)
    assert "kisdesk-cli.exe restore PLIK --key-file PLIK_Z_KLUCZEM" in text
    command = next(t for t in sizes if t.startswith("kisdesk-cli.exe"))
    assert sizes[command] < sizes["ABCD-EFGH-JKLM"]  # the key alone is printed large, framed
    monkeypatch.setattr(sys, "frozen", False)  # run from source: the `kisdesk` command
    assert "poleceniem: kisdesk restore PLIK" in describe(damaged)


def test_json_is_utf8_even_on_a_terminal_with_a_legacy_encoding(tmp_path: Path) -> None:
    import pty

    db = tmp_path / "biuro.sqlite"
    assert cli(tmp_path, db, "init", "--type", "kis", "--name", "KIS")[0] == 0
    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONIOENCODING="iso8859-2", KISDESK_DATA_DIR=str(tmp_path / "d"))
    done = subprocess.run(
        [sys.executable, "-m", "kisdesk", "--db", str(db), "group", "add", "Група", "--json"],
        cwd=ROOT,
        env=env,
        stdout=slave,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(slave)
    raw = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        raw += chunk
    os.close(master)
    assert done.returncode == 0, done.stderr
    assert json.loads(raw.decode("utf-8"))["name"] == "Група"
