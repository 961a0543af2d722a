"""Reading an office's .xlsx safely before anything is interpreted (reliability.md §5.4).

openpyxl has no decompression budget, so the ZIP central directory is checked first: the
file size, the number of entries, the total uncompressed size and each entry's compression
ratio (Apache POI's default minimum inflate ratio is 0.01, i.e. 100:1). Only then is the
workbook opened, read-only and with data_only=True: formulas give the values Excel cached,
never a formula of ours. defusedxml (a dependency) makes openpyxl refuse XML entity tricks.
"""

from __future__ import annotations

import datetime as dt
import os
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
        size = file.stat().st_size
    except OSError:
        raise ValidationError("import.cannot_read", path=str(file)) from None
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
            if all(_is_empty(v) for v in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError("import.too_many_rows", limit=MAX_ROWS)
            rows.append((number, tuple(values)))
            empty.update((number, i) for i, v in enumerate(values) if v is None)
    finally:
        wb.close()
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
