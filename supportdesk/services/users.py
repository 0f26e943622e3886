"""Users of the desk (accounts, roles, teams) and who is acting. Signing in: services/auth.py; hashing and
password rules: services/passwords.py. This module never imports auth (auth builds on it)."""

import getpass
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import ScalarSelect, func
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotAllowed, NotFound, SessionEnded
from supportdesk.i18n import N_, Term, msg
from supportdesk.models import Role, SignInThrottle, User
from supportdesk.models.base import utcnow
from supportdesk.normalize import login_key, login_problem
from supportdesk.services import audit, sql_json
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.passwords import check_password_rules, hash_password, login_digest
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import check_line, model_text


def user_by_login(session: Session, login: str | None) -> User | None:
    """The account with this login as a person typed it (any width or case), or None."""
    key = login_key(login)
    if login_problem(key):
        return None
    return session.exec(select(User).where(User.login == key)).first()


# The desk's own account (services/automation/account.py): the author of what the desk does by itself. Never
# active and never a person, so a desk holding only it is still waiting for its first administrator.
SERVICE_LOGIN = "supportdesk-service"


def has_users(session: Session) -> bool:
    query = select(func.count()).select_from(User).where(User.login != SERVICE_LOGIN)
    return int(session.exec(query).one()) > 0


def desk_has_passwords(session: Session) -> bool:
    """Once any active user has a password, everyone signs in; before that the desk acts as the configured user."""
    query = select(func.count()).select_from(User).where(col(User.password_hash).is_not(None), User.active)
    return int(session.exec(query).one()) > 0


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise Invalid(
            "role", msg("{value!r} is not one of {choices}", value=role, choices=", ".join(r.value for r in Role))
        ) from None


def insert_user(session: Session, login: str, name: str, role: Role, team: str | None) -> User:
    # Control characters get the one clear message for text from people; then the login's own rules.
    key = login_key(check_line("login", login, 100_000))
    problem = login_problem(key)
    if problem:
        raise Invalid("login", problem)
    if session.exec(select(User).where(User.login == key)).first():
        raise Invalid("login", msg("{login!r} is taken", login=key))
    user = User(
        login=key,
        name=model_text(User, "name", name, N_("name")) or key,
        role=Role(role),
        team=model_text(User, "team", team, N_("team")),
    )
    session.add(user)
    flush(session, lambda: msg("The user could not be saved."))
    return user


def bootstrap_admin(session: Session, login: str, name: str | None, password: str | None) -> Actor:
    """The first user of an empty desk becomes its administrator (no password = a single-user desk)."""
    if has_users(session):
        raise NotAllowed(msg("This desk already has users; an administrator adds more with `supportdesk user add`."))
    if password:
        check_password_rules(password)
    user = insert_user(session, login, name or login, Role.ADMIN, None)
    if password:
        user.password_hash = hash_password(password)
    audit.record(session, None, "user.bootstrap", "user", user.id, login=user.login, role="admin")
    commit(session, lambda: msg("The first user could not be created."))
    return Actor.from_user(user)


def require_own_password_first(session: Session, actor: Actor) -> None:
    """Once any user has a password everyone must sign in, so an administrator without one would lock themself out."""
    me = session.get(User, actor.id, populate_existing=True)
    if me is not None and me.password_hash is None:
        raise NotAllowed(
            msg(
                "Set your own password first (supportdesk user passwd): "
                "once one user has a password, everyone signs in."
            )
        )


def create_user(
    session: Session,
    actor: Actor,
    login: str,
    name: str,
    role: Role | str,
    team: str | None = None,
    password: str | None = None,
) -> Actor:
    """An administrator adds a user; with a password the desk asks everyone to sign in."""
    require(actor, Action.MANAGE_USERS)
    role = _role(role)
    if password:
        check_password_rules(password)
        require_own_password_first(session, actor)
    user = insert_user(session, login, name, role, team)
    if password:
        user.password_hash = hash_password(password)
    audit.record(session, actor, "user.create", "user", user.id, login=user.login, role=str(role))
    commit(session, lambda: msg("The user could not be saved."))
    return Actor.from_user(user)


def list_users(session: Session, active_only: bool = True) -> list[Actor]:
    query = select(User).order_by(col(User.role), col(User.login))
    if active_only:
        query = query.where(col(User.active).is_(True))
    return [Actor.from_user(u) for u in session.exec(query).all()]


def resolve_actor(session: Session, login: str | None) -> Actor:
    """Who is using a desk without passwords. On an empty desk the first user (the OS login) becomes its admin."""
    wanted = login_key(login or getpass.getuser())
    user = user_by_login(session, wanted)
    if user is not None:
        if not user.active:
            raise Invalid("user", msg("{login!r} is disabled", login=wanted))
        return Actor.from_user(user)
    if not has_users(session):
        return bootstrap_admin(session, wanted, wanted, None)
    known = ", ".join(a.login for a in list_users(session)[:10])
    raise NotFound(
        msg("No user {login!r} on this desk. Use --user LOGIN (known: {known}).", login=wanted[:64], known=known)
    )


class _Account(NamedTuple):
    """What the account check reads of the signed-in user: whether they may act, and what an Actor holds (as
    Actor.from_user takes it)."""

    active: bool
    role: str
    login: str
    name: str
    team: str | None


_ACCOUNT_COLUMNS = (User.active, User.role, User.login, User.name, User.team)  # as _Account, in its order


def _checked(actor: Actor, account: _Account | None) -> Actor:
    """The account check's verdict on the user's row as read now: the actor to act as, or SessionEnded."""
    if account is None or not account.active:
        raise SessionEnded(msg("Your account was disabled by an administrator; you are signed out."))
    role = Role(account.role)
    if role != actor.role:
        raise SessionEnded(msg("Your role changed to {role}; sign in again to go on.", role=Term(str(role))))
    current = Actor(id=actor.id, login=account.login, name=account.name, role=role, team=account.team)
    return current if current != actor else actor


def current_actor(session: Session, actor: Actor) -> Actor:
    """`actor` as the database has them now. Called before every service call, so a user who was disabled or given
    another role since signing in is refused at their next action (SessionEnded) instead of keeping the old rights.
    A new team is simply taken over."""
    user = session.get(User, actor.id, populate_existing=True)
    return _checked(actor, None if user is None else _Account(user.active, user.role, user.login, user.name, user.team))


# The account check folded into a read's first statement (issue 20: on PostgreSQL every statement is a round trip,
# and a one-millisecond lookup spent a third of its time on the check's). The Desk asks for it on a session with
# `check_account_in_first_read`; a service whose first statement is a plain SELECT adds `account_columns` to it
# and hands what they read to `settle_account`, which refuses the account there and then (SessionEnded) or keeps
# the actor as read; the Desk then takes `checked_actor`: that actor, or `current_actor`'s when no statement took
# the check (the service sent none, or does not take it). Same verdict, same messages, one statement fewer.
_ACCOUNT_CHECK = "supportdesk.account_check"


@dataclass(frozen=True)
class _Check:
    actor: Actor  # as the desk knew them when the call began
    settled: Actor | None = None  # as the read's first statement found them (None: not read yet)


def check_account_in_first_read(session: Session, actor: Actor) -> None:
    """Check `actor`'s account with the first statement of the read about to run in `session` (see `checked_actor`)."""
    session.info[_ACCOUNT_CHECK] = _Check(actor)


def account_columns(session: Session) -> tuple[ScalarSelect[Any], ...]:
    """The column that checks the account, to add to the first statement of a read: the user's row as one JSON
    array, by one scalar subquery (none when no check is waiting: the call was checked before it began, or already
    settled). One subquery, not one per value: PostgreSQL planned and ran five for a lookup that takes a
    millisecond (0.07 ms of the server's 0.24; issue 20)."""
    check = session.info.get(_ACCOUNT_CHECK)
    if not isinstance(check, _Check) or check.settled is not None:
        return ()
    row = sql_json.array_of(session.get_bind().dialect.name)
    return (select(row(*_ACCOUNT_COLUMNS)).where(User.id == check.actor.id).scalar_subquery(),)


def settle_account(session: Session, values: Sequence[Any]) -> None:
    """The check on what `account_columns` read (`values`: its one value, the row or NULL for no such user; nothing
    when it gave none): SessionEnded at once for an account that may no longer act, before the read goes on."""
    if not values:
        return
    row = sql_json.decoded(values[0])
    check: _Check = session.info.pop(_ACCOUNT_CHECK)
    session.info[_ACCOUNT_CHECK] = replace(
        check, settled=_checked(check.actor, None if row is None else _Account(*row))
    )


def checked_actor(session: Session, actor: Actor) -> Actor:
    """`current_actor(session, actor)` after a read asked to check the account in its first statement: what that
    statement found, or, when no statement took the check, the account read now by a statement of its own."""
    check = session.info.pop(_ACCOUNT_CHECK, None)
    if isinstance(check, _Check) and check.actor == actor and check.settled is not None:
        return check.settled
    return current_actor(session, actor)


@dataclass(frozen=True)
class UserView:
    login: str
    name: str
    role: str
    team: str | None
    active: bool
    has_password: bool
    last_sign_in_at: datetime | None
    locked_until: datetime | None


def _still_locked(until: datetime | None, now: datetime) -> datetime | None:
    if until is None:
        return None
    until = until if until.tzinfo else until.replace(tzinfo=UTC)  # SQLite gives UTC back without a zone
    return until if until > now else None


def user_accounts(session: Session, actor: Actor) -> list[UserView]:
    """Every account with its state, for administrators."""
    require(actor, Action.MANAGE_USERS)
    now = utcnow()
    locks = {
        row.login_digest: row.locked_until
        for row in session.exec(select(SignInThrottle).where(col(SignInThrottle.locked_until).is_not(None)))
    }
    return [
        UserView(
            u.login,
            u.name,
            str(u.role),
            u.team,
            u.active,
            u.password_hash is not None,
            u.last_sign_in_at,
            _still_locked(locks.get(login_digest(u.login)), now),
        )
        for u in session.exec(select(User).order_by(col(User.login))).all()
    ]


def _account(session: Session, login: str) -> User:
    user = user_by_login(session, login)
    if user is None:
        raise NotFound(msg("No user {login}.", login=repr(login_key(login)[:64])))
    return user


def set_active(session: Session, actor: Actor, login: str, active: bool) -> None:
    """Disable (or re-enable) an account; history keeps the user's name, they just cannot act any more."""
    require(actor, Action.MANAGE_USERS)
    user = _account(session, login)
    if user.id == actor.id and not active:
        raise Invalid("user", msg("you cannot disable your own account"))
    user.active = active
    session.add(user)
    audit.record(session, actor, "user.enable" if active else "user.disable", "user", user.id, login=user.login)
    commit(session, lambda: msg("The user could not be saved."))


def set_role(session: Session, actor: Actor, login: str, role: Role | str) -> None:
    """Give an account another role; a user signed in elsewhere is refused at their next action and signs in again."""
    require(actor, Action.MANAGE_USERS)
    user = _account(session, login)
    new = _role(role)
    if user.id == actor.id and new != Role.ADMIN:
        raise Invalid("role", msg("you cannot take administration away from yourself; ask another administrator"))
    if Role(user.role) == new:
        return
    previous = str(user.role)
    user.role = new
    session.add(user)
    audit.record(session, actor, "user.role", "user", user.id, login=user.login, role=str(new), **{"from": previous})
    commit(session, lambda: msg("The user could not be saved."))
