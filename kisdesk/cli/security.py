"""`kisdesk user …`, `kisdesk audit …`, `kisdesk rodo …`, `kisdesk encrypt on|off`, and who
the command-line user is.

Once the database has accounts, every command runs as a named user: `--user NAME` with the
password from KISDESK_PASSWORD or typed at the prompt (never a command-line argument: it
would show in the process list and the shell history). An encrypted database is opened
with the same login and password (or KISDESK_RECOVERY_KEY). A new password for
`user add` / `user passwd` comes from KISDESK_NEW_PASSWORD or is typed twice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from kisdesk.access import Actor, Role
from kisdesk.db import Database
from kisdesk.db.encryption_files import keyfile_path, locked
from kisdesk.db.open import open_encrypted_database
from kisdesk.errors import PermissionDenied
from kisdesk.i18n import tr
from kisdesk.paths import sqlite_path
from kisdesk.services import audit, users

PASSWORD_ENV = "KISDESK_PASSWORD"
RECOVERY_ENV = "KISDESK_RECOVERY_KEY"
ROLES = ["kierownik", "kadra", "administracja"]


# -- who is acting -------------------------------------------------------------------------------
def _password(args: argparse.Namespace, login: str) -> str:
    cached = getattr(args, "_kisdesk_password", None)
    if cached is not None:
        return str(cached)
    password = os.environ.get(PASSWORD_ENV)
    if password is None and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(tr("Hasło użytkownika {login}: ").format(login=login))
    if not password:
        raise PermissionDenied("cli.password_required", login=login)
    args._kisdesk_password = password
    return password


def open_for_cli(url: str, args: argparse.Namespace) -> Database:
    """The database of a command; an encrypted file is unlocked with the user's password
    (or KISDESK_RECOVERY_KEY) first."""
    from kisdesk.db.open import open_database

    path = sqlite_path(url)
    # Encrypted means a non-plain file with its key file, or, where this computer served an
    # encrypted database, one whose pages read as encrypted (its key file lost): a damaged
    # file goes to open_database, which quarantines it and says how to restore.
    if path is None or not locked(path):
        # Only `init` may create a database where a damaged one was moved aside
        return open_database(url, create=True if getattr(args, "create_db", False) else None)
    from kisdesk.services import encryption  # cryptography and SQLCipher: only when needed

    recovery = os.environ.get(RECOVERY_ENV)
    if recovery:
        key = encryption.unlock_with_recovery(path, recovery)
        args._kisdesk_recovered = True
    else:
        login = getattr(args, "user", None)
        if not login:
            if not keyfile_path(path).exists():
                raise encryption.missing_key_file(path) or PermissionDenied("cli.user_required")
            raise PermissionDenied("cli.user_required")
        key = encryption.unlock(path, login, _password(args, login))
    return open_encrypted_database(path, key)


def authenticate_cli(db: Database | None, args: argparse.Namespace) -> Actor:
    """The actor of this command: the leader when the database has no accounts yet; else
    `--user` signed in with its password (PermissionDenied, exit status 2, otherwise).

    Commands that open no database (restore, check) get the leader: they check the file
    themselves."""
    if db is None:
        return Actor.system()
    if getattr(args, "_kisdesk_recovered", False):
        # The printed recovery key is the office's last resort (a forgotten password of the
        # only leader): it acts as the leader, and that is logged.
        actor = Actor(tr("klucz odzyskiwania"), Role.LEADER)
        with db.read() as s:
            audit.record_after(s, "login", actor=actor, method="recovery_key")
        return actor
    with db.read() as s:
        if not users.sign_in_needed(s):
            return Actor.system()
    login = getattr(args, "user", None)
    if not login:
        raise PermissionDenied("cli.user_required")
    password = _password(args, login)
    with db.read() as s:
        actor = users.login(s, login, password)
    if actor.recovery_key is not None:  # this sign-in sealed the art. 9 data (§3.4)
        from kisdesk.cli.security_cmds import recovery_key_text

        print(recovery_key_text(actor.recovery_key), file=sys.stderr)
    return actor


# -- register ------------------------------------------------------------------------------------
def register(commands: Any, common: argparse.ArgumentParser) -> None:
    # the commands' module (rodo, audit, reports) only for these commands, not for opening
    from kisdesk.cli.security_cmds import (
        cmd_audit_list,
        cmd_audit_verify,
        cmd_encrypt,
        cmd_rodo_anonymise,
        cmd_rodo_clause,
        cmd_rodo_pack,
        cmd_rodo_restrict,
        cmd_rodo_retention,
        cmd_rodo_unrestrict,
        cmd_user_activate,
        cmd_user_add,
        cmd_user_deactivate,
        cmd_user_grant_health,
        cmd_user_list,
        cmd_user_passwd,
        cmd_user_recover_health,
        cmd_user_revoke_health,
        cmd_user_role,
        cmd_user_unlock,
    )

    p = commands.add_parser("user", parents=[common], help=tr("konta użytkowników"))
    sub = p.add_subparsers(dest="action", required=True, metavar="add|passwd|list|…")
    a = sub.add_parser(
        "add",
        parents=[common],
        help=tr("załóż konto (hasło: wpisane dwa razy albo zmienna KISDESK_NEW_PASSWORD)"),
    )
    a.add_argument("login", metavar="NAZWA")
    a.add_argument("--role", required=True, choices=ROLES)
    a.add_argument("--name", default="", help=tr("imię i nazwisko"))
    a.add_argument("--staff", help=tr("osoba z kadry (Imię Nazwisko): jej notatki z poradnictwa"))
    a.add_argument(
        "--no-sensitive", action="store_true", help=tr("kadra bez kategorii zdrowotnych")
    )
    a.set_defaults(handler=cmd_user_add)
    w = sub.add_parser("passwd", parents=[common], help=tr("zmień hasło"))
    w.add_argument("login", metavar="NAZWA")
    w.set_defaults(handler=cmd_user_passwd)
    ls = sub.add_parser("list", parents=[common], help=tr("lista kont"))
    ls.set_defaults(handler=cmd_user_list)
    for name, handler, text in (
        ("deactivate", cmd_user_deactivate, tr("wyłącz konto osoby, która odeszła")),
        ("activate", cmd_user_activate, tr("włącz konto ponownie")),
        ("unlock", cmd_user_unlock, tr("odblokuj konto po nieudanych logowaniach")),
    ):
        x = sub.add_parser(name, parents=[common], help=text)
        x.add_argument("login", metavar="NAZWA")
        x.set_defaults(handler=handler)
    r = sub.add_parser("role", parents=[common], help=tr("zmień rolę"))
    r.add_argument("login", metavar="NAZWA")
    r.add_argument("role", choices=ROLES)
    r.set_defaults(handler=cmd_user_role)
    for name, handler, text in (
        ("grant-health", cmd_user_grant_health, tr("nadaj kadrze dostęp do kategorii zdrowotnych")),
        ("revoke-health", cmd_user_revoke_health, tr("odbierz dostęp do kategorii zdrowotnych")),
    ):
        x = sub.add_parser(name, parents=[common], help=text)
        x.add_argument("login", metavar="NAZWA")
        x.set_defaults(handler=handler)
    h = sub.add_parser(
        "recover-health",
        parents=[common],
        help=tr(
            "odzyskaj klucz danych zastrzeżonych kluczem odzyskiwania "
            "(zmienna KISDESK_HEALTH_RECOVERY_KEY)"
        ),
    )
    h.set_defaults(handler=cmd_user_recover_health)

    p = commands.add_parser("audit", parents=[common], help=tr("dziennik zdarzeń"))
    sub = p.add_subparsers(dest="action", required=True, metavar="verify|list")
    v = sub.add_parser(
        "verify", parents=[common], help=tr("sprawdź, czy nikt nie zmienił dziennika")
    )
    v.set_defaults(handler=cmd_audit_verify)
    ls = sub.add_parser("list", parents=[common], help=tr("ostatnie zdarzenia"))
    ls.add_argument("--limit", default="50")
    ls.add_argument("--event")
    ls.add_argument("--participant")
    ls.set_defaults(handler=cmd_audit_list)

    p = commands.add_parser("rodo", parents=[common], help=tr("narzędzia RODO"))
    sub = p.add_subparsers(dest="action", required=True, metavar="pack|anonymise|retention|…")
    k = sub.add_parser("pack", parents=[common], help=tr("dane osoby (art. 15): JSON lub PDF"))
    k.add_argument("--participant", required=True, metavar="ID")
    k.add_argument("--out", required=True, metavar="PLIK.json|PLIK.pdf")
    k.set_defaults(handler=cmd_rodo_pack)
    n = sub.add_parser("anonymise", parents=[common], help=tr("anonimizuj osobę (nieodwracalne)"))
    n.add_argument("--participant", required=True, metavar="ID")
    n.add_argument("--preview", action="store_true", help=tr("tylko pokaż, co zostanie usunięte"))
    n.set_defaults(handler=cmd_rodo_anonymise)
    t = sub.add_parser("retention", parents=[common], help=tr("dane po okresie przechowywania"))
    t.add_argument("--as-of")
    t.add_argument("--approve-participant", action="append", default=[], metavar="ID")
    t.add_argument("--approve-notes", action="append", default=[], metavar="ID")
    t.set_defaults(handler=cmd_rodo_retention)
    c = sub.add_parser("clause", parents=[common], help=tr("klauzula informacyjna (art. 13)"))
    c.add_argument("--participant", required=True, metavar="ID")
    c.add_argument("--out", metavar="PLIK.pdf")
    c.add_argument("--given-on", metavar="RRRR-MM-DD", help=tr("zapisz datę przekazania"))
    c.set_defaults(handler=cmd_rodo_clause)
    s = sub.add_parser("restrict", parents=[common], help=tr("ogranicz przetwarzanie (art. 18)"))
    s.add_argument("--participant", required=True, metavar="ID")
    s.add_argument("--reason", required=True)
    s.set_defaults(handler=cmd_rodo_restrict)
    u = sub.add_parser("unrestrict", parents=[common], help=tr("zdejmij ograniczenie"))
    u.add_argument("--participant", required=True, metavar="ID")
    u.set_defaults(handler=cmd_rodo_unrestrict)

    p = commands.add_parser("encrypt", parents=[common], help=tr("szyfrowanie bazy danych"))
    p.add_argument("state", choices=["on", "off", "recovery-key"])
    p.add_argument(
        "--recovery-page", metavar="PLIK.pdf", help=tr("zapisz kartę klucza odzyskiwania")
    )
    p.set_defaults(handler=cmd_encrypt)
