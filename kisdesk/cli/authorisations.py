"""`kisdesk authorisation`: the register of authorisations to process personal data
(art. 8b ust. 4, art. 18f) and the printed authorisation."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from kisdesk.cli import Output
from kisdesk.cli.args import iso, parse_date, parse_int, parse_optional_date
from kisdesk.db import Database
from kisdesk.i18n import tr
from kisdesk.services import authorisations


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "authorisation",
        parents=[common],
        help=tr("upoważnienia do przetwarzania danych (art. 8b ust. 4, art. 18f)"),
    )
    sub = p.add_subparsers(
        dest="action", required=True, metavar="add|list|withdraw|print|undertaking"
    )
    a = sub.add_parser("add", parents=[common], help=tr("nadaj upoważnienie"))
    who = a.add_mutually_exclusive_group(required=True)
    who.add_argument("--user", dest="login", metavar="LOGIN")
    who.add_argument("--staff", metavar="NUMER")
    who.add_argument("--name", metavar="IMIĘ NAZWISKO")
    a.add_argument("--given-on", required=True, metavar="RRRR-MM-DD")
    a.add_argument("--undertaking-on", metavar="RRRR-MM-DD", help=tr("podpisane zobowiązanie"))
    a.add_argument("--scope", default="", metavar="TEKST")
    a.set_defaults(handler=cmd_add)
    ls = sub.add_parser("list", parents=[common], help=tr("rejestr upoważnień i braki"))
    ls.add_argument("--as-of", metavar="RRRR-MM-DD")
    ls.set_defaults(handler=cmd_list)
    w = sub.add_parser("withdraw", parents=[common], help=tr("odwołaj upoważnienie"))
    w.add_argument("id", metavar="ID")
    w.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    w.set_defaults(handler=cmd_withdraw)
    r = sub.add_parser("print", parents=[common], help=tr("wydrukuj upoważnienie"))
    r.add_argument("id", metavar="ID")
    r.add_argument("--out", required=True, metavar="PLIK.pdf")
    r.set_defaults(handler=cmd_print)
    u = sub.add_parser(
        "undertaking", parents=[common], help=tr("zapisz podpisane zobowiązanie do tajemnicy")
    )
    u.add_argument("id", metavar="ID")
    u.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    u.set_defaults(handler=cmd_undertaking)


def _payload(r: authorisations.AuthorisationRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "number": r.number,
        "name": r.person_name,
        "user_id": r.user_id,
        "staff_id": r.staff_id,
        "given_on": iso(r.given_on),
        "undertaking_on": iso(r.undertaking_on),
        "withdrawn_on": iso(r.withdrawn_on),
        "scope": r.scope,
        "valid": r.valid,
    }


def cmd_add(db: Database, args: argparse.Namespace) -> Output:
    given = parse_date(args.given_on)
    undertaking = parse_optional_date(args.undertaking_on)
    staff_id = None if args.staff is None else parse_int(args.staff, "--staff")
    with db.session() as s:
        row = authorisations.add_authorisation(
            s,
            given,
            user_login=args.login,
            staff_id=staff_id,
            person_name=args.name or "",
            scope=args.scope,
            undertaking_on=undertaking,
        )
    return Output(
        _payload(row),
        tr("Zapisano upoważnienie {n} dla: {name}.").format(n=row.number, name=row.person_name),
    )


def cmd_list(db: Database, args: argparse.Namespace) -> Output:
    on = parse_optional_date(args.as_of) or dt.date.today()
    with db.read() as s:
        rows = authorisations.list_authorisations(s, on)
        lacking = authorisations.missing(s, on)
    lines = [
        f"{r.number:<14} {r.person_name:<30} {iso(r.given_on)}  "
        + (tr("ważne") if r.valid else tr("nieważne"))
        for r in rows
    ]
    for m in lacking:
        lines.append(
            tr("UWAGA: {name} ({what}) nie ma ważnego upoważnienia.").format(
                name=m.name, what=tr("konto") if m.kind == "user" else tr("kadra")
            )
        )
    payload = {
        "as_of": on.isoformat(),
        "rows": [_payload(r) for r in rows],
        "missing": [{"kind": m.kind, "id": m.id, "name": m.name} for m in lacking],
    }
    return Output(payload, "\n".join(lines) or tr("Rejestr upoważnień jest pusty."))


def cmd_withdraw(db: Database, args: argparse.Namespace) -> Output:
    on = parse_date(args.on)
    with db.session() as s:
        row = authorisations.withdraw(s, parse_int(args.id, "ID"), on)
    return Output(_payload(row), tr("Odwołano upoważnienie {n}.").format(n=row.number))


def cmd_print(db: Database, args: argparse.Namespace) -> Output:
    from kisdesk.reports.pdf import authorisation as pdf

    rid = parse_int(args.id, "ID")
    with db.session() as s:
        data = authorisations.authorisation_print(s, rid)
    pdf.render(data, args.out)
    path = str(Path(args.out).resolve())  # absolute, as every other printed document's
    return Output(
        {"id": rid, "number": data.number, "path": path},
        tr("Zapisano upoważnienie nr {n}: {path}").format(n=data.number, path=path),
    )


def cmd_undertaking(db: Database, args: argparse.Namespace) -> Output:
    on = parse_date(args.on)
    with db.session() as s:
        row = authorisations.record_undertaking(s, parse_int(args.id, "ID"), on)
    return Output(
        _payload(row),
        tr("Zapisano zobowiązanie do zachowania tajemnicy ({on}) do upoważnienia {n}.").format(
            on=iso(on), n=row.number
        ),
    )
