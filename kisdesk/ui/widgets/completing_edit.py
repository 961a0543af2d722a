"""A line that completes what is typed from the texts already used, as a spreadsheet does
(a class's topic), or from a list of likely ones (a new person's first name).

Typing "Pod" where "Podsumowanie miesiąca" was used before shows the whole topic with the
rest selected: typing on replaces the suggestion letter by letter, Delete or Backspace takes
it away, and Tab, Enter or ↓ keep it (docs/domain.md#journal-series). The arrows keep their
meaning (a list of terms moves with ↓ while a topic is typed in it), unlike QCompleter's inline
mode, which turns ↑/↓ into cycling through suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget


def completion(typed: str, candidates: Sequence[str]) -> str | None:
    """The first candidate (in their order: the most recent topic, the most frequent name
    first) that the typed text begins, ignoring case; None when there is none, or when that
    first one is the typed text itself (a known text is not lengthened: "Jan" stays Jan
    though "Janusz" is known too, as it comes after it)."""
    if not typed.strip():
        return None
    folded = typed.casefold()
    for candidate in candidates:
        if candidate.casefold().startswith(folded):
            return candidate if len(candidate) > len(typed) else None
    return None


class CompletingLineEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, candidates: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.candidates: Sequence[str] = candidates
        self._erasing = False
        self.textEdited.connect(self._complete)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # after Backspace/Delete the suggestion stays away: the user is shortening the text
        self._erasing = event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
        super().keyPressEvent(event)

    def _complete(self, text: str) -> None:
        if self._erasing or self.cursorPosition() != len(text):
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
