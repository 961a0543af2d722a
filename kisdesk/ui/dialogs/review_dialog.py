"""Reviews of the kontrakt/IPZS on the participant card (docs/participant-path.md): the list of
recorded reviews with the planned dates not held yet (the overdue one marked), and the form
that records a review or corrects one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QWidget

from kisdesk.rules.reviews import DUE, HELD, MISSED, OVERDUE, PlannedState
from kisdesk.services import reviews
from kisdesk.services.contracts import GoalRow
from kisdesk.services.reviews import ReviewRow
from kisdesk.ui.ops import Ops
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.forms import FormDialog
from kisdesk.ui.widgets.participant_fields import CodeCombo, OptionalDateEdit
from kisdesk.ui.widgets.participant_labels import fmt_date, goal_statuses

RED = QColor("#b3261e")
AMBER = QColor("#8a5a00")
GREY = QColor("#8a8f94")

# service error codes → the field they concern
FIELDS = {
    "review.before_start": "held_on",
    "review.after_end": "held_on",
    "date.invalid": "held_on",
}


@dataclass(frozen=True, slots=True)
class ReviewLine:
    """One line of the list: a review held, or a planned date with no review (yet)."""

    on: dt.date
    state: str  # rules.reviews: held | due | overdue | planned | missed
    review: ReviewRow | None = None


def review_lines(held: Sequence[ReviewRow], plan: Sequence[PlannedState]) -> list[ReviewLine]:
    """Reviews held, and the planned dates no review covers, by date."""
    lines = [ReviewLine(r.held_on, HELD, r) for r in held]
    lines += [ReviewLine(p.planned_on, p.state) for p in plan if p.state != HELD]
    return sorted(lines, key=lambda line: (line.on, line.review is None))


def progress_text(review: ReviewRow | None, goals: dict[int, str], sep: str = "; ") -> str:
    if review is None:
        return ""
    states = goal_statuses()
    return sep.join(
        f"{goals.get(goal, str(goal))}: {states.get(state, state)}"
        for goal, state in review.progress
    )


class ReviewModel(RowTableModel[ReviewLine]):
    def __init__(self, parent: QWidget | None = None) -> None:
        t = self.tr
        self.goal_names: dict[int, str] = {}  # "cel 3", in the cell
        self.goal_texts: dict[int, str] = {}  # "3. Kurs kucharza", in the tooltip
        states = {
            HELD: t("odbyty"),
            OVERDUE: t("ZALEGŁY – przeprowadź przegląd"),
            DUE: t("do przeprowadzenia (w ciągu 14 dni)"),
            MISSED: t("pominięty (zastąpiony kolejnym)"),
        }
        colours = {OVERDUE: RED, DUE: AMBER, MISSED: GREY}
        super().__init__(
            [
                Column(t("Data"), lambda r: fmt_date(r.on), sort=lambda r: r.on),
                Column(
                    t("Stan"),
                    lambda r: states.get(r.state, t("zaplanowany")),
                    foreground=lambda r: colours.get(r.state),
                    bold=lambda r: r.state == OVERDUE,
                ),
                Column(
                    t("Postęp celów"),
                    lambda r: progress_text(r.review, self.goal_names),
                    tooltip=lambda r: progress_text(r.review, self.goal_texts, "\n") or None,
                ),
                Column(t("Uczestniczyli"), lambda r: r.review.attendees if r.review else ""),
                Column(
                    t("Notatka"),
                    lambda r: r.review.note if r.review else "",
                    tooltip=lambda r: (r.review.note or None) if r.review else None,
                ),
            ],
            parent,
        )


def goal_label(goal: GoalRow) -> str:
    text = goal.text if len(goal.text) <= 60 else goal.text[:57] + "…"
    return f"{goal.id}. {text}"


class ReviewDialog(FormDialog):
    """Record a review, or correct one already recorded (`review`): the date, who took part,
    the progress of each goal and a note. Ctrl+S / Ctrl+Enter save, Esc cancels."""

    def __init__(
        self,
        ops: Ops,
        participation_id: int,
        goals: Sequence[GoalRow],
        review: ReviewRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            self.tr("Popraw przegląd z {d}").format(d=fmt_date(review.held_on))
            if review is not None
            else self.tr("Nowy przegląd realizacji")
        )
        super().__init__(ops, title, review.id if review else None, parent)
        self.participation_id, self.review = participation_id, review
        self.held_on = OptionalDateEdit(self, today_button=True)
        self.held_on.set_date(review.held_on if review else dt.date.today())
        self.attendees = QLineEdit(review.attendees if review else "", self)
        self.attendees.setPlaceholderText(self.tr("np. uczestnik, pracownik socjalny OPS"))
        self.note = QLineEdit(review.note if review else "", self)
        self.note.setPlaceholderText(self.tr("Co ustalono, co zmienić w kontrakcie"))
        self.add_row(self.tr("&Data przeglądu"), "held_on", self.held_on)
        self.add_row(self.tr("&Uczestniczyli"), "attendees", self.attendees)
        self.add_row(self.tr("&Notatka"), "note", self.note)
        found = dict(review.progress) if review else {}
        self.progress: dict[int, CodeCombo] = {}
        for goal in goals:
            # A goal this review already assessed keeps an assessment (a correction changes
            # it, it cannot take it back); the others may stay without one.
            choices = goal_statuses()
            if goal.id not in found:
                choices = {"": self.tr("— bez oceny —"), **choices}
            combo = CodeCombo(choices, self)
            combo.set_code(found.get(goal.id, "" if review else goal.status))
            combo.setToolTip(goal.text)
            self.progress[goal.id] = combo
            self.add_row(goal_label(goal), f"goal_{goal.id}", combo)
        self.finish(
            self.tr(
                "Cele przyjmują postęp z najnowszego przeglądu, który je ocenia. Poprawka "
                "zostaje zapisana w dzienniku zdarzeń."
            )
            if review is not None
            else self.tr("Cele przyjmują postęp z najnowszego przeglądu, który je ocenia."),
            min_width=560,
            save_text=self.tr("Zapisz przegląd"),
        )

    def save(self) -> None:
        self.errors.clear()
        on = self.held_on.date()
        if on is None:
            self.errors.show("held_on", self.tr("Podaj datę przeglądu (DD.MM.RRRR)."))
            return
        progress = {goal: combo.code() for goal, combo in self.progress.items() if combo.code()}
        note, attendees = self.note.text(), self.attendees.text()
        if self.review is not None:
            rid = self.review.id
            self.submit(
                lambda s: reviews.correct_review(s, rid, on, progress, note, attendees).id,
                FIELDS,
            )
        else:
            pid = self.participation_id
            self.submit(
                lambda s: reviews.add_review(s, pid, on, progress, note, attendees).id, FIELDS
            )
