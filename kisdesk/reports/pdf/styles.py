"""Paragraph styles: a serif face for letters and certificates, a sans face for tables."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from kisdesk.reports.pdf.fonts import (
    SANS,
    SANS_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    register_fonts,
)

GRID = colors.HexColor("#5a5a5a")
HEAD_FILL = colors.HexColor("#e6e6e6")
TOTAL_FILL = colors.HexColor("#f2f2f2")
MUTED = colors.HexColor("#4d4d4d")
MARK = colors.HexColor("#9b1c1c")  # the DUPLIKAT mark


class Styles:
    """The named styles used by the documents (built once, after the fonts exist)."""

    def __init__(self) -> None:
        register_fonts()
        s = ParagraphStyle
        self.body = s("body", fontName=SERIF, fontSize=11, leading=14.5, alignment=TA_JUSTIFY)
        self.body_left = s("body_left", parent=self.body, alignment=TA_LEFT)
        self.body_center = s("body_center", parent=self.body, alignment=TA_CENTER)
        self.small = s("small", fontName=SERIF, fontSize=9, leading=11.5)
        self.small_center = s("small_center", parent=self.small, alignment=TA_CENTER)
        self.small_right = s("small_right", parent=self.small, alignment=TA_RIGHT)
        self.note = s("note", fontName=SERIF_ITALIC, fontSize=8.5, leading=10.5, textColor=MUTED)
        self.note_center = s("note_center", parent=self.note, alignment=TA_CENTER)
        self.title = s("title", fontName=SERIF_BOLD, fontSize=19, leading=23, alignment=TA_CENTER)
        self.form_title = s(
            "form_title", fontName=SERIF_BOLD, fontSize=13.5, leading=17, alignment=TA_CENTER
        )
        self.subtitle = s(
            "subtitle", fontName=SERIF_BOLD, fontSize=13, leading=16.5, alignment=TA_CENTER
        )
        self.number = s("number", fontName=SERIF, fontSize=12, leading=15, alignment=TA_CENTER)
        self.basis_line = s(
            "basis_line", fontName=SERIF_ITALIC, fontSize=9.5, leading=12, alignment=TA_CENTER
        )
        self.name = s("name", fontName=SERIF_BOLD, fontSize=15, leading=19, alignment=TA_CENTER)
        self.table_title = s("table_title", fontName=SERIF_BOLD, fontSize=10, leading=13)
        self.section = s("section", fontName=SERIF_BOLD, fontSize=11, leading=14, spaceBefore=8)
        self.duplicate = s(
            "duplicate",
            fontName=SERIF_BOLD,
            fontSize=12,
            leading=15,
            alignment=TA_CENTER,
            textColor=MARK,
        )
        self.head_office = s("head_office", fontName=SERIF_BOLD, fontSize=11, leading=13.5)
        self.head_line = s("head_line", fontName=SERIF, fontSize=9, leading=11.5)
        self.place_date = s(
            "place_date", fontName=SERIF, fontSize=11, leading=14, alignment=TA_RIGHT
        )
        # tables
        self.cell = s("cell", fontName=SANS, fontSize=8.5, leading=10.5)
        self.cell_center = s("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_right = s("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_bold = s("cell_bold", fontName=SANS_BOLD, fontSize=8.5, leading=10.5)
        self.cell_head = s(
            "cell_head", fontName=SANS_BOLD, fontSize=8, leading=9.5, alignment=TA_CENTER
        )
        self.cert_cell = s("cert_cell", fontName=SERIF, fontSize=10.5, leading=13)
        self.cert_cell_bold = s("cert_cell_bold", fontName=SERIF_BOLD, fontSize=10.5, leading=13)
        self.cert_num = s("cert_num", parent=self.cert_cell, alignment=TA_RIGHT)
        self.cert_num_bold = s("cert_num_bold", parent=self.cert_cell_bold, alignment=TA_RIGHT)
        self.field_label = s("field_label", fontName=SANS, fontSize=8.5, leading=10.5)
        self.field_value = s("field_value", fontName=SERIF, fontSize=11, leading=13.5)
        # Long double-barrelled names break after a hyphen, not in the middle of a word.
        for style in vars(self).values():
            if isinstance(style, ParagraphStyle):
                style.embeddedHyphenation = 1


@cache
def styles() -> Styles:
    return Styles()
