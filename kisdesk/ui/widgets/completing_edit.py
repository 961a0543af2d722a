"""A line that completes what is typed from the texts already used, as a spreadsheet does
(a class's topic), or from a list of likely ones (a new person's first name).

Typing "Pod" where "Podsumowanie miesiąca" was used before shows the whole topic with the
rest selected: typing on replaces the suggestion letter by letter, Delete or Backspace takes
it away, ←, Home, a click (back into the letters typed) or Ctrl+Z too, and Tab, Enter or ↓ keep it
(docs/domain.md#journal-series), spelt as it is known ("pod" typed: Podsumowanie). Only
letters typed are completed, not a text pasted, and a known text typed to its end is not
lengthened. The arrows keep their meaning (a list of terms moves with ↓ while a topic is
typed in it), unlike QCompleter's inline mode, which turns ↑/↓ into cycling through
suggestions.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent, QKeySequence, QMouseEvent
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


_TAKING_KEYS = frozenset(
    {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
    | {Qt.Key.Key_Up, Qt.Key.Key_Down}
)


def _shortcut(event: QKeyEvent) -> bool:
    """Ctrl or Alt with a key, but not both: Ctrl with Alt is AltGr on Windows (ą, ę, ł…)."""
    modifiers = event.modifiers()
    ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    return ctrl != alt


class CompletingLineEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, candidates: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.candidates: Sequence[str] = candidates
        self._typing = False
        self._offer: str | None = None  # the known text whose rest is on screen

    def event(self, event: QEvent) -> bool:
        # Enter, Tab, ↑/↓ and the dialog's shortcuts (Ctrl+Enter, Ctrl+S, Alt+letter) take
        # the offer: seen here before the dialog or the list acts on them
        if isinstance(event, QKeyEvent) and (
            (event.type() == QEvent.Type.KeyPress and event.key() in _TAKING_KEYS)
            or (event.type() == QEvent.Type.ShortcutOverride and _shortcut(event))
        ):
            self.take_offer()
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        # a click elsewhere takes the offer too; a menu or another window only looks away
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.ActiveWindowFocusReason,
        ):
            self.take_offer()
        super().focusOutEvent(event)

    def take_offer(self) -> None:
        """The offer on screen taken: the known text spelt as it is known ("kat" typed in a
        hurry, then Tab: Katarzyna, not "katarzyna" on every document)."""
        offer = self._offer
        text = self.text()
        respelt = offer is not None and text != offer and text.casefold() == offer.casefold()
        if offer is not None and respelt and self._offering():
            self.setText(offer)
        self._offer = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Only a letter typed is completed: Backspace/Delete shorten the text, and a text
        # pasted (Ctrl+V, Shift+Insert) is taken whole as it came, not lengthened.
        text, modifiers = event.text(), event.modifiers()
        self._typing = (
            bool(text)
            and text.isprintable()
            and not _shortcut(event)
            and not event.matches(QKeySequence.StandardKey.Paste)
        )
        plain = not modifiers & Qt.KeyboardModifier.ShiftModifier
        if plain and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Home) and self._offering():
            # back into the letters typed: the offer is withdrawn, so mending a typo there
            # does not keep the rest of a topic the user no longer types
            self.del_()
        before = self.text()
        try:
            super().keyPressEvent(event)
            if self._typing and self.text() != before:
                self._complete(self.text())
        finally:
            self._typing = False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        # a click into the line while an offer is shown means editing what was typed, as ←
        # does: the offer goes, or its rest would stay in the text unselected
        if event.button() == Qt.MouseButton.LeftButton and self._offering():
            self.del_()
        super().mousePressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt override)
        # a letter composed by an input method (a dead key, ą from AltGr) is a letter typed
        self._typing = bool(event.commitString()) and not event.preeditString()
        before = self.text()
        try:
            super().inputMethodEvent(event)
            if self._typing and self.text() != before:
                self._complete(self.text())
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
        """After a letter typed (the key handled whole, so the suggestion is an edit of its
        own in the undo history, not one made inside the typed letter's)."""
        if self.cursorPosition() != len(text):
            return
        found = self._offer = completion(text, self.candidates)
        if found is None:
            return
        # the letters typed stay as typed while typing goes on (no silent change of case:
        # "pola" is not a "Pola"); the suggestion's rest is selected, so the next letter typed
        # replaces it, and the known spelling comes with the offer taken (take_offer)
        rest = found[len(text) :]
        # Put in by insert, not setText (which empties the undo history), after a cursor
        # step (Qt's line edit closes an undo step on a cursor move): Ctrl+Z takes back the
        # suggestion and leaves the letters typed.
        self._typing = False
        self.setCursorPosition(0)
        self.setCursorPosition(len(text))
        self.insert(rest)
        self.setSelection(len(text) + len(rest), -len(rest))


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
        if isinstance(editor, CompletingLineEdit):
            editor.take_offer()  # Tab or Enter in the list: seen by the delegate first
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
