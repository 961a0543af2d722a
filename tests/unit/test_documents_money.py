"""The CIS money documents read back: the list for signatures, the refund, the workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import test_services_benefits
from openpyxl import load_workbook
from pypdf import PdfReader
from test_services_benefits import _class, _person

from kisdesk.errors import ValidationError
from kisdesk.reports.pdf.documents import render
from kisdesk.reports.xlsx import benefits as benefits_xlsx
from kisdesk.services import absences, benefits, documents, documents_money, months

D = dt.date
cis = test_services_benefits.cis  # the CIS office fixture of the benefit tests


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_benefit_list_refund_and_workbook(cis, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        a = _person(s, 1, D(2026, 1, 5))
        b = _person(s, 2, D(2026, 1, 5))
        for day in (2, 3):
            _class(s, D(2026, 6, day), absent=[b])
        benefits.set_premium(s, a, 2026, 6, Decimal("300.00"), "Aktywna postawa")
        listed = documents_money.issue(s, "benefit_list", 2026, 6, D(2026, 7, 1))
        refund = documents_money.issue(s, "refund_application", 2026, 6, D(2026, 7, 2))
    render(listed.kind, listed.data, tmp_path / "lw.pdf")
    render(refund.kind, refund.data, tmp_path / "ref.pdf")
    text = _text(tmp_path / "lw.pdf")
    assert "LISTA WYPŁAT ŚWIADCZEŃ INTEGRACYJNYCH" in text
    assert "2 140,68" in text and "1 926,61" in text and "Kwituję odbiór" in text
    assert "300,00" in text  # the premium, on the list but outside the refund
    ref = _text(tmp_path / "ref.pdf")
    assert "art. 15 ust. 8" in ref and "Starosta" in ref
    # 4067.29 paid + 793.93 + 325.38 contributions, the premium left out
    assert "4 067,29" in ref and "5 186,60" in ref
    with cis.read() as s:
        kinds = [d.kind for d in documents.list_documents(s)]
        data = benefits.benefit_list(s, 2026, 6)
    assert kinds == ["benefit_list", "refund_application"]
    out = benefits_xlsx.render(data, "CIS w Zawoni", tmp_path / "b.xlsx")
    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = values.index(next(v for v in values if v and v[0] == "Nr uczestnika"))
    amount = values[header][:].index("Świadczenie do wypłaty")
    assert [values[header + 1][amount], values[header + 2][amount]] == [2140.68, 1926.61]
    assert values[header + 3][1] == "Razem" and values[header + 3][amount] == 4067.29


def test_reprinted_list_after_a_correction_shows_the_differences(cis, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
        months.close_month(s, 2026, 6)
        months.reopen_month(s, 2026, 6, "Korekta L4 z maja")
        absences.add_absence(s, pid, "sick", D(2026, 6, 1), D(2026, 6, 5), "ZLA 7")
        row = documents_money.issue(s, "benefit_list", 2026, 6, D(2026, 8, 1))
    render(row.kind, row.data, tmp_path / "lw.pdf")
    text = _text(tmp_path / "lw.pdf")
    assert "Zmiany względem listy z chwili zamknięcia miesiąca" in text
    changes = text.split("Zmiany względem listy")[1].split("Podstawa obliczenia")[0]
    assert "do wypłaty" in changes and "2 140,68" in changes and "1 873,10" in changes


def test_kis_has_no_benefit_list(kis) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s, pytest.raises(ValidationError) as err:
        documents_money.issue(s, "benefit_list", 2026, 6, D(2026, 7, 1))
    assert err.value.code == "benefit.cis_only"
