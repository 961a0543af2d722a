"""Attendance lists, the monthly sheet, the journal and the counselling card, read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from test_documents_fixtures import NAME_LAST, RECORDED_ON, pdf_pages, pdf_text, seed

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.reports.pdf import attendance_list, attendance_sheet, counselling_card, journal
from kisdesk.services import activities, attendance, participants, participations
from kisdesk.services.documents_journal import counselling_card_data, journal_data
from kisdesk.services.documents_lists import (
    attendance_list_data,
    day_list_data,
    month_lists_data,
    month_sheet_data,
)

APRIL = dt.date(2027, 4, 2)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_attendance_list_for_an_activity(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        data = attendance_list_data(s, sd.monday_activity, spare_rows=4)
    attendance_list.render(data, tmp_path / "lista.pdf")
    text = _flat(pdf_text(tmp_path / "lista.pdf"))
    assert "LISTA OBECNOŚCI – 04.01.2027, 09:00–12:00" in text
    assert "Trening asertywności" in text and "Ewa Nowicka" in text
    assert f"1 {NAME_LAST} Grzegorz" in text  # Anna joins in March
    assert "Podpis uczestnika" in text
    assert "Nazwisko i imię" in text and "Imię i nazwisko" not in text  # as the names read
    assert re.search(r"\b5\b", text.split("Uwagi", 1)[1])  # 1 person + 4 blank rows


def test_day_list_has_a_signature_column_per_activity(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.session() as s:
        activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2027, 3, 8),
                start_time=dt.time(13, 0),
                end_time=dt.time(14, 30),
                kind="group",
                topic="Budżet domowy <b>&</b> oszczędzanie",
                form="warsztaty edukacji społecznej i zawodowej",
                group_id=sd.group_id,
            ),
        )
    with db.read() as s:
        data = day_list_data(s, sd.group_id, dt.date(2027, 3, 8))
    attendance_list.render(data, tmp_path / "dzien.pdf")
    text = _flat(pdf_text(tmp_path / "dzien.pdf"))
    assert "Podpis 09:00–12:00" in text and "Podpis 13:00–14:30" in text
    assert "Budżet domowy <b>&</b> oszczędzanie" in text
    assert "Nowak Anna" in text and f"{NAME_LAST} Grzegorz" in text


def test_a_months_lists_in_one_pdf(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        lists = month_lists_data(s, sd.group_id, 2027, 3)
    seen: list[int] = []
    attendance_list.render_many(lists, tmp_path / "marzec.pdf", lambda d, t, _: seen.append(d))
    pages = pdf_pages(tmp_path / "marzec.pdf")
    assert len(pages) == len(lists) == 10  # five Mondays and five Wednesdays
    assert all("strona 1 z 1" in p for p in pages)
    assert "01.03.2027" in pages[0] and "31.03.2027" in pages[-1]
    assert seen[-1] == 10


def test_monthly_sheet_marks_hours_minimum_and_status(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        data = month_sheet_data(s, sd.group_id, 2027, 3, as_of=APRIL)
    attendance_sheet.render(data, tmp_path / "arkusz.pdf")
    text = _flat(pdf_text(tmp_path / "arkusz.pdf"))
    assert "MIESIĘCZNA LISTA OBECNOŚCI – marzec 2027" in text
    anna = next(r for r in data.rows if r.name == "Nowak Anna")
    assert "n" in anna.cells  # unexcused absence on 8 March
    assert (anna.attended, anna.required, anna.status) == ("26,00", "40,00", "niespełnione")
    grz = next(r for r in data.rows if r.name.startswith(NAME_LAST))
    assert grz.attended == "30,00"
    assert "Nowak Anna" in text and "26,00" in text and "niespełnione" in text
    assert "strona 1 z 1" in text


def test_sixty_participants_continue_on_pages_with_the_header_repeated(
    db: Database, tmp_path: Path
) -> None:
    sd = seed(db, months=3)
    with db.session() as s:
        for i in range(60):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    first_name=f"Osoba{i:02d}",
                    last_name="Wiśniewska-Łęcka",
                    birth_date=dt.date(1980, 1, 1),
                    sex="K",
                    id_document=f"paszport PL{i:07d}",
                ),
            )
            participations.enroll(s, pid, dt.date(2027, 3, 1), None, sd.group_id)
        march = activities.list_activities(s, 2027, 3, group_id=sd.group_id)
        attendance.record_activity(s, march[-1].id, today=RECORDED_ON)
    with db.read() as s:
        data = month_sheet_data(s, sd.group_id, 2027, 3, as_of=APRIL)
    attendance_sheet.render(data, tmp_path / "duzo.pdf")
    pages = pdf_pages(tmp_path / "duzo.pdf")
    assert len(pages) >= 2
    assert all("Nazwisko i imię" in p for p in pages)
    assert all(f"z {len(pages)}" in p for p in pages)
    assert "Wiśniewska-Łęcka Osoba59" in pdf_text(tmp_path / "duzo.pdf")


def test_journal_of_a_month(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        data = journal_data(s, sd.group_id, 2027, 3, as_of=APRIL)
    journal.render(data, tmp_path / "dziennik.pdf")
    text = _flat(pdf_text(tmp_path / "dziennik.pdf"))
    assert "DZIENNIK ZAJĘĆ – marzec 2027" in text
    assert "08.03.2027 09:00–12:00 4,00 warsztaty psychoedukacyjne Trening asertywności" in text
    assert "Ewa Nowicka 1" in text  # 8 March: Anna absent, one present
    assert "Jan Kowal 2" in text
    assert "Razem 30,00" in text


def test_counselling_notes_only_for_those_who_may_read_them(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        leader = counselling_card_data(s, sd.grzegorz, 2027)
    with db.read(Actor("Marek Biurowy", Role.ADMIN)) as s:
        admin = counselling_card_data(s, sd.grzegorz, 2027)
    counselling_card.render(leader, tmp_path / "karta.pdf")
    counselling_card.render(admin, tmp_path / "karta_admin.pdf")
    full = _flat(pdf_text(tmp_path / "karta.pdf"))
    restricted = _flat(pdf_text(tmp_path / "karta_admin.pdf"))
    for text in (full, restricted):
        assert "KARTA DORADZTWA INDYWIDUALNEGO" in text
        assert "10.02.2027 13:00–14:00 1,33 Ewa Nowicka" in text
        assert "Plan powrotu na rynek pracy" in text
    assert "Notatka poufna" in full
    assert "Notatka" not in restricted


def _month_of_classes(
    data: object,
    count: int,
    topic: str = "Zajęcia {n}: trening kompetencji społecznych",
    leader: str = "Ewa Nowicka",
) -> object:
    import dataclasses

    from kisdesk.services.documents_journal import JournalRow

    rows = tuple(
        JournalRow(
            date=(dt.date(2027, 3, 1) + dt.timedelta(days=day)).isoformat(),
            time="09:00–12:00",
            hours="4,00",
            topic=topic.format(n=n),
            form="warsztaty psychoedukacyjne",
            leader=leader,
            present="11",
        )
        for n, day in enumerate(range(count), 1)
    )
    return dataclasses.replace(data, rows=rows, total_hours=f"{4 * count},00")  # type: ignore[type-var]


def test_a_month_of_16_classes_fits_one_page_and_a_long_one_keeps_its_total(
    db: Database, tmp_path: Path
) -> None:
    sd = seed(db)
    with db.read() as s:
        data = journal_data(s, sd.group_id, 2027, 3, as_of=APRIL)
    journal.render(_month_of_classes(data, 16), tmp_path / "16.pdf")  # type: ignore[arg-type]
    pages = pdf_pages(tmp_path / "16.pdf")
    assert len(pages) == 1
    assert "Zajęcia 16:" in pages[0] and "Razem 64,00" in _flat(pages[0])
    assert "(podpis kierownika)" in pages[0]
    # Real topics take two lines (and two leaders share a class): still one page, every row,
    # the total and the signature on it (16 such rows once left two and the total on page 2).
    long_topic = (
        "Zajęcia {n}: trening umiejętności społecznych i komunikacji interpersonalnej w grupie"
    )
    journal.render(
        _month_of_classes(data, 16, long_topic, "Ewa Nowicka, Jan Kowalewski"),  # type: ignore[arg-type]
        tmp_path / "16_long.pdf",
    )
    pages = pdf_pages(tmp_path / "16_long.pdf")
    assert len(pages) == 1
    page = _flat(pages[0])
    assert "Zajęcia 16:" in page and "Razem 64,00" in page and "(podpis kierownika)" in page
    assert "Grupa: " in page and "1 godz. = 45 min" in page
    # Every length that spills over, so whichever row the page break falls at: the header
    # repeats and the total comes with the last classes, never alone on the next page.
    # ... and the leader's signature comes with the total (42 classes once put it alone on a page)
    for count in range(20, 60):
        path = tmp_path / f"{count}.pdf"
        journal.render(_month_of_classes(data, count), path)  # type: ignore[arg-type]
        pages = pdf_pages(path)
        assert len(pages) >= 2, count
        assert all("Temat" in p for p in pages if "Zajęcia" in p), count
        last = _flat(next(p for p in pages if "Razem" in p))
        assert f"Razem {4 * count},00" in last, count
        assert f"Zajęcia {count}:" in last and f"Zajęcia {count - 1}:" in last, count
        assert "(podpis kierownika)" in last, count
        assert "(podpis kierownika)" not in pages[0] or len(pages) == 1, count
