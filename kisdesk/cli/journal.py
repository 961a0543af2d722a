"""Commands for the activity journal, attendance, hours and graduates."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from kisdesk.cli import Output
from kisdesk.cli.args import (
    iso,
    parse_date,
    parse_int,
    parse_month,
    parse_optional_date,
    parse_partial,
    parse_time,
    parse_week,
)
from kisdesk.db import Database
from kisdesk.i18n import tr
from kisdesk.rules.hours import format_hours
from kisdesk.services import activities, attendance, graduates, groups, hours, staff

STATUS_PL = {
    "met": "spełnione",
    "short": "niespełnione",
    "in_progress": "w toku",
    "over": "ponad limit",
}


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("activity", parents=[common], help=tr("dziennik zajęć"))
    sub = p.add_subparsers(dest="action", required=True, metavar="add")
    a = sub.add_parser("add", parents=[common])
    a.add_argument("--date", required=True)
    a.add_argument("--from", dest="start", required=True, metavar="GG:MM")
    a.add_argument("--to", dest="end", required=True, metavar="GG:MM")
    a.add_argument("--kind", required=True, choices=["group", "individual"])
    a.add_argument("--area", default="social", choices=["social", "vocational"])
    a.add_argument("--form", default="")
    a.add_argument("--topic", required=True)
    a.add_argument("--place", default="")
    a.add_argument("--staff", action="append", default=[], metavar="IMIĘ NAZWISKO")
    target = a.add_mutually_exclusive_group(required=True)
    target.add_argument("--group")
    target.add_argument("--participant")
    a.add_argument("--absent", action="append", default=[], metavar="ID")
    a.add_argument("--excused", action="append", default=[], metavar="ID")
    a.add_argument("--partial", action="append", default=[], metavar="ID=MINUTY")
    a.set_defaults(handler=cmd_activity_add)

    p = commands.add_parser("attendance", parents=[common], help=tr("obecności"))
    sub = p.add_subparsers(dest="action", required=True, metavar="set")
    s = sub.add_parser("set", parents=[common])
    s.add_argument("activity_id")
    s.add_argument("participant_id")
    s.add_argument("mark", choices=["present", "excused", "absent", "partial"])
    s.add_argument("--minutes")
    s.set_defaults(handler=cmd_attendance_set)

    p = commands.add_parser("hours", parents=[common], help=tr("godziny i miesięczne minimum"))
    period = p.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", metavar="RRRR-MM")
    period.add_argument("--week", metavar="RRRR-Www")
    p.add_argument("--as-of")
    p.add_argument("--group")
    p.set_defaults(handler=cmd_hours)

    p = commands.add_parser("graduates", parents=[common], help=tr("status absolwenta"))
    p.add_argument("--as-of")
    p.add_argument("--within", metavar="DNI")
    p.set_defaults(handler=cmd_graduates)


def _items(values: list[str]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def cmd_activity_add(db: Database, args: argparse.Namespace) -> Output:
    day = parse_date(args.date)
    start, end = parse_time(args.start), parse_time(args.end)
    # Repeat the option or separate numbers with commas: --absent 3 --absent 4 / --absent 3,4
    absent = [parse_int(v, "--absent") for v in _items(args.absent)]
    excused = [parse_int(v, "--excused") for v in _items(args.excused)]
    partial = dict(parse_partial(v) for v in _items(args.partial))
    participant_id = None if args.participant is None else parse_int(args.participant, "ID")
    created_staff: list[str] = []
    with db.session() as s:
        group_id = None if args.group is None else groups.group_id_by_name(s, args.group)
        staff_ids = []
        for name in args.staff:
            try:
                staff_ids.append(staff.staff_id_by_name(s, name))
            except Exception:
                staff_ids.append(staff.staff_id_by_name(s, name, create=True))
                created_staff.append(name.strip())
        data = activities.ActivityData(
            date=day,
            start_time=start,
            end_time=end,
            kind=args.kind,
            topic=args.topic,
            area=args.area,
            form=args.form,
            place=args.place,
            group_id=group_id,
            participant_id=participant_id,
            staff_ids=tuple(staff_ids),
        )
        activity_id = activities.add_activity(s, data)
        marked = 0
        if day <= dt.date.today() or absent or excused or partial:
            # A held class: everyone expected was there unless listed (the signed list).
            marked = attendance.record_activity(s, activity_id, absent, excused, partial)
    text = tr("Dodano zajęcia nr {id} ({date}, {start}–{end}); wpisano obecności: {n}.").format(
        id=activity_id, date=day.isoformat(), start=args.start, end=args.end, n=marked
    )
    for name in created_staff:
        text += "\n" + tr("Dodano do kadry: {name}").format(name=name)
    return Output({"id": activity_id, "marked": marked}, text)


def cmd_attendance_set(db: Database, args: argparse.Namespace) -> Output:
    activity_id = parse_int(args.activity_id, "ACTIVITY_ID")
    participant_id = parse_int(args.participant_id, "PARTICIPANT_ID")
    minutes = None if args.minutes is None else parse_int(args.minutes, "--minutes")
    with db.session() as s:
        attendance.set_mark(s, activity_id, participant_id, args.mark, minutes)
    return Output(
        {
            "activity_id": activity_id,
            "participant_id": participant_id,
            "mark": args.mark,
            "minutes": minutes,
        },
        tr("Zapisano obecność."),
    )


def cmd_hours(db: Database, args: argparse.Namespace) -> Output:
    as_of = parse_optional_date(args.as_of)
    with db.read() as s:
        group_id = None if args.group is None else groups.group_id_by_name(s, args.group)
        if args.week:
            year, week = parse_week(args.week)
            return _week_output(hours.week_report(s, year, week, as_of, group_id))
        year, month = parse_month(args.month)
        return _month_output(hours.month_report(s, year, month, as_of, group_id))


def _month_output(report: hours.MonthReport) -> Output:
    hm = report.hour_minutes
    rows = []
    lines = [
        tr("Godziny w miesiącu {y}-{m:02d} (stan na {d}); minimum {h} godz. po {hm} min").format(
            y=report.year,
            m=report.month,
            d=report.as_of.isoformat(),
            h=report.monthly_minimum_hours,
            hm=hm,
        )
    ]
    for row in report.rows:
        t, r = row.totals, row.result
        rows.append(
            {
                "participant_id": t.participant_id,
                "participation_id": t.participation_id,
                "name": t.name,
                "required_minutes": r.required_minutes,
                "scheduled_minutes": r.scheduled_minutes,
                "attended_minutes": r.attended_minutes,
                "missing_minutes": r.missing_minutes,
                "remaining_scheduled_minutes": r.remaining_scheduled_minutes,
                "status": r.status.value,
                "offer_short": r.offer_short,
                "at_risk": row.at_risk,
            }
        )
        flag = tr("  [za mało zajęć w planie]") if r.offer_short else ""
        lines.append(
            f"{t.participant_id:>5}  {t.name:<30} {format_hours(r.attended_minutes, hm):>7} / "
            f"{format_hours(r.required_minutes, hm):>6} h  {STATUS_PL[r.status.value]}{flag}"
        )
    payload = {
        "month": f"{report.year:04d}-{report.month:02d}",
        "as_of": report.as_of.isoformat(),
        "hour_minutes": hm,
        "monthly_minimum_hours": report.monthly_minimum_hours,
        "rows": rows,
    }
    return Output(payload, "\n".join(lines))


def _week_output(report: hours.WeekReport) -> Output:
    rows = []
    lines = [
        tr("Tydzień {y}-W{w:02d} (stan na {d}); wymagane {lo}–{hi} godz. zegarowych").format(
            y=report.year,
            w=report.week,
            d=report.as_of.isoformat(),
            lo=report.weekly_min_hours,
            hi=report.weekly_max_hours,
        )
    ]
    for row in report.rows:
        t, r = row.totals, row.result
        rows.append(
            {
                "participant_id": t.participant_id,
                "participation_id": t.participation_id,
                "name": t.name,
                "required_minutes": r.required_min_minutes,
                "maximum_minutes": r.allowed_max_minutes,
                "scheduled_minutes": r.scheduled_minutes,
                "attended_minutes": r.attended_minutes,
                "missing_minutes": r.missing_minutes,
                "status": r.status.value,
                "offer_short": r.offer_short,
            }
        )
        lines.append(
            f"{t.participant_id:>5}  {t.name:<30} {format_hours(r.attended_minutes, 60):>7} / "
            f"{format_hours(r.required_min_minutes, 60):>6} h  {STATUS_PL[r.status.value]}"
        )
    payload = {
        "week": f"{report.year:04d}-W{report.week:02d}",
        "as_of": report.as_of.isoformat(),
        "weekly_min_hours": report.weekly_min_hours,
        "weekly_max_hours": report.weekly_max_hours,
        "rows": rows,
    }
    return Output(payload, "\n".join(lines))


def cmd_graduates(db: Database, args: argparse.Namespace) -> Output:
    as_of = parse_optional_date(args.as_of)
    within = None if args.within is None else parse_int(args.within, "--within")
    with db.read() as s:
        report = graduates.graduates(s, as_of, within)
    rows = []
    lines = [
        tr("Status absolwenta po {n} mies. (stan na {d})").format(
            n=report.graduate_months, d=report.as_of.isoformat()
        )
    ]
    for row in report.rows:
        r = row.result
        rows.append(
            {
                "participant_id": row.participant_id,
                "participation_id": row.participation_id,
                "name": row.name,
                "start": iso(r.start),
                "end": iso(r.end),
                "completes_on": iso(r.completes_on),
                "eligible": r.eligible,
                "months_below_minimum": list(r.months_below_minimum),
                "blocking": r.blocking,
            }
        )
        state = tr("może otrzymać status") if r.eligible else tr("jeszcze nie")
        warn = (
            tr("; miesiące poniżej minimum: {m}").format(m=", ".join(r.months_below_minimum))
            if r.months_below_minimum
            else ""
        )
        lines.append(
            f"{row.participant_id:>5}  {row.name:<30} {iso(r.start)} → {iso(r.completes_on)}  "
            f"{state}{warn}"
        )
    payload = {
        "as_of": report.as_of.isoformat(),
        "graduate_months": report.graduate_months,
        "rows": rows,
    }
    return Output(payload, "\n".join(lines))
