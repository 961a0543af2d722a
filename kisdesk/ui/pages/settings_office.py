"""The office's and its operating body's data (docs/domain.md#participants): fields shared by the first-start
wizard and the Ustawienia → Placówka tab, and that tab itself."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.services.office import OfficeData, OperatorData, get_office, update_office
from kisdesk.ui.ops import Ops
from kisdesk.ui.widgets.dates import DateEdit
from kisdesk.ui.widgets.forms import FormErrors, note_label

# Error codes of services.office → the field they concern.
FIELDS = {
    "office.name_required": "name",
    "office.bad_kind": "kind",
    "office.operator_name_required": "op_name",
    "office.bad_legal_form": "op_legal_form",
    "office.bad_nip": "op_nip",
    "office.bad_regon": "op_regon",
    "office.bad_krs": "op_krs",
    "office.started_before_created": "activity_started_on",
}
DATE_FIELDS = (
    "created_on",
    "activity_started_on",
    "register_date",
    "status_granted_on",
    "status_expires_on",
)


def legal_forms() -> dict[str, str]:
    """services.office.LEGAL_FORMS in Polish (docs/domain.md#participants)."""
    t = QCoreApplication.translate
    return {
        "gmina": t("office", "gmina"),
        "ops": t("office", "ośrodek pomocy społecznej (OPS, GOPS, MOPS)"),
        "association": t("office", "stowarzyszenie"),
        "foundation": t("office", "fundacja"),
        "cooperative": t("office", "spółdzielnia socjalna"),
        "church": t("office", "kościelna osoba prawna"),
        "other": t("office", "inna"),
    }


class OfficeFields(QWidget):
    """The fields, in group boxes a form can place where it likes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, show_kind: bool = True) -> None:
        super().__init__(parent)
        self.errors = FormErrors()
        self.version: int | None = None
        self.closed_on = None
        self._loaded: OfficeData | None = None

        # -- kind -----------------------------------------------------------------------------------
        self.kis = QRadioButton(self.tr("Klub integracji społecznej (KIS)"))
        self.cis = QRadioButton(self.tr("Centrum integracji społecznej (CIS)"))
        self.kis.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.kis)
        self.kind_group.addButton(self.cis)
        self.kind_box = QGroupBox(self.tr("Rodzaj placówki"))
        kind_layout = QVBoxLayout(self.kind_box)
        kind_layout.addWidget(self.kis)
        kind_layout.addWidget(self.cis)
        kind_layout.addWidget(
            note_label(
                self.tr(
                    "Od rodzaju zależą zasady (KIS: miesięczne minimum godzin; CIS: tygodniowy "
                    "pobyt 30–40 godzin, art. 14 ust. 1) i dokumenty."
                )
            )
        )
        self.kind_box.setVisible(show_kind)

        # -- the office -----------------------------------------------------------------------------
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("np. Klub Integracji Społecznej w Zawoni"))
        self.street, self.postal_code, self.city = QLineEdit(), QLineEdit(), QLineEdit()
        self.postal_code.setPlaceholderText("00-000")
        self.postal_code.setMaxLength(10)
        self.postal_code.setMaximumWidth(self.fontMetrics().horizontalAdvance("00-00000") + 16)
        self.phone, self.email = QLineEdit(), QLineEdit()
        self.office_box = QGroupBox(self.tr("Placówka"))
        form = QFormLayout(self.office_box)
        form.addRow(self.tr("Pełna &nazwa:"), self.errors.add("name", self.name))
        form.addRow(self.tr("&Ulica i numer:"), self.errors.add("street", self.street))
        form.addRow(self.tr("Kod i miejscowość:"), self._pair("postal_code", "city"))
        form.addRow(self.tr("&Telefon:"), self.errors.add("phone", self.phone))
        form.addRow(self.tr("&E-mail:"), self.errors.add("email", self.email))

        # -- the operating body ---------------------------------------------------------------------
        self.op_name = QLineEdit()
        self.op_name.setPlaceholderText(self.tr("np. Gmina Zawonia"))
        self.op_legal_form = QComboBox()
        for key, text in legal_forms().items():
            self.op_legal_form.addItem(text, key)
        self.op_street, self.op_postal_code, self.op_city = QLineEdit(), QLineEdit(), QLineEdit()
        self.op_postal_code.setPlaceholderText("00-000")
        self.op_postal_code.setMaxLength(10)
        self.op_postal_code.setMaximumWidth(self.postal_code.maximumWidth())
        self.op_phone, self.op_fax, self.op_email = QLineEdit(), QLineEdit(), QLineEdit()
        self.op_nip, self.op_regon, self.op_krs = QLineEdit(), QLineEdit(), QLineEdit()
        self.op_nip.setPlaceholderText(self.tr("10 cyfr"))
        self.op_regon.setPlaceholderText(self.tr("9 lub 14 cyfr"))
        self.op_krs.setPlaceholderText(self.tr("10 cyfr – tylko organizacje wpisane do KRS"))
        self.operator_box = QGroupBox(self.tr("Podmiot prowadzący"))
        form = QFormLayout(self.operator_box)
        form.addRow(self.tr("Pełna n&azwa:"), self.errors.add("op_name", self.op_name))
        form.addRow(self.tr("Forma &prawna:"), self.errors.add("op_legal_form", self.op_legal_form))
        form.addRow(self.tr("Ulica i numer:"), self.errors.add("op_street", self.op_street))
        form.addRow(self.tr("Kod i miejscowość:"), self._pair("op_postal_code", "op_city"))
        form.addRow(self.tr("Telefon:"), self.errors.add("op_phone", self.op_phone))
        form.addRow(self.tr("Faks:"), self.errors.add("op_fax", self.op_fax))
        form.addRow(self.tr("E-mail:"), self.errors.add("op_email", self.op_email))
        form.addRow(self.tr("N&IP:"), self.errors.add("op_nip", self.op_nip))
        form.addRow(self.tr("&REGON:"), self.errors.add("op_regon", self.op_regon))
        form.addRow(self.tr("&KRS:"), self.errors.add("op_krs", self.op_krs))

        # -- dates, the person in charge, the register ----------------------------------------------
        self.created_on, self.activity_started_on = DateEdit(), DateEdit()
        self.head_name = QLineEdit()
        self.head_name.setPlaceholderText(self.tr("imię i nazwisko"))
        self.register_number, self.register_date = QLineEdit(), DateEdit()
        self.status_granted_on, self.status_expires_on = DateEdit(), DateEdit()
        self.dates_box = QGroupBox(self.tr("Daty, kierownik, rejestr"))
        form = QFormLayout(self.dates_box)
        form.addRow(self.tr("Data &utworzenia:"), self.errors.add("created_on", self.created_on))
        form.addRow(
            self.tr("Data rozpoczęcia &działalności:"),
            self.errors.add("activity_started_on", self.activity_started_on),
        )
        form.addRow(
            self.tr("Osoba &kierująca (lider):"), self.errors.add("head_name", self.head_name)
        )
        form.addRow(
            self.tr("Nr wpisu do rejestru wojewody:"),
            self.errors.add("register_number", self.register_number),
        )
        form.addRow(
            self.tr("Data wpisu do rejestru:"), self.errors.add("register_date", self.register_date)
        )
        self.status_label = self.tr("CIS: status przyznany dnia:")
        form.addRow(self.status_label, self.errors.add("status_granted_on", self.status_granted_on))
        form.addRow(
            self.tr("CIS: status ważny do:"),
            self.errors.add("status_expires_on", self.status_expires_on),
        )
        self._dates_form = form
        self.cis.toggled.connect(self._show_cis_rows)
        self._show_cis_rows(False)

        # The boxes are placed by the form that uses them, so they are not our children.
        for box in (self.office_box, self.operator_box, self.dates_box):
            for widget in box.findChildren(QLineEdit):
                widget.textEdited.connect(self.changed)
            for date in box.findChildren(DateEdit):
                date.dateChanged.connect(lambda _d: self.changed.emit())
        self.op_legal_form.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.kis.toggled.connect(lambda _c: self.changed.emit())

    def _pair(self, first: str, second: str) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.errors.add(first, getattr(self, first)))
        layout.addWidget(self.errors.add(second, getattr(self, second)), 1)
        return box

    def _show_cis_rows(self, cis: bool) -> None:
        for widget in (self.status_granted_on, self.status_expires_on):
            self._dates_form.setRowVisible(widget.parentWidget(), cis)

    # -- values ---------------------------------------------------------------------------------------
    def kind(self) -> str:
        return "cis" if self.cis.isChecked() else "kis"

    def invalid_date(self) -> str | None:
        """The first date field whose text is not a date (it is shown there)."""
        for name in DATE_FIELDS:
            if not getattr(self, name).is_valid():
                self.errors.show(name, self.tr("To nie jest poprawna data. Wpisz np. 15.03.2027."))
                return name
        return None

    def data(self) -> OfficeData:
        def text(widget: QLineEdit) -> str:
            return (
                widget.text().strip()
                if widget.hasAcceptableInput() or not widget.inputMask()
                else ""
            )

        return OfficeData(
            kind=self.kind(),
            name=self.name.text(),
            operator=OperatorData(
                name=self.op_name.text(),
                legal_form=str(self.op_legal_form.currentData()),
                street=self.op_street.text(),
                postal_code=self.op_postal_code.text(),
                city=self.op_city.text(),
                phone=self.op_phone.text(),
                fax=self.op_fax.text(),
                email=self.op_email.text(),
                nip=self.op_nip.text() or None,
                regon=self.op_regon.text() or None,
                krs=self.op_krs.text() or None,
            ),
            street=self.street.text(),
            postal_code=self.postal_code.text(),
            city=self.city.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            created_on=self.created_on.date(),
            activity_started_on=self.activity_started_on.date(),
            head_name=self.head_name.text(),
            register_number=self.register_number.text(),
            register_date=self.register_date.date(),
            status_granted_on=self.status_granted_on.date() if self.cis.isChecked() else None,
            status_expires_on=self.status_expires_on.date() if self.cis.isChecked() else None,
            closed_on=self.closed_on,
            version=self.version,
        )

    def set_data(self, data: OfficeData) -> None:
        (self.cis if data.kind == "cis" else self.kis).setChecked(True)
        for name in ("name", "street", "postal_code", "city", "phone", "email", "head_name"):
            getattr(self, name).setText(getattr(data, name) or "")
        self.register_number.setText(data.register_number or "")
        op = data.operator
        for name in ("name", "street", "postal_code", "city", "phone", "fax", "email"):
            getattr(self, f"op_{name}").setText(getattr(op, name) or "")
        for name in ("nip", "regon", "krs"):
            getattr(self, f"op_{name}").setText(getattr(op, name) or "")
        self.op_legal_form.setCurrentIndex(max(self.op_legal_form.findData(op.legal_form), 0))
        for name in DATE_FIELDS:
            getattr(self, name).setDate(getattr(data, name))
        self.version = data.version
        self.closed_on = data.closed_on
        self._loaded = self.data()

    def is_modified(self) -> bool:
        if self._loaded is None:
            return False
        return dataclasses.replace(self.data(), version=None) != dataclasses.replace(
            self._loaded, version=None
        )


class OfficeTab(QWidget):
    """Ustawienia → Placówka: edit and save with the version check (an edit made meanwhile on
    another computer is refused, not overwritten)."""

    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.fields = OfficeFields(self)
        self.fields.setVisible(False)  # only its boxes are shown
        self.save_button = QPushButton(self.tr("Zapisz dane placówki"))
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Cofnij zmiany"))
        self.revert_button.clicked.connect(self.load)
        self.fields.changed.connect(self._update_buttons)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.addWidget(self.fields.kind_box, 0, 0)
        grid.addWidget(self.fields.office_box, 1, 0)
        grid.addWidget(self.fields.dates_box, 2, 0)
        grid.addWidget(self.fields.operator_box, 0, 1, 3, 1)
        grid.setRowStretch(3, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def load(self) -> None:
        self.fields.errors.clear()
        self.fields.set_data(self.ops.read(get_office))
        self._update_buttons()

    def _update_buttons(self) -> None:
        modified = self.fields.is_modified()
        self.save_button.setEnabled(modified)
        self.revert_button.setEnabled(modified)

    def has_unsaved_changes(self) -> bool:
        return self.fields.is_modified()

    def save(self) -> bool:
        self.fields.errors.clear()
        if self.fields.invalid_date():
            return False
        data = self.fields.data()

        def failed(error: KisdeskError) -> None:
            if error.code == "record.changed_meanwhile":
                QMessageBox.warning(
                    self,
                    self.tr("Dane zmienione w międzyczasie"),
                    self.tr(
                        "Ktoś inny zmienił dane placówki w międzyczasie. Pokazuję aktualne dane – "
                        "wprowadź swoje zmiany ponownie."
                    ),
                )
                self.load()
                return
            self.fields.errors.report(self, error, FIELDS)

        done: list[Any] = []
        self.ops.run(
            self,
            lambda s: update_office(s, data),
            on_success=done.append,
            on_error=failed,
        )
        if not done:
            return False
        self.load()
        return True
