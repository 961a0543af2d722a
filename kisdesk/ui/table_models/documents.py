"""Tables of the Dokumenty page: certificates due, and the register of issued documents."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from kisdesk.i18n import tr
from kisdesk.messages.documents import document_kinds
from kisdesk.services.documents import IssuedRow
from kisdesk.services.documents_due import DueRow
from kisdesk.ui.table_models.base import Column, RowTableModel
from kisdesk.ui.widgets.participant_labels import end_reasons

MUTED = QColor("#8a8a8a")
WARNING = QColor("#8a3a00")


def due_kinds() -> dict[str, str]:
    return {
        "ending_certificate": tr("o zakończeniu uczestnictwa"),
        "graduate_certificate": tr("o statusie absolwenta"),
    }


class DueModel(RowTableModel[DueRow]):
    """Certificates that should be issued: ended periods and eligible graduates."""

    def __init__(self, parent: Any = None) -> None:
        kinds = due_kinds()
        reasons = end_reasons()
        super().__init__(
            (
                Column(tr("Uczestnik"), lambda r: r.name),
                Column(tr("Zaświadczenie"), lambda r: kinds.get(r.kind, r.kind)),
                Column(tr("Początek"), lambda r: r.start_on),
                Column(tr("Koniec"), lambda r: r.end_on),
                Column(
                    tr("Przyczyna zakończenia"),
                    lambda r: reasons.get(r.end_reason or "", r.end_reason or ""),
                ),
            ),
            parent,
        )


def register_note(row: IssuedRow) -> str:
    """What the register says besides the number: cancelled, or issued by override."""
    if row.cancelled_at is not None:
        return tr("ANULOWANE: {reason}").format(reason=row.cancel_reason or "")
    notes = []
    if row.override_reason:
        notes.append(tr("wydane mimo braku statusu: {reason}").format(reason=row.override_reason))
    if row.pup_required:  # CIS, art. 13 ust. 5a: a copy for the powiatowy urząd pracy
        notes.append(
            tr("do PUP: przekazano {d}").format(d=row.sent_to_pup_on.strftime("%d.%m.%Y"))
            if row.sent_to_pup_on is not None
            else tr("do PUP: do przekazania")
        )
    return "; ".join(notes)


def _register_colour(row: IssuedRow) -> QColor | None:
    if row.cancelled_at is not None:
        return MUTED
    if row.override_reason:
        return WARNING
    return None


class RegisterModel(RowTableModel[IssuedRow]):
    """The register of issued documents, in the order of their numbers."""

    def __init__(self, parent: Any = None) -> None:
        kinds = document_kinds()
        super().__init__(
            (
                Column(
                    tr("Numer"),
                    lambda r: r.number,
                    sort=lambda r: r.id,  # the order numbers were given in
                    foreground=_register_colour,
                ),
                Column(
                    tr("Rodzaj"), lambda r: kinds.get(r.kind, r.kind), foreground=_register_colour
                ),
                Column(tr("Osoba"), lambda r: r.person_name, foreground=_register_colour),
                Column(tr("Data wydania"), lambda r: r.issued_on, foreground=_register_colour),
                Column(
                    tr("Wystawił(a)"),
                    lambda r: r.issued_by or "—",
                    foreground=_register_colour,
                ),
                Column(
                    tr("Uwagi"),
                    register_note,
                    foreground=_register_colour,
                    tooltip=lambda r: register_note(r) or None,
                    bold=lambda r: bool(r.override_reason) and r.cancelled_at is None,
                ),
            ),
            parent,
        )
