"""Polish text for the error codes of the core: office, participants, journal, CLI input."""

from __future__ import annotations

from kisdesk.i18n import tr


def plural(n: int, one: str, few: str, many: str) -> str:
    """Polish plural: 1 wiersz, 2–4 wiersze (not 12–14), 5 wierszy, 22 wiersze. Qt-free, so
    the command line and the GUI say counts alike (the one rule of the whole program)."""
    if n == 1:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


def staff_ratio_text(participants: int, staff: int) -> str:
    """Art. 11 ust. 3's warning: "13 uczestników na 1 prowadzącego – najwyżej 10 na osobę
    (art. 11 ust. 3)", as the journal's command and the dashboard say it."""
    leaders = plural(staff, tr("prowadzącego"), tr("prowadzących"), tr("prowadzących"))
    return tr("{n} uczestników na {s} {leaders} – najwyżej 10 na osobę (art. 11 ust. 3)").format(
        n=participants, s=staff, leaders=leaders
    )


def participant_statuses(sex: str | None = None) -> dict[str, str]:
    """A participant's status in words; "zakończył" / "zakończyła" when the person's sex is
    known, "zakończył(a)" only when it is not. The window, the command line and the
    workbooks say it alike."""
    ended = {"K": tr("zakończyła"), "M": tr("zakończył")}.get(sex or "", tr("zakończył(a)"))
    return {
        "active": tr("uczestniczy"),
        "ended": ended,
        "planned": tr("planowany start"),
        "none": tr("bez okresu"),
    }


# Art. 1 ust. 2 of the act (docs/domain.md#categories): the category, never a diagnosis;
# 9 stands for the open end of the list ("w szczególności"). The one home of these names:
# forms, lists, documents, workbooks and the RODO data pack all read them here.
CATEGORY_NAMES: dict[int, str] = {
    1: "bezdomni realizujący indywidualny program wychodzenia z bezdomności",
    2: "uzależnieni od alkoholu",
    3: "uzależnieni od narkotyków lub innych środków odurzających",
    4: "osoby z zaburzeniami psychicznymi",
    5: "długotrwale bezrobotni w rozumieniu ustawy o rynku pracy i służbach zatrudnienia",
    6: "zwalniani z zakładów karnych",
    7: "uchodźcy realizujący indywidualny program integracji",
    8: "osoby niepełnosprawne",
    9: "inne osoby zagrożone wykluczeniem społecznym",
}

MONTH_NAMES = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)
# "15 marca 2027 r.": the genitive Polish dates take
MONTH_NAMES_GENITIVE = (
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
)


def category_name(number: int) -> str:
    """The Polish name of an art. 1 ust. 2 category, through the translator at call time."""
    name = CATEGORY_NAMES.get(number)
    return tr(name) if name is not None else str(number)


def category_names() -> dict[int, str]:
    return {number: category_name(number) for number in CATEGORY_NAMES}


def month_name(year: int, month: int) -> str:
    """ "marzec 2027"."""
    return f"{tr(MONTH_NAMES[month - 1])} {year}"


def month_name_genitive(month: int) -> str:
    return tr(MONTH_NAMES_GENITIVE[month - 1])


MESSAGES: dict[str, str] = {
    # database
    "db.not_kisdesk": tr(
        "Ten plik nie jest bazą danych kisdesk. Wskaż właściwy plik bazy albo pusty plik."
    ),
    "db.newer_than_program": tr(
        "Baza danych pochodzi z nowszej wersji programu kisdesk (wersja schematu {revision}). "
        "Zainstaluj nowszą wersję programu; baza nie została zmieniona."
    ),
    "db.pragma_failed": tr(
        "Nie udało się ustawić bezpiecznego trybu zapisu bazy ({pragma}). "
        "Sprawdź, czy plik bazy leży na dysku lokalnym."
    ),
    "db.cannot_open": tr("Nie można otworzyć bazy danych: {reason}"),
    # access
    "access.denied": tr("Twoja rola ({role}) nie pozwala na tę czynność."),
    "record.conflict": tr(
        "Tego zapisu nie można zachować: w międzyczasie zapisano taki sam lub powiązany wpis "
        "(np. na innym komputerze). Odśwież dane i sprawdź, czy zmiana jest jeszcze potrzebna."
    ),
    "record.changed_meanwhile": tr(
        "Ktoś inny zmienił ten zapis w międzyczasie. Odśwież dane i wprowadź zmiany ponownie."
    ),
    # office
    "office.missing": tr("Placówka nie została jeszcze założona. Użyj polecenia: {cli} init"),
    "office.exists": tr("Placówka jest już założona w tej bazie danych."),
    "office.bad_kind": tr("Rodzaj placówki musi być jednym z: {allowed} (podano: {value})."),
    "office.name_required": tr("Podaj pełną nazwę placówki."),
    "office.operator_name_required": tr("Podaj nazwę podmiotu prowadzącego."),
    "office.bad_legal_form": tr("Nieznana forma prawna „{value}”. Dozwolone: {allowed}."),
    "office.bad_nip": tr("NIP „{value}” jest niepoprawny (błędna suma kontrolna lub długość)."),
    "office.bad_regon": tr("REGON „{value}” jest niepoprawny (błędna suma kontrolna lub długość)."),
    "office.bad_krs": tr("Numer KRS „{value}” jest niepoprawny (10 cyfr)."),
    "office.started_before_created": tr(
        "Data rozpoczęcia działalności nie może być wcześniejsza niż data utworzenia."
    ),
    # settings
    "settings.unknown_key": tr("Nie ma ustawienia „{key}”. Dostępne: {known}."),
    "settings.not_int": tr("Ustawienie {key} wymaga liczby całkowitej (podano: {value})."),
    "settings.not_bool": tr("Ustawienie {key} wymaga wartości tak/nie (podano: {value})."),
    "settings.out_of_range": tr(
        "Wartość {value} ustawienia {key} jest poza dozwolonym zakresem {min}–{max}."
    ),
    "settings.bad_pattern": tr(
        "Wzór numeru „{value}” jest niepoprawny: może zawierać tylko pola {{n}} (kolejny "
        "numer, także np. {{n:03d}}) i {{year}} (rok) oraz zwykły tekst, np. {{n}}/{{year}}."
    ),
    "settings.pattern_needs_n": tr(
        "Wzór numeru musi zawierać {{n}} (kolejny numer), np. {{n}}/{{year}}."
    ),
    "settings.weekly_min_above_max": tr(
        "Minimalny tygodniowy pobyt ({min} godz.) nie może przekraczać maksymalnego ({max} godz.)."
    ),
    # participants
    "participant.not_found": tr("Nie ma uczestnika o numerze {id}."),
    "participant.first_name_required": tr("Podaj imię uczestnika."),
    "participant.last_name_required": tr("Podaj nazwisko uczestnika."),
    "participant.bad_sex": tr("Płeć musi być K albo M (podano: {value})."),
    "participant.birth_date_required": tr("Bez numeru PESEL podaj datę urodzenia."),
    "participant.sex_required": tr("Bez numeru PESEL podaj płeć (K lub M)."),
    "participant.document_required": tr(
        "Bez numeru PESEL podaj dokument tożsamości (rodzaj i numer)."
    ),
    "participant.born_in_future": tr("Data urodzenia nie może być w przyszłości."),
    "participant.sensitive_category_denied": tr(
        "Twoje konto nie ma dostępu do kategorii dotyczących zdrowia (art. 9 RODO), więc nie "
        "może ich zapisać (kategoria {categories}). Nic nie zostało zapisane; poproś o to "
        "osobę z takim dostępem albo zapisz uczestnika bez tej kategorii."
    ),
    "participant.born_too_early": tr(
        "Data urodzenia {birth_date} jest nieprawdopodobna (wcześniejsza niż {earliest}). "
        "Sprawdź PESEL albo datę urodzenia."
    ),
    "period.start_too_early": tr(
        "Data rozpoczęcia uczestnictwa {start} jest nieprawdopodobna: kluby i centra "
        "integracji społecznej działają od 2004 r. Podaj datę od roku {first_year}."
    ),
    "period.start_before_birth": tr(
        "Uczestnictwo nie może zaczynać się ({start}) przed datą urodzenia ({born})."
    ),
    "participant.bad_category": tr(
        "Kategoria {value} nie istnieje. Kategorie art. 1 ust. 2 mają numery 1–9."
    ),
    "participant.bad_referral": tr("Nieznane źródło skierowania „{value}”. Dozwolone: {allowed}."),
    "participant.bad_education": tr("Nieznany poziom wykształcenia „{value}”."),
    "participant.duplicate_pesel": tr(
        "Osoba z numerem PESEL {pesel} jest już w ewidencji: {existing_name} (nr {existing_id}). "
        "Otwórz jej kartę i dodaj nowy okres uczestnictwa zamiast nowej osoby "
        "(w wierszu poleceń: {cli} participant enroll {existing_id} --start RRRR-MM-DD)."
    ),
    "pesel.format": tr("PESEL musi mieć 11 cyfr (podano: {value})."),
    "pesel.checksum": tr(
        "PESEL {value} ma błędną cyfrę kontrolną. Sprawdź, czy wszystkie cyfry są przepisane dobrze."
    ),
    "pesel.date": tr("PESEL {value} zawiera datę urodzenia, która nie istnieje."),
    "pesel.lost_leading_zero": tr(
        "PESEL {value} ma 10 cyfr – prawdopodobnie Excel usunął zero z przodu. "
        "Poprawny numer to zapewne {suggestion}."
    ),
    "pesel.birth_date_mismatch": tr(
        "Data urodzenia nie zgadza się z numerem PESEL {pesel} (wynika z niego {pesel_birth_date})."
    ),
    "pesel.sex_mismatch": tr(
        "Płeć nie zgadza się z numerem PESEL {pesel} (wynika z niego płeć {pesel_sex})."
    ),
    # participation
    "participation.not_found": tr("Nie ma okresu uczestnictwa o numerze {id}."),
    "participation.overlap": tr(
        "Ta osoba ma już okres uczestnictwa w tym czasie (od {start} do {end}). "
        "Zakończ go albo popraw daty."
    ),
    "participation.none_open": tr(
        "Uczestnik nr {participant_id} nie ma trwającego okresu uczestnictwa do zakończenia."
    ),
    "participation.already_ended": tr("Ten okres uczestnictwa został już zakończony ({end})."),
    "participation.bad_reason": tr(
        "Nieznana przyczyna zakończenia „{value}”. Dozwolone: {allowed}."
    ),
    "period.end_before_start": tr(
        "Data zakończenia uczestnictwa nie może być wcześniejsza niż data rozpoczęcia ({start})."
    ),
    "period.cis_too_long": tr(
        "Planowany koniec {planned} wypada po najpóźniejszym możliwym końcu uczestnictwa w CIS "
        "({latest}: najwyżej {months} miesięcy razem z okresem próbnym). Podaj wcześniejszą datę."
    ),
    "period.planned_end_before_start": tr(
        "Planowana data zakończenia nie może być wcześniejsza niż data rozpoczęcia ({start})."
    ),
    # groups and staff
    "group.not_found": tr("Nie ma grupy o numerze {id}."),
    "group.choose": tr("Wskaż grupę: --group NAZWA (grupy w biurze: {names})."),
    "group.unknown": tr("Nie ma grupy „{name}”. Dodaj ją poleceniem: {cli} group add NAZWA"),
    "group.exists": tr("Grupa „{name}” już istnieje."),
    "group.name_required": tr("Podaj nazwę grupy."),
    "group.end_before_start": tr("Koniec grupy nie może być przed jej początkiem."),
    "staff.not_found": tr("Nie ma pracownika o numerze {id}."),
    "staff.unknown": tr("Nie ma w kadrze osoby „{name}”."),
    "staff.name_required": tr("Podaj nazwisko pracownika."),
    "staff.bad_basis": tr("Nieznana podstawa zatrudnienia „{value}”. Dozwolone: {allowed}."),
    "staff.end_before_start": tr("Koniec zatrudnienia nie może być przed jego początkiem."),
    # activities and attendance
    "activity.not_found": tr("Nie ma zajęć o numerze {id}."),
    "activity.end_before_start": tr(
        "Godzina zakończenia ({end}) musi być późniejsza niż godzina rozpoczęcia ({start})."
    ),
    "activity.bad_kind": tr("Rodzaj zajęć musi być jednym z: {allowed} (podano: {value})."),
    "activity.bad_area": tr("Obszar zajęć musi być jednym z: {allowed} (podano: {value})."),
    "activity.topic_required": tr("Podaj temat zajęć."),
    "activity.group_required": tr("Zajęcia grupowe wymagają wskazania grupy."),
    "activity.participant_required": tr("Zajęcia indywidualne wymagają wskazania uczestnika."),
    "activity.participant_not_active": tr(
        "{name} nie uczestniczy w zajęciach w dniu {date} (brak okresu uczestnictwa)."
    ),
    "activity.overlap_group": tr(
        "Grupa „{group}” ma już w tym czasie zajęcia nr {id}: {date}, {start}–{end} "
        "(„{topic}”). Nie dodano drugich. Jeśli mają się odbyć równolegle (np. w dwóch salach), "
        "dodaj je mimo to (w wierszu poleceń: --allow-overlap)."
    ),
    "activity.overlap_participant": tr(
        "{name} ma już w tym czasie zajęcia nr {id}: {date}, {start}–{end} („{topic}”). "
        "Nie dodano drugich. Jeśli tak ma być, dodaj je mimo to "
        "(w wierszu poleceń: --allow-overlap)."
    ),
    "activity.repeat_until_before": tr(
        "Data „do” ({until}) jest wcześniejsza niż pierwszy termin ({first}). "
        "Podaj późniejszą datę końca powtarzania."
    ),
    "activity.repeat_too_long": tr(
        "Powtarzanie do {until} to więcej niż {days} dni. Podaj datę końca w ciągu roku."
    ),
    "activity.repeat_bad_weekday": tr(
        "Dzień tygodnia musi być liczbą od 1 (poniedziałek) do 7 (niedziela); podano: {value}."
    ),
    "activity.copy_source_empty": tr(
        "Grupa nie ma zajęć od {first} do {last} – nie ma czego kopiować. "
        "Wybierz tydzień albo miesiąc, w którym są zajęcia."
    ),
    "activity.copy_same_period": tr(
        "Okres docelowy ({first} – {last}) nakłada się na kopiowany. Wybierz inny tydzień "
        "albo miesiąc docelowy."
    ),
    "activity.series_empty": tr(
        "Na liście nie ma żadnych zajęć do dodania (wszystkie terminy pominięte). "
        "Nic nie zapisano."
    ),
    # The window selects the refused row itself ({row}); the text names the class by its
    # date, which reads the same from `activity repeat|copy` on the command line.
    "activity.series_row": tr("Zajęcia {date}: {reason} Nie zapisano żadnych zajęć z listy."),
    "form.name_required": tr("Podaj nazwę formy zajęć."),
    "form.exists": tr("Forma zajęć „{name}” już jest w słowniku."),
    "form.not_found": tr("Nie ma takiej formy zajęć."),
    "attendance.bad_mark": tr(
        "Nieznane oznaczenie obecności „{value}”. Dozwolone: present, excused, absent, partial."
    ),
    "attendance.future_activity": tr(
        "Zajęcia z dnia {date} jeszcze się nie odbyły – obecność wpisuje się po zajęciach."
    ),
    "attendance.not_participating": tr(
        "{name} nie jest uczestnikiem w dniu {date} – nie można wpisać obecności."
    ),
    "attendance.partial_needs_minutes": tr(
        "Przy obecności częściowej podaj liczbę minut (--minutes)."
    ),
    "attendance.partial_out_of_range": tr(
        "Obecność częściowa: {minutes} min to więcej niż trwały zajęcia ({length} min) albo zero."
    ),
    "attendance.not_expected": tr(
        "Uczestnik nr {participant_id} nie jest oczekiwany na zajęciach nr {activity_id}."
    ),
    # command line input
    "cli.bad_date": tr("Niepoprawna data „{value}”. Użyj formatu RRRR-MM-DD, np. 2027-03-15."),
    "cli.bad_time": tr("Niepoprawna godzina „{value}”. Użyj formatu GG:MM, np. 09:00."),
    "cli.bad_month": tr("Niepoprawny miesiąc „{value}”. Użyj formatu RRRR-MM, np. 2027-03."),
    "cli.copy_period_pair": tr(
        "Kopiuj tydzień na tydzień (--week i --to-week) albo miesiąc na miesiąc "
        "(--month i --to-month)."
    ),
    "cli.bad_week": tr("Niepoprawny tydzień „{value}”. Użyj formatu RRRR-Www, np. 2027-W11."),
    "cli.nothing_to_change": tr(
        'Nie podano, co zmienić. Podaj co najmniej jedno pole, np. --first-name "Anna" '
        "(lista: kisdesk participant edit --help)."
    ),
    "cli.bad_int": tr("„{value}” nie jest liczbą całkowitą ({what})."),
    "cli.int_out_of_range": tr(
        "Liczba „{value}” ({what}) jest spoza dopuszczalnego zakresu {low}…{high}."
    ),
    "cli.date_out_of_range": tr(
        "Data „{value}” jest nieprawdopodobna: podaj datę z lat {first}–{last}."
    ),
    "cli.year_out_of_range": tr(
        "Rok w „{value}” jest spoza zakresu ewidencji placówki: podaj rok z lat {first}–{last}."
    ),
    "cli.bad_partial": tr("Obecność częściowa ma postać ID=MINUTY, np. 12=90 (podano: {value})."),
    "cli.need_pesel_or_birth": tr(
        "Podaj --pesel albo (dla osoby bez numeru PESEL) --birth-date, --sex i --document."
    ),
}
