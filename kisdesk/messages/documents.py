"""Polish text for the error codes of documents: certificates, forms, printouts."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    "document.bad_kind": tr("Nieznany rodzaj dokumentu „{value}”."),
    "document.not_found": tr("Nie ma w rejestrze dokumentu o numerze wewnętrznym {id}."),
    "document.number_not_found": tr("W rejestrze wydanych dokumentów nie ma numeru „{number}”."),
    "document.number_ambiguous": tr(
        "Numer „{number}” występuje w rejestrze kilka razy (różne lata). Podaj także rok."
    ),
    "document.number_busy": tr(
        "Nie udało się nadać numeru dokumentu – inne stanowisko wydaje właśnie dokumenty. "
        "Spróbuj ponownie za chwilę."
    ),
    "document.bad_pattern": tr(
        "Wzór numeru zaświadczenia „{pattern}” jest niepoprawny. Dozwolone pola: {{n}} i {{year}}, "
        "np. {{n}}/{{year}}."
    ),
    "document.before_start": tr(
        "Data wydania nie może być wcześniejsza niż początek uczestnictwa ({start})."
    ),
    "document.skills_required": tr(
        "Zaświadczenie centrum integracji społecznej musi wymieniać umiejętności nabyte "
        "w ramach reintegracji zawodowej i społecznej (art. 13 ust. 5a ustawy). Wpisz je przy wydawaniu (w wierszu poleceń: --skills)."
    ),
    "document.not_ended": tr(
        "Uczestnictwo (od {start}) nie zostało zakończone w dniu wydania, więc nie można wydać "
        "zaświadczenia o zakończeniu uczestnictwa. Najpierw zakończ uczestnictwo (data zakończenia: {end})."
    ),
    "document.already_issued": tr(
        "Dla tego okresu uczestnictwa wydano już zaświadczenie tego rodzaju: nr {number} "
        "z dnia {issued_on}. Wydrukuj je ponownie albo duplikat zamiast wydawać nowe."
    ),
    "document.not_eligible": tr(
        "Nie można wydać zaświadczenia o uzyskaniu statusu absolwenta (art. 2 pkt 1a–1b "
        "ustawy) – brakuje: {missing}. Okres od {start} do {end}. Kierownik może wydać "
        "zaświadczenie mimo to, podając pisemne uzasadnienie (w wierszu poleceń: --override)."
    ),
    "document.cancelled": tr(
        "Zaświadczenie nr {number} zostało anulowane ({reason}) i nie może być drukowane."
    ),
    "document.health_data": tr(
        "Dokument nr {number} pokazuje dni zwolnień lekarskich (L4) – dane o zdrowiu "
        "(art. 9 RODO). Ponownie wydrukuje go kierownik albo osoba z dostępem do danych "
        "zastrzeżonych."
    ),
    "document.already_cancelled": tr("Dokument nr {number} jest już anulowany."),
    "document.cancel_reason_required": tr("Podaj powód anulowania dokumentu."),
    "document.kis_only": tr("Ten formularz dotyczy klubu integracji społecznej (KIS)."),
    "document.cis_only": tr("Ten formularz dotyczy centrum integracji społecznej (CIS)."),
    "cis.only": tr(
        "{what} – to obowiązek centrum integracji społecznej (CIS, art. 14 ustawy); placówka "
        "jest klubem (KIS). Nic nie zapisano."
    ),
    "document.no_activities": tr("Grupa „{group}” nie ma zajęć w dniu / miesiącu {date}."),
    "document.no_participation": tr("{name} nie ma żadnego okresu uczestnictwa."),
    "document.no_period": tr(
        "Uczestnik nr {participant_id} nie ma okresu uczestnictwa, dla którego można wydać zaświadczenie."
    ),
    "document.list_target": tr(
        "Wskaż zajęcia (--activity ID) albo grupę z dniem (--group NAZWA --date RRRR-MM-DD) "
        "lub miesiącem (--group NAZWA --month RRRR-MM)."
    ),
    "month_end.bad_kind": tr(
        "Nieznany dokument końca miesiąca „{value}”. Dostępne: attendance_sheet, journal, "
        "hours_report, next_lists."
    ),
    "month_end.nothing_chosen": tr("Zaznacz co najmniej jeden dokument do wydrukowania."),
    "month_end.no_groups": tr(
        "W miesiącu {month} nie działa żadna grupa. Dodaj grupę na stronie „Grupy” albo wybierz "
        "inny miesiąc."
    ),
    "month_end.out_not_folder": tr(
        "„{path}” nie jest folderem. Podaj folder, w którym zapisać dokumenty (--out FOLDER)."
    ),
    "document.cannot_write": tr("Nie można zapisać pliku {path}: {reason}"),
    "document.file_in_use": tr(
        "Nie można zapisać pliku {path} – jest otwarty w innym programie (np. w przeglądarce PDF). "
        "Zamknij go i spróbuj ponownie."
    ),
}


def document_kinds() -> dict[str, str]:
    """Polish names of every kind of document (docs/domain.md#documents): the register's, and the prints
    that appear in a participant's history and the audit log."""
    return {
        "ending_certificate": tr("zaświadczenie o zakończeniu uczestnictwa"),
        "graduate_certificate": tr("zaświadczenie o uzyskaniu statusu absolwenta"),
        "register_form": tr("zgłoszenie do rejestru KIS"),
        "closing_notice": tr("zgłoszenie zaprzestania prowadzenia klubu"),
        "annual_report": tr("sprawozdanie roczne dla wojewody"),
        "cis_application": tr("wniosek o przyznanie statusu CIS"),
        "cis_annual_report": tr("sprawozdanie roczne CIS"),
        "counselling_card": tr("karta doradztwa indywidualnego"),
        "advisory_card": tr("karta usług doradczych"),
        "trial_notice": tr("zawiadomienie OPS po okresie próbnym (art. 15 ust. 2)"),
        "ipzs_decision": tr("decyzja o zakończeniu IPZS (art. 13 ust. 4a)"),
        "authorisation": tr("upoważnienie do przetwarzania danych osobowych"),
        "attendance_list": tr("lista obecności"),
        "benefit_list": tr("lista wypłat świadczeń integracyjnych"),
        "refund_application": tr("wniosek o refundację świadczeń (art. 15 ust. 8)"),
        "benefits": tr("świadczenia integracyjne (xlsx)"),
        "monthly_programme": tr("miesięczny program zajęć (art. 14 ust. 1a)"),
        "meal_list": tr("lista posiłków (art. 14 ust. 4)"),
    }
