"""The participants list says "zakończył" or "zakończyła" as the person's sex is known."""

from __future__ import annotations

import datetime as dt

from kisdesk.services import groups, participants, participations
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel

START = dt.date.today().replace(day=1) - dt.timedelta(days=90)
END = START + dt.timedelta(days=30)


def test_an_ended_participation_reads_by_sex(kis, ops, qtbot):
    with kis.session() as s:
        gid = groups.list_groups(s)[0].id
        for first, last, sex, born in (
            ("Anna", "Lis", "K", dt.date(1980, 2, 3)),
            ("Jan", "Mazur", "M", dt.date(1975, 6, 9)),
        ):
            pid = participants.add_participant(
                s,
                ParticipantData(first_name=first, last_name=last, pesel=make_pesel(born, 21, sex)),
            )
            period = participations.enroll(s, pid, START, group_id=gid)
            participations.end_period(s, period, END, "resigned")
    page = ParticipantsPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    texts = {
        page.proxy.index(r, 0).data(): " ".join(
            str(page.proxy.index(r, c).data()) for c in range(page.proxy.columnCount())
        )
        for r in range(page.proxy.rowCount())
    }
    ended = END.strftime("%d.%m.%Y")
    lis = next(t for name, t in texts.items() if "Lis" in str(name))
    mazur = next(t for name, t in texts.items() if "Mazur" in str(name))
    assert f"zakończyła {ended}" in lis and "(a)" not in lis
    assert f"zakończył {ended}" in mazur and "(a)" not in mazur
