"""Certificates as the participant receives them: the PDF read back as text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from test_documents_fixtures import NAME_FIRST, NAME_LAST, pdf_pages, pdf_text, seed

from kisdesk.db import Database
from kisdesk.models import Participant
from kisdesk.reports.pdf import certificate
from kisdesk.services import documents, documents_due

ENDING, GRADUATE = "ending_certificate", "graduate_certificate"
JULY = dt.date(2027, 7, 20)
NAME = f"{NAME_FIRST} {NAME_LAST}"


def _flat(text: str) -> str:
    """Text with line breaks joined, as wrapped paragraphs read."""
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def kis_ending(db: Database, tmp_path: Path) -> tuple[Database, Path, documents.IssuedRow]:
    sd = seed(db)
    with db.session() as s:
        row = documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
    path = tmp_path / "zaswiadczenie.pdf"
    certificate.render(row.data, path)
    return db, path, row


def test_ending_certificate_prints_who_when_what_and_the_number(kis_ending) -> None:  # type: ignore[no-untyped-def]
    _, path, row = kis_ending
    pages = pdf_pages(path)
    assert len(pages) == 1
    text = _flat(pages[0])
    assert NAME in text  # Ż, ó, ł, ę in a TrueType font
    assert f"PESEL: {row.data.person_id}" in text
    assert "nr 1/2027" in text
    assert "o zakończeniu uczestnictwa w Klubie Integracji Społecznej" in text
    assert "od 04.01.2027 r. do 16.07.2027 r." in text
    assert "kontrakt socjalny nr KS/14/2026 z dnia 28.12.2026 r." in text
    assert "Przyczyna zakończenia uczestnictwa: podjęcie zatrudnienia." in text
    assert "Na podstawie art. 18 ust. 5a ustawy z dnia 13 czerwca 2003 r. o zatrudnieniu" in text
    assert "Zawonia, dnia 20 lipca 2027 r." in text
    assert "Renata Kowalczyk" in text and "strona 1 z 1" in text


def test_hours_per_area_per_form_and_in_total(kis_ending) -> None:  # type: ignore[no-untyped-def]
    _, path, _ = kis_ending
    text = _flat(pdf_text(path))
    # 28 Mondays × 4 h; 12 Wednesdays × 2 h (one excused); one 60-minute session = 1,33 h
    assert "warsztaty psychoedukacyjne 112,00" in text
    assert "poradnictwo psychologiczne 1,33" in text
    assert "Reintegracja społeczna 113,33" in text
    assert "Reintegracja zawodowa 24,00" in text
    assert "Razem 137,33" in text


def test_reprint_is_the_same_text_and_a_duplicate_is_marked(kis_ending, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, path, row = kis_ending
    with db.session() as s:  # the participant's record changes after issue
        s.get_one(Participant, row.participant_id).last_name = "Nowak"
    with db.read() as s:
        again = documents.reprint(s, row.id, duplicate=False)
        dup = documents.reprint(s, row.id, duplicate=True, on=dt.date(2027, 9, 1))
    certificate.render(again, tmp_path / "again.pdf")
    certificate.render(dup, tmp_path / "dup.pdf")
    assert pdf_text(tmp_path / "again.pdf") == pdf_text(path)
    dup_text = pdf_text(tmp_path / "dup.pdf")
    assert "DUPLIKAT wydany dnia 01.09.2027 r." in _flat(dup_text)
    assert NAME in dup_text and "Nowak" not in dup_text


def test_graduate_certificate_states_the_status(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.session() as s:
        documents.issue_certificate(s, sd.grzegorz_period, ENDING, JULY)
        row = documents.issue_certificate(s, sd.grzegorz_period, GRADUATE, JULY)
    certificate.render(row.data, tmp_path / "abs.pdf")
    text = _flat(pdf_text(tmp_path / "abs.pdf"))
    assert "o uzyskaniu statusu absolwenta Klubu Integracji Społecznej" in text
    assert "Na podstawie art. 2 pkt 1b ustawy z dnia 13 czerwca 2003 r." in text
    assert "Pan " + NAME + " uzyskał status absolwenta Klubu Integracji Społecznej" in text
    # the three conditions of art. 2 pkt 1b, each named with its state
    assert "co najmniej 6 miesięcy (od 04.01.2027 r. do 16.07.2027 r.) – spełniony" in text
    assert "zaświadczenie o zakończeniu uczestnictwa nr 1/2027" in text
    assert "zrealizowany kontrakt socjalny nr KS/14/2026 – spełniony" in text
    # what the status opens at the PUP, under the 2025 act (not the repealed 2004 one)
    assert "art. 147–148 ustawy z dnia 20 marca 2025 r. o rynku pracy i służbach" in text
    assert "art. 161–163" in text and "art. 16 ust. 1a" in text
    assert "promocji zatrudnienia" not in text and "regulaminem placówki" not in text
    assert len(pdf_pages(tmp_path / "abs.pdf")) == 1


def test_a_person_without_pesel_shows_the_birth_date(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.session() as s:
        row = documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
    certificate.render(row.data, tmp_path / "anna.pdf")
    text = _flat(pdf_text(tmp_path / "anna.pdf"))
    assert "Pani Anna Nowak" in text
    assert "data urodzenia: 01.06.1990 r." in text
    assert "uczestniczyła w zajęciach" in text and "PESEL" not in text


def test_cis_wording_and_skills(db: Database, tmp_path: Path) -> None:
    sd = seed(db, kind="cis")
    with db.session() as s:
        row = documents.issue_certificate(
            s, sd.grzegorz_period, ENDING, JULY, skills="obsługa wózka widłowego & BHP"
        )
    certificate.render(row.data, tmp_path / "cis.pdf")
    text = _flat(pdf_text(tmp_path / "cis.pdf"))
    assert (
        "potwierdzające uczestnictwo w zajęciach Centrum Integracji Społecznej i nabyte umiejętności"
        in text
    )
    assert "art. 13 ust. 5a" in text
    assert "obsługa wózka widłowego & BHP" in text
    assert "indywidualny program zatrudnienia socjalnego nr KS/14/2026" in text


def test_markup_in_a_name_is_printed_literally(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.session() as s:
        s.get_one(Participant, sd.anna).last_name = 'Nowak <b>&</b> "Łódź"'
    with db.session() as s:
        row = documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
    certificate.render(row.data, tmp_path / "esc.pdf")
    assert 'Anna Nowak <b>&</b> "Łódź"' in pdf_text(tmp_path / "esc.pdf")


def test_a_long_name_wraps_instead_of_running_off_the_page(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    long_name = "Żółkiewska-Brzęczyszczykiewicz-Szczebrzeszyńska-Chrząszczewska-Wierzbięta"
    with db.session() as s:
        s.get_one(Participant, sd.anna).last_name = long_name
    with db.session() as s:
        row = documents.issue_certificate(s, sd.anna_period, ENDING, JULY)
    certificate.render(row.data, tmp_path / "long.pdf")
    assert long_name in _flat(pdf_text(tmp_path / "long.pdf")).replace("- ", "-")


def test_all_certificates_due_in_one_pdf_each_numbered_on_its_own(
    db: Database, tmp_path: Path
) -> None:
    sd = seed(db)
    with db.session() as s:
        result = documents_due.issue_due(s, JULY)
    progress: list[tuple[int, int, str]] = []
    path = tmp_path / "wszystkie.pdf"
    certificate.render_many(
        [r.data for r in result.issued], path, lambda d, t, text: progress.append((d, t, text))
    )
    pages = pdf_pages(path)
    assert len(pages) == 3
    assert all("strona 1 z 1" in p for p in pages)
    assert [re.search(r"nr (\d+/2027)", p)[1] for p in pages] == ["1/2027", "2/2027", "3/2027"]  # type: ignore[index]
    assert progress[0][:2] == (0, 3) and progress[-1][:2] == (3, 3)
    assert sd.pesel in pages[0] + pages[1] + pages[2]


def test_a_snapshot_alone_renders_the_certificate(kis_ending, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The register's JSON is enough: no database is needed to draw the document again."""
    _, path, row = kis_ending
    from kisdesk.services.documents_common import revive, to_dict
    from kisdesk.services.documents_data import CertificateData

    copy = revive(CertificateData, to_dict(row.data))
    assert dataclasses.asdict(copy) == dataclasses.asdict(row.data)
    certificate.render(copy, tmp_path / "copy.pdf")
    assert pdf_text(tmp_path / "copy.pdf") == pdf_text(path)
