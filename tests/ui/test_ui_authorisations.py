"""The register of authorisations to process personal data on the users page (art. 8b ust. 4,
art. 18f), driven as the leader would: who has none, adding one, the undertaking signed later,
printing it for signature, withdrawing it; and the dashboard's warning leading there."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.services import authorisations, staff, users
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.dashboard import DashboardPage
from kisdesk.ui.pages.users import UsersPage
from kisdesk.ui.pages.users_authorisations import AuthorisationDateDialog, AuthorisationDialog
from tests.ui.keyboard import active, type_text
from tests.ui.shots import shots_dir

LEADER_PW = "zielona herbata o poranku"
SHOTS = shots_dir("pathgui")
TODAY = dt.date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def ops(kis: Database, monkeypatch: pytest.MonkeyPatch) -> Ops:
    monkeypatch.setattr(Ops, "inline", True)
    with kis.session() as s:
        users.create_first_leader(s, "renata", "Renata Kowalczyk", LEADER_PW)
    with kis.read() as s:
        kis.actor = users.login(s, "renata", LEADER_PW)
    with kis.session() as s:
        staff.add_staff(s, staff.StaffData("Ewa", "Lis", role="psycholog"))
    return Ops(kis)


def column(section, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    model = section.model
    c = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    return [model.index(r, c.index(name)).data() for r in range(model.rowCount())]


def test_leader_adds_prints_and_withdraws_an_authorisation(ops, qtbot, desk, qtmodeltester):
    page = UsersPage(ops)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    section = page.authorisations
    qtmodeltester.check(section.model)
    warning = section.warning.text()
    assert "Renata Kowalczyk (konto)" in warning and "Ewa Lis (kadra)" in warning
    assert not section.print_button.isEnabled() and not section.withdraw_button.isEnabled()

    # for the staff member, the undertaking left to be signed later
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    form = active(qtbot, section.dialog)
    assert isinstance(form, AuthorisationDialog)
    labels = [form.person.itemText(i) for i in range(form.person.count())]
    assert all("brak upoważnienia" in label for label in labels[:2])  # those lacking first
    form.person.setCurrentIndex(labels.index("kadra: Ewa Lis – brak upoważnienia"))
    assert not form.name.isEnabled()
    form.undertaking_on.set_date(None)
    qtbot.keyClick(form.scope, Qt.Key.Key_Return, CTRL)
    assert not form.isVisible()
    assert column(section, "Osoba") == ["Ewa Lis"]
    assert column(section, "Stan") == ["nieważne – brak zobowiązania do tajemnicy"]
    assert "Ewa Lis (kadra)" in section.warning.text()  # no undertaking: still not valid

    # the undertaking signed: from that day she may process the data
    section.table.selectRow(0)
    assert section.undertaking_button.isEnabled()
    qtbot.mouseClick(section.undertaking_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(active(qtbot, section.dialog).on, Qt.Key.Key_S, CTRL)
    assert column(section, "Stan") == ["ważne"]
    assert "Ewa Lis" not in section.warning.text()
    assert not section.undertaking_button.isEnabled()

    # another person by name: the name is required, nothing written without it
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    form = active(qtbot, section.dialog)
    form.person.setCurrentIndex(form.person.count() - 1)  # inna osoba
    qtbot.keyClick(form.scope, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and "imię i nazwisko" in form.errors.message("name")
    with ops.db.read() as s:
        assert len(authorisations.list_authorisations(s, TODAY)) == 1
    type_text(qtbot, form.name, "Bożena Żak")
    type_text(qtbot, form.scope, "dokumenty uczestników w zakresie księgowości")
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.grab().save(str(SHOTS / "authorisation_dialog.png"))
    qtbot.keyClick(form.scope, Qt.Key.Key_S, CTRL)
    assert not form.isVisible()
    assert column(section, "Osoba") == ["Ewa Lis", "Bożena Żak"]
    assert column(section, "Nr") == [f"1/{TODAY.year}", f"2/{TODAY.year}"]
    assert section.selected() is not None and section.selected().person_name == "Bożena Żak"

    # printed for signature: the authorisation with the confidentiality undertaking
    qtbot.mouseClick(section.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(desk.opened), timeout=20000)
    text = desk.last_pdf_text()
    assert f"UPOWAŻNIENIE NR 2/{TODAY.year}" in text and "Bożena Żak" in text
    assert "art. 18f" in text and "ZOBOWIĄZANIE DO ZACHOWANIA TAJEMNICY" in text
    assert "dokumenty uczestników w zakresie księgowości" in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "users_authorisations.png"))

    # withdrawn: a date before it was given is refused at the field, then Esc cancels
    section.table.selectRow(0)
    qtbot.mouseClick(section.withdraw_button, Qt.MouseButton.LeftButton)
    form = active(qtbot, section.dialog)
    assert isinstance(form, AuthorisationDateDialog)
    form.on.set_date(TODAY - dt.timedelta(days=30))
    qtbot.keyClick(form.on, Qt.Key.Key_S, CTRL)
    assert form.isVisible() and "przed nadaniem" in form.errors.message("on")
    qtbot.keyClick(form.on, Qt.Key.Key_Escape)
    assert not form.isVisible()
    with ops.db.read() as s:
        assert authorisations.list_authorisations(s, TODAY)[0].withdrawn_on is None
    qtbot.mouseClick(section.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(active(qtbot, section.dialog).on, Qt.Key.Key_Return, CTRL)
    assert column(section, "Stan")[0] == f"odwołane {TODAY:%d.%m.%Y}"
    assert "Ewa Lis (kadra)" in section.warning.text()
    assert not section.withdraw_button.isEnabled()


def test_staff_see_and_print_the_register_but_do_not_change_it(ops, qtbot):
    with ops.db.session() as s:
        authorisations.add_authorisation(s, TODAY, person_name="Jan Kos", undertaking_on=TODAY)
    ops.db.actor = Actor("Jan Kos", Role.STAFF, user_id=None)
    page = UsersPage(ops)
    qtbot.addWidget(page)
    page.show()
    section = page.authorisations
    assert column(section, "Osoba") == ["Jan Kos"]
    section.table.selectRow(0)
    assert section.print_button.isEnabled()
    assert not section.add_button.isEnabled() and not section.withdraw_button.isEnabled()


def test_dashboard_warning_opens_the_register(ops, qtbot):
    opened: list[tuple[str, dict]] = []  # type: ignore[type-arg]
    page = DashboardPage(ops, lambda name, **kw: opened.append((name, kw)))
    qtbot.addWidget(page)
    page.refresh()
    model = page.path.model
    rows = [model.row_at(model.index(r, 0)) for r in range(model.rowCount())]
    lacking = [r for r in rows if r is not None and r.participant_id == 0]
    assert lacking, "an account and a staff member without an authorisation are listed"
    page._choose_path(lacking[0])
    assert opened == [("users", {"authorisations": True})]
