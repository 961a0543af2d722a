"""Dziennik zdarzeń: the audit log for the leader, newest first, and a check of its chain.

Who signed in (and who failed), who looked at health categories or counselling notes, what
was printed or exported and how many records, which fields of which record were changed
(never the values), settings and role changes, backups and restores (issue 6). "Sprawdź
dziennik" walks the hash chain and names the first entry that was altered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.messages.security import EVENT_LABELS, describe_entry, describe_finding
from kisdesk.services import audit
from kisdesk.services.audit import AuditRow
from kisdesk.ui import signals
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.table_models.base import RIGHT, Column, RowTableModel
from kisdesk.ui.widgets.forms import note_label, page_heading
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table

PAGE_SIZE = 500
WARN = QColor("#9b1c1c")
ATTENTION_EVENTS = frozenset({"login_failed", "access_denied", "anonymise", "restore"})


def local_time(value: dt.datetime) -> str:
    """UTC from the database shown in the computer's time zone, as Polish users write it."""
    return value.replace(tzinfo=dt.UTC).astimezone().strftime("%d.%m.%Y %H:%M:%S")


class AuditModel(RowTableModel[AuditRow]):
    def __init__(self, parent: Any = None) -> None:
        t = self.tr
        super().__init__(
            (
                Column(t("Nr"), lambda r: r.id, align=RIGHT),
                Column(t("Kiedy"), lambda r: local_time(r.at), sort=lambda r: r.id),
                Column(t("Kto"), lambda r: r.user_name or "—"),
                Column(
                    t("Zdarzenie"),
                    lambda r: EVENT_LABELS.get(r.event, r.event),
                    foreground=lambda r: WARN if r.event in ATTENTION_EVENTS else None,
                ),
                Column(t("Uczestnik nr"), lambda r: r.participant_id, align=RIGHT),
                Column(
                    t("Szczegóły"),
                    lambda r: describe_entry(
                        r.event, r.record_type, r.record_id, r.details, with_event=False
                    ),
                ),
            ),
            parent,
        )


class AuditPage(Page):
    name = "audit"
    listens = frozenset(signals.EVERYTHING)

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.model = AuditModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="audit_list", parent=self)
        self.event = QComboBox()
        self.event.addItem(self.tr("Wszystkie zdarzenia"), None)
        for key, label in EVENT_LABELS.items():
            self.event.addItem(label, key)
        self.event.currentIndexChanged.connect(lambda _i: self.refresh())
        self.participant = QLineEdit()
        self.participant.setPlaceholderText(self.tr("nr uczestnika"))
        self.participant.setMaximumWidth(140)
        self.participant.editingFinished.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("Sprawdź dziennik"))
        self.verify_button.setToolTip(
            self.tr("Sprawdza łańcuch skrótów: czy żaden wpis nie został zmieniony ani usunięty")
        )
        self.verify_button.clicked.connect(self.verify)
        self.more_button = QPushButton(self.tr("Wczytaj starsze"))
        self.more_button.clicked.connect(self.load_more)
        self.status = QLabel()
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(page_heading(self.title()))
        top.addStretch(1)
        top.addWidget(self.event)
        top.addWidget(self.participant)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(
            note_label(
                self.tr(
                    "Dziennik zapisuje, kto i kiedy zalogował się, oglądał dane wrażliwe, "
                    "drukował, eksportował lub zmieniał dane – bez samych wartości. Wpisów nie "
                    "można zmienić ani usunąć; czas podano według zegara tego komputera."
                )
            ),
            1,
        )
        bottom.addWidget(self.more_button)
        layout.addLayout(bottom)

    def title(self) -> str:
        return self.tr("Dziennik zdarzeń")

    def _filters(self) -> dict[str, Any]:
        text = self.participant.text().strip()
        return {
            "event_name": self.event.currentData(),
            "participant_id": int(text) if text.isdigit() else None,
        }

    def refresh(self) -> None:
        if not self.ops.db.actor.can(Permission.VIEW_AUDIT):
            self.model.set_rows([])
            self.status.setText(self.tr("Dziennik zdarzeń jest dostępny tylko dla kierownika."))
            self.verify_button.setEnabled(False)
            self.more_button.setEnabled(False)
            return
        filters = self._filters()
        rows = self.ops.read(lambda s: audit.list_entries(s, limit=PAGE_SIZE, **filters))
        self.model.set_rows(rows)
        self.more_button.setEnabled(len(rows) == PAGE_SIZE)
        fit_columns(self.table)

    def load_more(self) -> None:
        rows = self.model.rows()
        if not rows:
            return
        oldest = min(r.id for r in rows)
        filters = self._filters()
        more = self.ops.read(
            lambda s: audit.list_entries(s, limit=PAGE_SIZE, before_id=oldest, **filters)
        )
        self.model.set_rows(rows + more)
        self.more_button.setEnabled(len(more) == PAGE_SIZE)

    def verify(self) -> None:
        check = self.ops.read(audit.verify)
        if check.ok and check.findings:  # the chain is whole, the file around it is not
            self.status.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.status.setText(
                "\n".join(
                    [self.tr("Łańcuch wpisów jest cały, ale plik bazy się z nim nie zgadza:")]
                    + ["– " + describe_finding(f.code, f.params) for f in check.findings]
                )
            )
        elif check.ok:
            self.status.setStyleSheet("color: #1e6b30;")
            self.status.setText(
                self.tr("Dziennik jest nienaruszony: sprawdzono {n} wpisów.").format(
                    n=check.checked
                )
            )
        else:
            self.status.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.status.setText(
                self.tr(
                    "Dziennik został naruszony: wpis nr {id} nie zgadza się z łańcuchem skrótów. "
                    "Zgłoś to inspektorowi ochrony danych."
                ).format(id=check.broken_id)
            )
