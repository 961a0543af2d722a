"""Tables of the participant import wizard: every row of the file with its problems before
the import, and what happened to each row after it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.services.imports import PreviewRow, RowIssue
from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel
from kisdesk.ui.widgets import status

ERROR_BACKGROUND = QColor(status.background(status.SHORT))
WARNING_BACKGROUND = QColor(status.background(status.IN_PROGRESS))
OK_BACKGROUND = QColor(status.background(status.MET))


def issue_text(issue: RowIssue) -> str:
    return describe(issue.as_error())


def issues_text(row: PreviewRow) -> str:
    return " ".join(
        [issue_text(e) for e in row.errors]
        + [tr("Uwaga: {text}").format(text=issue_text(w)) for w in row.warnings]
    )


def shown_pesel(row: PreviewRow) -> str:
    """The PESEL as read, or as typed in the file when it could not be read."""
    if row.data is not None and row.data.pesel:
        return row.data.pesel
    for e in row.errors:
        if e.code.startswith("pesel.") and e.params.get("value"):
            return str(e.params["value"])
    return ""


def lost_zero(row: PreviewRow) -> bool:
    return any(e.code == "pesel.lost_leading_zero" for e in row.errors)


def _preview_background(row: PreviewRow) -> QColor | None:
    if row.errors:
        return ERROR_BACKGROUND
    if row.warnings:
        return WARNING_BACKGROUND
    return None


def _state(row: PreviewRow) -> str:
    if row.errors:
        return tr("błąd")
    return tr("OK, z uwagą") if row.warnings else tr("OK")


PROBLEMS_COLUMN = 2  # right after the state, so the reason is seen without scrolling


class PreviewModel(RowTableModel[PreviewRow]):
    """Every data row of the file, rows in error on a red background."""

    def __init__(self, parent: Any = None) -> None:
        def data(row: PreviewRow, name: str) -> Any:
            return getattr(row.data, name, None) if row.data is not None else None

        bg = _preview_background
        super().__init__(
            (
                Column(tr("Wiersz"), lambda r: r.row, align=RIGHT, background=bg),
                Column(tr("Stan"), _state, background=bg, bold=lambda r: bool(r.errors)),
                Column(
                    tr("Problemy"),
                    issues_text,
                    background=bg,
                    tooltip=lambda r: issues_text(r) or None,
                ),
                Column(tr("Nazwisko"), lambda r: data(r, "last_name"), background=bg),
                Column(tr("Imię"), lambda r: data(r, "first_name"), background=bg),
                Column(tr("PESEL"), shown_pesel, background=bg),
                Column(tr("Data ur."), lambda r: data(r, "birth_date"), background=bg),
                Column(tr("Płeć"), lambda r: data(r, "sex"), background=bg),
                Column(tr("Grupa"), lambda r: r.group, background=bg),
                Column(tr("Początek"), lambda r: r.start_on, background=bg),
            ),
            parent,
        )


@dataclass(frozen=True)
class ResultLine:
    """What happened to one row of the file."""

    row: int
    name: str
    status: str  # imported | error | skipped
    participant_id: int | None
    messages: str


def result_status(code: str) -> str:
    return {
        "imported": tr("wczytano"),
        "error": tr("pominięto (błąd)"),
        "skipped": tr("pominięto"),
    }.get(code, code)


def _result_background(line: ResultLine) -> QColor | None:
    return OK_BACKGROUND if line.status == "imported" else ERROR_BACKGROUND


class ResultModel(RowTableModel[ResultLine]):
    def __init__(self, parent: Any = None) -> None:
        bg = _result_background
        super().__init__(
            (
                Column(tr("Wiersz"), lambda r: r.row, align=RIGHT, background=bg),
                Column(tr("Wynik"), lambda r: result_status(r.status), background=bg),
                Column(tr("Osoba"), lambda r: r.name, background=bg),
                Column(
                    tr("Nr w ewidencji"), lambda r: r.participant_id, align=RIGHT, background=bg
                ),
                Column(
                    tr("Uwagi"),
                    lambda r: r.messages,
                    background=bg,
                    tooltip=lambda r: r.messages or None,
                ),
            ),
            parent,
        )
