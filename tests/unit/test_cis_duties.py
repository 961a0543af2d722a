"""The other CIS duties (art. 11 ust. 3, art. 14 ust. 1a, 2, 4): the programme of classes,
the meal list following attendance, readiness dates and the 10-per-staff warning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader
from test_services_benefits import _person, cis  # noqa: F401

from kisdesk.reports.pdf.documents import render
from kisdesk.services import activities, attendance, cis_duties, dashboard, documents, staff
from kisdesk.services.activities import ActivityData

D = dt.date


def _class(s, day: dt.date, staff_ids=(), absent=()) -> int:  # type: ignore[no-untyped-def]
    aid = activities.add_activity(
        s,
        ActivityData(
            date=day,
            start_time=dt.time(8),
            end_time=dt.time(14),
            kind="group",
            topic="Warsztat ogrodniczy",
            form="warsztaty",
            group_id=1,
            staff_ids=tuple(staff_ids),
        ),
    )
    attendance.record_activity(s, aid, absent=absent)
    return aid


def test_ratio_warning_meals_and_programme(cis, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        people = [_person(s, n, D(2026, 1, 5)) for n in range(1, 12)]  # 11 in the group
        one = staff.staff_id_by_name(s, "Jan Instruktor", create=True)
        two = staff.staff_id_by_name(s, "Ewa Terapeutka", create=True)
        crowded = _class(s, D(2026, 6, 2), [one], absent=[people[0]])
        _class(s, D(2026, 6, 3), [one, two])
    with cis.read() as s:
        warnings = cis_duties.staff_ratio_warnings(s, D(2026, 6, 1), D(2026, 6, 30))
        meals = {m.participant_id: m.days for m in cis_duties.meal_list(s, 2026, 6)}
        items = dashboard.dashboard(s, D(2026, 6, 10)).duties
    assert [(w.activity_id, w.participants, w.staff) for w in warnings] == [(crowded, 11, 1)]
    assert meals[people[0]] == (D(2026, 6, 3),)  # absent on the 2nd: no meal that day
    assert meals[people[1]] == (D(2026, 6, 2), D(2026, 6, 3))
    assert any(i.code == "staff_ratio" and i.activity_id == crowded for i in items)
    assert sum(1 for i in items if i.code == "readiness") == 11
    with cis.session() as s:
        programme = documents.register_form(
            s, cis_duties.programme_form(s, 2026, 6, D(2026, 5, 28))
        )
        meal_doc = documents.register_form(s, cis_duties.meal_list_form(s, 2026, 6, D(2026, 7, 1)))
    render(programme.kind, programme.data, tmp_path / "p.pdf")
    render(meal_doc.kind, meal_doc.data, tmp_path / "m.pdf")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "p.pdf").pages)
    assert "PROGRAM ZAJĘĆ" in text and "art. 14 ust. 1a" in text
    assert "Warsztat ogrodniczy" in text and "Jan Instruktor" in text
    assert "11 uczestników na 1 prowadzących" in text
    meals_text = "".join(p.extract_text() for p in PdfReader(tmp_path / "m.pdf").pages)
    assert "LISTA POSIŁKÓW" in meals_text and "21" in meals_text  # 10 + 11 meals in all


def test_readiness_dates_and_reminders(cis) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 6, 1))
        period = documents.latest_period_id(s, pid)
        cis_duties.set_readiness(s, period, bhp_training_on=D(2026, 5, 29))
    with cis.read() as s:
        (row,) = cis_duties.readiness(s, D(2026, 6, 10))
    assert row.missing == ("medical_exam_on", "work_clothes_on")
    with cis.session() as s:
        cis_duties.set_readiness(s, period, None, D(2026, 5, 28), D(2026, 6, 1))
    with cis.read() as s:
        (row,) = cis_duties.readiness(s, D(2026, 6, 10))
        items = dashboard.dashboard(s, D(2026, 6, 10)).duties
    assert row.missing == () and row.bhp_training_on == D(2026, 5, 29)
    assert not [i for i in items if i.code == "readiness"]
