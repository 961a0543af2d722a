"""The journal's marks panel with a participant whose processing is restricted (RODO art. 18):
the person is not listed, and the panel says who is missing and why, as the grid does."""

from __future__ import annotations

import pytest

from kisdesk.services import rodo
from kisdesk.ui.pages.journal import JournalPage


@pytest.fixture
def office(journal_office: dict) -> dict:
    return journal_office


@pytest.fixture
def page(journal_page: JournalPage) -> JournalPage:
    return journal_page


def _names(panel) -> list[str]:  # type: ignore[no-untyped-def]
    return [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]


def test_restricted_member_is_named_in_a_note(shot, kis, page, office) -> None:  # type: ignore[no-untyped-def]
    nowak = office["people"][0]
    with kis.session() as s:
        rodo.restrict(s, nowak, "Osoba kwestionuje prawidłowość danych")
    page.refresh()
    page.select_activity(office["activity"])
    panel = page.marks
    assert _names(panel) == ["Kowalska Anna", "Wójcik Jan"]
    assert panel.restricted_note.isVisibleTo(panel)
    note = panel.restricted_note.text()
    assert note == (
        "Nowak Tomasz: ograniczenie przetwarzania danych (art. 18 RODO) – obecności tej "
        "osoby nie są zapisywane, dlatego nie ma jej w tabeli."
    )
    assert "Ochrona danych (RODO)" in panel.restricted_note.toolTip()
    shot(page, "journal_marks_restricted")
    with kis.session() as s:
        rodo.lift_restriction(s, nowak)
    page.refresh()
    assert len(_names(panel)) == 3 and not panel.restricted_note.isVisibleTo(panel)


def test_two_restricted_members_are_both_named(kis, page, office) -> None:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        for pid in office["people"][:2]:
            rodo.restrict(s, pid, "Sprzeciw wobec przetwarzania")
    page.refresh()
    page.select_activity(office["activity"])
    note = page.marks.restricted_note.text()
    assert note.startswith("2 osoby z ograniczeniem przetwarzania danych (art. 18 RODO)")
    assert note.endswith("nie ma ich w tabeli: Kowalska Anna, Nowak Tomasz.")


def test_no_note_without_an_activity_or_a_restriction(page) -> None:  # type: ignore[no-untyped-def]
    assert not page.marks.restricted_note.isVisibleTo(page.marks)
    page.marks.show_activity(None)
    assert not page.marks.restricted_note.isVisibleTo(page.marks)
