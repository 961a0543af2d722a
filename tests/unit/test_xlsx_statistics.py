"""Yearly statistics (CAS 01 / CAS 02 breakdowns) against a dataset with known counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kisdesk.access import Actor, Role
from kisdesk.reports.xlsx import statistics as statistics_xlsx
from kisdesk.services import exports_stats
from kisdesk.services.exports_stats import SexCounts
from tests.fixtures.xlsx.export_dataset import DONE, build


@pytest.fixture
def stats(kis):  # type: ignore[no-untyped-def]
    build(kis)
    with kis.read() as s:
        return exports_stats.statistics_export(s, 2025, as_of=DONE)


def _rows(table):  # type: ignore[no-untyped-def]
    return dict(table.rows)


def test_started_took_part_and_finished_by_sex_and_category(stats) -> None:
    started = _rows(stats.started)
    assert stats.started.total == SexCounts(women=2, men=1)  # Anna, Zielińska; Mazur
    assert started[5] == SexCounts(1, 0)
    assert started[8] == SexCounts(1, 0)
    assert started[2] == SexCounts(0, 0)  # Jan started in 2024
    assert started[None] == SexCounts(0, 1)  # Mazur has no category
    took_part = _rows(stats.took_part)
    assert stats.took_part.total == SexCounts(women=2, men=2)  # Ewa starts in 2026
    assert took_part[5] == SexCounts(1, 1)
    assert took_part[2] == SexCounts(0, 1)
    assert took_part[9] == SexCounts(0, 0)
    assert stats.finished.total == SexCounts(women=2, men=1)


def test_outcomes_after_ending(stats) -> None:
    outcomes = dict(stats.outcomes.rows)
    assert outcomes["employment"] == SexCounts(1, 0)
    assert outcomes["completed"] == SexCounts(1, 0)
    assert outcomes["resigned"] == SexCounts(0, 1)
    assert outcomes["cooperative"] == SexCounts(0, 0)
    assert stats.outcomes.total.total == 3


def test_services_by_area_count_people_who_attended(stats) -> None:
    lines = {(s.area, s.form): s for s in stats.services}
    workshops = lines[("social", "warsztaty psychoedukacyjne")]
    assert (workshops.activities, workshops.minutes) == (1, 180)
    assert workshops.people == SexCounts(2, 0)  # Anna and Zielińska (partial); Jan absent
    assert workshops.attended_minutes == 180 + 90
    counselling = lines[("vocational", "doradztwo zawodowe")]
    assert counselling.people == SexCounts(2, 0)  # Jan was excused: not served
    assert lines[("social", "poradnictwo psychologiczne")].people == SexCounts(0, 1)
    assert stats.area_people["social"] == SexCounts(2, 1)
    assert stats.area_people["vocational"] == SexCounts(2, 0)


def test_a_year_is_counted_up_to_the_date_asked(kis) -> None:
    build(kis)
    with kis.read() as s:
        early = exports_stats.statistics_export(s, 2025, as_of=dt.date(2025, 3, 1))
    assert early.started.total == SexCounts(1, 0)  # only Anna had started by 1 March
    assert early.finished.total == SexCounts(0, 0)
    assert early.services == []


def test_statistics_workbook_is_pseudonymised(kis, tmp_path: Path) -> None:
    build(kis)
    with kis.read() as s:
        data = exports_stats.statistics_export(s, 2025, as_of=DONE)
    out = statistics_xlsx.render(data, tmp_path / "statystyka.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Rozpoczęli",
        "Uczestniczyli",
        "Ukończyli",
        "Po zakończeniu",
        "Wyniki i efekty",
        "Reintegracja społeczna",
        "Reintegracja zawodowa",
        "Uczestnicy (pseudonimy)",
    ]
    text = " ".join(
        str(v) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for v in r if v
    )
    for name in ("Nowak", "Kowalski", "Zielińska", "Mazur", "85030"):
        assert name not in text
    assert "CAS 01" in wb["Rozpoczęli"]["A1"].value
    started = wb["Rozpoczęli"]
    rows = {r[0]: r[1:4] for r in started.iter_rows(values_only=True) if r[0]}
    assert rows[
        "5 – długotrwale bezrobotni w rozumieniu ustawy o rynku pracy i służbach zatrudnienia"
    ] == (1, 0, 1)
    assert rows["Ogółem (osoby)"] == (2, 1, 3)
    assert started.freeze_panes == "A5"
    details = wb["Uczestnicy (pseudonimy)"]
    codes = [r[0] for r in details.iter_rows(min_row=5, values_only=True) if r[0] and r[1]]
    assert len(codes) == 4 and all(len(c) == 10 for c in codes)
    social = wb["Reintegracja społeczna"]
    hours = {r[0]: r for r in social.iter_rows(values_only=True) if r[0]}
    assert hours["warsztaty psychoedukacyjne"][2] == 4  # 180 min = 4 didactic hours


def test_pseudonyms_differ_between_exports(kis) -> None:
    build(kis)
    with kis.read() as s:
        one = {d.code for d in exports_stats.statistics_export(s, 2025, as_of=DONE).details}
        two = {d.code for d in exports_stats.statistics_export(s, 2025, as_of=DONE).details}
    assert one and not one & two


def test_names_only_when_asked_and_health_categories_by_role(kis) -> None:
    build(kis)
    with kis.read(actor=Actor("Administracja", Role.ADMIN)) as s:
        data = exports_stats.statistics_export(s, 2025, as_of=DONE, identify=True)
    assert {d.last_name for d in data.details} >= {"Nowak", "Kowalski"}
    assert data.sensitive_hidden
    assert {c for c, _ in data.took_part.rows} == {1, 5, 6, 7, 9, None}
