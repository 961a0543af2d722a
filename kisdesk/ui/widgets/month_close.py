"""Closing and reopening a month (docs/benefit.md, "Closing a month"), for a KIS and a CIS:
two buttons the journal and the "Świadczenia" page share. Only the leader sees them enabled;
reopening asks for the reason the audit log keeps."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QMessageBox, QPushButton, QWidget

from kisdesk.access import Permission
from kisdesk.messages.core import month_name, month_name_genitive
from kisdesk.services import months
from kisdesk.ui.ops import Ops


class MonthCloseButtons(QWidget):
    def __init__(
        self, ops: Ops, month: Callable[[], tuple[int, int]], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ops, self.month = ops, month
        actor = ops.db.actor
        self.leader = actor.can(Permission.MANAGE_OFFICE) if actor is not None else True
        self.closed = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.close_button = QPushButton(self.tr("Zamknij miesiąc"), self)
        self.close_button.setToolTip(
            self.tr(
                "Po zamknięciu dziennik, obecności, nieobecności, świadczenia i premie miesiąca "
                "są tylko do odczytu (kierownik)"
            )
        )
        self.reopen_button = QPushButton(self.tr("Otwórz ponownie…"), self)
        self.reopen_button.setToolTip(
            self.tr("Korekta zamkniętego miesiąca: kierownik podaje powód (dziennik zdarzeń)")
        )
        layout.addWidget(self.close_button)
        layout.addWidget(self.reopen_button)
        self.close_button.clicked.connect(lambda: self.close_month())
        self.reopen_button.clicked.connect(lambda: self.reopen_month())

    def set_closed(self, closed: bool, usable: bool = True) -> None:
        self.closed = closed
        self.close_button.setEnabled(usable and self.leader and not closed)
        self.reopen_button.setEnabled(self.leader and closed)

    def close_month(self, confirm: bool = True) -> None:
        year, month = self.month()
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Zamknięcie miesiąca"),
                self.tr(
                    "Zamknąć miesiąc {month}? Jego dziennik, obecności, nieobecności, świadczenia "
                    "i premie będą tylko do odczytu, dopóki kierownik nie otworzy go ponownie z "
                    "podaniem powodu."
                ).format(month=month_name(year, month)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ops.run(self, lambda s: months.close_month(s, year, month))

    def reopen_month(self, reason: str | None = None) -> None:
        year, month = self.month()
        if not reason:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Ponowne otwarcie miesiąca"),
                self.tr(
                    "Powód ponownego otwarcia {month} (np. korekta zwolnienia lekarskiego):"
                ).format(month=f"{month_name_genitive(month)} {year}"),
            )
            if not ok:
                return
        self.ops.run(
            self,
            lambda s: months.reopen_month(s, year, month, reason or ""),
        )
