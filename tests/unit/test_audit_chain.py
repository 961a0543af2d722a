"""The audit log: append-only, hash-chained, and an edited row is found (issue 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from kisdesk.access import Actor, Role
from kisdesk.errors import KisdeskError, PermissionDenied
from kisdesk.models import AuditEntry
from kisdesk.services import activities, audit, participants, participations, settings
from tests.pesel import make_pesel

BIRTH = dt.date(1984, 6, 2)


def _person(db, categories=(2, 5)):
    with db.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Bożena", "Wrzos", pesel=make_pesel(BIRTH, 41, "K"), categories=categories
            ),
        )
        participations.enroll(s, pid, dt.date(2026, 1, 5), group_id=1)
    return pid


def _tamper(db, *statements):
    """Someone with the database file (or a server login) lifts the guard and edits rows."""
    with db.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")
        for sql, params in statements:
            conn.execute(text(sql), params)
        if conn.dialect.name != "sqlite":
            conn.exec_driver_sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only")


def _events(db):
    with db.read() as s:
        return [
            (e.event, e.record_type, e.record_id)
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_changes_are_logged_with_field_names_never_values(kis):
    pid = _person(kis)
    with kis.read() as s:
        data = participants.get_participant(s, pid)
    changed = participants.ParticipantData(
        **{**{f: getattr(data, f) for f in data.__dataclass_fields__}, "phone": "601 202 303"}
    )
    with kis.session() as s:
        participants.update_participant(s, pid, changed)
    with kis.read() as s:
        rows = audit.list_entries(s, participant_id=pid)
        raw = " ".join(e.details for e in s.scalars(select(AuditEntry)))
    kinds = [(r.event, r.record_type, r.details.get("action")) for r in reversed(rows)]
    assert kinds == [
        ("change", "participant", "created"),
        ("change", "participation", "created"),
        ("view_sensitive", "participant", None),
        ("change", "participant", "updated"),
    ]
    assert rows[0].details["fields"] == ["phone"]
    assert "601" not in raw and "Wrzos" not in raw and make_pesel(BIRTH, 41, "K") not in raw
    # The categories are named as a field, never by number (a number is health data).
    assert "categories" in rows[-1].details["fields"]


def test_viewing_health_categories_or_a_note_is_logged_even_in_a_read_only_unit(kis):
    pid = _person(kis, categories=(5,))
    with kis.read() as s:
        participants.get_participant(s, pid)
    assert ("view_sensitive", "participant", pid) not in _events(kis)  # category 5 is not art. 9
    pid2 = _person_without_pesel(kis)
    with kis.read() as s:
        participants.get_participant(s, pid2)
    assert ("view_sensitive", "participant", pid2) in _events(kis)
    with kis.session() as s:
        act = activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2026, 2, 2),
                start_time=dt.time(10),
                end_time=dt.time(11),
                kind="individual",
                topic="Rozmowa",
                participant_id=pid,
                note="notatka psychologa",
            ),
        )
    with kis.read() as s:
        activities.list_activities(s, 2026, 2)
    assert ("view_sensitive", "activity", act) in _events(kis)


def _person_without_pesel(db):
    with db.session() as s:
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Adam",
                "Bez",
                birth_date=dt.date(1970, 1, 1),
                sex="M",
                id_document="dowód osobisty ABC123456",
                categories=(4,),
            ),
        )
    return pid


def test_the_chain_verifies_and_names_the_first_edited_row(kis):
    _person(kis)
    with kis.session() as s:
        settings.set_setting(s, "monthly_minimum_hours", 35)
    with kis.read() as s:
        check = audit.verify(s)
        entries = s.scalar(select(func.count(AuditEntry.id)))
    assert check.ok and check.checked == entries >= 5
    with kis.read() as s:
        target = s.scalar(select(AuditEntry.id).where(AuditEntry.event == "settings_change"))
    # Someone rewrites who changed the setting.
    _tamper(kis, ("UPDATE audit_entry SET user_name='ktoś inny' WHERE id=:id", {"id": target}))
    with kis.read() as s:
        check = audit.verify(s)
    assert not check.ok and check.broken_id == target and check.problem == "hash"
    assert check.checked == target - 1


def test_a_removed_row_breaks_the_chain(kis):
    _person(kis)
    _tamper(kis, ("DELETE FROM audit_entry WHERE id=2", {}))
    with kis.read() as s:
        check = audit.verify(s)
    assert not check.ok and check.broken_id == 3 and check.problem == "order"


def test_a_recomputed_row_still_breaks_the_link_to_the_next(kis):
    """Forging a row and its own hash is not enough: the next row names the old hash."""
    _person(kis)
    _person_without_pesel(kis)
    _tamper(kis, ("UPDATE audit_entry SET hash=:h WHERE id=2", {"h": "f" * 64}))
    with kis.read() as s:
        check = audit.verify(s)
    assert not check.ok and check.broken_id == 2


def test_the_database_refuses_to_change_or_delete_a_row(kis):
    _person(kis)
    for statement in (
        "UPDATE audit_entry SET user_name = 'x' WHERE id = 1",
        "DELETE FROM audit_entry WHERE id = 1",
    ):
        with pytest.raises((DBAPIError, KisdeskError)), kis.session() as s:
            s.execute(text(statement))
    with kis.read() as s:
        assert audit.verify(s).ok


def test_only_the_leader_reads_or_verifies_the_log(kis):
    _person(kis)
    for role in (Role.STAFF, Role.ADMIN):
        for call in (audit.list_entries, audit.verify):
            with pytest.raises(PermissionDenied), kis.read(actor=Actor("x", role)) as s:
                call(s)
    with kis.read(actor=Actor("Renata", Role.LEADER)) as s:
        assert audit.list_entries(s, limit=2)[0].id > audit.list_entries(s, limit=2)[1].id


def test_a_refused_call_is_logged_as_access_denied(kis):
    with pytest.raises(PermissionDenied), kis.session(actor=Actor("Marek", Role.ADMIN)) as s:
        settings.set_setting(s, "hour_minutes", 60)
    with kis.read() as s:
        denied = audit.list_entries(s, event_name="access_denied")
        assert settings.get_setting(s, "hour_minutes") == 45
    assert [(d.user_name, d.details) for d in denied] == [
        ("Marek", {"permission": "manage_settings"})
    ]
