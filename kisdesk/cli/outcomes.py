"""Commands for what happened after the club (docs/outcomes.md): the outcome of a period,
the follow-up checkpoints, their call list, and the annual figures counted from them."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from kisdesk.cli import Output
from kisdesk.cli.args import iso, parse_date, parse_int, parse_month, parse_optional_date
from kisdesk.db import Database
from kisdesk.i18n import tr
from kisdesk.messages.outcomes import OUTCOME_LABELS, RESULT_LABELS
from kisdesk.reports.pdf import followup_calls
from kisdesk.reports.pdf.layout import atomic_path
from kisdesk.rules.outcomes import FOLLOWUP_RESULTS, OUTCOME_KINDS
from kisdesk.services import documents_stats, outcomes


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "outcome", parents=[common], help=tr("wynik po zakończeniu uczestnictwa")
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="set")
    s = sub.add_parser("set", parents=[common], help=tr("zapisz wynik okresu uczestnictwa"))
    s.add_argument("participation_id", metavar="PARTICIPATION_ID")
    s.add_argument("--kind", required=True, choices=OUTCOME_KINDS)
    s.add_argument("--on", required=True, metavar="RRRR-MM-DD", help=tr("od kiedy"))
    s.add_argument("--note", default="", metavar="TEKST")
    s.set_defaults(handler=cmd_outcome_set)

    p = commands.add_parser(
        "followup", parents=[common], help=tr("kontakty kontrolne po zakończeniu")
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="list|record|calls")
    ls = sub.add_parser("list", parents=[common], help=tr("kontakty do wykonania"))
    ls.add_argument("--as-of", metavar="RRRR-MM-DD", help=tr("stan na dzień (domyślnie dziś)"))
    ls.add_argument("--all", action="store_true", help=tr("wszystkie, także wykonane"))
    ls.set_defaults(handler=cmd_followup_list)
    r = sub.add_parser("record", parents=[common], help=tr("zapisz wynik kontaktu"))
    r.add_argument("followup_id", metavar="FOLLOWUP_ID")
    r.add_argument("--on", required=True, metavar="RRRR-MM-DD", help=tr("data kontaktu"))
    r.add_argument("--result", required=True, choices=FOLLOWUP_RESULTS)
    r.add_argument("--kind", choices=OUTCOME_KINDS, help=tr("rodzaj pracy, gdy pracuje"))
    r.add_argument("--note", default="", metavar="TEKST")
    r.set_defaults(handler=cmd_followup_record)
    c = sub.add_parser("calls", parents=[common], help=tr("lista kontaktów na miesiąc (PDF)"))
    c.add_argument("--month", metavar="RRRR-MM", help=tr("miesiąc (domyślnie bieżący)"))
    c.add_argument("--out", required=True, metavar="PLIK.pdf")
    c.set_defaults(handler=cmd_followup_calls)

    p = commands.add_parser("report", parents=[common], help=tr("liczby sprawozdań"))
    sub = p.add_subparsers(dest="action", required=True, metavar="annual")
    a = sub.add_parser("annual", parents=[common], help=tr("liczby sprawozdania rocznego"))
    a.add_argument("--year", required=True, metavar="RRRR")
    a.set_defaults(handler=cmd_report_annual)


def cmd_outcome_set(db: Database, args: argparse.Namespace) -> Output:
    period_id = parse_int(args.participation_id, "PARTICIPATION_ID")
    on = parse_date(args.on)
    with db.session() as s:
        outcomes.set_outcome(s, period_id, args.kind, on, args.note)
    return Output(
        {
            "participation_id": period_id,
            "kind": args.kind,
            "on": on.isoformat(),
            "note": " ".join(args.note.split()),
        },
        tr("Okres uczestnictwa nr {pid}: wynik „{kind}” od {on}.").format(
            pid=period_id, kind=OUTCOME_LABELS[args.kind], on=on.isoformat()
        ),
    )


def _payload(row: outcomes.FollowUpRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "participation_id": row.participation_id,
        "participant_id": row.participant_id,
        "name": row.name,
        "checkpoint_months": row.checkpoint_months,
        "due": row.due.isoformat(),
        "done": row.done,
        "result": row.result,
    }


def _line(row: outcomes.FollowUpRow) -> str:
    state = (
        RESULT_LABELS[row.result] + f" ({iso(row.contacted_on)})"
        if row.result
        else tr("do wykonania")
    )
    return (
        f"{row.id:>5}  {row.name:<30} {row.phone or '—':<15} "
        f"{tr('po {n} mies.').format(n=row.checkpoint_months):<12} {row.due.isoformat()}  {state}"
    )


def cmd_followup_list(db: Database, args: argparse.Namespace) -> Output:
    as_of = parse_optional_date(args.as_of) or dt.date.today()
    with db.read() as s:
        rows = outcomes.followups(s, as_of, include_all=args.all)
    empty = tr("Brak kontaktów kontrolnych.") if args.all else tr("Brak kontaktów do wykonania.")
    return Output(
        {"as_of": as_of.isoformat(), "rows": [_payload(r) for r in rows]},
        "\n".join(_line(r) for r in rows) or empty,
    )


def cmd_followup_record(db: Database, args: argparse.Namespace) -> Output:
    followup_id = parse_int(args.followup_id, "FOLLOWUP_ID")
    on = parse_date(args.on)
    with db.session() as s:
        row = outcomes.record_followup(s, followup_id, on, args.result, args.kind, args.note)
        outcome = outcomes.period_outcome(s, row.participation_id)
    text = tr("Zapisano kontakt nr {id} ({name}): {result}.").format(
        id=row.id, name=row.name, result=RESULT_LABELS[row.result or ""]
    )
    if row.result == "working":
        text += " " + tr("Wynik okresu: {kind}.").format(kind=OUTCOME_LABELS[outcome.kind or ""])
    payload = _payload(row) | {
        "kind": row.kind,
        "contacted_on": iso(row.contacted_on),
        "outcome": outcome.kind,
    }
    return Output(payload, text)


def cmd_followup_calls(db: Database, args: argparse.Namespace) -> Output:
    today = dt.date.today()
    year, month = parse_month(args.month) if args.month else (today.year, today.month)
    with atomic_path(args.out) as tmp, db.session() as s:
        data = outcomes.call_list_data(s, year, month)
        followup_calls.render(data, tmp)
    path = str(Path(args.out).resolve())
    return Output(
        {"month": f"{year:04d}-{month:02d}", "rows": len(data.rows), "path": path},
        tr("Lista kontaktów kontrolnych ({n}): {path}").format(n=len(data.rows), path=path),
    )


def cmd_report_annual(db: Database, args: argparse.Namespace) -> Output:
    year = parse_int(args.year, "--year")
    with db.read() as s:
        f = documents_stats.annual_figures(s, year)
    payload = {
        "year": f.year,
        "kind": f.kind,
        "participants": f.participants,
        "by_category": f.by_category,
        "achieved_effects": f.achieved_effects,
        "employed_after": f.employed_after,
        "how_counted": f.how_counted,
    }
    lines = [
        tr("Sprawozdanie roczne {kind} za {year} r.").format(kind=f.kind.upper(), year=f.year),
        tr("Uczestnicy: {n}").format(n=f.participants),
        tr("Według kategorii art. 1 ust. 2: ")
        + ", ".join(f"{k}: {v}" for k, v in f.by_category.items()),
        tr("Osiągnęli efekty reintegracji: {n}").format(n=f.achieved_effects),
        tr("Uzyskali zatrudnienie po zakończeniu: {n}").format(n=f.employed_after),
        "",
        f.how_counted["achieved_effects"],
        f.how_counted["employed_after"],
    ]
    return Output(payload, "\n".join(lines))
