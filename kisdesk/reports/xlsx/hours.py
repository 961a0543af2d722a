"""Workbook: monthly hours against the KIS minimum (docs/domain.md#hours-minimum), one sheet per month."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook

from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.reports.xlsx import labels
from kisdesk.reports.xlsx.common import (
    Column,
    SheetWriter,
    hours,
    new_workbook,
    save_atomic,
    yes_no,
)
from kisdesk.reports.xlsx.heading import heading, restricted_notes
from kisdesk.services.exports import HoursExport

COLUMNS = (
    Column(tr("Nazwisko"), "text", 20),
    Column(tr("Imię"), "text", 16),
    Column(tr("Grupa"), "text", 18),
    Column(tr("Uczestnictwo od"), "date", 14),
    Column(tr("Uczestnictwo do"), "date", 14),
    Column(tr("Wymagane (godz.)"), "hours", 13),
    Column(tr("Zaplanowane (godz.)"), "hours", 13),
    Column(tr("Zrealizowane (godz.)"), "hours", 13),
    Column(tr("Brakuje (godz.)"), "hours", 10),
    Column(tr("Jeszcze zaplanowane (godz.)"), "hours", 13),
    Column(tr("Status minimum"), "text", 14),
    Column(tr("Za mała oferta zajęć"), "text", 12),
    Column(tr("Zagrożone"), "text", 10),
)


WEEK_COLUMNS = (
    Column(tr("Nazwisko"), "text", 20),
    Column(tr("Imię"), "text", 16),
    Column(tr("Grupa"), "text", 18),
    Column(tr("Tydzień"), "text", 10),
    Column(tr("Od (poniedziałek)"), "date", 13),
    Column(tr("Minimum (godz.)"), "hours", 11),
    Column(tr("Maksimum (godz.)"), "hours", 11),
    Column(tr("Zaplanowane (godz.)"), "hours", 13),
    Column(tr("Obecność (godz.)"), "hours", 11),
    Column(tr("Brakuje (godz.)"), "hours", 10),
    Column(tr("Status"), "text", 14),
    Column(tr("Za mała oferta zajęć"), "text", 12),
)
_CLOCK_HOUR = 60  # art. 14 ust. 1 counts clock hours


def _render_cis(wb: Workbook, data: HoursExport) -> None:
    for month in data.months:
        name = month_name(month.year, month.month)
        lines = heading(data.header, tr("Tygodniowy wymiar zajęć w CIS"), name)
        lines.append(
            tr(
                "Art. 14 ust. 1 ustawy: od {low} do {high} godzin zegarowych tygodniowo "
                "(ustawienia), proporcjonalnie do dni roboczych uczestnictwa w tygodniu. "
                "Tydzień należy do miesiąca, w którym wypada jego czwartek. Stan na {date}."
            ).format(
                low=data.weekly_min_hours,
                high=data.weekly_max_hours,
                date=data.as_of.strftime("%d.%m.%Y"),
            )
        )
        sheet = SheetWriter(wb, name, WEEK_COLUMNS, lines)
        sheet.set_filter(len(month.weeks))
        for w in month.weeks:
            sheet.row(
                (
                    w.last_name,
                    w.first_name,
                    w.group or "",
                    f"{w.year}-W{w.week:02d}",
                    w.monday,
                    hours(w.required_min, _CLOCK_HOUR),
                    hours(w.allowed_max, _CLOCK_HOUR),
                    hours(w.scheduled, _CLOCK_HOUR),
                    hours(w.attended, _CLOCK_HOUR),
                    hours(w.missing, _CLOCK_HOUR),
                    labels.WEEK_STATUS[w.status],
                    yes_no(w.offer_short),
                )
            )
        sheet.finish(restricted_notes(data.header))


def render(data: HoursExport, path: str | os.PathLike[str]) -> Path:
    wb = new_workbook()
    hm = data.hour_minutes
    if data.header.office_kind == "cis":
        _render_cis(wb, data)
    for month in data.months if data.header.office_kind != "cis" else ():
        name = month_name(month.year, month.month)
        lines = heading(data.header, tr("Godziny zajęć i miesięczne minimum"), name)
        lines.append(
            tr(
                "Minimum: {minimum} godz. dydaktycznych po {minutes} min w pełnym miesiącu "
                "(standard minimum KIS, ustawienie placówki), proporcjonalnie do dni roboczych "
                "uczestnictwa. Stan na {date}."
            ).format(minimum=data.minimum_hours, minutes=hm, date=data.as_of.strftime("%d.%m.%Y"))
        )
        sheet = SheetWriter(wb, name, COLUMNS, lines)
        sheet.set_filter(len(month.rows))
        for r in month.rows:
            sheet.row(
                (
                    r.last_name,
                    r.first_name,
                    r.group or "",
                    r.start_on,
                    r.end_on,
                    hours(r.required, hm),
                    hours(r.scheduled, hm),
                    hours(r.attended, hm),
                    hours(r.missing, hm),
                    hours(r.remaining, hm),
                    labels.MONTH_STATUS[r.status],
                    yes_no(r.offer_short),
                    yes_no(r.at_risk),
                )
            )
        sheet.finish(
            [
                tr(
                    "„Za mała oferta zajęć”: placówka zaplanowała mniej godzin, niż wynosi "
                    "wymagane minimum – to brak oferty, nie nieobecność uczestnika."
                ),
                tr(
                    "„Zagrożone”: nawet obecność na wszystkich pozostałych zajęciach miesiąca "
                    "nie da wymaganego minimum."
                ),
            ]
            + restricted_notes(data.header)
        )
    if not data.months:
        SheetWriter(wb, tr("Godziny"), COLUMNS, heading(data.header, tr("Godziny"))).finish()
    return save_atomic(wb, path)
