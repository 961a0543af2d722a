"""Every role sees and does exactly what the matrix allows, through the services (issue 6).

kierownik: everything. kadra: participants, journal, attendance, counselling notes of the
sessions they lead, health categories unless withdrawn. administracja: reads the registers,
PESEL, exports and documents; no health categories, no counselling notes, no changes to
participants or the journal, no settings, users, audit or RODO tools.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kisdesk.access import Actor
from kisdesk.db.open import open_database
from kisdesk.errors import PermissionDenied
from kisdesk.models import AuditEntry
from kisdesk.services import (
    activities,
    attendance,
    audit,
    exports,
    groups,
    office,
    participants,
    participations,
    rodo,
    rodo_erasure,
    rodo_pack,
    rodo_retention,
    settings,
    staff,
    users,
)
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1981, 5, 17), 77, "K")
NOTE = "Rozmowa o terapii odwykowej"
PASSWORDS = {
    "leader": "zielona herbata o poranku",
    "kadra": "psycholog lubi rowery",
    "kadra_no_health": "instruktor stolarstwa z pasją",
    "admin": "marek lubi pomidory",
}
ALL = frozenset(PASSWORDS)
WORKERS = frozenset({"leader", "kadra", "kadra_no_health"})
LEADER = frozenset({"leader"})


def _build(url: str) -> tuple[dict[str, Actor], dict[str, int]]:
    db = open_database(url)
    try:
        with db.session() as s:
            office.create_office(
                s,
                office.OfficeData(
                    kind="kis",
                    name="KIS w Zawoni",
                    operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                ),
            )
            groups.add_group(s, "Grupa poniedziałkowa")
            ewa = staff.add_staff(s, staff.StaffData("Ewa", "Psycholog", role="psycholog"))
            piotr = staff.add_staff(s, staff.StaffData("Piotr", "Stolarz", role="instruktor"))
            pid = participants.add_participant(
                s, participants.ParticipantData("Halina", "Wrona", pesel=PESEL, categories=(2, 5))
            )
            period = participations.enroll(s, pid, dt.date(2026, 1, 5), group_id=1)
            session_id = activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2026, 2, 3),
                    start_time=dt.time(10),
                    end_time=dt.time(11),
                    kind="individual",
                    topic="Poradnictwo psychologiczne",
                    participant_id=pid,
                    staff_ids=(ewa,),
                    note=NOTE,
                ),
            )
            group_activity = activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2026, 2, 4),
                    start_time=dt.time(9),
                    end_time=dt.time(12),
                    kind="group",
                    topic="Warsztat",
                    group_id=1,
                    staff_ids=(piotr,),
                ),
            )
            users.create_first_leader(s, "renata", "Renata Kowalczyk", PASSWORDS["leader"])
            users.add_user(s, "ewa", "Ewa Psycholog", "kadra", PASSWORDS["kadra"], staff_id=ewa)
            users.add_user(
                s,
                "piotr",
                "Piotr Stolarz",
                "kadra",
                PASSWORDS["kadra_no_health"],
                staff_id=piotr,
                view_sensitive=False,
            )
            users.add_user(s, "marek", "Marek Nowak", "administracja", PASSWORDS["admin"])
        logins = {"leader": "renata", "kadra": "ewa", "kadra_no_health": "piotr", "admin": "marek"}
        actors = {}
        for role, login in logins.items():
            with db.read() as s:
                actors[role] = users.login(s, login, PASSWORDS[role])
    finally:
        db.dispose()
    ids = {"participant": pid, "period": period, "session": session_id, "group": group_activity}
    return actors, ids


@pytest.fixture(scope="module")
def template(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, Actor], dict[str, int]]:
    """One office with four accounts, built once (Argon2id is slow on purpose) and copied."""
    folder = tmp_path_factory.mktemp("matrix")
    actors, ids = _build(f"sqlite:///{folder / 'template.sqlite'}")
    return folder / "template.sqlite", actors, ids


@pytest.fixture
def office_with_accounts(template, tmp_path):
    source, actors, ids = template
    target = tmp_path / "office.sqlite"
    shutil.copyfile(source, target)
    db = open_database(f"sqlite:///{target}")
    yield db, actors, ids
    db.dispose()


def _form(s, pid):
    data = participants.get_participant(s, pid)
    return {f: getattr(data, f) for f in data.__dataclass_fields__}


# (what, roles allowed, the call; a call returns True when the role saw/did it)
Action = Callable[[Any, dict[str, int]], bool]
MATRIX: list[tuple[str, frozenset[str], Action, bool]] = [
    ("list participants", ALL, lambda s, i: bool(participants.list_participants(s)), False),
    (
        "see the PESEL",
        ALL,
        lambda s, i: participants.get_participant(s, i["participant"]).pesel == PESEL,
        False,
    ),
    (
        "see health categories",
        frozenset({"leader", "kadra"}),
        lambda s, i: 2 in participants.get_participant(s, i["participant"]).categories,
        False,
    ),
    (
        "edit a participant",
        WORKERS,
        lambda s, i: (
            participants.update_participant(
                s,
                i["participant"],
                participants.ParticipantData(**{**_form(s, i["participant"]), "phone": "500"}),
            )
            is None
        ),
        True,
    ),
    (
        "change a participation",
        WORKERS,
        lambda s, i: (
            participations.update_period(
                s, i["period"], dt.date(2026, 1, 5), dt.date(2026, 7, 4), 1
            )
            is None
        ),
        True,
    ),
    (
        "add an activity",
        WORKERS,
        lambda s, i: activities.copy_activity(s, i["group"], dt.date(2026, 2, 11)) > 0,
        True,
    ),
    (
        "mark attendance",
        WORKERS,
        lambda s, i: (
            attendance.set_mark(
                s, i["group"], i["participant"], "present", today=dt.date(2026, 2, 4)
            )
            is None
        ),
        True,
    ),
    (
        "read Ewa's counselling note",
        frozenset({"leader", "kadra"}),
        lambda s, i: activities.get_activity(s, i["session"]).note == NOTE,
        False,
    ),
    (
        "change a rule setting",
        LEADER,
        lambda s, i: settings.set_setting(s, "hour_minutes", 50) == 50,
        True,
    ),
    (
        "add a staff member",
        LEADER,
        lambda s, i: staff.add_staff(s, staff.StaffData("A", "B")) > 0,
        True,
    ),
    (
        "edit the office",
        LEADER,
        lambda s, i: (
            office.update_office(s, replace(office.get_office(s), phone="71 000 00 00")) is None
        ),
        True,
    ),
    ("list user accounts", LEADER, lambda s, i: len(users.list_users(s)) == 4, False),
    (
        "add a user account",
        LEADER,
        lambda s, i: users.add_user(s, "nowa", "Nowa Osoba", "kadra", "nowa osoba w zespole") > 0,
        True,
    ),
    ("read the audit log", LEADER, lambda s, i: bool(audit.list_entries(s)), False),
    ("verify the audit log", LEADER, lambda s, i: audit.verify(s).ok, False),
    (
        "restrict processing",
        LEADER,
        lambda s, i: rodo.restrict(s, i["participant"], "spór") is None,
        True,
    ),
    (
        "prepare the art. 15 data pack",
        LEADER,
        lambda s, i: rodo_pack.data_pack(s, i["participant"])["personal_data"]["pesel"] == PESEL,
        False,
    ),
    (
        "preview anonymisation",
        LEADER,
        lambda s, i: rodo_erasure.anonymisation_preview(s, i["participant"]).blocked is None,
        False,
    ),
    (
        "see records past retention",
        LEADER,
        lambda s, i: rodo_retention.retention_due(s).items == (),
        False,
    ),
    (
        "export the participant list",
        frozenset({"leader", "admin"}),
        lambda s, i: bool(exports.participant_list(s)),
        False,
    ),
]


def _changes(db) -> int:
    """Entries about changes (not views): a refused call must not add any."""
    with db.read() as s:
        return int(
            s.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.event.not_in(audit.AFTER_EVENTS))
            )
        )


@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize(("what", "allowed", "call", "writes"), MATRIX, ids=[m[0] for m in MATRIX])
def test_role_matrix(office_with_accounts, role, what, allowed, call, writes):
    db, actors, ids = office_with_accounts
    before = _changes(db)
    outcome: bool | None
    try:
        with db.session(actor=actors[role]) as s:
            outcome = bool(call(s, ids))
    except PermissionDenied:
        outcome = None  # refused by the service itself
    if role in allowed:
        assert outcome is True, f"{role} should be able to: {what}"
        if writes:
            assert _changes(db) > before
    else:
        assert outcome is not True, f"{role} must not be able to: {what}"
        assert _changes(db) == before, "a refused call wrote nothing"
