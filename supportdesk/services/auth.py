"""Signing in. Passwords are hashed (services/passwords.py) and never stored, logged or audited in clear.

Repeated failures lock the typed login for a growing delay (5 s, 10 s, 20 s … up to 15 minutes), which stops
guessing without locking a colleague out for long. The bookkeeping is the same whether the login exists or not
(same answers, same Argon2 work, same lock-out), so a guesser cannot tell real logins from made-up ones.

An attempt is counted *before* the password is checked, with a compare-and-set on the throttle row: guesses sent
in parallel from many processes each need a free slot, so no more than FREE_ATTEMPTS are checked before the delay
starts, however many arrive at once.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from supportdesk.errors import NotAllowed, NotFound, StorageError
from supportdesk.i18n import N_, msg
from supportdesk.models import Role, SignInThrottle, User
from supportdesk.models.base import utcnow
from supportdesk.normalize import login_key, login_problem
from supportdesk.services import audit, users
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.passwords import hash_password, login_digest, needs_rehash, verify_password
from supportdesk.services.unit import commit

FREE_ATTEMPTS = 3
FIRST_DELAY_SECONDS = 5
MAX_DELAY = timedelta(minutes=15)
# A day after the last failure the count starts again (for every login alike).
FORGET_AFTER = timedelta(days=1)
_CLAIM_TRIES = 20
WRONG = N_("Wrong login or password.")


def lock_delay(failures: int) -> timedelta:
    """How long a login stays locked after `failures` consecutive failed sign-ins."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return min(timedelta(seconds=FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS)), MAX_DELAY)


def locked_until(session: Session, login: str, now: datetime | None = None) -> datetime | None:
    """Until when sign-ins as `login` are refused (None when they are not)."""
    row = session.get(SignInThrottle, login_digest(login_key(login)), populate_existing=True)
    now = now or utcnow()
    if row is None or row.locked_until is None or _aware(row.locked_until) <= now:
        return None
    return _aware(row.locked_until)


def _aware(moment: datetime) -> datetime:
    # SQLite gives stored UTC times back without a zone.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def needs_sign_in(session: Session) -> bool:
    """A desk whose users have passwords asks who you are; a single-user desk without passwords does not."""
    return users.desk_has_passwords(session)


def has_users(session: Session) -> bool:
    return users.has_users(session)


def _claim_attempt(session: Session, digest: str, now: datetime) -> int:
    """Count one attempt for `digest` before checking it; returns seconds to wait (0: go ahead and check).

    Each write is the first statement of its own transaction and only succeeds on the row as it was read
    (compare-and-set), so parallel attempts on SQLite and PostgreSQL queue up instead of overwriting each other.
    """
    for _ in range(_CLAIM_TRIES):
        row = session.get(SignInThrottle, digest, populate_existing=True)
        session.rollback()  # end the read: the write below starts its own transaction on the latest data
        if row is not None and row.locked_until is not None and _aware(row.locked_until) > now:
            return int((_aware(row.locked_until) - now).total_seconds()) + 1
        if row is None:
            delay = lock_delay(1)
            try:
                session.exec(
                    insert(SignInThrottle).values(
                        login_digest=digest,
                        failures=1,
                        locked_until=now + delay if delay else None,
                        last_failure_at=now,
                    )
                )
                session.commit()
                return 0
            except IntegrityError:
                session.rollback()  # another attempt created it first: read it again
                continue
        failures = row.failures if _aware(row.last_failure_at) > now - FORGET_AFTER else 0
        delay = lock_delay(failures + 1)
        claimed = session.exec(
            update(SignInThrottle)
            .where(
                col(SignInThrottle.login_digest) == digest,
                col(SignInThrottle.failures) == row.failures,
                col(SignInThrottle.last_failure_at) == row.last_failure_at,
            )
            .values(failures=failures + 1, locked_until=now + delay if delay else None, last_failure_at=now)
        )
        session.commit()
        if claimed.rowcount == 1:
            return 0
    raise StorageError(msg("Too many sign-ins at once; try again."))


def _forget_failures(session: Session, digest: str, now: datetime) -> None:
    session.exec(delete(SignInThrottle).where(col(SignInThrottle.login_digest) == digest))
    # Rows of logins nobody has tried for a day count for nothing any more: drop them (unknown logins pile up).
    stale = delete(SignInThrottle).where(col(SignInThrottle.last_failure_at) < now - FORGET_AFTER - MAX_DELAY)
    session.exec(stale)


def sign_in(session: Session, login: str, password: str, now: datetime | None = None) -> Actor:
    """Check a login and password. Every attempt is audited, without the password, and with the login only when
    it names an account (a mistyped login is often the password typed into the wrong field)."""
    now = now or utcnow()
    key = login_key(login)
    if login_problem(key):
        # Not a login at all (too long, spaces, control characters): refused before anything is stored or audited.
        raise NotAllowed(msg(WRONG))
    user = users.user_by_login(session, key)
    user_id = user.id if user is not None else None
    known_login = user.login if user is not None else None
    digest = login_digest(key)
    wait = _claim_attempt(session, digest, now)
    if wait:
        details = {"login": known_login} if known_login else {}
        audit.record(session, None, "auth.locked", "user", user_id, **details)
        commit(session, lambda: WRONG)
        raise NotAllowed(msg("Too many failed sign-ins; try again in {seconds} seconds.", seconds=wait))
    user = session.get(User, user_id, populate_existing=True) if user_id is not None else None
    usable = user is not None and user.active and user.password_hash is not None
    # The same Argon2 work whether or not the account exists and can sign in.
    good = verify_password(user.password_hash if usable and user is not None else None, password)
    if not good or user is None or not usable:
        details = {"login": known_login} if known_login else {}
        audit.record(session, None, "auth.failed", "user", user_id, **details)
        commit(session, lambda: WRONG)
        raise NotAllowed(msg(WRONG))
    assert user.password_hash is not None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = now
    session.add(user)
    _forget_failures(session, digest, now)
    actor = Actor.from_user(user)
    audit.record(session, actor, "auth.sign_in", "user", user.id)
    commit(session, lambda: WRONG)
    return actor


def set_password(
    session: Session, actor: Actor, login: str, new_password: str, current_password: str | None = None
) -> None:
    """Admins set anyone's password; everyone else changes their own, proving the current one.

    On a desk without passwords the first password turns sign-in on for everyone, so it must be an administrator's
    own: anyone else's would lock every administrator out (README, Users and sign-in).
    """
    user = users.user_by_login(session, login)
    if user is None:
        raise NotFound(msg("No user {login}.", login=repr(login_key(login)[:64])))
    if user.id != actor.id:
        require(actor, Action.MANAGE_USERS)
        users.require_own_password_first(session, actor)
    else:
        if not users.desk_has_passwords(session) and Role(user.role) != Role.ADMIN:
            raise NotAllowed(
                msg(
                    "This desk has no passwords yet: an administrator sets theirs first "
                    "(supportdesk user passwd), then everyone's."
                )
            )
        proven = actor.role == Role.ADMIN or verify_password(user.password_hash, current_password or "")
        if user.password_hash is not None and not proven:
            raise NotAllowed(msg("The current password is wrong."))
    user.password_hash = hash_password(new_password)
    session.add(user)
    _forget_failures(session, login_digest(user.login), utcnow())
    audit.record(session, actor, "user.password", "user", user.id, login=user.login)
    commit(session, lambda: msg("The password could not be saved; try again."))


def create_first_admin(session: Session, login: str, name: str, password: str | None) -> Actor:
    """The first user of an empty desk becomes its administrator (no password = single-user desk)."""
    return users.bootstrap_admin(session, login, name, password)
