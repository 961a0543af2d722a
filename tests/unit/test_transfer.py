"""`kisdesk migrate-to`: the office's data moved to another database, verified by counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kisdesk.cli import main
from kisdesk.db.open import open_database
from kisdesk.db.transfer import copy_database
from kisdesk.errors import StorageError
from kisdesk.services import (
    activities,
    attendance,
    groups,
    hours,
    office,
    participants,
    participations,
)
from kisdesk.services.activities import ActivityData
from tests.pesel import make_pesel


def _fill(path: Path) -> None:
    source = open_database(f"sqlite:///{path}")
    with source.session() as s:
        office.create_office(
            s, office.OfficeData("kis", "KIS w Zawoni", office.OperatorData("Gmina Zawonia"))
        )
        gid = groups.add_group(s, "Grupa środowa")
        for i in range(5):
            pid = participants.add_participant(
                s,
                participants.ParticipantData(
                    f"Zofia{i}", "Łąkowa", pesel=make_pesel(dt.date(1970, 1, 2), i, "K")
                ),
            )
            participations.enroll(s, pid, dt.date(2026, 9, 1), group_id=gid)
        act = activities.add_activity(
            s,
            ActivityData(
                dt.date(2026, 9, 2), dt.time(9), dt.time(13), "group", "Zajęcia", group_id=gid
            ),
        )
        attendance.record_activity(s, act, absent=[2], today=dt.date(2026, 10, 1))
    source.dispose()


def test_copy_keeps_every_row_and_the_report(tmp_path, empty_target_url, capsys):
    _fill(tmp_path / "office.sqlite")
    code = main(["--db", str(tmp_path / "office.sqlite"), "migrate-to", empty_target_url, "--json"])
    assert code == 0
    import json

    counts = json.loads(capsys.readouterr().out)["counts"]
    assert (counts["participant"], counts["attendance"], counts["activity"]) == (5, 5, 1)
    target = open_database(empty_target_url)
    with target.read() as s:
        report = hours.month_report(s, 2026, 9, as_of=dt.date(2026, 10, 1))
    assert sorted(r.result.attended_minutes for r in report.rows) == [0, 240, 240, 240, 240]
    with target.session() as s:  # new ids continue after the copied ones
        new_id = participants.add_participant(
            s,
            participants.ParticipantData(
                "Nowa", "Osoba", birth_date=dt.date(1990, 1, 1), sex="K", id_document="paszport X1"
            ),
        )
    assert new_id == 6
    target.dispose()


def test_a_target_with_data_is_refused(tmp_path, empty_target_url):
    _fill(tmp_path / "office.sqlite")
    source = open_database(f"sqlite:///{tmp_path / 'office.sqlite'}")
    copy_database(source.engine, empty_target_url)
    with pytest.raises(StorageError) as err:
        copy_database(source.engine, empty_target_url)
    assert err.value.code == "transfer.target_not_empty"
    source.dispose()
