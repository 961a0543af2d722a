"""Polish text for the CIS money: absences, benefits, premia and closed months."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    "settings.not_percent": tr(
        "Ustawienie {key} wymaga wartości procentowej od 0 do 100, np. 19,52 (podano: {value})."
    ),
    # closed months
    "month.closed": tr(
        "Miesiąc {month} jest zamknięty – jego dziennika, obecności, nieobecności, świadczeń "
        "i premii nie można zmieniać. Aby wprowadzić korektę, kierownik musi najpierw otworzyć "
        'miesiąc ponownie, podając powód: kisdesk month reopen {month} --reason "…" '
        "(w programie: Świadczenia → Otwórz miesiąc)."
    ),
    "month.already_closed": tr("Miesiąc {month} jest już zamknięty."),
    "month.not_closed": tr("Miesiąc {month} nie jest zamknięty – nie trzeba go otwierać."),
    "month.reason_required": tr(
        "Podaj powód ponownego otwarcia miesiąca {month} (np. korekta zwolnienia lekarskiego)."
    ),
    "cli.month_required": tr("Podaj miesiąc: kisdesk benefit --month RRRR-MM."),
    # absences
    "absence.bad_kind": tr(
        "Nieznany rodzaj nieobecności „{value}”. Dozwolone: sick (L4), day_off (dzień wolny), "
        "excused (usprawiedliwiona), unexcused (nieusprawiedliwiona)."
    ),
    "absence.to_before_from": tr(
        "Data końcowa nieobecności ({end}) jest wcześniejsza niż początkowa ({start})."
    ),
    "absence.not_participating": tr(
        "{name} nie uczestniczy w zajęciach w dniu {date} – nie można wpisać nieobecności."
    ),
    "absence.after_end": tr(
        "Nieobecność wykracza poza koniec uczestnictwa ({name}: do {end}). Skróć okres nieobecności."
    ),
    "absence.overlaps": tr(
        "W tych dniach jest już wpisana nieobecność nr {id} ({start} – {end}). Usuń ją albo "
        "wybierz inne dni."
    ),
    "absence.many_days": tr(
        "Ten dzień należy do nieobecności nr {id} ({start} – {end}) obejmującej kilka dni; "
        "usuń ją w całości (kisdesk absence delete {id}) i wpisz na nowo właściwe dni."
    ),
    "absence.not_found": tr("Nie ma nieobecności o numerze {id}."),
    "absence.day_off_in_trial": tr(
        "Dni wolnych nie udziela się w okresie próbnym (trwa do {trial_end}; art. 15 ust. 6a "
        "dotyczy okresu uczestnictwa po okresie próbnym)."
    ),
    "absence.day_off_limit": tr(
        "Przekroczony limit dni wolnych: wykorzystano {used} z {limit}, wniosek obejmuje {wanted} "
        "(art. 15 ust. 6a). Takiego dnia nie można udzielić jako dnia wolnego."
    ),
    "cis.readiness_far_future": tr(
        "Data {date} jest zbyt odległa – wpisz datę szkolenia, badania lub wydania odzieży."
    ),
    "participation.none_on": tr("{name} nie ma okresu uczestnictwa obejmującego dzień {date}."),
    # benefits
    "benefit.no_rate": tr(
        "Brak stawki świadczenia integracyjnego obowiązującej 1. dnia miesiąca {month}. Dodaj ją: "
        "kisdesk benefit rate-set --from RRRR-06-01 --amount KWOTA."
    ),
    "benefit.rate_not_first_day": tr(
        "Stawka obowiązuje od pierwszego dnia miesiąca (zwykle 1 czerwca); podano {date}."
    ),
    "benefit.rate_not_positive": tr("Kwota stawki musi być większa od zera (podano {amount})."),
    "benefit.bad_amount": tr(
        "Kwota „{value}” jest niepoprawna. Podaj złote i grosze, np. 2140.68 albo 2140,68."
    ),
    "benefit.premium_reason_required": tr(
        "Podaj uzasadnienie premii motywacyjnej (aktywna postawa i postępy, art. 15a)."
    ),
    "benefit.premium_negative": tr("Kwota premii nie może być ujemna."),
    "benefit.premium_over_rate": tr(
        "Premia {amount} zł przekracza 100% świadczenia integracyjnego ({rate} zł; art. 15a)."
    ),
    "benefit.premium_in_trial": tr(
        "Premii motywacyjnej nie przyznaje się w okresie próbnym (trwa do {trial_end}; art. 15a)."
    ),
    "benefit.not_participating": tr("{name} nie uczestniczy w zajęciach w miesiącu {month}."),
    "benefit.premium_not_found": tr("Nie ma premii o numerze {id}."),
    "benefit.cis_only": tr(
        "Świadczenia integracyjne wypłaca centrum integracji społecznej (CIS); ta placówka jest "
        "klubem (KIS)."
    ),
}
