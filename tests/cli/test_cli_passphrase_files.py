"""One rule for backup passphrases: files written the Windows way (PowerShell 5.1's BOM, cmd's
`echo` in cp852 with a trailing space, Notepad's cp1250) give the passphrase the user typed,
and a passphrase with whitespace around it is refused when it is set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kisdesk.cli import main
from kisdesk.db import backup_keys as keys
from kisdesk.errors import ValidationError
from kisdesk.services import storage
from kisdesk.services.passphrases import decode

PASSPHRASE = "zielony rower nad Wartą"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "kis.sqlite"
    assert run(capsys, "--db", str(path), "init", "--type", "kis", "--name", "KIS w Zawoni")[0] == 0
    return path


WINDOWS_FILES = {
    # PowerShell 5.1: Set-Content -Encoding UTF8 writes a byte-order mark first
    "powershell": "\ufeff" + PASSPHRASE + "\r\n",
    # cmd: echo zielony rower nad Wartą > haslo.txt (OEM code page, a space before CRLF)
    "cmd-echo": PASSPHRASE + " \r\n",
    # Notepad on Windows 10 LTSC 2019: "ANSI"
    "notepad-ansi": PASSPHRASE + "\r\n",
}
ENCODINGS = {"powershell": "utf-8", "cmd-echo": "cp852", "notepad-ansi": "cp1250"}


@pytest.mark.parametrize("kind", sorted(WINDOWS_FILES))
def test_a_windows_passphrase_file_sets_the_passphrase_the_user_typed(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    secret = tmp_path / "haslo.txt"
    secret.write_bytes(WINDOWS_FILES[kind].encode(ENCODINGS[kind]))
    code, out, err = run(capsys, "--db", str(office), "backup", "--passphrase-file", str(secret))
    assert code == 0, err
    assert "KLUCZ ODZYSKIWANIA" in out
    ring = keys.load_keyring()
    assert keys.check_passphrase_matches(ring, PASSPHRASE)  # what is typed in the dialog
    assert not keys.check_passphrase_matches(ring, "\ufeff" + PASSPHRASE)


def test_a_cp852_file_restores_a_backup_on_another_computer(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bom = tmp_path / "ps.txt"
    bom.write_bytes(WINDOWS_FILES["powershell"].encode("utf-8"))
    stick = tmp_path / "stick"
    stick.mkdir()
    code, _, err = run(
        capsys, "--db", str(office), "backup", "--passphrase-file", str(bom), "--out", str(stick)
    )
    assert code == 0, err
    backup = next(stick.glob("*.kisbak"))
    shutil.rmtree(tmp_path / "kisdesk-data")  # the new laptop has none of the old keys
    echo = tmp_path / "cmd.txt"
    echo.write_bytes(WINDOWS_FILES["cmd-echo"].encode("cp852"))
    laptop = tmp_path / "nowy" / "kis.sqlite"
    code, out, err = run(
        capsys, "--db", str(laptop), "restore", str(backup), "--passphrase-file", str(echo)
    )
    assert code == 0, err
    assert "Przywrócono dane z kopii" in out


def test_readings_of_legacy_code_pages() -> None:
    assert decode(("Łódź, żółw i gęś " + "\r\n").encode("cp852"))[0] == "Łódź, żółw i gęś"
    assert decode("Łódź, żółw i gęś\r\n".encode("cp1250"))[0] == "Łódź, żółw i gęś"
    assert decode(b"\xef\xbb\xbf  ascii only  \n") == ["ascii only"]


def test_a_passphrase_with_whitespace_around_it_is_refused_when_set() -> None:
    for bad in (" " + PASSPHRASE, PASSPHRASE + " ", PASSPHRASE + "\t"):
        with pytest.raises(ValidationError) as caught:
            storage.set_passphrase(None, bad)
        assert caught.value.code == "backup.passphrase_whitespace"
    assert not keys.load_keyring().has_passphrase


def test_an_empty_or_unreadable_file_is_refused_with_exit_2(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "pusty.txt"
    empty.write_bytes(b"\xef\xbb\xbf \r\n")
    code, out, err = run(capsys, "--db", str(office), "backup", "--passphrase-file", str(empty))
    assert code == 2 and out == "" and "jest pusty" in err
    code, _, err = run(
        capsys, "--db", str(office), "backup", "--passphrase-file", str(tmp_path / "brak.txt")
    )
    assert code == 2 and "Nie można odczytać" in err and "Traceback" not in err
