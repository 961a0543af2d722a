"""Import of participants: the per-row preview of a messy file, and the confirmed import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.errors import ConflictError, KisdeskError, PermissionDenied, ValidationError
from kisdesk.messages import describe
from kisdesk.models import Participant, Participation
from kisdesk.services import imports, participants, participations
from tests.fixtures.xlsx.make_messy import EXISTING, EXPECTED, LOST_ZERO, OK_ROWS, write_messy
from tests.pesel import make_pesel


@pytest.fixture
def office(kis: Database) -> Database:
    """The KIS office with Tomasz Dąbrowski already on file (row 13 repeats him)."""
    with kis.session() as s:
        pid = participants.add_participant(
            s, participants.ParticipantData("Tomasz", "Dąbrowski", pesel=EXISTING)
        )
        participations.enroll(s, pid, dt.date(2026, 1, 5))
    return kis


@pytest.fixture
def messy(tmp_path: Path) -> imports.ImportFile:
    return imports.open_import(str(write_messy(tmp_path / "messy.xlsx")))


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        people = s.scalar(select(func.count()).select_from(Participant))
        periods = s.scalar(select(func.count()).select_from(Participation))
    return int(people or 0), int(periods or 0)


def test_preview_reports_each_messy_row(office: Database, messy: imports.ImportFile) -> None:
    with office.read() as s:
        preview = imports.preview_import(s, messy, messy.proposed)
    got = {r.row: ([e.code for e in r.errors] or ["ok"]) for r in preview.rows}
    assert set(got) == set(EXPECTED)  # the empty row 8 is not reported at all
    for row, expected in EXPECTED.items():
        assert expected in got[row], (row, got[row])
    assert preview.ok_count == len(OK_ROWS)


def test_preview_details(office: Database, messy: imports.ImportFile) -> None:
    with office.read() as s:
        rows = {r.row: r for r in imports.preview_import(s, messy, messy.proposed).rows}
    lost = rows[6].errors[0]
    assert lost.params["suggestion"] == LOST_ZERO and lost.params["value"] == LOST_ZERO[1:]
    assert rows[5].data is not None and rows[5].data.pesel == "44051401359"  # was 44051401359.0
    assert rows[5].start_on == dt.date(2027, 3, 15)  # typed as text "15.03.2027"
    assert rows[19].start_on == dt.date(2027, 3, 15)  # an unformatted serial number
    assert rows[20].data is not None and rows[20].data.categories == (5,)  # cached formula
    anna = rows[4]
    assert anna.data is not None and anna.data.referral_source == "ops"
    assert anna.data.referral_institution == "GOPS w Zawoni"
    assert anna.group_id is not None and anna.planned_end_on == dt.date(2027, 9, 14)
    refugee = rows[17].data
    assert refugee is not None and refugee.pesel is None and refugee.sex == "M"
    assert rows[12].errors[0].params["first_row"] == 4
    assert rows[13].errors[-1].params["existing_name"] == "Tomasz Dąbrowski"


def test_the_lost_zero_can_be_restored_on_request(
    office: Database, messy: imports.ImportFile
) -> None:
    with office.read() as s:
        rows = {
            r.row: r
            for r in imports.preview_import(s, messy, messy.proposed, fix_leading_zeros=True).rows
        }
    assert rows[6].ok and rows[6].data is not None and rows[6].data.pesel == LOST_ZERO
    assert rows[6].warnings[0].code == "import.pesel_zero_restored"


def test_a_preview_writes_nothing(office: Database, messy: imports.ImportFile) -> None:
    before = _counts(office)
    with office.session() as s:
        imports.preview_import(s, messy, messy.proposed)
    assert _counts(office) == before


def test_the_import_writes_exactly_the_good_rows(
    office: Database, messy: imports.ImportFile
) -> None:
    before = _counts(office)
    with office.session() as s:
        result = imports.run_import(s, messy, messy.proposed)
    assert result.imported == len(OK_ROWS) and result.errors == len(EXPECTED) - len(OK_ROWS)
    assert sorted(r.row for r in result.rows if r.status == "imported") == OK_ROWS
    assert _counts(office) == (before[0] + len(OK_ROWS), before[1] + len(OK_ROWS))
    with office.read() as s:
        names = set(s.scalars(select(Participant.last_name)))
        anna = s.scalar(select(Participant).where(Participant.last_name == "Nowak"))
        assert anna is not None and anna.city == "Zawonia" and anna.phone == "600 100 200"
        assert [c.category for c in anna.categories] == [5]
        period = s.scalar(select(Participation).where(Participation.participant_id == anna.id))
        assert period is not None and period.start_on == dt.date(2027, 3, 15)
        assert period.group is not None and period.group.name == "Grupa poniedziałkowa"
    assert "Wiśniewski" not in names and "Mazur" not in names and "Zielińska" not in names


def test_a_row_refused_while_writing_leaves_nothing_of_itself(
    office: Database, messy: imports.ImportFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_enroll = imports.enroll

    def enroll(session, participant_id, *args):  # type: ignore[no-untyped-def]
        person = session.get(Participant, participant_id)
        if person.last_name == "Kowalski":
            raise ConflictError("participation.overlap", start="2027-01-01", end=None)
        return real_enroll(session, participant_id, *args)

    def refused(*_args):  # type: ignore[no-untyped-def]
        raise ConflictError("record.conflict")  # e.g. someone enrolled meanwhile

    # the bulk write is refused, so the rows go one by one and the refusal lands at its row
    monkeypatch.setattr(imports, "enroll_new", refused)
    monkeypatch.setattr(imports, "enroll", enroll)
    with office.session() as s:
        result = imports.run_import(s, messy, messy.proposed)
    row5 = next(r for r in result.rows if r.row == 5)
    assert row5.status == "error" and row5.errors[0].code == "participation.overlap"
    assert result.imported == len(OK_ROWS) - 1
    with office.read() as s:
        assert s.scalar(select(Participant.id).where(Participant.last_name == "Kowalski")) is None
        assert s.scalar(select(Participant.id).where(Participant.last_name == "Nowak"))


def test_a_fault_mid_import_writes_nothing(
    office: Database, messy: imports.ImportFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _counts(office)
    calls = []

    def enroll(session, *args):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk unplugged")
        return 0

    def enroll_new(session, periods):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk unplugged")  # after the people of the bulk write were added

    monkeypatch.setattr(imports, "enroll", enroll)
    monkeypatch.setattr(imports, "enroll_new", enroll_new)
    with pytest.raises(RuntimeError), office.session() as s:
        imports.run_import(s, messy, messy.proposed)
    assert _counts(office) == before


def test_excluded_rows_are_skipped(office: Database, messy: imports.ImportFile) -> None:
    with office.session() as s:
        result = imports.run_import(s, messy, messy.proposed, exclude_rows={4})
    assert next(r for r in result.rows if r.row == 4).status == "skipped"
    assert result.imported == len(OK_ROWS) - 1


def test_the_mapping_must_name_the_person(office: Database, messy: imports.ImportFile) -> None:
    mapping = {i: f for i, f in messy.proposed.items() if f != "first_name"}
    with office.read() as s, pytest.raises(ValidationError) as caught:
        imports.preview_import(s, messy, mapping)
    assert caught.value.code == "import.mapping_needs_names"
    doubled = dict(messy.proposed) | {0: "last_name"}
    with office.read() as s, pytest.raises(ValidationError) as caught:
        imports.preview_import(s, messy, doubled)
    assert caught.value.code == "import.field_twice"


def test_only_roles_that_add_participants_may_import(
    office: Database, messy: imports.ImportFile
) -> None:
    with pytest.raises(PermissionDenied), office.session(actor=Actor("Admin", Role.ADMIN)) as s:
        imports.run_import(s, messy, messy.proposed)
    with office.session(actor=Actor("Kadra", Role.STAFF)) as s:
        assert imports.run_import(s, messy, messy.proposed).imported == len(OK_ROWS)


def test_a_name_of_the_other_sex_than_the_pesel_is_pointed_out_not_refused(
    office: Database, tmp_path: Path
) -> None:
    # the PESEL of the next line copied into Anna's row: the sheet's mistake is said
    # in the preview, and a name that truly is the person's own can still be imported
    wb = Workbook()
    ws = wb.active
    ws.append(["Nazwisko", "Imię", "PESEL"])
    ws.append(["Nowak", "Anna", make_pesel(dt.date(1980, 5, 1), 17, "M")])
    ws.append(["Lis", "Marek", make_pesel(dt.date(1979, 2, 3), 18, "M")])
    ws.append(["Bondarenko", "Olena", make_pesel(dt.date(1990, 7, 8), 19, "M")])
    wb.save(tmp_path / "lista.xlsx")
    sheet = imports.open_import(str(tmp_path / "lista.xlsx"))
    with office.read() as s:
        rows = imports.preview_import(s, sheet, sheet.proposed).rows
    anna, marek, olena = rows
    assert anna.ok and [w.code for w in anna.warnings] == ["import.name_usually_female"]
    text = describe(KisdeskError(anna.warnings[0].code, **anna.warnings[0].params))
    assert text.startswith("Imię „Anna” jest zwykle żeńskie, a płeć w tym wierszu")
    assert marek.ok and marek.warnings == ()
    assert olena.ok and olena.warnings == ()  # a name the lists do not know: nothing said
