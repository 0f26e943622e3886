"""Who else is on a ticket right now, and whether it changed since the version on screen.

An open ticket sends a heartbeat every few seconds; the answer is the ticket's version and the colleagues whose
heartbeat is fresh (鈴木さんが閲覧中 / 入力中). Rows are never trusted past their time-to-live: a crashed or
disconnected app stops renewing its row, readers ignore it at once and the next heartbeat removes it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from supportdesk.db import translate_errors
from supportdesk.errors import NotFound
from supportdesk.i18n import msg
from supportdesk.models import Presence, Ticket, User
from supportdesk.models.base import utcnow
from supportdesk.services.actor import Action, Actor, require

# A heartbeat every HEARTBEAT seconds; a row older than TIME_TO_LIVE is someone who left (or whose app died).
HEARTBEAT_SECONDS = 5
TIME_TO_LIVE = timedelta(seconds=20)
# "Typing" fades sooner: the agent paused or went back to reading.
TYPING_FOR = timedelta(seconds=10)


@dataclass(frozen=True)
class Colleague:
    """Someone else with the ticket open."""

    login: str
    name: str
    typing: bool
    since: datetime


@dataclass(frozen=True)
class TicketPulse:
    """What an open ticket needs to know every few seconds: its current version and who else is on it."""

    number: int
    version: int
    others: tuple[Colleague, ...] = ()

    def changed_since(self, version: int) -> bool:
        return self.version != version


def ticket_version(session: Session, actor: Actor, number: int) -> int:
    """The ticket's version: cheap enough to ask every few seconds whether the screen is stale."""
    require(actor, Action.VIEW_TICKETS)
    version = session.exec(select(Ticket.version).where(Ticket.id == number)).first()
    if version is None:
        raise NotFound(msg("Ticket #{number} does not exist.", number=number))
    return int(version)


def present(session: Session, actor: Actor, number: int, now: datetime | None = None) -> tuple[Colleague, ...]:
    """The colleagues (not the actor) whose heartbeat on this ticket is fresh, longest there first."""
    require(actor, Action.VIEW_TICKETS)
    now = now or utcnow()
    query = (
        select(User.login, User.name, Presence.typing_at, Presence.seen_at)
        .join(User, col(User.id) == Presence.user_id)
        .where(Presence.ticket_id == number, Presence.user_id != actor.id, Presence.seen_at >= now - TIME_TO_LIVE)
        .order_by(col(Presence.seen_at))
    )
    return tuple(
        Colleague(login, name, typing_at is not None and typing_at >= now - TYPING_FOR, seen)
        for login, name, typing_at, seen in session.exec(query).all()
    )


def heartbeat(
    session: Session, actor: Actor, number: int, *, typing: bool = False, now: datetime | None = None
) -> TicketPulse:
    """Say "I have this ticket open (and am typing)"; answer with its version and who else is on it."""
    require(actor, Action.WORK_TICKETS)
    now = now or utcnow()
    version = ticket_version(session, actor, number)
    assert actor.id is not None
    for attempt in range(2):
        row = session.get(Presence, (number, actor.id), populate_existing=True)
        if row is None:
            row = Presence(ticket_id=number, user_id=actor.id, seen_at=now)
        row.seen_at = now
        if typing:
            row.typing_at = now
        session.add(row)
        # Rows nobody renewed are gone: removed here rather than by a job nobody would run.
        session.exec(delete(Presence).where(col(Presence.seen_at) < now - TIME_TO_LIVE))
        try:
            with translate_errors():
                session.commit()
            break
        except IntegrityError:
            # The same user's other window inserted the row first: update it instead.
            session.rollback()
            if attempt:
                raise
    return TicketPulse(number, version, present(session, actor, number, now))


def leave(session: Session, actor: Actor, number: int) -> None:
    """The ticket was closed on this screen: colleagues stop seeing the actor on it at once."""
    require(actor, Action.VIEW_TICKETS)
    session.exec(delete(Presence).where(col(Presence.ticket_id) == number, col(Presence.user_id) == actor.id))
    with translate_errors():
        session.commit()
