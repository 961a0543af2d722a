"""Reading an office's .xlsx safely before anything is interpreted (docs/architecture.md#untrusted-files).

openpyxl has no decompression budget, so the ZIP central directory is checked first: the
file size, the number of entries, the total uncompressed size and each entry's compression
ratio (Apache POI's default minimum inflate ratio is 0.01, i.e. 100:1). Only then is the
workbook opened, read-only and with data_only=True: formulas give the values Excel cached,
never a formula of ours. defusedxml (a dependency) makes openpyxl refuse XML entity tricks.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from kisdesk.errors import ValidationError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
# Small parts (styles, a short sheet of repeated values) may legitimately compress better
# than 100:1; like POI's grace size, the ratio is judged only on entries bigger than this.
RATIO_GRACE_BYTES = 1024 * 1024
MAX_ENTRIES = 10_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
# Rows read at all, empty ones included: openpyxl yields every row up to the last one used,
# so one cell at row 1 000 000 (or millions of empty <row> elements that compress into the
# archive limits) would keep the import busy for minutes (docs/misuse-cases.md, "Import").
MAX_SCANNED_ROWS = 50_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


class _NoCachedValue:
    """A formula cell whose result was never calculated (a file written by a script)."""

    def __repr__(self) -> str:
        return "NO_CACHED_VALUE"


NO_CACHED_VALUE: Any = _NoCachedValue()


@dataclass(frozen=True, slots=True)
class RawSheet:
    """The cells of one sheet as stored, with their Excel row numbers."""

    path: str
    sheet: str
    sheet_names: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]  # (row number, values); empty rows left out
    epoch: dt.datetime  # the workbook's date system, for serial numbers typed as dates


def check_archive(path: str | os.PathLike[str]) -> None:
    """Refuse what is too big, not an .xlsx, or expands too far (a zip bomb)."""
    file = Path(path)
    try:
        info = file.stat()
    except OSError:
        raise ValidationError("import.cannot_read", path=str(file)) from None
    if not stat.S_ISREG(info.st_mode):  # a folder, a FIFO (would wait forever), /dev/zero
        raise ValidationError("import.not_a_file", path=str(file))
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            "import.too_big", size_mb=round(size / 2**20, 1), limit_mb=MAX_FILE_BYTES // 2**20
        )
    with file.open("rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: the old binary .xls
        raise ValidationError("import.old_xls")
    if not zipfile.is_zipfile(file):
        raise ValidationError("import.not_xlsx")
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ValidationError("import.not_xlsx") from None
    if len(entries) > MAX_ENTRIES:
        raise ValidationError("import.zip_bomb")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError("import.zip_bomb")
    for e in entries:
        if e.file_size > RATIO_GRACE_BYTES and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise ValidationError("import.zip_bomb")
    names = {e.filename for e in entries}
    if "xl/workbook.xml" not in names and not any(n.endswith("/workbook.xml") for n in names):
        raise ValidationError("import.not_xlsx")


def _open(path: Path, data_only: bool) -> Any:
    try:
        return load_workbook(path, read_only=True, data_only=data_only, keep_links=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError):
        raise ValidationError("import.not_xlsx") from None
    except Exception as exc:  # defusedxml's refusals and other parser errors
        if type(exc).__module__.startswith(("defusedxml", "xml.", "lxml")):
            raise ValidationError("import.unsafe_xml") from None
        raise


def _pick(wb: Any, sheet: str | None) -> Any:
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise ValidationError(
                "import.no_such_sheet", sheet=sheet, sheets=", ".join(wb.sheetnames)
            )
        return wb[sheet]
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if not visible:
        raise ValidationError("import.empty")
    return visible[0]


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet(path: str | os.PathLike[str], sheet: str | None = None) -> RawSheet:
    """The rows of one sheet (the first visible one by default), checked and capped."""
    check_archive(path)
    file = Path(path)
    wb = _open(file, data_only=True)
    try:
        ws = _pick(wb, sheet)
        title, names, epoch = ws.title, tuple(wb.sheetnames), wb.epoch
        rows: list[tuple[int, tuple[Any, ...]]] = []
        empty: set[tuple[int, int]] = set()
        for number, values in enumerate(
            ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            if number > MAX_SCANNED_ROWS:
                raise ValidationError("import.too_many_rows_scanned", limit=MAX_SCANNED_ROWS)
            if all(_is_empty(v) for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError("import.too_many_rows", limit=MAX_ROWS)
            rows.append((number, tuple(values)))
            empty.update((number, i) for i, v in enumerate(values) if v is None)
        merged = _merged_ranges(ws) if rows else []
    finally:
        wb.close()
    if merged:
        rows = _fill_merged(rows, merged)
    if not rows:
        raise ValidationError("import.empty")
    formulas = _uncached_formulas(file, title, empty) if empty else set()
    if formulas:
        rows = [
            (
                number,
                tuple(
                    NO_CACHED_VALUE if (number, i) in formulas else v for i, v in enumerate(values)
                ),
            )
            for number, values in rows
        ]
    return RawSheet(str(file), title, names, tuple(rows), epoch)


def _uncached_formulas(file: Path, title: str, empty: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Cells that read as empty but hold a formula: Excel never calculated them.

    data_only=True cannot tell them from blank cells, so the sheet is read a second time
    with formulas; only cells that were empty in the first reading are looked at.
    """
    last_row = max(r for r, _ in empty)
    wb = _open(file, data_only=False)
    found: set[tuple[int, int]] = set()
    try:
        ws = wb[title]
        for number, cells in enumerate(
            ws.iter_rows(max_row=last_row, max_col=MAX_COLUMNS), start=1
        ):
            for i, c in enumerate(cells):
                if (number, i) in empty and getattr(c, "data_type", None) == "f":
                    found.add((number, i))
    finally:
        wb.close()
    return found


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range, 0-based columns.
    Read-only worksheets do not parse <mergeCells>; they follow the rows in the sheet's XML."""
    found = []
    tail = b""
    with ws._get_source() as source:
        while chunk := source.read(1 << 20):
            text = tail + chunk
            for m in _MERGE.finditer(text):
                c1, r1 = _column_index(m[1]), int(m[2])
                c2, r2 = (_column_index(m[3]), int(m[4])) if m[3] else (c1, r1)
                found.append((r1, c1, r2, min(c2, MAX_COLUMNS - 1)))
            tail = text[-200:]  # a tag cut by the chunk's end is read whole with the next
    return list(dict.fromkeys(found))


def _fill_merged(
    rows: list[tuple[int, tuple[Any, ...]]], merged: list[tuple[int, int, int, int]]
) -> list[tuple[int, tuple[Any, ...]]]:
    """Every cell of a merged range holds the range's value, as Excel shows it: a group
    written once beside three rows belongs to all three (docs/misuse-cases.md, "Import")."""
    by_number = {number: list(values) for number, values in rows}
    for r1, c1, r2, c2 in merged:
        first = by_number.get(r1)
        value = first[c1] if first is not None and c1 < len(first) else None
        if value is None or (r1 == r2 and c1 == c2):
            continue
        for number in range(r1, min(r2, MAX_SCANNED_ROWS) + 1):
            cells = by_number.get(number)
            if cells is None:
                continue  # a row with nothing else in it stays an empty row
            if len(cells) <= c2:
                cells.extend([None] * (c2 + 1 - len(cells)))
            for column in range(c1, c2 + 1):
                if cells[column] is None:
                    cells[column] = value
    return [(number, tuple(by_number[number])) for number, _ in rows]
