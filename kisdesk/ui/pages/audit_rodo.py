"""Ochrona danych (RODO): the leader's tools for one person, and the retention list.

For a participant: the information clause (art. 13) to print, a copy of everything held
(art. 15, PDF for the person and JSON), restriction of processing (art. 18) and anonymisation
(art. 17) with a preview first. Below: records past the office's retention periods, to be
approved (nothing is removed without that; docs/domain.md#rodo). At the bottom: whether the
database file is encrypted, and the leader's buttons to change that (encryption_section.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kisdesk.access import Permission
from kisdesk.errors import KisdeskError
from kisdesk.messages import describe
from kisdesk.services import participants, rodo, rodo_erasure, rodo_pack, rodo_retention
from kisdesk.services.rodo_retention import RetentionItem
from kisdesk.services.storage import atomic_write
from kisdesk.ui import files, signals
from kisdesk.ui.dialogs.certificate import surname_first
from kisdesk.ui.dialogs.participant_rodo import print_clause
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.base import Navigate, Page
from kisdesk.ui.pages.encryption_section import EncryptionSection
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.forms import note_label, page_heading
from kisdesk.ui.widgets.search import SearchField
from kisdesk.ui.widgets.table import SortProxy, fit_columns, make_table, selected_row


class RetentionModel(RowTableModel[RetentionItem]):
    def __init__(self, parent: Any = None) -> None:
        t = self.tr
        kinds = {"participant": t("dane osoby (anonimizacja)"), "notes": t("notatki z poradnictwa")}
        super().__init__(
            (
                Column(t("Nr"), lambda r: r.participant_id),
                Column(t("Osoba"), lambda r: r.name),
                Column(t("Co"), lambda r: kinds.get(r.kind, r.kind)),
                Column(t("Zamknięto"), lambda r: r.closed_on),
                Column(t("Do usunięcia od"), lambda r: r.due_on),
                Column(t("Uwagi"), lambda r: t("ograniczenie przetwarzania") if r.blocked else ""),
            ),
            parent,
        )


def _full_name(pack: dict[str, Any]) -> str:
    person = pack.get("personal_data", {})
    return f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip()


class RodoPage(Page):
    name = "rodo"
    listens = frozenset({signals.PARTICIPANTS, signals.SETTINGS})

    def __init__(self, ops: Ops, navigate: Navigate | None = None, parent: QWidget | None = None):
        super().__init__(ops, navigate, parent)
        self.person_id: int | None = None
        self.search = SearchField(self.tr("Nazwisko lub PESEL uczestnika…"), self)
        self.search.textChanged.connect(self._find)
        self.person = QLabel(self.tr("Wpisz nazwisko lub PESEL uczestnika."))
        self.person.setObjectName("rodoPerson")
        self.clause_button = QPushButton(self.tr("Klauzula informacyjna…"))
        self.pack_button = QPushButton(self.tr("Kopia danych (art. 15)…"))
        self.restrict_button = QPushButton(self.tr("Ogranicz przetwarzanie…"))
        self.anonymise_button = QPushButton(self.tr("Anonimizuj…"))
        self.clause_button.clicked.connect(self.print_clause)
        self.pack_button.clicked.connect(self.save_pack)
        self.restrict_button.clicked.connect(self.toggle_restriction)
        self.anonymise_button.clicked.connect(self.anonymise)
        person_box = QGroupBox(self.tr("Uczestnik"))
        row = QHBoxLayout()
        for button in (
            self.clause_button,
            self.pack_button,
            self.restrict_button,
            self.anonymise_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        box = QVBoxLayout(person_box)
        box.addWidget(self.search)
        box.addWidget(self.person)
        box.addLayout(row)

        self.model = RetentionModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, state_key="rodo_retention", parent=self)
        self.retention_note = note_label()
        self.approve_button = QPushButton(self.tr("Zatwierdź usunięcie zaznaczonej pozycji…"))
        self.approve_button.clicked.connect(self.approve)
        retention_box = QGroupBox(self.tr("Okresy przechowywania"))
        rbox = QVBoxLayout(retention_box)
        rbox.addWidget(self.retention_note)
        rbox.addWidget(self.table, 1)
        rbox.addWidget(self.approve_button)

        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(self.title()))
        layout.addWidget(person_box)
        layout.addWidget(retention_box, 1)
        self.encryption = EncryptionSection(ops, self)
        layout.addWidget(self.encryption)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Ochrona danych (RODO)")

    # -- the person ----------------------------------------------------------------------------
    def _find(self, text: str) -> None:
        rows = self.ops.read(lambda s: participants.list_participants(s, text)) if text else []
        self.person_id = rows[0].id if len(rows) == 1 else None
        if self.person_id is not None:
            self.open(participant_id=self.person_id)
            return
        self.person.setText(
            self.tr("Pasujących osób: {n} – zawęź wyszukiwanie.").format(n=len(rows))
            if text
            else self.tr("Wpisz nazwisko lub PESEL uczestnika.")
        )
        self._update_buttons()

    def open(self, **kwargs: Any) -> None:
        pid = kwargs.get("participant_id")
        if pid is None:
            return
        self.person_id = int(pid)
        clause = self.ops.read(lambda s: rodo.information_clause(s, int(pid)))
        state = self.ops.read(lambda s: rodo.restriction_of(s, int(pid)))
        text = self.tr("{name} (nr {id}); klauzula przekazana: {on}").format(
            name=clause.person_name,
            id=pid,
            on=clause.given_on.strftime("%d.%m.%Y") if clause.given_on else self.tr("nie"),
        )
        if state.restricted:
            text += self.tr(" · PRZETWARZANIE OGRANICZONE od {since}: {why}").format(
                since=state.since.strftime("%d.%m.%Y") if state.since else "—", why=state.reason
            )
        self.person.setText(text)
        self.restrict_button.setText(
            self.tr("Zdejmij ograniczenie")
            if state.restricted
            else self.tr("Ogranicz przetwarzanie…")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.person_id is not None
        leader = self.ops.db.actor.can(Permission.MANAGE_RODO)
        self.clause_button.setEnabled(chosen)
        for button in (self.pack_button, self.restrict_button, self.anonymise_button):
            button.setEnabled(chosen and leader)
        self.approve_button.setEnabled(leader and selected_row(self.table) is not None)

    def print_clause(self) -> None:
        if self.person_id is not None:
            print_clause(self, self.ops, self.person_id)

    def save_pack(self) -> None:
        """Art. 15: everything held about the person, as PDF and, beside it, as JSON."""
        pid = self.person_id
        if pid is None:
            return

        def work(session: Any, _progress: Any, path: Path) -> dict[str, Any]:
            from kisdesk.reports.rodo import data_pack

            pack = rodo_pack.data_pack(session, pid)
            data_pack.render(pack, path)
            return pack

        def saved(pack: dict[str, Any], path: Path | None) -> None:
            if path is None:
                return
            text = json.dumps(pack, ensure_ascii=False, indent=2) + "\n"
            machine = path.with_suffix(".json")
            try:
                atomic_write(machine, text.encode("utf-8"))
            except (OSError, KisdeskError) as exc:  # the PDF is saved; say what is missing
                error = (
                    exc
                    if isinstance(exc, KisdeskError)
                    else KisdeskError(
                        "file.write_failed", path=str(machine), reason=exc.strerror or str(exc)
                    )
                )
                QMessageBox.warning(
                    self,
                    self.title(),
                    self.tr(
                        "Zapisano {p}, ale wersji do odczytu maszynowego nie udało się "
                        "zapisać. {reason} Spróbuj ponownie, zapisując kopię w innym folderze."
                    ).format(p=path, reason=describe(error)),
                )
                return
            QMessageBox.information(
                self,
                self.title(),
                self.tr("Zapisano: {p} oraz {j} (wersja do odczytu maszynowego).").format(
                    p=path, j=path.with_suffix(".json")
                ),
            )

        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Tworzenie kopii danych…"),
            name=lambda pack: files.file_name("Dane_osoby", *surname_first(_full_name(pack))),
            keep=False,  # a person's whole data, handed to them (RODO art. 15): no copy kept
            on_saved=saved,
        )

    def toggle_restriction(self) -> None:
        pid = self.person_id
        if pid is None:
            return
        if self.ops.read(lambda s: rodo.is_restricted(s, pid)):
            self.ops.run(self, lambda s: rodo.lift_restriction(s, pid))
        else:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Ograniczenie przetwarzania"),
                self.tr("Powód (np. osoba kwestionuje prawidłowość danych):"),
            )
            if not ok:
                return
            self.ops.run(self, lambda s: rodo.restrict(s, pid, reason))
        self.open(participant_id=pid)

    def anonymise(self) -> None:
        pid = self.person_id
        if pid is None:
            return
        preview = self.ops.read(lambda s: rodo_erasure.anonymisation_preview(s, pid))
        removed = "\n".join(f"– {label}: {value}" for label, value in preview.removed)
        kept = "\n".join(f"– {label}: {value}" for label, value in preview.kept)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Anonimizacja – nie da się jej cofnąć"),
            self.tr(
                "Dane osoby {name} zostaną nieodwracalnie usunięte. Statystyki pozostaną bez "
                "zmian. Dokumenty: {d}, notatki z poradnictwa: {n}."
            ).format(name=preview.name, d=preview.documents, n=preview.counselling_notes),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDetailedText(
            self.tr("Zostanie usunięte:\n{r}\n\nPozostanie:\n{k}").format(r=removed, k=kept)
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Anonimizuj"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Anuluj"))
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        if self.ops.run(self, lambda s: rodo_erasure.anonymise(s, pid)):
            rodo_erasure.finish_erasure(self.ops.db.engine)
            self.open(participant_id=pid)

    # -- retention -----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.encryption.refresh()
        if self.person_id is not None:
            self.open(participant_id=self.person_id)
        if not self.ops.db.actor.can(Permission.MANAGE_RODO):
            self.model.set_rows([])
            self.retention_note.setText(self.tr("Narzędzia RODO są dostępne dla kierownika."))
            self._update_buttons()
            return
        report = self.ops.read(rodo_retention.retention_due)
        self.model.set_rows(list(report.items))
        fit_columns(self.table)
        if not report.participant_years and not report.notes_years:
            self.retention_note.setText(
                self.tr(
                    "Okresy przechowywania nie są ustawione (Ustawienia → reguły): ustal je "
                    "z jednolitym rzeczowym wykazem akt placówki i umowami projektów."
                )
            )
        else:
            self.retention_note.setText(
                self.tr(
                    "Dane uczestników: {p} lat, notatki: {n} lat (0 – nie ustalono), licząc od "
                    "1 stycznia roku po zakończeniu. Kopie zapasowe sprzed usunięcia "
                    "przechowują dane do końca ich rotacji (najdłużej rok)."
                ).format(p=report.participant_years, n=report.notes_years)
            )
        self._update_buttons()

    def _open_selected(self) -> None:
        item = selected_row(self.table)
        if item is not None:
            self.open(participant_id=item.participant_id)

    def approve(self) -> None:
        item = selected_row(self.table)
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Zatwierdzenie usunięcia"),
            self.tr("Usunąć nieodwracalnie: {what} – {name}?").format(
                what=self.model.columns[2].value(item), name=item.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        people = [item.participant_id] if item.kind == "participant" else []
        notes = [item.participant_id] if item.kind == "notes" else []
        if self.ops.run(
            self,
            lambda s: rodo_retention.apply_retention(s, people, notes),
        ):
            rodo_erasure.finish_erasure(self.ops.db.engine)
            self.refresh()
