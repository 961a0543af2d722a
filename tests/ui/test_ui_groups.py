"""Grupy: the list with today's members, adding and editing a group, errors at the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kisdesk.db import Database
from kisdesk.services import groups, participants, participations
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.groups import GroupsPage
from kisdesk.ui.pages.groups_dialog import GroupDialog
from tests.pesel import make_pesel
from tests.ui.shots import keep

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def page(qtbot: Any, kis: Database, today: dt.date) -> GroupsPage:
    with kis.session() as s:
        for serial in (1, 2):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    "Jan", f"Kowalski{serial}", pesel=make_pesel(dt.date(1980, 2, 2), serial)
                ),
            )
            participations.enroll(s, pid, today - dt.timedelta(days=30), group_id=1)
        groups.add_group(s, "Grupa wtorkowa", description="Zajęcia we wtorki\nsala 2")
    Ops.inline = True
    widget = GroupsPage(Ops(kis))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _cells(page: GroupsPage) -> list[list[str]]:
    proxy = page.proxy
    return [
        [proxy.index(r, c).data() for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def _fill_and_save(qtbot: Any, monkeypatch: pytest.MonkeyPatch, **texts: str) -> list[Any]:
    """Replace the modal exec(): type into the dialog's fields, press Zapisz."""
    seen: list[Any] = []

    def fake_exec(dialog: GroupDialog) -> int:
        seen.append(dialog)
        for field, text in texts.items():
            widget = getattr(dialog, field)
            target = widget.line if hasattr(widget, "line") else widget
            target.clear() if hasattr(target, "clear") else None
            qtbot.keyClicks(target, text)
        qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(GroupDialog, "exec", fake_exec)
    return seen


def test_list_shows_groups_with_todays_members(page: GroupsPage) -> None:
    rows = _cells(page)
    assert rows[0][:2] == ["Grupa poniedziałkowa", "2"]
    assert rows[1][:2] == ["Grupa wtorkowa", "0"]
    assert rows[1][4] == "Zajęcia we wtorki sala 2"
    assert page.count_label.text() == "Pozycji: 2"


def test_new_group_with_ctrl_n_is_saved_and_selected(
    qtbot: Any, page: GroupsPage, kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _fill_and_save(
        qtbot, monkeypatch, name="Grupa czwartkowa", start_on="1.3.2027", end_on="30.06.2027"
    )
    page.new_item()  # what Ctrl+N calls (the main window forwards it)
    assert seen[0].windowTitle() == "Nowa grupa"
    with kis.read() as s:
        saved = [g for g in groups.list_groups(s) if g.name == "Grupa czwartkowa"]
    assert [(g.start_on, g.end_on) for g in saved] == [(dt.date(2027, 3, 1), dt.date(2027, 6, 30))]
    assert any(row[0] == "Grupa czwartkowa" and row[2] == "01.03.2027" for row in _cells(page))
    assert page.table.currentIndex().data() == "Grupa czwartkowa"


def test_duplicate_name_is_shown_at_the_field_and_nothing_written(
    qtbot: Any, page: GroupsPage, kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _fill_and_save(qtbot, monkeypatch, name="grupa WTORKOWA")
    page.new_item()
    dialog = seen[0]
    assert dialog.errors.message("name") == "Grupa „grupa WTORKOWA” już istnieje."
    assert not dialog.result()
    with kis.read() as s:
        assert len(groups.list_groups(s)) == 2


def test_end_before_start_and_bad_date_are_shown_at_the_field(qtbot: Any, kis: Database) -> None:
    Ops.inline = True
    dialog = GroupDialog(Ops(kis))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Grupa letnia")
    qtbot.keyClicks(dialog.start_on.line, "31.02.2027")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.MouseButton.LeftButton)
    assert "poprawna data" in dialog.errors.message("start_on")
    dialog.start_on.line.clear()
    qtbot.keyClicks(dialog.start_on.line, "01.07.2027")
    qtbot.keyClicks(dialog.end_on.line, "01.06.2027")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.MouseButton.LeftButton)
    assert dialog.errors.message("end_on") == "Koniec grupy nie może być przed jej początkiem."
    with kis.read() as s:
        assert [g.name for g in groups.list_groups(s)] == ["Grupa poniedziałkowa"]


def test_edit_keeps_other_fields_and_saves(
    qtbot: Any, page: GroupsPage, kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill_and_save(qtbot, monkeypatch, name="Grupa wtorkowa B")
    page.select(2)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    with kis.read() as s:
        edited = [g for g in groups.list_groups(s) if g.id == 2][0]
    assert (edited.name, edited.description) == ("Grupa wtorkowa B", "Zajęcia we wtorki\nsala 2")


def test_search_filters_and_escape_clears(qtbot: Any, page: GroupsPage) -> None:
    page.find()
    qtbot.keyClicks(page.search, "wtork")
    assert [row[0] for row in _cells(page)] == ["Grupa wtorkowa"]
    assert page.count_label.text() == "Pozycji: 1 z 2"
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == "" and len(_cells(page)) == 2


def test_group_model_passes_the_model_tester(qtmodeltester: Any, page: GroupsPage) -> None:
    qtmodeltester.check(page.model)


def test_open_with_group_id_selects_it(page: GroupsPage) -> None:
    page.open(group_id=2)
    assert page.table.currentIndex().data() == "Grupa wtorkowa"


def test_a_long_group_name_added_later_is_not_cut(
    qtbot: Any, kis: Database, page: GroupsPage
) -> None:
    name = "Grupa wsparcia dla osób długotrwale bezrobotnych z gminy Zawonia"
    with kis.session() as s:
        groups.add_group(s, name)
    page.refresh()
    keep(page, "keys", "groups_long_name")
    table = page.table
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == name)
    needed = table.fontMetrics().horizontalAdvance(name)
    assert table.visualRect(page.proxy.index(row, 0)).width() > needed
