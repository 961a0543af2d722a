"""The list of staff (kadra)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject

from kisdesk.services.documents_common import EMPLOYMENT_BASIS_LABELS
from kisdesk.services.staff import StaffRow
from kisdesk.ui.table_models.base import Column, RowTableModel


def basis_names() -> dict[str, str]:
    """Employment bases (services.staff.EMPLOYMENT_BASES) in Polish: the annual report's own
    words (art. 18a ust. 6: forma zatrudnienia), one list for the page and the form."""
    return dict(EMPLOYMENT_BASIS_LABELS)


def is_active(row: StaffRow, on: dt.date) -> bool:
    return (row.active_from is None or row.active_from <= on) and (
        row.active_to is None or row.active_to >= on
    )


class StaffModel(RowTableModel[StaffRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        names = basis_names()
        today = dt.date.today()
        self.columns = (
            Column(
                self.tr("Imię i nazwisko"),
                lambda r: r.full_name,
                lambda r: f"{r.last_name} {r.first_name}",
            ),
            Column(self.tr("Funkcja"), lambda r: r.role),
            Column(
                self.tr("Podstawa zatrudnienia"),
                lambda r: names.get(r.employment_basis, r.employment_basis),
            ),
            Column(self.tr("Wymiar"), lambda r: r.working_time),
            Column(self.tr("Od"), lambda r: r.active_from),
            Column(self.tr("Do"), lambda r: r.active_to),
            Column(
                self.tr("Stan"),
                lambda r: self.tr("pracuje") if is_active(r, today) else self.tr("nie pracuje"),
            ),
        )
