"""Workbook: yearly statistics in the CAS 01 (KIS) / CAS 02 (CIS) breakdowns (docs/domain.md#documents)."""

from __future__ import annotations

import os
from pathlib import Path

from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS
from kisdesk.reports.xlsx import labels
from kisdesk.reports.xlsx.common import Column, SheetWriter, hours, new_workbook, save_atomic
from kisdesk.reports.xlsx.heading import heading, restricted_notes
from kisdesk.services.documents_stats import HOW_COUNTED
from kisdesk.services.exports_stats import StatisticsExport

TOTAL = tr("Ogółem (osoby)")
RESULTS = tr("Wyniki i efekty")
ACHIEVED = tr("Osiągnęli efekty reintegracji (osoby)")
EMPLOYED = tr("Uzyskali zatrudnienie / usamodzielnieni ekonomicznie (osoby)")


def _sex_columns(first: str) -> list[Column]:
    return [
        Column(first, "text", 58),
        Column(tr("Kobiety"), "int", 10),
        Column(tr("Mężczyźni"), "int", 11),
        Column(tr("Razem"), "int", 9),
    ]


def render(data: StatisticsExport, path: str | os.PathLike[str]) -> Path:
    wb = new_workbook()
    office = "CIS" if data.header.office_kind == "cis" else "KIS"
    layout = tr("układ MRiPS CAS 02") if office == "CIS" else tr("układ MRiPS CAS 01")
    period = tr("{year} (stan na {date})").format(
        year=data.year, date=data.until.strftime("%d.%m.%Y")
    )
    hm = data.hour_minutes
    skipped = restricted_notes(data.header)
    category_notes = [
        tr(
            "Osoba z kilkoma kategoriami jest liczona w każdej z nich, dlatego „{total}” "
            "to liczba różnych osób, a nie suma wierszy."
        ).format(total=TOTAL)
    ]
    if data.sensitive_hidden:
        category_notes.append(
            tr(
                "Kategorie 2, 3, 4 i 8 (dane o zdrowiu) pominięto: Twoja rola nie ma dostępu "
                "do danych wrażliwych."
            )
        )
    tables = (
        (tr("Rozpoczęli"), tr("Uczestnicy, którzy rozpoczęli zajęcia w roku"), data.started),
        (tr("Uczestniczyli"), tr("Uczestnicy zajęć w roku"), data.took_part),
        (tr("Ukończyli"), tr("Uczestnicy, którzy zakończyli udział w roku"), data.finished),
    )
    for sheet_name, title, table in tables:
        lines = heading(data.header, f"{title} ({layout})", period)
        sheet = SheetWriter(wb, sheet_name, _sex_columns(tr("Kategoria (art. 1 ust. 2)")), lines)
        sheet.set_filter(len(table.rows))
        for category, counts in table.rows:
            name = labels.category(category) if category is not None else labels.NO_CATEGORY
            sheet.row((name, counts.women, counts.men, counts.total))
        t = table.total
        sheet.row((TOTAL, t.women, t.men, t.total), bold=True)
        sheet.finish(category_notes + skipped)

    lines = heading(
        data.header,
        tr("Formy podjętych działań po zakończeniu {office} ({layout})").format(
            office=office, layout=layout
        ),
        period,
    )
    sheet = SheetWriter(
        wb,
        tr("Po zakończeniu"),
        _sex_columns(tr("Przyczyna zakończenia / dalsze działania")),
        lines,
    )
    sheet.set_filter(len(data.outcomes.rows))
    for reason, counts in data.outcomes.rows:
        sheet.row((labels.END_REASON[reason], counts.women, counts.men, counts.total))
    t = data.outcomes.total
    sheet.row((TOTAL, t.women, t.men, t.total), bold=True)
    sheet.finish(
        [tr("Wyniki po zakończeniu i efekty: arkusz „{sheet}”.").format(sheet=RESULTS)] + skipped
    )

    lines = heading(
        data.header,
        tr("Wyniki po zakończeniu {office} i efekty reintegracji ({layout})").format(
            office=office, layout=layout
        ),
        period,
    )
    sheet = SheetWriter(wb, RESULTS, _sex_columns(tr("Wynik po zakończeniu uczestnictwa")), lines)
    sheet.set_filter(len(data.outcome_kinds.rows))
    for kind, counts in data.outcome_kinds.rows:
        sheet.row((OUTCOME_LABELS[kind], counts.women, counts.men, counts.total))
    t = data.outcome_kinds.total
    sheet.row((TOTAL, t.women, t.men, t.total), bold=True)
    for label, counts in (
        (ACHIEVED, data.achieved_effects),
        (EMPLOYED, data.employed_after),
    ):
        sheet.row((label, counts.women, counts.men, counts.total), bold=True)
    sheet.finish([HOW_COUNTED["achieved_effects"], HOW_COUNTED["employed_after"]] + skipped)

    service_columns = [
        Column(tr("Forma usługi"), "text", 40),
        Column(tr("Zajęcia (liczba)"), "int", 10),
        Column(tr("Czas zajęć (godz.)"), "hours", 11),
        Column(tr("Uczestnicy – kobiety"), "int", 11),
        Column(tr("Uczestnicy – mężczyźni"), "int", 12),
        Column(tr("Uczestnicy – razem"), "int", 10),
        Column(tr("Godziny obecności uczestników"), "hours", 13),
    ]
    for area, sheet_name in (
        ("social", tr("Reintegracja społeczna")),
        ("vocational", tr("Reintegracja zawodowa")),
    ):
        lines = heading(
            data.header,
            tr("Uczestnicy objęci: {area} ({layout})").format(
                area=labels.AREA[area], layout=layout
            ),
            period,
        )
        services = [s for s in data.services if s.area == area]
        sheet = SheetWriter(wb, sheet_name, service_columns, lines)
        sheet.set_filter(len(services))
        for s in services:
            sheet.row(
                (
                    s.form or tr("(bez formy)"),
                    s.activities,
                    hours(s.minutes, hm),
                    s.people.women,
                    s.people.men,
                    s.people.total,
                    hours(s.attended_minutes, hm),
                )
            )
        people = data.area_people[area]
        sheet.row(
            (
                TOTAL,
                sum(s.activities for s in services),
                hours(sum(s.minutes for s in services), hm),
                people.women,
                people.men,
                people.total,
                hours(sum(s.attended_minutes for s in services), hm),
            ),
            bold=True,
        )
        sheet.finish(
            [
                tr(
                    "Uczestnik jest liczony przy formie, gdy był obecny (także częściowo) na co "
                    "najmniej jednych zajęciach tej formy. Godzina dydaktyczna = {minutes} min."
                ).format(minutes=hm)
            ]
            + skipped
        )

    detail_columns = [Column(tr("Kod uczestnika"), "text", 14)]
    if data.identified:
        detail_columns += [Column(tr("Nazwisko"), "text", 20), Column(tr("Imię"), "text", 16)]
    detail_columns += [
        Column(tr("Płeć"), "text", 6),
        Column(tr("Rok urodzenia"), "int", 10),
        Column(tr("Kategorie (art. 1 ust. 2)"), "text", 12),
        Column(tr("Uczestnictwo od"), "date", 14),
        Column(tr("Zakończenie"), "date", 12),
        Column(tr("Przyczyna zakończenia"), "text", 24),
        Column(tr("Reintegracja społeczna (godz.)"), "hours", 13),
        Column(tr("Reintegracja zawodowa (godz.)"), "hours", 13),
    ]
    title = tr("Okresy uczestnictwa w roku")
    sheet = SheetWriter(
        wb,
        tr("Uczestnicy") if data.identified else tr("Uczestnicy (pseudonimy)"),
        detail_columns,
        heading(data.header, title, period),
    )
    sheet.set_filter(len(data.details))
    for d in data.details:
        values: list[object] = [d.code]
        if data.identified:
            values += [d.last_name, d.first_name]
        values += [
            d.sex,
            d.birth_year,
            ", ".join(str(c) for c in d.categories),
            d.start_on,
            d.end_on,
            labels.END_REASON.get(d.end_reason, "") if d.end_reason else "",
            hours(d.social_minutes, hm),
            hours(d.vocational_minutes, hm),
        ]
        sheet.row(values)
    sheet.finish(
        (
            []
            if data.identified
            else [
                tr(
                    "Dane spseudonimizowane (nadal są to dane osobowe): bez imion, nazwisk i "
                    "numerów PESEL. Kod uczestnika jest losowany przy każdym eksporcie i nie "
                    "pozwala powiązać osób między plikami."
                )
            ]
        )
        + skipped
    )
    return save_atomic(wb, path)
