"""Shared pieces of every workbook: typed cells, a title block, a frozen and filtered
header, column widths, Polish formats, formula-injection guard and the atomic save.

The sheets are tables a user filters and sums in Excel or LibreOffice, so every value goes
in as its real type: dates as date cells with a Polish format, hours as numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from kisdesk.i18n import tr
from kisdesk.rules.hours import minutes_to_hours
from kisdesk.rules.text import for_spreadsheet

DATE_FORMAT = "DD.MM.YYYY"  # how Polish offices write dates
HOURS_FORMAT = "0.00"  # shown with the locale's decimal comma
INT_FORMAT = "0"
MONEY_FORMAT = "#,##0.00"  # złote and grosze (CIS benefits)

# OWASP "CSV injection": text beginning with one of these may be taken for a formula when
# the user edits the cell. In .xlsx the cell is stored as text with the quotePrefix style,
# which is how Excel and LibreOffice record a typed leading apostrophe: the value is shown
# unchanged and stays text when edited (a literal "'" would be shown in the cell).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_TITLE_MAX = 31

_FONT_NAME = "Calibri"  # openpyxl's default body font; named so titles match it
_TITLE_FONT = Font(name=_FONT_NAME, bold=True, size=13)
_HEADER_FONT = Font(name=_FONT_NAME, bold=True)
_LINE_HEIGHT = 15  # points per line of 11-point text
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="7F8FA6"))
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_TOTAL_FONT = Font(name=_FONT_NAME, bold=True)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table sheet: its Polish header, the kind of its values, its width."""

    header: str
    kind: str = "text"  # text | date | int | hours | money
    width: float = 14


def is_formula_like(text: str) -> bool:
    return text.startswith(_FORMULA_STARTS)


def sheet_title(text: str) -> str:
    """A valid sheet name: Excel allows 31 characters and none of []:*?/\\."""
    return _SHEET_TITLE_FORBIDDEN.sub("-", text).strip()[:_SHEET_TITLE_MAX] or "Arkusz"


def cell(
    ws: WriteOnlyWorksheet, value: Any, kind: str = "text", bold: bool = False
) -> WriteOnlyCell:
    """A typed cell; user text that could be read as a formula is neutralised."""
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):  # text stored before control characters were refused
        value = for_spreadsheet(value)
    c = WriteOnlyCell(ws, value)
    if isinstance(value, str):
        if is_formula_like(value):
            c.data_type = "s"  # openpyxl made it a formula; it is text typed by a user
            c.quotePrefix = True
    elif isinstance(value, dt.date):
        c.number_format = DATE_FORMAT
    elif kind == "hours":
        c.number_format = HOURS_FORMAT
    elif kind == "int":
        c.number_format = INT_FORMAT
    elif kind == "money":
        c.number_format = MONEY_FORMAT
    if bold:
        c.font = _TOTAL_FONT
    return c


class SheetWriter:
    """Writes one table sheet: title lines, then a header row that is frozen and filtered."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        columns: Sequence[Column],
        heading: Sequence[str] = (),
    ) -> None:
        self.ws: WriteOnlyWorksheet = wb.create_sheet(sheet_title(title))
        self.columns = list(columns)
        for index, column in enumerate(self.columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self._heading = list(heading)
        self.header_row = len(self._heading) + (2 if self._heading else 1)
        self._rows = 0
        self._started = False

    def _start(self) -> None:
        ws = self.ws
        # Properties of a write-only sheet must be set before its first row is written.
        ws.freeze_panes = f"A{self.header_row + 1}"
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        for i, line in enumerate(self._heading):
            title = cell(ws, line)
            if i == 0:
                title.font = _TITLE_FONT
            ws.append([title])
        if self._heading:
            ws.append([])
        # Wrapped headers need a taller row: neither Excel nor LibreOffice grows a row of a
        # generated file by itself, so the header would be cut off on screen and on paper.
        lines = max(
            (len(textwrap.wrap(c.header, max(int(c.width * 1.1) - 1, 4))) for c in self.columns),
            default=1,
        )
        ws.row_dimensions[self.header_row].height = _LINE_HEIGHT * max(lines, 1) + 2
        header = []
        for column in self.columns:
            c = cell(ws, column.header)
            c.font, c.fill, c.border, c.alignment = (
                _HEADER_FONT,
                _HEADER_FILL,
                _HEADER_BORDER,
                _HEADER_ALIGN,
            )
            header.append(c)
        ws.append(header)
        self._started = True

    def set_filter(self, data_rows: int) -> None:
        """Autofilter over the header and `data_rows` rows (known before writing)."""
        last = get_column_letter(max(len(self.columns), 1))
        self.ws.auto_filter.ref = f"A{self.header_row}:{last}{self.header_row + max(data_rows, 1)}"

    def row(self, values: Iterable[Any], bold: bool = False) -> None:
        if not self._started:
            self._start()
        cells = []
        for i, value in enumerate(values):
            kind = self.columns[i].kind if i < len(self.columns) else "text"
            cells.append(None if value is None else cell(self.ws, value, kind, bold))
        self.ws.append(cells)
        self._rows += 1

    def finish(self, notes: Sequence[str] = ()) -> None:
        if not self._started:
            self._start()
        if notes:
            self.ws.append([])
            for note in notes:
                self.ws.append([cell(self.ws, note)])


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def save_atomic(wb: Workbook, path: str | os.PathLike[str]) -> Path:
    """Save next to the target, then rename over it: the user never finds half a file.

    A small local helper; a shared atomic-write utility may replace it later.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kisdesk-", suffix=".xlsx.tmp", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        # mkstemp makes the file private (0600); an exported workbook gets the usual mode.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def hours(minutes: int, hour_minutes: int) -> float:
    """Minutes as hours for a numeric cell, rounded to 2 decimals (display only, docs/domain.md#time-units)."""
    return float(minutes_to_hours(minutes, hour_minutes))


def yes_no(value: bool) -> str:
    return tr("tak") if value else tr("nie")
