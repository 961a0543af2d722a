"""Activity journal (dziennik zajęć) of a group for a month, docs/domain.md#documents."""

from __future__ import annotations

import os

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para, signatures
from kisdesk.reports.pdf.layout import LANDSCAPE, TOP, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.documents_journal import JournalData

# Lp., date, time, hours, form, topic, leader, present, signature (parts of the width)
# The topic gets the room: most topics stay on one line.
WIDTHS = (0.03, 0.07, 0.08, 0.05, 0.13, 0.375, 0.11, 0.065, 0.09)
# A normal month (16 classes) fits one landscape page with the total and the signature even
# when every topic takes two lines: a slightly smaller cell text and a lower page top than the
# other documents (the running title of a second page still has its room).
ROW_TEXT = 8.0
JOURNAL_TOP = TOP - 3 * mm


def _row_style() -> ParagraphStyle:
    return ParagraphStyle(
        "journal_cell", parent=styles().cell, fontSize=ROW_TEXT, leading=ROW_TEXT * 1.1
    )


def story(data: JournalData) -> list[Flowable]:
    st = styles()
    width = text_width(LANDSCAPE)
    title = f"{data.title} – {data.month_label}"
    rows: list[list[object]] = [
        [
            head(tr("Lp.")),
            head(tr("Data")),
            head(tr("Godziny")),
            head(tr("Liczba godz.")),
            head(tr("Forma")),
            head(tr("Temat")),
            head(tr("Prowadzący")),
            head(tr("Obecnych")),
            head(tr("Podpis prowadzącego")),
        ]
    ]
    text = _row_style()
    for i, r in enumerate(data.rows, 1):
        rows.append(
            [
                str(i),
                short_date(r.date),
                r.time,
                r.hours,
                para(r.form, text),
                para(r.topic, text),
                para(r.leader, text),
                r.present,
                # the leader signs here: every row as tall as one of two lines
                Spacer(1, 2 * text.leading),
            ]
        )
    if not data.rows:
        rows.append(["", "", "", "", cell(tr("brak zajęć w tym miesiącu")), "", "", "", ""])
    rows.append(["", cell(tr("Razem"), bold=True), "", data.total_hours, "", "", "", "", ""])
    total = len(rows) - 1
    table = grid_table(
        rows,
        [width * w for w in WIDTHS],
        total_rows=1,
        row_height=None,
        extra=[
            ("ALIGN", (0, 1), (3, total), "CENTER"),
            ("ALIGN", (7, 1), (7, total), "CENTER"),
            ("SPAN", (1, total), (2, total)),
            # room for the leader's handwritten signature in every row (a row of one line is
            # as tall as one of two), yet a normal month on one landscape page
            ("FONTSIZE", (0, 1), (-1, total - 1), ROW_TEXT),
            ("TOPPADDING", (0, 1), (-1, total - 1), 1.5),
            ("BOTTOMPADDING", (0, 1), (-1, total - 1), 1.5),
        ],
        # a longer month goes on with the header repeated; the last classes, the total and
        # the leader's signature stay together on the last page
        trailer=signatures([], [tr("(podpis kierownika)")], width, stamp_room=6 * mm),
    )
    return [
        Section(
            SectionInfo(
                footer=tr("Dziennik zajęć – {g} – {m}").format(g=data.group, m=data.month_label),
                running_title=f"{title} – {data.group}",
            ),
            label=title,
        ),
        letterhead(data.header, "", width, compact=True),
        Spacer(1, 2 * mm),
        para(title, st.form_title),
        para(tr("Grupa: {g}").format(g=data.group) + " · " + data.hour_note, st.body_center),
        Spacer(1, 2 * mm),
        table,
    ]


def render(data: JournalData, path: str | os.PathLike[str]) -> int:
    return build(path, story(data), pagesize=LANDSCAPE, title=tr("Dziennik zajęć"), top=JOURNAL_TOP)
