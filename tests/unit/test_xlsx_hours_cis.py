"""A CIS gets the weekly presence of art. 14 ust. 1 (30–40 clock hours), not the KIS minimum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from kisdesk.db import Database
from kisdesk.reports.xlsx import hours as hours_xlsx
from kisdesk.services import (
    activities,
    attendance,
    exports,
    groups,
    office,
    participants,
    participations,
)
from tests.fixtures.xlsx.make_messy import pesel

DONE = dt.date(2025, 12, 31)


def _cis(db: Database) -> None:
    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej w Miliczu",
                operator=office.OperatorData(name="Gmina Milicz", legal_form="gmina"),
            ),
        )
        group = groups.add_group(s, "Grupa remontowa")
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Marek", "Wrona", pesel=pesel(dt.date(1979, 4, 4), 31, "M")
            ),
        )
        participations.enroll(s, pid, dt.date(2025, 3, 3), None, group)
        # week 10 of 2025 (3–7 March): five days of 6 clock hours, absent on Friday
        for offset in range(5):
            aid = activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2025, 3, 3) + dt.timedelta(days=offset),
                    start_time=dt.time(9),
                    end_time=dt.time(15),
                    kind="group",
                    topic="Prace remontowe",
                    area="vocational",
                    group_id=group,
                ),
            )
            attendance.record_activity(s, aid, absent=[pid] if offset == 4 else [], today=DONE)


def test_cis_hours_workbook_checks_iso_weeks(db: Database, tmp_path: Path) -> None:
    _cis(db)
    with db.read() as s:
        data = exports.hours_export(s, [(2025, 3)], as_of=DONE)
    out = hours_xlsx.render(data, tmp_path / "godziny.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["marzec 2025"]
    ws = wb["marzec 2025"]
    assert "art. 14" in " ".join(str(c.value) for c in ws["A"][:4] if c.value).lower()
    header = next(r[0].row for r in ws.iter_rows(max_row=10) if r[0].value == "Nazwisko")
    headers = [c.value for c in ws[header]]
    rows = [
        {h: c.value for h, c in zip(headers, r, strict=False)}
        for r in ws.iter_rows(min_row=header + 1)
        if r[0].value == "Wrona"
    ]
    assert [r["Tydzień"] for r in rows] == ["2025-W10", "2025-W11", "2025-W12", "2025-W13"]
    # the count the save message and the audit entry give: one row per person and week
    data_rows = [r for r in ws.iter_rows(min_row=header + 1) if r[0].value]
    assert data.records == len(data_rows) >= 4
    w10 = rows[0]
    assert w10["Od (poniedziałek)"] == dt.datetime(2025, 3, 3)
    assert (w10["Minimum (godz.)"], w10["Maksimum (godz.)"]) == (30, 40)
    assert w10["Zaplanowane (godz.)"] == 30 and w10["Obecność (godz.)"] == 24
    assert w10["Brakuje (godz.)"] == 6 and w10["Status"] == "niespełnione"
    assert w10["Za mała oferta zajęć"] == "nie"
    assert rows[1]["Za mała oferta zajęć"] == "tak"  # nothing planned in week 11
