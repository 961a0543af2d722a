"""`kisdesk backup`, `kisdesk restore FILE`, `kisdesk check`: the storage commands.

`backup` reads the database (it works while the GUI is open); `restore` needs the database
closed everywhere (it takes the one-writer lock) and works when the database is damaged or
missing; `check` only reads and exits with 2 when anything is wrong.

Both write an entry in the audit log (kisdesk.services.audit): a backup into the database it
copied, a restore into the restored database after the restore (the restore replaces the
log with the backup's, so an entry written before would be gone). An encrypted database
these commands do not open themselves (check; restore of a damaged or missing file) is
unlocked from its key file with `--user` and the password, or KISDESK_RECOVERY_KEY.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from kisdesk.access import Actor, Permission
from kisdesk.cli import Output
from kisdesk.console import command_name
from kisdesk.db import Database, health, rawconn
from kisdesk.db import backup as bk
from kisdesk.db import backup_keys as keys
from kisdesk.db.backup_schedule import BackupOptions
from kisdesk.db.locations import check_database_location
from kisdesk.db.open import open_database
from kisdesk.db.recovery_page import write_page
from kisdesk.db.restore import restore_database
from kisdesk.errors import KisdeskError, PermissionDenied, StorageError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.messages.core import plural
from kisdesk.messages.security import describe_finding
from kisdesk.paths import resolve_db_url, sqlite_path
from kisdesk.services import audit, office, settings

ENCRYPTION_OFF = tr(
    "Uwaga: przywrócona baza nie jest zaszyfrowana. Włącz szyfrowanie ponownie: {cli} encrypt on"
).format(cli=command_name())


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "backup", parents=[common], help=tr("zrób sprawdzoną, zaszyfrowaną kopię zapasową")
    )
    p.add_argument(
        "--out",
        metavar="PLIK|FOLDER",
        help=tr("zapisz kopię tu (np. na pendrive), a nie w folderze kopii automatycznych"),
    )
    p.add_argument(
        "--passphrase-file",
        metavar="PLIK",
        help=tr(
            "plik z hasłem kopii: ustawia hasło przy pierwszym użyciu (i wypisuje klucz "
            "odzyskiwania) albo odblokowuje klucz na nowym komputerze"
        ),
    )
    p.add_argument(
        "--recovery-page",
        metavar="PLIK.pdf|PLIK.txt",
        help=tr("zapisz stronę z nowym kluczem odzyskiwania do wydruku"),
    )
    p.set_defaults(handler=cmd_backup)

    p = commands.add_parser(
        "restore", parents=[common], help=tr("przywróć bazę z kopii zapasowej (.kisbak)")
    )
    p.add_argument("file", metavar="PLIK", help=tr("plik kopii zapasowej"))
    secret = p.add_mutually_exclusive_group()
    secret.add_argument("--passphrase-file", metavar="PLIK", help=tr("plik z hasłem kopii"))
    secret.add_argument("--key-file", metavar="PLIK", help=tr("plik z kluczem odzyskiwania"))
    p.set_defaults(handler=cmd_restore, open_db=False)

    p = commands.add_parser(
        "check", parents=[common], help=tr("sprawdź bazę danych i kopie zapasowe")
    )
    p.set_defaults(handler=cmd_check, open_db=False)


def _read_secret(name: str | None) -> str | None:
    if name is None:
        return None
    try:
        text = Path(name).read_text(encoding="utf-8").strip("\r\n")
    except OSError as exc:
        raise StorageError("backup.unreadable", path=name, reason=exc.strerror) from exc
    if not text.strip():
        raise StorageError("backup.passphrase_file_empty", path=name)
    return text


def _db_path(db: Database | None, args: argparse.Namespace) -> Path:
    path = getattr(db, "path", None) or sqlite_path(resolve_db_url(args.db))
    if path is None:
        raise StorageError("backup.not_sqlite")
    return Path(path)


def _info(info: bk.BackupInfo) -> dict[str, Any]:
    return {
        "path": str(info.path),
        "created_at": info.created_at.isoformat(),
        "kind": info.kind,
        "schema_revision": info.schema_revision,
        "records": info.records,
        "row_counts": info.row_counts,
        "size": info.size,
    }


def _use_passphrase(ring: keys.Keyring, passphrase: str) -> str | None:
    """First use sets the passphrase (returns the new recovery key); later it must match."""
    if not ring.has_passphrase:
        return keys.set_passphrase(ring, passphrase)
    if ring.data_key is None:
        keys.unlock(ring, passphrase)
    elif not keys.check_passphrase_matches(ring, passphrase):
        raise StorageError("backup.passphrase_mismatch")
    return None


def _require(actor: Actor, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied("access.denied", permission=permission.value, role=actor.role.value)


def _restore_allowed(url: str, path: Path, args: argparse.Namespace) -> Actor | None:
    """Restoring replaces every record: only the leader of a database that has accounts.
    A damaged or missing database has nobody to ask; the backup's key is the safeguard.
    Returns who signed in (None: nobody could)."""
    from kisdesk.cli.security import authenticate_cli, open_for_cli
    from kisdesk.db.encryption import is_encrypted, keyfile_path

    if not path.exists():
        return None
    encrypted = keyfile_path(path).exists() and is_encrypted(path)  # locked, not damaged
    if not encrypted and not health.probe(path).ok:
        return None

    current = open_for_cli(url, args)
    try:
        try:
            actor = authenticate_cli(current, args)
        except PermissionDenied as exc:
            if exc.code != "auth.accounts_missing":
                raise
            # Every account was deleted outside the program: nobody can sign in, so as for a
            # damaged file the backup's key is the safeguard, and restoring is the way back.
            return None
        _require(actor, Permission.RESTORE)
    finally:
        current.dispose()
    return actor


def _unlock_key_file(path: Path, args: argparse.Namespace, required: bool) -> None:
    """An encrypted database this command does not open itself: its key from the key file
    (`--user` and the password, or KISDESK_RECOVERY_KEY), so the probe reads it and the
    backups, wrapped by that key, open (kisdesk.db.backup_keys)."""
    from kisdesk.cli import security
    from kisdesk.db import encryption as enc

    if not enc.keyfile_path(path).exists() or bk.database_key_of(path) is not None:
        return
    recovery = os.environ.get(security.RECOVERY_ENV)
    login = getattr(args, "user", None)
    if recovery:
        key = enc.unlock_with_recovery(path, recovery)
    elif login:
        key = enc.unlock(path, login, security._password(args, login))
    elif required:
        raise PermissionDenied("cli.user_required")
    else:
        return
    rawconn.register(enc.EncryptedOpener(path, key))


def _audit(
    db: Database, event: str, actor: Actor, details: Callable[[Session], dict[str, Any]]
) -> KisdeskError | None:
    """Write one audit entry now, in a transaction of its own; why it could not be written
    (the program holds the database for writing: `kisdesk backup` runs beside it), or None."""
    try:
        with db.session(actor) as s:
            audit.append(s.connection(), [audit.entry_values(actor, event, **details(s))])
    except KisdeskError as exc:
        return exc
    return None


def cmd_backup(db: Database, args: argparse.Namespace) -> Output:
    _require(db.actor, Permission.BACKUP)
    path = _db_path(db, args)
    ring = keys.load_keyring()
    passphrase = _read_secret(args.passphrase_file)
    recovery = _use_passphrase(ring, passphrase) if passphrase else None
    with db.read() as s:
        options = BackupOptions.from_settings(settings.all_settings(s))
        office_name = office.get_office(s).name if office.has_office(s) else ""
    out = Path(args.out).expanduser() if args.out else None
    info = bk.create_backup(
        path,
        out=out,
        folder=options.folder,
        kind="manual",
        keyring=ring,
        policy=None if out else options.policy,
    )
    lines = [
        tr("Kopia zapasowa zapisana i sprawdzona: {path}").format(path=info.path),
        tr("Stan z {when}; {records}; {size} kB.").format(
            when=info.created_local(),
            records=_records(info.records),
            size=max(1, info.size // 1024),
        ),
    ]
    unlogged = _audit(db, "backup", db.actor, lambda _s: info.audit_details())
    if unlogged is not None:
        lines.append(tr("Uwaga: ") + describe(KisdeskError("backup.not_in_audit_log")))
    payload: dict[str, Any] = {
        "backup": _info(info),
        "verified": True,
        "audit_logged": unlogged is None,
    }
    if recovery:
        payload["recovery_key"] = recovery
        lines += [
            "",
            tr("Ustawiono hasło kopii zapasowych. KLUCZ ODZYSKIWANIA (pokazywany tylko raz):"),
            "    " + recovery,
            tr("Wydrukuj go i przechowuj w sejfie; otwiera każdą kopię, gdy hasło zginie."),
        ]
        if args.recovery_page:
            page = write_page(Path(args.recovery_page), recovery, ring.key_id, office_name)
            payload["recovery_page"] = str(page)
            lines.append(tr("Strona do wydruku: {page}").format(page=page))
    elif not ring.has_passphrase and not ring.has_database_recovery:
        lines.append(describe(KisdeskError("check.no_passphrase")))
    return Output(payload, "\n".join(lines))


def cmd_restore(db: None, args: argparse.Namespace) -> Output:
    url = resolve_db_url(args.db)
    path = _db_path(None, args)
    check_database_location(path)
    actor = _restore_allowed(url, path, args)
    if actor is None:  # damaged or gone: the key file still opens an encrypted office's key
        _unlock_key_file(path, args, required=False)
    secret = _read_secret(args.passphrase_file) or _read_secret(args.key_file)
    result = restore_database(path, Path(args.file).expanduser(), secret=secret)
    reopened = open_database(url)  # brings an older backup up to date (backed up first)
    try:
        who = actor or Actor.system()
        unlogged = _audit(
            reopened,
            "restore",
            who,
            lambda s: {**result.audit_details(audit.head(s)), "signed_in": actor is not None},
        )
    finally:
        reopened.dispose()
    info = result.restored
    lines = [
        tr("Przywrócono dane z kopii z {when} ({records}).").format(
            when=info.created_local(), records=_records(info.records)
        )
    ]
    if result.safety_backup is not None:
        lines.append(
            tr("Poprzedni stan bazy zachowano w kopii: {path}").format(
                path=result.safety_backup.path
            )
        )
    if result.quarantine is not None:
        lines.append(
            tr("Uszkodzone pliki poprzedniej bazy odłożono do: {path}").format(
                path=result.quarantine
            )
        )
    if result.was_encrypted:
        lines.append(ENCRYPTION_OFF)
    if unlogged is not None:
        lines.append(tr("Uwaga: ") + describe(unlogged))
    payload = {
        "was_encrypted": result.was_encrypted,
        "restored": _info(info),
        "safety_backup": _info(result.safety_backup) if result.safety_backup else None,
        "quarantine": str(result.quarantine) if result.quarantine else None,
        "db": str(path),
    }
    return Output(payload, "\n".join(lines))


def _finding(f: health.Finding) -> dict[str, Any]:
    return {"code": f.code, "message": describe_finding(f.code, f.params), **f.params}


def cmd_check(db: None, args: argparse.Namespace) -> Output:
    from kisdesk.db.encryption import is_encrypted

    path = _db_path(None, args)
    # An encrypted file reads as random bytes without its key: not a damaged one.
    _unlock_key_file(path, args, required=path.exists() and is_encrypted(path))
    report = health.check(path)
    if report.integrity == ["ok"]:
        # accounts, the log's triggers and the newest backup's log head against the chain
        from kisdesk.services import audit_trust

        found = [health.Finding(f.code, f.params) for f in audit_trust.file_findings(path)]
        report = dataclasses.replace(report, problems=[*report.problems, *found])
    newest = report.newest_backup
    payload = {
        "healthy": report.healthy,
        "db": str(path),
        "integrity": report.integrity,
        "foreign_key_problems": report.foreign_key_problems,
        "schema_revision": report.schema_revision,
        "newest_backup": _info(newest) if newest else None,
        "newest_backup_verified": report.newest_backup_verified,
        "newest_backup_age_hours": report.backup_age_hours(),
        "problems": [_finding(f) for f in report.problems],
        "warnings": [_finding(f) for f in report.warnings],
    }
    lines = [tr("Baza danych: {path}").format(path=path)]
    if report.integrity == ["ok"]:
        lines.append(tr("Spójność bazy: w porządku."))
    if report.integrity and not report.foreign_key_problems:
        lines.append(tr("Powiązania między zapisami: w porządku."))
    if newest is not None:
        lines.append(
            tr("Najnowsza kopia zapasowa: {when} ({state}) – {path}").format(
                when=newest.created_local(),
                state=tr("sprawdzona") if report.newest_backup_verified else tr("NIE sprawdzona"),
                path=newest.path,
            )
        )
    lines += [tr("PROBLEM: ") + _finding(f)["message"] for f in report.problems]
    lines += [tr("Uwaga: ") + _finding(f)["message"] for f in report.warnings]
    lines.append(tr("Wynik: wszystko w porządku.") if report.healthy else tr("Wynik: są problemy."))
    return Output(payload, "\n".join(lines), status=0 if report.healthy else 2)


def _records(n: int) -> str:
    return f"{n} " + plural(n, tr("zapis"), tr("zapisy"), tr("zapisów"))
