"""Numbers and names in one row of a ruled table stand on one line, as a reader expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from kisdesk.reports.pdf.blocks import cell, grid_table, head


def _baselines(path: Path) -> dict[str, float]:
    """Each drawn text's baseline height on the page (points from the bottom)."""
    found: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.strip():
            found[text.strip()] = tm[5] * cm[3] + cm[5]  # text matrix into page space

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("font_size", [8.5, 7, 6])  # the hours report; the monthly sheet
def test_a_number_stands_on_the_line_of_the_name_beside_it(
    tmp_path: Path, font_size: float
) -> None:
    table = grid_table(
        [
            [head("Lp."), head("Nazwisko i imię"), head("Godziny")],
            ["1", cell("Nowak Anna"), "58,67"],
        ],
        [30, 150, 60],
        font_size=font_size,
    )
    SimpleDocTemplate(str(tmp_path / "t.pdf")).build([table])
    lines = _baselines(tmp_path / "t.pdf")
    assert lines["58,67"] == pytest.approx(lines["Nowak Anna"], abs=0.1)
    assert lines["1"] == pytest.approx(lines["Nowak Anna"], abs=0.1)
