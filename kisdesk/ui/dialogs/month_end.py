"""Koniec miesiąca…: the month's papers of a group or of the office in one go
(docs/domain.md#month-end).

A small dialog asks the month (the month just ended), the group ("wszystkie grupy" or one)
and which documents (all ticked); Enter starts one background job with a progress bar naming
the document being made (kisdesk.reports.pdf.month_end). The PDFs are kept in the office's
documents folder under readable names; the result says what was made, what was skipped and
why, and offers "Drukuj wszystko" (Enter) and "Otwórz folder". Three keys from the action:
the shortcut, Enter, Enter.

For the pages (one line each):

    open_month_end(self, self.ops, group_id)     # journal, dashboard, Plik menu
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kisdesk.reports.pdf.month_end import MonthEndResult, make_month_end
from kisdesk.services.groups import list_groups
from kisdesk.services.month_end import KIND_LABELS, KINDS, default_month, plan_month_end
from kisdesk.services.office import get_office
from kisdesk.ui import files, printing
from kisdesk.ui.ops import Ops, Progress
from kisdesk.ui.widgets.attendance_month_picker import MonthPicker, shift_month

ALL_GROUPS = "all"


def _tr(text: str) -> str:
    return QCoreApplication.translate("month_end", text)


class MonthEndDialog(QDialog):
    """Month, group, documents; "Utwórz dokumenty" is the default button (Enter)."""

    def __init__(
        self,
        parent: QWidget | None,
        groups: list[tuple[int, str]],
        month: tuple[int, int],
        group_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("monthEndDialog")
        self.setWindowTitle(_tr("Koniec miesiąca"))
        form = QFormLayout()
        self.month = MonthPicker(self)
        self.month.set_month(*month, emit=False)
        form.addRow(_tr("Miesiąc"), self.month)
        # PgUp / PgDn move the month from wherever the focus is (the picker's own Alt+arrows
        # belong to its buttons).
        for keys, delta in (("PgUp", -1), ("PgDown", 1)):
            QShortcut(QKeySequence(keys), self, lambda d=delta: self._shift(d))
        self.group = QComboBox(self)
        self.group.addItem(_tr("wszystkie grupy"), ALL_GROUPS)
        for gid, name in groups:
            self.group.addItem(name, gid)
        if group_id is not None and self.group.findData(group_id) >= 0:
            self.group.setCurrentIndex(self.group.findData(group_id))
        elif len(groups) == 1:
            self.group.setCurrentIndex(1)
        form.addRow(_tr("Grupa"), self.group)
        self.kinds: dict[str, QCheckBox] = {}
        box = QVBoxLayout()
        for kind in KINDS:
            check = QCheckBox(KIND_LABELS[kind], self)
            check.setChecked(True)
            self.kinds[kind] = check
            box.addWidget(check)
        form.addRow(_tr("Dokumenty"), box)
        note = QLabel(
            _tr(
                "Każdy dokument w osobnym pliku PDF, w folderze dokumentów placówki. "
                "PgUp / PgDn zmienia miesiąc."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.start = QPushButton(_tr("Utwórz dokumenty"), self)
        self.start.setDefault(True)
        self.start.setToolTip(_tr("Enter"))
        buttons.addButton(self.start, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_tr("Anuluj"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b3261e")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.start.setFocus()

    def _shift(self, delta: int) -> None:
        self.month.set_month(*shift_month(self.month.year, self.month.month, delta))

    def chosen(self) -> tuple[int, int, int | None, list[str]]:
        data = self.group.currentData()
        group_id = data if isinstance(data, int) else None
        kinds = [k for k, check in self.kinds.items() if check.isChecked()]
        return self.month.year, self.month.month, group_id, kinds

    def _accept(self) -> None:
        if not self.chosen()[3]:
            self.message.setText(_tr("Zaznacz co najmniej jeden dokument."))
            self.message.show()
            return
        self.accept()


class MonthEndDone(QDialog):
    """What was made (and where), skipped and why, failed and why; print all or open the
    folder."""

    def __init__(self, parent: QWidget | None, result: MonthEndResult) -> None:
        super().__init__(parent)
        self.setObjectName("monthEndDone")
        self.result_ = result
        self.printed = False
        plan = result.plan
        self.setWindowTitle(_tr("Koniec miesiąca – {m}").format(m=plan.month_label))
        lines = [
            _tr("Utworzono dokumentów: {n}, w folderze:\n{folder}").format(
                n=len(result.made), folder=result.folder
            )
            if plan.steps
            else _tr("Nie ma czego drukować – nie utworzono żadnego dokumentu.")
        ]
        lines += [f"• {m.label} – {m.path.name}" for m in result.made]
        for k in plan.skipped:
            lines.append(
                _tr("Pominięto: {doc} – {why}.").format(
                    doc=f"{KIND_LABELS[k.kind]} – {k.group}", why=k.reason
                )
            )
        lines += list(plan.notes)
        if result.stopped:
            lines.append(
                _tr("Przerwano – nie utworzono: {docs}.").format(docs="; ".join(result.stopped))
            )
        for f in result.failed:
            lines.append(_tr("NIE UTWORZONO: {doc} – {why}").format(doc=f.label, why=f.reason))
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(_tr("&Drukuj wszystko"), self)
        self.print_button.setToolTip(_tr("Wszystkie utworzone dokumenty na jedną drukarkę (Enter)"))
        self.folder_button = QPushButton(_tr("&Otwórz folder"), self)
        close = QPushButton(_tr("Zamknij"), self)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setEnabled(bool(result.made))
        self.folder_button.setEnabled(result.folder.is_dir())  # not made when nothing was
        self.print_button.setDefault(bool(result.made))
        self.print_button.clicked.connect(self.print_all)
        self.folder_button.clicked.connect(self.open_folder)
        close.clicked.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 48)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        (self.print_button if result.made else close).setFocus()

    def paths(self) -> list[Path]:
        return [m.path for m in self.result_.made]

    def print_all(self) -> None:
        """One printer dialog for every document made (kisdesk.ui.printing); a failed or
        cancelled print leaves the choices open (the PDFs stay in the folder)."""
        if printing.print_pdfs(self, self.paths(), self.windowTitle()):
            self.printed = True
            self.accept()

    def open_folder(self) -> None:
        files.open_in_viewer(self.result_.folder)


def open_month_end(
    parent: QWidget | None,
    ops: Ops,
    group_id: Any = None,
    today: dt.date | None = None,
) -> MonthEndDialog:
    """Ask, then make the month's papers off the GUI thread. Returns the (open) dialog."""
    groups, month = ops.read(
        lambda s: (
            [(g.id, g.name) for g in list_groups(s)],
            default_month(s, today),
        )
    )
    chosen = group_id if isinstance(group_id, int) and not isinstance(group_id, bool) else None
    dialog = MonthEndDialog(parent, groups, month, chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def start() -> None:
        year, month_, gid, kinds = dialog.chosen()
        run_month_end(parent, ops, year, month_, gid, kinds)

    dialog.accepted.connect(start)
    dialog.open()
    return dialog


def run_month_end(
    parent: QWidget | None,
    ops: Ops,
    year: int,
    month: int,
    group_id: int | None,
    kinds: list[str],
) -> None:
    """One background job for every document, with a progress bar naming each."""

    root = files.documents_folder()  # the setting is read here, on the GUI thread

    def job(session: Session, progress: Progress) -> MonthEndResult:
        progress(0, 0, _tr("Zbieranie danych…"))
        plan = plan_month_end(session, year, month, group_id, kinds)
        folder = files.month_folder(root, get_office(session).name, year, month)
        return make_month_end(session, plan, folder, progress=progress)

    def done(result: MonthEndResult) -> None:
        summary = MonthEndDone(parent, result)
        summary.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        summary.open()

    ops.run_background(
        parent,
        job,
        title=_tr("Koniec miesiąca – tworzenie dokumentów…"),
        on_success=done,
        write=False,
    )
