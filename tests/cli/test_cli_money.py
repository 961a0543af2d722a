"""`kisdesk absence | benefit | month`: the issue's keys, money as strings, exit codes 0/2."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from test_cli_activity import dump

from kisdesk.cli import main

ROW_KEYS = {
    "participant_id", "participation_id", "name", "days", "trial_days", "base", "unexcused_days",
    "unexcused_deduction", "forfeited", "sick_days", "sick_days_before", "sick_deduction",
    "sick_unpaid_days", "sick_unpaid_deduction", "days_off", "amount", "premium",
    "contribution_pension", "contribution_disability",
}  # fmt: skip


def run(db: Path, *args: str, capsys) -> tuple[int, object, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    if "--json" in args and code == 0:
        assert out.count("\n") == 1
        return code, json.loads(out), err
    return code, out, err


@pytest.fixture
def office(tmp_path: Path, capsys) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "cis.sqlite"
    for args in (
        ("init", "--type", "cis", "--name", "CIS w Zawoni"),
        ("group", "add", "Warsztat"),
        ("participant", "add", "--first-name", "Ewa", "--last-name", "Zielińska",
         "--birth-date", "1980-02-02", "--sex", "K", "--document", "ABC 1",
         "--start", "2026-03-02", "--group", "Warsztat"),
        ("participant", "add", "--first-name", "Piotr", "--last-name", "Wiśniewski",
         "--birth-date", "1981-03-03", "--sex", "M", "--document", "ABC 2",
         "--start", "2026-06-10", "--group", "Warsztat"),
    ):  # fmt: skip
        assert main(["--db", str(path), *args]) == 0, capsys.readouterr()
    capsys.readouterr()
    return path


def test_benefit_month_json_keys_and_money_strings(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-06-02", "2026-06-03"):
        assert run(office, "activity", "add", "--date", day, "--from", "08:00", "--to", "14:00",
                   "--kind", "group", "--group", "Warsztat", "--topic", "Stolarka",
                   "--absent", "1", capsys=capsys)[0] == 0  # fmt: skip
    code, new, _ = run(office, "absence", "add", "1", "--kind", "sick", "--from", "2026-06-22",
                       "--to", "2026-06-26", "--document", "ZLA 1234567", "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and set(new) == {"id"}
    code, _, _ = run(office, "benefit", "premium", "1", "--month", "2026-06", "--amount", "250,00",
                     "--reason", "Aktywna postawa", capsys=capsys)  # fmt: skip
    assert code == 0
    code, data, _ = run(office, "benefit", "--month", "2026-06", "--json", capsys=capsys)
    assert code == 0
    assert data["month"] == "2026-06" and data["rate"] == "2140.68"
    piotr, ewa = data["rows"]  # by surname: Wiśniewski, Zielińska
    assert set(ewa) == ROW_KEYS
    assert ewa["amount"] == "1659.03" and ewa["forfeited"] is False
    assert (ewa["unexcused_days"], ewa["sick_days"], ewa["premium"]) == (2, 5, "250.00")
    assert piotr["days"] == 21 and piotr["trial_days"] == 21 and piotr["amount"] == "1498.48"
    assert data["totals"] == {
        "amount": "3157.51",
        "premium": "250.00",
        "contribution_pension": "616.34",
        "contribution_disability": "252.60",
    }


def test_absence_list_delete_and_rates(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    run(office, "absence", "add", "1", "--kind", "excused", "--from", "2026-06-05", capsys=capsys)
    code, data, _ = run(office, "absence", "list", "--month", "2026-06", "--json", capsys=capsys)
    assert code == 0 and [r["days"] for r in data["rows"]] == [1]
    assert data["rows"][0]["from"] == "2026-06-05" and data["rows"][0]["kind"] == "excused"
    assert run(office, "absence", "delete", str(data["rows"][0]["id"]), capsys=capsys)[0] == 0
    code, data, _ = run(office, "benefit", "rates", "--json", capsys=capsys)
    assert data["rows"][-1] == {"from": "2026-06-01", "amount": "2140.68"}
    assert run(office, "benefit", "rate-set", "--from", "2027-06-01", "--amount", "2200.00",
               capsys=capsys)[0] == 0  # fmt: skip
    code, data, _ = run(office, "benefit", "rates", "--json", capsys=capsys)
    assert data["rows"][-1] == {"from": "2027-06-01", "amount": "2200.00"}


def test_refused_input_exits_2_and_writes_nothing(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    before = dump(office)
    for args in (
        ("absence", "add", "2", "--kind", "day_off", "--from", "2026-06-15"),  # in the trial
        ("absence", "add", "1", "--kind", "sick", "--from", "2026-06-15", "--to", "2026-06-01"),
        ("benefit", "premium", "1", "--month", "2026-06", "--amount", "3000", "--reason", "x"),
        ("benefit", "premium", "1", "--month", "2026-06", "--amount", "abc", "--reason", "x"),
        ("benefit", "--month", "2026-13"),
        ("month", "reopen", "2026-06", "--reason", "nie zamknięty"),
    ):
        code, out, err = run(office, *args, capsys=capsys)
        assert code == 2, args
        assert err.startswith("Błąd: ") and "Traceback" not in err
    assert dump(office) == before


def test_closed_month_refuses_the_command_line(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, status, _ = run(office, "month", "close", "2026-06", "--json", capsys=capsys)
    assert code == 0 and status["closed"] is True
    before = dump(office)
    for args in (
        ("absence", "add", "1", "--kind", "sick", "--from", "2026-06-15"),
        ("activity", "add", "--date", "2026-06-16", "--from", "08:00", "--to", "14:00",
         "--kind", "group", "--group", "Warsztat", "--topic", "Stolarka"),
        ("benefit", "premium", "1", "--month", "2026-06", "--amount", "100", "--reason", "x"),
        ("participant", "enroll", "2", "--start", "2026-06-01"),
    ):  # fmt: skip
        code, _, err = run(office, *args, capsys=capsys)
        assert code == 2, args
        assert "2026-06 jest zamknięty" in err and "kisdesk month reopen 2026-06" in err
    assert dump(office) == before
    code, status, _ = run(office, "month", "status", "2026-06", "--json", capsys=capsys)
    assert status["month"] == "2026-06" and status["closed"] is True
    code, status, _ = run(office, "month", "reopen", "2026-06", "--reason", "Korekta L4",
                          "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and status["closed"] is False and status["reopen_reason"] == "Korekta L4"
    assert run(office, "absence", "add", "1", "--kind", "sick", "--from", "2026-06-15",
               capsys=capsys)[0] == 0  # fmt: skip


def test_activity_add_leaves_a_person_on_sick_leave_excused(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    run(office, "absence", "add", "1", "--kind", "sick", "--from", "2026-06-15", "--to",
        "2026-06-19", capsys=capsys)  # fmt: skip
    code, added, _ = run(office, "activity", "add", "--date", "2026-06-16", "--from", "08:00",
                         "--to", "14:00", "--kind", "group", "--group", "Warsztat", "--topic",
                         "Stolarka", "--json", capsys=capsys)  # fmt: skip
    assert code == 0 and added["marked"] == 2
    con = sqlite3.connect(office)
    marks = dict(
        con.execute(
            "SELECT participant_id, mark FROM attendance WHERE activity_id = ?", (added["id"],)
        )  # fmt: skip
    )
    con.close()
    assert marks == {1: "excused", 2: "present"}


def test_a_kis_has_no_benefits(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kis.sqlite"
    assert main(["--db", str(path), "init", "--type", "kis", "--name", "KIS"]) == 0
    capsys.readouterr()
    code, _, err = run(path, "benefit", "--month", "2026-06", "--json", capsys=capsys)
    assert code == 2 and "centrum integracji społecznej" in err
    code, status, _ = run(path, "month", "close", "2026-06", "--json", capsys=capsys)
    assert code == 0 and status["closed"] is True  # closing a month is for a KIS too


def test_a_closed_month_keeps_the_settings_of_its_closing(office: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # the pension percentage raised after June was closed changed June's paid list
    def june() -> dict:  # type: ignore[type-arg]
        code, data, err = run(office, "benefit", "--month", "2026-06", "--json", capsys=capsys)
        assert code == 0, err
        return data  # type: ignore[return-value]

    assert run(office, "month", "close", "2026-06", capsys=capsys)[0] == 0
    closed = june()["totals"]
    assert run(office, "settings", "set", "benefit_pension_percent", "20", capsys=capsys)[0] == 0
    assert june()["totals"] == closed  # as signed and paid
    code, july, _ = run(office, "benefit", "--month", "2026-07", "--json", capsys=capsys)
    assert code == 0  # an open month takes the new percentage
    row = next(r for r in july["rows"] if r["amount"] != "0.00")
    assert row["contribution_pension"] == f"{Decimal(row['amount']) * Decimal('0.20'):.2f}"
    assert run(office, "month", "reopen", "2026-06", "--reason", "Nowa składka",
               capsys=capsys)[0] == 0  # fmt: skip
    assert june()["totals"] != closed  # reopened: today's settings again
