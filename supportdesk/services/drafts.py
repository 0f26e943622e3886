"""Unsent work: each agent's draft per ticket, kept in the database so a restart or a crash loses nothing.

Sending the entry removes the draft in the same transaction (services/tickets.add_entry).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, select

from supportdesk.db import translate_errors
from supportdesk.errors import Invalid, NotFound
from supportdesk.i18n import msg
from supportdesk.models import Draft, EntryKind, Ticket
from supportdesk.models.base import utcnow
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.erasure import Erasure, register
from supportdesk.services.tickets import MAX_CALL_SECONDS
from supportdesk.untrusted import MAX_BODY, check, check_length

MAX_DRAFT = MAX_BODY  # what could be sent could be kept
DRAFT_KINDS = (EntryKind.REPLY, EntryKind.INTERNAL_NOTE, EntryKind.CALL_LOG, EntryKind.CUSTOMER_MESSAGE)


@dataclass(frozen=True)
class DraftView:
    number: int
    subject: str
    kind: str
    body: str
    call_seconds: int | None
    updated_at: datetime


def _kind(kind: EntryKind | str) -> EntryKind:
    try:
        value = EntryKind(kind)
    except ValueError:
        value = None
    if value not in DRAFT_KINDS:
        raise Invalid("entry kind", msg("{kind!r} is not something an agent writes", kind=kind))
    assert value is not None
    return value


def save_draft(
    session: Session,
    actor: Actor,
    number: int,
    kind: EntryKind | str,
    body: str,
    call_seconds: int | None = None,
) -> None:
    """Keep what the agent has typed so far; an empty draft (no text, no call time) is removed."""
    require(actor, Action.WORK_TICKETS)
    entry_kind = _kind(kind)
    # Kept as typed (spaces and all, for the editor), but refused as a sent entry would be for control codes.
    body = check_length("draft", check("draft", body), MAX_DRAFT)
    if call_seconds is not None and not 0 <= call_seconds <= MAX_CALL_SECONDS:
        raise Invalid("call duration", msg("between 0 seconds and 24 hours"))
    if session.get(Ticket, number) is None:
        raise NotFound(msg("Ticket #{number} does not exist.", number=number))
    assert actor.id is not None
    draft = session.get(Draft, (actor.id, number))
    if not body.strip() and call_seconds is None:
        if draft is not None:
            session.delete(draft)
    else:
        draft = draft or Draft(user_id=actor.id, ticket_id=number)
        draft.kind, draft.body, draft.call_seconds, draft.updated_at = entry_kind, body, call_seconds, utcnow()
        session.add(draft)
    with translate_errors():
        session.commit()


def get_draft(session: Session, actor: Actor, number: int) -> DraftView | None:
    require(actor, Action.WORK_TICKETS)
    return next(iter(_drafts(session, actor, number)), None)


def list_drafts(session: Session, actor: Actor) -> list[DraftView]:
    """The actor's unsent drafts, newest first: what quitting would leave behind."""
    require(actor, Action.WORK_TICKETS)
    return _drafts(session, actor)


def discard_draft(session: Session, actor: Actor, number: int) -> None:
    require(actor, Action.WORK_TICKETS)
    session.exec(delete(Draft).where(col(Draft.user_id) == actor.id, col(Draft.ticket_id) == number))
    with translate_errors():
        session.commit()


def _drafts(session: Session, actor: Actor, number: int | None = None) -> list[DraftView]:
    query = (
        select(Draft, Ticket.subject)
        .join(Ticket, col(Ticket.id) == Draft.ticket_id)
        .where(Draft.user_id == actor.id)
        .order_by(col(Draft.updated_at).desc())
    )
    if number is not None:
        query = query.where(Draft.ticket_id == number)
    return [
        DraftView(d.ticket_id, subject, str(d.kind), d.body, d.call_seconds, d.updated_at)
        for d, subject in session.exec(query).all()
    ]


def erase_drafts(session: Session, erasure: Erasure) -> int:
    """Unsent drafts on the person's tickets, and drafts on other tickets that name them (削除)."""
    changed = 0
    for draft in session.exec(select(Draft)).all():
        values = erasure.values if draft.ticket_id in erasure.ticket_ids else erasure.strong_values
        body = values.scrub(draft.body) or ""
        if body != draft.body:
            draft.body = body
            session.add(draft)
            changed += 1
    return changed


register("drafts", erase_drafts, order=50)
