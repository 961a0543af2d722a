"""A line that completes what is typed from the texts already used, as a spreadsheet does
(a class's topic), or from a list of likely ones (a new person's first name).

Typing "Pod" where "Podsumowanie miesiąca" was used before shows the whole topic with the
rest selected: typing on replaces the suggestion letter by letter, Delete or Backspace takes
it away, ← or Home too (back into the letters typed), and Tab, Enter or ↓ keep it
(docs/domain.md#journal-series). Only letters typed are completed, not a text pasted. The arrows keep their
meaning (a list of terms moves with ↓ while a topic is typed in it), unlike QCompleter's inline
mode, which turns ↑/↓ into cycling through suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget


def completion(typed: str, candidates: Sequence[str]) -> str | None:
    """The first candidate (in their order: the most recent topic, the most frequent name
    first) that the typed text begins, ignoring case; None when there is none, or when the
    typed text is itself one of the candidates, wherever it stands: a known text typed to its
    end is not lengthened ("Karol" stays Karol though "Karolina" is offered before it, and
    "Zajęcia" stays so though "Zajęcia z komputera" was used more recently), or Tab would
    silently save another name or topic than the one typed."""
    if not typed.strip():
        return None
    folded = typed.casefold()
    found: str | None = None
    for candidate in candidates:
        known = candidate.casefold()
        if known == folded:
            return None
        if found is None and known.startswith(folded):
            found = candidate
    return found


class CompletingLineEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, candidates: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.candidates: Sequence[str] = candidates
        self._typing = False
        self.textEdited.connect(self._complete)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Only a letter typed is completed: Backspace/Delete shorten the text, and a text
        # pasted (Ctrl+V, Shift+Insert) is taken whole as it came, not lengthened.
        text, modifiers = event.text(), event.modifiers()
        # Ctrl with Alt is AltGr on Windows (ą, ę, ł…); Ctrl alone is a shortcut
        shortcut = modifiers & Qt.KeyboardModifier.ControlModifier and not (
            modifiers & Qt.KeyboardModifier.AltModifier
        )
        self._typing = (
            bool(text)
            and text.isprintable()
            and not shortcut
            and not event.matches(QKeySequence.StandardKey.Paste)
        )
        plain = not modifiers & Qt.KeyboardModifier.ShiftModifier
        if plain and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Home) and self._offering():
            # back into the letters typed: the offer is withdrawn, so mending a typo there
            # does not keep the rest of a topic the user no longer types
            self.del_()
        try:
            super().keyPressEvent(event)
        finally:
            self._typing = False

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt override)
        # a letter composed by an input method (a dead key, ą from AltGr) is a letter typed
        self._typing = bool(event.commitString()) and not event.preeditString()
        try:
            super().inputMethodEvent(event)
        finally:
            self._typing = False

    def _offering(self) -> bool:
        """A suggestion is on screen: the text's end, selected, after the cursor."""
        return (
            self.hasSelectedText()
            and self.selectionEnd() == len(self.text())
            and self.cursorPosition() == self.selectionStart()
        )

    def _complete(self, text: str) -> None:
        if not self._typing or self.cursorPosition() != len(text):
            return
        found = completion(text, self.candidates)
        if found is None:
            return
        # the letters typed stay as typed (no silent change of case); the suggestion's rest
        # is selected, so the next letter typed replaces it
        whole = text + found[len(text) :]
        self.setText(whole)
        self.setSelection(len(whole), len(text) - len(whole))


class CompletingDelegate(QStyledItemDelegate):
    """Edits a text column of a table with a CompletingLineEdit over `candidates`."""

    def __init__(self, candidates: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = candidates

    def createEditor(  # noqa: N802 (Qt override)
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = CompletingLineEdit(parent, self.candidates)
        editor.setFrame(False)
        return editor

    def setModelData(  # noqa: N802 (Qt override)
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
