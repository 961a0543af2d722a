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
import os
from pathlib import Path
from typing import Any

from kisdesk.access import Actor, Permission
from kisdesk.cli import Output
from kisdesk.console import command_name
from kisdesk.db import Database
from kisdesk.errors import KisdeskError, PermissionDenied, StorageError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.messages.core import plural
from kisdesk.messages.security import describe_finding
from kisdesk.paths import resolve_db_url
from kisdesk.services import encryption, storage
from kisdesk.services.passphrases import read_passphrase_file

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
    p.add_argument(
        "--new-key",
        action="store_true",
        help=tr(
            "nowy klucz kopii, gdy tego klucza nie otwiera już nic (stary plik zostaje "
            "zachowany); od razu robi kopię"
        ),
    )
    p.set_defaults(handler=cmd_backup)

    p = commands.add_parser(
        "restore", parents=[common], help=tr("przywróć bazę z kopii zapasowej (.kisbak)")
    )
    p.add_argument("file", metavar="PLIK", help=tr("plik kopii zapasowej"))
    secret = p.add_mutually_exclusive_group()
    secret.add_argument("--passphrase-file", metavar="PLIK", help=tr("plik z hasłem kopii"))
    secret.add_argument("--key-file", metavar="PLIK", help=tr("plik z kluczem odzyskiwania"))
    p.add_argument(
        "--other-office",
        action="store_true",
        help=tr("potwierdź przywrócenie kopii innej placówki w miejsce obecnej"),
    )
    p.set_defaults(handler=cmd_restore, open_db=False)

    p = commands.add_parser(
        "check", parents=[common], help=tr("sprawdź bazę danych i kopie zapasowe")
    )
    p.set_defaults(handler=cmd_check, open_db=False)


def _read_secret(name: str | None) -> list[str]:
    """The readings of a passphrase or key file (kisdesk.services.passphrases), or []."""
    return [] if name is None else read_passphrase_file(name)


def _info(info: storage.BackupInfo) -> dict[str, Any]:
    return {
        "path": str(info.path),
        "created_at": info.created_at.isoformat(),
        "kind": info.kind,
        "schema_revision": info.schema_revision,
        "records": info.records,
        "row_counts": info.row_counts,
        "size": info.size,
    }


def _require(actor: Actor, permission: Permission) -> None:
    if not actor.can(permission):
        raise PermissionDenied("access.denied", permission=permission.value, role=actor.role.value)


def _restore_allowed(url: str, path: Path, args: argparse.Namespace) -> Actor | None:
    """Restoring replaces every record: only the leader of a database that has accounts.
    A damaged or missing database has nobody to ask; the backup's key is the safeguard.
    Returns who signed in (None: nobody could)."""
    from kisdesk.cli.security import authenticate_cli, open_for_cli

    if not path.exists():
        return None
    locked = encryption.keyfile_path(path).exists() and encryption.is_encrypted(path)
    if not locked and not storage.probe_ok(path):
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
    """An encrypted database this command does not open itself: `--user` and the password,
    or KISDESK_RECOVERY_KEY, open its key file (kisdesk.services.encryption)."""
    from kisdesk.cli import security

    login = getattr(args, "user", None)
    encryption.unlock_key_file(
        path,
        recovery_key=os.environ.get(security.RECOVERY_ENV),
        login=login,
        password=lambda: security._password(args, login or ""),
        required=required,
    )


def _out_path(raw: str) -> Path:
    """--out as given. A trailing separator ("E:\\", "/media/pendrive/") names a folder,
    which pathlib forgets ("bk/" becomes "bk", and the copy was written as bk.kisbak beside
    it): such a folder must exist (a pendrive not plugged in is said, not replaced)."""
    path = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) and not path.is_dir():
        raise StorageError("backup.no_folder", path=str(path))
    return path


def cmd_backup(db: Database, args: argparse.Namespace) -> Output:
    passphrase = _read_secret(args.passphrase_file)
    lines = []
    if args.new_key:
        kept, done = storage.new_backup_key(db, passphrase=passphrase[0] if passphrase else None)
        lines.append(
            tr("Utworzono nowy klucz kopii zapasowych; stary plik klucza zachowano: {path}").format(
                path=kept
            )
        )
    else:
        done = storage.backup(
            db,
            out=_out_path(args.out) if args.out else None,
            passphrase=passphrase[0] if passphrase else None,
        )
    info = done.info
    lines += [
        tr("Kopia zapasowa zapisana i sprawdzona: {path}").format(path=info.path),
        tr("Stan z {when}; {records}; {size} kB.").format(
            when=info.created_local(),
            records=_records(info.records),
            size=max(1, info.size // 1024),
        ),
    ]
    if done.unlogged is not None:
        lines.append(tr("Uwaga: ") + describe(KisdeskError("backup.not_in_audit_log")))
    payload: dict[str, Any] = {
        "backup": _info(info),
        "verified": True,
        "audit_logged": done.unlogged is None,
    }
    if done.recovery_key:
        payload["recovery_key"] = done.recovery_key
        lines += [
            "",
            tr("Ustawiono hasło kopii zapasowych. KLUCZ ODZYSKIWANIA (pokazywany tylko raz):"),
            "    " + done.recovery_key,
            tr("Wydrukuj go i przechowuj w sejfie; otwiera każdą kopię, gdy hasło zginie."),
        ]
        if args.recovery_page:
            page = storage.write_recovery_page(
                Path(args.recovery_page), done.recovery_key, done.key_id, done.office_name
            )
            payload["recovery_page"] = str(page)
            lines.append(tr("Strona do wydruku: {page}").format(page=page))
    elif done.warn_no_passphrase:
        lines.append(describe(KisdeskError("check.no_passphrase")))
    return Output(payload, "\n".join(lines))


def _restore(
    url: str, backup: Path, actor: Actor | None, secrets: list[str], other_office: bool
) -> storage.Restored:
    """The restore with each reading of the passphrase file in turn (a file in a Windows
    code page may read two ways: kisdesk.services.passphrases)."""
    tries: list[str | None] = [*secrets] or [None]
    for secret in tries[:-1]:
        try:
            return storage.restore(
                url, backup, actor=actor, secret=secret, other_office_confirmed=other_office
            )
        except StorageError as exc:
            if exc.code != "backup.wrong_key":
                raise
    return storage.restore(
        url, backup, actor=actor, secret=tries[-1], other_office_confirmed=other_office
    )


def cmd_restore(db: None, args: argparse.Namespace) -> Output:
    url = resolve_db_url(args.db)
    path = storage.database_file(None, url)
    actor = _restore_allowed(url, path, args)
    if actor is None:  # damaged or gone: the key file still opens an encrypted office's key
        _unlock_key_file(path, args, required=False)
    secrets = _read_secret(args.passphrase_file) or _read_secret(args.key_file)
    done = _restore(url, Path(args.file).expanduser(), actor, secrets, args.other_office)
    result = done.result
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
    if done.unlogged is not None:
        lines.append(tr("Uwaga: ") + describe(done.unlogged))
    payload = {
        "was_encrypted": result.was_encrypted,
        "restored": _info(info),
        "safety_backup": _info(result.safety_backup) if result.safety_backup else None,
        "quarantine": str(result.quarantine) if result.quarantine else None,
        "db": str(path),
    }
    return Output(payload, "\n".join(lines))


def _finding(f: storage.Finding) -> dict[str, Any]:
    return {"code": f.code, "message": describe_finding(f.code, f.params), **f.params}


def _sealing_lines(path: Path, payload: dict[str, Any]) -> list[str]:
    """Where the art. 9 data stand (docs/threat-model.md §3.4): sealed, plain in an office
    without accounts, or waiting for the leader's sign-in after the upgrade."""
    from kisdesk.services import sensitive

    state = sensitive.file_state(path)
    payload["sensitive_data"] = state
    if state == "unconverted":
        finding = {
            "code": "sealing.unconverted",
            "message": describe_finding("sealing.unconverted", {}),
        }
        payload["warnings"].append(finding)
        return [tr("Uwaga: ") + finding["message"]]
    if state == "plain":
        return [describe_finding("sealing.plain", {})]
    if state == "sealed":
        return [describe_finding("sealing.sealed", {})]
    return []


def cmd_check(db: None, args: argparse.Namespace) -> Output:
    path = storage.database_file(None, resolve_db_url(args.db))
    # An encrypted file reads as random bytes without its key: not a damaged one.
    _unlock_key_file(path, args, required=path.exists() and encryption.is_encrypted(path))
    report = storage.check(path)
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
    lines += _sealing_lines(path, payload)
    lines.append(tr("Wynik: wszystko w porządku.") if report.healthy else tr("Wynik: są problemy."))
    return Output(payload, "\n".join(lines), status=0 if report.healthy else 2)


def _records(n: int) -> str:
    return f"{n} " + plural(n, tr("zapis"), tr("zapisy"), tr("zapisów"))
