"""The settings of docs/domain.md#law-or-setting as declared: each one's type, default, bounds
and source (the act, the KIS minimum standard, common practice, the office's own decision),
with the basis the program shows next to its value. Reading and changing them, and their
history, is kisdesk.services.settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kisdesk.i18n import tr

# Where a rule comes from: the program says which is which wherever it shows a rule (docs/domain.md#law-or-setting).
STATUTE = "statute"
STANDARD = "standard"
PRACTICE = "practice"
OFFICE = "office"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    type: type
    default: Any
    source: str
    label: str
    basis: str  # where the default comes from, shown next to the value
    minimum: int | None = None
    maximum: int | None = None


SPECS: dict[str, SettingSpec] = {
    s.key: s
    for s in (
        SettingSpec(
            "monthly_minimum_hours",
            int,
            40,
            STANDARD,
            tr("Miesięczne minimum zajęć (godz. dydaktyczne)"),
            tr("Standard minimum KIS i regulamin klubu; ustawa nie określa liczby godzin"),
            1,
            300,
        ),
        SettingSpec(
            "hour_minutes",
            int,
            45,
            STANDARD,
            tr("Długość godziny dydaktycznej (minuty)"),
            tr("Praktyka: godzina dydaktyczna 45 minut"),
            15,
            60,
        ),
        SettingSpec(
            "graduate_months",
            int,
            6,
            PRACTICE,
            tr("Okres uczestnictwa do statusu absolwenta (miesiące)"),
            tr("Art. 2 pkt 1a i 1b ustawy: co najmniej 6 miesięcy uczestnictwa"),
            1,
            36,
        ),
        SettingSpec(
            "previous_month_days",
            int,
            7,
            OFFICE,
            tr("Obecności i pulpit pokazują poprzedni miesiąc przez pierwsze dni miesiąca (dni)"),
            tr(
                "Praktyka: podpisane listy z poprzedniego miesiąca wpisuje się na początku następnego"
            ),
            0,
            31,
        ),
        SettingSpec(
            "graduate_requires_monthly_minimum",
            bool,
            False,
            OFFICE,
            tr("Miesiące poniżej minimum blokują status absolwenta"),
            tr("Decyzja placówki; domyślnie tylko ostrzeżenie"),
        ),
        SettingSpec(
            "weekly_min_hours",
            int,
            30,
            STATUTE,
            tr("CIS: minimalny tygodniowy pobyt (godz. zegarowe)"),
            tr("Art. 14 ust. 1 ustawy o zatrudnieniu socjalnym"),
            1,
            60,
        ),
        SettingSpec(
            "weekly_max_hours",
            int,
            40,
            STATUTE,
            tr("CIS: maksymalny tygodniowy pobyt (godz. zegarowe)"),
            tr("Art. 14 ust. 1 ustawy o zatrudnieniu socjalnym"),
            1,
            60,
        ),
        SettingSpec(
            "programme_min_months",
            int,
            3,
            STANDARD,
            tr("Minimalna długość programu (miesiące)"),
            tr("Standard minimum KIS: program trwa co najmniej 3 miesiące"),
            1,
            36,
        ),
        SettingSpec(
            "cis_trial_months",
            int,
            1,
            STATUTE,
            tr("CIS: okres próbny (miesiące)"),
            tr("Art. 15 ustawy o zatrudnieniu socjalnym"),
            0,
            12,
        ),
        SettingSpec(
            "cis_base_months",
            int,
            11,
            STATUTE,
            tr("CIS: okres uczestnictwa po okresie próbnym (miesiące)"),
            tr("Art. 15 ustawy o zatrudnieniu socjalnym"),
            1,
            24,
        ),
        SettingSpec(
            "cis_max_months",
            int,
            24,
            STATUTE,
            tr("CIS: najdłuższy łączny okres uczestnictwa (miesiące)"),
            tr("Art. 15 ustawy (po nowelizacji z 2022 r.: do 24 miesięcy)"),
            1,
            36,
        ),
        SettingSpec(
            "cis_graduate_status_months",
            int,
            6,
            STATUTE,
            tr("CIS: jak długo trwa status absolwenta po zakończeniu zajęć (miesiące)"),
            tr("Art. 2 pkt 1a ustawy: przez 6 miesięcy od dnia zakończenia zajęć"),
            1,
            24,
        ),
        SettingSpec(
            "plan_review_months",
            int,
            3,
            PRACTICE,
            tr("Przegląd realizacji kontraktu / IPZS co (miesiące)"),
            tr("Praktyka i standard KIS; CIS także na koniec okresu próbnego"),
            1,
            12,
        ),
        SettingSpec(
            "upcoming_graduates_days",
            int,
            30,
            OFFICE,
            tr("Zbliżający się absolwenci: ile dni naprzód"),
            tr("Ustawienie placówki"),
            1,
            365,
        ),
        SettingSpec(
            "followup_months",
            str,
            "3, 6",
            PRACTICE,
            tr("Kontakty kontrolne po zakończeniu (miesiące, po przecinku)"),
            tr(
                "Praktyka i standard KIS (monitoring pół roku po wyjściu); art. 2 pkt 48 ustawy "
                "o rynku pracy mierzy 90 dni pracy w ciągu 180 dni. Ustawa o zatrudnieniu "
                "socjalnym nie nakłada tego obowiązku; puste – bez kontaktów"
            ),
        ),
        SettingSpec(
            "certificate_number_pattern",
            str,
            "{n}/{year}",
            OFFICE,
            tr("Wzór numeru zaświadczenia"),
            tr("Ustawienie placówki; {n} – kolejny numer w roku, {year} – rok"),
        ),
        # CIS benefit (art. 15 and 15a): the open points the act leaves, docs/benefit.md.
        SettingSpec(
            "benefit_sick_limit_days",
            int,
            21,
            STATUTE,
            tr("CIS: dni choroby płatne 1/40 w okresie uczestnictwa"),
            tr("Art. 15 ust. 7a: do 21 dni, liczone w całym okresie uczestnictwa"),
            0,
            366,
        ),
        SettingSpec(
            "benefit_sick_beyond_divisor",
            int,
            30,
            PRACTICE,
            tr("CIS: dzień choroby ponad limit potrąca 1/…"),
            tr("Art. 15 ust. 7a („nie przysługuje”), wyceniane jak ust. 6: 1/30 za dzień"),
            1,
            60,
        ),
        SettingSpec(
            "benefit_sick_in_trial_reduces",
            bool,
            False,
            PRACTICE,
            tr("CIS: choroba w okresie próbnym obniża świadczenie"),
            tr("Art. 15 ust. 7a dotyczy okresu uczestnictwa; ustawa milczy o okresie próbnym"),
        ),
        SettingSpec(
            "benefit_fractions_of_full_rate",
            bool,
            True,
            PRACTICE,
            tr("CIS: 1/20 i 1/40 od pełnej kwoty także w niepełnym miesiącu"),
            tr("Art. 15 ust. 7 i 7a: „o 1/20 (1/40) kwoty świadczenia”"),
        ),
        SettingSpec(
            "benefit_pension_percent",
            str,
            "19.52",
            STATUTE,
            tr("CIS: składka emerytalna od świadczenia (%)"),
            tr("Ustawa o systemie ubezpieczeń społecznych, art. 22 ust. 1 pkt 1"),
        ),
        SettingSpec(
            "benefit_disability_percent",
            str,
            "8",
            STATUTE,
            tr("CIS: składka rentowa od świadczenia (%)"),
            tr("Ustawa o systemie ubezpieczeń społecznych, art. 22 ust. 1 pkt 2"),
        ),
        # Security and RODO (issue 6; docs/threat-model.md §3, docs/domain.md#rodo). 0 years = not yet decided:
        # retention comes from the office's JRWA and grant agreements, never from the program.
        SettingSpec(
            "idle_lock_minutes",
            int,
            10,
            PRACTICE,
            tr("Blokada po bezczynności (minuty)"),
            tr("NIST SP 800-63B: ponowne logowanie najpóźniej po 30 minutach bezczynności"),
            2,
            30,
        ),
        SettingSpec(
            "retention_participant_years",
            int,
            0,
            OFFICE,
            tr("Przechowywanie danych uczestnika (lata od końca roku zakończenia udziału)"),
            tr("JRWA placówki i umowa projektu; 0 – nie ustalono (nic nie jest proponowane)"),
            0,
            50,
        ),
        SettingSpec(
            "retention_notes_years",
            int,
            0,
            OFFICE,
            tr("Przechowywanie notatek z poradnictwa (lata od końca roku spotkania)"),
            tr("JRWA placówki; 0 – nie ustalono (nic nie jest proponowane)"),
            0,
            50,
        ),
        SettingSpec(
            "dpo_contact",
            str,
            "",
            OFFICE,
            tr("Inspektor ochrony danych – kontakt (do klauzuli informacyjnej)"),
            tr("Art. 13 ust. 1 lit. b RODO; adres e-mail lub telefon IOD"),
        ),
        # Backups (issue 5; Anki: at most every 30 minutes, 2 days + 12 daily + 10 weekly
        # + 9 monthly ≈ one year; docs/architecture.md#backups).
        SettingSpec(
            "backup_interval_minutes",
            int,
            30,
            PRACTICE,
            tr("Automatyczna kopia zapasowa nie częściej niż co (minuty)"),
            tr("Praktyka programów biurowych (Anki): co 30 minut, gdy coś się zmieniło"),
            5,
            1440,
        ),
        SettingSpec(
            "backup_keep_recent_days",
            int,
            2,
            PRACTICE,
            tr("Kopie zapasowe: wszystkie z ostatnich (dni)"),
            tr("Praktyka (Anki): wszystkie kopie z dziś i wczoraj"),
            1,
            30,
        ),
        SettingSpec(
            "backup_keep_daily",
            int,
            12,
            PRACTICE,
            tr("Kopie zapasowe: dziennych"),
            tr("Praktyka (Anki): 12 dziennych"),
            0,
            366,
        ),
        SettingSpec(
            "backup_keep_weekly",
            int,
            10,
            PRACTICE,
            tr("Kopie zapasowe: tygodniowych"),
            tr("Praktyka (Anki): 10 tygodniowych"),
            0,
            260,
        ),
        SettingSpec(
            "backup_keep_monthly",
            int,
            9,
            PRACTICE,
            tr("Kopie zapasowe: miesięcznych"),
            tr("Praktyka (Anki): 9 miesięcznych; razem około roku – zgodnie z polityką retencji"),
            0,
            120,
        ),
        SettingSpec(
            "backup_folder",
            str,
            "",
            OFFICE,
            tr("Folder automatycznych kopii zapasowych"),
            tr("Puste – folder danych programu na tym komputerze"),
        ),
    )
}
