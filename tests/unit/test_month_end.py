"""The month's end: the month's papers of a group (or the office) in one go, read back."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from test_documents_fixtures import NAME_LAST, pdf_pages, pdf_text, seed

from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.reports.pdf.month_end import make_month_end
from kisdesk.rules.calendar import month_just_ended
from kisdesk.services import settings
from kisdesk.services.groups import add_group
from kisdesk.services.month_end import default_month, hours_report_data, plan_month_end

APRIL = dt.date(2027, 4, 2)  # the month's end of March 2027


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_hours_report_gives_each_participants_hours_and_shortfall(db: Database) -> None:
    # March 2027: Mondays 5 × 4 h and Wednesdays 5 × 2 h (45-minute hours); Anna missed
    # the Monday of 8 March. Both joined by 1 March: 40 h required.
    sd = seed(db)
    with db.read() as s:
        data = hours_report_data(s, 2027, 3, sd.group_id, as_of=APRIL)
    rows = {r.name: r for r in data.rows}
    assert list(rows) == ["Nowak Anna", f"{NAME_LAST} Grzegorz"]  # surname first, sorted
    anna, grz = rows["Nowak Anna"], rows[f"{NAME_LAST} Grzegorz"]
    assert (grz.attended, grz.required, grz.missing, grz.status) == (
        "30,00",
        "40,00",
        "10,00",
        "niespełnione",
    )
    assert (anna.attended, anna.missing) == ("26,00", "14,00")
    assert (data.met, data.short, data.in_progress) == (0, 2, 0)


def test_hours_report_counts_only_the_days_of_participation(db: Database) -> None:
    # Grzegorz left on 16 July: July's minimum is pro rata, and Anna (ended in June) is absent.
    sd = seed(db)
    with db.read() as s:
        data = hours_report_data(s, 2027, 7, sd.group_id, as_of=dt.date(2027, 8, 2))
    assert [r.name for r in data.rows] == [f"{NAME_LAST} Grzegorz"]
    row = data.rows[0]
    # 12 of July's 22 working days → round(1800 × 12 / 22) = 982 min = 21,82 h;
    # Mondays 5, 12 July: 2 × 180 min = 8,00 h attended.
    assert (row.required, row.attended, row.missing) == ("21,82", "8,00", "13,82")


def test_month_end_makes_the_four_documents(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        plan = plan_month_end(s, 2027, 3, sd.group_id)
        seen: list[str] = []
        result = make_month_end(
            s, plan, tmp_path / "marzec", as_of=APRIL, progress=lambda d, t, text: seen.append(text)
        )
    assert result.failed == ()
    names = sorted(p.path.name for p in result.made)
    assert names == [
        "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf",
        "Godziny_2027-03_Grupa_poniedziałkowa.pdf",
        "Listy_obecnosci_2027-04_Grupa_poniedziałkowa.pdf",
        "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf",
    ]
    assert seen[0] == "Tworzenie: Miesięczna lista obecności – Grupa poniedziałkowa (1 z 4)"
    assert "Dziennik zajęć – Grupa poniedziałkowa (2 z 4)" in seen[1]
    folder = tmp_path / "marzec"
    sheet = _flat(pdf_text(folder / "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf"))
    assert "MIESIĘCZNA LISTA OBECNOŚCI – marzec 2027" in sheet
    journal = _flat(pdf_text(folder / "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf"))
    assert "DZIENNIK ZAJĘĆ – marzec 2027" in journal and "Rozmowa kwalifikacyjna" in journal
    hours = _flat(pdf_text(folder / "Godziny_2027-03_Grupa_poniedziałkowa.pdf"))
    assert "ZESTAWIENIE GODZIN UCZESTNICTWA – marzec 2027" in hours
    assert "Nowak Anna 26,00 40,00 14,00 niespełnione" in hours
    assert f"{NAME_LAST} Grzegorz 30,00 40,00 10,00 niespełnione" in hours
    assert "Minimum spełnione: 0 os.; niespełnione: 2 os." in hours
    # April's lists: one per day with classes (Mondays; Easter Monday's class included as entered)
    lists = pdf_pages(folder / "Listy_obecnosci_2027-04_Grupa_poniedziałkowa.pdf")
    assert len(lists) == 4  # 5, 12, 19, 26 April
    assert "LISTA OBECNOŚCI – 05.04.2027, 09:00–12:00" in _flat(lists[0])
    assert "Nowak Anna" in lists[0] and "Trening asertywności" in lists[0]


def test_next_month_without_classes_gets_blank_lists_and_says_so(
    db: Database, tmp_path: Path
) -> None:
    sd = seed(db, months=3)  # classes entered up to March only
    with db.read() as s:
        plan = plan_month_end(s, 2027, 3, sd.group_id, kinds=["next_lists"])
        assert len(plan.notes) == 1
        assert "na kwiecień 2027 nie zaplanowano jeszcze zajęć" in plan.notes[0]
        result = make_month_end(s, plan, tmp_path, as_of=APRIL)
    (made,) = result.made
    pages = [_flat(p) for p in pdf_pages(made.path)]
    # the group met on Mondays and Wednesdays in March: April's Mondays 5, 12, 19, 26 and
    # Wednesdays 7, 14, 21, 28
    assert len(pages) == made.pages == 8
    assert "LISTA OBECNOŚCI – 05.04.2027" in pages[0] and "07.04.2027" in pages[1]
    assert "Godziny Grupa Grupa poniedziałkowa" in pages[0]  # the fields are left to fill in
    assert f"1 Nowak Anna 2 {NAME_LAST} Grzegorz" in pages[0]


def test_a_group_with_nobody_next_month_gets_no_lists(db: Database) -> None:
    sd = seed(db)  # Grzegorz left in July, Anna in June: August has nobody and no classes
    with db.read() as s:
        plan = plan_month_end(s, 2027, 7, sd.group_id, kinds=["next_lists"])
    assert plan.steps == ()
    assert [(k.group, k.reason) for k in plan.skipped] == [
        ("Grupa poniedziałkowa", "brak uczestników i zaplanowanych zajęć w miesiącu sierpień 2027")
    ]


def test_office_wide_month_end_covers_every_group(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.session() as s:
        add_group(s, "Grupa środowa")  # no classes in March: its journal is skipped
    with db.read() as s:
        plan = plan_month_end(s, 2027, 3, None, kinds=["journal", "hours_report"])
        result = make_month_end(s, plan, tmp_path, as_of=APRIL)
    assert [m.path.name for m in result.made] == [
        "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf",
        "Godziny_2027-03.pdf",
    ]
    assert [(k.kind, k.group, k.reason) for k in plan.skipped] == [
        ("journal", "Grupa środowa", "brak zajęć w miesiącu marzec 2027")
    ]
    hours = _flat(pdf_text(tmp_path / "Godziny_2027-03.pdf"))
    assert "Wszystkie grupy" in hours and "Nowak Anna Grupa poniedziałkowa 26,00" in hours
    # the group's name on one line (its column once split it in two on every row)
    assert "\nGrupa poniedziałkowa\n" in pdf_text(tmp_path / "Godziny_2027-03.pdf")
    assert sd.group_id


def test_a_failing_document_is_named_and_the_others_kept(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        plan = plan_month_end(s, 2027, 3, sd.group_id, kinds=["attendance_sheet", "journal"])
    # the journal's group disappears before its turn (deleted at another desk)
    sheet, journal = plan.steps
    plan = replace(plan, steps=(sheet, replace(journal, group_id=sd.group_id + 99)))
    with db.read() as s:
        result = make_month_end(s, plan, tmp_path / "out", as_of=APRIL)
    assert [m.path.name for m in result.made] == ["Obecnosci_2027-03_Grupa_poniedziałkowa.pdf"]
    assert [(f.label, f.reason) for f in result.failed] == [
        ("Dziennik zajęć – Grupa poniedziałkowa", f"Nie ma grupy o numerze {sd.group_id + 99}.")
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf"
    ]  # nothing half-written


def test_a_document_made_again_keeps_the_earlier_copy(db: Database, tmp_path: Path) -> None:
    sd = seed(db)
    with db.read() as s:
        plan = plan_month_end(s, 2027, 3, sd.group_id, kinds=["journal"])
        first = make_month_end(s, plan, tmp_path, as_of=APRIL)
        again = make_month_end(s, plan, tmp_path, as_of=APRIL)
    assert first.made[0].path.name == "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf"
    assert again.made[0].path.name == "Dziennik_zajec_2027-03_Grupa_poniedziałkowa_2.pdf"


def test_bad_choices_are_refused(db: Database) -> None:
    sd = seed(db)
    with db.read() as s, pytest.raises(ValidationError) as bad:
        plan_month_end(s, 2027, 3, sd.group_id, kinds=["certificates"])
    assert bad.value.code == "month_end.bad_kind"
    with db.read() as s, pytest.raises(ValidationError) as none:
        plan_month_end(s, 2027, 3, sd.group_id, kinds=[])
    assert none.value.code == "month_end.nothing_chosen"


def test_the_month_just_ended_is_the_default(db: Database) -> None:
    seed(db)
    # the first days of December: November, as the grid and the dashboard show it
    assert month_just_ended(dt.date(2026, 12, 3), 7) == (2026, 11)
    # mid-month: still the month before (the month just ended)
    assert month_just_ended(dt.date(2026, 12, 15), 7) == (2026, 11)
    # from the month's last working day (Thursday 31 December; 24 Dec a holiday) on: this month
    assert month_just_ended(dt.date(2026, 12, 31), 7) == (2026, 12)
    # April 2027 ends on a Friday (30th): the 30th prints April, the 29th prints March
    assert month_just_ended(dt.date(2027, 4, 30), 7) == (2027, 4)
    assert month_just_ended(dt.date(2027, 4, 29), 7) == (2027, 3)
    with db.session() as s:
        settings.set_setting(s, "previous_month_days", 0)
    with db.read() as s:
        assert default_month(s, dt.date(2027, 5, 1)) == (2027, 4)


def test_stopping_keeps_what_was_made_and_names_the_rest(db: Database, tmp_path: Path) -> None:
    sd = seed(db)

    def stop_at_the_third(done: int, total: int, text: str) -> None:
        if done == 2:
            raise RuntimeError("Anuluj")

    with db.read() as s:
        plan = plan_month_end(s, 2027, 3, sd.group_id)
        result = make_month_end(s, plan, tmp_path / "m", as_of=APRIL, progress=stop_at_the_third)
    assert [m.kind for m in result.made] == ["attendance_sheet", "journal"]
    assert result.stopped == (
        "Zestawienie godzin – Grupa poniedziałkowa",
        "Listy obecności na następny miesiąc (kwiecień 2027) – Grupa poniedziałkowa",
    )
    assert len(list((tmp_path / "m").iterdir())) == 2
