"""Workbook: monthly attendance (participants × activity days), one sheet per month."""

from __future__ import annotations

import os
from pathlib import Path

from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.reports.xlsx.common import Column, SheetWriter, hours, new_workbook, save_atomic
from kisdesk.reports.xlsx.heading import heading, restricted_notes
from kisdesk.services.exports_attendance import AttendanceExport, DayMarks

WEEKDAYS = (tr("pn"), tr("wt"), tr("śr"), tr("cz"), tr("pt"), tr("sb"), tr("nd"))
LEGEND = tr(
    "O – obecny, C – obecność częściowa, U – nieobecność usprawiedliwiona, "
    "N – nieobecność nieusprawiedliwiona, · – zajęcia bez wpisanej obecności (także "
    "zaplanowane); kilka zajęć jednego dnia rozdziela „/”. Puste pole: uczestnik nie był "
    "oczekiwany na zajęciach tego dnia."
)


def marks_text(day: DayMarks) -> str:
    parts = (
        ["O"] * day.present
        + ["C"] * day.partial
        + ["U"] * day.excused
        + ["N"] * day.absent
        + ["·"] * day.unmarked
    )
    return "/".join(parts)


def render(data: AttendanceExport, path: str | os.PathLike[str]) -> Path:
    wb = new_workbook()
    hm = data.hour_minutes
    for month in data.months:
        name = month_name(month.year, month.month)
        columns = [
            Column(tr("Nazwisko"), "text", 18),
            Column(tr("Imię"), "text", 14),
            Column(tr("Grupa"), "text", 20),
        ]
        columns += [
            Column(f"{d.strftime('%d.%m')} {WEEKDAYS[d.weekday()]}", "text", 7) for d in month.days
        ]
        columns += [
            Column(tr("Obecność (godz.)"), "hours", 11),
            Column(tr("Zaplanowane (godz.)"), "hours", 13),
            Column(tr("Nieob. uspraw. (zajęcia)"), "int", 11),
            Column(tr("Nieob. nieuspraw. (zajęcia)"), "int", 12),
        ]
        sheet = SheetWriter(
            wb, name, columns, heading(data.header, tr("Obecności na zajęciach"), name)
        )
        sheet.set_filter(len(month.people))
        for person in month.people:
            cells: list[object] = [person.last_name, person.first_name, person.group or ""]
            for day in month.days:
                found = person.days.get(day)
                cells.append(marks_text(found) if found is not None else None)
            cells += [
                hours(person.attended_minutes, hm),
                hours(person.scheduled_minutes, hm),
                person.excused,
                person.absent,
            ]
            sheet.row(cells)
        sheet.finish(
            [LEGEND, tr("Godzina dydaktyczna = {minutes} min.").format(minutes=hm)]
            + restricted_notes(data.header)
        )
    if not data.months:
        SheetWriter(wb, tr("Obecności"), [], heading(data.header, tr("Obecności"))).finish()
    return save_atomic(wb, path)
