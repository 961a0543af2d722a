"""Polish text for the storage error codes: the database file, the lock, backups, restore."""

from __future__ import annotations

from kisdesk.i18n import tr

MESSAGES: dict[str, str] = {
    # the database file
    "db.locked": tr(
        "Baza danych jest już otwarta w programie kisdesk: użytkownik {user} na komputerze "
        "{host}, od {since}. Zamknij tam program (albo poczekaj, aż skończy) i spróbuj "
        "ponownie. Nic nie zostało zapisane."
    ),
    "db.damaged": tr(
        "Plik bazy danych jest uszkodzony ({reason}). Uszkodzone pliki przeniesiono bez zmian "
        "do folderu {quarantine} – nic nie zostało usunięte. Najnowsza sprawdzona kopia "
        "zapasowa pochodzi z {when}. Aby ją przywrócić, uruchom program kisdesk albo polecenie: "
        '{cli} restore "{backup}"'
    ),
    "db.damaged_no_backup": tr(
        "Plik bazy danych jest uszkodzony ({reason}). Uszkodzone pliki przeniesiono bez zmian "
        "do folderu {quarantine} – nic nie zostało usunięte. Nie znaleziono kopii zapasowej. "
        "Jeśli masz kopię na pendrive, przywróć ją poleceniem: {cli} restore PLIK"
    ),
    "db.missing_has_backups": tr(
        "Nie ma pliku bazy danych {path}, choć istnieją jego kopie zapasowe (najnowsza z "
        "{when}). Program nie zakłada pustej bazy w jego miejsce. Aby przywrócić dane: "
        '{cli} restore "{backup}"'
    ),
    "db.missing": tr("Nie ma pliku bazy danych {path}."),
    "db.temporary_profile": tr(
        "Windows zalogował to konto z profilem tymczasowym ({profile}): wszystko, co zostanie "
        "w nim zapisane, Windows usunie po wylogowaniu. Dlatego program nie zakłada tu nowej "
        "bazy danych – dane placówki by przepadły. Wyloguj się i zaloguj ponownie albo uruchom "
        "komputer ponownie; jeśli Windows znów pokaże „Zalogowano przy użyciu profilu "
        "tymczasowego”, poproś informatyka o naprawę profilu. Nic nie zostało zapisane."
    ),
    "db.mandatory_profile": tr(
        "To konto Windows ma profil obowiązkowy ({profile}), który Windows przywraca do stanu "
        "wyjściowego po wylogowaniu. Dlatego program nie zakłada tu nowej bazy danych – dane "
        "placówki by przepadły. Poproś informatyka o zwykły profil albo o wskazanie bazy na "
        "dysku poza profilem (zmienna KISDESK_DB). Nic nie zostało zapisane."
    ),
    "db.missing_quarantined": tr(
        "Nie ma pliku bazy danych {path}: wcześniej uszkodzony plik przeniesiono bez zmian do "
        "kwarantanny ({quarantined}). Program nie zakłada pustej bazy w jego miejsce. Aby "
        "przywrócić dane z kopii zapasowej: {restore}. Aby świadomie założyć nową, pustą "
        "placówkę w tym miejscu: {cli} init --type kis|cis --name NAZWA"
    ),
    "db.encrypted_needs_key": tr(
        "Baza danych {path} jest zaszyfrowana. Zaloguj się (nazwa użytkownika i hasło) albo "
        "użyj klucza odzyskiwania bazy."
    ),
    "db.network_location": tr(
        "Baza danych leży na dysku sieciowym ({where}). SQLite nie potrafi tam bezpiecznie "
        "blokować pliku i baza może zostać uszkodzona. Trzymaj bazę na dysku tego komputera, "
        "a kopie zapasowe zapisuj na dysku sieciowym lub w chmurze. (Administrator może to "
        "obejść zmienną {override}=1.)"
    ),
    "db.cloud_location": tr(
        "Baza danych leży w folderze synchronizowanym z chmurą ({where}). Program do "
        "synchronizacji (OneDrive – także biblioteki SharePoint i Teams – Dropbox, Dysk Google, "
        "Box) kopiuje plik w trakcie zapisu i może go uszkodzić. Trzymaj bazę poza tym folderem, a do chmury zapisuj kopie zapasowe. "
        "(Administrator może to obejść zmienną {override}=1.)"
    ),
    "db.busy": tr(
        "Baza danych jest chwilowo zajęta przez inny program. Spróbuj ponownie za chwilę; "
        "zmiana nie została zapisana."
    ),
    "db.read_only": tr(
        "Nie można zapisywać w pliku bazy danych (plik tylko do odczytu albo brak uprawnień). "
        "Zmiana nie została zapisana."
    ),
    "db.io_error": tr(
        "Błąd odczytu lub zapisu dysku ({reason}). Zmiana nie została zapisana. Sprawdź dysk "
        "i uruchom program ponownie."
    ),
    "db.corrupt": tr(
        "Baza danych okazała się uszkodzona ({reason}). Zmiana nie została zapisana. Zamknij "
        "program i uruchom go ponownie – zaproponuje przywrócenie kopii zapasowej."
    ),
    "db.cannot_open_file": tr("Nie można otworzyć pliku bazy danych ({reason})."),
    "db.no_permission": tr(
        "Brak uprawnień do pliku bazy danych {path} albo do jego folderu. Plik nie jest "
        "uszkodzony i nic nie zostało przeniesione. Poproś osobę, która zarządza komputerem, "
        "o prawo odczytu i zapisu tego pliku i folderu, albo uruchom program jako jego "
        "właściciel."
    ),
    "db.upgrade_failed": tr(
        "Nie udało się zaktualizować bazy danych do nowej wersji programu ({reason}). Baza "
        "została w poprzedniej, spójnej wersji. Kopia sprzed aktualizacji: {backup}"
    ),
    "db.upgrade_broke_links": tr(
        "Aktualizacja bazy (wersja {revision}) naruszyłaby powiązania między zapisami ({count}) "
        "i została wycofana. Baza jest w poprzedniej wersji; zgłoś to autorom programu."
    ),
    # files
    "disk.full": tr(
        "Brak miejsca na dysku ({path}). Zmiana nie została zapisana, wcześniejsze dane są "
        "nienaruszone. Zwolnij miejsce na dysku i spróbuj ponownie."
    ),
    "backup.no_folder": tr(
        "Nie ma folderu {path}. Sprawdź, czy pendrive lub dysk jest podłączony (albo utwórz "
        "folder) i spróbuj ponownie. Kopii nie zapisano."
    ),
    "file.not_writable": tr(
        "Nie można zapisać pliku {path} (brak uprawnień lub dysk tylko do odczytu)."
    ),
    "file.held": tr(
        "Nie można zapisać pliku {path}: Windows nie pozwolił go zastąpić. Plik jest zajęty "
        "przez inny program (program antywirusowy, OneDrive, przeglądarka PDF, Excel) albo "
        "zapis blokuje funkcja „Dostęp kontrolowany do folderów” programu Microsoft Defender. "
        "Zamknij programy, które mogą używać pliku, i spróbuj ponownie; jeśli to nie pomoże, "
        "zapisz plik w innym folderze albo zezwól programowi kisdesk na zapis (Zabezpieczenia "
        "Windows → Ochrona przed wirusami i zagrożeniami → Ochrona przed oprogramowaniem "
        "wymuszającym okup → Zezwalaj aplikacji na dostęp przez funkcję kontrolowanego "
        "dostępu do folderu). Plik nie został zmieniony."
    ),
    "file.write_failed": tr(
        "Nie udało się zapisać pliku {path}: {reason}. Plik nie został zmieniony."
    ),
    # backups
    "backup.failed": tr("Nie udało się wykonać kopii zapasowej ({reason})."),
    "backup.verify_failed": tr(
        "Kopia zapasowa nie przeszła sprawdzenia ({reason}). Nie została zapisana jako dobra "
        "kopia; spróbuj ponownie lub wybierz inny nośnik."
    ),
    "backup.not_a_backup": tr("Ten plik nie jest kopią zapasową programu kisdesk."),
    "backup.newer_format": tr(
        "Ta kopia zapasowa pochodzi z nowszej wersji programu (format {version}). Zainstaluj "
        "nowszą wersję programu kisdesk."
    ),
    "backup.newer_than_program": tr(
        "Ta kopia zapasowa pochodzi z nowszej wersji programu (wersja schematu {revision}). "
        "Zainstaluj nowszą wersję programu kisdesk. Nic nie zostało zmienione."
    ),
    "backup.damaged": tr(
        "Plik kopii zapasowej jest uszkodzony albo został zmieniony. Wybierz inną kopię."
    ),
    "backup.truncated": tr(
        "Plik kopii zapasowej jest niekompletny (urwany, np. wyjęty pendrive). Wybierz inną kopię."
    ),
    "backup.unreadable": tr("Nie można odczytać pliku kopii {path}: {reason}."),
    "backup.wrong_key": tr(
        "Hasło kopii zapasowych albo klucz odzyskiwania jest niepoprawny dla tej kopii. "
        "Sprawdź, czy wpisujesz hasło obowiązujące w dniu wykonania kopii."
    ),
    "backup.needs_key": tr(
        "Ta kopia została zaszyfrowana na innym komputerze. Podaj hasło kopii zapasowych albo "
        "klucz odzyskiwania z wydrukowanej kartki."
    ),
    "backup.needs_database_key": tr(
        "Kopie zapasowe tej placówki są chronione kluczem zaszyfrowanej bazy danych. Zaloguj "
        "się do programu albo podaj klucz odzyskiwania bazy danych (z wydrukowanej kartki) lub "
        "hasło kopii zapasowych."
    ),
    "backup.key_locked": tr(
        "Klucz kopii zapasowych nie jest dostępny na tym komputerze. Podaj hasło kopii "
        "zapasowych albo klucz odzyskiwania, aby go odblokować."
    ),
    "backup.key_lost": tr(
        "Kopie zapasowe nie są robione: ten komputer nie może już otworzyć klucza kopii "
        "(np. po zmianie hasła Windows albo przeniesieniu profilu), a nie ustawiono hasła "
        "kopii ani klucza odzyskiwania. Utwórz nowy klucz kopii (Kopia zapasowa… → „Nowy "
        "klucz kopii…”, w wierszu poleceń: {cli} backup --new-key); stary plik klucza "
        "zostanie zachowany, a program od razu zrobi nową kopię."
    ),
    "backup.key_not_lost": tr(
        "Klucz kopii zapasowych nie jest stracony: otwiera go ten komputer albo hasło kopii "
        "lub klucz odzyskiwania. Nowy klucz nie jest potrzebny."
    ),
    "backup.keyring_damaged": tr(
        "Plik z kluczem kopii zapasowych ({path}) jest uszkodzony. Przywróć go albo podaj "
        "klucz odzyskiwania."
    ),
    "backup.passphrase_too_short": tr(
        "Hasło kopii zapasowych musi mieć co najmniej {minimum} znaków. Najłatwiej zapamiętać "
        "kilka słów, np. „zielony rower nad Wartą”."
    ),
    "backup.passphrase_mismatch": tr(
        "To nie jest obowiązujące hasło kopii zapasowych. Zmień hasło w oknie „Kopia "
        "zapasowa”, jeśli chcesz ustawić nowe."
    ),
    "backup.passphrase_file_empty": tr("Plik z hasłem {path} jest pusty."),
    "backup.passphrase_whitespace": tr(
        "Hasło kopii zapasowych nie może zaczynać się ani kończyć spacją (ani innym odstępem): "
        "przy wpisywaniu odstępy na brzegach są pomijane. Usuń je i wpisz hasło jeszcze raz."
    ),
    "backup.not_in_audit_log": tr(
        "Kopię zapisano, ale nie odnotowano jej w dzienniku zdarzeń, bo bazę ma teraz otwartą "
        "program kisdesk. Kopie robione w programie (Plik › Kopia zapasowa) trafiają do "
        "dziennika."
    ),
    "backup.not_sqlite": tr(
        "Kopie zapasowe programu obejmują bazę SQLite. Bazę PostgreSQL kopiuje administrator "
        "serwera (pg_dump)."
    ),
    "recovery_key.invalid": tr(
        "Klucz odzyskiwania jest niepoprawny – sprawdź, czy został przepisany bez pomyłki "
        "(36 znaków w grupach po 4)."
    ),
    "db.keyfile_missing": tr(
        "Baza danych {path} jest zaszyfrowana, ale obok niej brakuje pliku z kluczami "
        "({keys}). Baza nie jest uszkodzona i nic w niej nie zmieniono. Połóż ten plik z "
        "powrotem obok bazy (np. z pendrive’a albo z kopii folderu) i uruchom program "
        "ponownie. Na komputerze, na którym bazę zaszyfrowano, otworzy ją też klucz "
        "odzyskiwania bazy z wydruku (w programie: „Mam klucz odzyskiwania…”; w wierszu "
        "poleceń: zmienna KISDESK_RECOVERY_KEY) – program sam odtworzy plik z kluczami."
    ),
    "db.keyfile_foreign": tr(
        "Plik z kluczami {keys} nie pasuje do bazy danych {path} (należy do innej bazy). "
        "Baza nie jest uszkodzona i nic w niej nie zmieniono. Połóż obok bazy jej własny plik "
        "z kluczami albo otwórz ją kluczem odzyskiwania bazy z wydruku (w programie: „Mam "
        "klucz odzyskiwania…”; w wierszu poleceń: zmienna KISDESK_RECOVERY_KEY)."
    ),
    # restore
    "restore.other_office": tr(
        "Ta kopia zapasowa pochodzi z innej placówki („{backup}”), a przywrócenie zastąpi "
        "wszystkie dane placówki „{current}”. Jeśli na pewno tego chcesz, potwierdź "
        "przywrócenie kopii innej placówki (w wierszu poleceń: {cli} restore PLIK "
        "--other-office). Przed przywróceniem program zachowa kopię obecnych danych."
    ),
    "restore.db_in_use": tr(
        "Nie można podmienić bazy danych, bo jest wciąż otwarta ({reason}). Zamknij program "
        "i spróbuj ponownie."
    ),
    # kisdesk check
    "check.damaged": tr("Baza danych jest uszkodzona ({reason})."),
    "check.integrity": tr("Sprawdzenie spójności bazy wykazało błędy: {details}"),
    "check.foreign_keys": tr("W bazie są zapisy wskazujące na nieistniejące dane ({count})."),
    "check.no_backup": tr("Nie ma jeszcze żadnej kopii zapasowej (folder: {folder})."),
    "check.backup_old": tr("Najnowsza kopia zapasowa jest sprzed {days} dni ({when})."),
    "check.backup_bad": tr("Najnowsza kopia zapasowa nie przeszła sprawdzenia ({error}): {path}"),
    "check.no_passphrase": tr(
        "Nie ustawiono hasła kopii zapasowych: kopie da się przywrócić tylko na tym komputerze. "
        "Ustaw hasło i wydrukuj klucz odzyskiwania (Kopia zapasowa… albo "
        "{cli} backup --passphrase-file PLIK)."
    ),
    "check.quarantine": tr("W folderze {folder} są odłożone uszkodzone pliki bazy."),
}
