"""Excel workbooks (docs/domain.md#documents): built through the export services off the GUI thread,
written to a temporary file, then saved where the user wants and opened. Only a workbook
saved where the user chose is an export: then, and only then, it is written to the audit
log (a file open in Excel that cannot be overwritten, or a cancelled save, leaves no entry).

    export_workbook(parent, ops, ExportRequest("hours", months=[(2027, 3)]))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from kisdesk.errors import KisdeskError
from kisdesk.messages.core import plural
from kisdesk.messages.security import restricted_skipped
from kisdesk.services import exports, exports_attendance, exports_stats
from kisdesk.ui import files
from kisdesk.ui.ops import Ops, Progress

if TYPE_CHECKING:
    # openpyxl is loaded when a workbook is written, not with the Dokumenty page
    # (docs/architecture.md#reads): importing it took most of the page's first showing.
    from kisdesk.reports.xlsx.workbook import Written

PARTICIPANTS, ATTENDANCE, HOURS, STATISTICS = "participants", "attendance", "hours", "statistics"

FILE_WORDS = {
    PARTICIPANTS: "Uczestnicy",
    ATTENDANCE: "Obecnosci",
    HOURS: "Godziny",
    STATISTICS: "Statystyka",
}


@dataclass(frozen=True)
class ExportRequest:
    what: str  # participants | attendance | hours | statistics
    months: tuple[tuple[int, int], ...] = ()  # attendance, hours; participants: a period
    year: int | None = None  # statistics; participants: a year
    group_id: int | None = None  # attendance, hours
    with_names: bool = False  # statistics: names instead of pseudonyms
    group_name: str = ""  # for the file name


def _tr(text: str) -> str:
    return QCoreApplication.translate("export", text)


def period_label(request: ExportRequest) -> str:
    """ "2027-03", "2027-01_2027-06", "2027" or "" for the file name."""
    if request.months:
        first, last = request.months[0], request.months[-1]
        text = f"{first[0]:04d}-{first[1]:02d}"
        if last != first:
            text += f"_{last[0]:04d}-{last[1]:02d}"
        return text
    return str(request.year) if request.year is not None else ""


def export_file_name(request: ExportRequest) -> str:
    return files.file_name(
        FILE_WORDS[request.what],
        period_label(request),
        request.group_name or None,
        "z_nazwiskami" if request.what == STATISTICS and request.with_names else None,
        suffix=".xlsx",
    )


def build(session: Session, request: ExportRequest, path: Path) -> Written:
    """Build and write the workbook (not yet an export: see `export_workbook`)."""
    r = request
    data: Any
    if r.what == PARTICIPANTS:
        first: dt.date | None = None
        last: dt.date | None = None
        if r.months:
            first = exports.period_of(month=r.months[0])[0]
            last = exports.period_of(month=r.months[-1])[1]
        elif r.year is not None:
            first, last = exports.period_of(year=r.year)
        data = exports.participant_list(session, first, last)
    elif r.what == ATTENDANCE:
        data = exports_attendance.attendance_export(session, list(r.months), r.group_id)
    elif r.what == HOURS:
        data = exports.hours_export(session, list(r.months), None, r.group_id)
    elif r.what == STATISTICS:
        year = r.year if r.year is not None else dt.date.today().year - 1
        data = exports_stats.statistics_export(session, year, identify=r.with_names)
    else:
        raise ValueError(r.what)
    from kisdesk.reports.xlsx import workbook

    return workbook.write(data, path)


def saved_message(written: Written, path: Path) -> str:
    """ "Zapisano … (3 wiersze danych)." and whom the workbook left out (RODO art. 18)."""
    n = written.records
    rows = plural(n, _tr("wiersz danych"), _tr("wiersze danych"), _tr("wierszy danych"))
    text = _tr("Zapisano {path} ({n} {rows}).").format(path=path, n=n, rows=rows)
    skipped = restricted_skipped(written.restricted_skipped)
    return f"{text} {skipped}" if skipped else text


def export_workbook(
    parent: QWidget | None,
    ops: Ops,
    request: ExportRequest,
    on_saved: Callable[[Written, Path | None], None] | None = None,
) -> None:
    """Build the workbook in the background, then save as and open it; once it is saved,
    the export goes to the audit log. `on_saved(written, path)`: path None when cancelled."""

    def work(session: Session, progress: Progress, path: Path) -> Written:
        progress(0, 0, _tr("Zbieranie danych…"))
        try:
            return build(session, request, path)
        except OSError as exc:  # the temporary folder: full or not writable
            raise KisdeskError(
                "export.cannot_write", path=str(path), reason=exc.strerror or str(exc)
            ) from exc

    def saved(written: Written, path: Path | None) -> None:
        if path is not None:
            ops.run(
                parent,
                lambda s: exports.record_export(
                    s, written.kind, written.records, **written.details
                ),
            )
        if on_saved is not None:
            on_saved(written, path)

    files.produce(
        parent,
        ops,
        work,
        title=_tr("Tworzenie arkusza…"),
        name=export_file_name(request),
        suffix=".xlsx",
        on_saved=saved,
    )
