"""Messages about text that cannot be stored, and the Polish names of the fields."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    "text.control_character": tr(
        "Pole „{label}” zawiera niedozwolony znak sterujący ({char}, znak nr {position}). "
        "Usuń go (wpisz tekst ponownie, bez wklejania) i zapisz jeszcze raz."
    ),
    "text.too_long": tr(
        "Pole „{label}” jest za długie: {length} znaków, a można wpisać najwyżej {limit}. "
        "Skróć je i zapisz jeszcze raz."
    ),
}

# Column names (or table.column) as the forms call them; anything else shows its own name.
FIELD_LABELS: dict[str, str] = {
    "first_name": tr("imię"),
    "last_name": tr("nazwisko"),
    "full_name": tr("imię i nazwisko"),
    "id_document": tr("dokument tożsamości"),
    "street": tr("ulica i numer"),
    "postal_code": tr("kod pocztowy"),
    "city": tr("miejscowość"),
    "gmina": tr("gmina"),
    "powiat": tr("powiat"),
    "phone": tr("telefon"),
    "fax": tr("faks"),
    "email": tr("e-mail"),
    "referral_institution": tr("instytucja kierująca"),
    "referral_number": tr("numer skierowania"),
    "contract_number": tr("numer kontraktu"),
    "contract_institution": tr("instytucja zawierająca kontrakt"),
    "contract_social_worker": tr("pracownik socjalny"),
    "notes": tr("uwagi"),
    "note": tr("notatka"),
    "consents": tr("zgody"),
    "restricted_reason": tr("powód ograniczenia przetwarzania"),
    "topic": tr("temat"),
    "form": tr("forma zajęć"),
    "place": tr("miejsce"),
    "partner": tr("partner"),
    "name": tr("nazwa"),
    "head_name": tr("osoba kierująca"),
    "register_number": tr("numer w rejestrze"),
    "role": tr("stanowisko"),
    "working_time": tr("wymiar czasu pracy"),
    "reason": tr("powód"),
    "override_reason": tr("powód"),
    "cancel_reason": tr("powód anulowania"),
    "issued_by": tr("wystawił(a)"),
    "login": tr("nazwa użytkownika"),
    "value": tr("wartość"),
    "new_value": tr("wartość"),
    "absence.document": tr("seria i numer zwolnienia lekarskiego"),
    "benefit_premium.reason": tr("uzasadnienie premii"),
    "month_closure.reopen_reason": tr("powód ponownego otwarcia miesiąca"),
    "outcome_note": tr("uwagi do wyniku"),
    "end_note": tr("uwagi do zakończenia"),
    "follow_up.note": tr("uwagi do kontaktu"),
}


def field_label(table: str, column: str) -> str:
    return FIELD_LABELS.get(f"{table}.{column}") or FIELD_LABELS.get(column) or column
