"""`kisdesk --self-test`: does this installation work, on this computer, right now?

For whoever installs kisdesk on an office laptop (and for CI, on the frozen build): it makes
a throw-away office in a temporary folder, records a month through the same services the
program uses, checks the month's hour totals, renders a certificate and a workbook and reads
them back, writes and verifies an encrypted backup, and (from kisdesk.app) opens every page
of the main window without showing it. One Polish line per step with ✓ or ✗; exit status 0
when every step passed, 1 otherwise.

The user's real data is never touched: KISDESK_DATA_DIR points at the temporary folder for
the duration (the keyring, backups, window state and locks all live under it) and is put
back afterwards; the folder is removed at the end. Nothing here imports Qt (the GUI check
is handed in by kisdesk.app), so the rest works on a machine without a display.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from kisdesk import __version__
from kisdesk.db import Database
from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.paths import DATA_DIR_ENV, DB_ENV, sqlite_url
from kisdesk.rules.pesel import compose_pesel

log = logging.getLogger(__name__)

GuiCheck = Callable[[Database], str]

PEOPLE = (  # last name, first name, birth date, sex
    ("Testowa", "Anna", dt.date(1980, 3, 14), "K"),
    ("Próbny", "Bartłomiej", dt.date(1975, 11, 2), "M"),
    ("Żółkiewska", "Celina", dt.date(1990, 6, 30), "K"),
)
ACTIVITY_MINUTES = 180  # 09:00–12:00
PARTIAL_MINUTES = 90


@dataclass(frozen=True, slots=True)
class StepResult:
    title: str
    ok: bool
    detail: str
    seconds: float


@dataclass
class _Office:
    """What the steps share: the database and what was recorded in it."""

    root: Path
    db: Database | None = None
    db_path: Path | None = None
    year: int = 0
    month: int = 0
    people: dict[str, int] = field(default_factory=dict)  # last name -> participant id
    periods: dict[str, int] = field(default_factory=dict)  # last name -> participation id
    expected_minutes: dict[str, int] = field(default_factory=dict)


def make_pesel(birth: dt.date, serial: int, sex: str) -> str:
    """A valid PESEL for fictitious people (century coded in the month, checksum)."""
    return compose_pesel(birth, serial // 5, (serial % 5) * 2 + (1 if sex == "M" else 0))


def _previous_month(today: dt.date) -> tuple[int, int]:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


def _explain(exc: BaseException) -> str:
    if isinstance(exc, KisdeskError):
        return describe(exc)
    return f"{type(exc).__name__}: {exc}"


# ------------------------------------------------------------------------------ the steps


def step_database(office: _Office) -> str:
    from kisdesk.db.migrate import current_revision, head_revision
    from kisdesk.db.open import open_database

    office.db_path = office.root / "dane" / "kisdesk.sqlite"
    office.db = open_database(sqlite_url(office.db_path), create=True)
    revision = current_revision(office.db.engine)
    if revision != head_revision():
        raise RuntimeError(f"schema {revision} != {head_revision()}")
    return tr("schemat {revision}, plik {path}").format(revision=revision, path=office.db_path)


def step_people(office: _Office) -> str:
    from kisdesk.services import groups, participants, participations, staff
    from kisdesk.services import office as office_service

    assert office.db is not None
    first = dt.date(office.year, office.month, 1)
    with office.db.session() as s:
        office_service.create_office(
            s,
            office_service.OfficeData(
                kind="kis",
                name="Klub Integracji Społecznej – test instalacji",
                operator=office_service.OperatorData(name="Gmina Testowa", legal_form="gmina"),
                city="Testowo",
                head_name="Renata Kierownik",
            ),
        )
        group_id = groups.add_group(s, "Grupa testowa")
        staff.add_staff(s, staff.StaffData(first_name="Ewa", last_name="Prowadząca"))
        for serial, (last, first_name, birth, sex) in enumerate(PEOPLE, start=1):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    first_name=first_name,
                    last_name=last,
                    pesel=make_pesel(birth, serial * 37, sex),
                    categories=(5,),
                    referral_source="ops",
                ),
            )
            office.people[last] = pid
            office.periods[last] = participations.enroll(s, pid, first, None, group_id)
    return tr("placówka KIS, 1 grupa, {n} uczestników").format(n=len(PEOPLE))


def _working_days(year: int, month: int, count: int) -> list[dt.date]:
    from kisdesk.rules.calendar import is_working_day, month_bounds

    first, last = month_bounds(year, month)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    return [d for d in days if is_working_day(d)][:count]


def step_month(office: _Office) -> str:
    from kisdesk.services import activities, attendance, groups

    assert office.db is not None
    bartek, celina = office.people[PEOPLE[1][0]], office.people[PEOPLE[2][0]]
    days = _working_days(office.year, office.month, 3)
    with office.db.session() as s:
        group_id = groups.group_id_by_name(s, "Grupa testowa")
        ids = [
            activities.add_activity(
                s,
                activities.ActivityData(
                    date=day,
                    start_time=dt.time(9, 0),
                    end_time=dt.time(12, 0),
                    kind="group",
                    topic=topic,
                    form="grupa wsparcia",
                    group_id=group_id,
                ),
            )
            for day, topic in zip(
                days, ("Trening asertywności", "Budżet domowy", "Rozmowa o pracę"), strict=True
            )
        ]
        attendance.record_activity(s, ids[0])  # everybody present
        attendance.record_activity(s, ids[1], absent=[bartek], partial={celina: PARTIAL_MINUTES})
        attendance.record_activity(s, ids[2], excused=[celina])
    office.expected_minutes = {
        PEOPLE[0][0]: 3 * ACTIVITY_MINUTES,
        PEOPLE[1][0]: 2 * ACTIVITY_MINUTES,
        PEOPLE[2][0]: ACTIVITY_MINUTES + PARTIAL_MINUTES,
    }
    return tr("miesiąc {month:02d}.{year}, 3 zajęcia po 3 godziny, 9 wpisów obecności").format(
        month=office.month, year=office.year
    )


def step_month_report(office: _Office) -> str:
    from kisdesk.services import hours

    assert office.db is not None
    with office.db.read() as s:
        report = hours.month_report(s, office.year, office.month)
    by_id = {r.totals.participant_id: r for r in report.rows}
    lines = []
    for last, expected in office.expected_minutes.items():
        row = by_id.get(office.people[last])
        if row is None:
            raise RuntimeError(f"{last}: brak w zestawieniu")
        if row.result.attended_minutes != expected or row.totals.scheduled != 3 * ACTIVITY_MINUTES:
            raise RuntimeError(
                f"{last}: obecność {row.result.attended_minutes} min (oczekiwano {expected}), "
                f"zaplanowane {row.totals.scheduled} min"
            )
        hours_text = f"{expected / report.hour_minutes:.1f}".replace(".", ",")
        lines.append(f"{last} {hours_text}")
    return tr("godziny dydaktyczne: {list}").format(list=", ".join(lines))


def _pdf_text(path: Path) -> str | None:
    """The text of the PDF when pypdf is in this build (a source checkout has it)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def step_certificate(office: _Office) -> str:
    from kisdesk.reports.pdf import certificate
    from kisdesk.rules.calendar import month_bounds
    from kisdesk.services import documents, participations

    assert office.db is not None
    last, first_name = PEOPLE[0][0], PEOPLE[0][1]
    end = month_bounds(office.year, office.month)[1]
    out = office.root / "zaswiadczenie.pdf"
    with office.db.session() as s:
        participations.end_period(s, office.periods[last], end, "completed")
        row = documents.issue_certificate(
            s, office.periods[last], "ending_certificate", max(end, dt.date.today())
        )
    certificate.render(row.data, out)
    data = out.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise RuntimeError(tr("plik nie jest kompletnym PDF-em"))
    if b"Liberation" not in data:
        raise RuntimeError(tr("w PDF-ie brak osadzonej czcionki Liberation"))
    text = _pdf_text(out)
    if text is not None and f"{first_name} {last}" not in " ".join(text.split()):
        raise RuntimeError(tr("w tekście PDF-u brak nazwiska uczestnika"))
    checked = tr("tekst sprawdzony") if text is not None else tr("struktura sprawdzona")
    return tr("nr {number}, {size} kB, {checked}").format(
        number=row.number, size=max(1, len(data) // 1024), checked=checked
    )


def step_workbook(office: _Office) -> str:
    import openpyxl

    from kisdesk.reports.xlsx import hours as hours_xlsx
    from kisdesk.services import exports

    assert office.db is not None
    with office.db.read() as s:
        data = exports.hours_export(s, [(office.year, office.month)])
    out = hours_xlsx.render(data, office.root / "godziny.xlsx")
    workbook = openpyxl.load_workbook(out, read_only=True)
    try:
        sheet = workbook[workbook.sheetnames[0]]
        title = sheet.title
        rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == PEOPLE[0][0]]
    finally:
        workbook.close()
    expected = office.expected_minutes[PEOPLE[0][0]] / data.hour_minutes
    if not rows or not any(isinstance(v, float | int) and v == expected for v in rows[0]):
        raise RuntimeError(tr("w arkuszu brak wiersza z godzinami uczestnika"))
    return tr("arkusz „{sheet}”, {people} wiersze uczestników").format(
        sheet=title, people=len(data.months[0].rows)
    )


def step_backup(office: _Office) -> str:
    from kisdesk.db import backup
    from kisdesk.db.rawconn import read_only_uri

    assert office.db is not None and office.db_path is not None
    info = backup.create_backup(office.db_path, kind="manual")
    checked = backup.verify_backup(info.path)
    conn = sqlite3.connect(read_only_uri(office.db_path.resolve()), uri=True)
    try:
        live = backup.row_counts(conn)
    finally:
        conn.close()
    if checked.row_counts != live:
        raise RuntimeError(tr("liczby zapisów w kopii różnią się od bazy"))
    return tr("{records} zapisów, zaszyfrowana, odczytana i sprawdzona").format(
        records=checked.records
    )


def step_crypto(office: _Office) -> str:
    import sqlcipher3
    from argon2.low_level import Type, hash_secret_raw
    from reportlab.lib import rl_accel

    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("PRAGMA key = 'kisdesk-self-test'")
        version = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    if not version or not version[0]:
        raise RuntimeError(tr("biblioteka SQLCipher nie szyfruje"))
    digest = hash_secret_raw(b"x", b"kisdesk-salt", 1, 8, 1, 16, Type.ID)
    if len(digest) != 16:
        raise RuntimeError("Argon2")
    accel = "fp_str" not in rl_accel._py_funcs  # the C accelerator was found
    return tr("SQLCipher {version}, Argon2id, przyspieszenie PDF: {accel}").format(
        version=version[0], accel=tr("tak") if accel else tr("nie")
    )


STEPS: tuple[tuple[str, Callable[[_Office], str]], ...] = (
    ("Baza danych w folderze tymczasowym", step_database),
    ("Placówka, grupa i uczestnicy", step_people),
    ("Dziennik zajęć i obecności", step_month),
    ("Zestawienie godzin miesiąca", step_month_report),
    ("Zaświadczenie PDF", step_certificate),
    ("Arkusz Excel", step_workbook),
    ("Kopia zapasowa", step_backup),
    ("Szyfrowanie i biblioteki", step_crypto),
)


# ------------------------------------------------------------------------------ running


@contextlib.contextmanager
def temporary_data_folder() -> Iterator[Path]:
    """A throw-away folder as the data folder (KISDESK_DATA_DIR) while the test runs."""
    root = Path(tempfile.mkdtemp(prefix="kisdesk-selftest-"))
    saved = {name: os.environ.get(name) for name in (DATA_DIR_ENV, DB_ENV)}
    os.environ[DATA_DIR_ENV] = str(root / "dane")
    os.environ.pop(DB_ENV, None)
    try:
        yield root
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(root, ignore_errors=True)


class _Printer:
    """One line per step; ✓/✗ where the console can show them (a cp1250 pipe cannot)."""

    def __init__(self, out: TextIO | None) -> None:
        self.out = out
        self.ok, self.fail = "✓", "✗"
        encoding = getattr(out, "encoding", None) or "utf-8"
        try:
            "✓✗ąęłśżź".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            self.ok, self.fail = "[OK]", "[BŁĄD]"
            with contextlib.suppress(AttributeError, ValueError):
                out.reconfigure(errors="replace")  # type: ignore[union-attr]

    def line(self, text: str) -> None:
        log.info("self-test: %s", text)
        if self.out is None:  # a windowed build on Windows has no console
            return
        self.out.write(text + "\n")
        self.out.flush()

    def result(self, step: StepResult) -> None:
        mark = self.ok if step.ok else self.fail
        self.line(f"{mark} {step.title}: {step.detail}")


def run(
    out: TextIO | None = None,
    gui_check: GuiCheck | None = None,
    today: dt.date | None = None,
) -> tuple[int, list[StepResult]]:
    """Run every step; returns (exit status, results). A failed step skips the later ones
    that need it (everything after the database, the office or the month)."""
    from kisdesk.services import listeners

    listeners.install()
    printer = _Printer(out if out is not None else sys.stdout)
    printer.line(tr("kisdesk {version} – test instalacji").format(version=__version__))
    steps = list(STEPS)
    if gui_check is not None:
        steps.append(("Interfejs graficzny (Qt)", lambda o: gui_check(o.db)))  # type: ignore[arg-type]
    results: list[StepResult] = []
    started = time.perf_counter()
    with temporary_data_folder() as root:
        office = _Office(root)
        office.year, office.month = _previous_month(today or dt.date.today())
        blocked = False
        try:
            for index, (title, fn) in enumerate(steps):
                title = tr(title)
                if blocked:
                    result = StepResult(title, False, tr("pominięto po wcześniejszym błędzie"), 0)
                else:
                    result = _run_step(title, fn, office)
                    # the database, the office and the month are what every later step uses
                    blocked = not result.ok and index < 3
                results.append(result)
                printer.result(result)
        finally:
            if office.db is not None:
                office.db.dispose()
    failed = [r for r in results if not r.ok]
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    if failed:
        printer.line(
            tr("Wynik: {n} z {total} kroków nie powiodło się ({seconds} s).").format(
                n=len(failed), total=len(results), seconds=seconds
            )
        )
        return 1, results
    printer.line(
        tr("Wynik: wszystko działa ({total} kroków, {seconds} s).").format(
            total=len(results), seconds=seconds
        )
    )
    return 0, results


def _run_step(title: str, fn: Callable[[_Office], Any], office: _Office) -> StepResult:
    started = time.perf_counter()
    try:
        detail = str(fn(office))
        ok = True
    except Exception as exc:  # every failure is reported as a line, never a crash
        log.exception("self-test step failed: %s", title)
        detail, ok = _explain(exc), False
    return StepResult(title, ok, detail, time.perf_counter() - started)


def main(gui_check: GuiCheck | None = None) -> int:
    status, _results = run(sys.stdout, gui_check)
    return status
