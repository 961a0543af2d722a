"""Polish text for moving data to another database."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kisdesk.i18n import tr

if TYPE_CHECKING:
    from kisdesk.db.transfer_check import TooLong

MESSAGES: dict[str, str] = {
    "transfer.source_empty": tr("Ta baza jest pusta – nie ma czego przenosić."),
    "transfer.target_unreachable": tr(
        "Nie można połączyć się z serwerem docelowej bazy danych: pod tym adresem i portem nikt "
        "nie odpowiada. Sprawdź nazwę serwera i port w adresie oraz czy serwer jest włączony i "
        "przyjmuje połączenia z tego komputera. Nic nie zostało skopiowane."
    ),
    "transfer.target_login_failed": tr(
        "Serwer docelowej bazy danych odrzucił logowanie: nieprawidłowa nazwa użytkownika lub "
        "hasło (albo serwer nie wpuszcza tego użytkownika z tego komputera). Sprawdź "
        "użytkownika i hasło w adresie. Nic nie zostało skopiowane."
    ),
    "transfer.target_database_missing": tr(
        "Na serwerze nie ma docelowej bazy danych o nazwie podanej w adresie. Utwórz na "
        "serwerze nową, pustą bazę (np. createdb) albo popraw nazwę w adresie. Nic nie zostało "
        "skopiowane."
    ),
    "transfer.target_file": tr(
        "Nie można utworzyć ani otworzyć docelowego pliku bazy. Sprawdź, czy folder istnieje i "
        "czy wolno w nim zapisywać. Nic nie zostało skopiowane."
    ),
    "transfer.target_failed": tr(
        "Nie można otworzyć docelowej bazy danych (szczegóły zapisano w dzienniku programu). "
        "Sprawdź adres, np. postgresql+psycopg://użytkownik:hasło@serwer/baza. Nic nie zostało "
        "skopiowane."
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
    "transfer.values_too_long": tr(
        "Nie przeniesiono danych: zapisane wcześniej wartości (liczba: {count}) są dłuższe, "
        "niż pozwala docelowa baza (program nie sprawdzał wtedy długości):\n{items}\n"
        "Skróć je w programie: dane uczestnika poleceniem kisdesk participant edit NR "
        '--first-name "…" (opcje: kisdesk participant edit --help) albo w oknie uczestnika, '
        "inne wpisy w ich oknach. Potem uruchom migrate-to jeszcze raz. Docelowa baza "
        "pozostała nietknięta."
    ),
    "transfer.bad_url": tr(
        "Adres docelowej bazy „{value}” jest niepoprawny. Przykład: "
        "postgresql+psycopg://użytkownik:hasło@serwer/baza"
    ),
}


# Records as a message names them (the table's own name for any other).
RECORD_LABELS: dict[str, str] = {
    "participant": tr("uczestnik"),
    "staff": tr("pracownik"),
    "group": tr("grupa"),
    "activity": tr("zajęcia"),
    "activity_form": tr("forma zajęć"),
    "attendance": tr("obecność (zajęcia/uczestnik)"),
    "absence": tr("nieobecność"),
    "participation": tr("okres uczestnictwa"),
    "contract": tr("kontrakt"),
    "contract_goal": tr("cel kontraktu"),
    "office": tr("dane placówki"),
    "operator": tr("podmiot prowadzący"),
    "user_account": tr("konto użytkownika"),
    "authorisation": tr("upoważnienie"),
    "issued_document": tr("wydany dokument"),
    "follow_up": tr("kontakt po zakończeniu"),
}
SHOWN = 30  # at most this many lines; the rest counted


def describe(items: Sequence[TooLong]) -> str:
    """One line per value: record and number, field, length and limit; never the value."""
    lines = [
        tr("  • {record} nr {id}: pole „{label}” ma {length} znaków, najwyżej {limit}").format(
            record=RECORD_LABELS.get(i.table, i.table),
            id=i.record_id,
            label=i.label,
            length=i.length,
            limit=i.limit,
        )
        for i in items[:SHOWN]
    ]
    if len(items) > SHOWN:
        lines.append(tr("  • i {n} więcej").format(n=len(items) - SHOWN))
    return "\n".join(lines)
