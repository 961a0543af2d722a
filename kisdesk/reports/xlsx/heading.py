"""The title lines above each table: office, what the sheet is, the period and the date."""

from __future__ import annotations

import datetime as dt

from kisdesk.i18n import tr
from kisdesk.messages.security import restricted_skipped
from kisdesk.services.exports import ExportHeader


def _date(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def heading(header: ExportHeader, title: str, period: str | None = None) -> list[str]:
    """[title with the office's name, period and generation date]."""
    lines = [f"{title} – {header.office_name}" if header.office_name else title]
    detail = []
    if period:
        detail.append(tr("Okres: {period}").format(period=period))
    elif header.first and header.last:
        detail.append(
            tr("Okres: {first} – {last}").format(first=_date(header.first), last=_date(header.last))
        )
    detail.append(tr("Wygenerowano: {date}").format(date=_date(header.generated_on)))
    lines.append("   ".join(detail))
    return lines


def restricted_notes(header: ExportHeader) -> list[str]:
    """The note under every table of a workbook that left restricted people out (RODO
    art. 18), so whoever reads the file knows the list is not everyone."""
    text = restricted_skipped(header.restricted_skipped)
    return [text] if text else []
