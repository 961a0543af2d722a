"""Individual counselling card (karta doradztwa indywidualnego), docs/domain.md#documents.

Counselling notes appear only when the person printing may read them (docs/domain.md#participants): the data
says so in `show_notes`, and the column is left out otherwise.
"""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.documents_journal import CounsellingCardData

WITH_NOTES = (0.05, 0.11, 0.11, 0.07, 0.14, 0.21, 0.19, 0.12)
WITHOUT_NOTES = (0.05, 0.11, 0.12, 0.07, 0.17, 0.32, 0.16)


def story(data: CounsellingCardData) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    header = [
        head(tr("Lp.")),
        head(tr("Data")),
        head(tr("Godziny")),
        head(tr("Liczba godz.")),
        head(tr("Specjalista")),
        head(tr("Forma i temat")),
    ]
    if data.show_notes:
        header.append(head(tr("Notatka")))
    header.append(head(tr("Podpis uczestnika")))
    rows: list[list[object]] = [header]
    for i, r in enumerate(data.rows, 1):
        row: list[object] = [
            str(i),
            short_date(r.date),
            r.time,
            r.hours,
            cell(r.specialist),
            cell(f"{r.form}: {r.topic}" if r.form else r.topic),
        ]
        if data.show_notes:
            row.append(cell(r.note or ""))
        row.append("")
        rows.append(row)
    blank = len(header)
    if not data.rows:
        rows.append(["", "", "", "", cell(tr("brak zajęć indywidualnych"))] + [""] * (blank - 5))
    total = ["", cell(tr("Razem"), bold=True), "", data.total_hours] + [""] * (blank - 4)
    rows.append(total)
    widths = [width * w for w in (WITH_NOTES if data.show_notes else WITHOUT_NOTES)]
    table = grid_table(
        rows,
        widths,
        total_rows=1,
        extra=[
            ("ALIGN", (0, 1), (3, -1), "CENTER"),
            ("SPAN", (1, -1), (2, -1)),
            ("TOPPADDING", (0, 1), (-1, -2), 6),
            ("BOTTOMPADDING", (0, 1), (-1, -2), 6.5),
        ],
    )
    info = [
        [cell(tr("Uczestnik"), bold=True), cell(data.person_name)],
        [cell(tr("Data urodzenia"), bold=True), cell(short_date(data.birth_date))],
        [cell(tr("Okres uczestnictwa"), bold=True), cell(data.periods)],
        [cell(tr("Zakres karty"), bold=True), cell(data.year_label)],
    ]
    title = tr("Karta doradztwa indywidualnego – {name}").format(name=data.person_name)
    return [
        Section(SectionInfo(footer=title, running_title=title), label=title),
        letterhead(data.header, "", width, compact=True),
        Spacer(1, 5 * mm),
        para(data.title, st.form_title),
        Spacer(1, 3 * mm),
        grid_table(info, [width * 0.25, width * 0.75], header_rows=0),
        Spacer(1, 4 * mm),
        table,
    ]


def render(data: CounsellingCardData, path: str | os.PathLike[str]) -> None:
    build(path, story(data), title=tr("Karta doradztwa indywidualnego"))
