"""The desk's own account: the author of what the desk does by itself (timed rules, triggers, mail it took in).

A real user row, so thread entries, status changes and the audit log name it like anyone else; it is never
active, so it cannot sign in, is offered for no assignment and never counts as an agent.
"""

from dataclasses import replace

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from supportdesk.models import Role, User
from supportdesk.services.actor import Actor
from supportdesk.services.users import SERVICE_LOGIN

SERVICE_NAME = "SupportDesk"


def service_account(session: Session) -> Actor:
    """The desk's own account, created the first time it is needed."""
    for _attempt in range(2):
        user = session.exec(select(User).where(User.login == SERVICE_LOGIN)).first()
        if user is not None:
            return Actor.from_user(user)
        session.add(User(login=SERVICE_LOGIN, name=SERVICE_NAME, role=Role.LEAD, active=False))
        try:
            session.commit()
        except IntegrityError:  # another instance created it first
            session.rollback()
    raise RuntimeError("the desk's own account could not be created")


def acting_for(account: Actor, rule: str) -> Actor:
    """The desk's account carrying out `rule`: every entry it writes names the rule."""
    return replace(account, via=rule)
