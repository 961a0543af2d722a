"""The page frame of every document: A4, margins, "strona X z Y", running titles, the
DUPLIKAT mark, and writing the file atomically.

A PDF may hold several documents (all certificates due, a month's attendance lists): each
starts with a `Section` mark, and pages are numbered within their own document, so every
certificate printed in a batch says "strona 1 z 1" as it would alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from kisdesk.db import files
from kisdesk.errors import StorageError
from kisdesk.i18n import tr
from kisdesk.reports.pdf.fonts import SANS, SERIF_BOLD, register_fonts
from kisdesk.reports.pdf.styles import MARK, MUTED

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN: float = 18 * mm
TOP = 14 * mm
BOTTOM = 17 * mm

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class SectionInfo:
    footer: str  # left of the page number, e.g. "Zaświadczenie nr 1/2027"
    running_title: str = ""  # top of the second and later pages
    watermark: str = ""  # e.g. "DUPLIKAT", diagonally across every page


class Section(Flowable):
    """Zero-size mark: a new document starts here (page numbering, footer, watermark)."""

    def __init__(self, info: SectionInfo, label: str = "") -> None:
        super().__init__()
        self.info = info
        self.label = label

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.canv._kis_section = (id(self), self.info)


class NumberedCanvas(Canvas):
    """Defers the footer until every page is known, to print "strona X z Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kis_pages: list[dict[str, Any]] = []
        self._kis_section: tuple[int, SectionInfo] = (0, SectionInfo(""))

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._kis_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        sections = [page["_kis_section"][0] for page in self._kis_pages]
        totals = {s: sections.count(s) for s in sections}
        seen: dict[int, int] = {}
        for page in self._kis_pages:
            self.__dict__.update(page)
            key, info = page["_kis_section"]
            seen[key] = seen.get(key, 0) + 1
            self._decorate(info, seen[key], totals[key])
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, info: SectionInfo, number: int, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFont(SANS, 7.5)
        self.setFillColor(MUTED)
        self.drawRightString(
            width - MARGIN,
            10 * mm,
            tr("strona {x} z {y}").format(x=number, y=total),
        )
        if info.footer:
            self.drawString(MARGIN, 10 * mm, info.footer)
        if info.running_title and number > 1:
            self.drawString(MARGIN, height - 10 * mm, info.running_title)
        if info.watermark:
            self.setFillColor(MARK)
            self.setFillAlpha(0.16)
            self.setFont(SERIF_BOLD, 96)
            self.translate(width / 2, height / 2)
            self.rotate(40)
            self.drawCentredString(0, -30, info.watermark)
        self.restoreState()


class _Doc(SimpleDocTemplate):
    """Reports progress as each document of a batch is laid out."""

    def __init__(self, *args: Any, progress: Progress | None = None, total: int = 0, **kw: Any):
        super().__init__(*args, **kw)
        self._progress = progress
        self._total = total
        self._done = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if self._progress is not None and isinstance(flowable, Section):
            self._progress(self._done, self._total, flowable.label)
            self._done += 1


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file next to `path`, moved over it only when complete
    (kisdesk.db.files.atomic_path: a crash or a full disk never leaves half a PDF under the
    user's file name), with the two failures users meet named plainly."""
    target = Path(path)
    if not target.parent.is_dir():
        raise StorageError(
            "document.cannot_write", path=str(target), reason=tr("folder nie istnieje")
        )
    if target.is_dir():  # said before anything is drawn or numbered, not after
        raise StorageError(
            "document.cannot_write",
            path=str(target),
            reason=tr("to jest folder – podaj nazwę pliku, np. {name}").format(
                name=str(target / "dokument.pdf")
            ),
        )
    try:
        with files.atomic_path(target) as tmp:
            yield tmp
    except StorageError as exc:
        if exc.code == "file.not_writable" and target.exists():
            # On Windows a PDF open in a viewer cannot be replaced.
            raise StorageError("document.file_in_use", path=str(target)) from exc
        raise


def build(
    path: str | os.PathLike[str],
    story: Sequence[Flowable],
    *,
    pagesize: tuple[float, float] = PORTRAIT,
    title: str = "",
    progress: Progress | None = None,
    total: int = 0,
    top: float = TOP,
) -> int:
    """Lay out `story` on A4 pages and write the PDF to `path` atomically; the number of
    pages written."""
    register_fonts()
    with atomic_path(path) as tmp:
        doc = _Doc(
            str(tmp),
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=top,
            bottomMargin=BOTTOM,
            title=title,
            author="kisdesk",
            creator="kisdesk",
            progress=progress,
            total=total,
        )
        doc.build(list(story), canvasmaker=NumberedCanvas)
    if progress is not None and total:
        progress(total, total, "")
    return int(doc.page)


def text_width(pagesize: tuple[float, float]) -> float:
    return pagesize[0] - 2 * MARGIN
