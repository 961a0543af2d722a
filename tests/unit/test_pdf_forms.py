"""Forms to the voivode, filled from the office's data, read back from the PDF."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from test_documents_fixtures import pdf_pages, pdf_text, seed

from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.reports.pdf.documents import render
from kisdesk.services import documents, documents_forms

MARCH = dt.date(2028, 3, 15)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _issue(db: Database, kind: str, path: Path, year: int | None = None) -> str:
    with db.session() as s:
        row = documents.register_form(s, documents_forms.form_data(s, kind, MARCH, year))
    render(kind, row.data, path)
    return row.number


def test_register_form_has_both_parts_of_the_regulation(db: Database, tmp_path: Path) -> None:
    seed(db)
    number = _issue(db, "register_form", tmp_path / "zgloszenie.pdf")
    text = _flat(pdf_text(tmp_path / "zgloszenie.pdf"))
    assert "ZGŁOSZENIE DO REJESTRU KLUBÓW INTEGRACJI SPOŁECZNEJ" in text
    assert "Dz.U. z 2012 r. poz. 513" in text
    assert "Część 1. Dane podmiotu prowadzącego klub integracji społecznej" in text
    assert "1. Pełna nazwa Gminny Ośrodek Pomocy Społecznej w Zawoni" in text
    assert "nie dotyczy" in text  # KRS: a gmina's OPS is not in the KRS
    assert "Część 2. Dane klubu integracji społecznej" in text
    assert "3. Data utworzenia 04.05.2026" in text
    assert "5. Imię i nazwisko osoby kierującej klubem Renata Kowalczyk" in text
    assert "Kopia aktu o utworzeniu klubu integracji społecznej" in text
    assert "Zawonia, dnia 15 marca 2028 r." in text
    assert number == "ZGŁ 1/2028" and number not in text  # internal, not printed


def test_closing_notice_is_a_letter_citing_art_18a(db: Database, tmp_path: Path) -> None:
    seed(db)
    _issue(db, "closing_notice", tmp_path / "zaprzestanie.pdf")
    text = _flat(pdf_text(tmp_path / "zaprzestanie.pdf"))
    assert "Zgłoszenie zaprzestania prowadzenia klubu integracji społecznej" in text
    assert "art. 18a ust. 4" in text
    assert "pod numerem KIS/12/2026 z dnia 20.05.2026 r." in text


def test_annual_report_counts_the_year(db: Database, tmp_path: Path) -> None:
    seed(db)
    _issue(db, "annual_report", tmp_path / "sprawozdanie.pdf", year=2027)
    text = _flat(pdf_text(tmp_path / "sprawozdanie.pdf"))
    assert "SPRAWOZDANIE KLUBU INTEGRACJI SPOŁECZNEJ ZA ROK 2027" in text
    assert "Liczba pracowników: 2" in text
    assert "doradca zawodowy 20 godz./mies. umowa cywilnoprawna" in text
    assert "Nowicka" not in text  # staff by function, not by name
    # category, people, reintegration effects, of whom employed
    assert "2 uzależnieni od alkoholu 1 1 1" in text
    assert (
        "5 długotrwale bezrobotni w rozumieniu ustawy o rynku pracy i służbach zatrudnienia 1 1 1"
        in text
    )
    assert "7 uchodźcy realizujący indywidualny program integracji 1 0 0" in text
    assert re.search(r"Ogółem \(liczba osób; osoba może należeć do kilku grup\) 2 1 1", text)
    assert "podjęcie zatrudnienia 1" in text and "rezygnacja uczestnika 1" in text
    assert "Reintegracja zawodowa doradztwo zawodowe 13 26,00 2" in text
    assert "Rozliczenie przyznanych dotacji za rok poprzedni" in text
    assert len(pdf_pages(tmp_path / "sprawozdanie.pdf")) >= 1


def test_kis_forms_refused_in_a_cis_and_the_other_way(db: Database) -> None:
    seed(db, kind="cis")
    with pytest.raises(ValidationError) as err, db.read() as s:
        documents_forms.form_data(s, "register_form", MARCH)
    assert err.value.code == "document.kis_only"


def test_cis_application_and_annual_report(db: Database, tmp_path: Path) -> None:
    seed(db, kind="cis")
    _issue(db, "cis_application", tmp_path / "wniosek.pdf")
    text = _flat(pdf_text(tmp_path / "wniosek.pdf"))
    assert "WNIOSEK O PRZYZNANIE STATUSU CENTRUM INTEGRACJI SPOŁECZNEJ" in text
    assert "1) Nazwa instytucji tworzącej Centrum i adres jej siedziby" in text
    assert "10) Wysokość zasobów własnych" in text
    assert "2 os.: doradca zawodowy" in text
    _issue(db, "cis_annual_report", tmp_path / "cis.pdf", year=2027)
    text = _flat(pdf_text(tmp_path / "cis.pdf"))
    assert "SPRAWOZDANIE CENTRUM INTEGRACJI SPOŁECZNEJ ZA ROK 2027" in text
    assert "CZĘŚĆ I. DANE OGÓLNE" in text and "Dz.U. z 2017 r. poz. 97" in text
    assert "(jednostka samorządu terytorialnego)" in text
    assert "Liczba uczestników usamodzielnionych ekonomicznie 1" in text
    assert "CZĘŚĆ VI. PRELIMINARZ WYDATKÓW I PRZYCHODÓW NA ROK 2028" in text


def test_a_registered_form_reprints_as_sent(db: Database, tmp_path: Path) -> None:
    seed(db)
    _issue(db, "annual_report", tmp_path / "a.pdf", year=2027)
    with db.read() as s:
        doc = documents.list_documents(s, kind="annual_report")[0]
        data = documents.reprint(s, doc.id, duplicate=False)
    render(doc.kind, data, tmp_path / "b.pdf")
    assert pdf_text(tmp_path / "a.pdf") == pdf_text(tmp_path / "b.pdf")


def test_a_table_title_never_stands_alone_at_the_foot_of_a_page(
    db: Database, tmp_path: Path
) -> None:
    import dataclasses

    from kisdesk.reports.pdf.forms import render_form
    from kisdesk.services.documents_formdata import FormSection, FormTable

    seed(db, kind="cis")
    with db.read() as s:
        data = documents_forms.form_data(s, "cis_annual_report", MARCH, 2027)
    table = FormTable(
        columns=("Kolumna kontrolna", "Liczba"),
        rows=(("wiersz", "1"), ("wiersz", "2")),
        widths=(0.7, 0.3),
        title="Tabela po tekście",
    )
    # Whatever the length of the text before it, the title lands on the page of its table.
    for lines in range(55, 75):
        filler = FormSection(title="Wstęp", text=tuple(f"Akapit {n}." for n in range(lines)))
        form = dataclasses.replace(
            data, sections=(filler, FormSection(title="Część kontrolna", tables=(table,)))
        )
        path = tmp_path / f"{lines}.pdf"
        render_form(form, path)
        pages = pdf_pages(path)
        titled = [p for p in pages if "Tabela po tekście" in p]
        assert len(titled) == 1 and "Kolumna kontrolna" in titled[0], lines
        headed = [p for p in pages if "Część kontrolna" in p]
        assert "Kolumna kontrolna" in headed[0], lines
