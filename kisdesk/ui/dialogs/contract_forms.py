"""The small forms of the kontrakt/IPZS (docs/participant-path.md): a goal with the actions
agreed, who is responsible and by when; an aneks (a change agreed at either party's request,
art. 13 ust. 3). Ctrl+S / Ctrl+Enter save, Esc cancels (FormDialog)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from kisdesk.services import contracts
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.forms import FormDialog
from kisdesk.ui.widgets.participant_fields import CodeCombo, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import activity_areas, fmt_date

FIELDS = {
    "contract.goal_text_required": "text",
    "contract.bad_area": "area",
    "contract.goal_due_before_signed": "due_on",
    "contract.annex_text_required": "change",
    "contract.annex_before_signed": "signed_on",
}


class AnnexModel(RowTableModel[contracts.AnnexRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Data aneksu"), lambda a: fmt_date(a.signed_on)),
                Column(self.tr("Co zmieniono"), lambda a: a.change, tooltip=lambda a: a.change),
            ],
            parent,
        )


class GoalDialog(FormDialog):
    """A new goal of the kontrakt/IPZS."""

    def __init__(self, ops: Ops, participation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ops, self.tr("Nowy cel kontraktu"), None, parent)
        self.participation_id = participation_id
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("np. ukończenie kursu zawodowego"))
        self.area = CodeCombo({"": self.tr("— obszar —"), **activity_areas()}, self)
        self.actions = QLineEdit(self)
        self.actions.setPlaceholderText(self.tr("np. zapisy na kurs, 3 konsultacje z doradcą"))
        self.responsible = QLineEdit(self)
        self.responsible.setPlaceholderText(self.tr("np. uczestnik, doradca zawodowy"))
        self.due_on = OptionalDateEdit(self)
        self.add_row(self.tr("&Cel"), "text", self.text)
        self.add_row(self.tr("&Obszar"), "area", self.area)
        self.add_row(self.tr("&Uzgodnione działania"), "actions", self.actions)
        self.add_row(self.tr("&Kto odpowiada"), "responsible", self.responsible)
        self.add_row(self.tr("&Termin"), "due_on", self.due_on)
        self.finish(
            self.tr("Postęp celu zapisuje się w przeglądach realizacji."),
            min_width=520,
            save_text=self.tr("Dodaj cel"),
        )

    def save(self) -> None:
        self.errors.clear()
        if not self.text.text().strip():
            self.errors.show("text", self.tr("Wpisz, jaki cel uzgodniono."))
            return
        if not self.due_on.is_valid():
            self.errors.show("due_on", self.tr("Wpisz datę jako DD.MM.RRRR albo zostaw puste."))
            return
        pid = self.participation_id
        text, area, due = self.text.text(), self.area.code(), self.due_on.date()
        actions, who = self.actions.text(), self.responsible.text()
        self.submit(
            lambda s: contracts.add_goal(
                s, pid, text, area, due, actions=actions, responsible=who
            ).id,
            FIELDS,
        )


class AnnexDialog(FormDialog):
    """An aneks: the date it was signed and what it changes."""

    def __init__(self, ops: Ops, participation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ops, self.tr("Nowy aneks"), None, parent)
        self.participation_id = participation_id
        self.signed_on = OptionalDateEdit(self, today_button=True)
        self.change = QLineEdit(self)
        self.change.setPlaceholderText(self.tr("np. przedłużenie terminu celu 2 do 30.06"))
        self.add_row(self.tr("&Data aneksu"), "signed_on", self.signed_on)
        self.add_row(self.tr("&Co zmieniono"), "change", self.change)
        self.finish(
            self.tr("Zmianę wprowadza się na wniosek każdej ze stron (art. 13 ust. 3 ustawy)."),
            min_width=520,
            save_text=self.tr("Dodaj aneks"),
        )

    def save(self) -> None:
        self.errors.clear()
        on = self.signed_on.date()
        if on is None:
            self.errors.show("signed_on", self.tr("Podaj datę aneksu (DD.MM.RRRR)."))
            return
        pid, change = self.participation_id, self.change.text()
        self.submit(lambda s: contracts.add_annex(s, pid, on, change).id, FIELDS)
