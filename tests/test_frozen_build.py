"""The built one-folder application works exactly as from source (issue 8).

The bundle is built once per run with the documented command (`python scripts/build.py`,
installer.spec) into a temporary folder: about 45 s on a 2-core machine. To test a bundle
that is already built, set KISDESK_FROZEN_DIST to the folder holding kisdesk/ (e.g. dist).
PyInstaller is a build tool, not a dependency of the program: the set-up (`python3 dev.py
test`) installs the `build` extra. Without it these tests fail loudly; they are never skipped.

Every program runs with its own KISDESK_DATA_DIR, so nothing touches a real data folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kisdesk.db import backup as bk
from kisdesk.db.migrate import head_revision
from kisdesk.ui.page_list import PAGES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "db"
EXE = ".exe" if sys.platform == "win32" else ""
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
MAX_BUNDLE_MIB = 320  # 258 MiB on Linux in November 2026 (ICU alone is 37 MiB)


def _ensure_pyinstaller() -> None:
    assert importlib.util.find_spec("PyInstaller") is not None, (
        'PyInstaller is missing: install the build extra (pip install -e ".[build]"), '
        "as python3 dev.py test does"
    )


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/kisdesk: the folder an office copies to its laptop."""
    given = os.environ.get("KISDESK_FROZEN_DIST")
    if given:
        folder = Path(given).resolve() / "kisdesk"
        assert (folder / f"kisdesk{EXE}").exists(), f"no bundle in {folder}"
        return folder
    _ensure_pyinstaller()
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build.py"),
            "--no-check",
            "--dist",
            str(work / "dist"),
            "--work",
            str(work / "build"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    return work / "dist" / "kisdesk"


def run(
    bundle: Path,
    data: Path,
    *args: str,
    program: str = "kisdesk-cli",
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KISDESK_", "PYTHON"))}
    environment |= {"KISDESK_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    environment |= env or {}
    return subprocess.run(
        [str(bundle / f"{program}{EXE}"), *args],
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return bk.row_counts(conn)
    finally:
        conn.close()


def test_self_test_passes_in_the_bundle(bundle: Path, tmp_path: Path) -> None:
    out = ok(run(bundle, tmp_path / "dane", "--self-test"))
    lines = out.splitlines()
    assert lines[0] == f"kisdesk {VERSION} – test instalacji"
    assert sum(line.startswith("✓ ") for line in lines) == 9, out
    assert f"✓ Interfejs graficzny (Qt): offscreen, {len(PAGES)} stron" in out
    assert "przyspieszenie PDF: tak" in out
    assert lines[-1].startswith("Wynik: wszystko działa")


def test_version_and_contents(bundle: Path, tmp_path: Path) -> None:
    assert ok(run(bundle, tmp_path, "--version")) == f"kisdesk {VERSION}\n"
    assert ok(run(bundle, tmp_path, "--version", program="kisdesk")) == f"kisdesk {VERSION}\n"
    inside = bundle / "_internal"
    for name in ("LiberationSans-Regular.ttf", "LiberationSerif-Bold.ttf", "OFL.txt"):
        assert (inside / "resources" / "fonts" / name).is_file()
    assert (inside / "resources" / "icons" / "app.svg").is_file()
    assert (inside / "resources" / "help" / "pl.html").is_file()
    assert (inside / "resources" / "translations" / "qt_extra_pl.qm").is_file()
    migrations = inside / "kisdesk" / "db" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    shipped = sorted(p.name for p in (migrations / "versions").glob("*.py"))
    source = sorted(p.name for p in (ROOT / "kisdesk/db/migrations/versions").glob("*.py"))
    assert shipped == source
    qt = inside / "PySide6"
    modules = {p.name.split(".")[0] for p in qt.glob("Qt*.*") if p.suffix in (".so", ".pyd")}
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= modules
    assert not modules & {"QtNetwork", "QtQml", "QtQuick", "QtWebEngineCore", "QtMultimedia"}
    translations = {p.name for p in (qt / "Qt" / "translations").glob("*.qm")}
    assert "qtbase_pl.qm" in translations and all("_pl." in n for n in translations)
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 2**20:.0f} MiB")
    assert size < MAX_BUNDLE_MIB * 2**20


def test_command_line_round_trip(bundle: Path, tmp_path: Path) -> None:
    data, usb = tmp_path / "dane", tmp_path / "pendrive"
    usb.mkdir()

    def cli(*args: str) -> str:
        return ok(run(bundle, data, *args))

    cli("init", "--type", "kis", "--name", "Klub Integracji Społecznej")
    cli("group", "add", "Grupa poniedziałkowa")
    add = ["participant", "add", "--first-name", "Tomasz", "--last-name", "Nowak"]
    add += ["--pesel", "44051401359", "--start", "2026-09-01"]
    person = json.loads(cli(*add, "--group", "Grupa poniedziałkowa", "--json"))
    activity = ["activity", "add", "--date", "2026-10-05", "--from", "09:00", "--to", "12:00"]
    activity += ["--kind", "group", "--form", "grupa wsparcia", "--topic", "Asertywność"]
    cli(*activity, "--group", "Grupa poniedziałkowa", "--partial", f"{person['id']}=90")
    hours = json.loads(cli("hours", "--month", "2026-10", "--json"))
    assert [r["attended_minutes"] for r in hours["rows"]] == [90]
    cli("participant", "end", str(person["id"]), "--date", "2026-10-31", "--reason", "completed")
    pdf = tmp_path / "zaswiadczenie.pdf"
    out = cli(
        "certificate", "--participant", str(person["id"]), "--kind", "ending", "--out", str(pdf)
    )
    assert "nr 1/" in out and pdf.read_bytes().startswith(b"%PDF-")
    passphrase = tmp_path / "haslo.txt"
    passphrase.write_text("hasło kopii zapasowych biura\n", encoding="utf-8")
    out = cli("backup", "--out", str(usb), "--passphrase-file", str(passphrase))
    assert "KLUCZ ODZYSKIWANIA" in out
    on_stick = next(usb.glob("*.kisbak"))
    cli("group", "add", "Grupa po kopii")
    assert "Przywrócono dane z kopii" in cli("restore", str(on_stick))
    groups = cli("group", "list")
    assert "Grupa poniedziałkowa" in groups and "Grupa po kopii" not in groups
    assert "Wynik: wszystko w porządku." in cli("check")
    # another laptop: only the stick and the passphrase
    other = tmp_path / "inny-laptop"
    refused = run(bundle, other, "restore", str(on_stick))
    assert refused.returncode == 2 and "innym komputerze" in refused.stderr
    ok(run(bundle, other, "restore", str(on_stick), "--passphrase-file", str(passphrase)))
    assert "Nowak Tomasz" in ok(run(bundle, other, "participant", "list"))


def test_an_older_database_is_upgraded_with_a_backup_first(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new version of the program brings a new revision: the office's file is upgraded at
    the first start, after a verified pre-upgrade backup, exactly as from source."""
    oldest = sorted(FIXTURES.glob("rev_*.sqlite"))[0]
    data = tmp_path / "dane"
    data.mkdir()
    db = data / "kisdesk.sqlite"
    shutil.copy(oldest, db)
    before = counts(db)
    assert revision(db) != head_revision()
    # the desktop application opens it (offscreen) and is closed after 3 s
    done = run(bundle, data, program="kisdesk", env={"KISDESK_QUIT_AFTER_MS": "3000"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert revision(db) == head_revision()
    after = counts(db)
    assert {t: n for t, n in after.items() if t in before and t != "alembic_version"} == {
        t: n for t, n in before.items() if t != "alembic_version"
    }
    backups = list((data / "backups").glob("*-pre-upgrade.kisbak"))
    assert len(backups) == 1
    monkeypatch.setenv("KISDESK_DATA_DIR", str(data))  # the keyring the bundle made
    info = bk.verify_backup(backups[0])
    assert info.schema_revision == oldest.stem.removeprefix("rev_")
    assert info.row_counts == before


def test_a_database_of_a_newer_program_is_left_untouched(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "dane"
    data.mkdir()
    db = data / "kisdesk.sqlite"
    shutil.copy(sorted(FIXTURES.glob("rev_*.sqlite"))[-1], db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    done = run(bundle, data, "participant", "list")
    assert done.returncode == 2
    assert "pochodzi z nowszej wersji programu" in done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_the_desktop_application_starts_and_closes(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "dane"
    # first start: the wizard opens on an empty database and is closed without an office
    first = run(bundle, data, program="kisdesk", env={"KISDESK_QUIT_AFTER_MS": "2000"})
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Traceback" not in first.stderr
    assert not (data / "ui-state.ini").exists()  # no main window without an office
    # with an office: the main window opens, and closing it saves its layout
    ok(run(bundle, data, "init", "--type", "cis", "--name", "Centrum Integracji Społecznej"))
    done = run(bundle, data, program="kisdesk", env={"KISDESK_QUIT_AFTER_MS": "3000"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    state = (data / "ui-state.ini").read_text(encoding="utf-8")
    assert "[window]" in state and "main=" in state
    # the holidays of the years around today are kept for the next, faster start: the
    # bundle carries the holidays release they are keyed on
    kept = json.loads((data / "cache" / "holidays-pl.json").read_text(encoding="utf-8"))
    assert kept["release"] and str(dt.date.today().year) in kept["years"]
    # the one-writer lock was released (emptied), as after any clean exit
    assert [p.stat().st_size for p in data.glob("*.lock")] == [0]


def test_programs_started_from_the_bundle_get_the_system_libraries(tmp_path: Path) -> None:
    """packaging/pyi_rth_system_env.py: a PDF viewer started by the Linux bundle must not
    load the bundle's libraries (LD_LIBRARY_PATH put back as it was before the bootloader)."""
    hook = ROOT / "packaging" / "pyi_rth_system_env.py"
    probe = (
        f"import runpy, os; runpy.run_path({str(hook)!r}); print(os.environ.get('LD_LIBRARY_PATH'))"
    )
    cases = {
        # bootloader: prepended its folder and kept the user's value in *_ORIG
        "/opt/bundle/_internal:/usr/local/lib": ("/usr/local/lib", "/usr/local/lib"),
        # bootloader: the user had none, so there is no *_ORIG
        "/opt/bundle/_internal": (None, "None"),
    }
    for set_by_bootloader, (original, expected) in cases.items():
        env = {k: v for k, v in os.environ.items() if not k.startswith("LD_LIBRARY_PATH")}
        env["LD_LIBRARY_PATH"] = set_by_bootloader
        if original is not None:
            env["LD_LIBRARY_PATH_ORIG"] = original
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == (
            expected if sys.platform.startswith("linux") else set_by_bootloader
        )
