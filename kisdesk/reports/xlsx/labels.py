"""Polish names of the codes that appear in the workbooks (docs/domain.md#participants)."""

from __future__ import annotations

from kisdesk.i18n import tr
from kisdesk.messages.core import category_name


def category(number: int) -> str:
    """ "5 – długotrwale bezrobotni": art. 1 ust. 2 of the act, number first for sorting."""
    return f"{number} – {category_name(number)}"


NO_CATEGORY = tr("bez kategorii")

END_REASON = {
    "completed": tr("ukończenie"),
    "employment": tr("podjęcie zatrudnienia"),
    "cooperative": tr("założenie lub przystąpienie do spółdzielni socjalnej"),
    "business": tr("podjęcie działalności gospodarczej"),
    "resigned": tr("rezygnacja uczestnika"),
    "removed": tr("skreślenie"),
    "moved_to_cis": tr("przejście do CIS"),
    "other": tr("inne"),
}

SEX = {"K": tr("K"), "M": tr("M")}

REFERRAL = {
    "": "",
    "ops": tr("OPS"),
    "pup": tr("PUP"),
    "self": tr("z własnej inicjatywy"),
    "other": tr("inna instytucja"),
}

MONTH_STATUS = {"met": tr("spełnione"), "short": tr("niespełnione"), "in_progress": tr("w toku")}
WEEK_STATUS = {**MONTH_STATUS, "over": tr("ponad limit")}

AREA = {"social": tr("reintegracja społeczna"), "vocational": tr("reintegracja zawodowa")}
