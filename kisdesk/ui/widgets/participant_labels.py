"""Polish names of the codes the services use (statuses, reasons, categories, marks…).

Functions, not module constants, so the text goes through the translator installed at start.
"""

from __future__ import annotations

import datetime as dt

from kisdesk.i18n import tr
from kisdesk.messages.core import category_names, plural
from kisdesk.rules.hours import format_hours

WEEKDAYS = ("pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz.")
WEEKDAYS_LONG = (
    "poniedziałek",
    "wtorek",
    "środa",
    "czwartek",
    "piątek",
    "sobota",
    "niedziela",
)


def weekday(day: dt.date, long: bool = False) -> str:
    return tr((WEEKDAYS_LONG if long else WEEKDAYS)[day.weekday()])


def fmt_date(day: dt.date | None) -> str:
    """Dates as Polish users write them: 14.05.2026."""
    return day.strftime("%d.%m.%Y") if day else ""


def fmt_time(value: dt.time) -> str:
    return value.strftime("%H:%M")


def fmt_hours(minutes: int, hour_minutes: int) -> str:
    return format_hours(minutes, hour_minutes)


def people_count(n: int) -> str:
    return f"{n} " + plural(n, tr("osoba"), tr("osoby"), tr("osób"))


def end_reasons() -> dict[str, str]:
    """docs/domain.md#participants end reasons, in the order a leader thinks of them."""
    return {
        "completed": tr("ukończenie"),
        "employment": tr("podjęcie zatrudnienia"),
        "cooperative": tr("założenie lub przystąpienie do spółdzielni socjalnej"),
        "business": tr("podjęcie działalności gospodarczej"),
        "resigned": tr("rezygnacja uczestnika"),
        "removed": tr("skreślenie (decyzja kierownika)"),
        "moved_to_cis": tr("przejście do CIS"),
        "other": tr("inne"),
    }


def referral_sources() -> dict[str, str]:
    return {
        "": tr("— nie podano —"),
        "ops": tr("ośrodek pomocy społecznej (OPS)"),
        "pup": tr("powiatowy urząd pracy (PUP)"),
        "self": tr("z własnej inicjatywy"),
        "other": tr("inna instytucja"),
    }


def contract_statuses() -> dict[str, str]:
    """Kontrakt socjalny / IPZS (docs/domain.md#kontrakt-ipzs)."""
    return {
        "in_progress": tr("w realizacji"),
        "realised": tr("zrealizowany"),
        "not_realised": tr("niezrealizowany"),
        "terminated": tr("rozwiązany"),
    }


def goal_statuses() -> dict[str, str]:
    return {
        "in_progress": tr("w toku"),
        "achieved": tr("osiągnięty"),
        "not_achieved": tr("nieosiągnięty"),
    }


def participant_kinds() -> dict[str, str]:
    """docs/domain.md#participants: art. 1 ust. 2, or an employee of a social enterprise (art. 18 ust. 10)."""
    return {
        "art1": tr("osoba z art. 1 ust. 2 ustawy (kategorie w zakładce Kategorie)"),
        "social_enterprise": tr(
            "pracownik przedsiębiorstwa społecznego (bez kategorii, kontraktu i świadczenia)"
        ),
    }


def entitlement_labels() -> dict[str, str]:
    """Art. 1 ust. 3 of the act, in its order."""
    return {
        "unemployment_benefit": tr("zasiłku dla bezrobotnych"),
        "pre_retirement_benefit": tr("zasiłku przedemerytalnego"),
        "pre_retirement_allowance": tr("świadczenia przedemerytalnego"),
        "structural_pension": tr("renty strukturalnej"),
        "disability_pension": tr("renty z tytułu niezdolności do pracy"),
        "retirement_pension": tr("emerytury"),
        "teacher_compensation": tr("nauczycielskiego świadczenia kompensacyjnego"),
    }


def education_levels() -> dict[str, str]:
    return {
        "": tr("— nie podano —"),
        "none": tr("brak / niepełne podstawowe"),
        "primary": tr("podstawowe"),
        "lower_secondary": tr("gimnazjalne"),
        "vocational": tr("zasadnicze zawodowe / branżowe"),
        "secondary": tr("średnie"),
        "post_secondary": tr("policealne"),
        "higher": tr("wyższe"),
    }


def categories() -> dict[int, str]:
    """Art. 1 ust. 2 of the act (docs/domain.md#categories)."""
    return category_names()


def activity_kinds() -> dict[str, str]:
    return {"group": tr("grupowe"), "individual": tr("indywidualne")}


def activity_areas() -> dict[str, str]:
    return {"social": tr("reintegracja społeczna"), "vocational": tr("reintegracja zawodowa")}


def mark_names() -> dict[str, str]:
    return {
        "present": tr("obecny"),
        "excused": tr("nieobecność usprawiedliwiona"),
        "absent": tr("nieobecność nieusprawiedliwiona"),
        "partial": tr("obecność częściowa"),
    }


def short_mark_names() -> dict[str, str]:
    return {
        "present": tr("obecny"),
        "excused": tr("usprawiedliwiona"),
        "absent": tr("nieusprawiedliwiona"),
        "partial": tr("częściowo"),
    }


# One key per mark for typing from the paper lists (O, U, N, C: the Polish initials).
MARK_LETTERS = {"present": "O", "excused": "U", "absent": "N", "partial": "C"}


def mark_text(mark: str | None, minutes: int | None = None) -> str:
    """The short cell text: O, U, N or "C 90" (partial, minutes)."""
    if mark is None:
        return ""
    letter = MARK_LETTERS.get(mark, "?")
    return f"{letter} {minutes}" if mark == "partial" and minutes is not None else letter
