"""The command-line tool, on the same services as the GUI (like calibre's `calibredb`).

Exit status: 0 success; 2 anything the user got wrong (a Polish message on stderr, nothing
written: every command is one transaction); 1 a fault of the program. With `--json` a
command prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kisdesk.cli.args import Parser
from kisdesk.cli.names import COMMAND_MODULES, command_of
from kisdesk.console import prepare_streams
from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr
from kisdesk.log_format import mask
from kisdesk.messages import describe
from kisdesk.paths import resolve_db_url
from kisdesk.rules.text import for_terminal, for_terminal_json

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Output:
    payload: dict[str, Any]
    text: str
    status: int = 0  # `kisdesk check`: 2 when something is wrong, with the report printed


Handler = Callable[[argparse.Namespace], Output]


def json_flag() -> argparse.ArgumentParser:
    """`--json` accepted after any command (and before it)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help=tr("wypisz wynik jako jeden obiekt JSON"),
    )
    return parent


# The modules that register commands, in the order --help lists them.
MODULES = (
    "authorisations",
    "core",
    "journal",
    "path",
    "money",
    "outcomes",
    "transfer",
    "spreadsheets",
    "demo",
    "documents",
    "storage",
    "security",
)


def _modules_for(argv: Sequence[str] | None) -> tuple[str, ...]:
    """Only the module of the command given: a command's start does not pay for reportlab,
    openpyxl and every other command's services. --help, no command or an unknown one:
    all of them (the message then lists every command)."""
    if argv is not None:
        module = COMMAND_MODULES.get(command_of(list(argv)) or "")
        if module is not None:
            return (module,)
    return MODULES


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The parser for `argv` (every command when None)."""
    parser = Parser(
        prog="kisdesk",
        description=tr("kisdesk – ewidencja klubu lub centrum integracji społecznej."),
        parents=[json_flag()],
    )
    parser.add_argument(
        "--db",
        metavar="ŚCIEŻKA|URL",
        help=tr(
            "plik bazy SQLite albo adres SQLAlchemy (domyślnie: folder danych użytkownika; "
            "także zmienna KISDESK_DB)"
        ),
    )
    parser.add_argument(
        "--user",
        metavar="NAZWA",
        default=argparse.SUPPRESS,
        help=tr("użytkownik, gdy baza ma konta (hasło: zmienna KISDESK_PASSWORD lub pytanie)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="POLECENIE", parser_class=Parser)
    for name in _modules_for(argv):
        importlib.import_module(f"kisdesk.cli.{name}").register(commands, json_flag())
    return parser


def _open(args: argparse.Namespace) -> Any:
    """Open the command's database (an encrypted file is unlocked with the user's password
    or the recovery key) and sign the user in where the office has accounts: every service
    call then checks that user's role (issue: who may see what)."""
    from kisdesk.cli import security

    db = security.open_for_cli(resolve_db_url(args.db), args)
    try:
        db.actor = security.authenticate_cli(db, args)
        if db.pre_upgrade_backup is not None:  # the verified backup taken before upgrading
            from kisdesk.services import storage

            storage.record_backup(db, db.pre_upgrade_backup)  # by the signed-in user
    except BaseException:
        db.dispose()
        raise
    return db


def main(argv: Sequence[str]) -> int:
    prepare_streams()  # before anything is written: output never fails after a commit
    from kisdesk.services import listeners

    listeners.install()  # the audit log and the RODO guard, before any database is opened
    parser = build_parser(argv)
    args = parser.parse_args(list(argv))
    as_json = bool(getattr(args, "json", False))
    if as_json:
        prepare_streams(json_output=True)
    handler: Callable[..., Output] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    db = None
    try:
        # restore and check open the file themselves (it may be damaged, missing or in use)
        db = _open(args) if getattr(args, "open_db", True) else None
        out = handler(db, args)
    except KisdeskError as exc:
        sys.stderr.write(for_terminal(tr("Błąd: ") + describe(exc)) + "\n")
        return 2
    except Exception:  # a fault of the program, not of the user
        log.exception("command failed")
        exc_type, exc_value = sys.exc_info()[:2]
        # The first line says what failed; the rest of a database error quotes the row
        # ("DETAIL: Failing row contains …" on PostgreSQL) and the SQL: never shown
        first = next(iter(str(exc_value).splitlines()), "")
        sys.stderr.write(
            tr("Błąd programu – polecenie nie zostało wykonane, dane nie zostały zmienione.\n")
            + for_terminal(mask(f"{getattr(exc_type, '__name__', '')}: {first}"))
            + "\n"
        )
        return 1
    finally:
        if db is not None:
            db.dispose()
    # Text stored before control characters were refused is shown, never acted upon by the
    # terminal (docs/misuse-cases.md, "Names and texts"); JSON escapes them itself.
    try:
        if as_json:
            sys.stdout.write(
                for_terminal_json(json.dumps(out.payload, ensure_ascii=False, default=str)) + "\n"
            )
        elif out.text:
            sys.stdout.write(for_terminal(out.text.rstrip("\n")) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped reading (`kisdesk … | head -1`): the command's work is done and
        # nobody is left to tell; no English traceback on the terminal. Python's own advice:
        # the closed stdout pointed at devnull, so the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return out.status
