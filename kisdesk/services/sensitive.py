"""The art. 9 data under the sensitive-data key (docs/threat-model.md §3.4).

One service keeps the key and reads and writes the sealed values, for every face of the
program: health categories (2, 3, 4, 8 of art. 1 ust. 2; one sealed value per participant,
the other categories stay plain rows) and counselling notes (one sealed value per session).

- An office without accounts has nobody to keep the key from: the values stay plain. The
  first leader's account (or, in an office upgraded with accounts, the leader's first
  sign-in) makes the key, seals it to the leader and to a new recovery key, and seals every
  existing value in the same transaction.
- The key is unwrapped at sign-in with the password and travels with the actor
  (`Actor.data_key`) for entitled accounts only: the leader, and kadra with the health grant.
  Another entitled account gets its key pair at its next sign-in, and the seal from the
  leader's program (at the leader's next sign-in, or when the leader grants it).
- An account that stops being entitled (grant withdrawn, role lowered, deactivated) loses its
  seal and the key is rotated: every sealed value is sealed again under a new key, since the
  account may have kept the old one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kisdesk.access import ACTOR_KEY, Actor, Permission, Role, actor_of
from kisdesk.errors import KisdeskError, PermissionDenied
from kisdesk.i18n import tr
from kisdesk.models import AccountKey, Activity, DataKeySeal, Participant, ParticipantCategory, User
from kisdesk.services import audit, sealing

HEALTH = "participant_health"
NOTE = "activity_note"
SENSITIVE_CATEGORIES = frozenset({2, 3, 4, 8})  # art. 1 ust. 2 pkt 2, 3, 4, 8: health
RECOVERY = "recovery"
ACCOUNT = "account"
_NEW_RECOVERY = "kisdesk_new_recovery_key"
_KEY_ID = "kisdesk_sensitive_key_id"


def hidden_text() -> str:
    """What is shown instead of a value the actor may not read."""
    return tr("zastrzeżone")


# -- the state of the office --------------------------------------------------------------------
def current_key_id(session: Session) -> str | None:
    """The fingerprint of the office's sensitive-data key; None while values are plain
    (kept for the unit of work: only `_set_up_key` and `rotate` change it)."""
    if _KEY_ID not in session.info:
        session.info[_KEY_ID] = session.scalar(select(DataKeySeal.key_id).limit(1))
    found = session.info[_KEY_ID]
    return found if isinstance(found, str) else None


def _forget_key_id(session: Session) -> None:
    session.info.pop(_KEY_ID, None)


def office_sealed(session: Session) -> bool:
    return current_key_id(session) is not None


def entitled(user: User) -> bool:
    """May this account hold the key? The leader; kadra with the health-category grant."""
    if not user.active:
        return False
    return user.role == Role.LEADER.value or (user.role == Role.STAFF.value and user.view_sensitive)


def _actor_key(session: Session) -> bytes | None:
    """The actor's key when it is the office's current one (a key from before a rotation,
    or a key whose seals were never written, is not used: nothing sealed under it would
    open for anybody else)."""
    key = actor_of(session).data_key
    if key is None:
        return None
    return key if sealing.key_id(key) == current_key_id(session) else None


def may_see_health(session: Session) -> bool:
    actor = actor_of(session)
    if not actor.can(Permission.VIEW_SENSITIVE):
        return False
    return not office_sealed(session) or _actor_key(session) is not None


def _key_for_writing(session: Session, code: str) -> bytes | None:
    """None: the office keeps values plain. Refused when sealed and the actor has no key."""
    if not office_sealed(session):
        return None
    key = _actor_key(session)
    if key is None:
        raise PermissionDenied(code)
    return key


def _chunks(ids: list[int] | None) -> list[list[int] | None]:
    """Ids in chunks within SQLite's limit on bound parameters; [None]: every row."""
    if ids is None:
        return [None]
    return [ids[i : i + 500] for i in range(0, len(ids), 500)]


def key_state(session: Session, user: User) -> str:
    """ "plain" (no key in this office), "none" (not entitled), "sealed", "waiting"."""
    if not office_sealed(session):
        return "plain"
    if not entitled(user):
        return "none"
    seal = session.scalar(select(DataKeySeal.id).where(DataKeySeal.user_id == user.id))
    return "sealed" if seal is not None else "waiting"


def unconverted(session: Session) -> bool:
    """An office with accounts whose art. 9 data are still plain (upgraded, waiting for the
    leader's first sign-in): `check` says so."""
    has_accounts = session.scalar(select(User.id).limit(1)) is not None
    return has_accounts and not office_sealed(session)


# -- health categories -------------------------------------------------------------------------
def _open_health(key: bytes, participant_id: int, sealed: bytes) -> frozenset[int]:
    values = json.loads(sealing.open_value(key, HEALTH, participant_id, sealed).decode("ascii"))
    return frozenset(int(v) for v in values)


def _seal_health(key: bytes, participant_id: int, health: Iterable[int]) -> bytes:
    plain = json.dumps(sorted(set(health))).encode("ascii")
    return sealing.seal_value(key, HEALTH, participant_id, plain)


def health_of(
    session: Session, participant_ids: Iterable[int] | None = None
) -> dict[int, frozenset[int]]:
    """Sealed health categories by participant, for an actor who may see them ({} for others
    and for an office that keeps them plain in `participant_category`)."""
    key = _actor_key(session)
    if key is None or not actor_of(session).can(Permission.VIEW_SENSITIVE):
        return {}
    query = select(Participant.id, Participant.health_sealed).where(
        Participant.health_sealed.is_not(None)
    )
    found: dict[int, frozenset[int]] = {}
    ids = None if participant_ids is None else sorted(set(participant_ids))
    for chunk in _chunks(ids):
        q = query if chunk is None else query.where(Participant.id.in_(chunk))
        for pid, sealed in session.execute(q):
            assert sealed is not None
            health = _open_health(key, pid, sealed)
            if health:
                found[pid] = health
    return found


def categories_of(
    session: Session, participant_ids: Iterable[int] | None = None
) -> dict[int, list[int]]:
    """Every participant's categories as the actor may see them: the plain rows (health ones
    only for an actor who may see them) and the sealed health categories."""
    see = may_see_health(session)
    query = select(ParticipantCategory.participant_id, ParticipantCategory.category)
    ids = None if participant_ids is None else sorted(set(participant_ids))
    found: dict[int, set[int]] = {}
    for chunk in _chunks(ids):
        q = query if chunk is None else query.where(ParticipantCategory.participant_id.in_(chunk))
        for pid, category in session.execute(q):
            if see or category not in SENSITIVE_CATEGORIES:
                found.setdefault(pid, set()).add(category)
    if see:
        for pid, health in health_of(session, ids).items():
            found.setdefault(pid, set()).update(health)
    return {pid: sorted(c) for pid, c in found.items()}


def categories_for_counts(session: Session, participant_ids: Iterable[int]) -> dict[int, list[int]]:
    """Every category of every person, for counts only (the annual report: figures, no
    person named). A plain office counts them for any role, as before; a sealed office
    needs the key: refused for an account without it, rather than counting wrong."""
    ids = sorted(set(participant_ids))
    found: dict[int, set[int]] = {}
    for chunk in _chunks(ids):
        q = select(ParticipantCategory.participant_id, ParticipantCategory.category)
        if chunk is not None:
            q = q.where(ParticipantCategory.participant_id.in_(chunk))
        for pid, category in session.execute(q):
            found.setdefault(pid, set()).add(category)
    if office_sealed(session):
        key = _actor_key(session)
        if key is None:
            raise PermissionDenied("sealing.counts_need_key")
        for chunk in _chunks(ids):
            q2 = select(Participant.id, Participant.health_sealed).where(
                Participant.health_sealed.is_not(None)
            )
            if chunk is not None:
                q2 = q2.where(Participant.id.in_(chunk))
            for pid, sealed in session.execute(q2):
                assert sealed is not None
                found.setdefault(pid, set()).update(_open_health(key, pid, sealed))
    return {pid: sorted(c) for pid, c in found.items() if c}


def store_health(session: Session, person: Participant, health: Iterable[int]) -> None:
    """Keep `health` as the person's health categories: sealed in a sealed office (the
    person must be flushed: the value is bound to the id), else as plain rows."""
    wanted = set(health) & SENSITIVE_CATEGORIES
    key = _key_for_writing(session, "sealing.no_key")
    if key is None:
        plain = [c for c in person.categories if c.category not in SENSITIVE_CATEGORIES]
        have = {c.category for c in person.categories if c.category in SENSITIVE_CATEGORIES}
        plain += [c for c in person.categories if c.category in wanted]
        person.categories = plain + [ParticipantCategory(category=c) for c in sorted(wanted - have)]
        return
    if person.id is None:
        session.flush()
    person.categories = [c for c in person.categories if c.category not in SENSITIVE_CATEGORIES]
    person.health_sealed = _seal_health(key, person.id, wanted)


def sealed_health_kept(session: Session, person: Participant) -> frozenset[int] | None:
    """The person's health categories as stored (for an actor who may see them), None when
    hidden from this actor."""
    if not may_see_health(session):
        return None
    key = _actor_key(session)
    if key is None:  # a plain office
        return frozenset(
            c.category for c in person.categories if c.category in SENSITIVE_CATEGORIES
        )
    if person.health_sealed is None:
        return frozenset()
    return _open_health(key, person.id, person.health_sealed)


# -- counselling notes ------------------------------------------------------------------------
def note_of(session: Session, activity: Activity) -> str | None:
    """The session's note for an actor entitled to the key; None when sealed from them
    (the caller decides by role whether the actor may read this session's note at all)."""
    if activity.note_sealed is None:
        return activity.note
    key = _actor_key(session)
    if key is None:
        return None
    return sealing.open_value(key, NOTE, activity.id, activity.note_sealed).decode("utf-8")


def note_readable(session: Session) -> bool:
    """Can this actor open sealed notes (or are notes plain in this office)?"""
    return not office_sealed(session) or _actor_key(session) is not None


def has_note(activity: Activity) -> bool:
    return bool(activity.note) or activity.note_sealed is not None


def store_note(session: Session, activity: Activity, text: str) -> None:
    """Keep the note: sealed in a sealed office (flushed first, for the id), else plain."""
    key = _key_for_writing(session, "sealing.no_key_note") if text else None
    if key is None:
        activity.note, activity.note_sealed = text, None
        return
    if activity.id is None:
        session.flush()
    activity.note = ""
    activity.note_sealed = sealing.seal_value(key, NOTE, activity.id, text.encode("utf-8"))


def clear_note(activity: Activity) -> None:
    activity.note, activity.note_sealed = "", None


# -- making, sealing, rotating the key ---------------------------------------------------------
def _account_pair(session: Session, user_id: int) -> AccountKey | None:
    return session.get(AccountKey, user_id)


def _wrapped(row: AccountKey) -> sealing.WrappedKeyPair:
    return sealing.WrappedKeyPair(row.public_key, row.wrapped_private, row.salt, row.kdf)


def _store_pair(session: Session, user_id: int, pair: sealing.WrappedKeyPair) -> AccountKey:
    row = _account_pair(session, user_id)
    if row is None:
        row = AccountKey(user_id=user_id)
        session.add(row)
    row.public_key, row.wrapped_private = pair.public_key, pair.wrapped_private
    row.salt, row.kdf = pair.salt, pair.kdf
    return row


def _seal_row(seal: sealing.Seal, data_key: bytes, holder: str, user_id: int | None) -> DataKeySeal:
    return DataKeySeal(
        holder=holder,
        user_id=user_id,
        key_id=sealing.key_id(data_key),
        recipient=seal.recipient,
        ephemeral=seal.ephemeral,
        sealed=seal.sealed,
    )


def _seal_to_account(session: Session, user_id: int, public: bytes, data_key: bytes) -> None:
    session.execute(delete(DataKeySeal).where(DataKeySeal.user_id == user_id))
    session.add(_seal_row(sealing.seal_to(public, data_key), data_key, ACCOUNT, user_id))
    audit.record(
        session, "sensitive_key", record_type="user_account", record_id=user_id, action="sealed"
    )


def _seal_plain_values(session: Session, data_key: bytes) -> int:
    """Seal every plain health category and note under a new key (the office's conversion)."""
    health: dict[int, set[int]] = {}
    for pid, category in session.execute(
        select(ParticipantCategory.participant_id, ParticipantCategory.category).where(
            ParticipantCategory.category.in_(SENSITIVE_CATEGORIES)
        )
    ):
        health.setdefault(pid, set()).add(category)
    for (pid,) in session.execute(select(Participant.id)):
        session.execute(
            update(Participant)
            .where(Participant.id == pid)
            .values(health_sealed=_seal_health(data_key, pid, health.get(pid, ())))
            .execution_options(synchronize_session=False)
        )
    session.execute(
        delete(ParticipantCategory).where(ParticipantCategory.category.in_(SENSITIVE_CATEGORIES))
    )
    notes = session.execute(select(Activity.id, Activity.note).where(Activity.note != "")).all()
    for aid, text in notes:
        sealed = sealing.seal_value(data_key, NOTE, aid, text.encode("utf-8"))
        session.execute(
            update(Activity)
            .where(Activity.id == aid)
            .values(note="", note_sealed=sealed)
            .execution_options(synchronize_session=False)
        )
    return len(health) + len(notes)


def _set_up_key(
    session: Session, leader_id: int, public: bytes, data_key: bytes, recovery: str
) -> None:
    """The data key sealed to the leader and to the recovery key; every value sealed."""
    recovery_public = sealing.recovery_public(recovery)
    session.add(_seal_row(sealing.seal_to(recovery_public, data_key), data_key, RECOVERY, None))
    _seal_to_account(session, leader_id, public, data_key)
    session.flush()
    _forget_key_id(session)
    values = _seal_plain_values(session, data_key)
    audit.record(session, "sensitive_key", action="created", values=values)
    session.info[_NEW_RECOVERY] = recovery


def take_new_recovery_key(session: Session) -> str | None:
    """The recovery key made in this unit of work, to be shown once and printed."""
    value = session.info.pop(_NEW_RECOVERY, None)
    return value if isinstance(value, str) else None


def account_created(session: Session, user: User, password: str) -> None:
    """A new account with its password at hand: an entitled one gets its key pair, and the
    seal when the actor holds the key; the first leader's account makes the key."""
    if not entitled(user):
        return
    pair = sealing.new_key_pair(user.id, password)
    _store_pair(session, user.id, pair)
    if not office_sealed(session):
        if user.role == Role.LEADER.value:
            recovery, _ = sealing.new_recovery()
            data_key = sealing.new_data_key()
            _set_up_key(session, user.id, pair.public_key, data_key, recovery)
            _replace_actor_key(session, data_key)
        return
    key = _actor_key(session)
    if key is not None:
        _seal_to_account(session, user.id, pair.public_key, key)


def password_changed(session: Session, user: User, new: str, old: str | None) -> None:
    """Re-wrap the account's private key (its own change, with the old password), or give it
    a new key pair (a reset by the leader: the old one cannot be opened) and a new seal."""
    row = _account_pair(session, user.id)
    if row is not None and old is not None:
        try:
            _store_pair(session, user.id, sealing.rewrap_private(_wrapped(row), user.id, old, new))
            return
        except sealing.SealError:
            pass  # a key pair that does not open with the password checked: start again
    session.execute(delete(DataKeySeal).where(DataKeySeal.user_id == user.id))
    if row is not None:
        session.delete(row)
        session.flush()
    if not entitled(user):
        return
    pair = sealing.new_key_pair(user.id, new)
    _store_pair(session, user.id, pair)
    key = _actor_key(session)
    if key is not None:
        _seal_to_account(session, user.id, pair.public_key, key)
    audit.record(
        session, "sensitive_key", record_type="user_account", record_id=user.id, action="new_pair"
    )


def account_changed(session: Session, user: User) -> None:
    """After a role, grant or active change by the leader: an account no longer entitled
    loses its seal and the key is rotated; a newly entitled one with a key pair is sealed."""
    if not office_sealed(session):
        return
    has_seal = session.scalar(select(DataKeySeal.id).where(DataKeySeal.user_id == user.id))
    if entitled(user):
        row = _account_pair(session, user.id)
        key = _actor_key(session)
        if has_seal is None and row is not None and key is not None:
            _seal_to_account(session, user.id, row.public_key, key)
        return
    if has_seal is None:
        return
    session.execute(delete(DataKeySeal).where(DataKeySeal.user_id == user.id))
    audit.record(
        session, "sensitive_key", record_type="user_account", record_id=user.id, action="removed"
    )
    rotate(session)
    if actor_of(session).user_id == user.id:  # a leader who lowered their own role
        _replace_actor_key(session, None)


def rotate(session: Session) -> None:
    """A new data key: every sealed value and every remaining seal made again under it.
    Needs the actor's key (the leader signed in with a password)."""
    old = _actor_key(session)
    if old is None:
        raise PermissionDenied("sealing.no_key_rotate")
    new = sealing.new_data_key()
    rows = session.execute(
        select(Participant.id, Participant.health_sealed).where(
            Participant.health_sealed.is_not(None)
        )
    ).all()
    for pid, sealed in rows:
        assert sealed is not None
        plain = sealing.open_value(old, HEALTH, pid, sealed)
        session.execute(
            update(Participant)
            .where(Participant.id == pid)
            .values(health_sealed=sealing.seal_value(new, HEALTH, pid, plain))
            .execution_options(synchronize_session=False)
        )
    notes = session.execute(
        select(Activity.id, Activity.note_sealed).where(Activity.note_sealed.is_not(None))
    ).all()
    for aid, sealed in notes:
        assert sealed is not None
        plain = sealing.open_value(old, NOTE, aid, sealed)
        session.execute(
            update(Activity)
            .where(Activity.id == aid)
            .values(note_sealed=sealing.seal_value(new, NOTE, aid, plain))
            .execution_options(synchronize_session=False)
        )
    for seal in session.scalars(select(DataKeySeal)).all():
        fresh = sealing.seal_to(seal.recipient, new)
        seal.key_id, seal.ephemeral, seal.sealed = (
            sealing.key_id(new),
            fresh.ephemeral,
            fresh.sealed,
        )
    session.flush()
    _forget_key_id(session)
    _replace_actor_key(session, new)
    audit.record(session, "sensitive_key", action="rotated", values=len(rows) + len(notes))


def _replace_actor_key(session: Session, key: bytes | None) -> None:
    """The actor of this unit of work goes on with the new key (the caller's copy of the
    actor is renewed by `renewed_actor`)."""
    from dataclasses import replace

    session.info[ACTOR_KEY] = replace(actor_of(session), data_key=key)


def renewed_actor(session: Session) -> Actor:
    """The actor as the unit of work left it (a rotation gives it the new key)."""
    return actor_of(session)


# -- signing in -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SignInKeys:
    """What a sign-in unwrapped or made, and what is left to write after it."""

    data_key: bytes | None
    recovery_key: str | None = None  # made now: show it once, to be printed
    new_pair: sealing.WrappedKeyPair | None = None  # the account's first key pair
    set_up: tuple[bytes, str] | None = None  # (leader's public key, recovery key) to store
    seal_pending: bool = False  # the leader: seal the key to accounts waiting for it


def open_at_sign_in(session: Session, user: User, password: str) -> SignInKeys:
    """The key of an entitled account, unwrapped with the password just checked, and what to
    write after the sign-in (`write_after_sign_in`): the account's first key pair, the
    office's conversion (a new key, made here so that it travels with the actor), pending
    seals. A key whose seals were not stored is never used for writing (`_actor_key`)."""
    if not entitled(user):
        return SignInKeys(None)
    row = _account_pair(session, user.id)
    new_pair = None
    if row is None:
        new_pair = sealing.new_key_pair(user.id, password)
        private = sealing.unwrap_private(new_pair, user.id, password)
        public = new_pair.public_key
    else:
        private = sealing.unwrap_private(_wrapped(row), user.id, password)
        public = row.public_key
    leader = user.role == Role.LEADER.value
    if not office_sealed(session):
        if not leader:
            return SignInKeys(None, new_pair=new_pair)
        data_key = sealing.new_data_key()
        recovery, _ = sealing.new_recovery()
        return SignInKeys(data_key, recovery, new_pair, (public, recovery))
    seal = session.scalar(select(DataKeySeal).where(DataKeySeal.user_id == user.id))
    if seal is None:
        return SignInKeys(None, new_pair=new_pair)
    key = sealing.open_seal(private, sealing.Seal(seal.recipient, seal.ephemeral, seal.sealed))
    return SignInKeys(key, new_pair=new_pair, seal_pending=leader)


def write_after_sign_in(session: Session, user_id: int, keys: SignInKeys) -> None:
    """Store what `open_at_sign_in` left, in the transaction after the sign-in (the
    session's actor is the account that signed in, with its key)."""
    if keys.new_pair is not None and _account_pair(session, user_id) is None:
        _store_pair(session, user_id, keys.new_pair)
        session.flush()
    if keys.set_up is not None and keys.data_key is not None and not office_sealed(session):
        public, recovery = keys.set_up
        _set_up_key(session, user_id, public, keys.data_key, recovery)
    if keys.seal_pending and keys.data_key is not None:
        _seal_pending(session, keys.data_key)


def _seal_pending(session: Session, key: bytes) -> None:
    """The leader signed in: seal the key to entitled accounts that have a key pair and no
    seal yet (they made their pair at their own sign-in)."""
    if sealing.key_id(key) != current_key_id(session):
        return
    sealed = set(
        session.scalars(select(DataKeySeal.user_id).where(DataKeySeal.user_id.is_not(None)))
    )
    rows = session.execute(
        select(User, AccountKey).join(AccountKey, AccountKey.user_id == User.id)
    ).all()
    for account, pair in rows:
        if entitled(account) and account.id not in sealed:
            _seal_to_account(session, account.id, pair.public_key, key)


# -- the check ------------------------------------------------------------------------------
def file_state(db_path: Path) -> str | None:
    """`kisdesk check`, on the file opened read-only and nobody signed in: "sealed", "plain"
    (an office without accounts keeps the values plain), "unconverted" (accounts, but the
    key is still to be made at the leader's next sign-in), None for a file that is not a
    kisdesk database of revision 0008 or cannot be read (the check reports those itself)."""
    from sqlalchemy import create_engine, inspect

    from kisdesk.db.backup_snapshot import connect_read_only
    from kisdesk.db.engine import database_errors

    if not db_path.is_file():
        return None
    from sqlalchemy.exc import SQLAlchemyError

    # a file in a folder this user may not write (WAL needs its -shm file) cannot be read
    # even read-only: the check names the permission problem itself (docs/misuse-cases.md)
    errors: tuple[type[Exception], ...] = (
        KisdeskError,
        SQLAlchemyError,
        OSError,
        *database_errors(),
    )
    engine = create_engine("sqlite://", creator=lambda: connect_read_only(db_path))
    try:
        with Session(engine) as session:
            if "data_key_seal" not in set(inspect(session.connection()).get_table_names()):
                return None
            if office_sealed(session):
                return "sealed"
            return "unconverted" if unconverted(session) else "plain"
    except errors:
        return None
    finally:
        engine.dispose()


# -- the recovery key ----------------------------------------------------------------------
def check_may_recover(session: Session) -> None:
    """Refuse before the recovery key is asked for: the leader's decision only."""
    from kisdesk.services.common import require

    require(session, Permission.MANAGE_USERS)


def recover(session: Session, recovery_key: str) -> None:
    """Every entitled password forgotten (the leader's reset by the database's recovery key
    gave a new key pair, without the seal): the printed recovery key opens the data key,
    which is sealed again to the signed-in leader. The leader's decision only."""
    from kisdesk.services.common import require

    require(session, Permission.MANAGE_USERS)
    actor = actor_of(session)
    seal = session.scalar(select(DataKeySeal).where(DataKeySeal.holder == RECOVERY))
    if seal is None:
        raise PermissionDenied("sealing.nothing_to_recover")
    key = sealing.open_with_recovery(
        recovery_key, sealing.Seal(seal.recipient, seal.ephemeral, seal.sealed)
    )
    row = _account_pair(session, actor.user_id) if actor.user_id is not None else None
    if row is None or actor.user_id is None:
        raise PermissionDenied("sealing.recover_needs_account")
    _seal_to_account(session, actor.user_id, row.public_key, key)
    audit.record(session, "sensitive_key", action="recovered")
    session.flush()
    _replace_actor_key(session, key)
