"""Outcomes after a period, follow-up checkpoints and the annual figures counted from them
(docs/outcomes.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from kisdesk.errors import ValidationError
from kisdesk.rules import outcomes as rules
from kisdesk.services import audit, outcomes, participants, participations, settings
from kisdesk.services.documents_stats import annual_figures
from tests.pesel import make_pesel

D = dt.date


def _person(s, serial: int = 1, categories: tuple[int, ...] = ()) -> int:
    return participants.add_participant(
        s,
        participants.ParticipantData(
            "Jan",
            f"Nowak{serial}",
            pesel=make_pesel(D(1970, 6, 1), serial),
            phone=f"600 100 {serial:03d}",
            categories=categories,
        ),
    )


def _ended(s, start: dt.date, end: dt.date, reason: str, serial: int = 1, person=None) -> int:
    pid = person if person is not None else _person(s, serial)
    period = participations.enroll(s, pid, start)
    participations.end_period(s, period, end, reason)
    return period


# -- rules -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("end", "months", "due"),
    [
        (D(2026, 8, 31), 3, D(2026, 11, 30)),  # November has 30 days
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # a leap year
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 12, 31), 3, D(2027, 3, 31)),
        (D(2026, 1, 15), 6, D(2026, 7, 15)),
    ],
)
def test_checkpoint_dates_clamp_at_the_months_end(end, months, due) -> None:
    assert rules.checkpoint_due(end, months) == due


def test_checkpoint_months_setting_is_parsed_and_checked() -> None:
    assert rules.parse_checkpoint_months("6, 3; 3") == (3, 6)
    assert rules.parse_checkpoint_months("") == ()
    for bad in ("0", "61", "trzy"):
        with pytest.raises(ValueError):
            rules.parse_checkpoint_months(bad)


# -- the outcome -------------------------------------------------------------------------------------
def test_the_end_reason_prefills_the_outcome_and_checkpoints_are_created(kis) -> None:
    with kis.session() as s:
        work = _ended(s, D(2026, 1, 10), D(2026, 8, 31), "employment", 1)
        done = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed", 2)
    with kis.read() as s:
        employed = outcomes.period_outcome(s, work)
        completed = outcomes.period_outcome(s, done)
    assert (employed.kind, employed.on) == ("employment", D(2026, 8, 31))
    assert [(f.checkpoint_months, f.due, f.done) for f in employed.followups] == [
        (3, D(2026, 11, 30), False),
        (6, D(2027, 2, 28), False),
    ]
    assert (completed.kind, completed.on, completed.known) == ("unknown", None, False)


def test_an_ongoing_period_has_no_outcome_and_refuses_one(kis) -> None:
    with kis.session() as s:
        period = participations.enroll(s, _person(s), D(2026, 3, 1))
    with pytest.raises(ValidationError) as err, kis.session() as s:
        outcomes.set_outcome(s, period, "employment", D(2026, 4, 1))
    assert err.value.code == "outcome.period_not_ended"
    with kis.read() as s:
        assert outcomes.period_outcome(s, period).kind is None
        assert outcomes.followups(s, D(2030, 1, 1), include_all=True) == []


def test_an_outcome_is_edited_later_and_every_change_is_audited(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed")
    with kis.session() as s:
        outcomes.set_outcome(s, period, "education", D(2026, 9, 1), "  kurs  spawacza ")
    with kis.session() as s:
        outcomes.set_outcome(s, period, "civil_contract", D(2026, 10, 1))
    with kis.read() as s:
        shown = outcomes.period_outcome(s, period)
        entries = [
            e
            for e in audit.entries_about(s, 1)
            if e.record_type == "participation" and "outcome_kind" in e.details["fields"]
        ]
    assert (shown.kind, shown.on, shown.note) == ("civil_contract", D(2026, 10, 1), "")
    # pre-filled at the end, then two changes by hand
    assert len(entries) == 3


def test_a_hand_made_outcome_survives_a_corrected_end_and_checkpoints_follow_it(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed")
        outcomes.set_outcome(s, period, "education", D(2026, 9, 1), "kurs")
    with kis.session() as s:
        participations.update_period(
            s, period, D(2026, 1, 10), None, None, D(2026, 5, 31), "resigned"
        )
    with kis.read() as s:
        shown = outcomes.period_outcome(s, period)
    assert shown.kind == "education"
    assert [f.due for f in shown.followups] == [D(2026, 8, 31), D(2026, 11, 30)]
    # the period runs again: no outcome, no open checkpoints
    with kis.session() as s:
        participations.update_period(s, period, D(2026, 1, 10), None, None, None, None)
    with kis.read() as s:
        again = outcomes.period_outcome(s, period)
    assert again.kind is None and again.followups == ()


def test_a_corrected_end_reason_refills_an_outcome_nobody_touched(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed")
    with kis.session() as s:
        participations.update_period(
            s, period, D(2026, 1, 10), None, None, D(2026, 6, 30), "business"
        )
    with kis.read() as s:
        assert outcomes.period_outcome(s, period).kind == "business"


def test_the_checkpoint_setting_decides_new_checkpoints(kis) -> None:
    with kis.session() as s:
        assert settings.set_setting(s, "followup_months", "12;1") == "1, 12"
    with pytest.raises(ValidationError) as err, kis.session() as s:
        settings.set_setting(s, "followup_months", "3, siedem")
    assert err.value.code == "settings.bad_months"
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 1, 31), "completed")
    with kis.read() as s:
        due = [(f.checkpoint_months, f.due) for f in outcomes.period_outcome(s, period).followups]
    assert due == [(1, D(2026, 2, 28)), (12, D(2027, 1, 31))]


# -- follow-up ---------------------------------------------------------------------------------------
def test_due_list_shows_what_is_due_and_not_done_with_the_phone(kis) -> None:
    with kis.session() as s:
        first = _ended(s, D(2026, 1, 10), D(2026, 5, 31), "completed", 1)
        _ended(s, D(2026, 1, 10), D(2026, 7, 15), "resigned", 2)
    with kis.read() as s:
        due = outcomes.followups(s, D(2026, 10, 15))
        every = outcomes.followups(s, D(2026, 10, 15), include_all=True)
    assert [(r.name, r.checkpoint_months, r.due) for r in due] == [
        ("Jan Nowak1", 3, D(2026, 8, 31)),
        ("Jan Nowak2", 3, D(2026, 10, 15)),  # due on the day asked: listed
    ]
    assert due[0].phone == "600 100 001" and due[0].participation_id == first
    assert len(every) == 4
    with kis.session() as s:
        outcomes.record_followup(s, due[0].id, D(2026, 9, 2), "no_contact")
    with kis.read() as s:
        left = outcomes.followups(s, D(2026, 10, 15))
        calls = outcomes.call_list(s, 2026, 11)
    assert [r.name for r in left] == ["Jan Nowak2"]
    # November's call list: Nowak1's 6-month checkpoint, and Nowak2's overdue 3-month one
    assert [(r.name, r.checkpoint_months) for r in calls] == [
        ("Jan Nowak2", 3),
        ("Jan Nowak1", 6),
    ]


def test_a_follow_up_that_finds_work_after_none_changes_the_outcome(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "resigned")
        outcomes.set_outcome(s, period, "none", D(2026, 6, 30))
    with kis.read() as s:
        checkpoint = outcomes.period_outcome(s, period).followups[0]
        assert annual_figures(s, 2026).employed_after == 0
    with kis.session() as s:
        row = outcomes.record_followup(s, checkpoint.id, D(2026, 10, 2), "working")
    with kis.read() as s:
        shown = outcomes.period_outcome(s, period)
        figures = annual_figures(s, 2026)
    assert (row.result, row.kind, row.done) == ("working", "employment", True)
    assert (shown.kind, shown.on) == ("employment", D(2026, 10, 2))
    assert (figures.achieved_effects, figures.employed_after) == (1, 1)


def test_a_contact_in_a_few_keys_refuses_what_does_not_fit_and_writes_nothing(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed")
    with kis.read() as s:
        checkpoint = outcomes.period_outcome(s, period).followups[0]
    cases = [
        ({"result": "not_working", "kind": "employment"}, "followup.kind_without_work"),
        ({"result": "working", "kind": "none"}, "followup.bad_working_kind"),
        ({"result": "maybe"}, "followup.bad_result"),
        ({"result": "working", "on": D(2026, 6, 1)}, "followup.before_end"),
    ]
    for params, code in cases:
        on = params.pop("on", D(2026, 9, 30))
        with pytest.raises(ValidationError) as err, kis.session() as s:
            outcomes.record_followup(s, checkpoint.id, on, **params)
        assert err.value.code == code
    with kis.read() as s:
        shown = outcomes.period_outcome(s, period)
    assert shown.kind == "unknown" and not any(f.done for f in shown.followups)
    with kis.session() as s:
        outcomes.record_followup(s, checkpoint.id, D(2026, 9, 30), "working", "internship")
    with kis.read() as s:
        assert outcomes.period_outcome(s, period).kind == "internship"


# -- the annual figures ------------------------------------------------------------------------------
def test_participants_count_people_overlapping_the_year_once(kis) -> None:
    with kis.session() as s:
        twice = _person(s, 1, categories=(5, 2))
        _ended(s, D(2026, 1, 5), D(2026, 3, 31), "resigned", person=twice)
        _ended(s, D(2026, 6, 1), D(2026, 11, 30), "completed", person=twice)
        _ended(s, D(2025, 10, 1), D(2026, 1, 1), "employment", 2)  # one day in 2026
        _ended(s, D(2025, 3, 1), D(2025, 12, 31), "employment", 3)  # ends on 31 December
        participations.enroll(s, _person(s, 4, categories=(5,)), D(2026, 12, 31))
        participations.enroll(s, _person(s, 5), D(2027, 1, 1))  # next year only
    with kis.read() as s:
        y2025, y2026 = annual_figures(s, 2025), annual_figures(s, 2026)
    assert y2026.participants == 3  # the person with two periods counted once
    assert y2026.by_category["5"] == 2 and y2026.by_category["2"] == 1
    assert y2026.by_category["9"] == 0 and sorted(y2026.by_category) == [
        str(c) for c in range(1, 10)
    ]
    # two periods in the year, one achieved: the person counts once
    # the period ending on 1 January 2026 belongs to 2026, the one on 31 December to 2025
    assert (y2026.achieved_effects, y2026.employed_after) == (2, 1)
    assert (y2025.participants, y2025.achieved_effects, y2025.employed_after) == (2, 1, 1)
    assert y2026.kind == "kis"
    assert "zakończył się w roku" in y2026.how_counted["employed_after"]


def test_an_outcome_recorded_after_the_year_counts_for_the_year_the_period_ended(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 2, 1), D(2026, 12, 31), "resigned")
    with kis.read() as s:
        before = annual_figures(s, 2026)
    with kis.session() as s:
        outcomes.set_outcome(
            s, period, "cooperative", D(2027, 2, 15), "Spółdzielnia Socjalna Razem"
        )
    with kis.read() as s:
        after, next_year = annual_figures(s, 2026), annual_figures(s, 2027)
    assert (before.achieved_effects, before.employed_after) == (0, 0)
    assert (after.achieved_effects, after.employed_after) == (1, 1)
    assert (next_year.participants, next_year.achieved_effects, next_year.employed_after) == (
        0,
        0,
        0,
    )


def test_effects_by_outcome_kind_and_by_end_reason(kis) -> None:
    with kis.session() as s:
        kinds = {}
        for serial, (reason, kind) in enumerate(
            [
                ("resigned", "education"),  # an effect, not work
                ("removed", "supported"),  # work
                ("other", "moved_to_cis"),  # neither
                ("moved_to_cis", None),  # neither (moving to a CIS is not in the definition)
                ("completed", "none"),  # an effect by the end reason alone
            ],
            1,
        ):
            period = _ended(s, D(2026, 1, 5), D(2026, 6, 30), reason, serial)
            if kind:
                outcomes.set_outcome(s, period, kind, D(2026, 7, 1))
            kinds[serial] = period
    with kis.read() as s:
        figures = annual_figures(s, 2026)
    assert (figures.participants, figures.achieved_effects, figures.employed_after) == (5, 3, 1)


# -- documents ---------------------------------------------------------------------------------------
def test_the_certificate_names_the_outcome_when_known(kis, tmp_path) -> None:
    from pypdf import PdfReader

    from kisdesk.reports.pdf import certificate
    from kisdesk.services import documents

    with kis.session() as s:
        known = _ended(s, D(2026, 1, 10), D(2026, 8, 31), "completed", 1)
        outcomes.set_outcome(s, known, "civil_contract", D(2026, 9, 14), "umowa zlecenie")
        unknown = _ended(s, D(2026, 1, 10), D(2026, 8, 31), "completed", 2)
    texts = {}
    for period in (known, unknown):
        with kis.session() as s:
            row = documents.issue_certificate(s, period, "ending_certificate", D(2026, 9, 15))
        path = tmp_path / f"{period}.pdf"
        certificate.render(row.data, path)
        texts[period] = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Po zakończeniu uczestnictwa: umowa cywilnoprawna (od 14.09.2026)." in texts[known]
    assert "Po zakończeniu uczestnictwa" not in texts[unknown]
    assert "Przyczyna zakończenia uczestnictwa: ukończenie" in texts[unknown]


def test_the_statistics_workbook_and_the_cis_report_show_the_same_figures(db, tmp_path) -> None:
    import re

    import openpyxl
    from pypdf import PdfReader

    from kisdesk.reports.pdf.documents import render
    from kisdesk.reports.xlsx import statistics as statistics_xlsx
    from kisdesk.services import documents, documents_forms, exports_stats, office

    with db.session() as s:
        office.create_office(
            s,
            office.OfficeData(
                kind="cis",
                name="Centrum Integracji Społecznej w Zawoni",
                operator=office.OperatorData(name="Gmina Zawonia", legal_form="gmina"),
                city="Zawonia",
            ),
        )
        _ended(s, D(2026, 1, 5), D(2026, 12, 31), "employment", 1)  # work
        nobody = _ended(s, D(2026, 1, 5), D(2026, 6, 30), "resigned", 2)
        outcomes.set_outcome(s, nobody, "none", D(2026, 6, 30))
        school = _ended(s, D(2026, 1, 5), D(2026, 6, 30), "removed", 3)
        outcomes.set_outcome(s, school, "education", D(2026, 9, 1))
        _ended(s, D(2026, 1, 5), D(2027, 1, 1), "business", 4)  # counted in 2027
    with db.session() as s:  # a contact finds person 2 working after "brak"
        first = outcomes.period_outcome(s, nobody).followups[0]
        outcomes.record_followup(s, first.id, D(2026, 10, 1), "working", "supported")
    with db.read() as s:
        figures = annual_figures(s, 2026)
        data = exports_stats.statistics_export(s, 2026, as_of=D(2027, 3, 1))
    assert (figures.kind, figures.participants) == ("cis", 4)
    assert (figures.achieved_effects, figures.employed_after) == (3, 2)

    wb = openpyxl.load_workbook(statistics_xlsx.render(data, tmp_path / "statystyka.xlsx"))
    sheet = wb["Wyniki i efekty"]
    rows = {r[0]: r[1:4] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert rows["umowa o pracę"] == (0, 1, 1)
    assert rows["zatrudnienie wspierane / skierowanie z art. 16"] == (0, 1, 1)
    assert rows["dalsza nauka lub kurs"] == (0, 1, 1)
    assert rows["brak"] == (0, 0, 0)
    assert rows["Osiągnęli efekty reintegracji (osoby)"] == (0, 3, 3)
    assert rows["Uzyskali zatrudnienie / usamodzielnieni ekonomicznie (osoby)"] == (0, 2, 2)
    notes = " ".join(str(r[0]) for r in sheet.iter_rows(values_only=True) if r[0])
    assert "Osiągnęli efekty reintegracji: osoby, których okres" in notes
    assert "stwierdzony przy kontakcie kontrolnym" in notes

    with db.session() as s:
        row = documents.register_form(
            s, documents_forms.form_data(s, "cis_annual_report", D(2027, 3, 15), 2026)
        )
    render("cis_annual_report", row.data, tmp_path / "sprawozdanie.pdf")
    pages = PdfReader(tmp_path / "sprawozdanie.pdf").pages
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))
    assert "Liczba uczestników w roku 4" in text
    assert "Liczba uczestników usamodzielnionych ekonomicznie 2" in text
    assert "Liczba uczestników, którzy osiągnęli efekty reintegracji 3" in text
    assert "Sposób liczenia" in text


def test_the_persons_data_pack_includes_outcomes_and_contacts(kis, tmp_path) -> None:
    """RODO art. 15: what the office recorded after the period is the person's data too."""
    from pypdf import PdfReader

    from kisdesk.reports.rodo import data_pack
    from kisdesk.services import rodo_pack

    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed")
        contact = outcomes.period_outcome(s, period).followups[0]
        outcomes.record_followup(s, contact.id, D(2026, 10, 1), "working", "employment")
    with kis.read() as s:
        pack = rodo_pack.data_pack(s, 1)
    (shown,) = pack["participations"]
    assert shown["outcome"] == {"kind": "employment", "since": "2026-10-01", "note": ""}
    assert [(f["after_months"], f["result"]) for f in shown["followups"]] == [
        (3, "working"),
        (6, None),
    ]
    path = data_pack.render(pack, tmp_path / "dane.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())
    assert "umowa o pracę od 2026-10-01; kontakty: 2026-10-01: pracuje" in text


def test_a_note_with_a_control_character_is_refused_and_nothing_written(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 6, 30), "completed")
    with pytest.raises(ValidationError) as err, kis.session() as s:
        outcomes.set_outcome(s, period, "education", D(2026, 9, 1), "kurs\x07spawacza")
    assert err.value.code == "text.control_character"
    with kis.read() as s:
        assert outcomes.period_outcome(s, period).kind == "unknown"


def test_a_period_ended_again_after_reopening_keeps_made_contacts_and_plans_the_rest(kis) -> None:
    with kis.session() as s:
        period = _ended(s, D(2026, 1, 10), D(2026, 3, 31), "completed")
        first = outcomes.period_outcome(s, period).followups[0]
        outcomes.record_followup(s, first.id, D(2026, 7, 1), "not_working")
    with kis.session() as s:  # reopened by mistake, then ended again
        participations.update_period(s, period, D(2026, 1, 10), None, None, None, None)
        participations.update_period(
            s, period, D(2026, 1, 10), None, None, D(2026, 3, 31), "completed"
        )
    with kis.read() as s:
        shown = outcomes.period_outcome(s, period)
    assert [(f.checkpoint_months, f.due, f.result) for f in shown.followups] == [
        (3, D(2026, 6, 30), "not_working"),
        (6, D(2026, 9, 30), None),
    ]
    assert shown.kind == "unknown"
