"""Printouts from the "Druki" tab and the helpers the journal and attendance pages call."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QWidget

from kisdesk.db import Database
from kisdesk.services import documents
from kisdesk.services.activities import get_activity
from kisdesk.ui import files
from kisdesk.ui.dialogs import print as printing
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.documents_forms import FormsTab
from tests.ui.documents_seed import TODAY, Desk, Office, pdf_text
from tests.ui.printing_seed import answer_print_dialog, fake_lp, lp_calls


@pytest.fixture
def host(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def forms(ops: Ops, office: Office, qtbot) -> FormsTab:  # type: ignore[no-untyped-def]
    widget = FormsTab(ops, lambda *a, **k: None)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _class_month(ops: Ops, office: Office) -> tuple[int, int]:
    day = ops.read(lambda s: get_activity(s, office.activity_id)).date
    return day.year, day.month


def test_journal_page_helpers_print_the_list_and_the_journal(
    ops: Ops, office: Office, desk: Desk, host: QWidget
) -> None:
    printing.print_attendance_list(host, ops, office.activity_id)
    text = desk.last_pdf_text()
    assert "LISTA OBECNOŚCI" in text
    for name in ("Kowalski Jan", "Żółtowska-Nowak Zofia", "Wiśniewska Ewa"):
        assert name in text
    assert (
        desk.asked[-1].startswith("Lista_obecnosci_") and "Grupa_poniedziałkowa" in desk.asked[-1]
    )

    year, month = _class_month(ops, office)
    printing.print_journal(host, ops, office.group_id, year, month)
    assert "Trening asertywności" in desk.last_pdf_text()
    assert desk.asked[-1] == f"Dziennik_zajec_{year:04d}-{month:02d}_Grupa_poniedziałkowa.pdf"


def test_attendance_page_helper_prints_the_monthly_sheet(
    ops: Ops, office: Office, desk: Desk, host: QWidget
) -> None:
    year, month = _class_month(ops, office)
    printing.print_attendance_sheet(host, ops, office.group_id, year, month)
    text = desk.last_pdf_text()
    assert "Kowalski" in text and "Wiśniewska" in text


def test_a_group_must_be_chosen(ops: Ops, office: Office, desk: Desk, host: QWidget) -> None:
    from kisdesk.services import groups

    with ops.db.session() as s:  # with one group the journal is printed for it at once
        groups.add_group(s, "Grupa czwartkowa")
    printing.print_journal(host, ops, "all", 2027, 3)  # type: ignore[arg-type]
    assert desk.asked == [] and "Wybierz grupę" in desk.messages[-1]


def test_a_month_without_classes_is_said_plainly(
    ops: Ops, office: Office, desk: Desk, host: QWidget
) -> None:
    printing.print_month_lists(host, ops, office.group_id, 2001, 1)
    assert desk.asked == [] and "nie ma zajęć" in desk.messages[-1]


def test_annual_report_is_printed_and_kept_in_the_register(
    kis: Database, forms: FormsTab, desk: Desk
) -> None:
    assert forms.select("annual-report")
    panel = forms.current_panel()
    panel.year.setValue(TODAY.year - 1)  # type: ignore[union-attr]
    forms.create_button.click()
    assert desk.asked == [f"Sprawozdanie_KIS_{TODAY.year - 1}.pdf"]
    assert "SPRAWOZDANIE" in desk.last_pdf_text().upper()
    with kis.read() as s:
        register = documents.list_documents(s)
    assert [(r.kind, r.number) for r in register] == [("annual_report", f"SPR 1/{TODAY.year}")]


def test_register_form_and_closing_notice(forms: FormsTab, desk: Desk) -> None:
    forms.select("register")
    forms.create_button.click()
    assert "ZGŁOSZENIE DO REJESTRU" in desk.last_pdf_text()
    forms.select("closing")
    forms.create_button.click()
    assert "zaprzestanie" in desk.last_pdf_text()


def test_druki_lists_and_card(ops: Ops, office: Office, forms: FormsTab, desk: Desk) -> None:
    year, month = _class_month(ops, office)
    forms.select("attendance-list")
    panel = forms.current_panel()
    panel.month.set_month(year, month)  # type: ignore[union-attr]
    assert panel.activity.currentData() == office.activity_id  # type: ignore[union-attr]
    forms.create_button.click()
    assert "Trening asertywności" in desk.last_pdf_text()

    forms.select("month-lists")
    panel = forms.current_panel()
    panel.month.set_month(year, month)  # type: ignore[union-attr]
    forms.create_button.click()
    assert desk.asked[-1] == f"Listy_obecnosci_{year:04d}-{month:02d}_Grupa_poniedziałkowa.pdf"

    forms.select("counselling-card")
    card = forms.current_panel()
    card.select_person(office.jan)  # type: ignore[union-attr]
    forms.create_button.click()
    assert "KARTA DORADZTWA" in desk.last_pdf_text()
    assert desk.asked[-1] == "Karta_doradztwa_Kowalski_Jan.pdf"


def test_annual_report_defaults_to_a_year_the_office_existed(
    kis: Database, ops: Ops, office: Office, qtbot
) -> None:  # type: ignore[no-untyped-def]
    import dataclasses
    import datetime as dt

    from kisdesk.services import dashboard
    from kisdesk.services import office as office_service

    today = dt.date.today()
    opened = dt.date(today.year, 1, 1)
    with kis.session() as s:
        data = office_service.get_office(s)
        office_service.update_office(
            s, dataclasses.replace(data, created_on=opened, activity_started_on=opened)
        )
    widget = FormsTab(ops, lambda *a, **k: None)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.select("annual-report")
    panel = widget.current_panel()
    # Opened this January: last year's report does not exist, so it is neither offered nor overdue.
    assert panel.year.value() == today.year  # type: ignore[union-attr]
    panel.year.setValue(today.year - 1)  # type: ignore[union-attr]
    assert panel.year.value() == today.year  # type: ignore[union-attr]
    assert "minął" not in panel.deadline.text()  # type: ignore[union-attr]
    with kis.read() as s:
        items = dashboard.deadlines(s, dt.date(today.year, 2, 10))
    assert [i.code for i in items] == []


def test_drukuj_sends_the_journal_kept_in_the_documents_folder_to_the_printer(
    ops: Ops, office: Office, desk: Desk, host: QWidget, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    log = fake_lp(tmp_path, monkeypatch)
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: ["Biuro"]))
    monkeypatch.setattr(QPrinterInfo, "defaultPrinterName", staticmethod(lambda: "Biuro"))
    desk.choice = "print"
    answer_print_dialog(None, {})
    year, month = _class_month(ops, office)

    printing.print_journal(host, ops, office.group_id, year, month)

    (kept,) = desk.kept
    name = f"Dziennik_zajec_{year:04d}-{month:02d}_Grupa_poniedziałkowa.pdf"
    assert kept == files.kept_folder("Klub Integracji Społecznej w Zawoni") / name
    assert lp_calls(log) == [["-d", "Biuro", "-n", "1", str(kept)]]
    assert "Trening asertywności" in pdf_text(kept)
    assert desk.saved == [] and desk.opened == []  # printed, not saved nor opened
