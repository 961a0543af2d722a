"""Adding people one after another from one referral list: "Zapisz i dodaj następnego" saves
this person and opens the next one's form with what they usually share (the start date, the
group, the referral and the categories), said above the form to be checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kisdesk.ui.dialogs.participant_form import ParticipantDialog


@dataclass(frozen=True)
class Carryover:
    """What people entered one after another usually share (one referral list from the
    OPS, one start date, one group): offered on the next new person's form."""

    start_on: dt.date | None
    group_id: int | None
    referral_source: str
    referral_institution: str
    referral_date: dt.date | None
    categories: tuple[int, ...]


class NextPerson:
    """The participant form's part that carries a person's shared details to the next one."""

    def carryover(self: ParticipantDialog) -> Carryover:
        referral = self.referral.editors
        return Carryover(
            start_on=self.personal.start_on.date(),
            group_id=self.personal.group.current_id(),
            referral_source=referral["referral_source"].code(),  # type: ignore[attr-defined]
            referral_institution=referral["referral_institution"].text(),  # type: ignore[attr-defined]
            referral_date=referral["referral_date"].date(),  # type: ignore[attr-defined]
            categories=tuple(n for n, box in self.categories.boxes.items() if box.isChecked()),
        )

    def offer(self: ParticipantDialog, carry: Carryover) -> None:
        """The previous person's start date, group, referral and categories, said above the
        form so they are checked rather than taken on trust."""
        if carry.start_on is not None:
            self.personal.start_on.set_date(carry.start_on)
        self.personal.group.set_current_id(carry.group_id)
        referral = self.referral.editors
        referral["referral_source"].set_code(carry.referral_source)  # type: ignore[attr-defined]
        referral["referral_institution"].setText(carry.referral_institution)  # type: ignore[attr-defined]
        referral["referral_date"].set_date(carry.referral_date)  # type: ignore[attr-defined]
        for number, box in self.categories.boxes.items():
            box.setChecked(number in carry.categories and not box.isHidden())
        self.dirty = False
        self.subheader.setText(
            self.tr(
                "Data początku, grupa, skierowanie i kategorie – jak u poprzedniej osoby; "
                "sprawdź je albo zmień."
            )
        )
        self.subheader.setVisible(True)

    def save_and_add_next(self: ParticipantDialog) -> None:
        carry = self.carryover()
        if self.save(close=True):
            self.add_next.emit(carry)
