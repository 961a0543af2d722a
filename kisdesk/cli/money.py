"""Commands for a CIS's money and for closing months: absences, benefits, premia, months."""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from typing import Any

from kisdesk.access import Permission
from kisdesk.cli import Output
from kisdesk.cli.args import iso, parse_date, parse_int, parse_month, parse_optional_date
from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.rules.benefit import parse_money
from kisdesk.services import absences, benefits, months

KIND_PL = {
    "sick": tr("zwolnienie lekarskie (L4)"),
    "day_off": tr("dzień wolny"),
    "excused": tr("nieobecność usprawiedliwiona"),
    "unexcused": tr("nieobecność nieusprawiedliwiona"),
}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "absence", parents=[common], help=tr("nieobecności całodniowe: L4, dni wolne, inne")
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="add|list|delete")
    a = sub.add_parser(
        "add",
        parents=[common],
        help=tr("wpisz nieobecność"),
        description=tr(
            "Wpisuje nieobecność całodniową: sick – zwolnienie lekarskie (L4, dni kalendarzowe), "
            "day_off – dzień wolny na wniosek uczestnika za zgodą kierownika (po okresie "
            "próbnym, w limicie art. 15 ust. 6a), excused / unexcused – inne dni."
        ),
    )
    a.add_argument("participant_id", metavar="PARTICIPANT_ID")
    a.add_argument("--kind", required=True, choices=sorted(absences.KINDS))
    a.add_argument("--from", dest="from_on", required=True, metavar="RRRR-MM-DD")
    a.add_argument("--to", dest="to_on", metavar="RRRR-MM-DD", help=tr("domyślnie jak --from"))
    a.add_argument("--document", default="", help=tr("seria i numer zwolnienia lekarskiego"))
    a.add_argument("--note", default="")
    a.set_defaults(handler=cmd_absence_add)
    ls = sub.add_parser("list", parents=[common], help=tr("nieobecności"))
    ls.add_argument("--participant", metavar="ID")
    ls.add_argument("--month", metavar="RRRR-MM")
    ls.set_defaults(handler=cmd_absence_list)
    d = sub.add_parser("delete", parents=[common], help=tr("usuń nieobecność"))
    d.add_argument("absence_id", metavar="ID")
    d.set_defaults(handler=cmd_absence_delete)

    p = commands.add_parser(
        "benefit",
        parents=[common],
        help=tr("świadczenia integracyjne CIS: lista miesiąca, stawki, premie"),
        description=tr(
            "kisdesk benefit --month RRRR-MM wypisuje listę świadczeń miesiąca (art. 15): dni, "
            "potrącenia, kwotę do wypłaty, premię i składki."
        ),
    )
    p.add_argument("--month", dest="list_month", metavar="RRRR-MM")
    p.set_defaults(handler=cmd_benefit_list)
    sub = p.add_subparsers(dest="action", required=False, metavar="rates|rate-set|premium")
    r = sub.add_parser("rates", parents=[common], help=tr("stawki świadczenia"))
    r.set_defaults(handler=cmd_rates)
    r = sub.add_parser("rate-set", parents=[common], help=tr("dodaj stawkę od dnia"))
    r.add_argument("--from", dest="from_on", required=True, metavar="RRRR-MM-DD")
    r.add_argument("--amount", required=True, metavar="ZŁ")
    r.set_defaults(handler=cmd_rate_set)
    r = sub.add_parser("premium", parents=[common], help=tr("premia motywacyjna (art. 15a)"))
    r.add_argument("participant_id", metavar="PARTICIPANT_ID")
    r.add_argument("--month", required=True, metavar="RRRR-MM")
    r.add_argument("--amount", required=True, metavar="ZŁ")
    r.add_argument("--reason", required=True, metavar="TEKST")
    r.set_defaults(handler=cmd_premium)

    p = commands.add_parser("month", parents=[common], help=tr("zamknięcie miesiąca"))
    sub = p.add_subparsers(dest="action", required=True, metavar="close|reopen|status")
    c = sub.add_parser("close", parents=[common], help=tr("zamknij miesiąc"))
    c.add_argument("month", metavar="RRRR-MM")
    c.set_defaults(handler=cmd_month_close)
    c = sub.add_parser("reopen", parents=[common], help=tr("otwórz ponownie (z powodem)"))
    c.add_argument("month", metavar="RRRR-MM")
    c.add_argument("--reason", required=True, metavar="TEKST")
    c.set_defaults(handler=cmd_month_reopen)
    c = sub.add_parser("status", parents=[common], help=tr("czy miesiąc jest zamknięty"))
    c.add_argument("month", metavar="RRRR-MM")
    c.set_defaults(handler=cmd_month_status)
    register_duties(commands, common)


def amount_arg(value: str) -> Decimal:
    try:
        return parse_money(value)
    except ValueError:
        raise ValidationError("benefit.bad_amount", value=value) from None


def _absence_payload(r: absences.AbsenceRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "participant_id": r.participant_id,
        "participation_id": r.participation_id,
        "name": r.name,
        "kind": r.kind,
        "from": r.from_on.isoformat(),
        "to": r.to_on.isoformat(),
        "days": r.days,
        "document": r.document,
        "note": r.note,
        "requested_on": iso(r.requested_on),
        "consent_by": r.consent_by,
    }


def cmd_absence_add(db: Database, args: argparse.Namespace) -> Output:
    person = parse_int(args.participant_id, "PARTICIPANT_ID")
    start, end = parse_date(args.from_on), parse_optional_date(args.to_on)
    with db.session() as s:
        new_id = absences.add_absence(s, person, args.kind, start, end, args.document, args.note)
    end = end or start
    return Output(
        {"id": new_id},
        tr("Wpisano nieobecność nr {id}: {kind}, {start} – {end}.").format(
            id=new_id, kind=KIND_PL[args.kind], start=start.isoformat(), end=end.isoformat()
        ),
    )


def cmd_absence_list(db: Database, args: argparse.Namespace) -> Output:
    person = None if args.participant is None else parse_int(args.participant, "--participant")
    year, month = parse_month(args.month) if args.month else (None, None)
    with db.read() as s:
        rows = absences.list_absences(s, person, year, month)
    lines = [
        f"{r.id:>5}  {r.name:<30} {KIND_PL[r.kind]:<32} {r.from_on.isoformat()} – "
        f"{r.to_on.isoformat()} ({r.days} {tr('dni')})  {r.document}"
        for r in rows
    ]
    return Output(
        {"rows": [_absence_payload(r) for r in rows]}, "\n".join(lines) or tr("Brak nieobecności.")
    )


def cmd_absence_delete(db: Database, args: argparse.Namespace) -> Output:
    absence_id = parse_int(args.absence_id, "ID")
    with db.session() as s:
        row = absences.delete_absence(s, absence_id)
    return Output(
        {"id": row.id, "deleted": True},
        tr("Usunięto nieobecność nr {id} ({name}, {start} – {end}).").format(
            id=row.id, name=row.name, start=row.from_on.isoformat(), end=row.to_on.isoformat()
        ),
    )


def cmd_rates(db: Database, args: argparse.Namespace) -> Output:
    with db.read() as s:
        rows = benefits.rates(s)
    return Output(
        {"rows": [{"from": d.isoformat(), "amount": f"{a:.2f}"} for d, a in rows]},
        "\n".join(
            tr("od {date}: {amount} zł").format(date=d.isoformat(), amount=benefits.money_pl(a))
            for d, a in rows
        ),
    )


def cmd_rate_set(db: Database, args: argparse.Namespace) -> Output:
    start, amount = parse_date(args.from_on), amount_arg(args.amount)
    with db.session() as s:
        benefits.set_rate(s, start, amount)
    return Output(
        {"from": start.isoformat(), "amount": f"{amount:.2f}"},
        tr("Stawka świadczenia od {date}: {amount} zł.").format(
            date=start.isoformat(), amount=benefits.money_pl(amount)
        ),
    )


def cmd_premium(db: Database, args: argparse.Namespace) -> Output:
    person = parse_int(args.participant_id, "PARTICIPANT_ID")
    year, month = parse_month(args.month)
    amount = amount_arg(args.amount)
    with db.session() as s:
        premium_id = benefits.set_premium(s, person, year, month, amount, args.reason)
    return Output(
        {
            "id": premium_id,
            "participant_id": person,
            "month": months.month_key(year, month),
            "amount": f"{amount:.2f}",
        },
        tr("Premia motywacyjna za {month}: {amount} zł.").format(
            month=months.month_key(year, month), amount=benefits.money_pl(amount)
        ),
    )


def cmd_benefit_list(db: Database, args: argparse.Namespace) -> Output:
    if not args.list_month:
        raise ValidationError("cli.month_required")
    year, month = parse_month(args.list_month)
    with db.read() as s:
        data = benefits.benefit_list(s, year, month)
    payload = benefits.list_payload(data)
    lines = [
        tr("Świadczenia integracyjne za {month}; stawka {rate} zł").format(
            month=data.key, rate=benefits.money_pl(data.rate)
        )
    ]
    for row in data.rows:
        r = row.result
        flag = tr("  [utrata świadczenia: ponad 3 dni nieusprawiedliwione]") if r.forfeited else ""
        lines.append(
            f"{row.participant_id:>5}  {row.name:<30} {r.days:>2} {tr('dni')}  "
            f"{benefits.money_pl(r.amount):>10} zł  {tr('premia')} {benefits.money_pl(r.premium)}"
            f"{flag}"
        )
    t = data.totals
    lines.append(
        tr("Razem: {amount} zł; premie {premium} zł; składki {p} + {d} zł").format(
            amount=benefits.money_pl(t["amount"]),
            premium=benefits.money_pl(t["premium"]),
            p=benefits.money_pl(t["contribution_pension"]),
            d=benefits.money_pl(t["contribution_disability"]),
        )
    )
    return Output(payload, "\n".join(lines))


def _status_payload(st: months.MonthStatus) -> dict[str, Any]:
    def stamp(value: dt.datetime | None) -> str | None:
        return None if value is None else value.isoformat(sep=" ", timespec="seconds")

    return {
        "month": st.month,
        "closed": st.closed,
        "closed_at": stamp(st.closed_at),
        "closed_by": st.closed_by,
        "reopened_at": stamp(st.reopened_at),
        "reopened_by": st.reopened_by,
        "reopen_reason": st.reopen_reason,
    }


def cmd_month_close(db: Database, args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with db.session() as s:
        st = months.close_month(s, year, month)
    return Output(
        _status_payload(st),
        tr(
            "Zamknięto miesiąc {month}: jego dziennik, obecności, nieobecności, świadczenia i "
            "premie są tylko do odczytu."
        ).format(month=st.month),
    )


def cmd_month_reopen(db: Database, args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with db.session() as s:
        st = months.reopen_month(s, year, month, args.reason)
    return Output(
        _status_payload(st),
        tr(
            "Otwarto ponownie miesiąc {month} (powód: {reason}). Zmiany są zapisywane w "
            "dzienniku zdarzeń."
        ).format(month=st.month, reason=st.reopen_reason),
    )


def cmd_month_status(db: Database, args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with db.read() as s:
        st = months.month_status(s, year, month)
    text = (
        tr("Miesiąc {month} jest zamknięty (od {at}, {who}).").format(
            month=st.month, at=_status_payload(st)["closed_at"], who=st.closed_by or "—"
        )
        if st.closed
        else tr("Miesiąc {month} jest otwarty.").format(month=st.month)
    )
    return Output(_status_payload(st), text)


# The month's CIS documents `kisdesk print` makes, all through the document register.
MONTH_PRINTS = {
    "benefit-list": tr("lista wypłat świadczeń integracyjnych do podpisu"),
    "refund-application": tr("wniosek do starosty o refundację (art. 15 ust. 8)"),
    "programme": tr("CIS: miesięczny program zajęć (art. 14 ust. 1a)"),
    "meals": tr("CIS: lista posiłków według obecności (art. 14 ust. 4)"),
}


def register_print(sub: Any, common: argparse.ArgumentParser) -> None:
    """`kisdesk print benefit-list | refund-application | programme | meals` (called by the
    print command)."""
    for name, helptext in MONTH_PRINTS.items():
        m = sub.add_parser(name, parents=[common], help=helptext)
        m.add_argument("--month", required=True, metavar="RRRR-MM")
        m.add_argument("--date", metavar="RRRR-MM-DD", help=tr("data dokumentu (domyślnie dziś)"))
        m.add_argument("--out", required=True, metavar="PLIK.pdf")
        m.set_defaults(handler=cmd_print_month)


def cmd_print_month(db: Database, args: argparse.Namespace) -> Output:
    from pathlib import Path

    from kisdesk.cli.issued_file import issued_file
    from kisdesk.reports.pdf.documents import render as render_registered
    from kisdesk.services import cis_duties, documents, documents_money

    year, month = parse_month(args.month)
    issued_on = parse_optional_date(args.date) or dt.date.today()
    path = str(Path(args.out).resolve())
    with issued_file(db, args.out) as (s, tmp):
        if args.what in ("benefit-list", "refund-application"):
            kind = (
                documents_money.BENEFIT_LIST
                if args.what == "benefit-list"
                else documents_money.REFUND
            )
            row = documents_money.issue(s, kind, year, month, issued_on)
        else:
            build = (
                cis_duties.programme_form if args.what == "programme" else cis_duties.meal_list_form
            )
            row = documents.register_form(s, build(s, year, month, issued_on))
        render_registered(row.kind, row.data, tmp)
    key = months.month_key(year, month)
    return Output(
        {"kind": row.kind, "month": key, "number": row.number, "path": path},
        tr("Zapisano: {what} za {month} ({path}); w rejestrze pod nr {n}.").format(
            what=MONTH_PRINTS[args.what], month=key, path=path, n=row.number
        ),
    )


def cmd_export_benefits(db: Database, args: argparse.Namespace) -> Output:
    from pathlib import Path

    from kisdesk.errors import KisdeskError
    from kisdesk.reports.xlsx import benefits as benefits_xlsx
    from kisdesk.services import exports, office

    if not args.month:
        raise ValidationError("cli.month_required")
    year, month = parse_month(args.month)
    with db.read() as s:
        data = benefits.benefit_export(s, year, month)
        name = office.get_office(s).name
    try:
        written = benefits_xlsx.render(data, name, Path(args.out))
    except OSError as exc:
        raise KisdeskError(
            "export.cannot_write", path=str(args.out), reason=exc.strerror or exc
        ) from None
    with db.session() as s:
        exports.record_export(s, "benefits", len(data.rows), month=data.key)
    return Output(
        {"path": str(written), "kind": "benefits", "month": data.key, "rows": len(data.rows)},
        tr("Zapisano listę świadczeń za {month}: {path}").format(month=data.key, path=written),
    )


def register_duties(commands: Any, common: argparse.ArgumentParser) -> None:
    """`kisdesk readiness set | list`: BHP training, medical examination, work clothes."""
    p = commands.add_parser(
        "readiness",
        parents=[common],
        help=tr("CIS: szkolenie BHP, badanie lekarskie, odzież robocza (art. 14 ust. 2)"),
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="set|list")
    s = sub.add_parser("set", parents=[common], help=tr("wpisz daty"))
    s.add_argument("participant_id", metavar="PARTICIPANT_ID")
    s.add_argument("--bhp", metavar="RRRR-MM-DD", help=tr("szkolenie BHP"))
    s.add_argument("--medical", metavar="RRRR-MM-DD", help=tr("badanie lekarskie"))
    s.add_argument("--clothes", metavar="RRRR-MM-DD", help=tr("odzież i obuwie robocze"))
    s.set_defaults(handler=cmd_readiness_set)
    ls = sub.add_parser("list", parents=[common], help=tr("kto czego jeszcze nie ma"))
    ls.add_argument("--date", metavar="RRRR-MM-DD")
    ls.set_defaults(handler=cmd_readiness_list)


def cmd_readiness_set(db: Database, args: argparse.Namespace) -> Output:
    from kisdesk.services import cis_duties, documents
    from kisdesk.services.common import require

    person = parse_int(args.participant_id, "PARTICIPANT_ID")
    dates = [parse_optional_date(v) for v in (args.bhp, args.medical, args.clothes)]
    with db.session() as s:
        require(s, Permission.EDIT_PARTICIPANTS)  # the role first, then the office's kind
        cis_duties.require_cis(s, cis_duties.readiness_duty())
        period = documents.latest_period_id(s, person, Permission.EDIT_PARTICIPANTS)
        cis_duties.set_readiness(s, period, *dates)
    return Output(
        {"participant_id": person, "participation_id": period},
        tr("Zapisano daty przygotowania do zajęć."),
    )


def cmd_readiness_list(db: Database, args: argparse.Namespace) -> Output:
    from kisdesk.services import cis_duties

    on = parse_optional_date(args.date) or dt.date.today()
    with db.read() as s:
        rows = cis_duties.readiness(s, on)
    labels = {
        "bhp_training_on": tr("szkolenie BHP"),
        "medical_exam_on": tr("badanie lekarskie"),
        "work_clothes_on": tr("odzież robocza"),
    }
    payload = {
        "rows": [
            {
                "participant_id": r.participant_id,
                "participation_id": r.participation_id,
                "name": r.name,
                "bhp_training_on": iso(r.bhp_training_on),
                "medical_exam_on": iso(r.medical_exam_on),
                "work_clothes_on": iso(r.work_clothes_on),
                "missing": list(r.missing),
            }
            for r in rows
        ]
    }
    lines = [
        f"{r.participant_id:>5}  {r.name:<30} "
        + (tr("brak: ") + ", ".join(labels[m] for m in r.missing) if r.missing else tr("komplet"))
        for r in rows
    ]
    return Output(payload, "\n".join(lines) or tr("Brak uczestników."))
