"""Texts are checked against the model on every backend alike (docs/misuse-cases.md, "Names
and texts"): SQLite, which does not enforce String(n), refuses what PostgreSQL would."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from kisdesk.errors import ValidationError
from kisdesk.models import Activity, Group, Participant
from kisdesk.rules.text import for_spreadsheet, for_terminal, text_problem
from kisdesk.services import activities, groups
from kisdesk.services import participants as svc


def _count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_name_over_the_column_length_is_refused(kis) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err, kis.session() as s:
        svc.add_participant(s, svc.ParticipantData("A" * 150, "Zażółćkowski", pesel="80051412313"))
    assert err.value.code == "text.too_long" and err.value.params["limit"] == 100
    assert _count(kis, Participant) == 0


def test_a_group_name_and_a_topic_over_their_lengths_are_refused(kis) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err, kis.session() as s:
        groups.add_group(s, "G" * 300)
    assert err.value.code == "text.too_long" and err.value.params["limit"] == 100
    assert _count(kis, Group) == 1  # the fixture's group only
    with kis.read() as s:
        group_id = groups.group_id_by_name(s, "Grupa poniedziałkowa")
    data = activities.ActivityData(
        date=dt.date(2026, 11, 2),
        start_time=dt.time(9),
        end_time=dt.time(11),
        kind="group",
        topic="T" * 600,
        group_id=group_id,
    )
    with pytest.raises(ValidationError) as err, kis.session() as s:
        activities.add_activity(s, data)
    assert err.value.code == "text.too_long" and err.value.params["limit"] == 500
    assert err.value.params["label"] == "temat"
    with pytest.raises(ValidationError) as err, kis.session() as s:
        activities.add_activity(s, replace(data, topic="Z\x00"))
    assert err.value.code == "text.control_character"
    assert _count(kis, Activity) == 0
    with kis.session() as s:  # a note keeps its line breaks and tabs
        activities.add_activity(s, replace(data, topic="T" * 500, note="a\n\tb"))
    assert _count(kis, Activity) == 1


def test_the_rules() -> None:
    assert text_problem("Nowak", 100) is None
    assert text_problem("a\nb", None, multiline=True) is None
    assert text_problem("a\nb", None) is not None  # one-line fields
    problem = text_problem("ab\x1b", 100)
    assert problem is not None and problem.params == {"char": "U+001B", "position": 3}
    assert for_terminal("a\x1b[31m\x07\x9bb\nc\td") == "a\\x1b[31m\\x07\\x9bb\nc\td"
    assert for_spreadsheet("N\bk\x00") == "N\ufffdk\ufffd"
