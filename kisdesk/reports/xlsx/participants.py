"""Workbook: the participant list (lista uczestników), docs/domain.md#documents."""

from __future__ import annotations

import os
from pathlib import Path

from kisdesk.i18n import tr
from kisdesk.messages.core import participant_statuses
from kisdesk.reports.xlsx import labels
from kisdesk.reports.xlsx.common import Column, SheetWriter, new_workbook, save_atomic
from kisdesk.reports.xlsx.heading import heading, restricted_notes
from kisdesk.services.exports import ParticipantList

COLUMNS = (
    Column(tr("Nr"), "int", 6),
    Column(tr("Nazwisko"), "text", 20),
    Column(tr("Imię"), "text", 16),
    Column(tr("PESEL"), "text", 14),
    Column(tr("Data urodzenia"), "date", 12),
    Column(tr("Płeć"), "text", 6),
    Column(tr("Ulica i numer"), "text", 24),
    Column(tr("Kod pocztowy"), "text", 9),
    Column(tr("Miejscowość"), "text", 16),
    Column(tr("Gmina"), "text", 14),
    Column(tr("Powiat"), "text", 14),
    Column(tr("Telefon"), "text", 14),
    Column(tr("Kategorie (art. 1 ust. 2)"), "text", 12),
    Column(tr("Skierowanie"), "text", 14),
    Column(tr("Instytucja kierująca"), "text", 22),
    Column(tr("Nr kontraktu / IPZS"), "text", 14),
    Column(tr("Grupa"), "text", 18),
    Column(tr("Status"), "text", 14),
    Column(tr("Data rozpoczęcia"), "date", 12),
    Column(tr("Planowane zakończenie"), "date", 12),
    Column(tr("Data zakończenia"), "date", 12),
    Column(tr("Przyczyna zakończenia"), "text", 22),
)


def render(data: ParticipantList, path: str | os.PathLike[str]) -> Path:
    wb = new_workbook()
    sheet = SheetWriter(
        wb, tr("Uczestnicy"), COLUMNS, heading(data.header, tr("Lista uczestników"))
    )
    sheet.set_filter(len(data.rows))
    for r in data.rows:
        sheet.row(
            (
                r.id,
                r.last_name,
                r.first_name,
                r.pesel or "",
                r.birth_date,
                labels.SEX.get(r.sex, r.sex),
                r.street,
                r.postal_code,
                r.city,
                r.gmina,
                r.powiat,
                r.phone,
                ", ".join(str(c) for c in r.categories),
                labels.REFERRAL.get(r.referral_source, r.referral_source),
                r.referral_institution,
                r.contract_number,
                r.group or "",
                participant_statuses(r.sex)[r.status],
                r.start_on,
                r.planned_end_on,
                r.end_on,
                labels.END_REASON.get(r.end_reason, "") if r.end_reason else "",
            )
        )
    notes = [tr("Status według dnia {date}.").format(date=data.on.strftime("%d.%m.%Y"))]
    if data.sensitive_hidden:
        notes.append(
            tr(
                "Kategorie 2, 3, 4 i 8 (dane o zdrowiu) pominięto: Twoja rola nie ma dostępu "
                "do danych wrażliwych."
            )
        )
    sheet.finish(notes + restricted_notes(data.header))
    return save_atomic(wb, path)
