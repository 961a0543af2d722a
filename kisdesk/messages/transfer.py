"""Polish text for moving data to another database."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    "transfer.source_empty": tr("Ta baza jest pusta – nie ma czego przenosić."),
    "transfer.target_unreachable": tr(
        "Nie można połączyć się z docelową bazą danych: {reason}. Sprawdź adres, nazwę "
        "użytkownika, hasło i czy serwer przyjmuje połączenia."
    ),
    "transfer.revision_mismatch": tr(
        "Docelowa baza ma inną wersję schematu niż ta baza. Zaktualizuj program na obu komputerach."
    ),
    "transfer.target_not_empty": tr(
        "Docelowa baza zawiera już dane. Dane przenosi się tylko do pustej bazy, aby niczego nie "
        "nadpisać – utwórz nową, pustą bazę na serwerze."
    ),
    "transfer.count_mismatch": tr(
        "Po przeniesieniu liczby wierszy się nie zgadzają (tabele: {tables}). "
        "Nie używaj docelowej bazy; dane w tej bazie pozostały bez zmian."
    ),
    "transfer.leader_only": tr(
        "Przeniesienie danych do innej bazy może wykonać tylko kierownik (Twoja rola: {role}): "
        "kopia zawiera wszystkie dane placówki, także dane o zdrowiu i notatki z poradnictwa. "
        "Nic nie zostało skopiowane. Poproś kierownika o wykonanie tego polecenia."
    ),
    "transfer.bad_url": tr(
        "Adres docelowej bazy „{value}” jest niepoprawny. Przykład: "
        "postgresql+psycopg://użytkownik:hasło@serwer/baza"
    ),
}
