"""Commands for documents: certificates, forms to the voivode, printouts (docs/domain.md#documents).

A numbered document is issued and drawn in one transaction into a temporary file next to
FILE.pdf; the file takes its name only after the register has been committed. Any error
leaves neither a register entry nor a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kisdesk.access import Permission
from kisdesk.cli import Output, money
from kisdesk.cli.args import (
    iso,
    parse_date,
    parse_int,
    parse_month,
    parse_optional_date,
    parse_year,
)
from kisdesk.cli.issued_file import issued_file
from kisdesk.db import Database
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.messages.core import plural
from kisdesk.messages.documents import document_kinds
from kisdesk.reports.pdf import (
    attendance_list,
    attendance_sheet,
    certificate,
    counselling_card,
    journal,
)
from kisdesk.reports.pdf.documents import render as render_registered
from kisdesk.reports.pdf.month_end import make_month_end
from kisdesk.services import (
    documents,
    documents_due,
    documents_forms,
    groups,
    month_end,
    office,
)
from kisdesk.services.documents_journal import counselling_card_data, journal_data
from kisdesk.services.documents_lists import (
    attendance_list_data,
    day_list_data,
    month_lists_data,
    month_sheet_data,
)

KINDS = {"ending": "ending_certificate", "graduate": "graduate_certificate"}
KIND_PL = {
    "ending_certificate": tr("o zakończeniu uczestnictwa"),
    "graduate_certificate": tr("o uzyskaniu statusu absolwenta"),
    "register_form": tr("zgłoszenie do rejestru"),
    "closing_notice": tr("zgłoszenie zaprzestania"),
    "annual_report": tr("sprawozdanie roczne"),
    "cis_application": tr("wniosek o status CIS"),
    "cis_annual_report": tr("sprawozdanie roczne CIS"),
}
FORMS = ("register", "closing", "annual-report", "cis-application")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "certificate", parents=[common], help=tr("wydaj zaświadczenie (numer z rejestru)")
    )
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--kind", required=True, choices=sorted(KINDS))
    p.add_argument("--date", metavar="RRRR-MM-DD", help=tr("data wydania (domyślnie dziś)"))
    p.add_argument(
        "--override", metavar="TEKST", help=tr("uzasadnienie wydania mimo braku statusu")
    )
    p.add_argument("--skills", metavar="TEKST", help=tr("nabyte umiejętności (CIS: wymagane)"))
    p.add_argument("--out", required=True, metavar="PLIK.pdf")
    p.set_defaults(handler=cmd_certificate)

    p = commands.add_parser(
        "certificates",
        parents=[common],
        help=tr("rejestr zaświadczeń: należne, wydruk, anulowanie"),
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="due|reprint|cancel|list|pup-sent")
    d = sub.add_parser("due", parents=[common], help=tr("zaświadczenia do wydania"))
    d.add_argument("--date", metavar="RRRR-MM-DD")
    d.add_argument("--since", metavar="RRRR-MM-DD", help=tr("pomiń zakończone przed tą datą"))
    d.add_argument("--out", metavar="PLIK.pdf", help=tr("wydaj wszystkie i zapisz w jednym PDF"))
    d.set_defaults(handler=cmd_due)
    r = sub.add_parser("reprint", parents=[common], help=tr("wydrukuj ponownie lub duplikat"))
    r.add_argument("number", metavar="NUMER")
    r.add_argument("--year", metavar="RRRR")
    r.add_argument("--duplicate", action="store_true")
    r.add_argument("--out", required=True, metavar="PLIK.pdf")
    r.set_defaults(handler=cmd_reprint)
    c = sub.add_parser("cancel", parents=[common], help=tr("anuluj (numer nie wraca do puli)"))
    c.add_argument("number", metavar="NUMER")
    c.add_argument("--year", metavar="RRRR")
    c.add_argument("--reason", required=True, metavar="TEKST")
    c.set_defaults(handler=cmd_cancel)
    ls = sub.add_parser("list", parents=[common], help=tr("rejestr wydanych dokumentów"))
    ls.add_argument("--participant", metavar="ID")
    ls.add_argument("--year", metavar="RRRR")
    ls.set_defaults(handler=cmd_list)
    u = sub.add_parser(
        "pup-sent",
        parents=[common],
        help=tr("zapisz przekazanie zaświadczenia CIS do urzędu pracy (art. 13 ust. 5a)"),
    )
    u.add_argument("number", metavar="NUMER")
    u.add_argument("--year", metavar="RRRR")
    u.add_argument("--on", required=True, metavar="RRRR-MM-DD")
    u.add_argument("--office", default="", metavar="TEKST", help=tr("powiatowy urząd pracy"))
    u.set_defaults(handler=cmd_pup_sent)

    p = commands.add_parser("form", parents=[common], help=tr("formularze dla wojewody"))
    p.add_argument("what", choices=FORMS)
    p.add_argument("--year", metavar="RRRR", help=tr("rok sprawozdania (domyślnie poprzedni)"))
    p.add_argument("--date", metavar="RRRR-MM-DD", help=tr("data dokumentu (domyślnie dziś)"))
    p.add_argument("--out", required=True, metavar="PLIK.pdf")
    p.set_defaults(handler=cmd_form)

    p = commands.add_parser("print", parents=[common], help=tr("listy obecności, dziennik, karty"))
    sub = p.add_subparsers(dest="what", required=True, metavar="DOKUMENT")
    a = sub.add_parser("attendance-list", parents=[common], help=tr("lista obecności do podpisu"))
    a.add_argument("--activity", metavar="ID")
    a.add_argument(
        "--group", metavar="NAZWA", help=tr("grupa (można pominąć, gdy jest tylko jedna)")
    )
    a.add_argument("--date", metavar="RRRR-MM-DD", help=tr("wszystkie zajęcia grupy w tym dniu"))
    a.add_argument("--month", metavar="RRRR-MM", help=tr("listy wszystkich zajęć grupy w miesiącu"))
    a.add_argument("--spare", default="3", metavar="N", help=tr("wolne wiersze (domyślnie 3)"))
    a.add_argument("--out", required=True, metavar="PLIK.pdf")
    a.set_defaults(handler=cmd_attendance_list)
    for name, helptext in (
        ("attendance-sheet", tr("miesięczna lista obecności grupy")),
        ("journal", tr("dziennik zajęć grupy za miesiąc")),
    ):
        m = sub.add_parser(name, parents=[common], help=helptext)
        m.add_argument(
            "--group", metavar="NAZWA", help=tr("grupa (można pominąć, gdy jest tylko jedna)")
        )
        m.add_argument("--month", required=True, metavar="RRRR-MM")
        m.add_argument("--as-of", metavar="RRRR-MM-DD", help=tr("stan na dzień (domyślnie dziś)"))
        m.add_argument("--out", required=True, metavar="PLIK.pdf")
        m.set_defaults(handler=cmd_sheet if name == "attendance-sheet" else cmd_journal)
    k = sub.add_parser("counselling-card", parents=[common], help=tr("karta doradztwa"))
    k.add_argument("--participant", required=True, metavar="ID")
    k.add_argument("--year", metavar="RRRR")
    k.add_argument("--out", required=True, metavar="PLIK.pdf")
    k.set_defaults(handler=cmd_card)
    v = sub.add_parser(
        "advisory-card", parents=[common], help=tr("karta usług doradczych okresu uczestnictwa")
    )
    v.add_argument("participation_id", metavar="PARTICIPATION_ID")
    v.add_argument("--out", required=True, metavar="PLIK.pdf")
    v.set_defaults(handler=cmd_advisory_card)
    e = sub.add_parser(
        "month-end",
        parents=[common],
        help=tr("koniec miesiąca: lista miesięczna, dziennik, godziny, listy na następny miesiąc"),
        description=tr(
            "Tworzy w folderze --out dokumenty końca miesiąca: miesięczną listę obecności "
            "i dziennik zajęć każdej grupy, zestawienie godzin (minimum miesięczne) i listy "
            "obecności do podpisu na następny miesiąc. Bez --group: wszystkie grupy placówki."
        ),
    )
    e.add_argument(
        "--month", metavar="RRRR-MM", help=tr("miesiąc (domyślnie ten, który się skończył)")
    )
    e.add_argument("--group", metavar="ID", help=tr("numer lub nazwa grupy (domyślnie wszystkie)"))
    e.add_argument(
        "--out",
        required=True,
        metavar="FOLDER",
        help=tr("folder na dokumenty (zostanie utworzony)"),
    )
    e.set_defaults(handler=cmd_month_end)
    money.register_print(sub, common)  # CIS: benefit list and refund application


def _issue(db: Database, out: str, work: Callable[[Any, Path], Output]) -> Output:
    """Run `work(session, temp_file)` in one transaction with FILE.pdf (cli.issued_file)."""
    with issued_file(db, out) as (s, tmp):
        result = work(s, tmp)
    return result


def _path(out: str) -> str:
    return str(Path(out).resolve())


def cmd_certificate(db: Database, args: argparse.Namespace) -> Output:
    participant_id = parse_int(args.participant, "--participant")
    issued_on = parse_optional_date(args.date) or dt.date.today()
    kind = KINDS[args.kind]

    def work(s: Any, tmp: Path) -> Output:
        period_id = documents.latest_period_id(s, participant_id, Permission.ISSUE_DOCUMENTS)
        row = documents.issue_certificate(s, period_id, kind, issued_on, args.override, args.skills)
        certificate.render(row.data, tmp)
        text = tr("Wydano zaświadczenie {kind} nr {number}: {path}").format(
            kind=KIND_PL[kind], number=row.number, path=_path(args.out)
        )
        if row.override_reason:
            text += "\n" + tr(
                "Wydane mimo braku statusu absolwenta; uzasadnienie zapisano w rejestrze."
            )
        return Output({"number": row.number, "path": _path(args.out)}, text)

    return _issue(db, args.out, work)


def _due_payload(row: documents_due.DueRow) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "participant_id": row.participant_id,
        "participation_id": row.participation_id,
        "name": row.name,
        "start": iso(row.start_on),
        "end": iso(row.end_on),
    }


def cmd_due(db: Database, args: argparse.Namespace) -> Output:
    as_of = parse_optional_date(args.date) or dt.date.today()
    since = parse_optional_date(args.since)
    if args.out is None:
        with db.read() as s:
            rows = documents_due.certificates_due(s, as_of, since)
        lines = [
            f"{r.participant_id:>5}  {r.name:<32} {KIND_PL[r.kind]:<32} "
            f"{iso(r.start_on)} – {iso(r.end_on) or ''}"
            for r in rows
        ]
        return Output(
            {"as_of": as_of.isoformat(), "due": [_due_payload(r) for r in rows]},
            "\n".join(lines) or tr("Brak zaświadczeń do wydania."),
        )

    def work(s: Any, tmp: Path) -> Output:
        result = documents_due.issue_due(s, as_of, since)
        if result.issued:
            certificate.render_many([r.data for r in result.issued], tmp)
        issued = [
            {"number": r.number, "kind": r.kind, "name": r.data.person_name} for r in result.issued
        ]
        skipped = [_due_payload(row) | {"reason": code} for row, code in result.skipped]
        lines = [
            tr("Liczba wydanych zaświadczeń: {n}; zapisano: {path}").format(
                n=len(issued), path=_path(args.out)
            )
            if issued
            else tr("Brak zaświadczeń do wydania – plik nie został zapisany.")
        ]
        lines += [f"  {i['number']:<12} {i['name']}" for i in issued]
        lines += [
            tr("  pominięto: {name} – {why}").format(
                name=row.name, why=describe(ValidationError(code))
            )
            for row, code in result.skipped
        ]
        payload = {
            "issued": issued,
            "skipped": skipped,
            "path": _path(args.out) if issued else None,
        }
        if not issued:
            raise _NothingToWrite(Output(payload, "\n".join(lines)))
        return Output(payload, "\n".join(lines))

    try:
        return _issue(db, args.out, work)
    except _NothingToWrite as empty:
        return empty.output


class _NothingToWrite(Exception):
    """No certificate was due: leave no empty PDF behind (the transaction is rolled back)."""

    def __init__(self, output: Output) -> None:
        super().__init__()
        self.output = output


def cmd_reprint(db: Database, args: argparse.Namespace) -> Output:
    year = None if args.year is None else parse_year(args.year)
    with db.read() as s:
        doc = documents.get_document(
            s, documents.find_by_number(s, args.number, year, Permission.ISSUE_DOCUMENTS)
        )
        data = documents.reprint(s, doc.id, duplicate=args.duplicate)
    render_registered(doc.kind, data, args.out)
    text = (
        tr("Duplikat dokumentu nr {n}: {path}")
        if args.duplicate
        else tr("Ponowny wydruk dokumentu nr {n}: {path}")
    ).format(n=args.number, path=_path(args.out))
    return Output(
        {"number": args.number, "duplicate": args.duplicate, "path": _path(args.out)}, text
    )


def cmd_cancel(db: Database, args: argparse.Namespace) -> Output:
    year = None if args.year is None else parse_year(args.year)
    with db.session() as s:
        row = documents.cancel(
            s,
            documents.find_by_number(s, args.number, year, Permission.ISSUE_DOCUMENTS),
            args.reason,
        )
    return Output(
        {"number": row.number, "cancelled": True, "reason": row.cancel_reason},
        tr("Anulowano dokument nr {n}. Numer nie zostanie użyty ponownie.").format(n=row.number),
    )


def cmd_pup_sent(db: Database, args: argparse.Namespace) -> Output:
    year = None if args.year is None else parse_int(args.year, "--year")
    on = parse_date(args.on)
    with db.session() as s:
        row = documents.record_pup_sent(
            s,
            documents.find_by_number(s, args.number, year, Permission.ISSUE_DOCUMENTS),
            on,
            args.office,
        )
    office = f" ({row.pup_office})" if row.pup_office else ""
    text = tr("Zaświadczenie nr {n} przekazano do urzędu pracy {on}{office}.").format(
        n=row.number, on=iso(on), office=office
    )
    if row.previous_pup_on is not None and row.previous_pup_on != on:
        text += " " + tr("Poprzednio zapisana data: {d}.").format(d=iso(row.previous_pup_on))
    return Output(
        {
            "number": row.number,
            "sent_to_pup_on": iso(row.sent_to_pup_on),
            "pup_office": row.pup_office,
            "previous_sent_to_pup_on": iso(row.previous_pup_on),
        },
        text,
    )


def _pup_mark(row: documents.IssuedRow) -> str:
    """A CIS certificate due at the labour office too (art. 13 ust. 5a): sent or still to send."""
    if not row.pup_required or row.cancelled_at:
        return ""
    if row.sent_to_pup_on is None:
        return tr("  [do wysłania do PUP: certificates pup-sent]")
    office = f", {row.pup_office}" if row.pup_office else ""
    return tr("  [PUP: wysłano {on}{office}]").format(on=iso(row.sent_to_pup_on), office=office)


def cmd_list(db: Database, args: argparse.Namespace) -> Output:
    participant = None if args.participant is None else parse_int(args.participant, "--participant")
    year = None if args.year is None else parse_year(args.year)
    with db.read() as s:
        rows = documents.list_documents(s, participant, year)
    payload = {
        "rows": [
            {
                "id": r.id,
                "number": r.number,
                "kind": r.kind,
                "participant_id": r.participant_id,
                "name": r.person_name,
                "issued_on": iso(r.issued_on),
                "issued_by": r.issued_by,
                "override_reason": r.override_reason,
                "cancelled": r.cancelled_at is not None,
                "cancel_reason": r.cancel_reason,
                "pup_required": r.pup_required,
                "sent_to_pup_on": iso(r.sent_to_pup_on),
                "pup_office": r.pup_office,
            }
            for r in rows
        ]
    }
    # every kind of the register in Polish (the CIS lists too: "benefit_list" was printed)
    kinds = {**document_kinds(), **KIND_PL}
    lines = [
        f"{r.number:<14} {iso(r.issued_on)}  {kinds.get(r.kind, r.kind):<32} {r.person_name}"
        + (tr("  [ANULOWANE: {why}]").format(why=r.cancel_reason) if r.cancelled_at else "")
        + _pup_mark(r)
        for r in rows
    ]
    return Output(payload, "\n".join(lines) or tr("Rejestr jest pusty."))


def cmd_form(db: Database, args: argparse.Namespace) -> Output:
    issued_on = parse_optional_date(args.date) or dt.date.today()
    year = None if args.year is None else parse_year(args.year)

    def work(s: Any, tmp: Path) -> Output:
        kind = {
            "register": "register_form",
            "closing": "closing_notice",
            "annual-report": "annual_report"
            if office.office_kind(s) == "kis"
            else "cis_annual_report",
            "cis-application": "cis_application",
        }[args.what]
        row = documents.register_form(s, documents_forms.form_data(s, kind, issued_on, year))
        render_registered(kind, row.data, tmp)
        return Output(
            {"kind": kind, "number": row.number, "path": _path(args.out)},
            tr("Zapisano: {what} ({path}); w rejestrze pod nr {n}.").format(
                what=KIND_PL[kind], path=_path(args.out), n=row.number
            ),
        )

    return _issue(db, args.out, work)


def _group(s: Any, name: str | None) -> int:
    """The group named, or the office's only one when none is named."""
    return groups.only_group_id(s) if name is None else groups.group_id_by_name(s, name)


def cmd_attendance_list(db: Database, args: argparse.Namespace) -> Output:
    spare = parse_int(args.spare, "--spare")
    with db.read() as s:
        if args.activity is not None:
            data = [attendance_list_data(s, parse_int(args.activity, "--activity"), spare)]
        elif args.date is not None:
            data = [day_list_data(s, _group(s, args.group), parse_date(args.date), spare)]
        elif args.month is not None:
            year, month = parse_month(args.month)
            data = month_lists_data(s, _group(s, args.group), year, month, spare)
        else:
            raise ValidationError("document.list_target")
    if len(data) == 1:
        attendance_list.render(data[0], args.out)
    else:
        attendance_list.render_many(data, args.out)
    return Output(
        {"lists": len(data), "path": _path(args.out)},
        tr("Zapisano listy obecności (liczba list: {n}): {path}").format(
            n=len(data), path=_path(args.out)
        ),
    )


def cmd_sheet(db: Database, args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with db.read() as s:
        data = month_sheet_data(
            s, _group(s, args.group), year, month, parse_optional_date(args.as_of)
        )
    attendance_sheet.render(data, args.out)
    return Output(
        {"participants": len(data.rows), "path": _path(args.out)},
        tr("Zapisano miesięczną listę obecności ({n} os.): {path}").format(
            n=len(data.rows), path=_path(args.out)
        ),
    )


def cmd_journal(db: Database, args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with db.read() as s:
        data = journal_data(s, _group(s, args.group), year, month, parse_optional_date(args.as_of))
    journal.render(data, args.out)
    return Output(
        {"activities": len(data.rows), "path": _path(args.out)},
        tr("Zapisano dziennik zajęć ({n} {what}): {path}").format(
            n=len(data.rows),
            what=plural(len(data.rows), tr("zajęcia"), tr("zajęcia"), tr("zajęć")),
            path=_path(args.out),
        ),
    )


def cmd_advisory_card(db: Database, args: argparse.Namespace) -> Output:
    from kisdesk.reports.pdf import advisory_card
    from kisdesk.services.documents_path import advisory_card as card_data

    pid = parse_int(args.participation_id, "PARTICIPATION_ID")
    with db.session() as s:
        data = card_data(s, pid, dt.date.today())
    advisory_card.render(data, args.out)
    return Output(
        {
            "participation_id": pid,
            "goals": len(data.goals),
            "reviews": len(data.reviews),
            "outcome": data.outcome or None,
            "path": _path(args.out),
        },
        tr("Zapisano kartę usług doradczych: {path}").format(path=_path(args.out)),
    )


def cmd_card(db: Database, args: argparse.Namespace) -> Output:
    participant_id = parse_int(args.participant, "--participant")
    year = None if args.year is None else parse_year(args.year)
    with db.read() as s:
        data = counselling_card_data(s, participant_id, year)
    counselling_card.render(data, args.out)
    return Output(
        {"sessions": len(data.rows), "notes": data.show_notes, "path": _path(args.out)},
        tr("Zapisano kartę doradztwa ({n} {what}): {path}").format(
            n=len(data.rows),
            what=plural(len(data.rows), tr("spotkanie"), tr("spotkania"), tr("spotkań")),
            path=_path(args.out),
        ),
    )


def cmd_month_end(db: Database, args: argparse.Namespace) -> Output:
    """The month's papers in one go (docs/domain.md#month-end); each file listed, each
    document skipped or failed with its reason. Exit 1 when a document could not be made
    (those made are kept)."""
    folder = Path(args.out)
    if folder.exists() and not folder.is_dir():
        raise ValidationError("month_end.out_not_folder", path=str(folder))
    with db.read() as s:
        year, month = (
            parse_month(args.month) if args.month is not None else month_end.default_month(s)
        )
        group_id = None if args.group is None else _group(s, args.group)
        plan = month_end.plan_month_end(s, year, month, group_id)
        result = make_month_end(s, plan, folder)
    files = [
        {"kind": m.kind, "document": m.label, "path": _path(str(m.path)), "pages": m.pages}
        for m in result.made
    ]
    skipped = [{"kind": k.kind, "group": k.group, "reason": k.reason} for k in plan.skipped]
    failed = [{"kind": f.kind, "document": f.label, "reason": f.reason} for f in result.failed]
    lines = [
        tr("Koniec miesiąca {m}: utworzono {n} {what} w folderze {path}").format(
            m=plan.month_label,
            n=len(files),
            what=plural(len(files), tr("dokument"), tr("dokumenty"), tr("dokumentów")),
            path=_path(str(folder)),
        )
        if plan.steps
        else tr(
            "Koniec miesiąca {m}: nie ma czego drukować – nie utworzono żadnego dokumentu."
        ).format(m=plan.month_label)
    ]
    lines += [f"  {m.path.name}  ({m.label})" for m in result.made]
    lines += [
        tr("  pominięto: {doc} – {why}").format(
            doc=f"{month_end.KIND_LABELS[k.kind]} – {k.group}", why=k.reason
        )
        for k in plan.skipped
    ]
    lines += [f"  {note}" for note in plan.notes]
    lines += [
        tr("  NIE UTWORZONO: {doc} – {why}").format(doc=f.label, why=f.reason)
        for f in result.failed
    ]
    payload = {
        "month": f"{year:04d}-{month:02d}",
        "next_month": "{:04d}-{:02d}".format(*month_end.next_month(year, month)),
        "group_id": group_id,
        "folder": _path(str(folder)),
        "files": files,
        "skipped": skipped,
        "failed": failed,
        "notes": list(plan.notes),
    }
    return Output(payload, "\n".join(lines), status=1 if failed else 0)
