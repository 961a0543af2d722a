"""Commands for the office, settings, groups and participants."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from kisdesk.access import Permission
from kisdesk.cli import Output
from kisdesk.cli.args import iso, parse_date, parse_int, parse_optional_date
from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import participant_statuses
from kisdesk.rules.eligibility import ENTITLEMENTS, PARTICIPANT_KINDS
from kisdesk.services import groups, office, participants, participations, settings


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("init", parents=[common], help=tr("załóż placówkę (KIS lub CIS)"))
    p.add_argument("--type", required=True, choices=["kis", "cis"], help=tr("rodzaj placówki"))
    p.add_argument("--name", required=True, help=tr("pełna nazwa klubu / centrum"))
    p.add_argument("--operator", help=tr("podmiot prowadzący (domyślnie: jak nazwa placówki)"))
    p.add_argument("--city", default="", help=tr("miejscowość"))
    p.add_argument("--head", default="", help=tr("osoba kierująca"))
    # `init` is the explicit way to put a new database where one was lost (issue 12 item 3)
    p.set_defaults(handler=cmd_init, create_db=True)

    p = commands.add_parser(
        "settings",
        parents=[common],
        help=tr("ustawienia reguł: minimum godzin, okresy, przechowywanie danych"),
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="get|set|list")
    g = sub.add_parser("get", parents=[common])
    g.add_argument("key")
    g.set_defaults(handler=cmd_settings_get)
    s = sub.add_parser("set", parents=[common])
    s.add_argument("key")
    s.add_argument("value")
    s.set_defaults(handler=cmd_settings_set)
    ls = sub.add_parser("list", parents=[common])
    ls.set_defaults(handler=cmd_settings_list)

    p = commands.add_parser("group", parents=[common], help=tr("grupy"))
    sub = p.add_subparsers(dest="action", required=True, metavar="add|list")
    a = sub.add_parser("add", parents=[common])
    a.add_argument("name")
    a.set_defaults(handler=cmd_group_add)
    ls = sub.add_parser("list", parents=[common])
    ls.set_defaults(handler=cmd_group_list)

    p = commands.add_parser("participant", parents=[common], help=tr("uczestnicy"))
    sub = p.add_subparsers(dest="action", required=True, metavar="add|edit|enroll|end|list")
    a = sub.add_parser("add", parents=[common])
    a.add_argument("--first-name", required=True)
    a.add_argument("--last-name", required=True)
    a.add_argument("--pesel")
    a.add_argument("--birth-date")
    a.add_argument("--sex", choices=["K", "M"])
    a.add_argument("--document", default="", help=tr("dokument tożsamości (osoba bez PESEL)"))
    a.add_argument("--start", required=True)
    a.add_argument("--planned-end")
    a.add_argument("--group")
    a.add_argument("--category", action="append", default=[], metavar="N")
    a.add_argument("--referral", choices=["ops", "pup", "self", "other"], default="")
    a.add_argument(
        "--kind",
        choices=list(PARTICIPANT_KINDS),
        default="art1",
        help=tr(
            "art1 – osoba z art. 1 ust. 2; social_enterprise – pracownik przedsiębiorstwa "
            "społecznego (bez kategorii, kontraktu i świadczenia)"
        ),
    )
    _statement_options(a)
    a.set_defaults(handler=cmd_participant_add)
    e = sub.add_parser("enroll", parents=[common])
    e.add_argument("id")
    e.add_argument("--start", required=True)
    e.add_argument("--planned-end")
    e.add_argument("--group")
    _statement_options(e)
    e.set_defaults(handler=cmd_participant_enroll)
    e = sub.add_parser(
        "edit",
        parents=[common],
        help=tr("popraw dane uczestnika"),
        description=tr(
            'Zmienia tylko podane pola; pozostałe zostają bez zmian (pusty tekst "" czyści pole).'
        ),
    )
    e.add_argument("id", metavar="ID")
    for option, name in EDITABLE:
        e.add_argument(option, dest=name, metavar=tr("TEKST"))
    e.set_defaults(handler=cmd_participant_edit)
    n = sub.add_parser("end", parents=[common])
    n.add_argument("id")
    n.add_argument("--date", required=True)
    n.add_argument("--reason", required=True, choices=sorted(participations.END_REASONS))
    n.add_argument("--note", default="")
    n.set_defaults(handler=cmd_participant_end)
    ls = sub.add_parser("list", parents=[common])
    ls.add_argument("--search", default="")
    ls.add_argument("--as-of")
    ls.set_defaults(handler=cmd_participant_list)


def _statement_options(p: argparse.ArgumentParser) -> None:
    """The art. 1 ust. 3 statement made at enrolment (none declared when left out)."""
    p.add_argument(
        "--entitlement",
        action="append",
        default=[],
        metavar="|".join(ENTITLEMENTS),
        help=tr("świadczenie, do którego osoba jest uprawniona (oświadczenie, art. 1 ust. 3)"),
    )
    p.add_argument("--statement-on", metavar="RRRR-MM-DD", help=tr("data oświadczenia"))


def cmd_init(db: Database, args: argparse.Namespace) -> Output:
    data = office.OfficeData(
        kind=args.type,
        name=args.name,
        operator=office.OperatorData(name=args.operator or args.name, city=args.city),
        city=args.city,
        head_name=args.head,
    )
    with db.session() as s:
        office.create_office(s, data)
    kind = "KIS" if args.type == "kis" else "CIS"
    return Output(
        {"type": args.type, "name": data.name},
        tr("Założono placówkę {kind}: {name}").format(kind=kind, name=args.name),
    )


def _shown(value: Any) -> str:
    """Yes/no settings read as the user typed them (tak/nie), not Python's True/False."""
    if isinstance(value, bool):
        return tr("tak") if value else tr("nie")
    return str(value)


def _setting_payload(key: str, value: Any) -> dict[str, Any]:
    spec = settings.SPECS[key]
    return {"key": key, "value": value, "default": spec.default, "source": spec.source}


def cmd_settings_get(db: Database, args: argparse.Namespace) -> Output:
    with db.read() as s:
        value = settings.get_setting(s, args.key)
    spec = settings.SPECS[args.key]
    text = (
        f"{args.key} = {_shown(value)}   ({spec.label}; {tr('domyślnie')}: "
        f"{_shown(spec.default)}; {spec.basis})"
    )
    return Output(_setting_payload(args.key, value), text)


def cmd_settings_set(db: Database, args: argparse.Namespace) -> Output:
    with db.session() as s:
        old = settings.get_setting(s, args.key)
        value = settings.set_setting(s, args.key, args.value)
    payload = _setting_payload(args.key, value) | {"old": old}
    return Output(
        payload,
        tr("{key}: {old} → {value}").format(key=args.key, old=_shown(old), value=_shown(value)),
    )


def cmd_settings_list(db: Database, args: argparse.Namespace) -> Output:
    with db.read() as s:
        values = settings.all_settings(s)
    lines = [
        f"{key} = {_shown(value)}   ({settings.SPECS[key].label})" for key, value in values.items()
    ]
    return Output({"settings": values}, "\n".join(lines))


def cmd_group_add(db: Database, args: argparse.Namespace) -> Output:
    with db.session() as s:
        group_id = groups.add_group(s, args.name)
    return Output(
        {"id": group_id, "name": args.name.strip()},
        tr("Dodano grupę „{name}” (nr {id}).").format(name=args.name.strip(), id=group_id),
    )


def cmd_group_list(db: Database, args: argparse.Namespace) -> Output:
    with db.read() as s:
        rows = groups.list_groups(s)
    payload = {"rows": [{"id": g.id, "name": g.name, "members": g.members} for g in rows]}
    text = "\n".join(f"{g.id:>4}  {g.name}  ({g.members} {tr('os.')})" for g in rows)
    return Output(payload, text or tr("Brak grup."))


def _group_id(s: Any, name: str | None) -> int | None:
    """The group a participant joins (checked as the enrolment itself: no existence oracle)."""
    return None if name is None else groups.group_id_by_name(s, name, Permission.EDIT_PARTICIPANTS)


def cmd_participant_add(db: Database, args: argparse.Namespace) -> Output:
    if not args.pesel and (args.birth_date is None or args.sex is None):
        raise ValidationError("cli.need_pesel_or_birth")
    start = parse_date(args.start)
    planned_end = parse_optional_date(args.planned_end)
    data = participants.ParticipantData(
        first_name=args.first_name,
        last_name=args.last_name,
        pesel=args.pesel,
        birth_date=parse_optional_date(args.birth_date),
        sex=args.sex,
        id_document=args.document,
        categories=tuple(parse_int(c, "--category") for c in args.category),
        referral_source=args.referral,
        kind=args.kind,
    )
    statement_on = parse_optional_date(args.statement_on)
    with db.session() as s:
        group_id = _group_id(s, args.group)
        person_id = participants.add_participant(s, data)
        period_id = participations.enroll(
            s, person_id, start, planned_end, group_id, tuple(args.entitlement), statement_on
        )
    return Output(
        {"id": person_id, "participation_id": period_id},
        tr("Dodano uczestnika nr {id}: {first} {last}; uczestnictwo od {start}.").format(
            id=person_id,
            first=data.first_name.strip(),
            last=data.last_name.strip(),
            start=start.isoformat(),
        ),
    )


# The texts of the participant's form that `participant edit` changes (option, field).
EDITABLE = (
    ("--first-name", "first_name"),
    ("--last-name", "last_name"),
    ("--document", "id_document"),
    ("--street", "street"),
    ("--postal-code", "postal_code"),
    ("--city", "city"),
    ("--gmina", "gmina"),
    ("--powiat", "powiat"),
    ("--phone", "phone"),
    ("--referral-institution", "referral_institution"),
    ("--referral-number", "referral_number"),
    ("--notes", "notes"),
)


def cmd_participant_edit(db: Database, args: argparse.Namespace) -> Output:
    person_id = parse_int(args.id, "ID")
    changes = {name: getattr(args, name) for _, name in EDITABLE if getattr(args, name) is not None}
    if not changes:
        raise ValidationError("cli.nothing_to_change")
    with db.session() as s:
        data = participants.get_participant(s, person_id, need=Permission.EDIT_PARTICIPANTS)
        participants.update_participant(s, person_id, dataclasses.replace(data, **changes))
    return Output(
        {"id": person_id, "changed": sorted(changes)},
        tr("Zapisano zmiany uczestnika nr {id}.").format(id=person_id),
    )


def cmd_participant_enroll(db: Database, args: argparse.Namespace) -> Output:
    person_id = parse_int(args.id, "ID")
    start = parse_date(args.start)
    planned_end = parse_optional_date(args.planned_end)
    statement_on = parse_optional_date(args.statement_on)
    with db.session() as s:
        period_id = participations.enroll(
            s,
            person_id,
            start,
            planned_end,
            _group_id(s, args.group),
            tuple(args.entitlement),
            statement_on,
        )
    return Output(
        {"participation_id": period_id},
        tr("Nowy okres uczestnictwa nr {pid} od {start}.").format(
            pid=period_id, start=start.isoformat()
        ),
    )


def cmd_participant_end(db: Database, args: argparse.Namespace) -> Output:
    person_id = parse_int(args.id, "ID")
    end = parse_date(args.date)
    with db.session() as s:
        period_id = participations.open_period_id(s, person_id, Permission.EDIT_PARTICIPANTS)
        participations.end_period(s, period_id, end, args.reason, args.note)
    return Output(
        {"participation_id": period_id, "end": end.isoformat(), "reason": args.reason},
        tr("Zakończono uczestnictwo (okres nr {pid}) z dniem {end}.").format(
            pid=period_id, end=end.isoformat()
        ),
    )


def cmd_participant_list(db: Database, args: argparse.Namespace) -> Output:
    as_of = parse_optional_date(args.as_of)
    with db.read() as s:
        rows = participants.list_participants(s, args.search, on=as_of)
    payload = {
        "rows": [
            {
                "id": r.id,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "name": r.full_name,
                "pesel": r.pesel,
                "birth_date": iso(r.birth_date),
                "sex": r.sex,
                "group": r.group,
                "status": r.status,
                "start": iso(r.start_on),
                "end": iso(r.end_on),
            }
            for r in rows
        ]
    }
    text = "\n".join(
        f"{r.id:>5}  {r.last_name + ' ' + r.first_name:<32} {r.pesel or '—':<11}  "
        f"{r.group or '—':<24} {participant_statuses(r.sex)[r.status]:<16} "
        f"{iso(r.start_on) or ''}"
        for r in rows
    )
    return Output(payload, text or tr("Brak uczestników."))
