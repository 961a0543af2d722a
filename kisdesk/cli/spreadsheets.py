"""`kisdesk export …` (Excel workbooks) and `kisdesk import participants` (docs/domain.md#documents)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kisdesk.access import Permission
from kisdesk.cli import Output
from kisdesk.cli.args import parse_month, parse_optional_date, parse_year
from kisdesk.db import Database
from kisdesk.errors import KisdeskError, ValidationError
from kisdesk.i18n import tr
from kisdesk.messages import describe
from kisdesk.messages.core import plural
from kisdesk.messages.security import restricted_skipped
from kisdesk.reports.xlsx import workbook
from kisdesk.services import exports, exports_attendance, exports_stats, groups, imports
from kisdesk.services.imports_mapping import FIELDS, mapping_from_names, remember_mapping

IMPORT_HELP = tr(
    "Wczytuje uczestników z arkusza .xlsx. Program sam znajduje wiersz nagłówka i dopasowuje "
    "kolumny po nazwach (zapamiętując ostatnie potwierdzone przypisanie); zmienisz je opcją "
    "--map. Z --dry-run tylko sprawdza każdy wiersz i niczego nie zapisuje. Bez --dry-run "
    "zapisuje wiersze bez błędów (osoba i jej okres uczestnictwa razem albo wcale), a wiersze "
    "z błędami pomija i wymienia. Kod wyjścia: 0 gdy plik został sprawdzony lub wczytany "
    '(także gdy część wierszy pominięto – patrz pole "errors"), 2 gdy plik odrzucono '
    "(za duży, nie .xlsx, podejrzanie silnie spakowany) albo przypisanie kolumn jest błędne."
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("export", parents=[common], help=tr("zestawienia w Excelu (.xlsx)"))
    p.add_argument(
        "what", choices=["participants", "attendance", "hours", "statistics", "benefits"]
    )
    period = p.add_mutually_exclusive_group()
    period.add_argument("--month", metavar="RRRR-MM")
    period.add_argument("--year", metavar="RRRR")
    p.add_argument("--out", required=True, metavar="PLIK.xlsx")
    p.add_argument("--as-of", metavar="RRRR-MM-DD", help=tr("stan na dzień (domyślnie dziś)"))
    p.add_argument("--group", help=tr("tylko ta grupa (obecności, godziny)"))
    p.add_argument(
        "--with-names",
        action="store_true",
        help=tr("statystyka z imionami i nazwiskami (domyślnie pseudonimy)"),
    )
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("import", parents=[common], help=tr("wczytaj dane z Excela"))
    sub = p.add_subparsers(dest="what", required=True, metavar="participants")
    i = sub.add_parser(
        "participants",
        parents=[common],
        help=tr("uczestnicy z pliku .xlsx"),
        description=IMPORT_HELP,
    )
    i.add_argument("file", metavar="PLIK.xlsx")
    i.add_argument("--dry-run", action="store_true", help=tr("tylko sprawdź, nic nie zapisuj"))
    i.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="KOLUMNA=POLE",
        help=tr(
            "przypisz kolumnę (nazwa z nagłówka albo litera) do pola; puste pole = pomiń. "
            "Pola: {fields}"
        ).format(fields=", ".join(FIELDS)),
    )
    i.add_argument(
        "--sheet", metavar="ARKUSZ", help=tr("nazwa arkusza (domyślnie pierwszy widoczny)")
    )
    i.add_argument(
        "--fix-leading-zeros",
        action="store_true",
        help=tr("uzupełnij PESEL-e, którym Excel usunął zero z przodu"),
    )
    i.set_defaults(handler=cmd_import_participants)


def _period(args: argparse.Namespace) -> tuple[int | None, tuple[int, int] | None]:
    year = parse_year(args.year) if args.year else None
    month = parse_month(args.month) if args.month else None
    return year, month


def _months(year: int | None, month: tuple[int, int] | None) -> list[tuple[int, int]]:
    if month is not None:
        return [month]
    if year is not None:
        return [(year, m) for m in range(1, 13)]
    raise ValidationError("export.needs_period")


def cmd_export(db: Database, args: argparse.Namespace) -> Output:
    if args.what == "benefits":  # CIS: the month's benefit list for the accountant
        from kisdesk.cli.money import cmd_export_benefits

        return cmd_export_benefits(db, args)
    year, month = _period(args)
    as_of = parse_optional_date(args.as_of)
    out = Path(args.out)
    with db.read() as s:
        group_id = groups.group_id_by_name(s, args.group, Permission.EXPORT) if args.group else None
        data: Any
        if args.what == "participants":
            first, last = exports.period_of(year, month) if (year or month) else (None, None)
            data = exports.participant_list(s, first, last, on=as_of)
        elif args.what == "attendance":
            data = exports_attendance.attendance_export(s, _months(year, month), group_id)
        elif args.what == "hours":
            data = exports.hours_export(s, _months(year, month), as_of, group_id)
        else:
            if year is None:
                raise ValidationError("export.needs_year")
            data = exports_stats.statistics_export(s, year, as_of, identify=args.with_names)
    try:
        written = workbook.write(data, out)
    except OSError as exc:
        raise KisdeskError(
            "export.cannot_write", path=str(out), reason=exc.strerror or exc
        ) from None
    # Only a file really written is an export (the audit log: issue "who may see what").
    with db.session() as s:
        exports.record_export(s, written.kind, written.records, **written.details)
    text = saved_text(written.path, written.records)
    skipped = restricted_skipped(written.restricted_skipped)
    return Output(
        {
            "path": str(written.path),
            "kind": args.what,
            "rows": written.records,
            "restricted_skipped": written.restricted_skipped,
        },
        f"{text} {skipped}" if skipped else text,
    )


def rows_of_data(n: int) -> str:
    """ "1 wiersz danych", "3 wiersze danych", "5 wierszy danych"."""
    return f"{n} " + plural(n, tr("wiersz danych"), tr("wiersze danych"), tr("wierszy danych"))


def saved_text(path: object, records: int) -> str:
    """ "Zapisano godziny.xlsx (3 wiersze danych)." – the command line and the GUI alike."""
    return tr("Zapisano {path} ({rows}).").format(path=path, rows=rows_of_data(records))


def _rows(n: int) -> str:
    return f"{n} " + plural(n, tr("wiersz"), tr("wiersze"), tr("wierszy"))


def _parse_maps(values: list[str]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, field = value.partition("=")
        if not sep or not name.strip():
            raise ValidationError("cli.bad_map", value=value)
        out[name.strip()] = field.strip()
    return out


def _issue(issue: imports.RowIssue) -> dict[str, Any]:
    return {"code": issue.code, "message": describe(issue.as_error())}


def cmd_import_participants(db: Database, args: argparse.Namespace) -> Output:
    file = imports.open_import(args.file, args.sheet)
    mapping = mapping_from_names(file.columns, file.proposed, _parse_maps(args.map))
    rows: list[dict[str, Any]] = []
    if args.dry_run:
        with db.read() as s:
            preview = imports.preview_import(s, file, mapping, args.fix_leading_zeros)
        for r in preview.rows:
            rows.append(
                {
                    "row": r.row,
                    "status": "ok" if r.ok else "error",
                    "errors": [_issue(e) for e in r.errors],
                    "warnings": [_issue(w) for w in r.warnings],
                    "participant_id": None,
                }
            )
        imported, errors = 0, preview.error_count
    else:
        with db.session() as s:
            result = imports.run_import(s, file, mapping, args.fix_leading_zeros)
        remember_mapping(file.columns, mapping)
        for res in result.rows:
            rows.append(
                {
                    "row": res.row,
                    "status": res.status,
                    "errors": [_issue(e) for e in res.errors],
                    "warnings": [_issue(w) for w in res.warnings],
                    "participant_id": res.participant_id,
                }
            )
        imported, errors = result.imported, result.errors
    headers = {c.index: c.header or c.letter for c in file.columns}
    payload = {
        "file": str(args.file),
        "sheet": file.raw.sheet,
        "header_row": file.header_row,
        "mapping": {headers[i]: f for i, f in sorted(mapping.items())},
        "dry_run": bool(args.dry_run),
        "rows": rows,
        "imported": imported,
        "errors": errors,
    }
    lines = [
        tr("Arkusz „{sheet}”, nagłówek w wierszu {row}.").format(
            sheet=file.raw.sheet, row=file.header_row
        ),
        tr("Kolumny: {mapping}").format(
            mapping="; ".join(f"{headers[i]} → {FIELDS[f][0]}" for i, f in sorted(mapping.items()))
        ),
    ]
    for entry in rows:
        for e in entry["errors"]:
            lines.append(
                tr("Wiersz {row}: {message}").format(row=entry["row"], message=e["message"])
            )
        for w in entry["warnings"]:
            lines.append(
                tr("Wiersz {row} (uwaga): {message}").format(row=entry["row"], message=w["message"])
            )
    if args.dry_run:
        lines.append(
            tr(
                "Sprawdzono {rows}: {ok} bez błędów, {bad} z błędami. Nic nie zapisano (--dry-run)."
            ).format(rows=_rows(len(rows)), ok=len(rows) - errors, bad=errors)
        )
    else:
        people = plural(imported, tr("osobę"), tr("osoby"), tr("osób"))
        lines.append(
            tr("Wczytano {imported} {people}; pominięto {rows} z błędami.").format(
                imported=imported, people=people, rows=_rows(errors)
            )
        )
    return Output(payload, "\n".join(lines))
