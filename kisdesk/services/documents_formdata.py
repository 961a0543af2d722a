"""The shape of a form to the voivode: sections of fields, paragraphs and tables."""

from __future__ import annotations

from dataclasses import dataclass

from kisdesk.i18n import tr
from kisdesk.services.documents_common import Header


@dataclass(frozen=True, slots=True)
class FormField:
    label: str
    value: str  # "" → printed as dotted lines to fill in by hand
    lines: int = 1  # how many lines to leave when empty


@dataclass(frozen=True, slots=True)
class FormTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # parts of the text width, summing to 1
    total_rows: int = 0  # the last rows are totals (printed bold)
    blank_rows: int = 0  # empty rows to fill in by hand
    title: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FormSection:
    title: str
    text: tuple[str, ...] = ()
    fields: tuple[FormField, ...] = ()
    tables: tuple[FormTable, ...] = ()


@dataclass(frozen=True, slots=True)
class FormData:
    kind: str
    number: str  # internal number in the register (not printed)
    header: Header
    sender: tuple[str, ...]  # the operating body's name and address, top left
    place: str
    issued_on: str  # ISO date
    addressee: tuple[str, ...]  # "Wojewoda", then lines left to fill in
    title: str
    subtitle: str
    sections: tuple[FormSection, ...]
    attachments: tuple[str, ...]
    signatures: tuple[str, ...]  # labels under the signature lines (left, right)
    duplicate_on: str | None = None
    # the document shows health data (sick-leave days of a benefit list, RODO art. 9): only
    # a reader entitled to them may print it again (docs/threat-model.md §3.4)
    health_data: bool = False


def signature_labels(who: str) -> tuple[str, ...]:
    if who == "operator":
        return (
            tr("(pieczęć podmiotu prowadzącego / instytucji tworzącej)"),
            tr("(podpis osoby upoważnionej do reprezentowania podmiotu)"),
        )
    return (
        tr("(pieczęć placówki)"),
        tr("(podpis kierownika)"),
    )
