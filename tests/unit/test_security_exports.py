"""Exports leave restricted people out (RODO art. 18) and each one written to a file goes to
the audit log with the number of rows it holds (kisdesk.reports.xlsx.workbook.write, then
exports.record_export, as the GUI and the command line do); the statistics are pseudonymised
unless names are asked for.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kisdesk.db import Database
from kisdesk.reports.xlsx import workbook
from kisdesk.services import (
    activities,
    attendance,
    audit,
    exports,
    exports_attendance,
    exports_stats,
    groups,
    participants,
    participations,
    rodo,
)
from kisdesk.services import office as office_service
from tests.fixtures.xlsx.export_dataset import DONE, Ids, build
from tests.fixtures.xlsx.make_messy import pesel

MARCH = (2025, 3)


@pytest.fixture
def office(kis: Database) -> tuple[Database, Ids]:
    """The 2025 dataset with Anna Nowak's processing restricted."""
    ids = build(kis)
    with kis.session() as s:
        rodo.restrict(s, ids.anna, "Sprzeciw wobec przetwarzania – sprawa w toku")
    return kis, ids


def _exports(db: Database) -> list[audit.AuditRow]:
    with db.read() as s:
        return audit.list_entries(s, event_name="export")


def _save(db: Database, data: workbook.ExportData, path: Path) -> Path:
    """Write the workbook, then log the export, as the GUI and the command line do."""
    written = workbook.write(data, path)
    with db.session() as s:
        exports.record_export(s, written.kind, written.records, **written.details)
    return written.path


def _workbook_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return " ".join(
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v
    )


def _names_in_column(path: Path, sheet: str, header: str) -> list[str]:
    ws = openpyxl.load_workbook(path)[sheet]
    top = next(r[0].row for r in ws.iter_rows(max_row=12) if header in [c.value for c in r])
    col = [c.value for c in ws[top]].index(header)
    names = []
    for row in ws.iter_rows(min_row=top + 1, values_only=True):
        if not row[col]:
            break  # the table ends; notes follow after an empty row
        names.append(row[col])
    return names


def test_participant_list_leaves_out_the_restricted_person(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports.participant_list(s)
    out = _save(db, data, tmp_path / "lista.xlsx")
    names = _names_in_column(out, "Uczestnicy", "Nazwisko")
    assert sorted(names) == ["Kowalski", "Lis", "Mazur", "Zielińska"]
    assert "Nowak" not in _workbook_text(out)
    (entry,) = _exports(db)
    assert entry.details == {"kind": "participants", "records": 4}
    assert entry.user_name == ""  # the single user of an office without accounts


def test_attendance_workbook_leaves_out_the_restricted_person(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports_attendance.attendance_export(s, [MARCH, (2025, 4)])
    out = _save(db, data, tmp_path / "obecnosci.xlsx")
    for sheet in ("marzec 2025", "kwiecień 2025"):
        assert sorted(_names_in_column(out, sheet, "Nazwisko")) == ["Kowalski", "Zielińska"]
    assert "Nowak" not in _workbook_text(out)
    (entry,) = _exports(db)
    assert entry.details == {"kind": "attendance", "records": 4}  # 2 people × 2 months


def test_hours_workbook_leaves_out_the_restricted_person(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports.hours_export(s, [MARCH], as_of=DONE)
    out = _save(db, data, tmp_path / "godziny.xlsx")
    assert sorted(_names_in_column(out, "marzec 2025", "Nazwisko")) == ["Kowalski", "Zielińska"]
    assert "Nowak" not in _workbook_text(out)
    (entry,) = _exports(db)
    assert entry.details == {"kind": "hours", "records": 2}


def test_statistics_are_pseudonymised_by_default_and_skip_the_restricted(
    office, tmp_path: Path
) -> None:
    db, _ = office
    with db.read() as s:
        data = exports_stats.statistics_export(s, 2025, as_of=DONE)
    out = _save(db, data, tmp_path / "statystyka.xlsx")
    text = _workbook_text(out)
    # pseudonymised by default: no name of anyone, only codes on the detail sheet
    for name in ("Nowak", "Kowalski", "Zielińska", "Mazur"):
        assert name not in text
    assert not data.identified
    details = openpyxl.load_workbook(out)["Uczestnicy (pseudonimy)"]
    codes = [r[0] for r in details.iter_rows(min_row=5, values_only=True) if r[0] and r[1]]
    assert len(codes) == 3  # Kowalski, Zielińska, Mazur; Anna Nowak is restricted
    started = openpyxl.load_workbook(out)["Rozpoczęli"]
    rows = {r[0]: r[1:4] for r in started.iter_rows(values_only=True) if r[0]}
    # without Anna: Zielińska (K) and Mazur (M) started in 2025
    assert rows["Ogółem (osoby)"] == (1, 1, 2)
    assert rows[
        "5 – długotrwale bezrobotni w rozumieniu ustawy o rynku pracy i służbach zatrudnienia"
    ] == (0, 0, 0)
    (entry,) = _exports(db)
    assert entry.details == {"kind": "statistics", "records": 3, "identified": False}


def test_statistics_with_names_still_skip_the_restricted(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        data = exports_stats.statistics_export(s, 2025, as_of=DONE, identify=True)
    _save(db, data, tmp_path / "statystyka.xlsx")
    assert sorted(d.last_name or "" for d in data.details) == ["Kowalski", "Mazur", "Zielińska"]
    workshops = {(x.area, x.form): x for x in data.services}[
        ("social", "warsztaty psychoedukacyjne")
    ]
    assert workshops.people.women == 1  # Zielińska; Anna attended but is restricted
    (entry,) = _exports(db)
    assert entry.details == {"kind": "statistics", "records": 3, "identified": True}


def test_lifting_the_restriction_brings_the_person_back(office) -> None:
    db, ids = office
    with db.session() as s:
        rodo.lift_restriction(s, ids.anna)
    with db.read() as s:
        names = {r.last_name for r in exports.participant_list(s).rows}
    assert "Nowak" in names


def test_one_entry_per_export_with_the_right_count(office, tmp_path: Path) -> None:
    db, _ = office
    with db.read() as s:
        people = exports.participant_list(s, *exports.period_of(month=MARCH))
    _save(db, people, tmp_path / "lista.xlsx")
    with db.read() as s:
        hours = exports.hours_export(s, [MARCH, (2025, 4)], as_of=DONE)
    _save(db, hours, tmp_path / "godziny.xlsx")
    entries = _exports(db)
    assert [(e.details["kind"], e.details["records"]) for e in entries] == [
        ("hours", 4),  # newest first: Kowalski and Zielińska in March and in April
        ("participants", 2),  # with a period in March 2025: Kowalski, Zielińska
    ]


def test_cis_weekly_hours_leave_out_the_restricted_person(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        office_service.create_office(
            s,
            office_service.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej w Miliczu",
                operator=office_service.OperatorData(name="Gmina Milicz", legal_form="gmina"),
            ),
        )
        group = groups.add_group(s, "Grupa remontowa")
        people = [
            participants.add_participant(
                s, participants.ParticipantData(first, last, pesel=pesel(born, serial, sex))
            )
            for first, last, born, serial, sex in (
                ("Marek", "Wrona", dt.date(1979, 4, 4), 31, "M"),
                ("Ola", "Sroka", dt.date(1988, 8, 8), 32, "K"),
            )
        ]
        for pid in people:
            participations.enroll(s, pid, dt.date(2025, 3, 3), None, group)
        aid = activities.add_activity(
            s,
            activities.ActivityData(
                date=dt.date(2025, 3, 3),
                start_time=dt.time(9),
                end_time=dt.time(15),
                kind="group",
                topic="Prace remontowe",
                area="vocational",
                group_id=group,
            ),
        )
        attendance.record_activity(s, aid, today=DONE)
        rodo.restrict(s, people[1], "Sprzeciw")
    with db.read() as s:
        data = exports.hours_export(s, [MARCH], as_of=DONE)
    _save(db, data, tmp_path / "godziny.xlsx")
    assert data.header.restricted_skipped == 1
    (month,) = data.months
    assert {w.last_name for w in month.weeks} == {"Wrona"}
    (entry,) = _exports(db)
    assert entry.details == {"kind": "hours", "records": len(month.weeks)}
    assert len(month.weeks) == 4  # ISO weeks 10–13 of 2025 belong to March
