"""Monthly attendance sheet of a group (docs/domain.md#documents): participants × days, hours,
monthly totals, the required minimum and its status. Landscape A4; many participants
continue on further pages with both header rows repeated."""

from __future__ import annotations

import os

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para, signatures
from kisdesk.reports.pdf.layout import LANDSCAPE, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import HEAD_FILL, styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.documents_lists import MonthSheetData

LP, NAME, TOTALS = 8 * mm, 48 * mm, (12 * mm, 14 * mm, 15 * mm, 22 * mm)


def story(data: MonthSheetData) -> list[Flowable]:
    st = styles()
    width = text_width(LANDSCAPE)
    title = f"{data.title} – {data.month_label}"
    days = len(data.day_labels)
    day_w = (width - LP - NAME - sum(TOTALS)) / max(days, 1)
    font = 7 if day_w >= 7.5 * mm else 6
    header = [head(tr("Lp.")), head(tr("Nazwisko i imię"))]
    header += [head(label) for label in data.day_labels]
    header += [head(tr("Indyw.")), head(tr("Razem")), head(tr("Wymag.")), head(tr("Status"))]
    held = ["", cell(tr("zajęcia (godz.)"), bold=True), *data.held, "", "", "", ""]
    rows: list[list[object]] = [header, held]
    for i, r in enumerate(data.rows, 1):
        rows.append(
            [
                str(i),
                cell(r.name),
                *r.cells,
                r.individual,
                r.attended,
                r.required,
                cell(r.status, bold=r.short),
            ]
        )
    if not data.rows:
        rows.append(["", cell(tr("brak uczestników w tym miesiącu"))] + [""] * (days + 4))
    widths = [LP, NAME] + [day_w] * days + list(TOTALS)
    first_total = 2 + days
    table = grid_table(
        rows,
        widths,
        header_rows=2,
        font_size=font,
        extra=[
            ("ALIGN", (0, 2), (-1, -1), "CENTER"),
            ("ALIGN", (first_total, 2), (first_total + 2, -1), "RIGHT"),
            ("BACKGROUND", (0, 1), (-1, 1), HEAD_FILL),
            ("FONTNAME", (0, 1), (-1, 1), "KisSans"),
            ("LEFTPADDING", (2, 0), (first_total - 1, -1), 1),
            ("RIGHTPADDING", (2, 0), (first_total - 1, -1), 1),
        ],
    )
    return [
        Section(
            SectionInfo(
                footer=tr("Miesięczna lista obecności – {g} – {m}").format(
                    g=data.group, m=data.month_label
                ),
                running_title=f"{title} – {data.group}",
            ),
            label=title,
        ),
        letterhead(
            data.header, tr("stan na {d} r.").format(d=short_date(data.as_of)), width, compact=True
        ),
        Spacer(1, 4 * mm),
        para(title, st.form_title),
        para(tr("Grupa: {g}").format(g=data.group), st.body_center),
        para(data.rule, st.note_center),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 2 * mm),
        para(data.legend, st.note),
        signatures(
            [tr("(sporządził/a – data i podpis)")],
            [tr("(zatwierdził/a – kierownik)")],
            width,
            stamp_room=12 * mm,
        ),
    ]


def render(data: MonthSheetData, path: str | os.PathLike[str]) -> int:
    return build(path, story(data), pagesize=LANDSCAPE, title=tr("Miesięczna lista obecności"))
