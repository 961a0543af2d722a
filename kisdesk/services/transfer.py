"""Moving the office's data to another database (`kisdesk migrate-to URL`).

The copy holds every table: health categories, counselling notes, PESELs and password
hashes, and from an encrypted file it is a plain database. So it is the leader's decision
alone (Permission.MIGRATE), and the audit chain says who copied the office where: the
target's address without its password (a password in the log would hand the server to
anyone who reads the log; docs/threat-model.md). The entry is committed before copying, so
the copy carries it too; a failed copy adds a second entry with the error's code.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from kisdesk.access import ACTOR_KEY, Actor, Permission
from kisdesk.db.database import KisdeskSession  # the audit listeners are installed on it
from kisdesk.db.transfer import TransferReport, copy_database
from kisdesk.errors import KisdeskError, ValidationError
from kisdesk.services import audit
from kisdesk.services.common import require


def target_for_log(target_url: str) -> str:
    """The target's address as the log keeps it: user, host and database, never a password."""
    try:
        url = make_url(target_url)
    except (ArgumentError, ValueError):
        raise ValidationError("transfer.bad_url", value=_without_password(target_url)) from None
    bare = URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)


def _without_password(text: str) -> str:
    """A malformed address shown back without whatever precedes `@` (it may hold a password)."""
    head, at, tail = text.rpartition("@")
    return f"…@{tail}" if at else text


def migrate_to(
    source: Engine,
    actor: Actor,
    target_url: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> TransferReport:
    """Copy the whole office to the empty database at `target_url` (the leader only)."""
    shown = target_for_log(target_url)
    with KisdeskSession(source) as session:
        session.info[ACTOR_KEY] = actor
        with session.begin():
            require(session, Permission.MIGRATE, code="transfer.leader_only")
            audit.record(session, "migrate", target=shown)
    try:
        return copy_database(source, target_url, progress)
    except KisdeskError as error:
        _log_failure(source, actor, shown, error.code)
        raise
    except Exception:
        _log_failure(source, actor, shown, "fault")
        raise


def _log_failure(source: Engine, actor: Actor, shown: str, code: str) -> None:
    with KisdeskSession(source) as session:
        session.info[ACTOR_KEY] = actor
        with session.begin():
            audit.record(session, "migrate", target=shown, action="failed", reason=code)
