"""Polish names of the codes that appear in the workbooks (SPEC §2)."""

from __future__ import annotations

from kisdesk.i18n import tr

# Art. 1 ust. 2 of the act on social employment (SPEC §2); 9 "inne": the list is open.
CATEGORY = {
    1: tr("1 – bezdomni realizujący program wychodzenia z bezdomności"),
    2: tr("2 – uzależnieni od alkoholu"),
    3: tr("3 – uzależnieni od narkotyków lub innych środków odurzających"),
    4: tr("4 – osoby z zaburzeniami psychicznymi"),
    5: tr("5 – długotrwale bezrobotni (URP art. 2 pkt 4)"),
    6: tr("6 – zwalniani z zakładów karnych"),
    7: tr("7 – uchodźcy realizujący program integracji"),
    8: tr("8 – osoby niepełnosprawne"),
    9: tr("9 – inne"),
}
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

STATUS = {
    "active": tr("uczestniczy"),
    "ended": tr("zakończył(a)"),
    "planned": tr("planowany start"),
    "none": tr("bez okresu"),
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

MONTHS = (
    tr("styczeń"),
    tr("luty"),
    tr("marzec"),
    tr("kwiecień"),
    tr("maj"),
    tr("czerwiec"),
    tr("lipiec"),
    tr("sierpień"),
    tr("wrzesień"),
    tr("październik"),
    tr("listopad"),
    tr("grudzień"),
)


def month_name(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"
