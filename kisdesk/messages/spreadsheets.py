"""Polish text for the error codes of spreadsheet exports and the participant import."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    # reading the file (docs/architecture.md#untrusted-files)
    "import.cannot_read": tr("Nie można odczytać pliku {path}."),
    "import.not_a_file": tr(
        "{path} nie jest zwykłym plikiem (to folder, potok albo urządzenie). Wskaż plik .xlsx."
    ),
    "import.too_many_rows_scanned": tr(
        "Arkusz ma ponad {limit} wierszy, licząc puste. Skopiuj samą tabelę do nowego "
        "skoroszytu albo usuń puste wiersze pod nią i wczytaj plik ponownie."
    ),
    "import.too_big": tr(
        "Plik jest za duży ({size_mb} MB). Można wczytać plik do {limit_mb} MB – "
        "usuń z niego zbędne arkusze lub obrazy."
    ),
    "import.old_xls": tr(
        "To plik w starym formacie Excela (.xls). Otwórz go w Excelu lub LibreOffice i zapisz "
        "jako „Skoroszyt programu Excel (.xlsx)”."
    ),
    "import.not_xlsx": tr("To nie jest skoroszyt Excela (.xlsx) albo plik jest uszkodzony."),
    "import.zip_bomb": tr(
        "Plik po rozpakowaniu byłby nieproporcjonalnie duży – odmowa wczytania ze względów "
        "bezpieczeństwa. Zapisz dane w nowym pliku .xlsx."
    ),
    "import.unsafe_xml": tr(
        "Plik zawiera niebezpieczne konstrukcje XML – odmowa wczytania. Zapisz dane w nowym "
        "pliku .xlsx."
    ),
    "import.no_such_sheet": tr("W pliku nie ma arkusza „{sheet}”. Arkusze: {sheets}."),
    "import.empty": tr("Arkusz jest pusty – nie ma czego wczytać."),
    "import.too_many_rows": tr("Arkusz ma więcej niż {limit} wierszy z danymi. Podziel plik."),
    "import.no_header": tr(
        "Nie znaleziono wiersza nagłówka z nazwami kolumn (np. „Nazwisko”, „Imię”, „PESEL”) "
        "w pierwszych 20 wierszach arkusza."
    ),
    # mapping columns to fields
    "import.unknown_field": tr("Nieznane pole „{field}”. Dostępne pola: {fields}."),
    "import.unknown_column": tr("W nagłówku nie ma kolumny „{column}”. Kolumny: {columns}."),
    "import.field_twice": tr("Pole „{field}” przypisano do dwóch kolumn – wybierz jedną."),
    "import.mapping_needs_names": tr(
        "Wskaż kolumny z imieniem i nazwiskiem (osobno albo razem w jednej kolumnie)."
    ),
    # problems of one row
    "import.formula_without_value": tr(
        "Kolumna „{column}” zawiera formułę bez obliczonej wartości – otwórz plik w Excelu, "
        "zapisz go ponownie i wczytaj jeszcze raz."
    ),
    "import.bad_date": tr(
        "{field}: „{value}” nie jest datą. Użyj formatu DD.MM.RRRR, np. 15.03.2027."
    ),
    "import.bad_sex": tr("{field}: „{value}” – wpisz K (kobieta) albo M (mężczyzna)."),
    "import.bad_category": tr(
        "{field}: „{value}” – kategorie art. 1 ust. 2 to numery 1–9, np. „5” albo „2, 5”."
    ),
    "import.unknown_group": tr(
        "Nie ma grupy „{name}”. Dodaj ją w programie albo popraw nazwę w pliku."
    ),
    "import.start_required": tr(
        "Podano grupę lub planowane zakończenie, ale brak daty rozpoczęcia uczestnictwa."
    ),
    "import.name_usually_female": tr(
        "Imię „{name}” jest zwykle żeńskie, a płeć w tym wierszu (z numeru PESEL albo z kolumny "
        "płci) to mężczyzna – sprawdź, czy PESEL i imię są z tego samego wiersza."
    ),
    "import.name_usually_male": tr(
        "Imię „{name}” jest zwykle męskie, a płeć w tym wierszu (z numeru PESEL albo z kolumny "
        "płci) to kobieta – sprawdź, czy PESEL i imię są z tego samego wiersza."
    ),
    "import.pesel_zero_restored": tr(
        "PESEL {value} uzupełniono o zero z przodu (Excel je usunął): {pesel}."
    ),
    "import.duplicate_in_file": tr("Ta sama osoba jest już w wierszu {first_row} tego pliku."),
    "import.exists_in_db": tr(
        "Ta osoba jest już w ewidencji: {existing_name} (nr {existing_id}). Nowy okres "
        "uczestnictwa dodaj na jej karcie."
    ),
    # exports
    "export.cannot_write": tr("Nie można zapisać pliku {path}: {reason}"),
    "export.needs_period": tr("Podaj okres: --month RRRR-MM albo --year RRRR."),
    "export.needs_year": tr("Statystyka jest roczna: podaj --year RRRR."),
    "cli.bad_map": tr("Przypisanie kolumny ma postać „Nazwa kolumny=pole” (podano: {value})."),
}
