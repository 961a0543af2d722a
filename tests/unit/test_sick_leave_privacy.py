"""Sick leave tells of health (RODO art. 9): only the leader and kadra with the health grant
see the kind "sick" and the sick note's number; the others see an excused day, and the
month's benefit stays the same for everyone (docs/misuse-cases.md, "Roles")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import test_services_benefits
from openpyxl import load_workbook
from pypdf import PdfReader
from test_services_benefits import _person

from kisdesk.access import Actor, Role
from kisdesk.reports.pdf.documents import render
from kisdesk.reports.xlsx import benefits as benefits_xlsx
from kisdesk.services import absences, attendance, benefits, documents_money

D = dt.date
cis = test_services_benefits.cis

LEADER = Actor("Renata", Role.LEADER, user_id=1)
KADRA = Actor("Ewa", Role.STAFF, user_id=2)
KADRA_NO_HEALTH = Actor("Jan", Role.STAFF, user_id=3, sensitive=False)
ADMIN = Actor("Ola", Role.ADMIN, user_id=4)
SEE = (LEADER, KADRA)
HIDDEN = (KADRA_NO_HEALTH, ADMIN)
NOTE_NO = "ZLA 7654321"


@pytest.fixture
def office(cis):  # type: ignore[no-untyped-def]
    with cis.session() as s:
        pid = _person(s, 1, D(2026, 1, 5))
        # 22 days of sick leave in June after 15 in May: past the 21 days (art. 15 ust. 7a)
        absences.add_absence(s, pid, "sick", D(2026, 5, 10), D(2026, 5, 24), NOTE_NO, "grypa")
        absences.add_absence(s, pid, "sick", D(2026, 6, 1), D(2026, 6, 22), NOTE_NO, "grypa")
        absences.add_absence(s, pid, "excused", D(2026, 6, 29))
    return cis, pid


def test_the_absence_list_and_the_grid_say_sick_only_to_whom_may_see_health(office) -> None:  # type: ignore[no-untyped-def]
    db, pid = office
    for actor in SEE:
        with db.read(actor) as s:
            rows = absences.list_absences(s, pid, 2026, 6)
            grid = attendance.month_grid(s, 1, 2026, 6)
        assert [(r.kind, r.document, r.note) for r in rows] == [
            ("sick", NOTE_NO, "grypa"),
            ("excused", "", ""),
        ]
        assert grid.absences[(pid, D(2026, 6, 3))] == "sick"
    for actor in HIDDEN:
        with db.read(actor) as s:
            rows = absences.list_absences(s, pid, 2026, 6)
            grid = attendance.month_grid(s, 1, 2026, 6)
        assert [(r.kind, r.document, r.note, r.days) for r in rows] == [
            ("excused", "", "", 22),
            ("excused", "", "", 1),
        ]
        assert grid.absences[(pid, D(2026, 6, 3))] == "excused"
        assert "sick" not in set(grid.absences.values())


def test_deleting_a_sick_leave_without_health_access_shows_no_number(office) -> None:  # type: ignore[no-untyped-def]
    db, pid = office
    with db.read(LEADER) as s:
        sick_id = absences.list_absences(s, pid, 2026, 6)[0].id
    with db.session(KADRA_NO_HEALTH) as s:
        shown = absences.delete_absence(s, sick_id)
    assert (shown.kind, shown.document, shown.note) == ("excused", "", "")


def test_the_benefit_is_the_same_for_everyone_and_sick_days_stay_hidden(office) -> None:  # type: ignore[no-untyped-def]
    db, pid = office
    got = {}
    for actor in (*SEE, *HIDDEN):
        with db.read(actor) as s:
            data = benefits.benefit_list(s, 2026, 6)
            payload = benefits.list_payload(data)
            warnings = benefits.benefit_warnings(s, D(2026, 6, 30))
        (row,) = data.rows
        (line,) = payload["rows"]
        got[actor.name] = (row.result.amount, payload["totals"]["amount"])
        if actor in SEE:
            assert (line["sick_days"], line["sick_days_before"], line["sick_unpaid_days"]) == (
                22,
                15,
                16,
            )
            assert any(w.code == "sick_over_limit" for w in warnings)
            assert any("L4 22 dni" in w for w in row.why)
            assert "excused_deduction" not in line
        else:
            assert line["sick_days"] is None and line["sick_deduction"] is None
            sick_total = Decimal(line["excused_deduction"])
            assert sick_total > 0
            assert not any("L4" in w or "chorob" in w for w in row.why)
            assert any("inne nieobecności usprawiedliwione" in w for w in row.why)
            assert [w.code for w in warnings if w.code.startswith("sick")] == []
    assert len(set(got.values())) == 1, got
    base = Decimal("2140.68")
    amount = got["Ola"][0]
    assert amount + sick_total == base


def _pdf(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_benefit_list_printed_and_exported_without_health_access(office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, _pid = office
    for actor in (LEADER, ADMIN):
        with db.session(actor) as s:
            doc = documents_money.issue(s, "benefit_list", 2026, 6, D(2026, 7, 1))
            data = benefits.benefit_export(s, 2026, 6)
        pdf = tmp_path / f"{actor.name}.pdf"
        render(doc.kind, doc.data, pdf)
        text = _pdf(pdf)
        book = load_workbook(benefits_xlsx.render(data, "CIS", tmp_path / f"{actor.name}.xlsx"))
        cells = [str(c) for row in book.active.iter_rows(values_only=True) for c in row if c]
        if actor is LEADER:
            assert "L4 1/40" in text
            assert "Potrącenie L4 1/40" in cells
        else:
            assert "L4 1/40" not in text and "L4 ponad" not in text
            assert "Inne usprawiedl." in text
            assert not any("L4" in c for c in cells)
            assert "Potrącenie – inne nieobecności usprawiedliwione" in cells
        assert "2 140,68" in text or "2140,68" in text.replace("\xa0", "")


def test_a_list_issued_with_sick_days_is_not_printed_again_for_those_without_access(office) -> None:  # type: ignore[no-untyped-def]
    from kisdesk.errors import PermissionDenied
    from kisdesk.messages import describe
    from kisdesk.services import documents

    db, _pid = office
    with db.session(LEADER) as s:
        leaders = documents_money.issue(s, "benefit_list", 2026, 6, D(2026, 7, 1))
    with db.session(ADMIN) as s:
        own = documents_money.issue(s, "benefit_list", 2026, 6, D(2026, 7, 2))
    for actor in HIDDEN:
        with db.session(actor) as s, pytest.raises(PermissionDenied) as refused:
            documents.reprint(s, leaders.id, duplicate=False)
        if actor is ADMIN:  # kadra prints no documents at all (access.denied)
            assert refused.value.code == "document.health_data"
            assert f"Dokument nr {leaders.number}" in describe(refused.value)
            assert "L4" in describe(refused.value)
    with db.session(ADMIN) as s:  # the list issued without the sick days prints as issued
        again = documents.reprint(s, own.id, duplicate=True)
    assert not again.health_data
    for actor in (LEADER,):
        with db.session(actor) as s:
            again = documents.reprint(s, leaders.id, duplicate=False)
        columns = [c for sec in again.sections for t in sec.tables for c in t.columns]
        assert "L4 1/40 (dni / zł)" in columns
