"""Polish text for users, roles, sign-in, the audit log, encryption and the RODO tools."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kisdesk.i18n import tr
from kisdesk.messages.core import plural
from kisdesk.messages.documents import document_kinds

MESSAGES: dict[str, str] = {
    # signing in
    "auth.bad_credentials": tr("Niepoprawna nazwa użytkownika lub hasło."),
    "auth.bad_credentials_wait": tr(
        "Niepoprawna nazwa użytkownika lub hasło. Po kilku nieudanych próbach kolejna jest "
        "możliwa dopiero za {seconds} s."
    ),
    "auth.wait": tr(
        "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za {seconds} s "
        "(to zabezpieczenie przed odgadywaniem haseł)."
    ),
    "auth.locked": tr(
        "Konto zostało zablokowane po wielu nieudanych próbach logowania. "
        "Odblokować je może kierownik (Użytkownicy → Odblokuj)."
    ),
    "cli.user_required": tr(
        "Ta baza ma konta użytkowników: podaj swoją nazwę, np. --user renata "
        "(hasło w zmiennej KISDESK_PASSWORD albo wpisane po zapytaniu)."
    ),
    "cli.password_required": tr(
        "Podaj hasło użytkownika {login} (zmienna KISDESK_PASSWORD albo wpisz je po zapytaniu)."
    ),
    "cli.new_password_required": tr(
        "Podaj nowe hasło dla {login}: uruchom polecenie w oknie wiersza poleceń, żeby je "
        "wpisać dwa razy, albo ustaw zmienną KISDESK_NEW_PASSWORD."
    ),
    "cli.passwords_differ": tr("Hasła się różnią. Nic nie zostało zmienione."),
    "cli.bad_extension": tr("Plik „{value}” musi mieć rozszerzenie {allowed}."),
    # audit log
    "audit.broken": tr(
        "Dziennik zdarzeń został naruszony: wpis nr {id} nie zgadza się z łańcuchem "
        "skrótów ({problem}). Zgłoś to kierownikowi i inspektorowi ochrony danych."
    ),
    # the file against the chain (kisdesk.services.audit_trust)
    "audit.account_outside_log": tr(
        "Konto „{login}” ma w pliku bazy inne dane niż zapisane w dzienniku zdarzeń "
        "({fields}): zmieniono je poza programem. Zgłoś to kierownikowi i inspektorowi ochrony "
        "danych; sprawdź konto na stronie Użytkownicy albo przywróć kopię zapasową."
    ),
    "audit.account_not_in_log": tr(
        "Konta „{login}” nie założono w programie (nie ma go w dzienniku zdarzeń): dopisano je "
        "bezpośrednio do pliku bazy. Zgłoś to kierownikowi i inspektorowi ochrony danych."
    ),
    "audit.account_deleted": tr(
        "Konto „{login}” usunięto z pliku bazy poza programem (program nigdy nie usuwa kont). "
        "Zgłoś to kierownikowi i inspektorowi ochrony danych; przywróć kopię zapasową."
    ),
    "audit.triggers_missing": tr(
        "Brakuje zabezpieczeń dziennika zdarzeń przed zmianą i usunięciem wpisów ({names}): "
        "usunięto je z pliku bazy. Zgłoś to kierownikowi i inspektorowi ochrony danych."
    ),
    "audit.shorter_than_backup": tr(
        "Dziennik zdarzeń kończy się na wpisie nr {id}, a kopia zapasowa z {when} zapisała "
        "wpis nr {backup_id}: wpisy usunięto z końca dziennika. Zgłoś to kierownikowi i "
        "inspektorowi ochrony danych; usunięte zapisy są w tej kopii."
    ),
    "audit.differs_from_backup": tr(
        "Wpis nr {backup_id} dziennika zdarzeń różni się od zapisanego w kopii zapasowej z "
        "{when}: dziennik przepisano. Zgłoś to kierownikowi i inspektorowi ochrony danych."
    ),
    "audit.findings": tr(
        "Łańcuch wpisów jest cały ({n} {what}), ale plik bazy się z nim nie zgadza:"
    ),
    "auth.account_outside_log": tr(
        "Konto „{login}” zmieniono w pliku bazy poza programem (jego rola, uprawnienia lub hasło "
        "nie zgadzają się z dziennikiem zdarzeń), dlatego nie można się na nie zalogować. "
        "Kierownik sprawdzi konto (kisdesk audit verify) i ustawi je ponownie w programie albo "
        "przywróci kopię zapasową."
    ),
    "auth.accounts_missing": tr(
        "W pliku bazy nie ma żadnego konta, choć dziennik zdarzeń mówi, że konta były: usunięto "
        "je poza programem. Program nie działa bez logowania w takiej bazie. Przywróć kopię "
        "zapasową (kisdesk restore PLIK) i zgłoś to inspektorowi ochrony danych."
    ),
    "audit.bad_event": tr("Nieznany rodzaj zdarzenia „{value}”. Dostępne: {allowed}."),
    # passwords (NIST SP 800-63B: length, not composition)
    "password.too_short": tr(
        "Hasło musi mieć co najmniej {min} znaków. Najłatwiej zapamiętać kilka zwykłych słów, "
        "np. „jabłoń za płotem sąsiada” – ale nie ten przykład, tylko własne słowa."
    ),
    "password.example": tr(
        "To przykład z programu – zna go każdy, kto widział kisdesk. Wymyśl własne słowa."
    ),
    "password.too_long": tr("Hasło jest za długie (najwyżej 256 znaków)."),
    "password.too_common": tr(
        "To hasło jest zbyt popularne lub zbyt proste do odgadnięcia. Wybierz inne."
    ),
    "password.contains_name": tr(
        "Hasło nie może składać się głównie z nazwy użytkownika ani imienia lub nazwiska."
    ),
    # accounts
    "user.bad_login": tr(
        "Nazwa użytkownika „{value}” jest niepoprawna: 2–60 znaków, litery, cyfry, kropka, "
        "myślnik lub podkreślenie, bez spacji."
    ),
    "user.bad_role": tr("Nieznana rola „{value}”. Dozwolone: {allowed}."),
    "user.already_set_up": tr("Pierwsze konto (kierownika) zostało już założone."),
    "user.first_must_be_leader": tr("Pierwsze konto musi należeć do kierownika."),
    "user.exists": tr("Użytkownik „{login}” już istnieje."),
    "user.last_leader": tr(
        "To jedyne aktywne konto kierownika. Najpierw nadaj rolę kierownika innej osobie – "
        "ktoś musi móc zarządzać kontami."
    ),
    "user.not_found": tr("Nie ma takiego użytkownika (nr {id})."),
    "user.unknown": tr("Nie ma użytkownika „{login}”."),
    "user.wrong_current_password": tr("Obecne hasło jest niepoprawne."),
    # counselling notes: the leaders of a session decide who reads its note
    "activity.leaders_locked": tr(
        "Do tych zajęć jest notatka z poradnictwa, której nie możesz czytać, dlatego nie "
        "możesz zmienić prowadzących (od nich zależy, kto czyta notatkę). Prowadzących zmieni "
        "osoba prowadząca te zajęcia albo kierownik; pozostałe zmiany zapisz bez zmiany "
        "prowadzących."
    ),
    # RODO
    "rodo.restricted": tr(
        "Przetwarzanie danych uczestnika {name} jest ograniczone (art. 18 RODO): zapis jest "
        "tylko do odczytu. Ograniczenie może zdjąć kierownik."
    ),
    "rodo.reason_required": tr("Podaj powód ograniczenia przetwarzania."),
    "rodo.clause_in_future": tr("Data przekazania klauzuli ({date}) nie może być z przyszłości."),
    "rodo.already_anonymised": tr("Dane tej osoby zostały już zanonimizowane."),
    "rodo.restricted_no_erasure": tr(
        "Dane uczestnika {name} mają ograniczenie przetwarzania (np. w związku z roszczeniem) – "
        "najpierw zdejmij ograniczenie, potem anonimizuj."
    ),
    "rodo.anonymise_incomplete": tr(
        "Anonimizacja nie została wykonana: dane osoby nadal występują w: {where}. "
        "Nic nie zostało zmienione; zgłoś to dostawcy programu."
    ),
    "rodo.statistics_changed": tr(
        "Anonimizacja nie została wykonana, bo zmieniłaby statystyki. Nic nie zostało zmienione; "
        "zgłoś to dostawcy programu."
    ),
    "rodo.not_due": tr(
        "Okres przechowywania danych uczestnika nr {participant_id} jeszcze nie minął "
        "(albo nie ustawiono okresów przechowywania)."
    ),
    # encryption
    "encryption.no_keyfile": tr(
        "Brak pliku kluczy bazy zaszyfrowanej ({path}). Bez niego bazy nie da się otworzyć – "
        "przywróć go z kopii albo skorzystaj z kopii zapasowej bazy."
    ),
    "encryption.keyfile_damaged": tr("Plik kluczy bazy jest uszkodzony: {path}"),
    "encryption.keyfile_mismatch": tr("Plik kluczy {path} należy do innej bazy danych."),
    "encryption.wrong_recovery_key": tr("Ten klucz odzyskiwania nie pasuje do tej bazy danych."),
    "encryption.wrong_key": tr("Klucz nie pasuje do bazy danych albo plik jest uszkodzony."),
    "encryption.verify_failed": tr(
        "Sprawdzenie przekształconej bazy nie powiodło się ({reason}); baza nie została zmieniona."
    ),
    "encryption.db_in_use": tr(
        "Baza jest w tej chwili używana przez inny program lub okno kisdesk. Zamknij je "
        "i spróbuj ponownie."
    ),
    "encryption.already_on": tr("Baza danych jest już zaszyfrowana."),
    "encryption.already_off": tr("Baza danych nie jest zaszyfrowana."),
    "encryption.sqlite_only": tr("Szyfrowanie dotyczy tylko bazy w pliku SQLite."),
    "encryption.needs_users": tr(
        "Najpierw załóż konto kierownika (strona Użytkownicy → Nowe konto… albo {cli} user "
        "add … --role kierownik): zaszyfrowaną bazę otwiera się hasłem użytkownika."
    ),
    "encryption.failed": tr("Przekształcenie bazy danych nie powiodło się ({reason})."),
    # art. 9 data sealed under the sensitive-data key
    "sealing.value_altered": tr(
        "Zastrzeżony wpis nie daje się odczytać: został zmieniony poza programem albo "
        "przeniesiony z innego rekordu. Przywróć kopię zapasową."
    ),
    "sealing.wrong_password": tr("Niepoprawne hasło: klucz danych zastrzeżonych się nie otwiera."),
    "sealing.key_damaged": tr(
        "Klucz danych zastrzeżonych w bazie jest uszkodzony. Przywróć kopię zapasową."
    ),
    "sealing.seal_altered": tr(
        "Klucz danych zastrzeżonych dla tego konta został zmieniony poza programem. "
        "Kierownik może nadać go ponownie (kisdesk user grant-health LOGIN)."
    ),
    "sealing.no_key": tr(
        "Kategorie zdrowotne (2, 3, 4, 8) są zastrzeżone: to konto nie ma jeszcze klucza "
        "danych zastrzeżonych. Kierownik nadaje go poleceniem user grant-health LOGIN "
        "(albo przy swoim następnym zalogowaniu); potem zaloguj się ponownie."
    ),
    "sealing.no_key_note": tr(
        "Notatki z zajęć indywidualnych są zastrzeżone: to konto nie ma klucza danych "
        "zastrzeżonych. Kierownik nadaje go poleceniem user grant-health LOGIN; potem zaloguj "
        "się ponownie."
    ),
    "sealing.counts_need_key": tr(
        "Zestawienie liczy uczestników także według kategorii zdrowotnych (2, 3, 4, 8), które "
        "są zastrzeżone: przygotowuje je kierownik albo osoba z kadry z dostępem do tych "
        "kategorii."
    ),
    "sealing.pack_needs_key": tr(
        "Pakiet danych uczestnika obejmuje zastrzeżone kategorie zdrowotne i notatki: zaloguj "
        "się swoim hasłem kierownika (nie kluczem odzyskiwania bazy), aby go przygotować."
    ),
    "user.grant_only_kadra": tr(
        "Dostęp do kategorii zdrowotnych nadaje się kontu kadry; {login} ma inną rolę "
        "(kierownik ma go zawsze, administracja nigdy)."
    ),
    "sealing.unconverted": tr(
        "Kategorie zdrowotne i notatki z poradnictwa nie są jeszcze zaszyfrowane kluczem kont "
        "uprawnionych: zaszyfrują się przy najbliższym zalogowaniu kierownika."
    ),
    "sealing.plain": tr(
        "Kategorie zdrowotne i notatki z poradnictwa są zapisane bez szyfrowania, bo biuro nie "
        "ma kont użytkowników; załóż konto kierownika, aby dostęp do nich miały tylko "
        "uprawnione osoby."
    ),
    "sealing.sealed": tr(
        "Kategorie zdrowotne i notatki z poradnictwa: zaszyfrowane kluczem, który otwierają "
        "tylko hasła kierownika i kadry z dostępem do tych kategorii."
    ),
    "sealing.nothing_to_recover": tr(
        "To biuro nie ma jeszcze klucza danych zastrzeżonych: nie ma czego odzyskiwać."
    ),
    "sealing.recover_needs_account": tr(
        "Zaloguj się na konto kierownika swoim hasłem (--user LOGIN), a potem użyj klucza "
        "odzyskiwania danych zastrzeżonych."
    ),
    "sealing.recovery_key_required": tr(
        "Podaj klucz odzyskiwania danych zastrzeżonych w zmiennej "
        "KISDESK_HEALTH_RECOVERY_KEY albo wpisz go, gdy program o niego zapyta."
    ),
    "sealing.no_key_rotate": tr(
        "Tę zmianę kierownik musi zrobić po zalogowaniu się swoim hasłem (klucz danych "
        "zastrzeżonych zostanie wymieniony)."
    ),
    "sealing.wrong_recovery_key": tr(
        "Ten klucz odzyskiwania nie pasuje do danych zastrzeżonych tego biura."
    ),
}

EVENT_LABELS: dict[str, str] = {
    "login": tr("Zalogowanie"),
    "login_failed": tr("Nieudane logowanie"),
    "logout": tr("Wylogowanie"),
    "lock": tr("Zablokowanie programu"),
    "view_sensitive": tr("Wgląd w dane wrażliwe"),
    "print": tr("Wydruk"),
    "export": tr("Eksport"),
    "change": tr("Zmiana danych"),
    "settings_change": tr("Zmiana ustawień"),
    "role_change": tr("Zmiana uprawnień"),
    "backup": tr("Kopia zapasowa"),
    "restore": tr("Przywrócenie kopii"),
    "anonymise": tr("Anonimizacja"),
    "encryption": tr("Szyfrowanie bazy"),
    "access_denied": tr("Odmowa dostępu"),
    "demo_data": tr("Utworzenie biura demonstracyjnego (dane fikcyjne)"),
    "migrate": tr("Przeniesienie danych do innej bazy"),
    "month_close": tr("Zamknięcie miesiąca"),
    "month_reopen": tr("Ponowne otwarcie miesiąca"),
    "sensitive_key": tr("Klucz danych zastrzeżonych"),
}

RECORD_LABELS: dict[str, str] = {
    "participant": tr("uczestnik"),
    "participation": tr("okres uczestnictwa"),
    "activity": tr("zajęcia"),
    "attendance": tr("obecność"),
    "group": tr("grupa"),
    "staff": tr("kadra"),
    "office": tr("placówka"),
    "operator": tr("podmiot prowadzący"),
    "setting": tr("ustawienie"),
    "user_account": tr("konto użytkownika"),
    "issued_document": tr("dokument"),
    "activity_form": tr("forma zajęć"),
    "participant_category": tr("kategorie uczestnika"),
    "contract": tr("kontrakt socjalny / IPZS"),
    "contract_goal": tr("cel kontraktu / IPZS"),
    "contract_annex": tr("aneks do kontraktu / IPZS"),
    "review": tr("przegląd kontraktu / IPZS"),
    "review_progress": tr("postęp celu w przeglądzie"),
    "authorisation": tr("upoważnienie do przetwarzania danych"),
    "absence": tr("nieobecność całodniowa"),
    "benefit_rate": tr("stawka świadczenia integracyjnego"),
    "benefit_premium": tr("premia motywacyjna"),
    "month_closure": tr("zamknięcie miesiąca"),
    "month": tr("miesiąc"),
    "cis_readiness": tr("przygotowanie do zajęć (art. 14 ust. 2)"),
    "follow_up": tr("kontakt kontrolny po zakończeniu"),
    "account_key": tr("klucz konta (dane zastrzeżone)"),
    "data_key_seal": tr("klucz danych zastrzeżonych dla konta"),
}

FIELD_NAMES: dict[str, str] = {
    # the art. 9 data sealed under their own key (docs/threat-model.md §3.4)
    "health_sealed": tr("kategorie zdrowotne (zaszyfrowane)"),
    "note_sealed": tr("notatka (zaszyfrowana)"),
    "public_key": tr("klucz publiczny"),
    "wrapped_private": tr("klucz prywatny (zaszyfrowany hasłem)"),
    "salt": tr("sól klucza"),
    "kdf": tr("parametry klucza z hasła"),
    "holder": tr("posiadacz klucza"),
    "key_id": tr("odcisk klucza"),
    "recipient": tr("klucz odbiorcy"),
    "ephemeral": tr("klucz jednorazowy"),
    "sealed": tr("klucz zaszyfrowany dla odbiorcy"),
    "uid": tr("identyfikator placówki (w kopiach zapasowych)"),
    "first_name": tr("imię"),
    "last_name": tr("nazwisko"),
    "pesel": tr("PESEL"),
    "birth_date": tr("data urodzenia"),
    "sex": tr("płeć"),
    "id_document": tr("dokument"),
    "street": tr("ulica"),
    "postal_code": tr("kod pocztowy"),
    "city": tr("miejscowość"),
    "gmina": tr("gmina"),
    "powiat": tr("powiat"),
    "phone": tr("telefon"),
    "education": tr("wykształcenie"),
    "categories": tr("kategorie"),
    "notes": tr("uwagi"),
    "note": tr("notatka"),
    "consents": tr("zgody"),
    "rodo_clause_given_on": tr("klauzula RODO"),
    "restricted": tr("ograniczenie przetwarzania"),
    "restricted_reason": tr("powód ograniczenia"),
    "restricted_on": tr("data ograniczenia"),
    "anonymized_at": tr("anonimizacja"),
    "start_on": tr("początek"),
    "end_on": tr("koniec"),
    "planned_end_on": tr("planowany koniec"),
    "end_reason": tr("powód zakończenia"),
    "end_note": tr("uwagi do zakończenia"),
    "outcome_kind": tr("wynik po zakończeniu"),
    "outcome_on": tr("wynik od"),
    "outcome_note": tr("uwagi do wyniku"),
    "checkpoint_months": tr("po ilu miesiącach"),
    "due_on": tr("termin"),
    "contacted_on": tr("data kontaktu"),
    "result": tr("wynik kontaktu"),
    "group_id": tr("grupa"),
    "participant_id": tr("uczestnik"),
    "mark": tr("obecność"),
    "minutes": tr("minuty"),
    "topic": tr("temat"),
    "date": tr("data"),
    "start_time": tr("od"),
    "end_time": tr("do"),
    "staff": tr("prowadzący"),
    "name": tr("nazwa"),
    "login": tr("nazwa użytkownika"),
    "full_name": tr("imię i nazwisko"),
    "role": tr("rola"),
    "password": tr("hasło"),
    "view_sensitive": tr("kategorie zdrowotne"),
    "active": tr("aktywne"),
    "staff_id": tr("osoba z kadry"),
    "active_from": tr("zatrudniona od"),
    "active_to": tr("zatrudniona do"),
    "employment_basis": tr("forma zatrudnienia"),
    "working_time": tr("wymiar czasu pracy"),
    "activity_id": tr("zajęcia"),
    "recorded_at": tr("czas wpisu"),
    "area": tr("obszar"),
    "form": tr("forma zajęć"),
    "kind": tr("rodzaj"),
    "place": tr("miejsce"),
    "partner": tr("partner"),
    "description": tr("opis"),
    "category": tr("kategoria"),
    "contract_date": tr("data kontraktu/IPZS"),
    "contract_from": tr("kontrakt/IPZS od"),
    "contract_to": tr("kontrakt/IPZS do"),
    "contract_institution": tr("instytucja kontraktu/IPZS"),
    "contract_number": tr("numer kontraktu/IPZS"),
    "contract_social_worker": tr("pracownik socjalny"),
    "contract_status": tr("stan kontraktu/IPZS"),
    "contract_id": tr("kontrakt/IPZS"),
    "signed_on": tr("data zawarcia"),
    "institution": tr("instytucja"),
    "social_worker": tr("pracownik socjalny"),
    "status": tr("stan"),
    "status_on": tr("data stanu"),
    "trial_decision": tr("decyzja po okresie próbnym"),
    "trial_decision_on": tr("data decyzji po okresie próbnym"),
    "trial_note": tr("uwagi do decyzji po okresie próbnym"),
    "end_ground": tr("podstawa zakończenia IPZS"),
    "end_justification": tr("uzasadnienie zakończenia IPZS"),
    "goals": tr("cele"),
    "annexes": tr("aneksy"),
    "text": tr("treść"),
    "actions": tr("działania"),
    "responsible": tr("osoby odpowiedzialne"),
    "change": tr("zmiana"),
    "held_on": tr("data przeglądu"),
    "attendees": tr("uczestnicy przeglądu"),
    "progress": tr("postęp"),
    "review_id": tr("przegląd"),
    "goal_id": tr("cel"),
    "statement_on": tr("data oświadczenia (art. 1 ust. 3)"),
    "entitlements": tr("świadczenia z oświadczenia (art. 1 ust. 3)"),
    "pup_required": tr("przekazanie do PUP wymagane"),
    "sent_to_pup_on": tr("data przekazania do PUP"),
    "pup_office": tr("urząd pracy"),
    "person_name": tr("osoba upoważniona"),
    "given_on": tr("data upoważnienia"),
    "scope": tr("zakres"),
    "undertaking_on": tr("zobowiązanie do zachowania tajemnicy"),
    "withdrawn_on": tr("data odwołania"),
    "user_id": tr("konto użytkownika"),
    "referral_date": tr("data skierowania"),
    "referral_institution": tr("instytucja kierująca"),
    "referral_number": tr("numer skierowania"),
    "referral_source": tr("źródło skierowania"),
    "participations": tr("okresy uczestnictwa"),
    "participant": tr("uczestnik"),
    "group": tr("grupa"),
    "activity_started_on": tr("rozpoczęcie działalności"),
    "created_on": tr("data utworzenia"),
    "closed_on": tr("data zakończenia działalności"),
    "head_name": tr("osoba kierująca"),
    "register_date": tr("data wpisu do rejestru"),
    "register_number": tr("numer w rejestrze"),
    "status_granted_on": tr("przyznanie statusu CIS"),
    "status_expires_on": tr("wygaśnięcie statusu CIS"),
    "operator": tr("podmiot prowadzący"),
    "operator_id": tr("podmiot prowadzący"),
    "email": tr("e-mail"),
    "fax": tr("faks"),
    "krs": tr("KRS"),
    "nip": tr("NIP"),
    "regon": tr("REGON"),
    "legal_form": tr("forma prawna"),
    "issued_on": tr("data wystawienia"),
    "issued_by": tr("wystawił(a)"),
    "number": tr("numer"),
    "seq": tr("numer kolejny"),
    "series": tr("seria"),
    "year": tr("rok"),
    "snapshot": tr("treść dokumentu"),
    "participation_id": tr("okres uczestnictwa"),
    "override_reason": tr("uzasadnienie wydania mimo braków"),
    "cancelled_at": tr("anulowanie"),
    "cancel_reason": tr("powód anulowania"),
    "key": tr("nazwa ustawienia"),
    "value": tr("wartość"),
    "failed_logins": tr("nieudane logowania"),
    "last_failed_at": tr("ostatnie nieudane logowanie"),
    "last_login_at": tr("ostatnie logowanie"),
    "password_changed_at": tr("zmiana hasła"),
    "password_hash": tr("hasło"),
    "from_on": tr("od dnia"),
    "to_on": tr("do dnia"),
    "document": tr("dokument (seria i numer)"),
    "requested_on": tr("data wniosku"),
    "consent_by": tr("zgoda kierownika"),
    "valid_from": tr("obowiązuje od"),
    "amount_cents": tr("kwota"),
    "added_by": tr("dodał(a)"),
    "added_at": tr("dodano"),
    "month": tr("miesiąc"),
    "granted_by": tr("przyznał(a)"),
    "reason": tr("uzasadnienie"),
    "closed": tr("zamknięty"),
    "closed_at": tr("zamknięto"),
    "closed_by": tr("zamknął(a)"),
    "reopened_at": tr("otwarto ponownie"),
    "reopened_by": tr("otworzył(a) ponownie"),
    "reopen_reason": tr("powód otwarcia"),
    "bhp_training_on": tr("szkolenie BHP"),
    "medical_exam_on": tr("badanie lekarskie"),
    "work_clothes_on": tr("odzież i obuwie robocze"),
}

VALUE_LABELS: dict[str, str] = {
    "password": tr("błędne hasło"),
    "unknown": tr("nieznany użytkownik"),
    "inactive": tr("konto wyłączone"),
    "locked": tr("konto zablokowane"),
    "wait": tr("próba przed upływem przerwy"),
    "audit.account_outside_log": tr("konto zmienione poza programem"),
    "audit.account_not_in_log": tr("konto dopisane poza programem"),
    "rodo_data_pack": tr("kopia danych osoby (art. 15)"),
    "rodo_clause": tr("klauzula informacyjna"),
    "on": tr("włączone"),
    "off": tr("wyłączone"),
    "recovery-key": tr("nowy klucz odzyskiwania"),
    "unlocked": tr("odblokowano konto"),
    "failed": tr("nie powiodło się"),
}

# What was printed or exported (audit "kind"): the register's documents and the lists.
KIND_LABELS: dict[str, str] = {
    **document_kinds(),
    # backups (kisdesk.db.backup.KINDS)
    "auto": tr("automatyczna"),
    "exit": tr("przy zamykaniu programu"),
    "manual": tr("ręczna"),
    "pre-upgrade": tr("przed aktualizacją programu"),
    "pre-restore": tr("przed przywróceniem kopii"),
    "participants": tr("lista uczestników"),
    "hours": tr("godziny zajęć"),
    "attendance": tr("obecności"),
    "statistics": tr("statystyka"),
    "attendance_list": tr("lista obecności"),
    "attendance_sheet": tr("zestawienie obecności w miesiącu"),
    "journal": tr("dziennik zajęć"),
    "followup_calls": tr("lista kontaktów kontrolnych"),
}

ACTION_LABELS = {
    "created": tr("dodano"),
    "updated": tr("zmieniono"),
    "deleted": tr("usunięto"),
    "baseline": tr("stan konta zapisany przy aktualizacji programu"),
}


def restricted_skipped(count: int) -> str:
    """What an export says when it left people out because their processing is restricted
    (art. 18 RODO), or "" when nobody was: on the workbook and in the message after saving."""
    if count <= 0:
        return ""
    people = plural(count, tr("osobę"), tr("osoby"), tr("osób"))
    return tr("Pominięto {n} {people} – ograniczenie przetwarzania (art. 18 RODO).").format(
        n=count, people=people
    )


def _local_time(stamp: str) -> str:
    """ "2026-11-20T09:00:00+00:00" as the office reads it: 20.11.2026 10:00 (local time)."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d.%m.%Y %H:%M")


def describe_entry(
    event: str,
    record_type: str | None,
    record_id: int | None,
    details: dict[str, Any],
    with_event: bool = True,
) -> str:
    """One line of the audit log in Polish: what happened to which record (no values)."""
    parts = [EVENT_LABELS.get(event, event)] if with_event else []
    if record_type:
        what = RECORD_LABELS.get(record_type, record_type)
        parts.append(f"{what} nr {record_id}" if record_id is not None else what)
    action = details.get("action")
    if action:
        parts.append(ACTION_LABELS.get(str(action), VALUE_LABELS.get(str(action), str(action))))
    fields = details.get("fields")
    if fields:
        names = ", ".join(FIELD_NAMES.get(str(f), str(f)) for f in fields)
        parts.append(tr("pola: {fields}").format(fields=names))
    for key, label in (
        ("kind", tr("rodzaj")),
        ("backup_kind", tr("rodzaj kopii")),
        ("file", tr("plik")),
        ("backup_created_at", tr("kopia z")),
        ("records", tr("liczba rekordów")),
        ("reason", tr("powód")),
        ("month", tr("miesiąc")),
        ("login", tr("login")),
        ("key", tr("klucz")),
        ("state", tr("stan")),
        ("target", tr("dokąd")),
    ):
        value = details.get(key)
        if value not in (None, "", []) and not (key == "key" and record_type != "setting"):
            labels = KIND_LABELS if key in ("kind", "backup_kind") else VALUE_LABELS
            if key == "backup_created_at":
                value = _local_time(str(value))
            text = (
                ", ".join(map(str, value))
                if isinstance(value, list)
                else labels.get(str(value), VALUE_LABELS.get(str(value), str(value)))
            )
            parts.append(f"{label}: {text}")
    if details.get("identified"):
        parts.append(tr("z imionami i nazwiskami"))
    if details.get("audit_head_matches") is False:
        parts.append(tr("uwaga: dziennik zdarzeń nie zgadza się z kopią"))
    return " · ".join(parts)


def describe_finding(code: str, params: dict[str, Any]) -> str:
    """A disagreement between the file and its audit chain (kisdesk.services.audit_trust), in
    Polish: the account's fields named as on the users page."""
    from kisdesk.errors import KisdeskError
    from kisdesk.messages import describe

    shown = dict(params)
    if isinstance(shown.get("fields"), str):
        names = [f.strip() for f in shown["fields"].split(",")]
        shown["fields"] = ", ".join(FIELD_NAMES.get(n, n) for n in names)
    return describe(KisdeskError(code, **shown))
