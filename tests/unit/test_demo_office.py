"""The demo office as a user meets it: plausible people and office, a month report with most
people meeting the minimum, something on the dashboard to act on, the same office each time."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from stdnum.pl import nip, regon

from kisdesk.db import Database
from kisdesk.db.open import open_database
from kisdesk.demo import generator as demo
from kisdesk.demo.words import SURNAMES
from kisdesk.errors import ConflictError, ValidationError
from kisdesk.messages import describe
from kisdesk.messages.security import describe_entry
from kisdesk.models import Attendance, AuditEntry, Office, Participant, Participation
from kisdesk.services import (
    attendance,
    documents,
    graduates,
    hours,
    office,
    participants,
    participations,
    staff,
)

TODAY = dt.date(2026, 11, 18)


@pytest.fixture(scope="module")
def kis(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, demo.DemoSummary]]:
    folder: Path = tmp_path_factory.mktemp("demo-kis")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KISDESK_DATA_DIR", str(folder / "data"))
        db = open_database(f"sqlite:///{folder / 'demo.sqlite'}")
        phases: list[tuple[int, int, str]] = []
        with db.session() as s:
            summary = demo.generate(
                s,
                participants=60,
                years=1,
                seed=7,
                today=TODAY,
                progress=lambda done, total, phase: phases.append((done, total, phase)),
            )
        assert {p for _, _, p in phases} == set(demo.PHASES)
        assert all(done == total for done, total, _ in [p for p in phases if p[0] == p[1]])
        yield db, summary
        db.dispose()


def test_the_audit_log_says_the_office_is_demo_data(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, _summary = kis
    with db.read() as s:
        marks = s.scalars(select(AuditEntry).where(AuditEntry.event == "demo_data")).all()
        details = [json.loads(m.details) for m in marks]
        assert [(d["participants"], d["seed"]) for d in details] == [(60, 7)]
        assert describe_entry("demo_data", None, None, details[0]).startswith(
            "Utworzenie biura demonstracyjnego (dane fikcyjne)"
        )


def test_summary_counts_what_was_written(kis: tuple[Database, demo.DemoSummary]) -> None:
    db, summary = kis
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == summary.participants == 60
        assert s.scalar(select(func.count()).select_from(Attendance)) == summary.attendance
        count = s.execute(text("SELECT count(*) FROM activity")).scalar_one()
        assert count == summary.activities
    assert summary.participations >= 60
    assert 0 < summary.ongoing < summary.participations
    assert summary.first_day == dt.date(2025, 11, 1)


def test_a_rural_kis_run_by_its_gops_with_valid_numbers(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, _ = kis
    with db.read() as s:
        data = office.get_office(s)
        team = staff.list_staff(s)
    assert data.kind == "kis"
    assert data.name.startswith("Klub Integracji Społecznej w")
    assert data.operator.name.startswith("Gminny Ośrodek Pomocy Społecznej w")
    assert data.operator.legal_form == "ops"
    assert nip.is_valid(data.operator.nip) and regon.is_valid(data.operator.regon)
    assert data.head_name in {m.full_name for m in team}
    assert 4 <= len(team) <= 8
    roles = {m.role for m in team}
    assert {"kierownik klubu", "psycholog", "doradca zawodowy", "pracownik socjalny"} <= roles
    assert {m.employment_basis for m in team} <= {"employment", "civil_contract"}
    assert all(m.working_time for m in team)


def test_people_have_polish_names_in_the_form_of_their_sex(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, _ = kis
    with db.read() as s:
        people = participants.list_participants(s, on=TODAY)
        sample = participants.get_participant(s, people[0].id)
        sample_periods = participations.periods_of(s, people[0].id)
    for p in people:
        if p.sex == "K":
            assert not p.last_name.endswith(("ski", "cki", "dzki")), p.last_name
        else:
            assert p.last_name in SURNAMES
    assert Counter(p.sex for p in people).keys() == {"K", "M"}
    assert sample.gmina and sample.powiat and sample.referral_number
    # every period has its own kontrakt socjalny (docs/domain.md#kontrakt-ipzs)
    assert all(p.contract_number and not p.contract_missing for p in sample_periods)
    assert sample.categories


def test_categories_mostly_long_term_unemployed_then_alcohol(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, _ = kis
    found = dict(
        db_rows(db, "SELECT category, count(*) FROM participant_category GROUP BY category")
    )
    assert max(found, key=lambda c: found[c]) == 5
    assert sorted(found, key=lambda c: -found[c])[1] == 2


def db_rows(db: Database, sql: str) -> list:
    with db.read() as s:
        return list(s.execute(text(sql)))


def test_last_full_month_most_met_the_minimum_and_someone_did_not(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, _ = kis
    with db.read() as s:
        report = hours.month_report(s, 2026, 10, as_of=TODAY)
    statuses = Counter(str(row.result.status) for row in report.rows)
    assert statuses["met"] > 0.7 * len(report.rows)
    assert statuses["short"] >= 1
    # A full month is 40 didactic hours of 45 minutes; people who came reach it with room.
    full = [r.result for r in report.rows if r.result.required_minutes == 1800]
    assert full and sorted(r.attended_minutes for r in full)[len(full) // 2] >= 1800
    assert all(not r.offer_short for r in full), "the office planned enough classes"


def test_dashboard_has_something_to_act_on(kis: tuple[Database, demo.DemoSummary]) -> None:
    db, _ = kis
    with db.read() as s:
        current = hours.month_report(s, TODAY.year, TODAY.month, as_of=TODAY)
        upcoming = graduates.graduates(s, TODAY, within_days=30)
    at_risk = [row for row in current.rows if row.at_risk]
    assert 1 <= len(at_risk) <= 5
    assert len(upcoming.rows) >= 1
    unrecorded = db_rows(
        db,
        f"SELECT count(*) FROM activity a WHERE a.date < '{TODAY}' AND NOT EXISTS "
        "(SELECT 1 FROM attendance t WHERE t.activity_id = a.id)",
    )[0][0]
    assert 1 <= unrecorded <= 4
    without_certificate = db_rows(
        db,
        f"SELECT count(*) FROM participation p WHERE p.end_on <= '{TODAY}' AND NOT EXISTS "
        "(SELECT 1 FROM issued_document d WHERE d.participation_id = p.id "
        "AND d.kind = 'ending_certificate')",
    )[0][0]
    assert 2 <= without_certificate <= 5
    assert db_rows(db, "SELECT count(*) FROM participation WHERE end_on IS NOT NULL")[0][0] > 10


def _generate(db: Database, seed: int, **kwargs: object) -> tuple[demo.DemoSummary, list[str]]:
    with db.session() as s:
        summary = demo.generate(s, participants=25, years=1, seed=seed, today=TODAY, **kwargs)  # type: ignore[arg-type]
    with db.read() as s:
        pesels = list(s.scalars(select(Participant.pesel).order_by(Participant.id)))
    return summary, [p for p in pesels if p]


def test_same_seed_same_office_other_seed_other_office(tmp_path: Path) -> None:
    dbs = [open_database(f"sqlite:///{tmp_path / f'{n}.sqlite'}") for n in range(3)]
    try:
        first, pesels_1 = _generate(dbs[0], 11)
        again, pesels_2 = _generate(dbs[1], 11)
        other, pesels_3 = _generate(dbs[2], 12)
    finally:
        for db in dbs:
            db.dispose()
    assert first == again and pesels_1 == pesels_2
    assert pesels_3 != pesels_1
    assert other != first


def test_a_database_with_an_office_is_refused_and_left_alone(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, summary = kis
    with pytest.raises(ConflictError) as caught, db.session() as s:
        demo.generate(s, participants=5, years=1, seed=1, today=TODAY)
    assert caught.value.code == "demo.not_empty"
    assert "pustej bazie" in describe(caught.value)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == summary.participants
        assert s.scalar(select(func.count()).select_from(Office)) == 1


def test_bad_sizes_are_refused_with_a_message(db: Database) -> None:
    for kwargs, code in (
        ({"participants": 0, "years": 1}, "demo.bad_participants"),
        ({"participants": 10, "years": 0}, "demo.bad_years"),
    ):
        with pytest.raises(ValidationError) as caught, db.session() as s:
            demo.generate(s, seed=1, today=TODAY, **kwargs)  # type: ignore[arg-type]
        assert caught.value.code == code
        assert "placówki demonstracyjnej" in describe(caught.value)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Office)) == 0


def test_a_cis_works_every_day_within_the_weekly_hours(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'cis.sqlite'}")
    try:
        with db.session() as s:
            summary = demo.generate(
                s, participants=40, years=1, seed=3, today=TODAY, office_kind="cis"
            )
        with db.read() as s:
            data = office.get_office(s)
            week = hours.week_report(s, 2026, 45, as_of=TODAY)  # 2–8 November
            team = staff.list_staff(s)
            unled = s.execute(
                text(
                    "SELECT count(*) FROM activity a WHERE NOT EXISTS "
                    "(SELECT 1 FROM activity_staff l WHERE l.activity_id = a.id)"
                )
            ).scalar_one()
            workshops = s.execute(text('SELECT name FROM "group"')).scalars().all()
    finally:
        db.dispose()
    assert summary.office_kind == "cis" and data.name.startswith("Centrum Integracji Społecznej")
    assert data.status_granted_on is not None and data.status_expires_on is not None
    assert data.operator.krs and len(data.operator.krs) == 10
    assert all(name.startswith("Warsztat ") for name in workshops)
    assert "kierownik centrum" in {m.role for m in team}
    assert any(m.role.startswith("instruktor zawodu") for m in team) and len(team) <= 8
    assert unled == 0, "every workshop day has its instructor"
    statuses = Counter(str(row.result.status) for row in week.rows)
    assert statuses["met"] > len(week.rows) / 2
    assert statuses["over"] == 0


def test_the_services_work_on_the_demo_records(tmp_path: Path) -> None:
    """Bulk-written rows behave like typed-in ones: a form saved with its version, the
    missing attendance recorded, an ongoing participation ended."""
    db = open_database(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    try:
        with db.session() as s:
            demo.generate(s, participants=20, years=1, seed=2, today=TODAY)
        with db.session() as s:
            person = next(
                p for p in participants.list_participants(s, on=TODAY) if p.status == "active"
            )
            data = participants.get_participant(s, person.id)
            assert data.version == 1
            participants.update_participant(s, person.id, replace(data, phone="600 100 200"))
            period = participations.open_period_id(s, person.id)
            participations.end_period(s, period, TODAY, "completed")
            missing = (
                s.execute(
                    text(
                        "SELECT a.id FROM activity a WHERE a.date < :today AND NOT EXISTS "
                        "(SELECT 1 FROM attendance t WHERE t.activity_id = a.id)"
                    ),
                    {"today": TODAY},
                )
                .scalars()
                .all()
            )
            written = sum(attendance.record_activity(s, a, today=TODAY) for a in missing)
        with db.read() as s:
            assert participants.get_participant(s, person.id).phone == "600 100 200"
            assert participants.get_participant(s, person.id).version == 2
        assert missing and written >= len(missing)
    finally:
        db.dispose()


def test_a_demo_certificate_prints_again_as_it_was_issued(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    db, _ = kis
    with db.read() as s:
        issued = documents.list_documents(s)
        graduate = next(d for d in reversed(issued) if d.kind == "graduate_certificate")
        again = documents.reprint(s, graduate.id, duplicate=False)
        period = s.get_one(Participation, graduate.participation_id)
        person = s.get_one(Participant, period.participant_id)
        name, pesel = person.full_name, person.pesel
    assert again.number == graduate.number
    assert again.person_name == name == graduate.person_name
    assert again.person_id == pesel
    assert again.issued_on == graduate.issued_on.isoformat()
    assert again.total_minutes > 6 * 1800 * 0.7, "six months of classes on the certificate"
    assert "status absolwenta" in again.statement and "art. 2 pkt 1b" in again.statement
    # a demo graduate meets the act's conditions: no "niespełniony" on the certificate
    assert again.conditions and not any("niespełniony" in c for c in again.conditions)


def test_the_path_is_kept_as_a_careful_office_keeps_it(
    kis: tuple[Database, demo.DemoSummary],
) -> None:
    """Goals in every contract, reviews done at the planned dates (a few recent ones left
    overdue), every staff member authorised except the newest, who has not signed the
    undertaking yet (docs/participant-path.md)."""
    from kisdesk.services import authorisations, contracts, reviews

    db, summary = kis
    with db.read() as s:
        periods = s.scalars(select(Participation)).all()
        views = [contracts.contract_of(s, p.id) for p in periods]
        assert all(v is not None and len(v.goals) == 2 for v in views)
        held = [len(reviews.reviews_of(s, p.id)) for p in periods]
        due = reviews.reviews_due(s, TODAY)
        lacking = authorisations.missing(s, TODAY)
        register = authorisations.list_authorisations(s, TODAY)
        completed = [p.end_reason == "completed" for p in periods]
    assert sum(held) >= len(periods)  # about one review per 3 months of each period
    overdue = [d for d in due if d.state == "overdue"]
    assert 0 < len(overdue) <= summary.ongoing // 2
    assert [m.kind for m in lacking] == ["staff"]
    assert [r.undertaking_on for r in register].count(None) == 1
    # a period that ended as planned ended with its goals achieved
    ended_well = [v for done, v in zip(completed, views, strict=True) if v and done]
    assert ended_well and all(g.status == "achieved" for v in ended_well for g in v.goals)
