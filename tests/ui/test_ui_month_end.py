"""Koniec miesiąca…: from the menu key, Enter, Enter, the month's papers of a group are in
the documents folder and offered for printing; from the dashboard for the office."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinterInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from test_documents_fixtures import NAME_LAST, seed  # noqa: E402

from kisdesk.db import Database  # noqa: E402
from kisdesk.services.month_end import default_month  # noqa: E402
from kisdesk.ui.dialogs.month_end import MonthEndDialog, MonthEndDone  # noqa: E402
from kisdesk.ui.ops import Ops  # noqa: E402
from tests.ui.documents_seed import Desk, pdf_text  # noqa: E402
from tests.ui.test_ui_printing import answer_print_dialog, fake_lp, lp_calls  # noqa: E402

SHOTS = Path(os.environ["KISDESK_SHOTS"]) if os.environ.get("KISDESK_SHOTS") else None


@pytest.fixture
def seeded(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[Ops, Any]:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(db), seed(db)


def _folder(year: int, month: int) -> Path:
    return (
        Path(os.environ["KISDESK_DATA_DIR"])
        / "Dokumenty"
        / "Klub_Integracji_Społecznej_w_Zawoni"
        / f"{year:04d}-{month:02d}"
    )


def _shot(widget: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


def _only(root: Any, kind: type) -> Any:
    found = [w for w in root.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_ctrl_k_enter_enter_makes_and_prints_the_groups_papers(
    qtbot: Any,
    seeded: tuple[Ops, Any],
    desk: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kisdesk.ui.main_window import MainWindow

    ops, sd = seeded
    # one printer in the system; a recording `lp` stands in for CUPS
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Biuro"]))
    monkeypatch.setattr(QPrinterInfo, "defaultPrinterName", staticmethod(lambda: "Biuro"))
    log = fake_lp(tmp_path, monkeypatch)
    window = MainWindow(ops)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # a window's shortcuts work in the active window
    window.navigate("journal")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = _only(window, MonthEndDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    # the month just ended is offered; go to March 2027 with PgUp / PgDn
    offered = ops.read(lambda s: default_month(s))
    assert (dialog.month.year, dialog.month.month) == offered
    assert dialog.group.currentText() == "Grupa poniedziałkowa"  # the office's one group
    assert all(check.isChecked() for check in dialog.kinds.values())
    steps = (2027 * 12 + 3) - (offered[0] * 12 + offered[1])
    key = Qt.Key.Key_PageDown if steps > 0 else Qt.Key.Key_PageUp
    for _ in range(abs(steps)):
        qtbot.keyClick(dialog.start, key)
    assert (dialog.month.year, dialog.month.month) == (2027, 3)
    _shot(dialog, "month_end_dialog.png")
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)

    done = _only(window, MonthEndDone)
    _shot(done, "month_end_done.png")
    folder = _folder(2027, 3)
    made = sorted(p.name for p in folder.iterdir())
    assert made == [
        "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf",
        "Godziny_2027-03_Grupa_poniedziałkowa.pdf",
        "Listy_obecnosci_2027-04_Grupa_poniedziałkowa.pdf",
        "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf",
    ]
    assert "Utworzono dokumentów: 4" in done.summary.text()
    assert "Zestawienie godzin – Grupa poniedziałkowa" in done.summary.text()
    hours = pdf_text(folder / "Godziny_2027-03_Grupa_poniedziałkowa.pdf")
    # surname first; March 2027 is still ahead of the test's today, so both are "in progress"
    assert "Nowak Anna" in hours and f"{NAME_LAST} Grzegorz" in hours
    assert "w toku: 2 os." in hours
    # Enter: "Drukuj wszystko", the default; Enter again in the printer dialog
    assert done.print_button.isDefault()
    answer_print_dialog(None, {})
    qtbot.keyClick(done.print_button, Qt.Key.Key_Return)
    assert done.printed and not done.isVisible()
    printed = [Path(call[-1]).name for call in lp_calls(log)]
    assert printed == [
        "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf",
        "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf",
        "Godziny_2027-03_Grupa_poniedziałkowa.pdf",
        "Listy_obecnosci_2027-04_Grupa_poniedziałkowa.pdf",
    ]
    assert all(call[:4] == ["-d", "Biuro", "-n", "1"] for call in lp_calls(log))


def test_dashboard_month_end_for_the_office_with_a_document_left_out(
    qtbot: Any, seeded: tuple[Ops, Any], desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kisdesk.ui.pages.dashboard import DashboardPage

    ops, _ = seeded
    page = DashboardPage(ops)
    page.today = lambda: dt.date(2027, 4, 2)  # type: ignore[method-assign]
    qtbot.addWidget(page)
    page.show()
    page.month_end_button.click()
    dialog = _only(page, MonthEndDialog)
    assert (dialog.month.year, dialog.month.month) == (2027, 3)  # the month just ended
    dialog.group.setCurrentIndex(0)
    assert dialog.group.currentText() == "wszystkie grupy"
    dialog.kinds["next_lists"].click()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    done = _only(page, MonthEndDone)
    assert sorted(p.name for p in _folder(2027, 3).iterdir()) == [
        "Dziennik_zajec_2027-03_Grupa_poniedziałkowa.pdf",
        "Godziny_2027-03.pdf",
        "Obecnosci_2027-03_Grupa_poniedziałkowa.pdf",
    ]
    # no printer installed: said, and the choices stay open
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    done.print_button.click()
    assert done.isVisible() and not done.printed
    assert "nie ma zainstalowanej drukarki" in desk.messages[-1]
    done.folder_button.click()
    assert desk.opened == [_folder(2027, 3)]


def test_nothing_ticked_is_said_and_nothing_made(
    qtbot: Any, seeded: tuple[Ops, Any], desk: Desk
) -> None:
    from kisdesk.ui.pages.journal import JournalPage

    ops, _ = seeded
    page = JournalPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.month_end_button.click()
    dialog = _only(page, MonthEndDialog)
    for check in dialog.kinds.values():
        check.click()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == "Zaznacz co najmniej jeden dokument."
    assert not (Path(os.environ["KISDESK_DATA_DIR"]) / "Dokumenty").exists()
    dialog.reject()


def test_a_group_with_nothing_in_the_month_says_so_and_makes_no_folder(
    qtbot: Any, seeded: tuple[Ops, Any], desk: Desk
) -> None:
    from kisdesk.services.groups import add_group
    from kisdesk.ui.pages.dashboard import DashboardPage

    ops, _ = seeded
    with ops.db.session() as s:
        add_group(s, "Grupa środowa")  # nobody, no classes
    page = DashboardPage(ops)
    page.today = lambda: dt.date(2027, 4, 2)  # type: ignore[method-assign]
    qtbot.addWidget(page)
    page.show()
    page.month_end_button.click()
    dialog = _only(page, MonthEndDialog)
    dialog.group.setCurrentIndex(dialog.group.findText("Grupa środowa"))
    qtbot.keyClick(dialog.start, Qt.Key.Key_Return)
    done = _only(page, MonthEndDone)
    _shot(done, "month_end_nothing.png")
    text = done.summary.text()
    assert text.startswith("Nie ma czego drukować – nie utworzono żadnego dokumentu.")
    # not a report of nobody: the hours report is skipped with the reason
    assert "Pominięto: Zestawienie godzin – Grupa środowa – brak uczestników" in text
    assert not done.print_button.isEnabled() and not done.folder_button.isEnabled()
    assert not _folder(2027, 3).exists()
