"""The PESEL field: checked as it is typed, with the message right under it (docs/domain.md#participants).

Eleven digits are checked at once (checksum, a birth date that exists); letters are refused
at once; a number still too short is reported when the user leaves the field, with the
leading-zero correction offered when Excel-style digits lost their zero.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kisdesk.errors import ValidationError
from kisdesk.messages import describe
from kisdesk.rules.pesel import PeselError, PeselInfo, normalize_pesel, parse_pesel
from kisdesk.ui.widgets.forms import ERROR_COLOUR
from kisdesk.ui.widgets.participant_fields import FieldMessage
from kisdesk.ui.widgets.participant_labels import fmt_date


class PeselEdit(QWidget):
    """Emits `parsed` with the PeselInfo of a valid number, or None when it is not (yet)."""

    parsed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: PeselInfo | None = None
        self.error_code: str | None = None
        self._suggestion: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(self.tr("11 cyfr"))
        # room for separators pasted in ("86 04 12 031 27", or a space after every digit from
        # a form with a box per digit): cut at 15, the pasted digits' tail was silently lost;
        # normalised before checking, and anything too long is reported with what was given
        self.line.setMaxLength(40)
        font = QFont(self.line.font())
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.0)
        self.line.setFont(font)
        self.line.setMaximumWidth(190)
        row.addWidget(self.line)
        self.fix = QPushButton(self)
        self.fix.hide()
        self.fix.clicked.connect(self._apply_suggestion)
        row.addWidget(self.fix)
        row.addStretch(1)
        outer.addLayout(row)
        self.message = FieldMessage(self)
        outer.addWidget(self.message)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(lambda _t: self._check(final=False))
        self.line.editingFinished.connect(lambda: self._check(final=True))

    # -- value --------------------------------------------------------------------------------
    def text(self) -> str:
        return normalize_pesel(self.line.text())

    def set_text(self, text: str | None) -> None:
        """A stored number: checked, but a valid one needs no green confirmation."""
        self.line.setText(text or "")
        self._check(final=True)
        if self.message.kind == "ok":
            self.message.clear_message()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt naming)
        self.line.setReadOnly(read_only)

    # -- checking -----------------------------------------------------------------------------
    def _check(self, final: bool) -> None:
        text = self.text()
        info: PeselInfo | None = None
        code: str | None = None
        suggestion: str | None = None
        if not text or "•" in text:
            self.message.clear_message()
        else:
            try:
                info = parse_pesel(text)
            except PeselError as exc:
                still_typing = text.isdigit() and len(text) < 11 and not final
                if not still_typing:
                    code, suggestion = exc.code, exc.suggestion
        self._suggestion = suggestion
        self.line.setStyleSheet(
            f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; }}" if code is not None else ""
        )
        if code is not None:
            error = ValidationError(code, value=text, suggestion=suggestion)
            self.message.show_error(describe(error))
        elif info is not None:
            sex = self.tr("kobieta") if info.sex.value == "K" else self.tr("mężczyzna")
            self.message.show_ok(
                self.tr("PESEL poprawny: urodzenie {date}, płeć: {sex}").format(
                    date=fmt_date(info.birth_date), sex=sex
                )
            )
        elif text and text.isdigit():
            self.message.show_info(self.tr("{n} z 11 cyfr").format(n=len(text)))
        if suggestion:
            self.fix.setText(self.tr("Popraw na {pesel}").format(pesel=suggestion))
        self.fix.setVisible(bool(suggestion))
        changed = (info is None) != (self.info is None) or (
            info is not None and self.info is not None and info.pesel != self.info.pesel
        )
        self.info, self.error_code = info, code
        if changed:
            self.parsed.emit(info)

    def _apply_suggestion(self) -> None:
        if self._suggestion:
            self.line.setText(self._suggestion)
            self.line.setFocus()
