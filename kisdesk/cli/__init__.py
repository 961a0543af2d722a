"""The command-line tool, on the same services as the GUI (like calibre's `calibredb`).

Exit status: 0 success; 2 anything the user got wrong (a Polish message on stderr, nothing
written: every command is one transaction); 1 a fault of the program. With `--json` a
command prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kisdesk.cli.args import Parser
from kisdesk.console import prepare_streams
from kisdesk.errors import KisdeskError
from kisdesk.i18n import tr
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


def build_parser() -> Parser:
    from kisdesk.cli import (
        core,
        demo,
        documents,
        journal,
        security,
        spreadsheets,
        storage,
        transfer,
    )

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
    for module in (core, journal, transfer, spreadsheets, demo, documents, storage, security):
        module.register(commands, json_flag())
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
    parser = build_parser()
    args = parser.parse_args(list(argv))
    as_json = bool(getattr(args, "json", False))
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
        sys.stderr.write(
            tr("Błąd programu – polecenie nie zostało wykonane, dane nie zostały zmienione.\n")
            + for_terminal(f"{getattr(exc_type, '__name__', '')}: {exc_value}")
            + "\n"
        )
        return 1
    finally:
        if db is not None:
            db.dispose()
    # Text stored before control characters were refused is shown, never acted upon by the
    # terminal (docs/misuse-cases.md, "Names and texts"); JSON escapes them itself.
    if as_json:
        sys.stdout.write(
            for_terminal_json(json.dumps(out.payload, ensure_ascii=False, default=str)) + "\n"
        )
    elif out.text:
        sys.stdout.write(for_terminal(out.text.rstrip("\n")) + "\n")
    return out.status
