"""Attendance list for signatures (lista obecności), docs/domain.md#documents: for one activity or
for a group's day; a month's lists of a group print into one PDF."""

from __future__ import annotations

import os
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import cell, grid_table, head, letterhead, para, signatures
from kisdesk.reports.pdf.layout import PORTRAIT, Progress, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.documents_lists import AttendanceListData, ListActivity

ROW_HEIGHT = 9 * mm  # room for a handwritten signature


def _details(data: AttendanceListData, width: float) -> Flowable:
    """Date, time, form, topic, leader: a key–value grid for one activity, a table for many."""
    if len(data.activities) <= 1:
        # no class planned yet (a blank list): the same grid with empty fields to fill in by hand
        a = data.activities[0] if data.activities else ListActivity(data.date, *[""] * 6)
        dash = "–" if data.activities else ""
        pairs = [
            (tr("Data"), short_date(a.date)),
            (tr("Godziny"), a.time),
            (tr("Grupa"), data.group),
            (tr("Obszar"), a.area),
            (tr("Forma"), a.form or dash),
            (tr("Prowadzący"), a.leader or dash),
            (tr("Temat"), a.topic),
            (tr("Miejsce"), a.place or dash),
        ]
        rows = [
            [cell(k1, bold=True), cell(v1), cell(k2, bold=True), cell(v2)]
            for (k1, v1), (k2, v2) in zip(pairs[0::2], pairs[1::2], strict=True)
        ]
        return grid_table(
            rows,
            [width * w for w in (0.13, 0.37, 0.13, 0.37)],
            header_rows=0,
            row_height=None if data.activities else 8 * mm,  # room for handwriting
        )
    rows = [[head(tr("Godziny")), head(tr("Forma")), head(tr("Temat")), head(tr("Prowadzący"))]]
    rows += [[cell(a.time), cell(a.form), cell(a.topic), cell(a.leader)] for a in data.activities]
    return grid_table(rows, [width * 0.15, width * 0.25, width * 0.38, width * 0.22])


def story(data: AttendanceListData) -> list[Flowable]:
    st = styles()
    width = text_width(PORTRAIT)
    when = short_date(data.date)
    title = f"{data.title} – {when}"
    if len(data.activities) == 1:
        title += f", {data.activities[0].time}"
    out: list[Flowable] = [
        Section(
            SectionInfo(
                footer=tr("Lista obecności {date} – {group}").format(date=when, group=data.group),
                running_title=f"{title} – {data.group}",
            ),
            label=title,
        ),
        letterhead(data.header, "", width, compact=True),
        Spacer(1, 6 * mm),
        para(title, st.form_title),
        Spacer(1, 4 * mm),
        _details(data, width),
        Spacer(1, 5 * mm),
    ]
    if len(data.activities) > 1:
        out[4:4] = [para(tr("Grupa: {g}").format(g=data.group), st.body_center)]
    sig = list(data.signature_columns)
    name_w, lp_w, note_w = 0.36, 0.07, 0.17
    sig_w = (1 - name_w - lp_w - note_w) / len(sig)
    # The names are printed surname first, and so is their heading.
    header = [head(tr("Lp.")), head(tr("Nazwisko i imię"))] + [head(c) for c in sig]
    header.append(head(tr("Uwagi")))
    rows: list[list[object]] = [header]
    for i, name in enumerate(data.names, 1):
        rows.append([str(i), cell(name)] + [""] * len(sig) + [""])
    for i in range(len(data.names) + 1, len(data.names) + data.spare_rows + 1):
        rows.append([str(i), "", *([""] * len(sig)), ""])
    widths = [width * lp_w, width * name_w] + [width * sig_w] * len(sig) + [width * note_w]
    out.append(
        grid_table(
            rows,
            widths,
            row_height=ROW_HEIGHT,
            extra=[("ALIGN", (0, 1), (0, -1), "CENTER")],
        )
    )
    out += [
        Spacer(1, 4 * mm),
        signatures(
            [],
            [tr("(podpis prowadzącego zajęcia)")],
            width,
            stamp_room=10 * mm,
        ),
    ]
    return out


def render(data: AttendanceListData, path: str | os.PathLike[str]) -> None:
    build(path, story(data), title=tr("Lista obecności"))


def render_many(
    items: Sequence[AttendanceListData],
    path: str | os.PathLike[str],
    progress: Progress | None = None,
) -> int:
    """A month's lists of a group, each starting on a new page."""
    flow: list[Flowable] = []
    for i, data in enumerate(items):
        if i:
            flow.append(PageBreak())
        flow += story(data)
    return build(path, flow, title=tr("Listy obecności"), progress=progress, total=len(items))
