"""The other duties of a CIS the program keeps (art. 11 ust. 3, art. 14 ust. 1a, 2 and 4):
the monthly programme of classes, the meal list following attendance, the readiness dates
before classes start, and the warning when one staff member runs classes for more than 10
participants."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.models import (
    Activity,
    Attendance,
    CisReadiness,
    Group,
    Participant,
    Participation,
    activity_staff,
)
from kisdesk.rules.calendar import month_bounds
from kisdesk.services.activities import list_activities
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.documents_common import (
    ACT,
    AREA_LABELS,
    office_header,
    operator_address,
)
from kisdesk.services.documents_formdata import FormData, FormSection, FormTable
from kisdesk.services.office import office_kind

MAX_PER_STAFF = 10  # art. 11 ust. 3: at most 10 participants per staff member running classes
READINESS_FIELDS = ("bhp_training_on", "medical_exam_on", "work_clothes_on")


# -- readiness before classes (art. 14 ust. 2) ---------------------------------------------
@dataclass(frozen=True, slots=True)
class Readiness:
    participant_id: int
    participation_id: int
    name: str
    start_on: dt.date
    bhp_training_on: dt.date | None
    medical_exam_on: dt.date | None
    work_clothes_on: dt.date | None

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in READINESS_FIELDS if getattr(self, f) is None)


def readiness_duty() -> str:
    return tr("gotowość do zajęć (BHP, badania, odzież – art. 14 ust. 2)")


def require_cis(session: Session, what: str) -> None:
    """Art. 14 is the CIS's: a club (KIS) has no BHP/medical readiness, no monthly programme
    of art. 14 ust. 1a and no meals of ust. 4. Asked of a club, the duty is refused and
    named, not printed under the club's header nor reported as missing for every member."""
    require(session, Permission.READ)
    if office_kind(session) != "cis":
        raise ValidationError("cis.only", what=what)


def set_readiness(
    session: Session,
    participation_id: int,
    bhp_training_on: dt.date | None = None,
    medical_exam_on: dt.date | None = None,
    work_clothes_on: dt.date | None = None,
) -> None:
    """Record the dates of BHP training, the medical examination and the work clothes given
    (only the dates given change)."""
    require(session, Permission.EDIT_PARTICIPANTS)
    require_cis(session, readiness_duty())
    period = get_or_raise(session, Participation, participation_id, "participation.not_found")
    row = session.get(CisReadiness, period.id)
    if row is None:
        row = CisReadiness(participation_id=period.id)
        session.add(row)
    for name, value in (
        ("bhp_training_on", bhp_training_on),
        ("medical_exam_on", medical_exam_on),
        ("work_clothes_on", work_clothes_on),
    ):
        if value is not None:
            if value > dt.date.today() + dt.timedelta(days=366):
                raise ValidationError("cis.readiness_far_future", date=value.isoformat())
            setattr(row, name, value)
    session.flush()


def readiness(session: Session, on: dt.date) -> list[Readiness]:
    """Every participation period running on `on` (or starting within 14 days), with its dates."""
    require(session, Permission.READ)
    require_cis(session, readiness_duty())
    soon = on + dt.timedelta(days=14)
    rows = session.execute(
        select(Participation, Participant.last_name, Participant.first_name, CisReadiness)
        .join(Participant, Participant.id == Participation.participant_id)
        .outerjoin(CisReadiness, CisReadiness.participation_id == Participation.id)
        .where(
            Participation.start_on <= soon,
            or_(Participation.end_on.is_(None), Participation.end_on >= on),
            Participant.anonymized_at.is_(None),
        )
        .order_by(Participant.last_name, Participant.first_name)
    )
    return [
        Readiness(
            p.participant_id,
            p.id,
            f"{last} {first}",
            p.start_on,
            r.bhp_training_on if r else None,
            r.medical_exam_on if r else None,
            r.work_clothes_on if r else None,
        )
        for p, last, first, r in rows
    ]


# -- at most 10 participants per staff member (art. 11 ust. 3) -----------------------------
@dataclass(frozen=True, slots=True)
class RatioWarning:
    activity_id: int
    date: dt.date
    topic: str
    group: str | None
    participants: int
    staff: int


def staff_ratio_warnings(session: Session, first: dt.date, last: dt.date) -> list[RatioWarning]:
    """Group classes where more than 10 participants fall on one staff member running them."""
    require(session, Permission.READ)
    members = (
        select(func.count(func.distinct(Participation.participant_id)))
        .where(
            Participation.group_id == Activity.group_id,
            Participation.start_on <= Activity.date,
            or_(Participation.end_on.is_(None), Participation.end_on >= Activity.date),
        )
        .correlate(Activity)
        .scalar_subquery()
    )
    staff = (
        select(func.count())
        .select_from(activity_staff)
        .where(activity_staff.c.activity_id == Activity.id)
        .correlate(Activity)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Activity.id, Activity.date, Activity.topic, Group.name, members, staff)
        .outerjoin(Group, Group.id == Activity.group_id)
        .where(Activity.date >= first, Activity.date <= last, Activity.group_id.is_not(None))
        .order_by(Activity.date, Activity.start_time)
    )
    found: list[RatioWarning] = []
    for row in rows:
        people, leaders = int(row[4] or 0), int(row[5] or 0)
        # No staff member recorded counts as one: someone ran the class.
        if people > MAX_PER_STAFF * max(leaders, 1):
            found.append(RatioWarning(row[0], row[1], row[2], row[3], people, leaders))
    return found


# -- meals (art. 14 ust. 4) ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MealRow:
    participant_id: int
    name: str
    days: tuple[dt.date, ...]  # days present at classes: one free meal each


def meal_list(session: Session, year: int, month: int) -> list[MealRow]:
    """One meal a day of the stay (art. 14 ust. 4): the days each participant attended a class
    (present or partly present), by SQL GROUP BY participant and day."""
    require(session, Permission.READ)
    first, last = month_bounds(year, month)
    attended = func.sum(case((Attendance.mark.in_(("present", "partial")), 1), else_=0))
    rows = session.execute(
        select(Attendance.participant_id, Activity.date)
        .join(Activity, Activity.id == Attendance.activity_id)
        .where(Activity.date >= first, Activity.date <= last)
        .group_by(Attendance.participant_id, Activity.date)
        .having(attended > 0)
    )
    days: dict[int, list[dt.date]] = defaultdict(list)
    for pid, day in rows:
        days[int(pid)].append(day)
    if not days:
        return []
    names = {
        p.id: f"{p.last_name} {p.first_name}"
        for p in session.scalars(select(Participant).where(Participant.id.in_(list(days))))
    }
    out = [MealRow(pid, names.get(pid, ""), tuple(sorted(d))) for pid, d in days.items()]
    return sorted(out, key=lambda r: r.name.lower())


def meal_list_form(session: Session, year: int, month: int, issued_on: dt.date) -> FormData:
    require(session, Permission.ISSUE_DOCUMENTS)
    require_cis(session, tr("lista posiłków (art. 14 ust. 4)"))
    office, header = office_header(session)
    rows = meal_list(session, year, month)
    table = FormTable(
        (
            tr("Lp."),
            tr("Nazwisko i imię"),
            tr("Dni obecności (posiłek)"),
            tr("Liczba posiłków"),
            tr("Podpis"),
        ),  # fmt: skip
        tuple(
            (str(n), r.name, ", ".join(d.strftime("%d.%m") for d in r.days), str(len(r.days)), "")
            for n, r in enumerate(rows, 1)
        )
        + (("", tr("Razem"), "", str(sum(len(r.days) for r in rows)), ""),),
        (0.05, 0.28, 0.4, 0.1, 0.17),
        total_rows=1,
    )
    return FormData(
        kind="meal_list",
        number="",
        header=header,
        sender=(office.name, operator_address(office) or office.city),
        place=office.city,
        issued_on=issued_on.isoformat(),
        addressee=(),
        title=tr("LISTA POSIŁKÓW"),
        subtitle=tr(
            "za {month} – jeden bezpłatny posiłek w dniu zajęć (art. 14 ust. 4 {act})"
        ).format(month=month_name(year, month), act=ACT),
        sections=(
            FormSection(
                "",
                text=(
                    tr(
                        "Dni według obecności wpisanych w dzienniku zajęć (obecny lub obecny "
                        "częściowo na co najmniej jednych zajęciach danego dnia)."
                    ),
                ),
                tables=(table,),
            ),
        ),
        attachments=(),
        signatures=(tr("(sporządził/a)"), tr("(kierownik CIS)")),
    )


# -- the monthly programme of classes (art. 14 ust. 1a) ------------------------------------
def programme_form(session: Session, year: int, month: int, issued_on: dt.date) -> FormData:
    """The month's programme of classes, from the journal's entries (planned and held)."""
    require(session, Permission.ISSUE_DOCUMENTS)
    require_cis(session, tr("miesięczny program zajęć (art. 14 ust. 1a)"))
    office, header = office_header(session)
    rows = list_activities(session, year, month, notes=False)
    table = FormTable(
        (
            tr("Data"),
            tr("Godziny"),
            tr("Grupa / uczestnik"),
            tr("Obszar"),
            tr("Forma"),
            tr("Temat"),
            tr("Prowadzący"),
        ),  # fmt: skip
        tuple(
            (
                r.date.strftime("%d.%m"),
                f"{r.start_time:%H:%M}–{r.end_time:%H:%M}",
                r.group or (tr("indywidualne: {name}").format(name=r.participant or "")),
                AREA_LABELS.get(r.area, r.area),
                r.form,
                r.topic,
                ", ".join(r.staff),
            )
            for r in rows
        ),
        (0.07, 0.11, 0.16, 0.13, 0.15, 0.24, 0.14),
    )
    warnings = staff_ratio_warnings(session, *month_bounds(year, month))
    notes = tuple(
        tr(
            "Uwaga (art. 11 ust. 3): {date} „{topic}” – {n} uczestników na {s} prowadzących; "
            "najwyżej 10 na osobę."
        ).format(date=w.date.strftime("%d.%m"), topic=w.topic, n=w.participants, s=w.staff)
        for w in warnings
    )
    return FormData(
        kind="monthly_programme",
        number="",
        header=header,
        sender=(office.name, operator_address(office) or office.city),
        place=office.city,
        issued_on=issued_on.isoformat(),
        addressee=(),
        title=tr("PROGRAM ZAJĘĆ"),
        subtitle=tr("na {month} (art. 14 ust. 1a {act})").format(
            month=month_name(year, month), act=ACT
        ),
        sections=(FormSection("", text=notes, tables=(table,)),),
        attachments=(),
        signatures=(tr("(sporządził/a)"), tr("(kierownik CIS)")),
    )


# -- the dashboard's reminders -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DutyItem:
    code: str  # readiness | staff_ratio
    name: str  # the participant, or the class's topic
    detail: tuple[str, ...]  # readiness: the missing fields; staff_ratio: "n/s"
    participant_id: int | None = None
    activity_id: int | None = None
    date: dt.date | None = None


def duty_items(session: Session, today: dt.date) -> list[DutyItem]:
    """Who still lacks BHP training, the medical examination or work clothes (art. 14 ust. 2),
    and this month's classes with more than 10 participants per staff member (art. 11 ust. 3)."""
    require(session, Permission.READ)
    items = [
        DutyItem("readiness", r.name, r.missing, participant_id=r.participant_id)
        for r in readiness(session, today)
        if r.missing
    ]
    first, last = month_bounds(today.year, today.month)
    items += [
        DutyItem(
            "staff_ratio",
            w.topic,
            (str(w.participants), str(w.staff)),
            activity_id=w.activity_id,
            date=w.date,
        )
        for w in staff_ratio_warnings(session, first, last)
    ]
    return items
