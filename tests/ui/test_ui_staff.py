"""Kadra: the list (current staff, former on request), adding and editing a staff member."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kisdesk.db import Database
from kisdesk.services import staff
from kisdesk.services.staff import StaffData
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.staff import StaffPage
from kisdesk.ui.pages.staff_dialog import StaffDialog
from kisdesk.ui.table_models.base import ROW_ROLE

SAVE = QDialogButtonBox.StandardButton.Save


@pytest.fixture
def page(qtbot: Any, kis: Database, today: dt.date) -> StaffPage:
    with kis.session() as s:
        staff.add_staff(
            s,
            StaffData(
                "Renata",
                "Kowalczyk",
                "kierownik klubu",
                "employment",
                "pełny etat",
                today - dt.timedelta(days=400),
            ),
        )
        staff.add_staff(
            s,
            StaffData(
                "Piotr",
                "Adamski",
                "psycholog",
                "civil_contract",
                "20 godz. miesięcznie",
                today - dt.timedelta(days=700),
                today - dt.timedelta(days=100),
            ),
        )
    Ops.inline = True
    widget = StaffPage(Ops(kis))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _names(page: StaffPage) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_list_shows_current_staff_and_former_on_request(page: StaffPage) -> None:
    assert _names(page) == ["Renata Kowalczyk"]
    row = [page.proxy.index(0, c).data() for c in range(page.proxy.columnCount())]
    assert row[1:4] == ["kierownik klubu", "umowa o pracę", "pełny etat"]
    assert row[6] == "pracuje"
    page.show_former.setChecked(True)
    assert _names(page) == ["Piotr Adamski", "Renata Kowalczyk"]  # sorted by surname
    assert page.proxy.index(0, 2).data() == "umowa cywilnoprawna"
    assert page.proxy.index(0, 6).data() == "nie pracuje"


def test_add_staff_member_through_the_dialog(
    qtbot: Any, page: StaffPage, kis: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_exec(dialog: StaffDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.first_name, "Ewa")
        qtbot.keyClicks(dialog.last_name, "Nowak")
        dialog.last_name.insert("-Zając")  # QTest cannot type Polish letters
        dialog.role.setCurrentText("")
        qtbot.keyClicks(dialog.role.lineEdit(), "doradca zawodowy")
        dialog.basis.setCurrentIndex(dialog.basis.findText("wolontariat"))
        qtbot.keyClicks(dialog.active_from.line, "01.09.2026")
        qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(StaffDialog, "exec", fake_exec)
    page.new_item()
    with kis.read() as s:
        added = [r for r in staff.list_staff(s) if r.last_name == "Nowak-Zając"]
    assert [(r.first_name, r.role, r.employment_basis, r.active_from) for r in added] == [
        ("Ewa", "doradca zawodowy", "volunteer", dt.date(2026, 9, 1))
    ]
    assert page.table.currentIndex().data() == "Ewa Nowak-Zając"


def test_missing_surname_is_shown_at_the_field(qtbot: Any, kis: Database) -> None:
    Ops.inline = True
    dialog = StaffDialog(Ops(kis))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_name, "Ewa")
    qtbot.mouseClick(dialog.buttons.button(SAVE), Qt.MouseButton.LeftButton)
    assert dialog.errors.message("last_name") == "Podaj nazwisko pracownika."
    with kis.read() as s:
        assert staff.list_staff(s) == []


def test_ending_employment_moves_to_former(
    qtbot: Any, page: StaffPage, kis: Database, monkeypatch: pytest.MonkeyPatch, today: dt.date
) -> None:
    def fake_exec(dialog: StaffDialog) -> int:
        qtbot.keyClicks(dialog.active_to.line, (today - dt.timedelta(days=1)).strftime("%d.%m.%Y"))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(StaffDialog, "exec", fake_exec)
    page.edit_item(page.proxy.index(0, 0).data(ROW_ROLE))
    assert page.show_former.isChecked()  # so the edited person stays in view
    assert page.proxy.index(1, 6).data() == "nie pracuje"


def test_staff_model_passes_the_model_tester(qtmodeltester: Any, page: StaffPage) -> None:
    page.show_former.setChecked(True)
    qtmodeltester.check(page.model)
