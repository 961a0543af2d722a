"""Closing the participant form: unsaved changes are offered to be saved, Enter saves a new
person's form or moves on to the next field of a card, and the form stops listening to
changes when it closes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QPushButton

if TYPE_CHECKING:
    from kisdesk.ui.dialogs.participant_form import ParticipantDialog


class ClosingGuard:
    """The participant form's closing: placed before QDialog among its bases, so `reject`,
    `done` and `keyPressEvent` here come first and hand on to QDialog's."""

    def ask_unsaved(self: ParticipantDialog) -> str:
        """'save', 'discard' or 'cancel' (tests replace this instead of clicking a box)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Niezapisane zmiany"),
            self.tr("Karta ma niezapisane zmiany. Zapisać je?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Zapisz"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Nie zapisuj"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Wróć do karty"))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def reject(self: ParticipantDialog) -> None:
        if self.dirty and self.may_edit:
            answer = self.ask_unsaved()
            if answer == "cancel":
                return
            if answer == "save":
                self.save(close=True)
                return
        super().reject()

    def keyPressEvent(self: ParticipantDialog, event: Any) -> None:  # noqa: N802 (Qt override)
        # Enter on a new person's form saves it, as the default button of any form (a refused
        # save keeps the form open at the field to fix); on a card being edited Enter in a
        # one-line field moves on to the next field. Ctrl+Enter saves and closes (a shortcut,
        # install_form_keys); a focused button is pressed.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save(close=True)
            elif isinstance(focused, QPushButton):
                focused.click()
            elif self.participant_id is None and not isinstance(focused, QPlainTextEdit):
                self.save(close=True)
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def done(self: ParticipantDialog, result: int) -> None:
        if self._listening:
            self._listening = False
            self.ops.signals.data_changed.disconnect(self._on_data_changed)
        super().done(result)
