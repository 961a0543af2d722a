"""The kontrakt socjalny / IPZS of a period on the participant card, and the path on the
dashboard, driven as a user would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.services import contracts, groups, participants, participations, reviews, settings
from kisdesk.services.participants import ParticipantData
from kisdesk.ui.dialogs.contract_dialog import ContractDialog
from kisdesk.ui.dialogs.participant_form import ParticipantDialog
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.dashboard import DashboardPage
from tests.pesel import make_pesel
from tests.ui.keyboard import active, type_text
from tests.ui.shots import shots_dir

SHOTS = shots_dir("pathgui")
TODAY = dt.date.today()


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    return Ops(kis)


def add_person(db: Database, start: dt.date) -> tuple[int, int]:
    with db.session() as s:
        pid = participants.add_participant(
            s,
            ParticipantData(
                first_name="Zdzisław",
                last_name="Łęcki",
                pesel=make_pesel(dt.date(1971, 3, 14), 101, "M"),
            ),
        )
        gid = groups.list_groups(s)[0].id
        period = participations.enroll(s, pid, start, group_id=gid)
    return pid, period


def save_shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_contract_goal_and_review_recorded_from_the_card(kis, ops, qtbot, desk):
    pid, period = add_person(kis, TODAY - dt.timedelta(days=100))
    form = ParticipantDialog(ops, pid)
    qtbot.addWidget(form)
    tab = form.periods
    headers = [
        tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())
    ]
    column = headers.index("Kontrakt socjalny")
    assert tab.model.index(0, column).data() == "brak – wymagany"  # art. 18 ust. 4
    # art. 2 pkt 1b: which graduate conditions the period lacks today, each named
    graduate = headers.index("Absolwent")
    assert tab.model.index(0, graduate).data() == "brak: 6 mies., zaświadczenie, kontrakt"
    tip = tab.model.index(0, graduate).data(Qt.ItemDataRole.ToolTipRole)
    assert "zaświadczenie o zakończeniu: brak" in tip and "art. 2 pkt 1b" in tip
    tab.open_contract()
    dialog = tab.dialog
    assert isinstance(dialog, ContractDialog)
    assert "Brak zapisanego kontraktu" in dialog.status_line.text()
    assert not dialog.goals.goal_button.isEnabled()  # no goals before the contract exists
    dialog.save_contract()  # nothing typed: refused with the reason, nothing written
    assert "numer kontraktu" in dialog.message.text()
    with kis.read() as s:
        assert contracts.contract_of(s, period) is None
    qtbot.keyClicks(dialog.contract.number, "KS/7/2026")
    dialog.contract.signed_on.set_date(TODAY - dt.timedelta(days=105))
    qtbot.keyClicks(dialog.contract.institution, "GOPS w Zawoni")
    active(qtbot, dialog)
    qtbot.keyClick(dialog.contract.institution, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "Zapisano kontrakt." and dialog.isVisible()
    dialog.tabs.setCurrentIndex(1)  # Cele i aneksy
    qtbot.mouseClick(dialog.goals.goal_button, Qt.MouseButton.LeftButton)
    goal_form = active(qtbot, dialog.goals.form_dialog)
    qtbot.keyClick(goal_form.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert goal_form.isVisible() and "cel" in goal_form.errors.message("text")  # nothing typed
    type_text(qtbot, goal_form.text, "Ukończenie kursu kucharza")
    goal_form.area.set_code("vocational")
    type_text(qtbot, goal_form.actions, "Zapisy na kurs w CKZiU, 3 konsultacje z doradcą")
    type_text(qtbot, goal_form.responsible, "uczestnik, doradca zawodowy")
    qtbot.keyClick(goal_form.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not goal_form.isVisible()
    assert dialog.goals.goal_model.rowCount() == 1
    assert (
        dialog.goals.goal_model.rows()[0].actions
        == "Zapisy na kurs w CKZiU, 3 konsultacje z doradcą"
    )
    # an aneks: the change agreed, with its date
    qtbot.mouseClick(dialog.goals.annex_button, Qt.MouseButton.LeftButton)
    annex_form = active(qtbot, dialog.goals.form_dialog)
    annex_form.signed_on.set_date(TODAY - dt.timedelta(days=20))
    type_text(qtbot, annex_form.change, "Termin kursu przesunięty na maj")
    qtbot.keyClick(annex_form.change, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not annex_form.isVisible()
    assert dialog.goals.annex_model.index(0, 1).data() == "Termin kursu przesunięty na maj"
    goal_id = dialog.goals.goal_model.rows()[0].id
    dialog.tabs.setCurrentIndex(2)  # Przeglądy
    qtbot.mouseClick(dialog.review_box.review_button, Qt.MouseButton.LeftButton)
    form_review = active(qtbot, dialog.review_box.review_dialog)
    form_review.held_on.set_date(TODAY - dt.timedelta(days=10))
    form_review.progress[goal_id].set_code("achieved")
    type_text(qtbot, form_review.note, "Kurs ukończony z wynikiem dobrym")
    qtbot.keyClick(form_review.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not form_review.isVisible()
    assert "Zapisano przegląd" in dialog.message.text()
    assert dialog.goals.goal_model.index(0, 2).data() == "osiągnięty"
    dialog.tabs.setCurrentIndex(1)
    save_shot(dialog, "contract_goals.png")
    dialog.tabs.setCurrentIndex(0)
    save_shot(dialog, "contract_dialog.png")
    with kis.read() as s:
        view = contracts.contract_of(s, period)
        held = reviews.reviews_of(s, period)
    assert view is not None and view.number == "KS/7/2026"
    assert view.institution == "GOPS w Zawoni" and view.status == "in_progress"
    assert [g.status for g in view.goals] == ["achieved"]
    assert [(r.held_on, r.progress) for r in held] == [
        (TODAY - dt.timedelta(days=10), ((goal_id, "achieved"),))
    ]
    # the karta usług doradczych printed from these records
    dialog.card_button.click()
    qtbot.waitUntil(lambda: bool(desk.opened), timeout=20000)
    text = desk.last_pdf_text()
    assert "KARTA USŁUG DORADCZYCH" in text and "KS/7/2026" in text
    assert "Ukończenie kursu kucharza" in text and "Kurs ukończony z wynikiem dobrym" in text
    dialog.reject()
    assert tab.model.index(0, column).data() == "KS/7/2026 (w realizacji)"


def test_dashboard_lists_a_period_without_contract_and_an_overdue_review(kis, ops, qtbot):
    pid, period = add_person(kis, TODAY - dt.timedelta(days=200))
    page = DashboardPage(ops, lambda *a, **k: None)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.refresh()
    texts = [page.path.model.index(r, 1).data() for r in range(page.path.model.rowCount())]
    assert any("brak kontraktu socjalnego" in t for t in texts)
    with kis.session() as s:
        contracts.set_contract(
            s, period, contracts.ContractData("KS/8/2026", TODAY - dt.timedelta(days=205))
        )
    page.refresh()
    texts = [page.path.model.index(r, 1).data() for r in range(page.path.model.rowCount())]
    # reviews every 3 months (plan_review_months): the one at 6 months is overdue
    assert any("zaległy" in t for t in texts) and not any("brak kontraktu" in t for t in texts)
    # a click on it opens the period's contract on its reviews sheet
    from kisdesk.ui.pages.participants import ParticipantsPage

    people = ParticipantsPage(ops)
    qtbot.addWidget(people)
    page.navigate = lambda name, **kw: people.open(**kw) if name == "participants" else None
    row = next(r for r, t in enumerate(texts) if "zaległy" in t)
    table = page.path.table
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(table.model().index(row, 1)).center(),
    )
    card = people.dialog
    assert card is not None and card.periods is not None
    contract_dialog = card.periods.dialog
    assert isinstance(contract_dialog, ContractDialog)
    assert contract_dialog.tabs.currentWidget() is contract_dialog.review_box
    assert contract_dialog.tabs.tabText(2) == "Przeglądy – zaległy!"
    contract_dialog.reject()
    page.show()
    save_shot(page, "dashboard_path.png")


def test_cis_head_qualifies_after_the_trial_and_the_notice_is_printed(db, qtbot, desk, monkeypatch):
    from kisdesk.services import office

    monkeypatch.setattr(Ops, "inline", True)
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
                head_name="Renata Kowalczyk",
            ),
        )
        groups.add_group(s, "Warsztat gospodarczy")
    start = TODAY - dt.timedelta(days=60)
    pid, period = add_person(db, start)
    with db.session() as s:
        contracts.set_contract(s, period, contracts.ContractData("IPZS/3/2026", start))
    form = ParticipantDialog(Ops(db), pid)
    qtbot.addWidget(form)
    form.periods.open_contract()
    dialog = form.periods.dialog
    assert isinstance(dialog, ContractDialog) and dialog.tabs.indexOf(dialog.decisions) == 3
    dialog.tabs.setCurrentIndex(3)
    dialog.decisions.trial_on.set_date(start + dt.timedelta(days=3))  # still in the trial month
    dialog.decisions.trial_button.click()
    assert "po okresie próbnym" in dialog.message.text() and not desk.opened
    dialog.decisions.trial_on.set_date(TODAY)
    dialog.decisions.trial_button.click()
    qtbot.waitUntil(lambda: bool(desk.opened), timeout=20000)
    assert "art. 15 ust. 2" in desk.last_pdf_text() and "IPZS/3/2026" in desk.last_pdf_text()
    with db.read() as s:
        view = contracts.contract_of(s, period)
    assert view is not None and (view.trial_decision, view.trial_decision_on) == (
        "qualified",
        TODAY,
    )
    assert dialog.decisions.decided.text() == (
        f"Po okresie próbnym: zakwalifikowany(-a) po okresie próbnym ({TODAY:%d.%m.%Y})."
    )
    save_shot(dialog, "contract_dialog_cis.png")


def test_reviews_listed_with_the_overdue_one_marked_and_a_review_corrected(kis, ops, qtbot):
    from kisdesk.ui.dialogs.review_dialog import ReviewDialog

    start = TODAY - dt.timedelta(days=200)
    pid, period = add_person(kis, start)
    with kis.session() as s:
        contracts.set_contract(s, period, contracts.ContractData("KS/9/2026", start))
        goal = contracts.add_goal(s, period, "Terapia uzależnień", "social", None).id
        other = contracts.add_goal(s, period, "Kurs kucharza", "vocational", None).id
        first = reviews.add_review(
            s, period, start + dt.timedelta(days=80), {goal: "in_progress"}, "Terapia trwa"
        ).id
    form = ParticipantDialog(ops, pid)
    qtbot.addWidget(form)
    form.periods.open_contract()
    dialog = form.periods.dialog
    assert isinstance(dialog, ContractDialog)
    assert dialog.tabs.tabText(2) == "Przeglądy – zaległy!"
    dialog.tabs.setCurrentIndex(2)
    model = dialog.review_box.review_model
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    # the review held near 3 months; the one at 6 months is overdue (plan_review_months 3)
    assert rows[0][1] == "odbyty"
    assert any(state.startswith("ZALEGŁY") for _, state in rows)
    assert "Zaległy przegląd" in dialog.status_line.text()
    assert model.index(0, 2).data() == f"cel {goal}: w toku"
    assert model.index(0, 4).data() == "Terapia trwa"
    # Popraw… needs a held review selected: the overdue line is only a date
    overdue_row = next(r for r, (_, st) in enumerate(rows) if st.startswith("ZALEGŁY"))
    dialog.review_box.review_table.selectRow(overdue_row)
    assert not dialog.review_box.correct_button.isEnabled()
    dialog.review_box.review_table.selectRow(0)
    assert dialog.review_box.correct_button.isEnabled()
    qtbot.mouseClick(dialog.review_box.correct_button, Qt.MouseButton.LeftButton)
    fix = active(qtbot, dialog.review_box.review_dialog)
    assert isinstance(fix, ReviewDialog) and fix.windowTitle().startswith("Popraw przegląd")
    assert fix.progress[goal].code() == "in_progress" and fix.progress[other].code() == ""
    save_shot(fix, "review_correct.png")
    # a date before the period started: refused at the field, nothing written
    fix.held_on.set_date(start - dt.timedelta(days=3))
    qtbot.keyClick(fix.note, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert fix.isVisible() and "przed początkiem" in fix.errors.message("held_on")
    with kis.read() as s:
        assert reviews.reviews_of(s, period)[0].held_on == start + dt.timedelta(days=80)
    fixed_on = start + dt.timedelta(days=90)
    fix.held_on.set_date(fixed_on)
    fix.progress[goal].set_code("achieved")
    fix.progress[other].set_code("in_progress")
    fix.note.clear()
    type_text(qtbot, fix.note, "Terapia ukończona, kurs rozpoczęty")
    qtbot.keyClick(fix.note, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not fix.isVisible()
    assert dialog.message.text().startswith("Poprawiono przegląd")
    with kis.read() as s:
        (held,) = reviews.reviews_of(s, period)
        view = contracts.contract_of(s, period)
    assert held.id == first and held.held_on == fixed_on
    assert held.note == "Terapia ukończona, kurs rozpoczęty"
    assert dict(held.progress) == {goal: "achieved", other: "in_progress"}
    assert view is not None and [g.status for g in view.goals] == ["achieved", "in_progress"]
    assert model.index(0, 2).data() == f"cel {goal}: osiągnięty; cel {other}: w toku"
    # Esc on a new review closes it and writes nothing
    qtbot.mouseClick(dialog.review_box.review_button, Qt.MouseButton.LeftButton)
    new = active(qtbot, dialog.review_box.review_dialog)
    assert new is not fix
    qtbot.keyClick(new.note, Qt.Key.Key_Escape)
    assert not new.isVisible()
    with kis.read() as s:
        assert len(reviews.reviews_of(s, period)) == 1
    save_shot(dialog, "contract_reviews.png")


def test_the_status_line_names_the_months_the_office_requires(kis, ops, qtbot):
    # the office set 4 months (Ustawienia); the window said "6 miesięcy" whatever was set
    with kis.session() as s:
        settings.set_setting(s, "graduate_months", "4")
    pid, _period = add_person(kis, TODAY - dt.timedelta(days=30))
    form = ParticipantDialog(ops, pid)
    qtbot.addWidget(form)
    form.periods.open_contract()
    dialog = form.periods.dialog
    assert isinstance(dialog, ContractDialog)
    text = dialog.status_line.text()
    assert "brakuje – 4 miesiące uczestnictwa" in text and "6 miesięcy" not in text
