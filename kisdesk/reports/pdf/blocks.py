"""Pieces every document is made of: escaped paragraphs, the letterhead, signature lines
with room for a stamp, and tables that break across pages with their header repeated.

Every text that comes from the user or the database goes through `esc()` before it reaches
a Paragraph: reportlab reads paragraph text as markup, so "<b>&" would break the page or
inject tags (docs/architecture.md#pdf-markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, Table, TableStyle

from kisdesk.i18n import tr
from kisdesk.reports.pdf.styles import GRID, HEAD_FILL, TOTAL_FILL, styles
from kisdesk.services.documents_common import Header, long_date


def esc(text: str | None) -> str:
    """User text made safe for a Paragraph; line breaks kept."""
    return escape(text or "").replace("\n", "<br/>")


def para(text: str | None, style: Any) -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(esc(text), style)


def rich(markup: str, style: Any) -> Paragraph:
    """A paragraph of markup built by the caller, with every value passed through esc()."""
    return Paragraph(markup, style)


def place_date(place: str, issued_on: str) -> str:
    """ "Zawonia, dnia 15 marca 2027 r." (a line to fill in when the place is unknown)."""
    where = place or "…………………………"
    return tr("{place}, dnia {date}").format(place=where, date=long_date(issued_on))


def letterhead(header: Header, right: str, width: float, compact: bool = False) -> Table:
    """The office's header on the left, place and date (or any text) on the right."""
    st = styles()
    left: list[Flowable] = []
    if header.operator_name:
        left.append(para(header.operator_name, st.head_line))
    left.append(para(header.office_name, st.head_office))
    if not compact:
        for line in (header.address, header.contact):
            if line:
                left.append(para(line, st.head_line))
    table = Table(
        [[left, para(right, st.place_date)]],
        colWidths=[width * 0.58, width * 0.42],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (0, 0), 0.6, GRID),
                ("BOTTOMPADDING", (0, 0), (0, 0), 4),
            ]
        )
    )
    return table


def signature_cell(lines: Sequence[str], stamp_room: float = 22 * mm) -> list[Flowable]:
    """Room for a stamp and a signature, a dotted line, then the name / role / label."""
    st = styles()
    cell: list[Flowable] = [Spacer(1, stamp_room), para("." * 60, st.small_center)]
    for i, line in enumerate(lines):
        if line:
            cell.append(para(line, st.small_center if i < len(lines) - 1 else st.note_center))
    return cell


def signatures(
    left: Sequence[str], right: Sequence[str], width: float, stamp_room: float = 22 * mm
) -> Flowable:
    """Two signature places side by side (one table row: never split across pages)."""
    table = Table(
        [[signature_cell(left, stamp_room) if left else "", signature_cell(right, stamp_room)]],
        colWidths=[width / 2, width / 2],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    return table


def string_leading(font_size: float) -> float:
    """The leading that puts a plain string's baseline on the line of a `cell` paragraph's in
    the same middle-aligned row. reportlab sets a string's baseline at leading/2 - size from
    the cell's middle (12-point leading by default), a paragraph's first one at
    leading/2 - size of its own style: without this, every number in a row stood about a point
    above the names beside it."""
    cell = styles().cell
    return 2 * (font_size + float(cell.leading) / 2 - float(cell.fontSize))


def grid_table(
    rows: list[list[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    total_rows: int = 0,
    row_height: float | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
    font_size: float = 8.5,
    row_heights: Sequence[float | None] | None = None,
    trailer: Flowable | None = None,
) -> LongTable:
    """A ruled table whose header rows repeat on every page it continues to.

    `trailer` (e.g. the signature places) becomes an unruled last row spanning the width, kept
    on the page of the last rows: a signature never stands alone on a page of its own. With a
    trailer, `extra` commands must address rows by index, not from the end."""
    last = len(rows) - 1
    heights = list(row_heights) if row_heights is not None else None
    if row_height is not None:
        heights = [None] * header_rows + [row_height] * (len(rows) - header_rows)
    if trailer is not None:
        rows = [*rows, [trailer, *([""] * (len(widths) - 1))]]
        if heights is not None:
            heights.append(None)
    table = LongTable(rows, colWidths=list(widths), rowHeights=heights, repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, last), 0.5, GRID),
        ("FONTNAME", (0, 0), (-1, -1), "KisSans"),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("LEADING", (0, 0), (-1, -1), string_leading(font_size)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
            ("FONTNAME", (0, 0), (-1, header_rows - 1), "KisSans-Bold"),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ]
    if total_rows:
        commands += [
            ("BACKGROUND", (0, last + 1 - total_rows), (-1, last), TOTAL_FILL),
            ("FONTNAME", (0, last + 1 - total_rows), (-1, last), "KisSans-Bold"),
        ]
    if trailer is not None:
        commands += [
            ("SPAN", (0, last + 1), (-1, last + 1)),
            ("LEFTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("RIGHTPADDING", (0, last + 1), (-1, last + 1), 0),
            ("NOSPLIT", (0, max(header_rows, last - 2)), (-1, last + 1)),
        ]
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def head(text: str) -> Paragraph:
    return para(text, styles().cell_head)


def cell(text: str | None, bold: bool = False) -> Paragraph:
    st = styles()
    return para(text, st.cell_bold if bold else st.cell)
