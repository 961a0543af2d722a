"""The editable tabs of the participant form: the base of a tab, referral and contract,
categories (the personal data: participant_personal.py).

Each tab names its editors by the ParticipantData field they hold, so an error a service
reports for a field (ValidationError params["field"]) is shown right under that editor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kisdesk.services.participants import SENSITIVE_CATEGORIES, ParticipantData
from kisdesk.ui.widgets.participant_fields import (
    INFO_STYLE,
    CodeCombo,
    FieldMessage,
    OptionalDateEdit,
)
from kisdesk.ui.widgets.participant_labels import (
    categories,
    entitlement_labels,
    participant_kinds,
    referral_sources,
)
from kisdesk.ui.widgets.pesel_edit import PeselEdit


class FormTab(QWidget):
    """A tab of named editors, each with a message line under it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}

    def field(self, form: QFormLayout, name: str, label: str, editor: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(editor)
        message = editor.message if isinstance(editor, PeselEdit) else FieldMessage(box)
        if not isinstance(editor, PeselEdit):
            layout.addWidget(message)
        form.addRow(label, box)
        self.editors[name] = editor
        self.messages[name] = message
        self._watch(editor)
        return editor

    def _watch(self, editor: QWidget) -> None:
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self.changed)
        elif isinstance(editor, PeselEdit):
            editor.line.textEdited.connect(self.changed)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self.changed)
        elif isinstance(editor, QComboBox):
            editor.activated.connect(self.changed)
        elif isinstance(editor, OptionalDateEdit):
            editor.date_changed.connect(self.changed)

    def date_fields(self) -> dict[str, tuple[QWidget, FieldMessage]]:
        """Date editors with the line their mistakes are shown on (see check_dates)."""
        return {
            name: (editor, self.messages[name])
            for name, editor in self.editors.items()
            if isinstance(editor, OptionalDateEdit) and name in self.messages
        }

    def clear_messages(self) -> None:
        for name, message in self.messages.items():
            if name != "pesel":  # the PESEL field keeps its own live check
                message.clear_message()


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


class ReferralTab(FormTab):
    """Referral (skierowanie), kontrakt socjalny (KIS) or IPZS (CIS), consents and RODO."""

    def __init__(self, parent: QWidget | None = None, office_kind: str = "kis") -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        referral = QGroupBox(self.tr("Skierowanie"), self)
        form = _form()
        referral.setLayout(form)
        self.field(form, "referral_source", self.tr("Kto skierował"), CodeCombo(referral_sources()))
        self.field(form, "referral_institution", self.tr("Instytucja kierująca"), _line())
        self.field(form, "referral_date", self.tr("Data skierowania"), OptionalDateEdit(self))
        self.field(form, "referral_number", self.tr("Numer skierowania"), _line())
        outer.addWidget(referral)

        # Who takes part (docs/domain.md#participants): a person of art. 1 ust. 2 or an employee of a social
        # enterprise; and, at enrolment, the art. 1 ust. 3 statement.
        basis = QGroupBox(self.tr("Rodzaj uczestnika"), self)
        form = _form()
        basis.setLayout(form)
        self.field(form, "kind", self.tr("Uczestniczy jako"), CodeCombo(participant_kinds()))
        self.statement = QGroupBox(
            self.tr("Oświadczenie przy przyjęciu (art. 1 ust. 3 ustawy): osoba jest uprawniona do"),
            self,
        )
        boxes = QVBoxLayout(self.statement)
        self.entitlement_boxes: dict[str, QCheckBox] = {}
        for code, label in entitlement_labels().items():
            box = QCheckBox(label, self.statement)
            box.toggled.connect(self.changed)
            boxes.addWidget(box)
            self.entitlement_boxes[code] = box
        rule = QLabel(
            self.tr(
                "Ustawy nie stosuje się do osób uprawnionych do tych świadczeń; wyjątek (ust. 3a): "
                "osoba z rentą z tytułu niezdolności do pracy może uczestniczyć w KIS. Nic nie "
                "zaznaczone – osoba oświadczyła, że nie jest uprawniona do żadnego z nich."
            )
        )
        rule.setWordWrap(True)
        rule.setStyleSheet(INFO_STYLE)
        boxes.addWidget(rule)
        path = QLabel(
            self.tr(
                "Kontrakt socjalny należy do okresu uczestnictwa: zapisuje się go w zakładce "
                "„Okresy uczestnictwa” → „Kontrakt socjalny…”."
            )
            if office_kind == "kis"
            else self.tr(
                "IPZS należy do okresu uczestnictwa: zapisuje się go w zakładce „Okresy "
                "uczestnictwa” → „IPZS…”."
            )
        )
        path.setWordWrap(True)
        path.setStyleSheet(INFO_STYLE)
        form.addRow(path)
        outer.addWidget(basis)
        outer.addWidget(self.statement)

        consents = QGroupBox(self.tr("Zgody i RODO"), self)
        form = _form()
        consents.setLayout(form)
        text = QPlainTextEdit()
        text.setPlaceholderText(
            self.tr("np. zgoda na kontakt telefoniczny, zgoda na publikację wizerunku")
        )
        text.setMaximumHeight(60)
        self.field(form, "consents", self.tr("Zgody"), text)
        self.field(
            form,
            "rodo_clause_given_on",
            self.tr("Klauzula informacyjna RODO przekazana"),
            OptionalDateEdit(self, today_button=True),
        )
        outer.addWidget(consents)
        outer.addStretch(1)

    def entitlements(self) -> tuple[str, ...]:
        """The entitlements ticked in the art. 1 ust. 3 statement (a new person's first period)."""
        return tuple(code for code, box in self.entitlement_boxes.items() if box.isChecked())

    def load(self, data: ParticipantData) -> None:
        for name, editor in self.editors.items():
            value = getattr(data, name)
            if isinstance(editor, CodeCombo):
                editor.set_code(value)
            elif isinstance(editor, OptionalDateEdit):
                editor.set_date(value)
            elif isinstance(editor, QLineEdit):
                editor.setText(value or "")
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value or "")

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, CodeCombo):
                result[name] = editor.code()
            elif isinstance(editor, OptionalDateEdit):
                result[name] = editor.date()
            elif isinstance(editor, QLineEdit):
                result[name] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                result[name] = editor.toPlainText()
        return result


class CategoriesTab(FormTab):
    """Art. 1 ust. 2 categories; the health ones (2, 3, 4, 8) only for roles allowed."""

    def __init__(
        self, parent: QWidget | None = None, may_see_sensitive: bool = True, sealed: bool = False
    ) -> None:
        """`sealed`: the role may see them, but this account has no key yet
        (docs/threat-model.md §3.4): shown as reserved, not as absent."""
        super().__init__(parent)
        self.may_see_sensitive = may_see_sensitive
        outer = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Kategorie osób z art. 1 ust. 2 ustawy o zatrudnieniu socjalnym. "
                "Zapisuje się kategorię, nigdy diagnozę."
            )
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.boxes: dict[int, QCheckBox] = {}
        for number, label in categories().items():
            box = QCheckBox(f"{number}. {label}", self)
            if number in SENSITIVE_CATEGORIES:
                box.setToolTip(self.tr("Dane o zdrowiu (RODO art. 9)"))
                if not may_see_sensitive:
                    box.hide()
            box.toggled.connect(self.changed)
            self.boxes[number] = box
            outer.addWidget(box)
        self.messages["categories"] = FieldMessage(self)
        outer.addWidget(self.messages["categories"])
        if may_see_sensitive:
            text = self.tr(
                "Kategorie 2, 3, 4 i 8 są danymi o zdrowiu: widzą je tylko osoby uprawnione."
            )
        elif sealed:
            text = self.tr(
                "Kategorie 2, 3, 4 i 8: zastrzeżone. To konto nie ma jeszcze klucza danych "
                "zastrzeżonych – kierownik nadaje go przy swoim następnym zalogowaniu; potem "
                "zaloguj się ponownie."
            )
        else:
            text = self.tr(
                "Kategorie dotyczące zdrowia są ukryte: Twoja rola nie pozwala ich oglądać."
            )
        note = QLabel(text)
        note.setObjectName("sensitiveNote")
        note.setWordWrap(True)
        note.setStyleSheet(INFO_STYLE)
        outer.addWidget(note)
        outer.addStretch(1)

    def load(self, data: ParticipantData) -> None:
        for number, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(number in data.categories)
            box.blockSignals(False)

    def values(self) -> dict[str, Any]:
        return {"categories": tuple(n for n, box in self.boxes.items() if box.isChecked())}
