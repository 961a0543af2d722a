"""`kisdesk --self-test`: a throw-away office, one line per step, exit 0 only when all pass,
and the user's data folder left alone."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kisdesk import selftest
from kisdesk.app import gui_self_check
from kisdesk.app import main as app_main
from kisdesk.errors import StorageError
from kisdesk.rules.pesel import parse_pesel
from kisdesk.ui.page_list import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_every_step_passes_and_the_data_folder_is_untouched(
    _isolated_data_dir: Path,
) -> None:
    out = io.StringIO()
    status, results = selftest.run(out, gui_check=gui_self_check)
    text = out.getvalue()
    assert status == 0, text
    assert [r.title for r in results] == [
        "Baza danych w folderze tymczasowym",
        "Placówka, grupa i uczestnicy",
        "Dziennik zajęć i obecności",
        "Zestawienie godzin miesiąca",
        "Zaświadczenie PDF",
        "Arkusz Excel",
        "Kopia zapasowa",
        "Szyfrowanie i biblioteki",
        "Interfejs graficzny (Qt)",
    ]
    # the month's numbers a user would read: 3 × 180 min, 2 × 180, 180 + 90 (45-min hours)
    assert "Testowa 12,0, Próbny 8,0, Żółkiewska 6,0" in text
    assert "✓ Zaświadczenie PDF: nr 1/" in text and "tekst sprawdzony" in text
    assert f"{len(PAGES)} stron" in text  # every page of the main window was built
    assert "Wynik: wszystko działa (9 kroków" in text
    # KISDESK_DATA_DIR pointed at the test's folder: nothing was created there, and the
    # variable is back as it was
    assert not _isolated_data_dir.exists()
    assert os.environ["KISDESK_DATA_DIR"] == str(_isolated_data_dir)


def test_a_failed_backup_is_a_cross_and_exit_status_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise StorageError("backup.verify_failed", reason="testowa usterka nośnika")

    monkeypatch.setattr("kisdesk.db.backup.verify_backup", broken)
    out = io.StringIO()
    status, results = selftest.run(out)
    text = out.getvalue()
    assert status == 1
    line = next(r for r in results if r.title == "Kopia zapasowa")
    assert not line.ok
    assert "✗ Kopia zapasowa: Kopia zapasowa nie przeszła sprawdzenia (testowa usterka" in text
    # the steps after it still ran and passed
    assert next(r for r in results if r.title == "Szyfrowanie i biblioteki").ok
    assert "Wynik: 1 z 8 kroków nie powiodło się" in text


def test_without_an_office_the_later_steps_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("no office today")

    monkeypatch.setattr("kisdesk.services.office.create_office", refuse)
    out = io.StringIO()
    status, results = selftest.run(out)
    assert status == 1
    assert [r.ok for r in results[:2]] == [True, False]
    assert all(not r.ok and "pominięto" in r.detail for r in results[2:])
    assert "✗ Placówka, grupa i uczestnicy: RuntimeError: no office today" in out.getvalue()


def test_a_console_without_unicode_marks_gets_plain_ones() -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    printer = selftest._Printer(out)
    printer.result(selftest.StepResult("Kopia zapasowa", True, "w porządku", 0.1))
    out.flush()
    assert raw.getvalue().decode("ascii").startswith("[OK] Kopia zapasowa: w porz?dku")


def test_fictitious_pesels_are_valid() -> None:
    for serial, (_last, _first, birth, sex) in enumerate(selftest.PEOPLE, start=1):
        info = parse_pesel(selftest.make_pesel(birth, serial * 37, sex))
        assert info.birth_date == birth
        assert info.sex == sex


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_main(["--version"]) == 0
    assert capsys.readouterr().out == "kisdesk 0.1.0\n"


@pytest.mark.slow  # a whole program start in a fresh interpreter: about 30 s on 2 cores
def test_as_a_subprocess_like_an_installed_program(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KISDESK_DATA_DIR=str(tmp_path / "dane"))
    done = subprocess.run(
        [sys.executable, "-m", "kisdesk", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "kisdesk 0.1.0 – test instalacji"
    assert sum(line.startswith("✓ ") for line in lines) == 9
    assert not any(line.startswith("✗") for line in lines)
    # only the log folder appears in the (overridden) data folder: no database, no backups
    assert sorted(p.name for p in (tmp_path / "dane").iterdir()) == ["logs"]
