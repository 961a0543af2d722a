"""Uczestnicy: the searchable list of participants and their forms."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.messages.core import month_name, participant_statuses
from kisdesk.rules.minimum import MonthStatus, in_danger
from kisdesk.services.hours import month_report
from kisdesk.services.participant_history import combine_status
from kisdesk.services.participants import list_participants
from kisdesk.ui import signals
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.table_models.participant_list import (
    ParticipantEntry,
    ParticipantFilter,
    ParticipantListModel,
    set_month_title,
)
from kisdesk.ui.widgets import status as colours
from kisdesk.ui.widgets.forms import note_label, page_heading
from kisdesk.ui.widgets.participant_labels import fmt_date, people_count
from kisdesk.ui.widgets.search import SearchField
from kisdesk.ui.widgets.table import fit_columns, make_table

if TYPE_CHECKING:
    from kisdesk.ui.dialogs.participant_form import Carryover, ParticipantDialog


def load_entries(session: Any, today: dt.date) -> list[ParticipantEntry]:
    """Everyone, with this month's hours from one month report (not one query per row)."""
    rows = list_participants(session, on=today)
    report = month_report(session, today.year, today.month, as_of=today)
    per_person: dict[int, list[Any]] = {}
    for r in report.rows:
        per_person.setdefault(r.totals.participant_id, []).append(r.result)
    entries = []
    for row in rows:
        results = per_person.get(row.id)
        attended = required = None
        status: str | None = None
        if results:
            attended = sum(r.attended_minutes for r in results)
            required = sum(r.required_minutes for r in results)
            remaining = sum(r.remaining_scheduled_minutes for r in results)
            combined = combine_status([MonthStatus(r.status) for r in results], attended, required)
            scheduled = sum(r.scheduled_minutes for r in results)
            behind = in_danger(attended, remaining, required, scheduled)
            status = colours.key(combined.value, behind)
        entries.append(ParticipantEntry(row, attended, required, status, report.hour_minutes))
    return entries


class ParticipantsPage(Page):
    name = "participants"
    listens = frozenset(
        {
            signals.PARTICIPANTS,
            signals.PARTICIPATIONS,
            signals.ATTENDANCE,
            signals.ACTIVITIES,
            signals.GROUPS,
            signals.SETTINGS,
        }
    )

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.dialog: ParticipantDialog | None = None
        self.ending: QDialog | None = None  # the ending started from the list, then its certificate
        # readings asked for / shown (refresh reads off the GUI thread), and a participant
        # to select once the rows arrive
        self._generation = self._shown = 0
        self._pending_select: int | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(page_heading(self.title()))
        top.addStretch(1)
        self.search = SearchField(self.tr("Szukaj: nazwisko, imię lub PESEL (Ctrl+F)"), self)
        self.search.setMinimumWidth(340)
        top.addWidget(self.search)
        layout.addLayout(top)
        bar = QHBoxLayout()
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("Wszyscy"), None)
        for code, label in participant_statuses().items():
            self.status_filter.addItem(label, code)
        self.new_button = QPushButton(self.tr("Nowy uczestnik…"), self)
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.setEnabled(ops.db.actor.can(Permission.EDIT_PARTICIPANTS))
        bar.addWidget(self.new_button)
        self.open_button = QPushButton(self.tr("Otwórz kartę…"), self)
        self.open_button.setToolTip(self.tr("Enter albo dwukrotne kliknięcie na liście"))
        bar.addWidget(self.open_button)
        # Ending a participation straight from the list (docs/domain.md#certificates): the
        # card's ending dialog and its certificate, without opening the card.
        self.end_button = QPushButton(self.tr("Zakończ uczestnictwo…"), self)
        may_edit = ops.db.actor.can(Permission.EDIT_PARTICIPANTS)
        self.end_button.setEnabled(may_edit)
        self.end_button.setToolTip(
            self.tr(
                "Ctrl+E – kończy trwający okres uczestnictwa zaznaczonej osoby (albo pierwszej "
                "znalezionej), potem wystawia zaświadczenie o zakończeniu"
            )
            if may_edit
            else self.no_permission_text()
        )
        bar.addWidget(self.end_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Pokaż:"), self))
        bar.addWidget(self.status_filter)
        bar.addStretch(1)
        self.count = QLabel(self)
        bar.addWidget(self.count)
        layout.addLayout(bar)

        self.model = ParticipantListModel(self)
        self.proxy = ParticipantFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="participants_list", parent=self)
        self.table.sortByColumn(ParticipantListModel.NAME, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.table, 1)
        self.hint = note_label()
        layout.addWidget(self.hint)
        self.setTabOrder(self.search, self.table)

        self.search.textChanged.connect(self._searched)
        self.search.returnPressed.connect(self._open_first_match)
        self.status_filter.currentIndexChanged.connect(self._filter)
        self.new_button.clicked.connect(self.new_item)
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentIndex().row()))
        self.end_button.clicked.connect(self.end_selected)
        # Ctrl+E from the search field too: the search, then Ctrl+E ends the first match's
        # participation as Enter opens its card.
        end_keys = QShortcut(QKeySequence("Ctrl+E"), self)
        end_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        end_keys.activated.connect(self.end_selected)
        self.search.leave_to_page("Ctrl+E")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.search.clear_on_escape(self.table)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(self)

    def title(self) -> str:
        return self.tr("Uczestnicy")

    @property
    def loading(self) -> bool:
        """Rows asked for and not yet shown."""
        return self._shown != self._generation

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The list is read off the GUI thread (2000 people and the month's hours take a
        while): the page shows at once, says it is reading, and fills in when the rows come."""
        today = dt.date.today()
        selected = self.selected_id()
        self._generation += 1
        generation = self._generation
        if self.model.rowCount() == 0:
            self.count.setText(self.tr("Wczytuję listę uczestników…"))
        self.ops.query(
            self,
            lambda s: load_entries(s, today),
            lambda entries: self._show_entries(entries, today, selected, generation),
        )

    def _show_entries(
        self,
        entries: list[ParticipantEntry],
        today: dt.date,
        selected: int | None,
        generation: int,
    ) -> None:
        if generation != self._generation:
            return  # a newer reading is under way
        if self._pending_select is not None:  # asked for while the rows were on their way
            selected, self._pending_select = self._pending_select, None
        self._shown = generation
        set_month_title(self.model, month_name(today.year, today.month))
        self.model.set_rows(entries)
        fit_columns(self.table)
        self.hint.setText(
            self.tr(
                "Godziny: zrealizowane / wymagane godziny dydaktyczne w bieżącym miesiącu. "
                "Enter lub dwuklik otwiera kartę uczestnika, Ctrl+N dodaje nową osobę, "
                "Ctrl+E kończy uczestnictwo."
            )
        )
        self._update_count()
        if selected is not None:
            self.select_participant(selected)

    def _filter(self) -> None:
        self.proxy.set_text(self.search.text())
        self.proxy.set_status(self.status_filter.currentData())
        self._update_count()
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _searched(self, text: str) -> None:
        """Letters typed in the search: the cursor goes to the first match, so Enter and
        Ctrl+E act on it, not on a person left selected from before the search who matches
        too ("nowak" shows Nowak and Nowakowski). The first match is the first person whose
        surname begins with the letters ("Micha": Michalski Jacek before Jankowski Michał,
        whose first name matches), else the first one shown. A search cleared keeps the
        person."""
        self._filter()
        words = text.casefold().split()
        if not words or not self.proxy.rowCount():
            return
        rows = range(self.proxy.rowCount())
        self.table.selectRow(
            next(
                (r for r in rows if _name(self.proxy, r).casefold().startswith(words[0])),
                0,
            )
        )

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            people_count(total)
            if shown == total
            else self.tr("{shown} z {all}").format(shown=shown, all=people_count(total))
        )

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        entry = self.proxy.data(self.proxy.index(index.row(), 0), ROW_ROLE)
        return entry.id if entry is not None else None

    def select_participant(self, participant_id: int) -> bool:
        if self.loading:
            self._pending_select = participant_id  # selected when the rows arrive
        for row in range(self.proxy.rowCount()):
            entry = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
            if entry is not None and entry.id == participant_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    # -- actions ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.open_row(self.table.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def _open_first_match(self) -> None:
        if self.proxy.rowCount():
            self.open_row(max(self.table.currentIndex().row(), 0))

    def chosen_entry(self) -> ParticipantEntry | None:
        """The person an action from the list is for: the selected row, else the first one
        shown after a search (from the search field, as Enter opens the first match). With
        nothing chosen and nothing searched there is none: the first person of the whole list
        is no one's choice."""
        if not self.proxy.rowCount():
            return None
        if not self.table.currentIndex().isValid() and not self.search.text().strip():
            return None
        row = max(self.table.currentIndex().row(), 0)
        entry = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
        return entry if isinstance(entry, ParticipantEntry) else None

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.list_menu(index.row()).exec(self.table.viewport().mapToGlobal(pos))

    def list_menu(self, row: int) -> QMenu:
        """The list's menu for a row (selected first): the card, the ending."""
        self.table.selectRow(row)
        menu = QMenu(self)
        menu.addAction(self.tr("Otwórz kartę…") + "\tEnter", lambda: self.open_row(row))
        end = menu.addAction(self.tr("Zakończ uczestnictwo…") + "\tCtrl+E", self.end_selected)
        end.setEnabled(self.end_button.isEnabled())
        return menu

    def open_row(self, row: int) -> None:
        if row < 0:
            return
        entry = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
        if entry is not None:
            self.open_participant(entry.id)

    def open_participant(
        self, participant_id: int | None, tab: int | None = None, carry: Carryover | None = None
    ) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.close()
        # The form (its tabs, their models and services) is loaded when a card is first
        # opened, not with the list (docs/architecture.md#reads).
        from kisdesk.ui.dialogs.participant_form import ParticipantDialog

        self.dialog = ParticipantDialog(self.ops, participant_id, self, carry=carry)
        self.dialog.open_existing.connect(self._open_existing)
        self.dialog.saved.connect(self._saved)
        self.dialog.add_next.connect(lambda previous: self.open_participant(None, carry=previous))
        if tab is not None:
            self.dialog.show_tab(tab)
        self.dialog.open()

    def _saved(self, participant_id: int) -> None:
        if self.isVisible() and self._stale:
            self.refresh()
        self.select_participant(participant_id)

    def _open_existing(self, participant_id: int) -> None:
        """The PESEL typed belongs to someone on file: their form, on the periods tab."""
        self.select_participant(participant_id)
        from kisdesk.ui.dialogs.participant_form import TAB_PERIODS

        self.open_participant(participant_id, TAB_PERIODS)
        assert self.dialog is not None and self.dialog.periods is not None
        self.dialog.periods.new_button.setFocus()
        self.dialog.periods.new_button.setDefault(True)

    def open(self, **kwargs: Any) -> None:
        participant_id = kwargs.get("participant_id")
        if self._stale:
            self._stale = False
            self.refresh()
        if kwargs.get("new"):  # Ctrl+N from another page (the dashboard)
            self.new_item()
            return
        if participant_id is not None:
            self.select_participant(int(participant_id))
            participation_id, sheet = kwargs.get("participation_id"), kwargs.get("contract")
            if participation_id is not None and sheet is not None:
                # a to-do of the path (dashboard): the period's kontrakt/IPZS on its sheet
                from kisdesk.ui.dialogs.participant_form import TAB_PERIODS

                self.open_participant(int(participant_id), TAB_PERIODS)
                periods = self.dialog.periods if self.dialog is not None else None
                if periods is not None and periods.select_period(int(participation_id)):
                    periods.open_contract(str(sheet))
                return
            self.open_participant(int(participant_id), kwargs.get("tab"))

    def new_item(self) -> None:
        if self.ops.db.actor.can(Permission.EDIT_PARTICIPANTS):
            self.open_participant(None)

    def find(self) -> None:
        self.search.focus()

    # -- ending a participation from the list -------------------------------------------------
    def no_permission_text(self) -> str:
        role = self.ops.db.actor.role.value
        return self.tr(
            "Twoja rola ({role}) nie pozwala kończyć uczestnictwa – robi to kierownik albo kadra."
        ).format(role=role)

    def end_selected(self) -> None:
        """Ctrl+E, the button or the list's menu: the chosen person's running period is
        ended in the card's dialog, then its certificate of ending (art. 18 ust. 5a) opens."""
        title = self.tr("Zakończenie uczestnictwa")
        actor = self.ops.db.actor
        if not actor.can(Permission.EDIT_PARTICIPANTS):
            QMessageBox.information(self, title, self.no_permission_text())
            return
        entry = self.chosen_entry()
        if entry is None:
            QMessageBox.information(
                self,
                title,
                self.tr(
                    "Nie wybrano uczestnika. Zaznacz osobę na liście albo wyszukaj ją (Ctrl+F), "
                    "potem naciśnij Ctrl+E."
                ),
            )
            return
        from kisdesk.services import rodo
        from kisdesk.services.participations import periods_of
        from kisdesk.ui.dialogs.period_dialog import certificate_refusal, end_participation

        pid, name = entry.id, entry.row.full_name
        periods, restricted = self.ops.read(
            lambda s: (periods_of(s, pid), rodo.is_restricted(s, pid))
        )
        self.select_participant(pid)
        if restricted:
            QMessageBox.information(
                self,
                title,
                self.tr(
                    "Przetwarzanie danych osoby {name} jest ograniczone (art. 18 RODO): jej "
                    "zapis, także okresy uczestnictwa, jest tylko do odczytu. Ograniczenie "
                    "może zdjąć kierownik na stronie „Ochrona danych (RODO)”."
                ).format(name=name),
            )
            return
        running = [p for p in periods if p.end_on is None]
        if not running:
            ended = [p.end_on for p in periods if p.end_on is not None]
            QMessageBox.information(
                self,
                title,
                (
                    self.tr(
                        "{name} nie ma trwającego okresu uczestnictwa – ostatni zakończył się "
                        "{date}. Nie ma czego kończyć; nowy okres dodaje się na karcie "
                        "uczestnika, w zakładce „Okresy uczestnictwa”."
                    ).format(name=name, date=fmt_date(max(ended)))
                    if ended
                    else self.tr(
                        "{name} nie ma żadnego okresu uczestnictwa – nie ma czego kończyć."
                    ).format(name=name)
                ),
            )
            return
        period = max(running, key=lambda p: p.start_on)
        end_participation(
            self,
            self.ops,
            period,
            certificate_refusal(actor, restricted),
            self._keep_ending,
            finished=self._back_to_list,
            name=name,
        )

    def _keep_ending(self, dialog: QDialog) -> None:
        self.ending = dialog

    def _back_to_list(self) -> None:
        """The ending and its certificate done (or cancelled): the keyboard is back on the
        list, on the same person, ready for the next search or Ctrl+E."""
        self.ending = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


def _name(proxy: QAbstractItemModel, row: int) -> str:
    """The shown name of a row, surname first."""
    return str(proxy.index(row, ParticipantListModel.NAME).data() or "")
