"""Saving a workbook from the "Arkusze Excel" tab: the export is in the audit log only once
the file is where the user chose (a file open in Excel that cannot be overwritten, then a
cancelled save dialog, leaves no entry), and the message says whom it left out because
their processing is restricted (RODO art. 18)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kisdesk.db import Database
from kisdesk.errors import KisdeskError
from kisdesk.services import audit, rodo
from kisdesk.ui import files
from kisdesk.ui.dialogs.export import PARTICIPANTS
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.documents_sheets import SheetsTab
from tests.ui.documents_seed import Desk, Office

SKIPPED = "Pominięto 1 osobę – ograniczenie przetwarzania (art. 18 RODO)."


@pytest.fixture
def tab(kis: Database, ops: Ops, office: Office, qtbot) -> SheetsTab:  # type: ignore[no-untyped-def]
    with kis.session() as s:
        rodo.restrict(s, office.ewa, "Osoba kwestionuje prawidłowość danych")
    widget = SheetsTab(ops)
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.set_kind(PARTICIPANTS)
    widget.scope_all.setChecked(True)
    return widget


def _exports(db: Database) -> list[audit.AuditRow]:
    with db.read() as s:
        return audit.list_entries(s, event_name="export")


def test_a_workbook_that_could_not_be_saved_is_not_logged(
    kis: Database, tab: SheetsTab, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def in_use(source: Path, target: Path) -> Path:
        desk.cancel_next = True  # the user gives up after the message
        raise KisdeskError("file.not_writable", path=str(target))

    monkeypatch.setattr(files, "copy_into_place", in_use)
    tab.export_button.click()
    assert len(desk.asked) == 2  # asked again after the file could not be written
    assert desk.messages  # the reason was said
    assert desk.opened == [] and not (desk.folder / "Uczestnicy.xlsx").exists()
    assert _exports(kis) == []
    assert "Zapisano" not in tab.message.text()


def test_a_cancelled_save_is_not_logged(kis: Database, tab: SheetsTab, desk: Desk) -> None:
    desk.cancel_next = True
    tab.export_button.click()
    assert desk.asked == ["Uczestnicy.xlsx"] and desk.saved == []
    assert _exports(kis) == []


def test_a_saved_workbook_is_logged_once_and_says_whom_it_left_out(
    shot, kis: Database, tab: SheetsTab, desk: Desk
) -> None:
    tab.export_button.click()
    (path,) = desk.saved
    message = tab.message.text()
    assert "Zapisano" in message and "(2 wiersze danych)" in message and SKIPPED in message
    cells = [
        str(v)
        for ws in openpyxl.load_workbook(path).worksheets
        for r in ws.iter_rows(values_only=True)
        for v in r
        if v
    ]
    assert SKIPPED in cells and not any("Wiśniewska" in c for c in cells)
    (entry,) = _exports(kis)
    assert entry.details == {"kind": "participants", "records": 2}
    shot(tab, "export_restricted_message")
