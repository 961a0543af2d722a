"""An office with one account of each kind, built once through the command line (Argon2id is
slow on purpose) and copied for each test: the role tests of issue 12 share it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import kisdesk.cli as cli
from tests.pesel import make_pesel

PESEL = make_pesel(dt.date(1977, 9, 3), 88, "K")
PESEL_2 = make_pesel(dt.date(1969, 4, 12), 17, "M")
PESEL_3 = make_pesel(dt.date(1988, 11, 30), 42, "K")
PASSWORDS = {
    "renata": "zielona herbata o poranku",  # kierownik
    "ewa": "psycholog lubi rowery",  # kadra
    "jan": "jan woli kawę bez cukru",  # kadra without health categories
    "ola": "ola liczy faktury w piątki",  # administracja
}
ROLES = {"renata": "kierownik", "ewa": "kadra", "jan": "kadra", "ola": "administracja"}
ENV = ("KISDESK_PASSWORD", "KISDESK_RECOVERY_KEY")


def build(folder: Path, rich: bool = False, kind: str = "kis") -> Path:
    """kis.sqlite with a group, a participant in category 2 and the four accounts; `rich`
    adds what every command needs to have something to work on (an activity led by ewa's
    staff member, an ended participant with a certificate)."""
    db = folder / "kis.sqlite"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KISDESK_DATA_DIR", str(folder / "data"))

        def call(*args: str, password: str | None = None, new: str | None = None) -> None:
            for key, value in (("KISDESK_PASSWORD", password), ("KISDESK_NEW_PASSWORD", new)):
                if value is None:
                    mp.delenv(key, raising=False)
                else:
                    mp.setenv(key, value)
            assert cli.main(["--db", str(db), *args]) == 0, args

        name = "KIS w Zawoni" if kind == "kis" else "CIS w Zawoni"
        call("init", "--type", kind, "--name", name)
        call("group", "add", "Grupa")
        call(
            *("participant", "add", "--first-name", "Danuta", "--last-name", "Kruk"),
            *("--pesel", PESEL, "--start", "2026-01-05", "--group", "Grupa", "--category", "2"),
        )
        if rich:
            _fill(call, kind == "cis")
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
        for login in ("ewa", "jan", "ola"):
            extra = ("--no-sensitive",) if login == "jan" else ()
            call(
                *("--user", "renata", "user", "add", login, "--role", ROLES[login], *extra),
                password=PASSWORDS["renata"],
                new=PASSWORDS[login],
            )
        if rich:  # an authorisation to process data (art. 8b ust. 4) to print and withdraw
            call(
                *("--user", "renata", "authorisation", "add", "--user", "ewa"),
                *("--given-on", "2026-01-02"),
                password=PASSWORDS["renata"],
            )
    return db


def _fill(call: Callable[..., None], cis: bool) -> None:
    call(
        *("participant", "add", "--first-name", "Marian", "--last-name", "Lis"),
        *("--pesel", PESEL_2, "--start", "2026-01-05", "--group", "Grupa"),
        *(("--referral", "pup") if cis else ()),  # its CIS certificate goes to the PUP too
    )
    # the contract of the first period (art. 18 ust. 4; IPZS in a CIS, art. 12)
    call("contract", "set", "1", "--number", "KS/1/2026", "--signed-on", "2026-01-05")
    call("review", "add", "1", "--on", "2026-01-20", "--note", "pierwszy przegląd")
    call(
        *("activity", "add", "--date", "2026-01-07", "--from", "09:00", "--to", "12:00"),
        *("--kind", "group", "--topic", "Warsztaty", "--group", "Grupa"),
    )
    call(
        *("participant", "add", "--first-name", "Hanna", "--last-name", "Sowa"),
        *("--pesel", PESEL_3, "--start", "2026-01-05", "--group", "Grupa"),
    )
    for pid in ("2", "3"):
        call("participant", "end", pid, "--date", "2026-02-27", "--reason", "completed")
    call(
        *("certificate", "--participant", "2", "--kind", "ending", "--date", "2026-03-02"),
        *("--out", str(Path(os.environ["KISDESK_DATA_DIR"]).parent / "c.pdf")),
        *(("--skills", "obsługa kasy") if cis else ()),
    )
    if cis:  # an absence to delete, a closed month to reopen (the CIS commands)
        call("absence", "add", "1", "--kind", "unexcused", "--from", "2026-01-08")
        call("month", "close", "2025-12")


def copy(template: Path, tmp_path: Path) -> Path:
    db = tmp_path / "kis.sqlite"
    shutil.copyfile(template, db)
    return db


def run(db: Path, *args: str, capsys: pytest.CaptureFixture[str], user: str | None = None):
    """(exit status, stdout, stderr) of one command, signed in as `user` when given."""
    saved = {k: os.environ.pop(k, None) for k in ENV}
    try:
        if user is not None:
            args = ("--user", user, *args)
            os.environ["KISDESK_PASSWORD"] = PASSWORDS[user]
        code = cli.main(["--db", str(db), *args])
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value
    out, err = capsys.readouterr()
    return code, out, err
