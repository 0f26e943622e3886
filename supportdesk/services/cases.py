"""Exemplary cases (模範事例) and tags: how resolved tickets become the team's manual."""

from collections.abc import Iterable

from sqlmodel import Session, col, delete, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.models import EntryKind, Status, TicketTag
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import masks_personal_data, ticket_masking
from supportdesk.services.reindex import touch
from supportdesk.services.tickets import load_for_change, record_history, save_change
from supportdesk.untrusted import check_line, shorten

MAX_TAG = 50
MAX_SUMMARY = 2000
# What one tags field may hold before it is split into tags (several tags, separated by spaces or commas).
MAX_TAG_TEXT = 2000


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """NFKC, lower case, no inner spaces, no duplicates, in the order given; '#' prefixes dropped."""
    seen: dict[str, None] = {}
    for raw in tags:
        for part in check_line("tag", raw, MAX_TAG_TEXT).replace(",", " ").replace("、", " ").split():
            tag = part.lstrip("#").lower()
            if not tag:
                continue
            if len(tag) > MAX_TAG:
                raise Invalid("tag", f"{shorten(tag, 20)} is longer than {MAX_TAG} characters")
            seen.setdefault(tag, None)
    return list(seen)


def ticket_tags(session: Session, number: int) -> list[str]:
    return list(session.exec(select(TicketTag.tag).where(TicketTag.ticket_id == number).order_by(col(TicketTag.tag))))


def visible_tags(session: Session, actor: Actor, number: int) -> list[str]:
    """A ticket's tags as the actor may read them: a tag can name the customer (林様), masked for trainers."""
    require(actor, Action.VIEW_TICKETS)
    tags = ticket_tags(session, number)
    if not tags or not masks_personal_data(actor):
        return tags
    masking = ticket_masking(session, [number]).get(number)
    return [masking.shown(tag) for tag in tags] if masking else []


def _replace_tags(session: Session, actor: Actor, number: int, tags: list[str]) -> None:
    before = ticket_tags(session, number)
    if sorted(before) != sorted(tags):
        record_history(session, actor, number, EntryKind.FIELD_CHANGE, {"tags": [before, tags]})
    session.exec(delete(TicketTag).where(col(TicketTag.ticket_id) == number))
    session.add_all(TicketTag(ticket_id=number, tag=tag) for tag in tags)


def set_tags(
    session: Session, actor: Actor, number: int, tags: Iterable[str], *, expected_version: int | None = None
) -> int:
    """Replace a ticket's tags; returns the new version."""
    require(actor, Action.TAG_TICKETS)
    ticket = load_for_change(session, number, expected_version)
    cleaned = normalise_tags(tags)
    _replace_tags(session, actor, number, cleaned)
    touch(session, ticket)
    audit.record(session, actor, "ticket.tags", "ticket", number, tags=len(cleaned))
    save_change(session, ticket, expected_version)
    return ticket.version


def mark_exemplary(
    session: Session,
    actor: Actor,
    number: int,
    summary: str,
    tags: Iterable[str] = (),
    *,
    expected_version: int | None = None,
) -> int:
    """Hold a resolved or closed ticket up as an exemplary case with a short summary and tags."""
    require(actor, Action.CURATE_CASES)
    ticket = load_for_change(session, number, expected_version)
    if ticket.status not in (Status.RESOLVED, Status.CLOSED):
        raise NotAllowed(f"Ticket #{number} is {ticket.status}; only resolved or closed cases can be exemplary.")
    summary = check_line("summary", summary, MAX_SUMMARY)
    if not summary:
        raise Invalid("summary", "say in a sentence or two what makes this case worth learning from")
    cleaned = normalise_tags(tags)
    ticket.is_exemplary = True
    ticket.exemplary_summary = summary
    ticket.exemplary_by_id = actor.id
    ticket.exemplary_at = utcnow()
    if cleaned:
        _replace_tags(session, actor, number, cleaned)
    touch(session, ticket)
    audit.record(session, actor, "ticket.exemplary", "ticket", number, tags=len(cleaned))
    save_change(session, ticket, expected_version)
    return ticket.version
