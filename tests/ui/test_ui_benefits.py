"""The "Świadczenia" page of a CIS: rows and why, a premium typed in, the list printed, the
month closed (read-only) and reopened with a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from kisdesk.db import Database
from kisdesk.services import absences, benefits, months
from kisdesk.ui.dialogs.premium_dialog import PremiumDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.benefits import BenefitsPage
from tests.ui.documents_seed import Desk
from tests.ui.shots import keep
from tests.unit.test_services_benefits import _class, _person, cis  # noqa: F401

D = dt.date


@pytest.fixture
def ops(db: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(db)


@pytest.fixture
def june(cis: Database) -> tuple[int, int]:  # noqa: F811
    with cis.session() as s:
        ewa = _person(s, 1, D(2026, 1, 5))
        jan = _person(s, 2, D(2026, 1, 5))
        for day in (2, 3):
            _class(s, D(2026, 6, day), absent=[jan])
        absences.add_absence(s, ewa, "sick", D(2026, 6, 15), D(2026, 6, 19), "ZLA 1")
    return ewa, jan


def _page(ops: Ops, qtbot) -> BenefitsPage:  # type: ignore[no-untyped-def]
    page = BenefitsPage(ops)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.picker.set_month(2026, 6)
    return page


def test_rows_why_and_a_premium(
    cis: Database,  # noqa: F811
    ops: Ops,
    june: tuple[int, int],
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ops, qtbot)
    shown = {
        page.model.index(r, 0).data(): page.model.index(r, 8).data()
        for r in range(page.model.rowCount())
    }
    assert shown == {"Testowa Osoba1": "1\u00a0873,10", "Testowa Osoba2": "1\u00a0926,61"}
    page.table.selectRow(1)
    assert "2 dni nieusprawiedliwione (02.06, 03.06) × 1/20" in page.detail.toPlainText()
    assert "Stawka 2\u00a0140,68 zł" in page.totals.text()
    assert "21 – Art. 15 ust. 7a" in page.detail.toPlainText()
    page.grab().save(str(tmp_path / "benefits.png"))
    keep(page, "cis", "benefits_page")

    row = page.model.rows()[1]
    dialog = PremiumDialog(
        ops, row.participant_id, row.name, 2026, 6, Decimal("0"), "", Decimal("2140.68"), page
    )
    qtbot.addWidget(dialog)
    dialog.amount.setText("2500,00")
    dialog.reason.setText("Aktywna postawa")
    dialog.save()
    assert "przekracza 100%" in dialog.message.text()
    dialog.amount.setText("250,00")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert "250,00" in page.totals.text()


def test_closing_makes_the_month_read_only(
    cis: Database,  # noqa: F811
    ops: Ops,
    june: tuple[int, int],
    qtbot,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    page = _page(ops, qtbot)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.close_button.click()
    with cis.read() as s:
        assert months.month_status(s, 2026, 6).closed
    assert not page.premium_button.isEnabled() and not page.close_button.isEnabled()
    assert page.reopen_button.isEnabled() and "zamknięty" in page.status.text()
    page.list_button.click()  # printing a closed month is allowed
    assert "LISTA WYPŁAT" in desk.last_pdf_text()
    page.reopen_month("Korekta L4")
    assert page.premium_button.isEnabled() and "Korekta L4" in page.status.text()
    with cis.read() as s:
        assert benefits.benefit_list(s, 2026, 6).totals["amount"] == Decimal("3799.71")


def test_the_journal_of_a_closed_month_is_read_only(
    cis: Database,  # noqa: F811
    ops: Ops,
    june: tuple[int, int],
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    from kisdesk.ui.pages.journal import JournalPage

    with cis.session() as s:
        months.close_month(s, 2026, 6)
    page = JournalPage(ops)
    qtbot.addWidget(page)
    page.show()
    page.month.set_month(2026, 6)
    page.table.selectRow(0)
    assert page.model.rowCount() == 2
    assert not page.edit_button.isEnabled() and not page.delete_button.isEnabled()
    assert "miesiąc zamknięty" in page.summary.text()


def test_a_kis_closes_and_reopens_its_month_on_the_journal_page(
    kis: Database, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from kisdesk.ui.pages.journal import JournalPage

    monkeypatch.setattr(Ops, "inline", True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = JournalPage(Ops(kis))
    qtbot.addWidget(page)
    page.show()
    page.month.set_month(2026, 10)
    assert page.closing.close_button.isEnabled() and not page.closing.reopen_button.isEnabled()
    page.closing.close_button.click()
    with kis.read() as s:
        assert months.month_status(s, 2026, 10).closed
    assert page.closing.reopen_button.isEnabled() and "zamknięty" in page.summary.text()
    page.closing.reopen_month("Korekta listy dla OPS")
    with kis.read() as s:
        status = months.month_status(s, 2026, 10)
    assert not status.closed and status.reopen_reason == "Korekta listy dla OPS"
    assert page.closing.close_button.isEnabled()


def test_rates_programme_and_meals_from_the_page(
    cis: Database,  # noqa: F811
    ops: Ops,
    june: tuple[int, int],
    qtbot,
    desk: Desk,
) -> None:  # type: ignore[no-untyped-def]
    from kisdesk.ui.dialogs.rates_dialog import RatesDialog

    page = _page(ops, qtbot)
    dialog = RatesDialog(ops, page)
    qtbot.addWidget(dialog)
    dialog.start.setDate(D(2027, 6, 1))
    qtbot.keyClicks(dialog.amount, "2 200,00")
    assert dialog.add()
    assert "od 01.06.2027: 2\u00a0200,00 zł" in dialog.list.item(dialog.list.count() - 1).text()
    dialog.start.setDate(D(2027, 6, 15))
    assert not dialog.add() and "pierwszego dnia miesiąca" in dialog.message.text()
    page.programme_button.click()
    assert "PROGRAM ZAJĘĆ" in desk.last_pdf_text()
    page.meals_button.click()
    assert "LISTA POSIŁKÓW" in desk.last_pdf_text()


def test_without_health_access_the_sick_leave_columns_are_hidden(
    cis: Database,  # noqa: F811
    ops: Ops,
    june: tuple[int, int],
    qtbot,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    # administracja (RODO art. 9): the same amounts, no L4 columns, a neutral line in "why"
    from kisdesk.access import Actor, Role
    from kisdesk.ui.table_models.benefits import BenefitModel

    ewa, _jan = june
    leader_page = _page(ops, qtbot)
    amounts = {leader_page.model.index(r, 8).data() for r in range(leader_page.model.rowCount())}
    assert not any(leader_page.table.isColumnHidden(c) for c in BenefitModel.SICK_COLUMNS)
    ops.db.actor = Actor("Ola", Role.ADMIN, user_id=4)
    page = _page(ops, qtbot)
    assert all(page.table.isColumnHidden(c) for c in BenefitModel.SICK_COLUMNS)
    assert {page.model.index(r, 8).data() for r in range(page.model.rowCount())} == amounts
    row = next(i for i, r in enumerate(page.model.rows()) if r.participant_id == ewa)
    page.table.selectRow(row)
    text = page.detail.toPlainText()
    assert "inne nieobecności usprawiedliwione" in text and "L4" not in text.split("Reguły")[0]
    page.grab().save(str(tmp_path / "benefits-administracja.png"))
