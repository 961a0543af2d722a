"""Polish text for the error codes of the demo office (kisdesk.demo)."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    "demo.not_empty": tr(
        "Placówkę demonstracyjną można utworzyć tylko w pustej bazie danych, a w tej są już "
        "placówka lub uczestnicy. Wskaż nowy plik bazy (np. --db demo.sqlite); "
        "istniejące dane nie zostały zmienione."
    ),
    "demo.bad_participants": tr(
        "Liczba uczestników placówki demonstracyjnej musi wynosić od 1 do {max} (podano: {value})."
    ),
    "demo.bad_years": tr(
        "Liczba lat historii placówki demonstracyjnej musi wynosić od 1 do {max} (podano: {value})."
    ),
}
