"""Pulpit: what needs attention today, and every item opens the place where it is fixed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.rules.calendar import add_months
from kisdesk.rules.graduate import completes_on
from kisdesk.services import activities, participants, participations, settings
from kisdesk.services.activities import ActivityData
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.dashboard import DashboardPage
from kisdesk.ui.pages.dashboard_sections import Section
from kisdesk.ui.table_models.base import ROW_ROLE
from kisdesk.ui.widgets import status
from tests.pesel import make_pesel


def _person(s: Any, serial: int, first: str, start: dt.date) -> tuple[int, int]:
    pid = participants.add_participant(
        s,
        participants.ParticipantData(
            first, "Nowak", pesel=make_pesel(dt.date(1979, 5, serial), serial)
        ),
    )
    return pid, participations.enroll(s, pid, start, group_id=1)


@pytest.fixture
def office(kis: Database, today: dt.date) -> dict[str, int]:
    """Relative to today: nobody has had any class recorded, so everyone is at risk now and
    short last month; Celina completes 6 months in about 9 days; yesterday's workshop has no
    attendance; Dariusz left three days ago without a certificate."""
    ids: dict[str, int] = {}
    first_of_last_month = add_months(today.replace(day=1), -1)
    with kis.session() as s:
        # This month's hours whatever the day (last month's in the first days of a month:
        # test_ui_attendance_month.py).
        settings.set_setting(s, "previous_month_days", 0)
        ids["bartosz"], _ = _person(s, 1, "Bartosz", add_months(first_of_last_month, -1))
        ids["celina"], _ = _person(s, 2, "Celina", add_months(today, -6) + dt.timedelta(days=10))
        ids["dariusz"], ids["dariusz_period"] = _person(s, 3, "Dariusz", add_months(today, -8))
        participations.end_period(
            s, ids["dariusz_period"], today - dt.timedelta(days=3), "employment"
        )
        ids["activity"] = activities.add_activity(
            s,
            ActivityData(
                date=today - dt.timedelta(days=1),
                start_time=dt.time(9),
                end_time=dt.time(12),
                kind="group",
                topic="Trening asertywności",
                group_id=1,
            ),
        )
    return ids


@pytest.fixture
def page(qtbot: Any, kis: Database, office: dict[str, int]) -> tuple[DashboardPage, list[Any]]:
    Ops.inline = True
    calls: list[Any] = []
    widget = DashboardPage(Ops(kis), lambda name, **kw: calls.append((name, kw)))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget, calls


def _click_row(qtbot: Any, section_table: Any, text: str) -> None:
    model = section_table.model()
    for row in range(model.rowCount()):
        if any(text in str(model.index(row, c).data()) for c in range(model.columnCount())):
            rect = section_table.visualRect(model.index(row, 0))
            qtbot.mouseClick(section_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"{text!r} not in the list")


def test_dashboard_shows_what_needs_attention(page: Any, today: dt.date) -> None:
    widget, _calls = page
    model = widget.hours_model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert set(rows) == {"Nowak Bartosz", "Nowak Celina"}
    status_column = 1
    bartosz = model.index(rows["Nowak Bartosz"], status_column)
    assert bartosz.data() == status.status_text(status.AT_RISK)  # words, not colour alone
    assert bartosz.data(Qt.ItemDataRole.BackgroundRole).color() == status.background(status.AT_RISK)
    assert "Zagrożonych: 2" in widget.hours_summary.text()

    def names(section: Section) -> list[str]:
        return [section.model.index(r, 0).data() for r in range(section.model.rowCount())]

    # Nobody had a single class last month: all three missed the minimum.
    assert names(widget.missed) == ["Nowak Bartosz", "Nowak Celina", "Nowak Dariusz"]
    assert names(widget.graduates) == ["Nowak Celina"]
    celina_start = add_months(today, -6) + dt.timedelta(days=10)
    days_left = (completes_on(celina_start, 6) - today).days
    assert widget.graduates.model.index(0, 2).data() == f"za {days_left} dni"
    assert names(widget.certificates) == ["Nowak Dariusz"]
    assert widget.missing.model.rowCount() == 1
    assert widget.missing.model.index(0, 1).data() == "Trening asertywności"
    assert widget.missing.title() == "Zajęcia bez wpisanej obecności (1)"


def test_clicking_items_navigates_to_where_they_are_fixed(
    qtbot: Any, page: Any, office: dict[str, int], today: dt.date
) -> None:
    widget, calls = page
    _click_row(qtbot, widget.missing.table, "Trening asertywności")
    yesterday = today - dt.timedelta(days=1)
    assert calls[-1] == (
        "attendance",
        {
            "activity_id": office["activity"],
            "group_id": 1,
            "month": (yesterday.year, yesterday.month),
        },
    )
    _click_row(qtbot, widget.graduates.table, "Celina")
    assert calls[-1] == ("participants", {"participant_id": office["celina"]})
    _click_row(qtbot, widget.certificates.table, "Dariusz")
    assert calls[-1] == ("documents", {"participation_id": office["dariusz_period"]})
    _click_row(qtbot, widget.missed.table, "Bartosz")
    last = add_months(today.replace(day=1), -1)
    assert calls[-1] == ("attendance", {"group_id": 1, "month": (last.year, last.month)})
    _click_row(qtbot, widget.hours_table, "Bartosz")
    assert calls[-1] == ("attendance", {"group_id": 1, "month": (today.year, today.month)})


def test_enter_on_a_selected_item_navigates(qtbot: Any, page: Any, office: dict[str, int]) -> None:
    widget, calls = page
    table = widget.certificates.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert calls == [("documents", {"participation_id": office["dariusz_period"]})]


def test_deadline_opens_annual_report(qtbot: Any, page: Any) -> None:
    widget, calls = page
    widget.today = lambda: dt.date(2027, 2, 10)  # type: ignore[method-assign]
    widget.refresh()
    assert widget.deadlines.isVisible()
    assert "za 2026 r." in widget.deadlines.model.index(0, 1).data()
    _click_row(qtbot, widget.deadlines.table, "Sprawozdanie")
    assert calls[-1] == ("documents", {"form": "annual-report"})


def test_only_at_risk_filter_hides_others(qtbot: Any, page: Any) -> None:
    widget, _calls = page
    widget.only_at_risk.setChecked(True)
    visible = [
        widget.hours_model.index(r, 0).data()
        for r in range(widget.hours_model.rowCount())
        if not widget.hours_table.isRowHidden(r)
    ]
    assert visible == ["Nowak Bartosz", "Nowak Celina"]  # both below what they can reach


def test_chart_has_twelve_months(page: Any) -> None:
    widget, _calls = page
    assert len(widget.chart.bars()) == 12


def test_dashboard_models_pass_the_model_tester(qtmodeltester: Any, page: Any) -> None:
    widget, _calls = page
    for model in (
        widget.hours_model,
        widget.missed.model,
        widget.graduates.model,
        widget.certificates.model,
        widget.missing.model,
        widget.deadlines.model,
    ):
        qtmodeltester.check(model)
        if model.rowCount():
            assert model.index(0, 0).data(ROW_ROLE) is not None


def test_cis_office_shows_the_week_in_clock_hours(
    qtbot: Any, kis: Database, office: dict[str, int], today: dt.date
) -> None:
    from kisdesk.services import office as office_service

    with kis.session() as s:
        data = office_service.get_office(s)
        fields = {f: getattr(data, f) for f in data.__slots__}  # type: ignore[attr-defined]
        office_service.update_office(s, office_service.OfficeData(**{**fields, "kind": "cis"}))
    Ops.inline = True
    widget = DashboardPage(Ops(kis))
    qtbot.addWidget(widget)
    widget.show()
    _year, week, _day = today.isocalendar()
    assert widget.hours_box.title().startswith(f"Godziny w tygodniu {week} (")
    assert "od 30 do 40 godz. zegarowych w tygodniu (art. 14 ust. 1)" in (
        widget.hours_summary.text()
    )
    assert widget.missed.title().startswith("Poniżej minimum w poprzednim tygodniu")
    assert widget.hours_model.hour_minutes == 60


def test_a_new_office_does_not_read_as_everyone_met_the_minimum(qtbot: Any, kis: Database) -> None:
    Ops.inline = True
    widget = DashboardPage(Ops(kis), lambda name, **kw: None)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.missed.empty.isVisible()
    # the month named, the same as the panel's title (in the first days of a month "the
    # previous month" could be read as either of the two months the page shows)
    month = widget.missed.title().removeprefix("Poniżej minimum w miesiącu: ")
    assert month != widget.missed.title()
    assert widget.missed.empty.text() == f"Za {month} nie wpisano żadnych obecności."


def test_hours_list_is_surname_first_by_surname_with_decimal_hours(
    qtbot: Any, kis: Database, office: dict[str, int], today: dt.date
) -> None:
    start = add_months(today.replace(day=1), -2)
    with kis.session() as s:
        for serial, (first, last) in enumerate((("Adam", "Zieliński"), ("Zofia", "Adamska")), 7):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    first, last, pesel=make_pesel(dt.date(1980, 6, serial), serial)
                ),
            )
            participations.enroll(s, pid, start, group_id=1)
    Ops.inline = True
    widget = DashboardPage(Ops(kis), lambda name, **kw: None)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    model = widget.hours_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["Adamska Zofia", "Nowak Bartosz", "Nowak Celina", "Zieliński Adam"]
    # The same "0,00" a participant's card shows, not a bare "0" beside "40".
    assert model.index(names.index("Adamska Zofia"), 2).data() == "0,00 / 40,00"
    missed = [widget.missed.model.index(r, 0).data() for r in range(widget.missed.model.rowCount())]
    assert missed == sorted(missed)


def test_in_the_first_days_of_a_month_below_minimum_names_the_month_it_lists(
    qtbot: Any, kis: Database
) -> None:
    """On 3 December the hours shown are November's (its lists are being typed); the list of
    those below the minimum is October's and must say so (it once said "listopad" over
    October's zeros, beside November's list where everyone had reached the minimum)."""
    with kis.session() as s:
        _person(s, 1, "Bartosz", dt.date(2026, 10, 1))  # no classes in October or November
    Ops.inline = True
    widget = DashboardPage(Ops(kis), lambda name, **kw: None)
    widget.today = lambda: dt.date(2026, 12, 3)  # type: ignore[method-assign]
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    widget.refresh()
    assert widget.hours_box.title() == "Godziny w miesiącu: listopad 2026"
    assert widget.missed.title().startswith("Poniżej minimum w miesiącu: październik 2026")
    missed = widget.missed.model
    assert [missed.index(r, 0).data() for r in range(missed.rowCount())] == ["Nowak Bartosz"]
