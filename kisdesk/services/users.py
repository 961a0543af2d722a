"""User accounts and signing in (docs/domain.md#office; issue 6; docs/threat-model.md §3.1, §3.3).

Passwords are hashed with Argon2id at argon2-cffi's defaults (RFC 9106 low-memory profile:
m=64 MiB, t=3, p=4), never below OWASP's floor (m=19 MiB, t=2, p=1); the PHC string keeps
the parameters, and a hash made with older parameters is renewed at the next sign-in.

Failed sign-ins are counted in the database, so the slowdown (kisdesk.rules.passwords)
survives closing the program. Every sign-in and every failure is in the audit log. The
counter is written after the unit of work ends, so it is kept although `login` raises.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kisdesk.access import ACTOR_KEY, Actor, Permission, Role, actor_of
from kisdesk.errors import ConflictError, NotFoundError, PermissionDenied, ValidationError
from kisdesk.models import Staff, User
from kisdesk.models.base import utcnow
from kisdesk.rules import passwords
from kisdesk.services import audit, audit_trust, sealing, sensitive
from kisdesk.services.common import clean, get_or_raise, require

# OWASP Password Storage Cheat Sheet: the minimum Argon2id configuration.
OWASP_FLOOR = {"memory_cost": 19456, "time_cost": 2, "parallelism": 1}
ROLES = frozenset(r.value for r in Role)
_LOGIN = re.compile(r"^[\w.\-]{2,60}$")


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    login: str
    full_name: str
    role: str
    active: bool
    view_sensitive: bool
    staff_id: int | None
    staff_name: str | None
    last_login_at: dt.datetime | None
    failed_logins: int
    locked: bool
    version: int


@cache
def hasher() -> PasswordHasher:
    ph = PasswordHasher()  # RFC 9106 low-memory: t=3, m=64 MiB, p=4
    assert ph.memory_cost >= OWASP_FLOOR["memory_cost"]
    assert ph.time_cost >= OWASP_FLOOR["time_cost"]
    return ph


def hash_password(password: str) -> str:
    return hasher().hash(passwords.normalise(password))


def check_password(phc: str, password: str) -> bool:
    try:
        return hasher().verify(phc, passwords.normalise(password))
    except (VerificationError, InvalidHashError):
        return False


@cache
def _decoy_hash() -> str:
    return hash_password("kisdesk-decoy-password")


def normalise_login(login: str) -> str:
    return passwords.normalise(clean(login)).casefold()


def _valid_login(login: str) -> str:
    name = normalise_login(login)
    if not _LOGIN.fullmatch(name):
        raise ValidationError("user.bad_login", field="login", value=login)
    return name


def _valid_password(password: str, login: str, full_name: str) -> None:
    problem = passwords.password_problem(password, login, full_name)
    if problem is not None:
        raise ValidationError(problem, field="password", min=passwords.MIN_LENGTH)


def _valid_role(role: str) -> Role:
    if role not in ROLES:
        raise ValidationError("user.bad_role", value=role, allowed=", ".join(sorted(ROLES)))
    return Role(role)


def _valid_staff(session: Session, staff_id: int | None) -> int | None:
    if staff_id is not None:
        get_or_raise(session, Staff, staff_id, "staff.not_found")
    return staff_id


def has_users(session: Session) -> bool:
    """True once the first account exists: from then on everyone signs in."""
    return session.scalar(select(User.id).limit(1)) is not None


def sign_in_needed(session: Session) -> bool:
    """Must the person using the program sign in? Yes once accounts exist. A file without
    accounts whose audit chain says accounts existed had them deleted outside the program
    (issue 12): refused, so that deleting every account never opens the office to anyone."""
    if has_users(session):
        return True
    if audit_trust.accounts_existed(session):
        raise PermissionDenied("auth.accounts_missing")
    return False


def _by_login(session: Session, login: str) -> User | None:
    return session.scalar(select(User).where(User.login == normalise_login(login)))


def user_id_by_login(
    session: Session, login: str, need: Permission = Permission.READ, *, own: bool = False
) -> int:
    """The account's id, for a command that then needs `need` (`own`: one's own account
    needs only READ). A role without `need` is refused alike whether the login exists or
    not, so a refusal never tells which logins exist (docs/misuse-cases.md)."""
    require(session, Permission.READ)
    user = _by_login(session, login)
    if not (own and user is not None and user.id == actor_of(session).user_id):
        require(session, need)
    if user is None:
        raise NotFoundError("user.unknown", login=login)
    return user.id


def create_first_leader(
    session: Session, login: str, full_name: str, password: str, staff_id: int | None = None
) -> int:
    """The first account (first-start wizard): the leader. Refused once any account exists."""
    if has_users(session):
        raise ConflictError("user.already_set_up")
    return _create(session, login, full_name, Role.LEADER, password, staff_id, True)


def add_user(
    session: Session,
    login: str,
    full_name: str,
    role: str,
    password: str,
    staff_id: int | None = None,
    view_sensitive: bool = True,
) -> int:
    """A new named account (leader only). The first account must be the leader's."""
    require(session, Permission.MANAGE_USERS)
    checked = _valid_role(role)
    if not has_users(session) and checked is not Role.LEADER:
        raise ValidationError("user.first_must_be_leader")
    return _create(session, login, full_name, checked, password, staff_id, view_sensitive)


def _create(
    session: Session,
    login: str,
    full_name: str,
    role: Role,
    password: str,
    staff_id: int | None,
    view_sensitive: bool,
) -> int:
    name = _valid_login(login)
    full_name = clean(full_name)
    if _by_login(session, name) is not None:
        raise ConflictError("user.exists", login=name)
    _valid_password(password, name, full_name)
    user = User(
        login=name,
        full_name=full_name,
        role=role.value,
        password_hash=hash_password(password),
        staff_id=_valid_staff(session, staff_id),
        view_sensitive=view_sensitive,
        password_changed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    sensitive.account_created(session, user, password)  # docs/threat-model.md §3.4
    return user.id


def _active_leaders(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count(User.id)).where(User.role == Role.LEADER.value, User.active.is_(True))
        )
        or 0
    )


def _keep_a_leader(session: Session, user: User, role: Role, active: bool) -> None:
    """Somebody must always be able to manage accounts (no lock-out of the office)."""
    was_leader = user.role == Role.LEADER.value and user.active
    if was_leader and (role is not Role.LEADER or not active) and _active_leaders(session) <= 1:
        raise ConflictError("user.last_leader")


def update_user(
    session: Session,
    user_id: int,
    full_name: str,
    role: str,
    view_sensitive: bool = True,
    staff_id: int | None = None,
    expected_version: int | None = None,
) -> None:
    """Change an account's name, role, health-category grant and staff link (leader only)."""
    require(session, Permission.MANAGE_USERS)
    user = get_or_raise(session, User, user_id, "user.not_found")
    if expected_version is not None and expected_version != user.version:
        raise ConflictError("record.changed_meanwhile")
    checked = _valid_role(role)
    _keep_a_leader(session, user, checked, user.active)
    user.full_name, user.role = clean(full_name), checked.value
    user.view_sensitive = view_sensitive
    user.staff_id = _valid_staff(session, staff_id)
    session.flush()
    sensitive.account_changed(session, user)  # a grant withdrawn: seal removed, key rotated


def set_active(session: Session, user_id: int, active: bool) -> None:
    """Deactivate a leaver (never delete: the audit log keeps naming them) or bring back."""
    require(session, Permission.MANAGE_USERS)
    user = get_or_raise(session, User, user_id, "user.not_found")
    _keep_a_leader(session, user, Role(user.role), active)
    user.active = active
    session.flush()
    sensitive.account_changed(session, user)


def unlock(session: Session, user_id: int) -> None:
    """Clear the failure counter (the leader, after 100 failures or on request)."""
    require(session, Permission.MANAGE_USERS)
    get_or_raise(session, User, user_id, "user.not_found")
    session.execute(
        update(User).where(User.id == user_id).values(failed_logins=0, last_failed_at=None)
    )
    audit.record(
        session, "role_change", record_type="user_account", record_id=user_id, action="unlocked"
    )


def change_password(
    session: Session, user_id: int, new_password: str, old_password: str | None = None
) -> str:
    """Set a new password; returns the new PHC hash (the encrypted database's key slot
    for this user is re-wrapped from it, kisdesk.db.encryption.set_user_slot).

    Your own password needs the current one (ASVS 7.5.1: re-authenticate before changing an
    authentication factor); the leader may set anyone's without it.
    """
    actor = actor_of(session)
    if actor.user_id != user_id:
        # before the lookup: a missing account is refused as an existing one (no oracle)
        require(session, Permission.MANAGE_USERS)
    user = get_or_raise(session, User, user_id, "user.not_found")
    if (
        actor.user_id == user_id
        and (old_password is not None or not actor.can(Permission.MANAGE_USERS))
        and (old_password is None or not check_password(user.password_hash, old_password))
    ):
        raise PermissionDenied("user.wrong_current_password")
    _valid_password(new_password, user.login, user.full_name)
    user.password_hash = hash_password(new_password)
    user.password_changed_at = utcnow()
    session.flush()
    # The private key of the art. 9 data follows the password (docs/threat-model.md §3.4).
    own_old = old_password if actor.user_id == user_id else None
    sensitive.password_changed(session, user, new_password, own_old)
    session.execute(
        update(User).where(User.id == user_id).values(failed_logins=0, last_failed_at=None)
    )
    return user.password_hash


def _row(user: User, staff_name: str | None) -> UserRow:
    return UserRow(
        user.id,
        user.login,
        user.full_name,
        user.role,
        user.active,
        user.view_sensitive,
        user.staff_id,
        staff_name,
        user.last_login_at,
        user.failed_logins,
        passwords.is_locked(user.failed_logins),
        user.version,
    )


def list_users(session: Session) -> list[UserRow]:
    require(session, Permission.MANAGE_USERS)
    query = (
        select(User, Staff)
        .outerjoin(Staff, Staff.id == User.staff_id)
        .order_by(User.active.desc(), User.login)
    )
    return [_row(u, s.full_name if s else None) for u, s in session.execute(query)]


def get_user(session: Session, user_id: int) -> UserRow:
    actor = actor_of(session)
    if actor.user_id != user_id:
        require(session, Permission.MANAGE_USERS)
    user = get_or_raise(session, User, user_id, "user.not_found")
    staff = session.get(Staff, user.staff_id) if user.staff_id is not None else None
    return _row(user, staff.full_name if staff else None)


def health_key_state(session: Session, user_id: int) -> str:
    """The account's art. 9 data key (docs/threat-model.md §3.4): "sealed", "waiting" (an
    entitled account without its seal yet), "none" (not entitled), or "plain" (an office
    without the key)."""
    require(session, Permission.MANAGE_USERS)
    user = get_or_raise(session, User, user_id, "user.not_found")
    return sensitive.key_state(session, user)


def password_hashes(session: Session) -> dict[str, str]:
    """login -> PHC hash of every active account (the encrypted database's key slots)."""
    require(session, Permission.MANAGE_ENCRYPTION)
    rows = session.execute(select(User.login, User.password_hash).where(User.active.is_(True)))
    return {login: phc for login, phc in rows}


def actor_for(user: User) -> Actor:
    return Actor(
        name=user.full_name or user.login,
        role=Role(user.role),
        user_id=user.id,
        staff_id=user.staff_id,
        sensitive=user.view_sensitive,
    )


# -- signing in ---------------------------------------------------------------------------------
def login(
    session: Session, login_name: str, password: str, now: dt.datetime | None = None
) -> Actor:
    """The actor for a correct login and password; raises PermissionDenied otherwise.

    Works in any unit of work: its writes (counter, last sign-in, audit) are made right after
    the unit ends, so a failure is remembered although this function raises.
    """
    now = now or utcnow()
    typed = clean(login_name)[:60]
    user = _by_login(session, typed) if typed else None
    if user is None or not user.active:
        check_password(_decoy_hash(), password)  # the same time as for a real account
        reason = "unknown" if user is None else "inactive"
        audit.record_after(
            session, "login_failed", actor=Actor(typed, Role.STAFF), login=typed, reason=reason
        )
        raise PermissionDenied("auth.bad_credentials")
    who = actor_for(user)
    if passwords.is_locked(user.failed_logins):
        audit.record_after(session, "login_failed", actor=who, login=user.login, reason="locked")
        raise PermissionDenied("auth.locked")
    wait = passwords.seconds_to_wait(user.failed_logins, user.last_failed_at, now)
    if wait > 0:
        audit.record_after(session, "login_failed", actor=who, login=user.login, reason="wait")
        raise PermissionDenied("auth.wait", seconds=wait)
    if not check_password(user.password_hash, password):
        failures = user.failed_logins + 1
        user_id = user.id

        def count_failure(s: Session) -> None:
            s.execute(
                update(User)
                .where(User.id == user_id)
                .values(failed_logins=User.failed_logins + 1, last_failed_at=now)
            )

        audit.after_transaction(session, count_failure)
        audit.record_after(
            session,
            "login_failed",
            actor=who,
            login=user.login,
            reason="password",
            failures=failures,
        )
        wait = passwords.delay_seconds(failures)
        if passwords.is_locked(failures):
            raise PermissionDenied("auth.locked")
        if wait:
            raise PermissionDenied("auth.bad_credentials_wait", seconds=wait)
        raise PermissionDenied("auth.bad_credentials")
    problem = audit_trust.sign_in_problem(session, user)
    if problem is not None:
        # The right password, but the account in the file is not the one the chain knows
        # (issue 12: a role raised by editing the file grants nothing; docs/threat-model.md).
        audit.record_after(session, "login_failed", actor=who, login=user.login, reason=problem)
        raise PermissionDenied("auth.account_outside_log", login=user.login)
    try:  # the art. 9 data key for an entitled account (docs/threat-model.md §3.4)
        keys = sensitive.open_at_sign_in(session, user, password)
    except sealing.SealError as exc:  # a key pair or seal altered in the file: no key
        audit.record_after(session, "sensitive_key", actor=who, action="failed", reason=exc.code)
        keys = sensitive.SignInKeys(None)
    who = replace(who, data_key=keys.data_key, recovery_key=keys.recovery_key)
    user_id, phc = user.id, user.password_hash
    renewed = hash_password(password) if hasher().check_needs_rehash(phc) else None

    def remember(s: Session) -> None:
        s.info[ACTOR_KEY] = who
        sensitive.write_after_sign_in(s, user_id, keys)
        if renewed is not None:  # through the ORM: the chain keeps the account's new state
            account = s.get(User, user_id)
            if account is not None:
                account.password_hash = renewed
                s.flush()
        values: dict[str, object] = {
            "failed_logins": 0,
            "last_failed_at": None,
            "last_login_at": now,
        }
        s.execute(update(User).where(User.id == user_id).values(**values))

    audit.after_transaction(session, remember)
    audit.record_after(session, "login", actor=who, login=user.login)
    return who
