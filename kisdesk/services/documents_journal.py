"""The activity journal of a group's month and the counselling card of a participant
(docs/domain.md#documents). Working papers: printed as needed, not kept in the register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission, actor_of
from kisdesk.errors import ValidationError
from kisdesk.i18n import tr
from kisdesk.messages.core import month_name
from kisdesk.models import Activity, Group, Participant, Participation
from kisdesk.rules.hours import format_hours
from kisdesk.services.activities import list_activities
from kisdesk.services.common import get_or_raise, require
from kisdesk.services.documents_common import (
    Header,
    audit_print,
    office_header,
    short_date,
)
from kisdesk.services.settings import get_setting


@dataclass(frozen=True, slots=True)
class JournalRow:
    date: str  # ISO
    time: str
    hours: str
    topic: str
    form: str
    leader: str
    present: str


@dataclass(frozen=True, slots=True)
class JournalData:
    header: Header
    title: str
    group: str
    month_label: str
    hour_note: str
    rows: tuple[JournalRow, ...]
    total_hours: str


def journal_data(
    session: Session, group_id: int, year: int, month: int, as_of: dt.date | None = None
) -> JournalData:
    """Dziennik zajęć of a group for a month: one row per activity."""
    require(session, Permission.READ)
    as_of = as_of or dt.date.today()
    _, header = office_header(session)
    group = get_or_raise(session, Group, group_id, "group.not_found")
    hour = get_setting(session, "hour_minutes")
    rows = []
    total = 0
    for a in list_activities(session, year, month, group_id=group_id):
        total += a.minutes
        present = str(a.present) if a.recorded else ""
        if not a.recorded and a.date <= as_of:
            present = tr("brak wpisu")
        rows.append(
            JournalRow(
                date=a.date.isoformat(),
                time=f"{a.start_time.strftime('%H:%M')}–{a.end_time.strftime('%H:%M')}",
                hours=format_hours(a.minutes, hour),
                topic=a.topic,
                form=a.form,
                leader=", ".join(a.staff),
                present=present,
            )
        )
    audit_print(session, "journal", records=len(rows))
    return JournalData(
        header=header,
        title=tr("DZIENNIK ZAJĘĆ"),
        group=group.name,
        month_label=month_name(year, month),
        hour_note=tr("Godziny dydaktyczne: 1 godz. = {m} min.").format(m=hour),
        rows=tuple(rows),
        total_hours=format_hours(total, hour),
    )


@dataclass(frozen=True, slots=True)
class CardRow:
    date: str
    time: str
    hours: str
    specialist: str
    form: str
    topic: str
    note: str | None  # None when the reader may not see this session's counselling note


@dataclass(frozen=True, slots=True)
class CounsellingCardData:
    header: Header
    title: str
    person_name: str
    birth_date: str  # ISO
    periods: str
    year_label: str
    rows: tuple[CardRow, ...]
    show_notes: bool
    total_hours: str


def counselling_card_data(
    session: Session, participant_id: int, year: int | None = None
) -> CounsellingCardData:
    """Karta doradztwa indywidualnego: the participant's individual sessions (of a year).

    A note is printed only where the reader may read that session's note: the leader all,
    kadra those of the sessions they lead, administracja none (docs/domain.md#office; access.can_read_note).
    The notes column is printed when at least one note on the card is readable.
    """
    require(session, Permission.READ)
    _, header = office_header(session)
    person = get_or_raise(session, Participant, participant_id, "participant.not_found")
    hour = get_setting(session, "hour_minutes")
    y, m = extract("year", Activity.date), extract("month", Activity.date)
    query = (
        select(y, m)
        .distinct()
        .where(Activity.participant_id == participant_id, Activity.kind == "individual")
    )
    if year is not None:
        query = query.where(y == year)
    months = sorted({(int(a), int(b)) for a, b in session.execute(query)})
    actor = actor_of(session)
    rows = []
    readable = False
    total = 0
    for yy, mm in months:
        for a in list_activities(session, yy, mm, participant_id=participant_id):
            if a.kind != "individual":
                continue
            total += a.minutes
            may_read = actor.can_read_note(a.staff_ids)
            readable = readable or may_read
            rows.append(
                CardRow(
                    date=a.date.isoformat(),
                    time=f"{a.start_time.strftime('%H:%M')}–{a.end_time.strftime('%H:%M')}",
                    hours=format_hours(a.minutes, hour),
                    specialist=", ".join(a.staff),
                    form=a.form,
                    topic=a.topic,
                    note=a.note if may_read else None,
                )
            )
    periods = [
        f"{short_date(p.start_on)} – {short_date(p.end_on) if p.end_on else tr('nadal')}"
        for p in session.scalars(
            select(Participation)
            .where(Participation.participant_id == participant_id)
            .order_by(Participation.start_on)
        )
    ]
    if not periods:
        raise ValidationError("document.no_participation", name=person.full_name)
    show_notes = readable
    audit_print(
        session,
        "counselling_card",
        participant_id=participant_id,
        records=len(rows),
        notes=show_notes,
    )
    return CounsellingCardData(
        header=header,
        title=tr("KARTA DORADZTWA INDYWIDUALNEGO"),
        person_name=person.full_name,
        birth_date=person.birth_date.isoformat(),
        periods="; ".join(periods),
        year_label=str(year) if year is not None else tr("cały okres uczestnictwa"),
        rows=tuple(rows),
        show_notes=show_notes,
        total_hours=format_hours(total, hour),
    )
