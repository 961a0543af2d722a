"""The database's recovery key, shown once after encryption is turned on or the key replaced.

The same dialog as the backups' recovery key (backup_passphrase.RecoveryKeyDialog): the key
in large type, a card to print, and a box to tick before it closes, because kisdesk keeps
the key nowhere (kisdesk.db.encryption). The card is the PDF of
kisdesk.reports.rodo.recovery, saved and opened through the program's print path
(kisdesk.ui.files.produce), like every other document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from kisdesk.services.office import get_office, has_office
from kisdesk.ui import files
from kisdesk.ui.dialogs.backup_passphrase import RecoveryKeyDialog
from kisdesk.ui.ops import Ops


class DatabaseRecoveryKeyDialog(RecoveryKeyDialog):
    """`replaced`: the key replaces an older one, which no longer opens the database."""

    sensitive = False  # the key of the art. 9 data (SensitiveRecoveryKeyDialog)

    def __init__(
        self, ops: Ops, recovery_key: str, replaced: bool = False, parent: QWidget | None = None
    ) -> None:
        self.ops, self.replaced = ops, replaced  # read by the texts during __init__
        super().__init__(recovery_key, "", "", parent)

    def window_title(self) -> str:
        return self.tr("Klucz odzyskiwania bazy danych – wydrukuj go teraz")

    def intro_text(self) -> str:
        text = self.tr(
            "To jest klucz odzyskiwania bazy danych. Otwiera zaszyfrowaną bazę, gdy nikt nie "
            "pamięta hasła. Program pokazuje go tylko teraz i nigdzie go nie zapisuje: "
            "wydrukuj kartę z kluczem i schowaj ją w sejfie, z dala od komputera. Kto ma ten "
            "klucz i komputer, ma dostęp do wszystkich danych."
        )
        if self.replaced:
            text += "\n\n" + self.tr(
                "Poprzedni klucz odzyskiwania już nie otwiera bazy (otwiera tylko kopie "
                "zapasowe zrobione przed tą zmianą). Nową kartę schowaj razem ze starą."
            )
        return text

    def print_text(self) -> str:
        return self.tr("Drukuj kartę…")

    def confirm_text(self) -> str:
        return self.tr("Wydrukowałem/am i schowałem/am klucz")

    def save_page(self, path: Path | None = None) -> Path | None:
        """Draw the card, then the save dialog and the PDF viewer (files.produce);
        `saved_page` is where it went (None while nothing was saved)."""

        def work(session: Any, _progress: Any, temp: Path) -> None:
            from kisdesk.reports.rodo import recovery

            office = get_office(session).name if has_office(session) else ""
            recovery.render(self.recovery_key, temp, office, sensitive=self.sensitive)

        def saved(_result: None, target: Path | None) -> None:
            if target is not None:
                self.saved_page = target

        files.produce(
            self,
            self.ops,
            work,
            title=self.tr("Przygotowanie karty z kluczem…"),
            name=files.file_name(
                "Klucz_odzyskiwania_danych_zastrzezonych"
                if self.sensitive
                else "Klucz_odzyskiwania_bazy"
            ),
            write=False,
            keep=False,  # the key opens the database: never left in the documents folder
            on_saved=saved,
        )
        return self.saved_page


class SensitiveRecoveryKeyDialog(DatabaseRecoveryKeyDialog):
    """The recovery key of the health categories and counselling notes, made with the first
    leader's account or at the leader's first sign-in after the upgrade
    (docs/threat-model.md §3.4)."""

    sensitive = True

    def window_title(self) -> str:
        return self.tr("Klucz odzyskiwania danych zastrzeżonych – wydrukuj go teraz")

    def intro_text(self) -> str:
        return self.tr(
            "Kategorie zdrowotne uczestników i notatki z poradnictwa są odtąd zaszyfrowane "
            "kluczem, który otwierają tylko hasła kierownika i kadry z dostępem do tych "
            "kategorii – także wtedy, gdy ktoś skopiuje plik bazy. Ten klucz odzyskiwania "
            "otwiera je, gdy żadne z tych haseł nie działa. Program pokazuje go tylko teraz: "
            "wydrukuj kartę i schowaj ją w sejfie."
        )


_OPEN: list[SensitiveRecoveryKeyDialog] = []  # kept alive while shown (parent may close)


def show_sensitive_recovery_key(
    ops: Ops, recovery_key: str | None, parent: QWidget | None
) -> SensitiveRecoveryKeyDialog | None:
    """Show the key made by a sign-in or the first account, once (None when none). Opened
    without blocking: the window (or the wizard's end) goes on behind it, and it cannot be
    closed before the box "printed and put away" is ticked."""
    if not recovery_key:
        return None
    dialog = SensitiveRecoveryKeyDialog(ops, recovery_key, parent=parent)
    _OPEN.append(dialog)
    dialog.finished.connect(lambda _code: _OPEN.remove(dialog) if dialog in _OPEN else None)
    dialog.open()
    return dialog
