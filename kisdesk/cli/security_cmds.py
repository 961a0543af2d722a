"""Handlers of the security commands (kisdesk.cli.security registers them)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from kisdesk.access import Permission, actor_of
from kisdesk.cli import Output
from kisdesk.cli.args import parse_int, parse_optional_date
from kisdesk.db import Database
from kisdesk.errors import ConflictError, KisdeskError, PermissionDenied, ValidationError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.messages.core import plural
from kisdesk.messages.security import EVENT_LABELS, describe_entry, describe_finding
from kisdesk.services import (
    audit,
    encryption,
    rodo,
    rodo_erasure,
    rodo_pack,
    rodo_retention,
    sensitive,
    staff,
    users,
)
from kisdesk.services.storage import Holder, atomic_write

ROLE_LABELS = {
    "kierownik": tr("kierownik"),
    "kadra": tr("kadra"),
    "administracja": tr("administracja"),
}


NEW_PASSWORD_ENV = "KISDESK_NEW_PASSWORD"


def new_password(login: str) -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    if sys.stdin is None or not sys.stdin.isatty():
        raise PermissionDenied("cli.new_password_required", login=login)
    first = getpass.getpass(tr("Nowe hasło dla {login}: ").format(login=login))
    if first != getpass.getpass(tr("Powtórz nowe hasło: ")):
        raise ValidationError("cli.passwords_differ")
    return first


def _slot(db: Database, login: str, phc: str | None) -> None:
    """Keep an encrypted database's key file in step with the accounts (inside the
    transaction: if the key file cannot be written, the account change is rolled back)."""
    encryption.sync_key_slot(db, login, phc)


# -- users ---------------------------------------------------------------------------------------
def cmd_user_add(db: Database, args: argparse.Namespace) -> Output:
    password = new_password(args.login)
    with db.session() as s:
        staff_id = staff.staff_id_by_name(s, args.staff) if args.staff else None
        user_id = users.add_user(
            s, args.login, args.name, args.role, password, staff_id, not args.no_sensitive
        )
        login = users.get_user(s, user_id).login
        _slot(db, login, users.password_hashes(s)[login])
        recovery = sensitive.take_new_recovery_key(s)
    text = tr("Założono konto {login} ({role}).").format(login=login, role=ROLE_LABELS[args.role])
    payload: dict[str, Any] = {"id": user_id, "login": login, "role": args.role}
    if recovery is not None:  # the first leader's account sealed the art. 9 data
        payload["sensitive_recovery_key"] = recovery
        text += "\n" + recovery_key_text(recovery)
    return Output(payload, text)


def recovery_key_text(recovery: str) -> str:
    return tr(
        "Kategorie zdrowotne i notatki z poradnictwa są odtąd zaszyfrowane kluczem, który "
        "otwierają tylko hasła kierownika i kadry z dostępem do tych kategorii. Klucz "
        "odzyskiwania danych zastrzeżonych (wydrukuj go i schowaj w sejfie; więcej się nie "
        "pokaże): {key}"
    ).format(key=recovery)


def _health_grant(db: Database, args: argparse.Namespace, grant: bool) -> Output:
    """The health-category grant of a kadra account: its seal of the art. 9 data key given,
    or removed with the key rotated (docs/threat-model.md §3.4)."""
    with db.session() as s:
        row = users.get_user(s, users.user_id_by_login(s, args.login, Permission.MANAGE_USERS))
        if row.role != "kadra":
            raise ValidationError("user.grant_only_kadra", login=row.login)
        users.update_user(s, row.id, row.full_name, row.role, grant, row.staff_id)
        sealed = users.health_key_state(s, row.id)
    text = (
        tr("{login}: dostęp do kategorii zdrowotnych nadany.")
        if grant
        else tr("{login}: dostęp do kategorii zdrowotnych odebrany; klucz danych wymieniony.")
    ).format(login=row.login)
    if grant and sealed == "waiting":
        text += " " + tr(
            "Klucz dostanie przy swoim następnym zalogowaniu i Twoim kolejnym zalogowaniu."
        )
    return Output({"login": row.login, "view_sensitive": grant, "key": sealed}, text)


HEALTH_RECOVERY_ENV = "KISDESK_HEALTH_RECOVERY_KEY"


def cmd_user_recover_health(db: Database, args: argparse.Namespace) -> Output:
    """The printed recovery key of the art. 9 data seals their key to the signed-in leader
    again (every entitled password forgotten; docs/threat-model.md §3.4)."""
    with db.read() as s:
        sensitive.check_may_recover(s)
    key = os.environ.get(HEALTH_RECOVERY_ENV)
    if key is None:
        if sys.stdin is None or not sys.stdin.isatty():
            raise ValidationError("sealing.recovery_key_required")
        key = getpass.getpass(tr("Klucz odzyskiwania danych zastrzeżonych: "))
    with db.session() as s:
        sensitive.recover(s, key)
    return Output(
        {"recovered": True},
        tr("Klucz danych zastrzeżonych odzyskany; kierownik ma do nich znów dostęp."),
    )


def cmd_user_grant_health(db: Database, args: argparse.Namespace) -> Output:
    return _health_grant(db, args, True)


def cmd_user_revoke_health(db: Database, args: argparse.Namespace) -> Output:
    return _health_grant(db, args, False)


def cmd_user_passwd(db: Database, args: argparse.Namespace) -> Output:
    password = new_password(args.login)
    with db.session() as s:
        user_id = users.user_id_by_login(s, args.login, Permission.MANAGE_USERS, own=True)
        own = actor_of(s).user_id == user_id
        old = getattr(args, "_kisdesk_password", None) if own else None
        phc = users.change_password(s, user_id, password, old_password=old)
        _slot(db, users.get_user(s, user_id).login, phc)
    return Output({"id": user_id}, tr("Hasło zostało zmienione."))


def cmd_user_list(db: Database, args: argparse.Namespace) -> Output:
    with db.read() as s:
        rows = users.list_users(s)
    payload = {
        "rows": [
            {
                "id": u.id,
                "login": u.login,
                "name": u.full_name,
                "role": u.role,
                "active": u.active,
                "view_sensitive": u.view_sensitive,
                "staff": u.staff_name,
                "last_login": u.last_login_at.isoformat() if u.last_login_at else None,
                "locked": u.locked,
            }
            for u in rows
        ]
    }
    lines = []
    for u in rows:
        flags = [] if u.active else [tr("wyłączone")]
        if u.locked:
            flags.append(tr("zablokowane"))
        lines.append(
            f"{u.login:<16} {u.full_name:<28} {ROLE_LABELS.get(u.role, u.role):<14} "
            + ", ".join(flags)
        )
    return Output(payload, "\n".join(lines) or tr("Brak kont użytkowników."))


def _set_active(db: Database, args: argparse.Namespace, active: bool) -> Output:
    with db.session() as s:
        user_id = users.user_id_by_login(s, args.login, Permission.MANAGE_USERS)
        users.set_active(s, user_id, active)
        login = users.get_user(s, user_id).login
        _slot(db, login, users.password_hashes(s).get(login) if active else None)
    text = tr("Konto {login} włączone.") if active else tr("Konto {login} wyłączone.")
    return Output({"login": login, "active": active}, text.format(login=login))


def cmd_user_deactivate(db: Database, args: argparse.Namespace) -> Output:
    return _set_active(db, args, False)


def cmd_user_activate(db: Database, args: argparse.Namespace) -> Output:
    return _set_active(db, args, True)


def cmd_user_unlock(db: Database, args: argparse.Namespace) -> Output:
    with db.session() as s:
        users.unlock(s, users.user_id_by_login(s, args.login, Permission.MANAGE_USERS))
    return Output({"login": args.login}, tr("Konto {login} odblokowane.").format(login=args.login))


def cmd_user_role(db: Database, args: argparse.Namespace) -> Output:
    with db.session() as s:
        row = users.get_user(s, users.user_id_by_login(s, args.login, Permission.MANAGE_USERS))
        users.update_user(s, row.id, row.full_name, args.role, row.view_sensitive, row.staff_id)
    return Output(
        {"login": row.login, "role": args.role},
        tr("{login}: rola {role}.").format(login=row.login, role=ROLE_LABELS[args.role]),
    )


# -- audit ---------------------------------------------------------------------------------------
def cmd_audit_verify(db: Database, args: argparse.Namespace) -> Output:
    with db.read() as s:
        check = audit.verify(s)
    if not check.ok:
        raise ConflictError("audit.broken", id=check.broken_id, problem=check.problem)
    what = plural(check.checked, tr("wpis"), tr("wpisy"), tr("wpisów"))
    if check.findings:  # the chain is whole, but the file around it was changed
        problems = [
            {"code": f.code, "message": describe_finding(f.code, f.params), **f.params}
            for f in check.findings
        ]
        text = describe(KisdeskError("audit.findings", n=check.checked, what=what))
        lines = [text] + [tr("PROBLEM: ") + p["message"] for p in problems]
        payload = {"ok": False, "entries": check.checked, "head_hash": check.head_hash}
        return Output(payload | {"problems": problems}, "\n".join(lines), status=2)
    return Output(
        {"ok": True, "entries": check.checked, "head_hash": check.head_hash, "problems": []},
        tr("Dziennik zdarzeń jest nienaruszony ({n} {what}). Skrót ostatniego wpisu: {h}").format(
            n=check.checked,
            what=what,
            h=check.head_hash,
        ),
    )


def cmd_audit_list(db: Database, args: argparse.Namespace) -> Output:
    limit = parse_int(args.limit, "--limit")
    participant = parse_int(args.participant, "--participant") if args.participant else None
    if args.event and args.event not in EVENT_LABELS:
        raise ValidationError("audit.bad_event", value=args.event, allowed=", ".join(EVENT_LABELS))
    with db.read() as s:
        rows = audit.list_entries(
            s, event_name=args.event, participant_id=participant, limit=max(1, limit)
        )
    payload = {
        "rows": [
            {
                "id": r.id,
                "at": r.at.isoformat() + "Z",
                "user": r.user_name,
                "event": r.event,
                "record_type": r.record_type,
                "record_id": r.record_id,
                "participant_id": r.participant_id,
                "details": r.details,
            }
            for r in rows
        ]
    }
    lines = [
        f"{r.id:>6}  {r.at:%Y-%m-%d %H:%M:%S} UTC  {r.user_name or '—':<20} "
        + describe_entry(r.event, r.record_type, r.record_id, r.details)
        for r in rows
    ]
    return Output(payload, "\n".join(lines) or tr("Dziennik jest pusty."))


# -- RODO ----------------------------------------------------------------------------------------
def cmd_rodo_pack(db: Database, args: argparse.Namespace) -> Output:
    pid = parse_int(args.participant, "--participant")
    out = Path(args.out)
    if out.suffix.lower() not in (".json", ".pdf"):
        raise ValidationError("cli.bad_extension", value=args.out, allowed=".json, .pdf")
    with db.read() as s:
        pack = rodo_pack.data_pack(s, pid)
    if out.suffix.lower() == ".json":
        text = json.dumps(pack, ensure_ascii=False, indent=2) + "\n"
        atomic_write(out, text.encode("utf-8"))
    else:
        from kisdesk.reports.rodo import data_pack as pdf

        pdf.render(pack, out)
    return Output({"participant_id": pid, "file": str(out)}, tr("Zapisano: {f}").format(f=out))


def cmd_rodo_anonymise(db: Database, args: argparse.Namespace) -> Output:
    pid = parse_int(args.participant, "--participant")
    with db.read() as s:
        preview = rodo_erasure.anonymisation_preview(s, pid)
    payload: dict[str, Any] = {
        "participant_id": pid,
        "removed": [label for label, _ in preview.removed],
        "kept": dict(preview.kept),
        "documents": preview.documents,
        "counselling_notes": preview.counselling_notes,
    }
    lines = [tr("Zostanie usunięte:")] + [
        f"  – {label}: {value}" for label, value in preview.removed
    ]
    lines += [tr("Pozostanie (do statystyk):")] + [f"  – {k}: {v}" for k, v in preview.kept]
    lines.append(
        tr("Dokumenty: {d}; notatki z poradnictwa: {n}; inne notatki: {o}.").format(
            d=preview.documents, n=preview.counselling_notes, o=preview.other_notes
        )
    )
    if args.preview:
        return Output(payload | {"done": False}, "\n".join(lines))
    if preview.blocked:
        raise ConflictError(preview.blocked, name=preview.name)
    with db.session() as s:
        rodo_erasure.anonymise(s, pid)
    clean = rodo_erasure.finish_erasure(db.engine)
    lines.append(tr("Dane osoby zostały nieodwracalnie usunięte."))
    if not clean:
        lines.append(tr("Uwaga: porządkowanie pliku bazy dokończy się przy następnej okazji."))
    return Output(payload | {"done": True, "file_cleaned": clean}, "\n".join(lines))


def cmd_rodo_retention(db: Database, args: argparse.Namespace) -> Output:
    as_of = parse_optional_date(args.as_of)
    people = [parse_int(x, "--approve-participant") for x in args.approve_participant]
    notes = [parse_int(x, "--approve-notes") for x in args.approve_notes]
    if people or notes:
        with db.session() as s:
            done, cleared = rodo_retention.apply_retention(s, people, notes, as_of)
        rodo_erasure.finish_erasure(db.engine)
        return Output(
            {"anonymised": done, "notes_cleared": cleared},
            tr("Zanonimizowano osób: {p}; usunięto notatek: {n}.").format(p=done, n=cleared),
        )
    with db.read() as s:
        report = rodo_retention.retention_due(s, as_of)
    payload = {
        "as_of": report.as_of.isoformat(),
        "participant_years": report.participant_years,
        "notes_years": report.notes_years,
        "items": [
            {
                "kind": i.kind,
                "participant_id": i.participant_id,
                "name": i.name,
                "closed_on": i.closed_on.isoformat(),
                "due_on": i.due_on.isoformat(),
                "count": i.count,
                "blocked": i.blocked,
            }
            for i in report.items
        ],
    }
    if not report.participant_years and not report.notes_years:
        text = tr(
            "Okresy przechowywania nie są ustawione (retention_participant_years, "
            "retention_notes_years): ustal je z JRWA placówki."
        )
        return Output(payload, text)
    kinds = {"participant": tr("dane osoby"), "notes": tr("notatki z poradnictwa")}
    lines = [
        f"{i.participant_id:>5}  {i.name:<30} {kinds[i.kind]:<22} "
        + tr("zamknięto {c}, do usunięcia od {d}").format(c=i.closed_on, d=i.due_on)
        + (f"  [{tr('ograniczenie przetwarzania')}]" if i.blocked else "")
        for i in report.items
    ]
    return Output(payload, "\n".join(lines) or tr("Nic nie czeka na usunięcie."))


def cmd_rodo_clause(db: Database, args: argparse.Namespace) -> Output:
    pid = parse_int(args.participant, "--participant")
    given = parse_optional_date(args.given_on)
    if given is not None:
        with db.session() as s:
            rodo.record_clause_given(s, pid, given)
    with db.read() as s:
        if args.out:
            from kisdesk.reports.rodo import clause as pdf

            clause = pdf.produce(s, pid, Path(args.out))  # drawn, then the print logged
        else:
            clause = rodo.information_clause(s, pid)
    text = tr("Klauzula informacyjna dla: {name}; przekazana: {on}.").format(
        name=clause.person_name, on=clause.given_on.isoformat() if clause.given_on else "—"
    )
    return Output({"participant_id": pid, "given_on": clause.given_on, "file": args.out}, text)


def cmd_rodo_restrict(db: Database, args: argparse.Namespace) -> Output:
    pid = parse_int(args.participant, "--participant")
    with db.session() as s:
        rodo.restrict(s, pid, args.reason)
    return Output({"participant_id": pid, "restricted": True}, tr("Ograniczono przetwarzanie."))


def cmd_rodo_unrestrict(db: Database, args: argparse.Namespace) -> Output:
    pid = parse_int(args.participant, "--participant")
    with db.session() as s:
        rodo.lift_restriction(s, pid)
    return Output({"participant_id": pid, "restricted": False}, tr("Zdjęto ograniczenie."))


# -- encryption ----------------------------------------------------------------------------------
def cmd_encrypt(db: Database, args: argparse.Namespace) -> Output:
    if args.state == "recovery-key":
        return _recovery_output(encryption.new_recovery_key(db), args, db)
    holder = Holder(db)  # the conversion closes the file and opens it again
    try:
        if args.state == "off":
            backup = encryption.turn_off(holder)
            return Output(
                {"encrypted": False, "backup": str(backup)},
                tr("Baza nie jest już szyfrowana. Kopia sprzed zmiany: {b}").format(b=backup),
            )
        turned = encryption.turn_on(holder)
    finally:
        if holder.db is not db:
            holder.db.dispose()
    return _recovery_output(turned.recovery_key, args, db)


def _recovery_output(recovery: str, args: argparse.Namespace, db: Database) -> Output:
    page = None
    if args.recovery_page:
        from kisdesk.reports.rodo import recovery as sheet

        page = sheet.render(recovery, Path(args.recovery_page))
    text = tr(
        "Baza danych jest zaszyfrowana. KLUCZ ODZYSKIWANIA (wydrukuj i schowaj w sejfie; "
        "otwiera bazę, gdy nikt nie pamięta hasła):\n\n    {key}\n"
    ).format(key=recovery)
    return Output({"encrypted": True, "recovery_key": recovery, "page": page and str(page)}, text)
