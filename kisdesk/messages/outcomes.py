"""Polish text for outcomes and follow-up (docs/outcomes.md): error codes and the names of
outcome kinds and contact results, shared by the GUI, the CLI and the documents."""

from __future__ import annotations

from kisdesk.i18n import tr

OUTCOME_LABELS: dict[str, str] = {
    "employment": tr("umowa o pracę"),
    "civil_contract": tr("umowa cywilnoprawna"),
    "business": tr("działalność gospodarcza"),
    "cooperative": tr("spółdzielnia socjalna"),
    "supported": tr("zatrudnienie wspierane / skierowanie z art. 16"),
    "internship": tr("staż lub prace społecznie użyteczne"),
    "education": tr("dalsza nauka lub kurs"),
    "moved_to_cis": tr("przejście do CIS"),
    "none": tr("brak"),
    "unknown": tr("nieznany"),
}

RESULT_LABELS: dict[str, str] = {
    "working": tr("pracuje"),
    "not_working": tr("nie pracuje"),
    "no_contact": tr("brak kontaktu"),
}

MESSAGES: dict[str, str] = {
    "outcome.bad_kind": tr("Nieznany rodzaj wyniku „{value}”. Dozwolone: {allowed}."),
    "outcome.period_not_ended": tr(
        "Okres uczestnictwa nr {id} jeszcze trwa: wynik zapisuje się po zakończeniu "
        "uczestnictwa (najpierw: kisdesk participant end)."
    ),
    "outcome.before_end": tr(
        "Data wyniku ({on}) jest wcześniejsza niż początek okresu uczestnictwa ({start}). "
        "Podaj dzień, w którym osoba podjęła pracę, naukę itp."
    ),
    "followup.not_found": tr(
        "Nie ma kontaktu kontrolnego o numerze {id}. Numery pokazuje: kisdesk followup list --all"
    ),
    "followup.bad_result": tr("Nieznany wynik kontaktu „{value}”. Dozwolone: {allowed}."),
    "followup.kind_without_work": tr(
        "Rodzaj zajęcia podaje się tylko przy wyniku „pracuje” (working); przy wyniku "
        "„{result}” pomiń --kind."
    ),
    "followup.bad_working_kind": tr(
        "Przy wyniku „pracuje” rodzaj musi być jednym z: {allowed} (podano: {value})."
    ),
    "followup.before_end": tr(
        "Data kontaktu ({on}) jest wcześniejsza niż zakończenie uczestnictwa ({end})."
    ),
    "settings.bad_months": tr(
        "Ustawienie {key} wymaga liczb miesięcy od 1 do 60 po przecinku, np. „3, 6” "
        "(podano: {value})."
    ),
}
