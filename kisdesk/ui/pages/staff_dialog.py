"""Add or edit a staff member: name, role, employment basis, working time, active period."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.services import staff
from kisdesk.services.staff import StaffData, StaffRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.staff import basis_names
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import FormDialog

FIELDS = {
    "staff.name_required": "last_name",
    "staff.bad_basis": "employment_basis",
    "staff.end_before_start": "active_to",
}


def role_suggestions() -> list[str]:
    """Roles of a KIS/CIS team (docs/domain.md#office); the field accepts any other."""
    from PySide6.QtCore import QCoreApplication

    t = QCoreApplication.translate
    return [
        t("staff", "kierownik klubu"),
        t("staff", "pracownik socjalny"),
        t("staff", "psycholog"),
        t("staff", "terapeuta"),
        t("staff", "doradca zawodowy"),
        t("staff", "prawnik"),
        t("staff", "pedagog"),
        t("staff", "instruktor zawodu"),
        t("staff", "pracownik administracyjno-księgowy"),
    ]


class StaffDialog(FormDialog):
    def __init__(self, ops: Ops, row: StaffRow | None = None, parent: QWidget | None = None):
        title = self.tr("Edycja danych pracownika") if row else self.tr("Nowy pracownik")
        super().__init__(ops, title, row.id if row else None, parent)
        self.row = row
        self.first_name = QLineEdit(row.first_name if row else "")
        self.last_name = QLineEdit(row.last_name if row else "")
        self.role = QComboBox()
        self.role.setEditable(True)
        self.role.addItems(role_suggestions())
        self.role.setCurrentText(row.role if row else "")
        self.role.lineEdit().setPlaceholderText(self.tr("np. psycholog"))
        self.basis = QComboBox()
        for key, text in basis_names().items():
            self.basis.addItem(text, key)
        self.basis.setCurrentIndex(
            max(self.basis.findData(row.employment_basis if row else "employment"), 0)
        )
        self.working_time = QComboBox()
        self.working_time.setEditable(True)
        self.working_time.addItems(
            [
                self.tr("pełny etat"),
                self.tr("3/4 etatu"),
                self.tr("1/2 etatu"),
                self.tr("1/4 etatu"),
                self.tr("10 godz. miesięcznie"),
            ]
        )
        self.working_time.setCurrentText(row.working_time if row else "")
        self.active_from = DateEdit(row.active_from if row else None)
        self.active_to = DateEdit(row.active_to if row else None)
        self.add_row(self.tr("&Imię:"), "first_name", self.first_name)
        self.add_row(self.tr("&Nazwisko:"), "last_name", self.last_name)
        self.add_row(self.tr("&Funkcja:"), "role", self.role)
        self.add_row(self.tr("&Podstawa zatrudnienia:"), "employment_basis", self.basis)
        self.add_row(self.tr("&Wymiar czasu pracy:"), "working_time", self.working_time)
        self.add_row(self.tr("Pracuje &od:"), "active_from", self.active_from)
        self.add_row(self.tr("Pracuje d&o:"), "active_to", self.active_to)
        self.finish(
            self.tr(
                "Podstawa i wymiar zatrudnienia trafiają do rocznego sprawozdania "
                "(art. 18a ust. 6). Zostaw „Pracuje do” puste, dopóki osoba pracuje."
            ),
            min_width=480,
        )

    def data(self) -> StaffData:
        return StaffData(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            role=self.role.currentText(),
            employment_basis=str(self.basis.currentData()),
            working_time=self.working_time.currentText(),
            active_from=self.active_from.date(),
            active_to=self.active_to.date(),
        )

    def save(self) -> None:
        self.errors.clear()
        for field, widget in (("active_from", self.active_from), ("active_to", self.active_to)):
            if not widget.is_valid():
                self.errors.show(field, self.tr("To nie jest poprawna data. Wpisz np. 15.03.2027."))
                return
        data, row = self.data(), self.row

        def work(session: Session) -> int:
            if row is None:
                return staff.add_staff(session, data)
            staff.update_staff(session, row.id, data, expected_version=row.version)
            return row.id

        self.submit(work, FIELDS)
