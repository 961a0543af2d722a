"""Printouts from anywhere in the program: each builds its data through the services off the
GUI thread, draws the PDF, keeps it in the documents folder and offers it for printing,
saving or opening (kisdesk.ui.files.produce).

For the other pages (one line each):

    print_attendance_list(self, self.ops, activity_id)                 # journal
    print_journal(self, self.ops, group_id, year, month)                # journal
    print_attendance_sheet(self, self.ops, group_id, year, month)       # attendance grid

Working papers (lists, sheet, journal, counselling card) are not numbered; forms to the
voivode are kept in the register so that they can be printed again as sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from kisdesk.reports.pdf import (
    attendance_list,
    attendance_sheet,
    counselling_card,
    followup_calls,
    journal,
)
from kisdesk.reports.pdf.documents import render as render_registered
from kisdesk.services import documents, documents_forms
from kisdesk.services.documents import IssuedRow
from kisdesk.services.documents_data import CERTIFICATE_KINDS
from kisdesk.services.documents_journal import counselling_card_data, journal_data
from kisdesk.services.documents_lists import (
    SPARE_ROWS,
    attendance_list_data,
    day_list_data,
    month_lists_data,
    month_sheet_data,
)
from kisdesk.services.groups import list_groups
from kisdesk.services.outcomes import call_list_data
from kisdesk.ui import files
from kisdesk.ui.dialogs.certificate import certificate_file_name, surname_first
from kisdesk.ui.ops import Ops, Progress

Saved = Callable[[Any, Path | None], None]

# File names of the forms (ASCII words, so that e-mail and old Windows keep them intact).
FORM_FILE_NAMES = {
    "register_form": "Zgloszenie_do_rejestru_KIS",
    "closing_notice": "Zgloszenie_zaprzestania_KIS",
    "annual_report": "Sprawozdanie_KIS",
    "cis_application": "Wniosek_o_status_CIS",
    "cis_annual_report": "Sprawozdanie_CIS",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("print", text)


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _need_group(parent: QWidget | None, group_id: Any) -> bool:
    """Printouts of a group need one group chosen (not "all" or "individual")."""
    if isinstance(group_id, int) and not isinstance(group_id, bool):
        return True
    QMessageBox.information(
        parent,
        _tr("Wybierz grupę"),
        _tr("Wybierz grupę, której dokument chcesz wydrukować."),
    )
    return False


def _render_and_save(
    parent: QWidget | None,
    ops: Ops,
    build: Callable[[Session], Any],
    render: Callable[[Any, Path], Any],
    title: str,
    name: Callable[[Any], str],
    on_saved: Saved | None,
) -> None:
    """Build a document's data, draw it off the GUI thread, then save and open it."""

    def work(session: Session, progress: Progress, path: Path) -> Any:
        data = build(session)
        render(data, path)
        return data

    files.produce(parent, ops, work, title=title, name=name, on_saved=on_saved)


def print_attendance_list(
    parent: QWidget | None,
    ops: Ops,
    activity_id: int | None,
    spare_rows: int = SPARE_ROWS,
    on_saved: Saved | None = None,
) -> None:
    """The list for signatures of one activity (docs/domain.md#documents)."""
    if activity_id is None:
        QMessageBox.information(
            parent, _tr("Wybierz zajęcia"), _tr("Zaznacz zajęcia, których listę chcesz wydrukować.")
        )
        return

    _render_and_save(
        parent,
        ops,
        lambda s: attendance_list_data(s, activity_id, spare_rows),
        attendance_list.render,
        _tr("Tworzenie listy obecności…"),
        lambda d: files.file_name("Lista_obecnosci", d.date, d.group),
        on_saved,
    )


def print_day_lists(
    parent: QWidget | None,
    ops: Ops,
    group_id: int | None,
    day: dt.date,
    spare_rows: int = SPARE_ROWS,
    on_saved: Saved | None = None,
) -> None:
    """One list for all the classes of a group's day."""
    if not _need_group(parent, group_id):
        return
    assert group_id is not None

    _render_and_save(
        parent,
        ops,
        lambda s: day_list_data(s, group_id, day, spare_rows),
        attendance_list.render,
        _tr("Tworzenie listy obecności…"),
        lambda d: files.file_name("Lista_obecnosci", d.date, d.group),
        on_saved,
    )


def print_month_lists(
    parent: QWidget | None,
    ops: Ops,
    group_id: int | None,
    year: int,
    month: int,
    spare_rows: int = SPARE_ROWS,
    on_saved: Saved | None = None,
) -> None:
    """A list for every activity of a group's month, in one PDF (with progress)."""
    if not _need_group(parent, group_id):
        return
    assert group_id is not None

    def work(session: Session, progress: Progress, path: Path) -> Any:
        progress(0, 0, _tr("Zbieranie danych…"))
        items = month_lists_data(session, group_id, year, month, spare_rows)
        attendance_list.render_many(items, path, progress=progress)
        return items

    files.produce(
        parent,
        ops,
        work,
        title=_tr("Tworzenie list obecności…"),
        name=lambda items: files.file_name(
            "Listy_obecnosci", _month(year, month), items[0].group if items else None
        ),
        on_saved=on_saved,
    )


def _print_group_month(
    parent: QWidget | None,
    ops: Ops,
    group_id: int | None,
    year: int,
    month: int,
    build: Callable[[Session, int, int, int], Any],
    render: Callable[[Any, Path], Any],
    title: str,
    prefix: str,
    on_saved: Saved | None,
) -> None:
    """A document of one group's month: build its data, draw it, save and open it. An office
    with one group is not asked which one."""
    if not isinstance(group_id, int) or isinstance(group_id, bool):
        only = ops.read(lambda s: [g.id for g in list_groups(s)])
        if len(only) == 1:
            group_id = only[0]
    if not _need_group(parent, group_id):
        return
    assert group_id is not None

    _render_and_save(
        parent,
        ops,
        lambda s: build(s, group_id, year, month),
        render,
        title,
        lambda d: files.file_name(prefix, _month(year, month), d.group),
        on_saved,
    )


def print_attendance_sheet(
    parent: QWidget | None,
    ops: Ops,
    group_id: int | None,
    year: int,
    month: int,
    on_saved: Saved | None = None,
) -> None:
    """The monthly attendance sheet of a group: participants × days, hours and status."""
    _print_group_month(
        parent,
        ops,
        group_id,
        year,
        month,
        month_sheet_data,
        attendance_sheet.render,
        _tr("Tworzenie miesięcznej listy obecności…"),
        "Obecnosci",
        on_saved,
    )


def print_journal(
    parent: QWidget | None,
    ops: Ops,
    group_id: int | None,
    year: int,
    month: int,
    on_saved: Saved | None = None,
) -> None:
    """The activity journal of a group's month (docs/domain.md#documents)."""
    _print_group_month(
        parent,
        ops,
        group_id,
        year,
        month,
        journal_data,
        journal.render,
        _tr("Tworzenie dziennika zajęć…"),
        "Dziennik_zajec",
        on_saved,
    )


def print_counselling_card(
    parent: QWidget | None,
    ops: Ops,
    participant_id: int,
    year: int | None = None,
    on_saved: Saved | None = None,
) -> None:
    """The individual counselling card of a participant (notes only for roles that may read
    them: the service decides)."""

    _render_and_save(
        parent,
        ops,
        lambda s: counselling_card_data(s, participant_id, year),
        counselling_card.render,
        _tr("Tworzenie karty doradztwa…"),
        lambda d: files.file_name("Karta_doradztwa", *surname_first(d.person_name), year),
        on_saved,
    )


def print_advisory_card(
    parent: QWidget | None,
    ops: Ops,
    participation_id: int,
    on_saved: Saved | None = None,
) -> None:
    """The karta usług doradczych of one period (docs/domain.md#kontrakt-ipzs): contract, goals, support,
    reviews and the outcome when known."""
    import datetime as dt

    from kisdesk.reports.pdf import advisory_card
    from kisdesk.services.documents_path import advisory_card as card_data

    _render_and_save(
        parent,
        ops,
        lambda s: card_data(s, participation_id, dt.date.today()),
        advisory_card.render,
        _tr("Tworzenie karty usług doradczych…"),
        lambda d: files.file_name("Karta_uslug_doradczych", *surname_first(d.person_name)),
        on_saved,
    )


def print_followup_calls(
    parent: QWidget | None,
    ops: Ops,
    year: int,
    month: int,
    on_saved: Saved | None = None,
) -> None:
    """The call list of follow-up checkpoints due in a month, with phones (docs/outcomes.md)."""
    _render_and_save(
        parent,
        ops,
        lambda s: call_list_data(s, year, month),
        followup_calls.render,
        _tr("Tworzenie listy kontaktów kontrolnych…"),
        lambda _d: files.file_name("Kontakty_kontrolne", f"{year:04d}-{month:02d}"),
        on_saved,
    )


def print_form(
    parent: QWidget | None,
    ops: Ops,
    kind: str,
    issued_on: dt.date,
    year: int | None = None,
    on_saved: Saved | None = None,
) -> None:
    """A form to the voivode, filled from the office's data and kept in the register."""

    def work(session: Session, progress: Progress, path: Path) -> IssuedRow:
        progress(0, 0, _tr("Zbieranie danych…"))
        row = documents.register_form(
            session, documents_forms.form_data(session, kind, issued_on, year)
        )
        render_registered(kind, row.data, path)
        return row

    report = kind in ("annual_report", "cis_annual_report")
    files.produce(
        parent,
        ops,
        work,
        title=_tr("Tworzenie formularza…"),
        name=files.file_name(
            FORM_FILE_NAMES.get(kind, kind),
            (year if year is not None else issued_on.year - 1) if report else issued_on,
        ),
        write=True,
        on_saved=on_saved,
    )


def document_file_name(row: IssuedRow, duplicate: bool = False) -> str:
    if row.kind in CERTIFICATE_KINDS:
        return certificate_file_name(row, duplicate)
    return files.file_name(
        FORM_FILE_NAMES.get(row.kind, row.kind),
        row.number,
        "DUPLIKAT" if duplicate else None,
    )


def reprint_document(
    parent: QWidget | None,
    ops: Ops,
    row: IssuedRow,
    duplicate: bool,
    on_saved: Saved | None = None,
) -> None:
    """Print a registered document again from its snapshot: identical, or marked DUPLIKAT."""
    document_id, kind = row.id, row.kind

    def work(session: Session, progress: Progress, path: Path) -> Any:
        data = documents.reprint(session, document_id, duplicate)
        render_registered(kind, data, path)
        return data

    files.produce(
        parent,
        ops,
        work,
        title=_tr("Przygotowanie wydruku…"),
        name=document_file_name(row, duplicate),
        on_saved=on_saved,
    )
