"""Users of the desk and who is acting. Sign-in with passwords comes with the roles and privacy work."""

import getpass

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotFound
from supportdesk.models import Role, User
from supportdesk.normalize import clean
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.unit import commit, flush


def _insert_user(session: Session, login: str, name: str, role: Role, team: str | None) -> User:
    login = clean(login).lower()
    if not login or " " in login:
        raise Invalid("login", "one word without spaces")
    if session.exec(select(User).where(User.login == login)).first():
        raise Invalid("login", f"{login!r} is taken")
    user = User(login=login, name=clean(name) or login, role=Role(role), team=clean(team) or None)
    session.add(user)
    flush(session, lambda: "The user could not be saved.")
    return user


def create_user(
    session: Session, actor: Actor, login: str, name: str, role: Role | str, team: str | None = None
) -> Actor:
    require(actor, Action.MANAGE_USERS)
    try:
        role = Role(role)
    except ValueError:
        raise Invalid("role", f"{role!r} is not one of {', '.join(r.value for r in Role)}") from None
    user = _insert_user(session, login, name, role, team)
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
        user = _insert_user(session, wanted, wanted, Role.ADMIN, None)
        audit.record(session, None, "user.bootstrap", "user", user.id, login=user.login, role="admin")
        commit(session, lambda: "The first user could not be created.")
        return Actor.from_user(user)
    known = ", ".join(a.login for a in list_users(session)[:10])
    raise NotFound(f"No user {wanted!r} on this desk. Use --user LOGIN (known: {known}).")
