"""Yearly statistics in the CAS 01 (KIS) / CAS 02 (CIS) breakdowns (docs/domain.md#documents).

Participants who started, took part and finished in the year by sex and art. 1 ust. 2
category; end reasons, and the outcomes after ending (the "formy podjętych działań po
zakończeniu", "rodzaje usamodzielnienia") with achieved_effects and employed_after counted
as in the annual report (docs/outcomes.md);
services by area (reintegracja społeczna / zawodowa) and form, with people counted by sex.
Every number is a COUNT(DISTINCT …) or SUM computed by the database.

Pseudonymised by default (docs/domain.md#rodo): the detail sheet carries a code made with
HMAC-SHA256 under a random key drawn for each export, so codes agree within one workbook
and cannot be linked across workbooks or reversed to a PESEL. Names only on request.

Participants whose processing is restricted (RODO art. 18: apart from storage, no processing)
are left out of every count and line, and counted in the header; the GUI and the command
line log the export once the file is written (exports.record_export).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.models import Activity, Attendance, Participant, Participation
from kisdesk.rules.outcomes import OUTCOME_KINDS
from kisdesk.services import sensitive
from kisdesk.services.common import require
from kisdesk.services.documents_stats import effect_condition, work_condition
from kisdesk.services.exports import ExportHeader, count_restricted, export_header
from kisdesk.services.hours import attended_minutes_expr
from kisdesk.services.participants import SENSITIVE_CATEGORIES
from kisdesk.services.rodo import exportable_participants_filter
from kisdesk.services.settings import all_settings

_ATTENDED = ("present", "partial")


@dataclass(frozen=True, slots=True)
class SexCounts:
    women: int = 0
    men: int = 0

    @property
    def total(self) -> int:
        return self.women + self.men


@dataclass(frozen=True, slots=True)
class CategoryTable:
    """People by art. 1 category (None: no category recorded); one person may have several
    categories, so `total` (distinct people) is not the sum of the rows."""

    rows: list[tuple[int | None, SexCounts]]
    total: SexCounts


@dataclass(frozen=True, slots=True)
class OutcomeTable:
    rows: list[tuple[str, SexCounts]]  # end reason code
    total: SexCounts


@dataclass(frozen=True, slots=True)
class ServiceLine:
    area: str  # social | vocational
    form: str
    activities: int
    minutes: int  # length of the activities held
    people: SexCounts  # who attended at least once
    attended_minutes: int


@dataclass(frozen=True, slots=True)
class DetailLine:
    code: str  # pseudonym
    last_name: str | None  # only when names were asked for
    first_name: str | None
    sex: str
    birth_year: int
    categories: tuple[int, ...]
    start_on: dt.date
    end_on: dt.date | None
    end_reason: str | None
    social_minutes: int
    vocational_minutes: int


@dataclass(frozen=True, slots=True)
class StatisticsExport:
    header: ExportHeader
    year: int
    until: dt.date  # last day counted (the year's end, or today in the current year)
    hour_minutes: int
    started: CategoryTable
    took_part: CategoryTable
    finished: CategoryTable
    outcomes: OutcomeTable  # by end reason
    outcome_kinds: OutcomeTable  # by outcome kind after the end (docs/outcomes.md)
    achieved_effects: SexCounts
    employed_after: SexCounts
    services: list[ServiceLine]
    area_people: dict[str, SexCounts]  # distinct people per area
    details: list[DetailLine]
    identified: bool
    sensitive_hidden: bool


def _sex_counts(pairs: dict[str, int]) -> SexCounts:
    return SexCounts(women=pairs.get("K", 0), men=pairs.get("M", 0))


def _category_table(
    session: Session, condition: ColumnElement[bool], hide_sensitive: bool
) -> CategoryTable:
    people = distinct(Participant.id)
    base = (
        select(Participant.sex, func.count(people))
        .select_from(Participation)
        .join(Participant, Participant.id == Participation.participant_id)
        .where(condition, exportable_participants_filter())
    )
    total = _sex_counts({sex: int(n) for sex, n in session.execute(base.group_by(Participant.sex))})
    by_category: dict[int | None, dict[str, int]] = {}
    who = dict(
        session.execute(
            select(Participant.id, Participant.sex)
            .select_from(Participation)
            .join(Participant, Participant.id == Participation.participant_id)
            .where(condition, exportable_participants_filter())
            .distinct()
        ).all()
    )
    # Categories through the one service that opens the sealed health ones (§3.4 of
    # docs/threat-model.md); a person without any (seen) category counts under None.
    categories = sensitive.categories_of(session, who)
    for pid, sex in who.items():
        seen: list[int | None] = list(categories.get(pid, []))
        for category in seen or [None]:
            counts = by_category.setdefault(category, {})
            counts[sex] = counts.get(sex, 0) + 1
    shown = [c for c in range(1, 10) if not (hide_sensitive and c in SENSITIVE_CATEGORIES)]
    rows: list[tuple[int | None, SexCounts]] = [
        (c, _sex_counts(by_category.get(c, {}))) for c in shown
    ]
    rows.append((None, _sex_counts(by_category.get(None, {}))))
    return CategoryTable(rows, total)


def pseudonym(key: bytes, participant_id: int) -> str:
    digest = hmac.new(key, str(participant_id).encode(), hashlib.sha256).hexdigest()
    return digest[:10].upper()


def statistics_export(
    session: Session,
    year: int,
    as_of: dt.date | None = None,
    identify: bool = False,
) -> StatisticsExport:
    require(session, Permission.EXPORT)
    hide = not sensitive.may_see_health(session)
    first = dt.date(year, 1, 1)
    until = min(dt.date(year, 12, 31), as_of or dt.date.today())
    if until < first:
        until = first - dt.timedelta(days=1)  # a future year: nothing has happened yet
    started = Participation.start_on.between(first, until)
    took_part = and_(
        Participation.start_on <= until,
        or_(Participation.end_on.is_(None), Participation.end_on >= first),
    )
    finished = Participation.end_on.between(first, until)

    outcome_counts: dict[str, dict[str, int]] = {}
    for reason, sex, n in session.execute(
        select(Participation.end_reason, Participant.sex, func.count(distinct(Participant.id)))
        .join(Participant, Participant.id == Participation.participant_id)
        .where(finished, exportable_participants_filter())
        .group_by(Participation.end_reason, Participant.sex)
    ):
        outcome_counts.setdefault(reason or "other", {})[sex] = int(n)
    reasons = (
        "employment",
        "cooperative",
        "business",
        "moved_to_cis",
        "completed",
        "resigned",
        "removed",
        "other",
    )
    outcomes = OutcomeTable(
        [(r, _sex_counts(outcome_counts.get(r, {}))) for r in reasons],
        _category_table(session, finished, hide).total,
    )

    kind_counts: dict[str, dict[str, int]] = {}
    for kind, sex, n in session.execute(
        select(Participation.outcome_kind, Participant.sex, func.count(distinct(Participant.id)))
        .join(Participant, Participant.id == Participation.participant_id)
        .where(finished, exportable_participants_filter())
        .group_by(Participation.outcome_kind, Participant.sex)
    ):
        kind_counts.setdefault(kind or "unknown", {})[sex] = int(n)
    outcome_kinds = OutcomeTable(
        [(k, _sex_counts(kind_counts.get(k, {}))) for k in OUTCOME_KINDS], outcomes.total
    )

    def people_where(*where: ColumnElement[bool]) -> SexCounts:
        return _sex_counts(
            {
                sex: int(n)
                for sex, n in session.execute(
                    select(Participant.sex, func.count(distinct(Participant.id)))
                    .join(Participation, Participation.participant_id == Participant.id)
                    .where(finished, exportable_participants_filter(), *where)
                    .group_by(Participant.sex)
                )
            }
        )

    services = _services(session, first, until)
    area_people: dict[str, dict[str, int]] = {}
    for area, sex, n in session.execute(
        select(Activity.area, Participant.sex, func.count(distinct(Attendance.participant_id)))
        .select_from(Attendance)
        .join(Activity, Activity.id == Attendance.activity_id)
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(
            Activity.date.between(first, until),
            Attendance.mark.in_(_ATTENDED),
            exportable_participants_filter(),
        )
        .group_by(Activity.area, Participant.sex)
    ):
        area_people.setdefault(area, {})[sex] = int(n)

    details = _details(session, first, until, took_part, identify, hide)
    skipped = count_restricted(session, select(Participation.participant_id).where(took_part))
    return StatisticsExport(
        header=export_header(session, first, dt.date(year, 12, 31), skipped),
        year=year,
        until=until,
        hour_minutes=all_settings(session)["hour_minutes"],
        started=_category_table(session, started, hide),
        took_part=_category_table(session, took_part, hide),
        finished=_category_table(session, finished, hide),
        outcomes=outcomes,
        outcome_kinds=outcome_kinds,
        achieved_effects=people_where(effect_condition()),
        employed_after=people_where(work_condition()),
        services=services,
        area_people={a: _sex_counts(area_people.get(a, {})) for a in ("social", "vocational")},
        details=details,
        identified=identify,
        sensitive_hidden=hide,
    )


def _services(session: Session, first: dt.date, until: dt.date) -> list[ServiceLine]:
    held = {
        (area, form): (int(n), int(minutes or 0))
        for area, form, n, minutes in session.execute(
            select(
                Activity.area, Activity.form, func.count(Activity.id), func.sum(Activity.minutes)
            )
            .where(
                Activity.date.between(first, until),
                # an individual session of a restricted participant is theirs: left out too
                or_(
                    Activity.participant_id.is_(None),
                    Activity.participant_id.in_(
                        select(Participant.id).where(exportable_participants_filter())
                    ),
                ),
            )
            .group_by(Activity.area, Activity.form)
        )
    }
    people: dict[tuple[str, str], dict[str, int]] = {}
    attended: dict[tuple[str, str], int] = {}
    for area, form, sex, n, minutes in session.execute(
        select(
            Activity.area,
            Activity.form,
            Participant.sex,
            func.count(distinct(Attendance.participant_id)),
            func.sum(attended_minutes_expr()),
        )
        .select_from(Attendance)
        .join(Activity, Activity.id == Attendance.activity_id)
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(
            Activity.date.between(first, until),
            Attendance.mark.in_(_ATTENDED),
            exportable_participants_filter(),
        )
        .group_by(Activity.area, Activity.form, Participant.sex)
    ):
        people.setdefault((area, form), {})[sex] = int(n)
        attended[(area, form)] = attended.get((area, form), 0) + int(minutes or 0)
    keys = sorted(set(held) | set(people), key=lambda k: (k[0] != "social", k[1].lower()))
    return [
        ServiceLine(
            area=area,
            form=form,
            activities=held.get((area, form), (0, 0))[0],
            minutes=held.get((area, form), (0, 0))[1],
            people=_sex_counts(people.get((area, form), {})),
            attended_minutes=attended.get((area, form), 0),
        )
        for area, form in keys
    ]


def _details(
    session: Session,
    first: dt.date,
    until: dt.date,
    took_part: ColumnElement[bool],
    identify: bool,
    hide: bool,
) -> list[DetailLine]:
    """One line per participation period in the year, with its attended minutes by area."""
    minutes: dict[tuple[int, str], int] = {}
    for pid, area, total in session.execute(
        select(Participation.id, Activity.area, func.sum(attended_minutes_expr()))
        .select_from(Participation)
        .join(Attendance, Attendance.participant_id == Participation.participant_id)
        .join(
            Activity,
            and_(
                Activity.id == Attendance.activity_id,
                Activity.date.between(first, until),
                Activity.date >= Participation.start_on,
                or_(Participation.end_on.is_(None), Activity.date <= Participation.end_on),
            ),
        )
        .where(took_part)
        .group_by(Participation.id, Activity.area)
    ):
        minutes[(int(pid), area)] = int(total or 0)
    categories = {
        pid: [c for c in found if not (hide and c in SENSITIVE_CATEGORIES)]
        for pid, found in sensitive.categories_of(session).items()
    }
    key = secrets.token_bytes(32)
    lines = []
    for period, person in session.execute(
        select(Participation, Participant)
        .join(Participant, Participant.id == Participation.participant_id)
        .where(took_part, exportable_participants_filter())
    ):
        lines.append(
            DetailLine(
                code=pseudonym(key, person.id),
                last_name=person.last_name if identify else None,
                first_name=person.first_name if identify else None,
                sex=person.sex,
                birth_year=person.birth_date.year,
                categories=tuple(categories.get(person.id, ())),
                start_on=period.start_on,
                end_on=period.end_on if period.end_on and period.end_on <= until else None,
                end_reason=period.end_reason if period.end_on and period.end_on <= until else None,
                social_minutes=minutes.get((period.id, "social"), 0),
                vocational_minutes=minutes.get((period.id, "vocational"), 0),
            )
        )
    if identify:
        lines.sort(key=lambda line: (line.last_name or "", line.first_name or "", line.start_on))
    else:
        # Sorted by code, not by name: the order must not give away who is who.
        lines.sort(key=lambda line: (line.code, line.start_on))
    return lines
