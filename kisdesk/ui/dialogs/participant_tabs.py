"""The editable tabs of the participant form: personal data, referral and contract, categories.

Each tab names its editors by the ParticipantData field they hold, so an error a service
reports for a field (ValidationError params["field"]) is shown right under that editor.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kisdesk.rules.first_names import ranked, usual_sex
from kisdesk.rules.pesel import PeselInfo
from kisdesk.services.participants import SENSITIVE_CATEGORIES, ParticipantData
from kisdesk.ui.widgets.completing_edit import CompletingLineEdit
from kisdesk.ui.widgets.participant_fields import (
    INFO_STYLE,
    WARNING_STYLE,
    CodeCombo,
    FieldMessage,
    IdCombo,
    OptionalDateEdit,
)
from kisdesk.ui.widgets.participant_labels import (
    categories,
    education_levels,
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


class PersonalTab(FormTab):
    """Names, PESEL (fills birth date and sex), identity document, address, education."""

    def __init__(self, parent: QWidget | None = None, new_person: bool = False) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.hint: QLabel | None = None
        if new_person:
            self.hint = QLabel(
                self.tr(
                    "Zacznij od numeru PESEL: data urodzenia i płeć wypełnią się same, a kursor "
                    "przejdzie do imienia. Imię podpowiada się po pierwszych literach – Tab je "
                    "przyjmuje."
                )
            )
            self.hint.setWordWrap(True)
            self.hint.setStyleSheet(INFO_STYLE)
            outer.addWidget(self.hint)
        columns = QHBoxLayout()
        outer.addLayout(columns)
        left, right = _form(), _form()
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)

        # PESEL first, as on the official forms (ZUS's among them): birth date and sex follow
        # from it, and the sex narrows the first names offered. Created first, it is first in
        # the Tab order too; the same order on a new person's form and on the card.
        self.pesel = PeselEdit(self)
        self.field(left, "pesel", self.tr("PESEL"), self.pesel)
        self.no_pesel_hint = QLabel(
            self.tr(
                "Bez numeru PESEL (np. cudzoziemcy) przejdź dalej klawiszem Tab i podaj datę "
                "urodzenia, płeć i dokument."
            )
        )
        self.no_pesel_hint.setWordWrap(True)
        self.no_pesel_hint.setStyleSheet(INFO_STYLE)
        left.addRow("", self.no_pesel_hint)
        # completed as typed from the frequent names of the PESEL's sex (offer_names)
        self.first_name = first_name = CompletingLineEdit()
        first_name.setToolTip(
            self.tr(
                "Imię podpowiada się samo po pierwszych literach (częste imiona, dla płci z "
                "numeru PESEL): Tab przyjmuje podpowiedź, kolejne litery ją zmieniają."
            )
        )
        self.field(left, "first_name", self.tr("Imię *"), first_name)
        # A first name of the other sex than the PESEL's: a digit mistyped there, or the name
        # typed into the wrong person's form (_check_name_sex). A warning only: names are
        # the person's, and the frequent-name lists do not know every one.
        self.name_sex_hint = QLabel(self)
        self.name_sex_hint.setWordWrap(True)
        self.name_sex_hint.setStyleSheet(WARNING_STYLE)
        self.name_sex_hint.hide()
        name_box = first_name.parentWidget().layout()  # under the name, as its own message
        assert name_box is not None
        name_box.addWidget(self.name_sex_hint)
        self.names_on_file: dict[str | None, list[str]] = {}
        self.field(left, "last_name", self.tr("Nazwisko *"), _line())
        self.birth_date = OptionalDateEdit(self)
        self.field(left, "birth_date", self.tr("Data urodzenia"), self.birth_date)
        self.sex = CodeCombo({"": "—", "K": self.tr("kobieta"), "M": self.tr("mężczyzna")})
        self.field(left, "sex", self.tr("Płeć"), self.sex)
        self.field(
            left,
            "id_document",
            self.tr("Dokument tożsamości"),
            _line(self.tr("rodzaj i numer, np. paszport AB1234567")),
        )
        self.field(left, "education", self.tr("Wykształcenie"), CodeCombo(education_levels()))

        self.field(right, "street", self.tr("Ulica i numer"), _line())
        self.field(right, "postal_code", self.tr("Kod pocztowy"), _line("00-000"))
        self.field(right, "city", self.tr("Miejscowość"), _line())
        self.field(right, "gmina", self.tr("Gmina"), _line())
        self.field(right, "powiat", self.tr("Powiat"), _line())
        self.field(right, "phone", self.tr("Telefon"), _line())
        notes = QPlainTextEdit()
        notes.setPlaceholderText(self.tr("Uwagi organizacyjne (bez danych o zdrowiu)"))
        notes.setMaximumHeight(70)
        self.field(right, "notes", self.tr("Uwagi"), notes)

        self.first_period: QGroupBox | None = None
        if new_person:
            self.first_period = QGroupBox(self.tr("Pierwszy okres uczestnictwa"), self)
            period_form = _form()
            self.first_period.setLayout(period_form)
            self.start_on = OptionalDateEdit(self, optional=False, default=dt.date.today())
            self.field(period_form, "start_on", self.tr("Początek uczestnictwa *"), self.start_on)
            self.group = IdCombo(self, none_text=self.tr("— bez grupy —"))
            self.field(period_form, "group_id", self.tr("Grupa"), self.group)
            self.planned_end = OptionalDateEdit(self)
            self.field(period_form, "planned_end_on", self.tr("Planowany koniec"), self.planned_end)
            outer.addWidget(self.first_period)
        outer.addStretch(1)
        self._derived = False  # birth date and sex shown are the PESEL's
        self.pesel.parsed.connect(self._pesel_parsed)
        first_name.textChanged.connect(lambda _text: self._check_name_sex())
        self.sex.currentIndexChanged.connect(lambda _i: self._check_name_sex())
        self.pesel.line.textChanged.connect(
            lambda text: self.no_pesel_hint.setVisible(not text.strip())
        )
        self._pesel_parsed(None)

    def _pesel_parsed(self, info: PeselInfo | None) -> None:
        """A valid PESEL fills birth date and sex and locks them (they follow from it)."""
        derived = info is not None
        if info is not None:
            self.birth_date.set_date(info.birth_date)
            self.sex.set_code(info.sex.value)
        elif self._derived:
            # The number that gave them is gone (erased, or a digit being mended): they go
            # too, or a birth date and sex read from a mistyped number would be saved as typed.
            self.birth_date.set_date(None)
            self.sex.set_code("")
        self._derived = derived
        self.birth_date.setEnabled(not derived)
        self.sex.setEnabled(not derived)
        without = not self.pesel.text()
        self.no_pesel_hint.setVisible(without)
        self.editors["id_document"].setEnabled(not derived)
        self.offer_names()
        self._check_name_sex()

    def _check_name_sex(self) -> None:
        """Warn under the first name when it is one of the frequent names of the other sex than
        the one the PESEL gives (or, without a PESEL, the one chosen)."""
        name = self.first_name.text().strip()
        sex = self.pesel.info.sex.value if self.pesel.info is not None else self.sex.code()
        usual = usual_sex(name)
        if not sex or usual is None or usual == sex:
            self.name_sex_hint.hide()
            return
        female = usual == "K"
        kind = self.tr("żeńskie") if female else self.tr("męskie")
        if self.pesel.info is not None:
            text = self.tr(
                "„{name}” to zwykle imię {kind}, a numer PESEL jest {whose}. Sprawdź numer "
                "(przedostatnia cyfra: parzysta – kobieta, nieparzysta – mężczyzna) albo imię."
            ).format(
                name=name, kind=kind, whose=self.tr("mężczyzny") if female else self.tr("kobiety")
            )
        else:
            text = self.tr("„{name}” to zwykle imię {kind}, a wybrana płeć to {chosen}.").format(
                name=name,
                kind=kind,
                chosen=self.tr("mężczyzna") if female else self.tr("kobieta"),
            )
        self.name_sex_hint.setText(text)
        self.name_sex_hint.show()

    def offer_names(self, on_file: dict[str | None, list[str]] | None = None) -> None:
        """The first names completed as typed: the frequent ones of the sex the PESEL gives
        (none without one), then the office's own (`on_file`, by sex; None: all)."""
        if on_file is not None:
            self.names_on_file = on_file
        sex = self.pesel.info.sex.value if self.pesel.info is not None else None
        self.first_name.candidates = ranked(self.names_on_file.get(sex, []), sex)

    def load(self, data: ParticipantData) -> None:
        for name in ("first_name", "last_name", "id_document", "street", "postal_code"):
            self._set_line(name, getattr(data, name))
        for name in ("city", "gmina", "powiat", "phone"):
            self._set_line(name, getattr(data, name))
        self.pesel.set_text(data.pesel)
        self.birth_date.set_date(data.birth_date)
        self.sex.set_code(data.sex)
        self.editors["education"].set_code(data.education)  # type: ignore[attr-defined]
        notes = self.editors["notes"]
        assert isinstance(notes, QPlainTextEdit)
        notes.setPlainText(data.notes)
        self._pesel_parsed(self.pesel.info)

    def _set_line(self, name: str, value: str) -> None:
        editor = self.editors[name]
        assert isinstance(editor, QLineEdit)
        editor.setText(value or "")

    def values(self) -> dict[str, Any]:
        def text(name: str) -> str:
            editor = self.editors[name]
            assert isinstance(editor, QLineEdit)
            return editor.text()

        notes = self.editors["notes"]
        assert isinstance(notes, QPlainTextEdit)
        pesel = self.pesel.text()
        return {
            "first_name": text("first_name"),
            "last_name": text("last_name"),
            "pesel": pesel or None,
            # With a PESEL, birth date and sex follow from it (the service derives them).
            "birth_date": None if pesel else self.birth_date.date(),
            "sex": None if pesel else (self.sex.code() or None),
            "id_document": text("id_document"),
            "street": text("street"),
            "postal_code": text("postal_code"),
            "city": text("city"),
            "gmina": text("gmina"),
            "powiat": text("powiat"),
            "phone": text("phone"),
            "education": self.editors["education"].code(),  # type: ignore[attr-defined]
            "notes": notes.toPlainText(),
        }


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
