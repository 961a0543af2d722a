"""The CIS dashboard during the month: who is at 3 unexcused days, near the 21 sick days of
the period, and who has used the days off (art. 15 ust. 6a–7a)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from kisdesk.db import Database
from kisdesk.services import absences, dashboard
from kisdesk.ui.ops import Ops
from kisdesk.ui.pages.dashboard import DashboardPage
from tests.ui.shots import keep
from tests.unit.test_services_benefits import _class, _person, cis  # noqa: F401

D = dt.date
TODAY = D(2026, 6, 17)


def test_benefit_warnings_on_the_cis_dashboard(qtbot: Any, cis: Database) -> None:  # noqa: F811
    with cis.session() as s:
        ewa = _person(s, 1, D(2026, 1, 5))
        jan = _person(s, 2, D(2026, 1, 5))
        ola = _person(s, 3, D(2026, 1, 5))
        _person(s, 4, D(2026, 1, 5))  # nothing to say about this one
        for day in (2, 3, 4):
            _class(s, D(2026, 6, day), absent=[ewa])
        absences.add_absence(s, jan, "sick", D(2026, 4, 1), D(2026, 4, 14))
        absences.add_absence(s, jan, "sick", D(2026, 6, 8), D(2026, 6, 12))
        absences.add_absence(s, ola, "day_off", D(2026, 6, 15), D(2026, 6, 20))
    with cis.read() as s:
        codes = {(w.name, w.code, w.count) for w in dashboard.dashboard(s, TODAY).benefit_warnings}
    assert codes == {
        ("Testowa Osoba1", "unexcused_3", 3),
        ("Testowa Osoba2", "sick_near_limit", 19),
        ("Testowa Osoba3", "days_off_used", 6),
    }
    Ops.inline = True
    calls: list[Any] = []
    page = DashboardPage(Ops(cis), lambda name, **kw: calls.append((name, kw)))
    page.today = lambda: TODAY  # type: ignore[method-assign]
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.refresh()
    section = page.benefit_warnings
    assert section.isVisible() and section.title().endswith("(3)")
    texts = [section.model.index(r, 1).data() for r in range(section.model.rowCount())]
    assert any("jeszcze jeden i świadczenie za miesiąc przepada" in t for t in texts)
    assert any("wykorzystano 19 z 21 dni" in t for t in texts)
    rect = section.table.visualRect(section.proxy.index(0, 0))
    qtbot.mouseClick(section.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls == [("benefits", {"month": (2026, 6)})]
    keep(page, "cis", "dashboard_cis")


def test_readiness_dates_typed_from_the_dashboard(qtbot: Any, cis: Database) -> None:  # noqa: F811
    with cis.session() as s:
        _person(s, 1, D(2026, 6, 1))
    Ops.inline = True
    page = DashboardPage(Ops(cis))
    page.today = lambda: TODAY  # type: ignore[method-assign]
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.duties.title().endswith("(1)")
    dialog = page._choose_duty(page.duties.model.rows()[0])
    assert dialog is not None
    for field, day in ((dialog.bhp, 29), (dialog.medical, 28), (dialog.clothes, 30)):
        field.setDate(D(2026, 5, day))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    assert page.duties.model.rowCount() == 0
