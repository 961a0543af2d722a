"""The "Do wydania" tab: certificates due (docs/domain.md#certificates: a KIS certificate of ending is issued
without delay, art. 18 ust. 5a; §4.3 graduates), one at a time or all in one PDF."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from kisdesk.errors import ValidationError
from kisdesk.messages import describe
from kisdesk.services.documents_due import BulkResult, certificates_due, issue_due
from kisdesk.services.office import office_kind
from kisdesk.services.settings import get_setting
from kisdesk.ui import files, state
from kisdesk.ui.dialogs.certificate import CertificateDialog
from kisdesk.ui.ops import Ops, Progress
from kisdesk.ui.pages.documents_common import confirm, issue_refusal, row
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.table_models.documents import DueModel
from kisdesk.ui.widgets.forms import note_label
from kisdesk.ui.widgets.participant_fields import FieldMessage, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date, plural
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row

SINCE_KEY = "documents/due_since"


class DueTab(QWidget):
    def __init__(self, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self._generation = 0  # readings asked for (refresh reads off the GUI thread)
        self.dialog: CertificateDialog | None = None
        self.last_result: BulkResult | None = None
        self.cis = False
        layout = QVBoxLayout(self)
        self.intro = note_label()
        layout.addWidget(self.intro)

        self.issue_date = OptionalDateEdit(self, optional=False, today_button=True)
        self.issue_date.setToolTip(self.tr("Data wpisywana na zaświadczeniach"))
        self.since = OptionalDateEdit(self)
        self.since.setToolTip(
            self.tr(
                "Okresy zakończone przed tą datą nie są pokazywane – np. gdy zaświadczenia "
                "z czasów przed programem wydano na papierze."
            )
        )
        remembered = state.value(SINCE_KEY)
        if isinstance(remembered, str) and remembered:
            with contextlib.suppress(ValueError):
                self.since.set_date(dt.date.fromisoformat(remembered))
        layout.addLayout(
            row(
                self.tr("Data wydania:"),
                self.issue_date,
                self.tr("   Pomiń zakończone przed:"),
                self.since,
            )
        )

        self.model = DueModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="documents_due", parent=self)
        self.table.doubleClicked.connect(lambda _i: self.issue_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.issue_selected)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("Wszystkie należne zaświadczenia są wystawione."), self)
        self.empty.setStyleSheet("color: #1d5e24;")
        layout.addWidget(self.empty)

        self.issue_button = QPushButton(self.tr("Wystaw zaznaczone…"), self)
        self.issue_button.setProperty("hint", self.tr("Enter albo dwukrotne kliknięcie na liście"))
        self.issue_button.setToolTip(self.issue_button.property("hint"))
        self.issue_button.clicked.connect(self.issue_selected)
        self.all_button = QPushButton(self.tr("Wystaw wszystkie"), self)
        self.all_button.clicked.connect(self.issue_all)
        self.count = QLabel(self)
        buttons = row(self.issue_button, self.all_button, stretch=True)
        buttons.addWidget(self.count)
        layout.addLayout(buttons)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)

        self.refusal = issue_refusal(ops.db.actor)
        if self.refusal:
            self.message.show_info(self.refusal)
        self.issue_date.date_changed.connect(lambda _d: self.refresh())
        self.since.date_changed.connect(self._since_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

    # -- data ---------------------------------------------------------------------------------
    def as_of(self) -> dt.date:
        return self.issue_date.date() or dt.date.today()

    def _since_changed(self, value: dt.date | None) -> None:
        if self.since.is_valid():
            state.set_value(SINCE_KEY, value.isoformat() if value else "")
            self.refresh()

    def refresh(self) -> None:
        chosen = selected_row(self.table)
        as_of, since = self.as_of(), self.since.date()

        def load(s: Session) -> tuple[list[Any], bool, int]:
            return (
                certificates_due(s, as_of, since),
                office_kind(s) == "cis",
                int(get_setting(s, "graduate_months")),
            )

        self._generation += 1
        generation = self._generation
        if self.model.rowCount() == 0:
            self.count.setText(self.tr("Sprawdzam, komu należą się zaświadczenia…"))
        # the whole history's periods are checked: read off the GUI thread (docs/architecture.md#reads)
        self.ops.query(self, load, lambda got: self._show(got, chosen, generation))

    def _show(self, got: tuple[list[Any], bool, int], chosen: Any, generation: int) -> None:
        if generation != self._generation:
            return  # a newer reading is under way
        rows, self.cis, months = got
        self.intro.setText(
            self.tr(
                "Zaświadczenie o zakończeniu uczestnictwa wydaje się niezwłocznie po jego "
                "zakończeniu (art. {article} ustawy o zatrudnieniu socjalnym). Zaświadczenie "
                "o statusie absolwenta – gdy spełnione są warunki art. 2 pkt {point}: co najmniej "
                "{n} miesięcy uczestnictwa w jednym okresie, zaświadczenie o zakończeniu{contract}. "
                "Każde dostaje kolejny numer z rejestru."
            ).format(
                article="13 ust. 5a" if self.cis else "18 ust. 5a",
                point="1a" if self.cis else "1b",
                n=months,
                contract="" if self.cis else self.tr(" i zrealizowany kontrakt socjalny"),
            )
        )
        self.model.set_rows(rows)
        fit_columns(self.table)
        if chosen is not None:
            self.select(chosen.participation_id, chosen.kind)
        if not self.table.currentIndex().isValid() and rows:
            self.table.selectRow(0)
        self.empty.setVisible(not rows)
        n = len(rows)
        self.count.setText(
            self.tr("Do wydania: {n} {word}").format(
                n=n,
                word=plural(
                    n, self.tr("zaświadczenie"), self.tr("zaświadczenia"), self.tr("zaświadczeń")
                ),
            )
        )
        self.all_button.setText(
            self.tr("Wystaw wszystkie ({n})…").format(n=n) if n else self.tr("Wystaw wszystkie")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        # Issuing is refused by the service to kadra (docs/domain.md#office): not offered, with the reason.
        allowed = not self.refusal
        self.issue_button.setEnabled(allowed and selected_row(self.table) is not None)
        self.all_button.setEnabled(allowed and self.model.rowCount() > 0)
        for button in (self.issue_button, self.all_button):
            button.setToolTip(self.refusal or button.property("hint") or "")

    def select(self, participation_id: int, kind: str | None = None) -> bool:
        """Select the row of this participation (and kind); True when it is on the list."""
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            item = index.data(ROW_ROLE)
            if item.participation_id == participation_id and (kind is None or item.kind == kind):
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return True
        return False

    # -- issuing ------------------------------------------------------------------------------
    def issue_selected(self) -> None:
        item = selected_row(self.table)
        if item is None:
            return
        if self.refusal:  # Enter, a double click, Ctrl+N
            self.message.show_info(self.refusal)
            return
        self.message.clear_message()
        dialog = CertificateDialog(
            self.ops, item.participation_id, self, kind=item.kind, issued_on=self.as_of()
        )
        dialog.setObjectName("certificate_dialog")
        dialog.issued.connect(self._issued_one)
        self.dialog = dialog
        dialog.open()

    def _issued_one(self, issued: Any) -> None:
        self.message.show_ok(
            self.tr("Wydano zaświadczenie nr {number} – {name}.").format(
                number=issued.number, name=issued.person_name
            )
        )

    def issue_all(self) -> None:
        n = self.model.rowCount()
        if n == 0 or self.refusal:
            return
        day, since = self.as_of(), self.since.date()
        text = self.tr(
            "Wystawić {n} {word} z datą {date}? Każde dostanie kolejny numer z rejestru. "
            "Potem wybierzesz, gdzie zapisać jeden plik PDF ze wszystkimi."
        ).format(
            n=n,
            word=plural(
                n, self.tr("zaświadczenie"), self.tr("zaświadczenia"), self.tr("zaświadczeń")
            ),
            date=fmt_date(day),
        )
        if self.cis:
            text += "\n\n" + self.tr(
                "W centrum integracji społecznej zaświadczenie musi wymieniać nabyte "
                "umiejętności – takie zaświadczenia wystaw pojedynczo; zostaną pominięte."
            )
        if not confirm(self, self.tr("Wystaw wszystkie"), text, self.tr("Wystaw {n}").format(n=n)):
            return
        self.message.clear_message()
        writing = self.tr("Wystawianie: {name}")
        drawing = self.tr("Tworzenie pliku PDF…")

        def work(session: Session, progress: Progress, path: Path) -> BulkResult:
            def issuing(i: int, total: int, name: str) -> None:
                progress(i * 50 // max(total, 1), 100, writing.format(name=name) if name else "")

            result = issue_due(session, day, since, issuing)
            issued = len(result.issued)
            if issued:
                # reportlab is loaded when the PDF is drawn (docs/architecture.md#reads)
                from kisdesk.reports.pdf import certificate as certificate_pdf

                certificate_pdf.render_many(
                    [r.data for r in result.issued],
                    path,
                    progress=lambda d, _t, _l: progress(50 + d * 50 // issued, 100, drawing),
                )
            return result

        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Wystawianie zaświadczeń…"),
            name=files.file_name("Zaswiadczenia", day),
            write=True,
            on_saved=self._bulk_done,
            on_error=lambda e: self.message.show_error(describe(e)),
        )

    def _why(self, code: str) -> str:
        if code == "document.skills_required":
            return self.tr(
                "zaświadczenie centrum musi wymieniać nabyte umiejętności: wystaw je pojedynczo "
                "(przycisk „Wystaw zaznaczone…”)."
            )
        return describe(ValidationError(code))

    def _bulk_done(self, result: BulkResult, path: Path | None) -> None:
        self.last_result = result
        issued = result.issued
        lines = []
        if issued:
            numbers = (
                issued[0].number
                if len(issued) == 1
                else f"{issued[0].number} – {issued[-1].number}"
            )
            lines.append(
                self.tr("Wydano {n} {word}: nr {numbers}.").format(
                    n=len(issued),
                    word=plural(
                        len(issued),
                        self.tr("zaświadczenie"),
                        self.tr("zaświadczenia"),
                        self.tr("zaświadczeń"),
                    ),
                    numbers=numbers,
                )
            )
            lines.append(
                self.tr("Zapisano: {path}").format(path=path)
                if path is not None
                else self.tr(
                    "Pliku nie zapisano – zaświadczenia są w rejestrze i można je "
                    "wydrukować w zakładce „Rejestr”."
                )
            )
        else:
            lines.append(self.tr("Nie wydano żadnego zaświadczenia."))
        for due, code in result.skipped:
            lines.append(
                self.tr("Pominięto: {name} – {why}").format(name=due.name, why=self._why(code))
            )
        text = "\n".join(lines)
        if result.skipped or not issued:
            self.message.show_error(text)
        else:
            self.message.show_ok(text)
