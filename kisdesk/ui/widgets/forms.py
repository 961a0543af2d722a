"""Form helpers: page headings, and a problem shown at the field it concerns.

Services raise a KisdeskError with a code (never a sentence); `FormErrors` maps codes to the
fields they concern, shows the Polish sentence (kisdesk.messages.describe) in red under that
field, marks the field and puts the cursor there:

    errors = FormErrors()
    form.addRow(self.tr("NIP"), errors.add("nip", self.nip))
    ...
    ops.run(self, fn, on_error=lambda e: errors.show_error(e, {"office.bad_nip": "nip"}))

An error whose code maps to no field is shown in a message box (`ops.show_error`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kisdesk.errors import KisdeskError
from kisdesk.messages import describe

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kisdesk.ui.ops import Ops

ERROR_COLOUR = "#b3261e"


def page_heading(text: str) -> QLabel:
    """A page's title: the system font, larger and bold (so it grows with the user's font)."""
    label = QLabel(text)
    label.setObjectName("pageHeading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.45)
    font.setBold(True)
    label.setFont(font)
    return label


def form_keys_text(keeps_open: bool) -> str:
    """The tooltip of a form's Save button: the one keyboard rule of every form (F1 help,
    "Skróty klawiszowe"), said the way this form behaves after Ctrl+S."""
    t = QCoreApplication.translate
    if keeps_open:
        return t(
            "forms",
            "Ctrl+S zapisuje (okno zostaje otwarte), Ctrl+Enter zapisuje i zamyka, Esc anuluje",
        )
    return t("forms", "Ctrl+S lub Ctrl+Enter zapisuje i zamyka, Esc anuluje")


def install_form_keys(
    dialog: QDialog,
    save: Callable[[], object],
    save_and_close: Callable[[], object] | None = None,
    button: QAbstractButton | None = None,
) -> None:
    """One rule for every form: Ctrl+S saves, Ctrl+Enter saves and closes, Esc cancels
    (QDialog's own Esc → reject). Without `save_and_close` the form closes when saved, so
    Ctrl+S and Ctrl+Enter do the same. `button` (the Save button) gets the rule as tooltip."""
    closing = save_and_close or save
    QShortcut(QKeySequence.StandardKey.Save, dialog, save)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, closing)
    if button is not None:
        button.setToolTip(form_keys_text(keeps_open=save_and_close is not None))


def save_cancel_buttons(
    dialog: QDialog, save: Callable[[], object], save_text: str, cancel_text: str
) -> QDialogButtonBox:
    """The Save / Cancel row of a form dialog, in the dialog's words: Save is the default
    (Enter) and runs `save`, which closes the dialog itself when all went well; Cancel or
    Esc closes it without saving; Ctrl+S and Ctrl+Enter save too (`install_form_keys`)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    install_form_keys(dialog, save, button=buttons.button(QDialogButtonBox.StandardButton.Save))
    return buttons


def note_label(text: str = "") -> QLabel:
    """A grey explanatory line under a field or section."""
    label = QLabel(text)
    label.setObjectName("note")
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6b76;")
    return label


class FormErrors:
    """Error labels under form fields, by field name."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add(self, name: str, widget: QWidget) -> QWidget:
        """A container with `widget` and its (hidden) error line, to put in a form layout."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{name}")
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {ERROR_COLOUR};")
        label.setVisible(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        self._fields[name] = (widget, label)
        box.setFocusProxy(widget)
        return box

    def widget(self, name: str) -> QWidget | None:
        entry = self._fields.get(name)
        return entry[0] if entry else None

    def message(self, name: str) -> str:
        entry = self._fields.get(name)
        return entry[1].text() if entry and not entry[1].isHidden() else ""

    def show(self, name: str, message: str) -> bool:
        """Show `message` at field `name`; False when there is no such field."""
        entry = self._fields.get(name)
        if entry is None:
            return False
        widget, label = entry
        label.setText(message)
        label.setVisible(True)
        if hasattr(widget, "set_error"):
            widget.set_error(message)
        else:
            widget.setProperty("invalid", True)
            widget.setStyleSheet(f"border: 2px solid {ERROR_COLOUR};")
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        # The error line takes room: a dialog sized to its fields grows so nothing overlaps.
        window = widget.window()
        if window is not widget and window.layout() is not None:
            window.layout().activate()
            needed = window.sizeHint().height()
            if window.height() < needed:
                window.resize(window.width(), needed)
        return True

    def show_error(self, error: KisdeskError, fields: Mapping[str, str]) -> bool:
        """Show a service error at the field its code (or its `field` param) names."""
        name = fields.get(error.code) or str(error.params.get("field") or "")
        return self.show(name, describe(error)) if name else False

    def report(
        self, parent: QWidget | None, error: KisdeskError, fields: Mapping[str, str]
    ) -> None:
        """At its field when it has one, else in a message box (the op runner's default)."""
        if not self.show_error(error, fields):
            from kisdesk.ui.ops import show_error

            show_error(parent, error)

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.setVisible(False)
            if hasattr(widget, "set_error"):
                widget.set_error(None)
            elif widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.setStyleSheet("")


class FormDialog(QDialog):
    """A dialog that is one form: labelled fields with their error lines, a grey note, and
    the Save / Cancel row. A subclass builds its fields, adds them with `add_row()`, calls
    `finish()`, and its `save()` hands the service call to `submit()`:

        self.add_row(self.tr("&Nazwa:"), "name", self.name)
        self.finish(self.tr("A note under the form."), min_width=460)
        ...
        def save(self) -> None:
            self.errors.clear()
            self.submit(lambda s: groups.add_group(s, …), FIELDS)

    `saved_id` holds the saved record's id after a successful save (the dialog is then
    accepted); a refused save shows the problem at its field and keeps the dialog open.
    """

    def __init__(
        self,
        ops: Ops,
        title: str,
        saved_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.saved_id = saved_id
        self.setWindowTitle(title)
        self.errors = FormErrors()
        self.form = QFormLayout()

    def add_row(self, label: str, name: str, widget: QWidget) -> None:
        """A labelled field whose service errors (by field name) show under it."""
        self.form.addRow(label, self.errors.add(name, widget))

    def finish(
        self, note: str = "", min_width: int = 0, save_text: str | None = None
    ) -> QDialogButtonBox:
        """Lay the form out with its note and the Save / Cancel row."""
        self.buttons = save_cancel_buttons(
            self, self.save, save_text or self.tr("Zapisz"), self.tr("Anuluj")
        )
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        if note:
            layout.addWidget(note_label(note))
        layout.addWidget(self.buttons)
        if min_width:
            self.resize(max(self.sizeHint().width(), min_width), self.sizeHint().height())
        return self.buttons

    def save(self) -> None:
        raise NotImplementedError

    def submit(self, work: Callable[[Session], int], fields: Mapping[str, str]) -> bool:
        """Run `work` through the op runner; on success keep its id and close the dialog."""
        result = self.ops.run(
            self, work, on_error=lambda error: self.errors.report(self, error, fields)
        )
        if not result:
            return False
        self.saved_id = result.value
        self.accept()
        return True
