"""Commands for the activity journal, attendance, hours and graduates."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from kisdesk.access import Permission
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
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import staff_ratio_text
from kisdesk.rules.hours import format_hours
from kisdesk.services import (
    activities,
    activities_series,
    attendance,
    cis_duties,
    graduates,
    groups,
    hours,
    staff,
)

MISSING_PL = {
    "months": tr("6 miesięcy"),
    "certificate": tr("zaświadczenie o zakończeniu"),
    "contract": tr("zrealizowany kontrakt"),
}
STATUS_PL = {
    "met": "spełnione",
    "short": "niespełnione",
    "in_progress": "w toku",
    "over": "ponad limit",
}


ACTIVITY_ADD_HELP = tr(
    "Dodaje zajęcia do dziennika. Zajęcia, które już się odbyły (data dzisiejsza lub "
    "wcześniejsza), dostają od razu obecności z podpisanej listy: wszyscy oczekiwani – "
    "członkowie grupy w tym dniu albo uczestnik zajęć indywidualnych – są wpisani jako "
    "obecni, oprócz osób podanych w --absent, --excused i --partial (osoby z ograniczeniem "
    "przetwarzania, art. 18 RODO, są pomijane). Zajęcia z przyszłą datą są planowane – nikt "
    "nie jest wpisany. Zajęcia nakładające się w tym dniu na inne zajęcia tej samej grupy "
    "(albo tego samego uczestnika) nie są dodawane bez --allow-overlap."
)


REPEAT_HELP = tr(
    "Powtarza zajęcia co tydzień po ich dacie aż do --until (domyślnie w ten sam dzień "
    "tygodnia; --weekday 1..7 wybiera inne dni). Święta są pomijane i wypisywane z nazwą. "
    "Wszystkie terminy są zapisywane razem albo żaden; obecności się nie kopiuje. Termin "
    "nakładający się na inne zajęcia grupy jest odmawiany bez --allow-overlap."
)
COPY_HELP = tr(
    "Kopiuje zajęcia grupy z tygodnia (--week) albo miesiąca (--month) na te same dni tygodnia "
    "innego tygodnia (--to-week) albo miesiąca (--to-month): godziny, formę, temat, "
    "prowadzących i miejsce, bez obecności. Święta są pomijane i wypisywane z nazwą. "
    "Wszystkie zajęcia są zapisywane razem albo żadne."
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("activity", parents=[common], help=tr("dziennik zajęć"))
    sub = p.add_subparsers(dest="action", required=True, metavar="add|list|delete|repeat|copy")
    a = sub.add_parser(
        "add", parents=[common], help=tr("dodaj zajęcia"), description=ACTIVITY_ADD_HELP
    )
    a.add_argument("--date", required=True)
    a.add_argument("--from", dest="start", required=True, metavar="GG:MM")
    a.add_argument("--to", dest="end", required=True, metavar="GG:MM")
    a.add_argument("--kind", required=True, choices=["group", "individual"])
    a.add_argument(
        "--area",
        choices=["social", "vocational"],
        help=tr(
            "obszar reintegracji (domyślnie ten, który słownik podaje dla --form; inaczej social)"
        ),
    )
    a.add_argument("--form", default="")
    a.add_argument("--topic", required=True)
    a.add_argument("--place", default="")
    a.add_argument("--staff", action="append", default=[], metavar="IMIĘ NAZWISKO")
    target = a.add_mutually_exclusive_group(required=True)
    target.add_argument("--group")
    target.add_argument("--participant")
    a.add_argument(
        "--absent",
        action="append",
        default=[],
        metavar="ID",
        help=tr("nieobecny bez usprawiedliwienia (numer uczestnika; można kilka: 3,4)"),
    )
    a.add_argument(
        "--excused",
        action="append",
        default=[],
        metavar="ID",
        help=tr("nieobecność usprawiedliwiona"),
    )
    a.add_argument(
        "--partial",
        action="append",
        default=[],
        metavar="ID=MINUTY",
        help=tr("obecny tylko część zajęć, np. 5=90"),
    )
    a.add_argument(
        "--allow-overlap",
        action="store_true",
        help=tr("dodaj, choć grupa (albo uczestnik) ma już wtedy inne zajęcia, np. w drugiej sali"),
    )
    a.set_defaults(handler=cmd_activity_add)

    ls = sub.add_parser("list", parents=[common], help=tr("zajęcia w miesiącu"))
    ls.add_argument("--month", required=True, metavar="RRRR-MM")
    ls.add_argument("--group", help=tr("tylko zajęcia tej grupy (nazwa albo numer)"))
    ls.set_defaults(handler=cmd_activity_list)

    d = sub.add_parser(
        "delete",
        parents=[common],
        help=tr("usuń zajęcia"),
        description=tr("Usuwa zajęcia z dziennika razem z wpisanymi na nich obecnościami."),
    )
    d.add_argument("activity_id", metavar="ID", help=tr("numer zajęć (z: kisdesk activity list)"))
    d.set_defaults(handler=cmd_activity_delete)

    r = sub.add_parser(
        "repeat",
        parents=[common],
        help=tr("powtarzaj zajęcia co tydzień"),
        description=REPEAT_HELP,
    )
    r.add_argument("activity_id", metavar="ID", help=tr("numer zajęć (z: kisdesk activity list)"))
    r.add_argument("--until", required=True, metavar="RRRR-MM-DD", help=tr("ostatni dzień"))
    r.add_argument(
        "--weekday",
        action="append",
        default=[],
        metavar="1..7",
        help=tr("dzień tygodnia (1 = poniedziałek … 7 = niedziela; można kilka razy)"),
    )
    r.add_argument("--allow-overlap", action="store_true", help=tr("dodaj mimo nakładania się"))
    r.set_defaults(handler=cmd_activity_repeat)

    c = sub.add_parser(
        "copy",
        parents=[common],
        help=tr("kopiuj tydzień albo miesiąc zajęć grupy"),
        description=COPY_HELP,
    )
    c.add_argument("--group", required=True, metavar="NAZWA", help=tr("grupa (nazwa albo numer)"))
    source = c.add_mutually_exclusive_group(required=True)
    source.add_argument("--week", metavar="RRRR-Www", help=tr("tydzień, z którego kopiować"))
    source.add_argument("--month", metavar="RRRR-MM", help=tr("miesiąc, z którego kopiować"))
    goal = c.add_mutually_exclusive_group(required=True)
    goal.add_argument("--to-week", metavar="RRRR-Www", help=tr("tydzień, do którego kopiować"))
    goal.add_argument("--to-month", metavar="RRRR-MM", help=tr("miesiąc, do którego kopiować"))
    c.add_argument("--allow-overlap", action="store_true", help=tr("dodaj mimo nakładania się"))
    c.set_defaults(handler=cmd_activity_copy)

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
        group_id = (
            None
            if args.group is None
            else groups.group_id_by_name(s, args.group, Permission.EDIT_JOURNAL)
        )
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
            area=args.area or activities.area_of_form(s, args.form) or "social",
            form=args.form,
            place=args.place,
            group_id=group_id,
            participant_id=participant_id,
            staff_ids=tuple(staff_ids),
        )
        activity_id = activities.add_activity(s, data, allow_overlap=args.allow_overlap)
        marked = 0
        if day <= dt.date.today() or absent or excused or partial:
            # A held class: everyone expected was there unless listed (the signed list).
            marked = attendance.record_activity(s, activity_id, absent, excused, partial)
        crowded = [
            w for w in cis_duties.staff_ratio_warnings(s, day, day) if w.activity_id == activity_id
        ]
    text = tr("Dodano zajęcia nr {id} ({date}, {start}–{end}); wpisano obecności: {n}.").format(
        id=activity_id, date=day.isoformat(), start=args.start, end=args.end, n=marked
    )
    # art. 11 ust. 3: at most 10 participants per staff member
    warnings = [
        tr("Uwaga: {what}.").format(what=staff_ratio_text(w.participants, w.staff)) for w in crowded
    ]
    added = [tr("Dodano do kadry: {name}").format(name=name) for name in created_staff]
    text = "\n".join([text, *warnings, *added])
    # the same warnings and additions in --json: a script must not lose what a person reads
    payload = {
        "id": activity_id,
        "marked": marked,
        "warnings": warnings,
        "staff_added": created_staff,
    }
    return Output(payload, text)


def cmd_activity_list(db: Database, args: argparse.Namespace) -> Output:
    year, month = parse_month(args.month)
    with db.read() as s:
        group_id = None if args.group is None else groups.group_id_by_name(s, args.group)
        # The list never prints counselling notes, so they are not read (nor logged as seen).
        rows = activities.list_activities(s, year, month, group_id=group_id, notes=False)
    payload = {
        "month": f"{year:04d}-{month:02d}",
        "rows": [
            {
                "id": r.id,
                "date": r.date.isoformat(),
                "start": r.start_time.strftime("%H:%M"),
                "end": r.end_time.strftime("%H:%M"),
                "kind": r.kind,
                "group_id": r.group_id,
                "group": r.group,
                "participant_id": r.participant_id,
                "participant": r.participant,
                "topic": r.topic,
                "area": r.area,
                "form": r.form,
                "staff": list(r.staff),
                "marked": r.recorded,
                "present": r.present,
            }
            for r in rows
        ],
    }
    lines = [
        f"{r.id:>5}  {r.date.isoformat()}  "
        f"{r.start_time.strftime('%H:%M')}–{r.end_time.strftime('%H:%M')}  "
        f"{(r.group or r.participant or '—')[:28]:<28}  {r.topic[:36]:<36}  "
        f"{', '.join(r.staff) or '—'}  " + tr("obecności: {n}").format(n=r.recorded)
        for r in rows
    ]
    return Output(payload, "\n".join(lines) or tr("Brak zajęć w tym miesiącu."))


def cmd_activity_delete(db: Database, args: argparse.Namespace) -> Output:
    activity_id = parse_int(args.activity_id, "ID")
    with db.session() as s:
        row = activities.get_activity(s, activity_id, notes=False, need=Permission.EDIT_JOURNAL)
        activities.delete_activity(s, activity_id)
    text = tr("Usunięto zajęcia nr {id} ({date}, {start}–{end}, „{topic}”).").format(
        id=row.id,
        date=row.date.isoformat(),
        start=row.start_time.strftime("%H:%M"),
        end=row.end_time.strftime("%H:%M"),
        topic=row.topic,
    )
    if row.recorded:
        text += " " + tr("Usunięte obecności: {n}.").format(n=row.recorded)
    return Output({"id": row.id, "deleted": True, "marks_deleted": row.recorded}, text)


def _series_output(
    payload: dict[str, Any], plan: list[activities_series.PlannedClass], ids: list[int]
) -> Output:
    made = [p for p in plan if not p.skipped]
    payload["made"] = [
        {
            "id": activity_id,
            "date": p.date.isoformat(),
            "start": p.data.start_time.strftime("%H:%M"),
            "end": p.data.end_time.strftime("%H:%M"),
            "topic": p.data.topic,
            "source_id": p.source_id,
        }
        for p, activity_id in zip(made, ids, strict=True)
    ]
    payload["skipped"] = [
        {"date": p.date.isoformat(), "holiday": p.holiday, "source_id": p.source_id}
        for p in plan
        if p.skipped
    ]
    new_ids = iter(ids)
    lines = [tr("Dodano zajęć: {n}.").format(n=len(ids))]
    for p in plan:  # in date order, the skipped days among the made ones
        day = p.date.strftime("%d.%m.%Y")
        if p.skipped:
            lines.append(tr("  {date} – {holiday} – pominięto").format(date=day, holiday=p.holiday))
            continue
        lines.append(
            f"  {day}  {p.data.start_time.strftime('%H:%M')}–{p.data.end_time.strftime('%H:%M')}  "
            + tr("nr {id} „{topic}”").format(id=next(new_ids), topic=p.data.topic)
        )
    return Output(payload, "\n".join(lines))


def _save_plan(
    s: Any, plan: list[activities_series.PlannedClass], allow_overlap: bool
) -> list[int]:
    return activities_series.save_series(
        s, [p.data for p in plan if not p.skipped], allow_overlap=allow_overlap
    )


def cmd_activity_repeat(db: Database, args: argparse.Namespace) -> Output:
    activity_id = parse_int(args.activity_id, "ID")
    until = parse_date(args.until)
    weekdays = [parse_int(v, "--weekday", 1, 7) for v in _items(args.weekday)]
    with db.session() as s:
        plan = activities_series.plan_repeat_of(
            s, activity_id, until, weekdays, need=Permission.EDIT_JOURNAL
        )
        ids = _save_plan(s, plan, args.allow_overlap)
    payload: dict[str, Any] = {"activity_id": activity_id, "until": until.isoformat()}
    return _series_output(payload, plan, ids)


def _period(value: str, week: bool) -> activities_series.Period:
    if week:
        return activities_series.Period.week(*parse_week(value))
    return activities_series.Period.month(*parse_month(value))


def cmd_activity_copy(db: Database, args: argparse.Namespace) -> Output:
    week = args.week is not None
    if week != (args.to_week is not None):
        raise ValidationError("cli.copy_period_pair")
    source = _period(args.week if week else args.month, week)
    target = _period(args.to_week if week else args.to_month, week)
    with db.session() as s:
        group_id = groups.group_id_by_name(s, args.group, Permission.EDIT_JOURNAL)
        plan = activities_series.plan_copy(s, group_id, source, target)
        ids = _save_plan(s, plan, args.allow_overlap)
    key = "week" if week else "month"
    payload: dict[str, Any] = {
        "group_id": group_id,
        key: args.week if week else args.month,
        f"to_{key}": args.to_week if week else args.to_month,
    }
    return _series_output(payload, plan, ids)


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
    within = None if args.within is None else parse_int(args.within, "--within", 0, 36_500)
    with db.read() as s:
        report = graduates.graduates(s, as_of, within)
    rows = []
    lines = [
        tr("Status absolwenta – art. 2 pkt 1a–1b ustawy (stan na {d})").format(
            d=report.as_of.isoformat()
        )
    ]
    for row in report.rows:
        r, g = row.result, row.status
        rows.append(
            {
                "participant_id": row.participant_id,
                "participation_id": row.participation_id,
                "name": row.name,
                "start": iso(r.start),
                "end": iso(r.end),
                "completes_on": iso(r.completes_on),
                "eligible": g.eligible,
                "months_below_minimum": list(r.months_below_minimum),
                "blocking": r.blocking,
                "kind": g.kind,
                "months_complete": g.months_complete,
                "ending_certificate": g.ending_certificate,
                "contract_status": g.contract_status,
                "graduate": g.graduate,
                "graduate_until": iso(g.graduate_until),
                "missing": list(g.missing),
            }
        )
        if g.graduate:
            state = tr("absolwent")
            if g.graduate_until is not None:
                state += tr(" do {d}").format(d=iso(g.graduate_until))
        elif g.missing:
            state = tr("brakuje: {m}").format(m=", ".join(MISSING_PL[m] for m in g.missing))
        else:
            state = tr("status wygasł {d}").format(d=iso(g.graduate_until))
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
