"""What happened after a participation period, and when to ask (docs/outcomes.md).

Pure functions: the outcome kinds, which of them are reintegration effects and which are
work (art. 18a ust. 6 pkt 2 lit. b for a KIS, art. 5 ust. 6 pkt 3 for a CIS), the outcome
an end reason implies, and the dates of the follow-up checkpoints.
"""

from __future__ import annotations

import datetime as dt

from kisdesk.rules.calendar import add_months

# Outcome kinds (docs/outcomes.md); the Polish names are in kisdesk.messages.outcomes.
OUTCOME_KINDS: tuple[str, ...] = (
    "employment",  # umowa o pracę
    "civil_contract",  # umowa cywilnoprawna
    "business",  # działalność gospodarcza
    "cooperative",  # spółdzielnia socjalna
    "supported",  # zatrudnienie wspierane / skierowanie z art. 16
    "internship",  # staż lub prace społecznie użyteczne
    "education",  # dalsza nauka lub kurs
    "moved_to_cis",  # przejście do CIS
    "none",  # brak
    "unknown",  # nieznany
)

# "Found work after the club" / "became economically independent" (docs/outcomes.md).
WORK_KINDS: frozenset[str] = frozenset(
    {"employment", "civil_contract", "business", "cooperative", "supported"}
)
# An outcome that is a reintegration effect: work, or a step towards it.
EFFECT_KINDS: frozenset[str] = WORK_KINDS | {"internship", "education"}
# End reasons that are reintegration effects by themselves (docs/outcomes.md, "The annual figures").
EFFECT_REASONS: frozenset[str] = frozenset({"completed", "employment", "cooperative", "business"})
# What a person found working at a follow-up may be doing.
WORKING_KINDS: frozenset[str] = WORK_KINDS | {"internship"}

FOLLOWUP_RESULTS: tuple[str, ...] = ("working", "not_working", "no_contact")

# The end reason says what the person went to; the others leave the outcome unknown
# until someone asks (completing the programme says nothing of what came next).
_FROM_REASON = {
    "employment": "employment",
    "cooperative": "cooperative",
    "business": "business",
    "moved_to_cis": "moved_to_cis",
}


def outcome_from_end_reason(reason: str | None) -> str:
    """The outcome kind an end reason pre-fills (docs/outcomes.md: pre-filled from the end reason)."""
    return _FROM_REASON.get(reason or "", "unknown")


def outcome_start_from_end(reason: str | None, end_on: dt.date) -> dt.date | None:
    """The pre-filled outcome's start: the end day when the reason names what came next."""
    return end_on if (reason or "") in _FROM_REASON else None


def checkpoint_due(end_on: dt.date, months: int) -> dt.date:
    """A checkpoint N calendar months after the end, clamped at the month's end
    (civil code art. 111–112: 2026-08-31 + 6 months = 2027-02-28)."""
    return add_months(end_on, months)


def parse_checkpoint_months(text: str) -> tuple[int, ...]:
    """ "3, 6" → (3, 6): sorted, without repeats; raises ValueError on anything else.

    An empty text means no checkpoints (follow-up is a practice, not a duty of the act)."""
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    values = set()
    for part in parts:
        value = int(part.strip())
        if not 1 <= value <= 60:
            raise ValueError(part)
        values.add(value)
    return tuple(sorted(values))


def is_effect(end_reason: str | None, outcome_kind: str | None) -> bool:
    """One period's share of achieved_effects (docs/outcomes.md)."""
    return (end_reason or "") in EFFECT_REASONS or (outcome_kind or "") in EFFECT_KINDS


def is_work(outcome_kind: str | None, working_found: bool = False) -> bool:
    """One period's share of employed_after: a work outcome, or work found at a follow-up."""
    return (outcome_kind or "") in WORK_KINDS or working_found
