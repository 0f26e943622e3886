"""Passwords and signing in. Passwords are hashed with Argon2id and never stored, logged or audited in clear.

Repeated failures lock the account for a growing delay (5 s, 10 s, 20 s … up to 15 minutes), which stops
guessing without locking a colleague out for long. Unknown logins and wrong passwords get the same answer.
"""

from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.models import Role, User
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.unit import commit

MIN_PASSWORD = 8
FREE_ATTEMPTS = 3
FIRST_DELAY_SECONDS = 5
MAX_DELAY = timedelta(minutes=15)
WRONG = "Wrong login or password."

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid("password", f"at least {MIN_PASSWORD} characters")
    if password.strip() != password:
        raise Invalid("password", "no spaces at the start or end")


def lock_delay(failures: int) -> timedelta:
    """How long an account stays locked after `failures` consecutive failed sign-ins."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(timedelta(seconds=FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS)), MAX_DELAY)


def needs_sign_in(session: Session) -> bool:
    """A desk whose users have passwords asks who you are; a single-user desk without passwords does not."""
    query = select(func.count()).select_from(User).where(col(User.password_hash).is_not(None), User.active)
    return int(session.exec(query).one()) > 0


def has_users(session: Session) -> bool:
    return int(session.exec(select(func.count()).select_from(User)).one()) > 0


def _by_login(session: Session, login: str) -> User | None:
    return session.exec(select(User).where(User.login == login.strip().lower())).first()


def sign_in(session: Session, login: str, password: str, now: datetime | None = None) -> Actor:
    """Check a login and password; every attempt, good or bad, is audited (without the password)."""
    now = now or utcnow()
    user = _by_login(session, login)
    if user is None or not user.active or user.password_hash is None:
        audit.record(session, None, "auth.failed", "user", user.id if user else None, login=login.strip().lower())
        commit(session, lambda: WRONG)
        raise NotAllowed(WRONG)
    if user.locked_until is not None and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        audit.record(session, None, "auth.locked", "user", user.id, login=user.login)
        commit(session, lambda: WRONG)
        raise NotAllowed(f"Too many failed sign-ins; try again in {wait} seconds.")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_sign_ins += 1
        delay = lock_delay(user.failed_sign_ins)
        user.locked_until = now + delay if delay else None
        session.add(user)
        audit.record(session, None, "auth.failed", "user", user.id, login=user.login, failures=user.failed_sign_ins)
        commit(session, lambda: WRONG)
        raise NotAllowed(WRONG) from None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.last_sign_in_at = now
    session.add(user)
    actor = Actor.from_user(user)
    audit.record(session, actor, "auth.sign_in", "user", user.id)
    commit(session, lambda: WRONG)
    return actor


def require_own_password_first(session: Session, actor: Actor) -> None:
    """Once any user has a password everyone must sign in, so an administrator without one would lock themself out."""
    me = session.get(User, actor.id, populate_existing=True)
    if me is not None and me.password_hash is None:
        raise NotAllowed(
            "Set your own password first (supportdesk user passwd): once one user has a password, everyone signs in."
        )


def set_password(
    session: Session, actor: Actor, login: str, new_password: str, current_password: str | None = None
) -> None:
    """Admins set anyone's password; everyone else changes their own, proving the current one."""
    user = _by_login(session, login)
    if user is None:
        raise NotFound(f"No user {login!r}.")
    if user.id != actor.id:
        require(actor, Action.MANAGE_USERS)
        require_own_password_first(session, actor)
    elif user.password_hash is not None and actor.role != Role.ADMIN:
        try:
            _hasher.verify(user.password_hash, current_password or "")
        except (VerificationError, InvalidHashError):
            raise NotAllowed("The current password is wrong.") from None
    user.password_hash = hash_password(new_password)
    user.failed_sign_ins = 0
    user.locked_until = None
    session.add(user)
    audit.record(session, actor, "user.password", "user", user.id, login=user.login)
    commit(session, lambda: "The password could not be saved; try again.")


def create_first_admin(session: Session, login: str, name: str, password: str | None) -> Actor:
    """The first user of an empty desk becomes its administrator (no password = single-user desk)."""
    from supportdesk.services.users import insert_user

    if has_users(session):
        raise NotAllowed("This desk already has users; an administrator adds more with `supportdesk user add`.")
    user = insert_user(session, login, name, Role.ADMIN, None)
    if password:
        user.password_hash = hash_password(password)
    audit.record(session, None, "user.bootstrap", "user", user.id, login=user.login, role="admin")
    commit(session, lambda: "The first user could not be created.")
    return Actor.from_user(user)
