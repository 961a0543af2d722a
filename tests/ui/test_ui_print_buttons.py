"""Printing from where the data lives: the attendance grid, the journal, a participant's period."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.db import Database
from kisdesk.services import activities, attendance, groups, participants, participations
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel
from tests.ui.documents_seed import pdf_text

TODAY = dt.date.today()
FIRST = TODAY.replace(day=1)
LAST_MONTH = (FIRST - dt.timedelta(days=1)).replace(day=1)


@pytest.fixture
def office(kis: Database) -> dict:
    with kis.session() as s:
        gid = groups.list_groups(s)[0].id
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Zofia", "Żółtowska", pesel=make_pesel(dt.date(1980, 5, 6), 9, "K")
            ),
        )
        period = participations.enroll(s, pid, LAST_MONTH, group_id=gid)
        act = activities.add_activity(
            s,
            ActivityData(
                LAST_MONTH.replace(day=5),
                dt.time(9),
                dt.time(13),
                "group",
                "Asertywność",
                group_id=gid,
            ),
        )
        attendance.mark_all_present(s, act)
        participations.end_period(s, period, LAST_MONTH.replace(day=20), "employment")
    return {"group": gid, "person": pid, "period": period, "activity": act}


def test_attendance_page_prints_the_monthly_sheet(ops, office, desk, qtbot):  # noqa: F811
    from kisdesk.ui.pages.attendance import AttendancePage

    page = AttendancePage(ops)
    qtbot.addWidget(page)
    page.open(group_id=office["group"], month=(LAST_MONTH.year, LAST_MONTH.month))
    page.print_button.click()
    assert desk.opened, desk.messages
    text = pdf_text(desk.opened[-1])
    assert "Żółtowska" in text and "Grupa poniedziałkowa" in text


def test_journal_prints_the_list_for_signatures_of_the_selected_activity(ops, office, desk, qtbot):  # noqa: F811
    from kisdesk.ui.pages.journal import JournalPage

    page = JournalPage(ops)
    qtbot.addWidget(page)
    page.open(activity_id=office["activity"])
    page.print_list_button.click()
    assert desk.opened, desk.messages
    text = pdf_text(desk.opened[-1])
    assert "Asertywność" in text and "Żółtowska" in text


def test_participant_period_opens_the_certificate_dialog(ops, office, qtbot):
    from kisdesk.ui.dialogs.participant_history_tabs import PeriodsTab

    tab = PeriodsTab(ops, office["person"], cis=False, programme_months=3, may_edit=True)
    qtbot.addWidget(tab)
    assert tab.certificate_button.isEnabled()
    tab.certificate_button.click()
    assert tab.dialog is not None and tab.dialog.objectName() == "certificate_dialog"
    tab.dialog.reject()
