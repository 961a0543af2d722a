"""The participant's path on the command line: kontrakt/IPZS per period, goals, reviews,
graduate status as the act defines it, exclusions at enrolment and the PUP copy."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from kisdesk.cli import main
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1975, 4, 12), 77, "M")


def run(db_path: Path, *args: str, capsys) -> tuple[int, dict | str, str]:  # type: ignore[type-arg]
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    if "--json" in args and code == 0:
        assert out.count("\n") == 1, "exactly one JSON object on stdout"
        return code, json.loads(out), err
    return code, out, err


def dump(db_path: Path) -> list:  # type: ignore[type-arg]
    con = sqlite3.connect(db_path)
    tables = [
        r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
    ]
    rows = [(t, sorted(map(repr, con.execute(f'SELECT * FROM "{t}"')))) for t in tables]
    con.close()
    return rows


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def make_office(tmp_path: Path, kind: str, capsys) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.sqlite"
    name = "KIS w Zawoni" if kind == "kis" else "CIS w Zawoni"
    assert (
        run(path, "init", "--type", kind, "--name", name, "--city", "Zawonia", capsys=capsys)[0]
        == 0
    )
    return path


@pytest.fixture
def kis(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    return make_office(tmp_path, "kis", capsys)


@pytest.fixture
def cis(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    return make_office(tmp_path, "cis", capsys)


def add(db: Path, capsys, *extra: str, start: str = "2026-01-15") -> int:  # type: ignore[no-untyped-def]
    code, out, err = run(
        db,
        "participant",
        "add",
        "--first-name",
        "Jan",
        "--last-name",
        "Kowalski",
        "--pesel",
        PESEL,
        "--start",
        start,
        *extra,
        "--json",
        capsys=capsys,
    )
    assert code == 0, err
    assert isinstance(out, dict)
    return int(out["participation_id"])


def graduate_row(db: Path, as_of: str, capsys) -> dict:  # type: ignore[no-untyped-def,type-arg]
    code, out, _ = run(db, "graduates", "--as-of", as_of, "--json", capsys=capsys)
    assert code == 0 and isinstance(out, dict)
    (row,) = out["rows"]
    return row  # type: ignore[no-any-return]


def test_kis_contract_goals_review_and_the_graduate_path(kis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    period = add(kis, capsys)
    row = graduate_row(kis, "2026-03-01", capsys)
    assert row["kind"] == "kis" and row["contract_status"] is None
    assert row["missing"] == ["months", "certificate", "contract"] and not row["graduate"]
    code, out, _ = run(
        kis, "contract", "set", str(period), "--number", "KS/3/2026", "--signed-on",
        "2026-01-12", "--institution", "GOPS w Zawoni", "--worker", "Ewa Lis", "--from",
        "2026-01-15", "--to", "2026-07-31", "--json", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and out["contract"]["status"] == "in_progress"
    code, goal, _ = run(
        kis, "contract", "goal-add", str(period), "--text", "Kurs kucharza", "--area",
        "vocational", "--due", "2026-05-30", "--json", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and goal["goal"]["area"] == "vocational"
    goal_id = goal["goal"]["id"]
    code, review, _ = run(
        kis, "review", "add", str(period), "--on", "2026-04-15", "--goal",
        f"{goal_id}=achieved", "--note", "Kurs ukończony", "--json", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and review["review"]["goals"] == [{"goal_id": goal_id, "progress": "achieved"}]
    code, shown, _ = run(kis, "contract", "show", str(period), "--json", capsys=capsys)
    assert shown["contract"]["number"] == "KS/3/2026"
    assert shown["contract"]["goals"][0]["status"] == "achieved"
    assert run(kis, "participant", "end", "1", "--date", "2026-07-20", "--reason", "completed",
               capsys=capsys)[0] == 0  # fmt: skip
    # 6 months done, but no certificate of ending and the kontrakt not carried out
    row = graduate_row(kis, "2026-08-01", capsys)
    assert row["months_complete"] and row["missing"] == ["certificate", "contract"]
    before = dump(kis)
    code, _, err = run(kis, "certificate", "--participant", "1", "--kind", "graduate", "--date",
                       "2026-08-01", "--out", str(tmp_path / "a.pdf"), capsys=capsys)  # fmt: skip
    assert code == 2 and "zaświadczenie o zakończeniu" in err and "kontrakt socjalny" in err
    assert dump(kis) == before and not (tmp_path / "a.pdf").exists()
    ending = tmp_path / "ending.pdf"
    assert run(kis, "certificate", "--participant", "1", "--kind", "ending", "--date",
               "2026-07-21", "--out", str(ending), capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(ending)
    assert "kontrakt socjalny nr KS/3/2026 z dnia 12.01.2026 r." in text
    assert run(kis, "contract", "set", str(period), "--number", "KS/3/2026", "--signed-on",
               "2026-01-12", "--status", "realised", "--status-on", "2026-07-20",
               capsys=capsys)[0] == 0  # fmt: skip
    row = graduate_row(kis, "2026-08-01", capsys)
    assert row["missing"] == [] and row["graduate"] and row["eligible"]
    assert row["ending_certificate"] == "1/2026" and row["contract_status"] == "realised"
    assert row["graduate_until"] is None  # KIS: no time limit
    # the kontrakt was realised on 20 July: on 19 July it was not yet
    assert graduate_row(kis, "2026-07-19", capsys)["contract_status"] == "in_progress"
    graduate = tmp_path / "graduate.pdf"
    assert run(kis, "certificate", "--participant", "1", "--kind", "graduate", "--date",
               "2026-08-01", "--out", str(graduate), capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(graduate)
    assert "Na podstawie art. 2 pkt 1b ustawy z dnia 13 czerwca 2003 r." in text
    assert "zrealizowany kontrakt socjalny nr KS/3/2026 – spełniony" in text
    assert (
        "art. 147–148 ustawy z dnia 20 marca 2025 r. o rynku pracy i służbach zatrudnienia" in text
    )
    assert "art. 161–163" in text and "promocji zatrudnienia" not in text


def test_ending_certificate_without_a_contract_names_none(kis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    add(kis, capsys)
    assert run(kis, "participant", "end", "1", "--date", "2026-03-20", "--reason", "resigned",
               capsys=capsys)[0] == 0  # fmt: skip
    out = tmp_path / "e.pdf"
    assert run(kis, "certificate", "--participant", "1", "--kind", "ending", "--date",
               "2026-03-20", "--out", str(out), capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(out)
    assert "kontrakt" not in text.lower() and "Podstawa uczestnictwa" not in text


def test_override_issues_with_the_reason_stored(kis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    add(kis, capsys)
    code, _, err = run(kis, "certificate", "--participant", "1", "--kind", "graduate", "--date",
                       "2026-03-01", "--override", "Decyzja kierownika: praca za granicą",
                       "--out", str(tmp_path / "g.pdf"), capsys=capsys)  # fmt: skip
    assert code == 0, err
    code, listed, _ = run(kis, "certificates", "list", "--json", capsys=capsys)
    assert listed["rows"][0]["override_reason"] == "Decyzja kierownika: praca za granicą"
    assert "niespełniony" in pdf_text(tmp_path / "g.pdf")  # honest about what is missing


def test_contract_refusals_write_nothing(kis, capsys):  # type: ignore[no-untyped-def]
    period = add(kis, capsys)
    before = dump(kis)
    for args, words in (
        (("contract", "set", str(period), "--number", " ", "--signed-on", "2026-01-12"), "numer"),
        (("contract", "set", str(period), "--number", "K", "--signed-on", "12.01.2026"), "2026"),
        (
            (
                "contract",
                "set",
                str(period),
                "--number",
                "K",
                "--signed-on",
                "2026-01-12",
                "--from",
                "2026-05-01",
                "--to",
                "2026-04-01",
            ),
            "Koniec okresu",
        ),  # fmt: skip
        (("contract", "set", "999", "--number", "K", "--signed-on", "2026-01-12"), "999"),
        (("contract", "goal-add", str(period), "--text", "Cel"), "contract set"),
        (("review", "add", str(period), "--on", "2026-04-01", "--goal", "1=done"), "achieved"),
    ):
        code, _, err = run(kis, *args, capsys=capsys)
        assert code == 2 and words in err, (args, err)
        assert "Traceback" not in err
    assert dump(kis) == before


def test_cis_refuses_a_pensioner_kis_accepts_the_disability_pension(kis, cis, capsys):  # type: ignore[no-untyped-def]
    before = dump(cis)
    code, _, err = run(cis, "participant", "add", "--first-name", "Jan", "--last-name", "Nowak",
                       "--pesel", PESEL, "--start", "2026-01-15", "--entitlement",
                       "disability_pension", capsys=capsys)  # fmt: skip
    assert code == 2 and "art. 1 ust. 3" in err and "renta z tytułu niezdolności" in err
    assert dump(cis) == before
    period = add(kis, capsys, "--entitlement", "disability_pension")  # ust. 3a
    con = sqlite3.connect(kis)
    assert con.execute(
        "SELECT entitlements, statement_on FROM participation WHERE id = ?", (period,)
    ).fetchone() == ("disability_pension", "2026-01-15")
    con.close()
    before = dump(kis)
    code, _, err = run(kis, "participant", "enroll", "1", "--start", "2027-01-10",
                       "--entitlement", "retirement_pension", capsys=capsys)  # fmt: skip
    assert code == 2 and "emerytura" in err and dump(kis) == before


def test_social_enterprise_employee_has_no_category_and_needs_no_contract(kis, capsys):  # type: ignore[no-untyped-def]
    code, _, err = run(kis, "participant", "add", "--first-name", "Jan", "--last-name", "Nowak",
                       "--pesel", PESEL, "--start", "2026-01-15", "--kind", "social_enterprise",
                       "--category", "5", capsys=capsys)  # fmt: skip
    assert code == 2 and "przedsiębiorstwa społecznego" in err
    add(kis, capsys, "--kind", "social_enterprise")
    row = graduate_row(kis, "2026-03-01", capsys)
    assert "contract" not in row["missing"]


def test_cis_status_window_and_the_copy_to_the_pup(cis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    period = add(cis, capsys, "--category", "5", start="2026-09-15")
    assert run(cis, "contract", "set", str(period), "--number", "IPZS/4/2026", "--signed-on",
               "2026-09-14", capsys=capsys)[0] == 0  # fmt: skip
    assert run(cis, "participant", "end", "1", "--date", "2027-03-15", "--reason", "employment",
               capsys=capsys)[0] == 0  # fmt: skip
    out = tmp_path / "cis.pdf"
    assert run(cis, "certificate", "--participant", "1", "--kind", "ending", "--date",
               "2027-03-16", "--skills", "obsługa kasy fiskalnej", "--out", str(out),
               capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(out)
    assert "indywidualny program zatrudnienia socjalnego nr IPZS/4/2026" in text
    assert "powiatowego urzędu pracy (art. 13 ust. 5a" in text and "art. 199" in text
    assert "o rynku pracy i służbach zatrudnienia" in text
    row = graduate_row(cis, "2027-09-15", capsys)
    assert row["kind"] == "cis" and row["graduate"] and row["graduate_until"] == "2027-09-15"
    assert row["contract_status"] == "in_progress" and row["missing"] == []
    after = graduate_row(cis, "2027-09-16", capsys)
    assert (
        not after["graduate"] and not after["eligible"] and after["graduate_until"] == "2027-09-15"
    )
    code, listed, _ = run(cis, "certificates", "list", "--json", capsys=capsys)
    assert listed["rows"][0]["pup_required"] and listed["rows"][0]["sent_to_pup_on"] is None
    code, text, _ = run(cis, "certificates", "list", capsys=capsys)
    assert "[do wysłania do PUP: certificates pup-sent]" in text  # the reminder, in text too
    code, _, err = run(cis, "certificates", "pup-sent", "1/2027", "--on", "2027-03-10",
                       capsys=capsys)  # fmt: skip
    assert code == 2 and "przed wydaniem" in err
    assert run(cis, "certificates", "pup-sent", "1/2027", "--on", "2027-03-18", "--office",
               "PUP w Trzebnicy", capsys=capsys)[0] == 0  # fmt: skip
    code, listed, _ = run(cis, "certificates", "list", "--json", capsys=capsys)
    assert listed["rows"][0]["sent_to_pup_on"] == "2027-03-18"
    assert listed["rows"][0]["pup_office"] == "PUP w Trzebnicy"
    code, text, _ = run(cis, "certificates", "list", capsys=capsys)
    assert "[PUP: wysłano 2027-03-18, PUP w Trzebnicy]" in text
    # recorded again: the earlier date is said, not silently replaced; the office is kept
    code, again, _ = run(cis, "certificates", "pup-sent", "1/2027", "--on", "2027-03-19",
                         "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and again["previous_sent_to_pup_on"] == "2027-03-18"
    assert again["pup_office"] == "PUP w Trzebnicy"


def test_karta_uslug_doradczych_from_the_records(kis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    assert run(kis, "group", "add", "G", capsys=capsys)[0] == 0
    period = add(kis, capsys, "--group", "G")
    assert run(kis, "activity", "add", "--date", "2026-02-03", "--from", "9:00", "--to", "12:00",
               "--kind", "group", "--topic", "Warsztat", "--group", "G", capsys=capsys)[0] == 0  # fmt: skip
    assert run(kis, "contract", "set", str(period), "--number", "KS/5/2026", "--signed-on",
               "2026-01-10", capsys=capsys)[0] == 0  # fmt: skip
    assert run(kis, "contract", "goal-add", str(period), "--text", "Kurs kucharza",
               "--area", "vocational", "--actions", "zapisy w CKZiU",
               capsys=capsys)[0] == 0  # fmt: skip
    assert run(kis, "review", "add", str(period), "--on", "2026-04-15", "--goal", "1=achieved",
               "--note", "Kurs ukończony", capsys=capsys)[0] == 0  # fmt: skip
    out = tmp_path / "karta.pdf"
    code, payload, _ = run(kis, "print", "advisory-card", str(period), "--out", str(out),
                           "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and payload["outcome"] is None  # still taking part: not known yet
    text = pdf_text(out)
    assert "KARTA USŁUG DORADCZYCH" in text and "KS/5/2026 z 10.01.2026" in text
    assert "Kurs kucharza" in text and "Kurs ukończony" in text
    assert "działania: zapisy w CKZiU" in text  # the actions agreed with the goal
    assert "Reintegracja społeczna zajęcia grupowe 4,00" in text and "jeszcze nieznany" in text
    assert run(kis, "participant", "end", "1", "--date", "2026-07-20", "--reason",
               "employment", capsys=capsys)[0] == 0  # fmt: skip
    code, payload, _ = run(kis, "print", "advisory-card", str(period), "--out", str(out),
                           "--json", capsys=capsys)  # fmt: skip
    assert payload["outcome"] and payload["outcome"] in pdf_text(out)  # the outcome when known


def test_authorisations_register_warning_and_print(kis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    before = dump(kis)
    code, _, err = run(kis, "authorisation", "add", "--user", "nikt", "--given-on", "2026-01-02",
                       capsys=capsys)  # fmt: skip
    assert code == 2 and "nikt" in err and dump(kis) == before
    code, row, _ = run(kis, "authorisation", "add", "--name", "Ewa Lis", "--given-on",
                       "2026-01-02", "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and row["number"] == "1/2026" and not row["valid"]  # no undertaking yet
    code, row, _ = run(kis, "authorisation", "add", "--name", "Ewa Lis", "--given-on",
                       "2026-01-05", "--undertaking-on", "2026-01-05", "--json",
                       capsys=capsys)  # fmt: skip
    assert row["valid"] and row["number"] == "2/2026"
    out = tmp_path / "upo.pdf"
    assert run(kis, "authorisation", "print", str(row["id"]), "--out", str(out),
               capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(out)
    assert "UPOWAŻNIENIE NR 2/2026" in text and "art. 18f ustawy" in text
    assert "ZOBOWIĄZANIE DO ZACHOWANIA TAJEMNICY" in text and "Ewa Lis" in text
    assert run(kis, "authorisation", "withdraw", str(row["id"]), "--on", "2026-06-30",
               capsys=capsys)[0] == 0  # fmt: skip
    code, listed, _ = run(kis, "authorisation", "list", "--as-of", "2026-07-01", "--json",
                          capsys=capsys)  # fmt: skip
    assert [r["valid"] for r in listed["rows"]] == [False, False]
    # the undertaking of the first one signed later: from that day it allows processing
    before = dump(kis)
    code, _, err = run(kis, "authorisation", "undertaking", str(row["id"]), "--on", "2026-07-02",
                       capsys=capsys)  # fmt: skip
    assert code == 2 and "odwołano" in err and dump(kis) == before  # withdrawn: no undertaking
    code, first, _ = run(kis, "authorisation", "undertaking", "1", "--on", "2026-01-04", "--json",
                         capsys=capsys)  # fmt: skip
    assert code == 0 and first["undertaking_on"] == "2026-01-04" and first["valid"]
    code, listed, _ = run(kis, "authorisation", "list", "--as-of", "2026-07-01", "--json",
                          capsys=capsys)  # fmt: skip
    assert [r["valid"] for r in listed["rows"]] == [True, False]


def test_cis_keeps_participants_ten_years_from_the_end_of_the_year(cis, capsys):  # type: ignore[no-untyped-def]
    add(cis, capsys, start="2015-03-01")
    assert run(cis, "participant", "end", "1", "--date", "2015-11-30", "--reason", "employment",
               capsys=capsys)[0] == 0  # fmt: skip
    code, report, err = run(cis, "rodo", "retention", "--as-of", "2025-12-31", "--json",
                            capsys=capsys)  # fmt: skip
    assert code == 0, err
    assert report["participant_years"] == 10 and report["items"] == []  # art. 8b ust. 5
    code, report, _ = run(cis, "rodo", "retention", "--as-of", "2026-01-01", "--json",
                          capsys=capsys)  # fmt: skip
    assert [i["due_on"] for i in report["items"]] == ["2026-01-01"]


def test_cis_trial_notice_and_the_decision_ending_an_ipzs(cis, tmp_path, capsys):  # type: ignore[no-untyped-def]
    period = add(cis, capsys)
    assert run(cis, "contract", "set", str(period), "--number", "IPZS/2/2026", "--signed-on",
               "2026-01-12", capsys=capsys)[0] == 0  # fmt: skip
    before = dump(cis)
    code, _, err = run(cis, "contract", "trial-decision", str(period), "--decision", "qualified",
                       "--on", "2026-02-01", capsys=capsys)  # fmt: skip
    assert code == 2 and "2026-02-14" in err and dump(cis) == before  # the trial runs on
    notice = tmp_path / "ops.pdf"
    assert run(cis, "contract", "trial-decision", str(period), "--decision", "qualified",
               "--on", "2026-02-16", "--ops", "Kierownik GOPS w Zawoni", "--out", str(notice),
               capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(notice)
    assert "art. 15 ust. 2" in text and "został(a) zakwalifikowany(-a)" in text
    assert "IPZS/2/2026" in text and "Kierownik GOPS w Zawoni" in text
    code, shown, _ = run(cis, "contract", "show", str(period), "--json", capsys=capsys)
    assert shown["contract"]["trial_decision"] == "qualified"
    before = dump(cis)
    code, _, err = run(cis, "contract", "end", str(period), "--ground", "breach", "--on",
                       "2026-05-04", capsys=capsys)  # fmt: skip
    assert code == 2 and "uzasadnienia" in err and dump(cis) == before
    decision = tmp_path / "decyzja.pdf"
    assert run(cis, "contract", "end", str(period), "--ground", "leaving", "--on", "2026-05-04",
               "--justification", "Nieobecny od 1 kwietnia mimo wezwań.", "--out",
               str(decision), capsys=capsys)[0] == 0  # fmt: skip
    text = pdf_text(decision)
    assert "art. 13 ust. 4 i 4a" in text and "trwałe opuszczenie zajęć" in text
    assert "skarga do wojewódzkiego sądu administracyjnego" in text and "art. 13 ust. 4b" in text
    code, shown, _ = run(cis, "contract", "show", str(period), "--json", capsys=capsys)
    assert (shown["contract"]["status"], shown["contract"]["status_on"]) == (
        "terminated",
        "2026-05-04",
    )


def test_review_corrected_and_listed_with_its_plan(kis, capsys):  # type: ignore[no-untyped-def]
    period = add(kis, capsys)
    assert run(kis, "contract", "set", str(period), "--number", "KS/5/2026", "--signed-on",
               "2026-01-12", capsys=capsys)[0] == 0  # fmt: skip
    goals = []
    for text in ("Kurs kucharza", "Terapia"):
        code, out, _ = run(kis, "contract", "goal-add", str(period), "--text", text, "--json",
                           capsys=capsys)  # fmt: skip
        goals.append(out["goal"]["id"])
    code, added, _ = run(
        kis, "review", "add", str(period), "--on", "2026-04-10", "--goal", f"{goals[0]}=in_progress",
        "--note", "Kurs trwa", "--json", capsys=capsys,
    )  # fmt: skip
    rid = added["review"]["id"]
    # refused corrections: nothing written
    before = dump(kis)
    for args, words in (
        (("review", "correct", "999", "--on", "2026-04-10"), "przeglądu o numerze 999"),
        (("review", "correct", str(rid), "--on", "2026-01-02"), "przed początkiem"),
        (("review", "correct", str(rid), "--on", "2026-04-10", "--goal", "77=achieved"), "77"),
        (("review", "correct", str(rid), "--on", "2026-04-10", "--goal", f"{goals[0]}=ok"),
         "achieved"),
    ):  # fmt: skip
        code, _, err = run(kis, *args, capsys=capsys)
        assert code == 2 and words in err, (args, err)
        assert "Traceback" not in err
    assert dump(kis) == before
    code, fixed, err = run(
        kis, "review", "correct", str(rid), "--on", "2026-04-14", "--goal", f"{goals[0]}=achieved",
        "--goal", f"{goals[1]}=not_achieved", "--note", "Kurs ukończony", "--json", capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    assert fixed["review"]["on"] == "2026-04-14" and fixed["review"]["note"] == "Kurs ukończony"
    assert fixed["review"]["goals"] == [
        {"goal_id": goals[0], "progress": "achieved"},
        {"goal_id": goals[1], "progress": "not_achieved"},
    ]
    _, shown, _ = run(kis, "contract", "show", str(period), "--json", capsys=capsys)
    assert [g["status"] for g in shown["contract"]["goals"]] == ["achieved", "not_achieved"]
    # the correction is in the audit log: who changed which fields of which review
    con = sqlite3.connect(kis)
    details = [
        json.loads(d)
        for (d,) in con.execute(
            "SELECT details FROM audit_entry WHERE record_type = 'review' AND record_id = ?",
            (rid,),
        )
    ]
    con.close()
    assert any(d.get("action") == "updated" and "held_on" in d["fields"] for d in details)
    code, listed, _ = run(kis, "review", "list", str(period), "--as-of", "2026-07-20", "--json",
                          capsys=capsys)  # fmt: skip
    assert code == 0 and [r["id"] for r in listed["reviews"]] == [rid]
    # every 3 months from 15 January: 15 April held (the review of 14 April), 15 July overdue
    assert listed["planned"][:2] == [
        {"on": "2026-04-15", "state": "held"},
        {"on": "2026-07-15", "state": "overdue"},
    ]
    assert {p["state"] for p in listed["planned"][2:]} == {"planned"}


def test_a_cis_period_cannot_be_planned_past_the_maximum(kis, cis, capsys):  # type: ignore[no-untyped-def]
    # 26 months planned were taken without a word (art. 13 ust. 2: at most 24 with the trial)
    base = ("participant", "add", "--first-name", "Jan", "--last-name", "Nowak", "--pesel", PESEL,
            "--start", "2026-11-02")  # fmt: skip
    before = dump(cis)
    code, _, err = run(cis, *base, "--planned-end", "2028-12-31", capsys=capsys)
    assert code == 2 and "najpóźniejszym możliwym końcu uczestnictwa w CIS" in err
    assert "2028-11-01" in err and "24 miesięcy" in err
    assert dump(cis) == before
    assert run(cis, *base, "--planned-end", "2028-11-01", capsys=capsys)[0] == 0  # the last day
    assert run(kis, *base, "--planned-end", "2028-12-31", capsys=capsys)[0] == 0  # a club: no cap
