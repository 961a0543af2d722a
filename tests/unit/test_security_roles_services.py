"""Role checks in the services themselves, not only in the GUI (issue 6; docs/domain.md#office):

- counselling notes on the counselling card: the leader all, kadra only of the sessions
  they lead, administracja none;
- the annual report to the voivode counts health categories, so it is the leader's alone;
  certificates are for roles that issue documents, exports for roles that export;
- the dashboard keeps working for every role, and an office without accounts (the implicit
  leader) works as before;
- the command line refuses administracja the annual report with exit status 2.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_documents_fixtures import pdf_text

import kisdesk.cli as cli
from kisdesk import access
from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.db.open import open_database
from kisdesk.errors import KisdeskError, PermissionDenied
from kisdesk.messages import describe
from kisdesk.models import AuditEntry, IssuedDocument, Participant, Participation
from kisdesk.reports.pdf import counselling_card
from kisdesk.services import (
    activities,
    dashboard,
    dashboard_hours,
    documents_annual,
    documents_data,
    documents_due,
    documents_forms,
    exports,
    participant_history,
    participants,
    participations,
    staff,
)
from kisdesk.services.documents_journal import CounsellingCardData, counselling_card_data
from tests.pesel import make_pesel

NOTE_EWA = "Rozmowa o terapii odwykowej"
NOTE_PIOTR = "Plan szukania pracy w stolarni"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def office(kis: Database) -> dict[str, int]:
    """Halina with two counselling sessions: one led by Ewa, one by Piotr, each with a note."""
    with kis.session() as s:
        ewa = staff.add_staff(s, staff.StaffData("Ewa", "Psycholog", role="psycholog"))
        piotr = staff.add_staff(s, staff.StaffData("Piotr", "Stolarz", role="doradca zawodowy"))
        pid = participants.add_participant(
            s,
            participants.ParticipantData(
                "Halina", "Wrona", pesel=make_pesel(dt.date(1981, 5, 17), 77, "K")
            ),
        )
        period = participations.enroll(s, pid, dt.date(2026, 1, 5), group_id=1)
        sessions = {}
        for who, day, note in ((ewa, 3, NOTE_EWA), (piotr, 10, NOTE_PIOTR)):
            sessions[who] = activities.add_activity(
                s,
                activities.ActivityData(
                    date=dt.date(2026, 2, day),
                    start_time=dt.time(10),
                    end_time=dt.time(11),
                    kind="individual",
                    topic="Poradnictwo indywidualne",
                    participant_id=pid,
                    staff_ids=(who,),
                    note=note,
                ),
            )
        participations.end_period(s, period, dt.date(2026, 6, 30), "completed")
    return {"ewa": ewa, "piotr": piotr, "participant": pid, "period": period}


def _kadra(ids: dict[str, int]) -> Actor:
    return Actor("Ewa Psycholog", Role.STAFF, user_id=2, staff_id=ids["ewa"])


ADMIN = Actor("Marek Nowak", Role.ADMIN, user_id=3)


def _card_notes(db: Database, actor: Actor | None, pid: int) -> tuple[bool, list[str | None]]:
    with db.read(actor) as s:
        card = counselling_card_data(s, pid, 2026)
    return card.show_notes, [r.note for r in card.rows]


# -- counselling notes ---------------------------------------------------------------------
def test_counselling_card_shows_kadra_only_the_notes_of_its_own_sessions(office, kis) -> None:
    assert _card_notes(kis, None, office["participant"]) == (True, [NOTE_EWA, NOTE_PIOTR])
    assert _card_notes(kis, _kadra(office), office["participant"]) == (True, [NOTE_EWA, None])
    assert _card_notes(kis, ADMIN, office["participant"]) == (False, [None, None])


def test_counselling_card_pdf_for_kadra(office, kis, tmp_path: Path) -> None:
    with kis.read(_kadra(office)) as s:
        data: CounsellingCardData = counselling_card_data(s, office["participant"], 2026)
    counselling_card.render(data, tmp_path / "karta.pdf")
    text = re.sub(r"\s+", " ", pdf_text(tmp_path / "karta.pdf"))
    assert "KARTA DORADZTWA INDYWIDUALNEGO" in text and "Piotr Stolarz" in text
    assert NOTE_EWA in text
    assert NOTE_PIOTR not in text


def test_kadra_leading_none_of_the_sessions_gets_no_notes_column(office, kis) -> None:
    stranger = Actor("Anna Pedagog", Role.STAFF, user_id=4, staff_id=None)
    assert _card_notes(kis, stranger, office["participant"]) == (False, [None, None])


# -- documents -----------------------------------------------------------------------------
def _denied_count(db: Database) -> int:
    with db.read() as s:
        return int(
            s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.event == "access_denied"))
        )


def test_administracja_may_not_prepare_the_annual_report(office, kis) -> None:
    with pytest.raises(PermissionDenied) as refused, kis.read(ADMIN) as s:
        documents_forms.form_data(s, "annual_report", TODAY, 2026)
    assert isinstance(refused.value, KisdeskError)
    assert refused.value.code == "access.denied"
    assert "administracja" in describe(refused.value) and "nie pozwala" in describe(refused.value)
    with pytest.raises(PermissionDenied), kis.read(ADMIN) as s:
        documents_annual.annual_report_data(s, 2026, TODAY)
    assert _denied_count(kis) == 2  # each refusal is in the audit log
    # the leader (here: the office without accounts) prepares it as before
    with kis.read() as s:
        report = documents_forms.form_data(s, "annual_report", TODAY, 2026)
    assert "2026" in report.title


def test_kadra_may_not_prepare_the_annual_report_either(office, kis) -> None:
    with pytest.raises(PermissionDenied), kis.read(_kadra(office)) as s:
        documents_annual.annual_report_data(s, 2026, TODAY)


def test_administracja_prepares_the_register_form_and_certificates(office, kis) -> None:
    with kis.read(ADMIN) as s:
        form = documents_forms.register_form_data(s, TODAY)
        period = s.get_one(Participation, office["period"])
        certificate = documents_data.certificate_data(
            s, period, documents_data.ENDING, "1/2026", TODAY
        )
    assert form.kind == "register_form"
    assert "Wrona" in certificate.person_name


def test_kadra_may_not_compose_a_certificate_or_issue_the_due_ones(office, kis) -> None:
    with pytest.raises(PermissionDenied), kis.read(_kadra(office)) as s:
        period = s.get_one(Participation, office["period"])
        documents_data.certificate_data(s, period, documents_data.ENDING, "1/2026", TODAY)
    with pytest.raises(PermissionDenied), kis.session(_kadra(office)) as s:
        documents_due.issue_due(s, TODAY)
    with kis.read() as s:
        assert s.scalar(select(func.count(IssuedDocument.id))) == 0


def test_export_header_needs_the_export_permission(office, kis) -> None:
    with pytest.raises(PermissionDenied), kis.read(_kadra(office)) as s:
        exports.export_header(s)
    with kis.read(ADMIN) as s:
        assert exports.export_header(s).office_name == "Klub Integracji Społecznej w Zawoni"


def test_administracja_may_not_register_a_participant(office, kis) -> None:
    data = participants.ParticipantData(
        "Jan", "Kos", pesel=make_pesel(dt.date(1990, 2, 2), 12, "M")
    )
    with pytest.raises(PermissionDenied), kis.session(ADMIN) as s:
        participant_history.register_participant(s, data, dt.date(2026, 11, 2), 1)
    with kis.read() as s:
        assert s.scalar(select(func.count(Participant.id))) == 1  # only Halina
    with kis.session(_kadra(office)) as s:  # kadra registers people
        assert participant_history.register_participant(s, data, dt.date(2026, 11, 2), 1) > 0


# -- the dashboard -------------------------------------------------------------------------
@pytest.mark.parametrize("role", [None, Role.LEADER, Role.STAFF, Role.ADMIN])
def test_every_role_sees_the_dashboard(office, kis, role) -> None:
    actor = None if role is None else Actor("Ktoś", role, user_id=9, staff_id=office["ewa"])
    with kis.read(actor) as s:
        board = dashboard.dashboard(s, TODAY)
        chart = dashboard_hours.hours_by_month(s, TODAY)
        due = dashboard.certificates_due(s, TODAY)
    assert [c.name for c in board.certificates_due] == [
        "Wrona Halina"
    ]  # surname first, as on every list
    assert [c.name for c in due] == ["Wrona Halina"]  # surname first, as on every list
    assert len(chart) == len(board.hours_by_month) == 12


def test_the_dashboard_functions_check_the_role(office, kis, monkeypatch) -> None:
    """Every dashboard function asks for READ itself: a role without it (none has that
    today, so one is made here) is refused by each, not only by dashboard()."""
    monkeypatch.setitem(access.ROLE_PERMISSIONS, Role.ADMIN, frozenset())
    for call in (
        lambda s: dashboard_hours.current_month(s, TODAY),
        lambda s: dashboard_hours.missed_last_month(s, TODAY),
        lambda s: dashboard_hours.current_week(s, TODAY),
        lambda s: dashboard_hours.missed_last_week(s, TODAY),
        lambda s: dashboard_hours.hours_by_month(s, TODAY),
        lambda s: dashboard.certificates_due(s, TODAY),
        lambda s: dashboard.deadlines(s, TODAY),
        lambda s: dashboard.missing_attendance(s, TODAY),
        lambda s: dashboard.upcoming_graduates(s, TODAY, 30),
    ):
        with pytest.raises(PermissionDenied), kis.read(ADMIN) as s:
            call(s)


# -- the command line ----------------------------------------------------------------------
PASSWORDS = {"renata": "zielona herbata o poranku", "marek": "marek lubi pomidory"}


@pytest.fixture(scope="module")
def cli_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office with a leader and an administrative worker, built once through the CLI."""
    folder = tmp_path_factory.mktemp("cli-roles")
    db = folder / "kis.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KISDESK_DATA_DIR", str(folder / "data"))

        def call(*args: str, password: str | None = None, new: str | None = None) -> None:
            for key, value in (("KISDESK_PASSWORD", password), ("KISDESK_NEW_PASSWORD", new)):
                if value is None:
                    mp.delenv(key, raising=False)
                else:
                    mp.setenv(key, value)
            assert cli.main(["--db", str(db), *args]) == 0

        call("init", "--type", "kis", "--name", "KIS w Zawoni")
        call("group", "add", "Grupa")
        call(
            "user",
            "add",
            "renata",
            "--role",
            "kierownik",
            "--name",
            "Renata",
            new=PASSWORDS["renata"],
        )
        call(
            "--user",
            "renata",
            "user",
            "add",
            "marek",
            "--role",
            "administracja",
            "--name",
            "Marek",
            password=PASSWORDS["renata"],
            new=PASSWORDS["marek"],
        )
    return db


def _cli(db: Path, user: str, *args: str, capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setenv("KISDESK_PASSWORD", PASSWORDS[user])
    code = cli.main(["--db", str(db), "--user", user, *args])
    out, err = capsys.readouterr()
    monkeypatch.delenv("KISDESK_PASSWORD", raising=False)
    return code, out, err


def test_cli_annual_report_is_refused_to_administracja(
    cli_template: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.delenv("KISDESK_NEW_PASSWORD", raising=False)
    db = tmp_path / "kis.sqlite"
    shutil.copyfile(cli_template, db)
    capsys.readouterr()
    out = tmp_path / "sprawozdanie.pdf"
    code, _out, err = _cli(
        db,
        "marek",
        "form",
        "annual-report",
        "--year",
        "2026",
        "--out",
        str(out),
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 2
    assert "Twoja rola (administracja) nie pozwala na tę czynność" in err
    assert not out.exists()
    code, _out, err = _cli(
        db,
        "marek",
        "form",
        "register",
        "--out",
        str(tmp_path / "zgloszenie.pdf"),
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0, err  # the register form is a document administracja prepares
    code, _out, err = _cli(
        db,
        "renata",
        "form",
        "annual-report",
        "--year",
        "2026",
        "--out",
        str(out),
        capsys=capsys,
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    database = open_database(f"sqlite:///{db}")
    try:
        with database.read() as s:
            kinds = sorted(s.scalars(select(IssuedDocument.kind)))
    finally:
        database.dispose()
    assert kinds == ["annual_report", "register_form"]  # nothing from the refused call
