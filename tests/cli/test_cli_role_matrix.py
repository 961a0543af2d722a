"""Every command of the command line against every role, and against nobody signed in
(issue 12: a command that reads, copies or changes personal data checks the role).

The matrix names each command's decision. A command added to the parser without a line
here fails `test_every_command_has_its_decision`, so no command lands without one.
Allowed: the command succeeds. Refused: exit 2, a Polish message, no file written and no
record changed (only the refusal's own audit entry).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from roles_office import PASSWORDS, ROLES, build, copy, run

from kisdesk.cli import build_parser

LEADER = frozenset({"renata"})
STAFF = frozenset({"renata", "ewa", "jan"})  # kadra with and without health categories
DOCS = frozenset({"renata", "ola"})  # administracja issues documents, exports, backs up
EVERYONE = frozenset(ROLES)
NOBODY_SIGNED_IN = "—"  # an office with accounts, and no --user given


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]  # {out} is a file in the test's folder, {login} the signed-in user
    allowed: frozenset[str]
    anonymous: bool = False  # runs without signing in (reads no personal data)
    leader_code: int = 0  # what an allowed run returns (init on an existing office: 2)
    office: str = "kis"  # the CIS commands run on a CIS office


def cis(argv: tuple[str, ...], allowed: frozenset[str]) -> Case:
    return Case(argv, allowed, office="cis")


MATRIX: dict[str, list[Case]] = {
    "init": [Case(("init", "--type", "kis", "--name", "Inny"), LEADER, leader_code=2)],
    "settings get": [Case(("settings", "get", "hour_minutes"), EVERYONE)],
    "settings set": [Case(("settings", "set", "hour_minutes", "50"), LEADER)],
    "settings list": [Case(("settings", "list"), EVERYONE)],
    "group add": [Case(("group", "add", "Nowa"), STAFF)],
    "group list": [Case(("group", "list"), EVERYONE)],
    "participant add": [
        Case(
            ("participant", "add", "--first-name", "Ala", "--last-name", "Nowa")
            + ("--birth-date", "1990-01-01", "--sex", "K", "--document", "paszport X1")
            + ("--start", "2026-02-02"),
            STAFF,
        )
    ],
    "participant enroll": [Case(("participant", "enroll", "2", "--start", "2026-09-01"), STAFF)],
    "participant edit": [Case(("participant", "edit", "1", "--phone", "600 100 200"), STAFF)],
    "participant end": [
        Case(("participant", "end", "1", "--date", "2026-06-30", "--reason", "other"), STAFF)
    ],
    "participant list": [Case(("participant", "list"), EVERYONE)],
    "activity add": [
        Case(
            ("activity", "add", "--date", "2026-01-14", "--from", "09:00", "--to", "11:00")
            + ("--kind", "group", "--topic", "Rozmowa", "--group", "Grupa"),
            STAFF,
        )
    ],
    "activity list": [Case(("activity", "list", "--month", "2026-01"), EVERYONE)],
    "activity delete": [Case(("activity", "delete", "1"), STAFF)],
    "activity repeat": [Case(("activity", "repeat", "1", "--until", "2026-01-31"), STAFF)],
    "activity copy": [
        Case(
            ("activity", "copy", "--group", "Grupa", "--week", "2026-W02", "--to-week", "2026-W03"),
            STAFF,
        )
    ],
    "attendance set": [Case(("attendance", "set", "1", "1", "excused"), STAFF)],
    "hours": [Case(("hours", "--month", "2026-01", "--as-of", "2026-02-01"), EVERYONE)],
    "graduates": [Case(("graduates", "--as-of", "2026-03-01"), EVERYONE)],
    "migrate-to": [Case(("migrate-to", "sqlite:///{out}.sqlite"), LEADER)],
    "export": [
        Case(("export", "participants", "--out", "{out}.xlsx"), DOCS),
        Case(("export", "attendance", "--month", "2026-01", "--out", "{out}.xlsx"), DOCS),
        Case(("export", "hours", "--month", "2026-01", "--out", "{out}.xlsx"), DOCS),
        Case(("export", "statistics", "--year", "2026", "--out", "{out}.xlsx"), DOCS),
        Case(
            ("export", "statistics", "--year", "2026", "--with-names", "--out", "{out}.xlsx"),
            DOCS,
        ),
    ],
    "import participants": [
        Case(
            ("import", "participants", "{out}.xlsx", "--dry-run"), EVERYONE
        ),  # reads, writes nothing
        Case(("import", "participants", "{out}.xlsx"), STAFF),
    ],
    "demo": [Case(("demo", "--participants", "5"), LEADER, leader_code=2)],
    "certificate": [
        Case(
            ("certificate", "--participant", "3", "--kind", "ending", "--date", "2026-03-03")
            + ("--out", "{out}.pdf"),
            DOCS,
        )
    ],
    "certificates due": [Case(("certificates", "due", "--date", "2026-03-05"), EVERYONE)],
    "certificates reprint": [
        Case(("certificates", "reprint", "1/2026", "--year", "2026", "--out", "{out}.pdf"), DOCS)
    ],
    "certificates cancel": [
        Case(("certificates", "cancel", "1/2026", "--year", "2026", "--reason", "błąd"), DOCS)
    ],
    "certificates list": [Case(("certificates", "list"), EVERYONE)],
    # CIS (art. 13 ust. 5a): the copy of a PUP-referred participant's certificate sent on
    "certificates pup-sent": [
        cis(("certificates", "pup-sent", "1/2026", "--year", "2026", "--on", "2026-03-03"), DOCS)
    ],
    "form": [
        Case(("form", "register", "--out", "{out}.pdf"), DOCS),
        Case(("form", "closing", "--out", "{out}.pdf"), DOCS),
        # the annual report counts people per health category (art. 9): the leader's
        Case(("form", "annual-report", "--year", "2026", "--out", "{out}.pdf"), LEADER),
    ],
    # what came after the club (docs/outcomes.md): periods 2 and 3 ended on 27 February
    "outcome set": [
        Case(("outcome", "set", "2", "--kind", "employment", "--on", "2026-03-10"), STAFF)
    ],
    "followup list": [Case(("followup", "list", "--all"), EVERYONE)],
    "followup record": [
        Case(("followup", "record", "1", "--on", "2026-05-28", "--result", "no_contact"), STAFF)
    ],
    "followup calls": [
        Case(("followup", "calls", "--month", "2026-05", "--out", "{out}.pdf"), EVERYONE)
    ],
    # counted per art. 1 category, health ones included (art. 9): the leader's, as the form
    "report annual": [Case(("report", "annual", "--year", "2026"), LEADER)],
    "print attendance-list": [
        Case(("print", "attendance-list", "--activity", "1", "--out", "{out}.pdf"), EVERYONE)
    ],
    "print attendance-sheet": [
        Case(
            ("print", "attendance-sheet", "--group", "Grupa", "--month", "2026-01")
            + ("--out", "{out}.pdf"),
            EVERYONE,
        )
    ],
    "print journal": [
        Case(
            ("print", "journal", "--group", "Grupa", "--month", "2026-01", "--out", "{out}.pdf"),
            EVERYONE,
        )
    ],
    # administracja's card lists the sessions without their notes (access.can_read_note)
    "print counselling-card": [
        Case(("print", "counselling-card", "--participant", "1", "--out", "{out}.pdf"), EVERYONE)
    ],
    # the month's papers: the same working papers as the sheet, the journal and the lists
    "print month-end": [
        Case(("print", "month-end", "--month", "2026-01", "--out", "{out}"), EVERYONE)
    ],
    # the karta usług doradczych shows goals, reviews and hours by area, no notes
    "print advisory-card": [Case(("print", "advisory-card", "1", "--out", "{out}.pdf"), EVERYONE)],
    "backup": [Case(("backup", "--out", "{out}.kisbak"), DOCS)],
    "restore": [Case(("restore", "{backup}"), LEADER)],
    # `check` reads no personal data (counts, the integrity of the file, the audit chain):
    # it must run on a damaged file, where nobody can sign in.
    "check": [Case(("check",), EVERYONE, anonymous=True)],
    "user add": [Case(("user", "add", "nowy", "--role", "kadra"), LEADER)],
    "user passwd": [Case(("user", "passwd", "{login}"), EVERYONE)],  # one's own password
    "user list": [Case(("user", "list"), LEADER)],
    "user deactivate": [Case(("user", "deactivate", "ola"), LEADER)],
    "user activate": [Case(("user", "activate", "ola"), LEADER)],
    "user unlock": [Case(("user", "unlock", "ola"), LEADER)],
    "user role": [Case(("user", "role", "ola", "kadra"), LEADER)],
    "user grant-health": [Case(("user", "grant-health", "jan"), LEADER)],
    "user revoke-health": [Case(("user", "revoke-health", "ewa"), LEADER)],
    # the leader without the printed key is asked for it (exit 2);
    # tests/cli/test_cli_sealed_data.py recovers with it
    "user recover-health": [Case(("user", "recover-health"), LEADER, leader_code=2)],
    "audit verify": [Case(("audit", "verify"), LEADER)],
    "audit list": [Case(("audit", "list"), LEADER)],
    "rodo pack": [Case(("rodo", "pack", "--participant", "1", "--out", "{out}.json"), LEADER)],
    "rodo anonymise": [Case(("rodo", "anonymise", "--participant", "2"), LEADER)],
    "rodo retention": [Case(("rodo", "retention"), LEADER)],
    # the information clause (art. 13) is handed over by whoever enrols the person
    "rodo clause": [Case(("rodo", "clause", "--participant", "1", "--out", "{out}.pdf"), EVERYONE)],
    "rodo restrict": [
        Case(("rodo", "restrict", "--participant", "1", "--reason", "sprzeciw"), LEADER)
    ],
    "rodo unrestrict": [Case(("rodo", "unrestrict", "--participant", "1"), LEADER)],
    "encrypt": [Case(("encrypt", "on"), LEADER)],
    # CIS: absences, the świadczenie integracyjne, closing a month, readiness, outcomes
    "absence add": [
        cis(("absence", "add", "1", "--kind", "unexcused", "--from", "2026-01-09"), STAFF)
    ],
    "absence list": [cis(("absence", "list"), EVERYONE)],
    "absence delete": [cis(("absence", "delete", "1"), STAFF)],
    "benefit rates": [cis(("benefit", "rates"), EVERYONE)],
    "benefit rate-set": [
        cis(("benefit", "rate-set", "--from", "2026-06-01", "--amount", "1000"), LEADER)
    ],
    "benefit premium": [
        cis(
            ("benefit", "premium", "1", "--month", "2026-03", "--amount", "50", "--reason", "x"),
            LEADER,
        )
    ],
    "month close": [cis(("month", "close", "2026-01"), LEADER)],
    "month reopen": [cis(("month", "reopen", "2025-12", "--reason", "błąd"), LEADER)],
    "month status": [cis(("month", "status", "2026-01"), EVERYONE)],
    "readiness set": [cis(("readiness", "set", "1", "--bhp", "2026-01-05"), STAFF)],
    "readiness list": [cis(("readiness", "list"), EVERYONE)],
    # the participant's path: contract and reviews are kept by whoever enrols people; the
    # head's decisions (art. 13 ust. 4, art. 15 ust. 2) and the authorisations are the leader's
    "contract set": [
        Case(("contract", "set", "1", "--number", "KS/9/2026", "--signed-on", "2026-01-05"), STAFF)
    ],
    "contract show": [Case(("contract", "show", "1"), EVERYONE)],
    "contract goal-add": [Case(("contract", "goal-add", "1", "--text", "Nowy cel"), STAFF)],
    "contract annex-add": [
        Case(("contract", "annex-add", "1", "--on", "2026-02-01", "--change", "termin"), STAFF)
    ],
    "contract trial-decision": [
        cis(
            ("contract", "trial-decision", "1", "--decision", "qualified", "--on", "2026-02-05"),
            LEADER,
        )
    ],
    "contract end": [
        cis(("contract", "end", "1", "--ground", "statement", "--on", "2026-03-02"), LEADER)
    ],
    "review add": [Case(("review", "add", "1", "--on", "2026-02-10", "--note", "bez uwag"), STAFF)],
    "review correct": [
        Case(("review", "correct", "1", "--on", "2026-01-21", "--note", "poprawka"), STAFF)
    ],
    "review list": [Case(("review", "list", "1"), EVERYONE)],
    "authorisation add": [
        Case(("authorisation", "add", "--name", "Anna Nowak", "--given-on", "2026-01-02"), LEADER)
    ],
    "authorisation list": [Case(("authorisation", "list"), EVERYONE)],
    "authorisation withdraw": [
        Case(("authorisation", "withdraw", "1", "--on", "2026-05-01"), LEADER)
    ],
    "authorisation print": [Case(("authorisation", "print", "1", "--out", "{out}.pdf"), EVERYONE)],
    "authorisation undertaking": [
        Case(("authorisation", "undertaking", "1", "--on", "2026-01-03"), LEADER)
    ],
    "print programme": [
        cis(("print", "programme", "--month", "2026-01", "--out", "{out}.pdf"), DOCS)
    ],
    "print meals": [cis(("print", "meals", "--month", "2026-01", "--out", "{out}.pdf"), DOCS)],
    "print benefit-list": [
        cis(("print", "benefit-list", "--month", "2026-01", "--out", "{out}.pdf"), DOCS)
    ],
    "print refund-application": [
        cis(("print", "refund-application", "--month", "2026-01", "--out", "{out}.pdf"), DOCS)
    ],
}


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return [
                name
                for word, sub in action.choices.items()
                for name in _commands(sub, (*prefix, word))
            ]
    return [" ".join(prefix)]


def test_every_command_has_its_decision():
    commands = set(_commands(build_parser()))
    assert commands - set(MATRIX) == set(), "commands without a role decision in MATRIX"
    assert set(MATRIX) - commands == set()


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Per office kind: the office, and a backup of it in its backups folder (so `check`
    finds it healthy and `restore` has something to restore)."""
    import kisdesk.cli as cli

    made = {}
    for kind in ("kis", "cis"):
        template = build(tmp_path_factory.mktemp(f"role-matrix-{kind}"), rich=True, kind=kind)
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("KISDESK_DATA_DIR", str(template.parent / "data"))
            mp.setenv("KISDESK_PASSWORD", PASSWORDS["renata"])
            assert cli.main(["--db", str(template), "--user", "renata", "backup"]) == 0
        (found,) = (template.parent / "data" / "backups").glob("*.kisbak")
        made[kind] = (template, found)
    return made


def _state(db: Path) -> str:
    """A digest of every record but the audit log and sign-in bookkeeping."""
    conn = sqlite3.connect(db)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            if table == "audit_entry":
                continue
            columns = "*"
            if table == "user_account":
                columns = "id, login, role, active, view_sensitive, password_hash, staff_id"
            for row in conn.execute(f'SELECT {columns} FROM "{table}" ORDER BY 1'):
                digest.update(repr((table, row)).encode())
        return digest.hexdigest()
    finally:
        conn.close()


CASES = [
    pytest.param(name, case, who, id=f"{' '.join(case.argv[:3])}-{who}")
    for name, cases in MATRIX.items()
    for case in cases
    for who in (*sorted(ROLES), NOBODY_SIGNED_IN)
]


@pytest.mark.parametrize(("name", "case", "who"), CASES)
def test_role_matrix(templates, tmp_path, capsys, monkeypatch, name, case, who):
    template, backup_file = templates[case.office]
    # the office's own data folder (its backup key opens the backup restored below)
    shutil.copytree(template.parent / "data", tmp_path / "data")
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KISDESK_NEW_PASSWORD", "całkiem nowe hasło do konta")
    office = copy(template, tmp_path)
    out = tmp_path / "out"
    if name == "import participants":
        _spreadsheet(Path(f"{out}.xlsx"))
    argv = [
        a.format(out=out, login=who if who in ROLES else "renata", backup=backup_file)
        for a in case.argv
    ]
    before = _state(office)
    user = who if who in ROLES else None
    code, _out, err = run(office, *argv, capsys=capsys, user=user)
    signed = who in ROLES or case.anonymous
    if signed and who in case.allowed or (case.anonymous and who == NOBODY_SIGNED_IN):
        assert code == case.leader_code, err
        return
    assert code == 2, err
    assert "Traceback" not in err and err.startswith("Błąd: ")
    if who == NOBODY_SIGNED_IN:
        assert "--user" in err
    else:
        assert "nie pozwala" in err or "tylko kierownik" in err, err
    assert _state(office) == before
    written = [p.name for p in tmp_path.iterdir() if p.name.startswith("out")]
    assert written == ([] if name != "import participants" else ["out.xlsx"])


def _spreadsheet(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Imię", "Nazwisko", "PESEL", "Data rozpoczęcia"])
    sheet.append(["Ala", "Nowa", "", "2026-02-02"])
    book.save(path)


# -- no existence oracle --------------------------------------------------------------------
# Each command that names a record, once more naming a record that does not exist. A role
# without the right must get the same refusal either way: a refusal that came only after the
# record was looked up ("nie znaleziono" for a missing one) would tell it which ids, numbers
# and logins exist (docs/misuse-cases.md, "Roles (existence)").
MISSING_ID, MISSING_NUMBER, MISSING_LOGIN = "999999", "999/2026", "nikt"
MISSING_GROUP = "Grupa, której nie ma"
MISSING: dict[str, tuple[str, ...]] = {
    "participant enroll": ("participant", "enroll", MISSING_ID, "--start", "2026-09-01"),
    "participant edit": ("participant", "edit", MISSING_ID, "--phone", "600 100 200"),
    "participant end": ("participant", "end", MISSING_ID, "--date", "2026-06-30")
    + ("--reason", "other"),
    "activity delete": ("activity", "delete", MISSING_ID),
    "activity repeat": ("activity", "repeat", MISSING_ID, "--until", "2026-01-31"),
    "activity copy": ("activity", "copy", "--group", MISSING_GROUP, "--week", "2026-W02")
    + ("--to-week", "2026-W03"),
    "activity add": ("activity", "add", "--date", "2026-01-14", "--from", "09:00")
    + ("--to", "11:00", "--kind", "group", "--topic", "Rozmowa", "--group", MISSING_GROUP),
    "export": ("export", "attendance", "--month", "2026-01", "--group", MISSING_GROUP)
    + ("--out", "{out}.xlsx"),
    "participant add": ("participant", "add", "--first-name", "Ala", "--last-name", "Nowa")
    + ("--birth-date", "1990-01-01", "--sex", "K", "--document", "paszport X1")
    + ("--start", "2026-02-02", "--group", MISSING_GROUP),
    "attendance set": ("attendance", "set", MISSING_ID, MISSING_ID, "excused"),
    "certificate": ("certificate", "--participant", MISSING_ID, "--kind", "ending")
    + ("--date", "2026-03-03", "--out", "{out}.pdf"),
    "certificates reprint": ("certificates", "reprint", MISSING_NUMBER, "--year", "2026")
    + ("--out", "{out}.pdf"),
    "certificates cancel": ("certificates", "cancel", MISSING_NUMBER, "--year", "2026")
    + ("--reason", "błąd"),
    "certificates pup-sent": ("certificates", "pup-sent", MISSING_NUMBER, "--year", "2026")
    + ("--on", "2026-03-03"),
    "outcome set": ("outcome", "set", MISSING_ID, "--kind", "employment", "--on", "2026-03-10"),
    "followup record": ("followup", "record", MISSING_ID, "--on", "2026-05-28")
    + ("--result", "no_contact"),
    "user deactivate": ("user", "deactivate", MISSING_LOGIN),
    "user activate": ("user", "activate", MISSING_LOGIN),
    "user unlock": ("user", "unlock", MISSING_LOGIN),
    "user role": ("user", "role", MISSING_LOGIN, "kadra"),
    "user grant-health": ("user", "grant-health", MISSING_LOGIN),
    "user revoke-health": ("user", "revoke-health", MISSING_LOGIN),
    "user passwd": ("user", "passwd", MISSING_LOGIN),
    "rodo pack": ("rodo", "pack", "--participant", MISSING_ID, "--out", "{out}.json"),
    "rodo anonymise": ("rodo", "anonymise", "--participant", MISSING_ID),
    "rodo restrict": ("rodo", "restrict", "--participant", MISSING_ID, "--reason", "sprzeciw"),
    "rodo unrestrict": ("rodo", "unrestrict", "--participant", MISSING_ID),
    "absence add": ("absence", "add", MISSING_ID, "--kind", "unexcused", "--from", "2026-01-09"),
    "absence delete": ("absence", "delete", MISSING_ID),
    "benefit premium": ("benefit", "premium", MISSING_ID, "--month", "2026-03")
    + ("--amount", "50", "--reason", "x"),
    "readiness set": ("readiness", "set", MISSING_ID, "--bhp", "2026-01-05"),
    "contract set": ("contract", "set", MISSING_ID, "--number", "KS/9/2026")
    + ("--signed-on", "2026-01-05"),
    "contract goal-add": ("contract", "goal-add", MISSING_ID, "--text", "Nowy cel"),
    "contract annex-add": ("contract", "annex-add", MISSING_ID, "--on", "2026-02-01")
    + ("--change", "termin"),
    "contract trial-decision": ("contract", "trial-decision", MISSING_ID)
    + ("--decision", "qualified", "--on", "2026-02-05"),
    "contract end": ("contract", "end", MISSING_ID, "--ground", "statement")
    + ("--on", "2026-03-02"),
    "review add": ("review", "add", MISSING_ID, "--on", "2026-02-10", "--note", "bez uwag"),
    "authorisation add": ("authorisation", "add", "--user", MISSING_LOGIN)
    + ("--given-on", "2026-01-02"),
    "authorisation withdraw": ("authorisation", "withdraw", MISSING_ID, "--on", "2026-05-01"),
}
EXISTING: dict[str, tuple[str, ...]] = {
    # the same command on a record that exists, where the matrix's own case names none
    "user passwd": ("user", "passwd", "renata"),
    "authorisation add": ("authorisation", "add", "--user", "ewa", "--given-on", "2026-01-02"),
}
# one's own password is everyone's; another account's is the leader's
ALLOWED = {"user passwd": LEADER}
ORACLE_CASES = [
    pytest.param(name, who, id=f"{name}-{who}")
    for name in MISSING
    for who in (*sorted(ROLES), NOBODY_SIGNED_IN)
    if who not in ALLOWED.get(name, MATRIX[name][0].allowed)
]


def test_every_record_naming_command_is_tried_with_a_missing_record():
    assert set(MISSING) <= set(MATRIX)
    assert ORACLE_CASES, "no refused role to try"


@pytest.mark.parametrize(("name", "who"), ORACLE_CASES)
def test_a_refusal_does_not_tell_whether_the_record_exists(
    templates, tmp_path, capsys, monkeypatch, name, who
):
    case = MATRIX[name][0]
    template, _backup = templates[case.office]
    shutil.copytree(template.parent / "data", tmp_path / "data")
    monkeypatch.setenv("KISDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KISDESK_NEW_PASSWORD", "całkiem nowe hasło do konta")
    office = copy(template, tmp_path)
    out = tmp_path / "out"
    user = who if who in ROLES else None
    refusals = []
    for argv in (EXISTING.get(name, case.argv), MISSING[name]):
        code, _out, err = run(office, *(a.format(out=out) for a in argv), capsys=capsys, user=user)
        refusals.append((code, err))
    (existing_code, existing_err), (missing_code, missing_err) = refusals
    assert existing_code == 2, existing_err
    assert (missing_code, missing_err) == (existing_code, existing_err)
