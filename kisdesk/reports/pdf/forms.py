"""The layout shared by the forms to the voivode (docs/domain.md#documents): sender and date,
the addressee, the title, numbered sections of fields and tables, attachments and the
signature with room for a stamp. Each form's module chooses the options."""

from __future__ import annotations

import os
import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from kisdesk.i18n import tr
from kisdesk.reports.pdf.blocks import (
    cell,
    esc,
    grid_table,
    head,
    para,
    place_date,
    rich,
    signatures,
)
from kisdesk.reports.pdf.layout import PORTRAIT, Section, SectionInfo, build, text_width
from kisdesk.reports.pdf.styles import GRID, styles
from kisdesk.services.documents_common import short_date
from kisdesk.services.documents_formdata import FormData, FormField, FormSection, FormTable

LINE = 7.5 * mm  # height of one handwritten line
_NUMBER = re.compile(r"^[\d\s.,–-]*$")


def _top(data: FormData, width: float) -> Table:
    st = styles()
    left: list[Flowable] = []
    for i, line in enumerate(data.sender):
        left.append(para(line, st.head_office if i == 0 else st.head_line))
    left.append(para(tr("(nazwa i adres podmiotu)"), st.note))
    right = [para(place_date(data.place, data.issued_on), st.place_date)]
    table = Table([[left, right]], colWidths=[width * 0.55, width * 0.45])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _addressee(data: FormData, width: float) -> Table:
    st = styles()
    lines = [
        para(line, st.head_office) if line else para("." * 55, st.small) for line in data.addressee
    ]
    table = Table([["", lines]], colWidths=[width * 0.55, width * 0.45])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _fields(fields: tuple[FormField, ...], width: float, numbered: bool) -> Flowable:
    st = styles()
    rows: list[list[object]] = []
    heights: list[float | None] = []
    for i, f in enumerate(fields, 1):
        label = f"{i}. {f.label}" if numbered else f.label
        rows.append([para(label, st.field_label), para(f.value, st.field_value) if f.value else ""])
        heights.append(None if f.value else LINE * max(f.lines, 1))
    table = Table(rows, colWidths=[width * 0.38, width * 0.62], rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _table(t: FormTable, width: float) -> list[Flowable]:
    st = styles()
    rows: list[list[object]] = [[head(c) for c in t.columns]]
    for n, values in enumerate(t.rows):
        bold = n >= len(t.rows) - t.total_rows
        rows.append([v if _NUMBER.match(v) else cell(v, bold=bold) for v in values])
    rows += [[""] * len(t.columns) for _ in range(t.blank_rows)]
    heights = [None] * (1 + len(t.rows)) + [LINE] * t.blank_rows
    commands = [
        ("ALIGN", (i, 1), (i, -1), "RIGHT" if i else "CENTER")
        for i in range(len(t.columns))
        if t.rows and all(_NUMBER.match(r[i]) for r in t.rows)
    ]
    out: list[Flowable] = []
    if t.title:
        # a table's title never stands alone at the foot of a page
        out += _kept_with_next(para(t.title, st.table_title), Spacer(1, 1.5 * mm))
    out.append(
        grid_table(
            rows,
            [width * w for w in t.widths],
            total_rows=t.total_rows if not t.blank_rows else 0,
            row_heights=heights,
            extra=commands,
        )
    )
    if t.note:
        out.append(para(t.note, st.note))
    out.append(Spacer(1, 3 * mm))
    return out


def _kept_with_next(*flowables: Flowable) -> list[Flowable]:
    """Flowables the page template keeps on the page of what follows them (a heading)."""
    for flowable in flowables:
        flowable.keepWithNext = True
    return list(flowables)


def _section(s: FormSection, width: float, numbered: bool, letter: bool) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = []
    if s.title:
        out += _kept_with_next(para(s.title, st.section), Spacer(1, 2 * mm))
    for text in s.text:
        out.append(para(text, st.body if letter else st.small))
        out.append(Spacer(1, 2.5 * mm))
    if s.fields:
        out.append(_fields(s.fields, width, numbered))
        out.append(Spacer(1, 3 * mm))
    for t in s.tables:
        out += _table(t, width)
    return out


def story(
    data: FormData,
    *,
    numbered: bool = False,
    letter: bool = False,
    pagesize: tuple[float, float] = PORTRAIT,
) -> list[Flowable]:
    st = styles()
    width = text_width(pagesize)
    out: list[Flowable] = [
        Section(
            SectionInfo(
                footer=data.title.capitalize() if data.title.isupper() else data.title,
                running_title=data.title,
                watermark=tr("DUPLIKAT") if data.duplicate_on else "",
            ),
            label=data.title,
        ),
        _top(data, width),
        Spacer(1, 6 * mm),
    ]
    if data.addressee:  # a list for signatures is addressed to nobody
        out += [_addressee(data, width), Spacer(1, 8 * mm)]
    out += [para(data.title, st.form_title)]
    if data.subtitle:
        out += [Spacer(1, 1 * mm), para(data.subtitle, st.basis_line)]
    if data.duplicate_on:
        out.append(
            para(tr("DUPLIKAT z dnia {d} r.").format(d=short_date(data.duplicate_on)), st.duplicate)
        )
    out.append(Spacer(1, 6 * mm))
    for s in data.sections:
        out += _section(s, width, numbered, letter)
    if data.attachments:
        items = "".join(f"<br/>{i}. {esc(a)}" for i, a in enumerate(data.attachments, 1))
        out.append(KeepTogether([rich(esc(tr("Załączniki:")) + items, st.body_left)]))
    out += [Spacer(1, 4 * mm), signatures([data.signatures[0]], [data.signatures[1]], width)]
    return out


def render_form(
    data: FormData,
    path: str | os.PathLike[str],
    *,
    numbered: bool = False,
    letter: bool = False,
    pagesize: tuple[float, float] = PORTRAIT,
) -> None:
    build(
        path,
        story(data, numbered=numbered, letter=letter, pagesize=pagesize),
        title=data.title,
        pagesize=pagesize,
    )
