"""Long lists are read off the GUI thread (Anki's QueryOp): the page shows at once, says it
is reading, and fills itself in when the rows arrive; a person asked for meanwhile is
selected then."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.db import Database
from kisdesk.services import participants, participations
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.documents_due import DueTab
from kisdesk.ui.pages.participants import ParticipantsPage
from tests.pesel import make_pesel


@pytest.fixture
def threaded(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", False)  # as in the program: a worker thread reads
    return Ops(kis)


def _people(db: Database, n: int) -> list[int]:
    ids = []
    with db.session() as s:
        for i in range(n):
            pid = participants.add_participant(
                s,
                ParticipantData(
                    first_name="Osoba",
                    last_name=f"Nazwisko{i:02d}",
                    pesel=make_pesel(dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28), i),
                ),
            )
            participations.enroll(s, pid, dt.date.today() - dt.timedelta(days=40))
            ids.append(pid)
    return ids


def test_the_participants_list_fills_in_from_a_worker_thread(kis, threaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = _people(kis, 12)
    page = ParticipantsPage(threaded)
    qtbot.addWidget(page)
    page.show()  # the first showing asks for the rows
    assert page.loading
    assert page.count.text() == "Wczytuję listę uczestników…"
    page.select_participant(ids[7])  # asked for before the rows are there
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert page.model.rowCount() == 12
    assert page.selected_id() == ids[7]
    assert "12" in page.count.text()


def test_the_certificates_due_fill_in_from_a_worker_thread(kis, threaded, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = DueTab(threaded)
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert tab.count.text() == "Sprawdzam, komu należą się zaświadczenia…"
    qtbot.waitUntil(lambda: tab.count.text().startswith("Do wydania"), timeout=20_000)
    assert tab.count.text() == "Do wydania: 0 zaświadczeń"
