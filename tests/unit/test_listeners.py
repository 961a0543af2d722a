"""The audit log and the RODO guard listen on kisdesk's own sessions only, installed by the
entry points (the program, the command line, the self-test, these tests' conftest)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from kisdesk.db import Database
from kisdesk.db.database import KisdeskSession
from kisdesk.models import AuditEntry, Participant
from kisdesk.services import listeners
from tests.pesel import make_pesel


def test_installed_on_kisdesks_session_class_and_not_on_sqlalchemys() -> None:
    assert listeners.installed()
    assert not any(event.contains(Session, name, fn) for name, fn in listeners.LISTENERS)
    listeners.install()  # twice changes nothing
    assert listeners.installed()


def test_a_change_through_a_plain_session_is_not_audited_but_one_through_kisdesk_is(
    kis: Database,
) -> None:
    person = dict(first_name="Anna", last_name="Zając", sex="K", birth_date=dt.date(1980, 1, 2))
    with kis.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    with Session(kis.engine) as plain, plain.begin():  # e.g. a migration's own session
        plain.add(Participant(pesel=make_pesel(dt.date(1980, 1, 2), 1, "K"), **person))
    with kis.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
    with kis.session() as s:
        assert isinstance(s, KisdeskSession)
        s.add(Participant(pesel=make_pesel(dt.date(1980, 1, 2), 2, "K"), **person))
    with kis.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before + 1
