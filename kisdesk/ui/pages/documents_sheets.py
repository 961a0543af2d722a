"""The "Arkusze Excel" tab: the workbooks of docs/domain.md#documents, and the participant import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.rules.calendar import months_between
from kisdesk.ui.dialogs.export import (
    ATTENDANCE,
    HOURS,
    PARTICIPANTS,
    STATISTICS,
    ExportRequest,
    export_workbook,
    saved_message,
)
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.documents_common import (
    GroupCombo,
    heading,
    month_picker,
    previous_month,
    row,
    year_spin,
)
from kisdesk.ui.widgets.forms import note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage

if TYPE_CHECKING:
    from kisdesk.reports.xlsx.workbook import Written  # openpyxl: only when a workbook is written

MAX_MONTHS = 36  # a workbook of three years is as much as anyone reads


class SheetsTab(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.wizard: QWidget | None = None
        outer = QHBoxLayout(self)
        content = QWidget(self)
        # a form of sensible width on the left, not stretched across a wide window
        content.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 60)
        outer.addWidget(content, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)

        kinds = QGroupBox(self.tr("Zestawienie"), self)
        kinds_layout = QVBoxLayout(kinds)
        self.kind = QButtonGroup(self)
        self.kind_notes: dict[str, str] = {}
        for key, text, note in (
            (
                PARTICIPANTS,
                self.tr("Lista uczestników"),
                self.tr(
                    "Dane osobowe, kategorie, skierowanie i bieżący okres uczestnictwa. PESEL "
                    "i kategorie zdrowotne – tylko dla ról, które mogą je widzieć."
                ),
            ),
            (
                ATTENDANCE,
                self.tr("Obecności miesięczne (arkusz na każdy miesiąc)"),
                self.tr("Uczestnicy × dni zajęć, znaki obecności i godziny w miesiącu."),
            ),
            (
                HOURS,
                self.tr("Godziny w miesiącu i wymagane minimum"),
                self.tr(
                    "Godziny każdego uczestnika w miesiącu, wymagane minimum i status "
                    "(spełnione / niespełnione / w toku) – np. dla ośrodka pomocy społecznej."
                ),
            ),
            (
                STATISTICS,
                self.tr("Statystyka roczna (CAS 01 / CAS 02)"),
                self.tr(
                    "Osoby rozpoczynające, uczestniczące i kończące według płci i kategorii, "
                    "efekty po zakończeniu, usługi według obszarów. Osoby są oznaczone "
                    "pseudonimami, chyba że zaznaczysz „z imionami i nazwiskami”."
                ),
            ),
        ):
            button = QRadioButton(text, kinds)
            button.setObjectName(f"export_{key}")
            button.setProperty("key", key)
            self.kind.addButton(button)
            kinds_layout.addWidget(button)
            self.kind_notes[key] = note
        layout.addWidget(kinds)
        self.note = note_label()
        layout.addWidget(self.note)

        params = QGroupBox(self.tr("Okres i zakres"), self)
        form = self.params_form = QFormLayout(params)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.scope = QButtonGroup(self)
        self.scope_all = QRadioButton(self.tr("wszyscy w ewidencji"), params)
        self.scope_year = QRadioButton(self.tr("rok"), params)
        self.scope_months = QRadioButton(self.tr("miesiące"), params)
        for button in (self.scope_all, self.scope_year, self.scope_months):
            self.scope.addButton(button)
        self.scope_months.setChecked(True)
        form.addRow(self.tr("Okres"), row(self.scope_all, self.scope_year, self.scope_months))
        today = dt.date.today()
        self.year = year_spin(params, today.year - 1 if today.month <= 3 else today.year)
        form.addRow(self.tr("Rok"), self.year)
        self.first = month_picker(params, *previous_month())
        self.last = month_picker(params, *previous_month())
        form.addRow(self.tr("Od miesiąca"), self.first)
        form.addRow(self.tr("Do miesiąca"), self.last)
        self.whole_year = QPushButton(self.tr("Cały rok"), params)
        self.whole_year.setToolTip(self.tr("Od stycznia do grudnia roku miesiąca „od”"))
        self.whole_year.clicked.connect(self._whole_year)
        form.addRow("", self.whole_year)
        self.group = GroupCombo(ops, params, all_text=self.tr("wszystkie grupy"))
        form.addRow(self.tr("Grupa"), self.group)
        self.with_names = QCheckBox(self.tr("z imionami i nazwiskami"), params)
        self.with_names.setToolTip(
            self.tr(
                "Bez zaznaczenia osoby mają pseudonimy (np. 3F9A2C1B0D) – tak arkusz można "
                "przekazać dalej bez danych osobowych."
            )
        )
        form.addRow("", self.with_names)
        layout.addWidget(params)

        self.export_button = QPushButton(self.tr("Zapisz arkusz…"), self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.message = FieldMessage(self)
        layout.addLayout(row(self.export_button))
        layout.addWidget(self.message)

        layout.addSpacing(12)
        layout.addWidget(heading(self.tr("Import uczestników z Excela")))
        layout.addWidget(
            note_label(
                self.tr(
                    "Wczytuje listę uczestników z pliku .xlsx prowadzonego dotąd w Excelu: "
                    "przypiszesz kolumny, zobaczysz każdy wiersz z błędami i dopiero po "
                    "potwierdzeniu program zapisze poprawne wiersze."
                )
            )
        )
        self.import_button = QPushButton(self.tr("Import uczestników…"), self)
        self.import_button.clicked.connect(self.open_import)
        self.import_button.setEnabled(ops.db.actor.can(Permission.EDIT_PARTICIPANTS))
        layout.addLayout(row(self.import_button))
        layout.addStretch(1)

        self.kind.buttonToggled.connect(lambda *_a: self._update())
        self.scope.buttonToggled.connect(lambda *_a: self._update())
        self.kind.buttons()[2].setChecked(True)  # the monthly hours: the one sent most often
        may_export = ops.db.actor.can(Permission.EXPORT)
        self.export_button.setEnabled(may_export)
        if not may_export:
            self.message.show_info(self.tr("Twoja rola nie pozwala zapisywać zestawień."))
        self._update()

    def current_kind(self) -> str:
        button = self.kind.checkedButton()
        return str(button.property("key")) if button is not None else HOURS

    def set_kind(self, key: str) -> None:
        for button in self.kind.buttons():
            if button.property("key") == key:
                button.setChecked(True)

    def _update(self) -> None:
        kind = self.current_kind()
        self.note.setText(self.kind_notes.get(kind, ""))
        participants = kind == PARTICIPANTS
        for button in (self.scope_all, self.scope_year, self.scope_months):
            button.setVisible(participants)
        if not participants and kind != STATISTICS:
            self.scope_months.setChecked(True)
        yearly = kind == STATISTICS or (participants and self.scope_year.isChecked())
        monthly = kind in (ATTENDANCE, HOURS) or (participants and self.scope_months.isChecked())
        form = self.params_form
        form.setRowVisible(0, participants)
        form.setRowVisible(self.year, yearly)
        form.setRowVisible(self.first, monthly)
        form.setRowVisible(self.last, monthly)
        form.setRowVisible(self.whole_year, monthly)
        form.setRowVisible(self.group, kind in (ATTENDANCE, HOURS))
        form.setRowVisible(self.with_names, kind == STATISTICS)
        if self.message.kind == "error":
            self.message.clear_message()

    def _whole_year(self) -> None:
        year = self.first.year
        self.first.set_month(year, 1)
        self.last.set_month(year, 12)

    def request(self) -> ExportRequest | None:
        """What the user chose, or None (with the reason shown) when it cannot be made."""
        kind = self.current_kind()
        months: tuple[tuple[int, int], ...] = ()
        year = None
        monthly = kind in (ATTENDANCE, HOURS) or (
            kind == PARTICIPANTS and self.scope_months.isChecked()
        )
        if monthly:
            first = (self.first.year, self.first.month)
            last = (self.last.year, self.last.month)
            if last < first:
                self.message.show_error(self.tr("Miesiąc „do” jest wcześniejszy niż miesiąc „od”."))
                return None
            months = tuple(months_between(dt.date(*first, 1), dt.date(*last, 1)))
            if len(months) > MAX_MONTHS:
                self.message.show_error(
                    self.tr("Wybierz najwyżej {n} miesięcy naraz.").format(n=MAX_MONTHS)
                )
                return None
        elif kind == STATISTICS or (kind == PARTICIPANTS and self.scope_year.isChecked()):
            year = self.year.value()
        group_id = self.group.current_id() if kind in (ATTENDANCE, HOURS) else None
        return ExportRequest(
            kind,
            months=months,
            year=year,
            group_id=group_id,
            with_names=kind == STATISTICS and self.with_names.isChecked(),
            group_name=self.group.currentText() if group_id is not None else "",
        )

    def export(self) -> None:
        request = self.request()
        if request is None:
            return
        self.message.clear_message()

        def saved(written: Written, path: Path | None) -> None:
            if path is not None:
                self.message.show_ok(saved_message(written, path))

        export_workbook(self, self.ops, request, on_saved=saved)

    def refresh(self) -> None:
        self.group.reload()

    def open_import(self) -> None:
        from kisdesk.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ops, self)
        wizard.setObjectName("import_wizard")
        self.wizard = wizard
        wizard.open()
