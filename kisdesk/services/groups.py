"""Groups (grupy): members come through participation periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kisdesk.access import Permission
from kisdesk.errors import ConflictError, NotFoundError, ValidationError
from kisdesk.models import Group, Participation
from kisdesk.services.common import clean, get_or_raise, require


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    name: str
    start_on: dt.date | None
    end_on: dt.date | None
    description: str
    members: int  # members on the day asked about
    version: int


def add_group(
    session: Session,
    name: str,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    description: str = "",
) -> int:
    require(session, Permission.EDIT_PARTICIPANTS)
    name = clean(name)
    if not name:
        raise ValidationError("group.name_required")
    if start_on and end_on and end_on < start_on:
        raise ValidationError("group.end_before_start")
    if session.scalar(select(Group.id).where(func.lower(Group.name) == name.lower())):
        raise ConflictError("group.exists", name=name)
    group = Group(name=name, start_on=start_on, end_on=end_on, description=description.strip())
    session.add(group)
    session.flush()
    return group.id


def update_group(
    session: Session,
    group_id: int,
    name: str,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    description: str = "",
    expected_version: int | None = None,
) -> None:
    require(session, Permission.EDIT_PARTICIPANTS)
    group = get_or_raise(session, Group, group_id, "group.not_found")
    if expected_version is not None and expected_version != group.version:
        raise ConflictError("record.changed_meanwhile")
    name = clean(name)
    if not name:
        raise ValidationError("group.name_required")
    if start_on and end_on and end_on < start_on:
        raise ValidationError("group.end_before_start")
    clash = session.scalar(
        select(Group.id).where(func.lower(Group.name) == name.lower(), Group.id != group_id)
    )
    if clash:
        raise ConflictError("group.exists", name=name)
    group.name, group.start_on, group.end_on = name, start_on, end_on
    group.description = description.strip()
    session.flush()


def group_id_by_name(session: Session, name: str, need: Permission = Permission.READ) -> int:
    """The id of the group called `name` (case-insensitive), for the command line; the
    group's number (as `group add` and `group list` print it) is accepted too. `need`: what
    the command then does, checked before the lookup (no existence oracle)."""
    require(session, need)
    found = session.scalar(select(Group.id).where(func.lower(Group.name) == clean(name).lower()))
    if found is None and clean(name).isdigit():
        found = session.scalar(select(Group.id).where(Group.id == int(clean(name))))
    if found is None:
        raise NotFoundError("group.unknown", name=name)
    return found


def only_group_id(session: Session, need: Permission = Permission.READ) -> int:
    """The office's group when it has just one (a command may then leave --group out, as the
    window asks nothing); otherwise a refusal naming the groups to choose from."""
    require(session, need)
    names = list(session.scalars(select(Group.name).order_by(Group.name)))
    if len(names) != 1:
        raise ValidationError("group.choose", n=len(names), names=", ".join(names) or "–")
    found = session.scalar(select(Group.id))
    assert found is not None
    return found


def list_groups(session: Session, on: dt.date | None = None) -> list[GroupRow]:
    require(session, Permission.READ)
    on = on or dt.date.today()
    members = (
        select(Participation.group_id, func.count(Participation.id).label("n"))
        .where(
            Participation.start_on <= on,
            or_(Participation.end_on.is_(None), Participation.end_on >= on),
        )
        .group_by(Participation.group_id)
        .subquery()
    )
    rows = session.execute(
        select(Group, func.coalesce(members.c.n, 0))
        .outerjoin(members, and_(members.c.group_id == Group.id))
        .order_by(Group.name)
    )
    return [
        GroupRow(g.id, g.name, g.start_on, g.end_on, g.description, int(n), g.version)
        for g, n in cast(Iterable[tuple[Group, int]], rows)
    ]
