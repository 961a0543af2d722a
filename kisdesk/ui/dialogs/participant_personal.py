"""The personal-data sheet of the participant form: PESEL first (birth date and sex follow
from it), names completed from the frequent ones, identity document, address, education and,
for a new person, the first participation period (docs/domain.md#participants)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
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
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.participant_tabs import FormTab, _form, _line
from kisdesk.ui.widgets.completing_edit import CompletingLineEdit
from kisdesk.ui.widgets.participant_fields import (
    INFO_STYLE,
    WARNING_STYLE,
    CodeCombo,
    IdCombo,
    OptionalDateEdit,
)
from kisdesk.ui.widgets.participant_labels import (
    education_levels,
)
from kisdesk.ui.widgets.pesel_edit import PeselEdit


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
