"""Users of the desk (accounts, roles, teams) and who is acting. Passwords and signing in: services/auth.py."""

import getpass
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotFound
from supportdesk.models import Role, User
from supportdesk.normalize import clean
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import check_line, column_limit, model_text


def insert_user(session: Session, login: str, name: str, role: Role, team: str | None) -> User:
    login = check_line("login", login, column_limit(User, "login") or 64).lower()
    if not login or " " in login:
        raise Invalid("login", "one word without spaces")
    if session.exec(select(User).where(User.login == login)).first():
        raise Invalid("login", f"{login!r} is taken")
    user = User(
        login=login,
        name=model_text(User, "name", name) or login,
        role=Role(role),
        team=model_text(User, "team", team),
    )
    session.add(user)
    flush(session, lambda: "The user could not be saved.")
    return user


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
    from supportdesk.services.auth import check_password_rules, hash_password, require_own_password_first

    require(actor, Action.MANAGE_USERS)
    try:
        role = Role(role)
    except ValueError:
        raise Invalid("role", f"{role!r} is not one of {', '.join(r.value for r in Role)}") from None
    if password:
        check_password_rules(password)
        require_own_password_first(session, actor)
    user = insert_user(session, login, name, role, team)
    if password:
        user.password_hash = hash_password(password)
    audit.record(session, actor, "user.create", "user", user.id, login=user.login, role=str(role))
    commit(session, lambda: "The user could not be saved.")
    return Actor.from_user(user)


def list_users(session: Session, active_only: bool = True) -> list[Actor]:
    query = select(User).order_by(col(User.role), col(User.login))
    if active_only:
        query = query.where(col(User.active).is_(True))
    return [Actor.from_user(u) for u in session.exec(query).all()]


def resolve_actor(session: Session, login: str | None) -> Actor:
    """Who is using the desk. On an empty desk the first user (the OS login) is created as its admin."""
    wanted = clean(login).lower() if login else clean(getpass.getuser()).lower()
    user = session.exec(select(User).where(User.login == wanted)).first()
    if user is not None:
        if not user.active:
            raise Invalid("user", f"{wanted!r} is disabled")
        return Actor.from_user(user)
    if session.exec(select(func.count()).select_from(User)).one() == 0:
        user = insert_user(session, wanted, wanted, Role.ADMIN, None)
        audit.record(session, None, "user.bootstrap", "user", user.id, login=user.login, role="admin")
        commit(session, lambda: "The first user could not be created.")
        return Actor.from_user(user)
    known = ", ".join(a.login for a in list_users(session)[:10])
    raise NotFound(f"No user {wanted!r} on this desk. Use --user LOGIN (known: {known}).")


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


def user_accounts(session: Session, actor: Actor) -> list[UserView]:
    """Every account with its state, for administrators."""
    require(actor, Action.MANAGE_USERS)
    return [
        UserView(
            u.login,
            u.name,
            str(u.role),
            u.team,
            u.active,
            u.password_hash is not None,
            u.last_sign_in_at,
            u.locked_until,
        )
        for u in session.exec(select(User).order_by(col(User.login))).all()
    ]


def set_active(session: Session, actor: Actor, login: str, active: bool) -> None:
    """Disable (or re-enable) an account; history keeps the user's name, they just cannot act any more."""
    require(actor, Action.MANAGE_USERS)
    user = session.exec(select(User).where(User.login == clean(login).lower())).first()
    if user is None:
        raise NotFound(f"No user {login!r}.")
    if user.id == actor.id and not active:
        raise Invalid("user", "you cannot disable your own account")
    user.active = active
    session.add(user)
    audit.record(session, actor, "user.enable" if active else "user.disable", "user", user.id, login=user.login)
    commit(session, lambda: "The user could not be saved.")
