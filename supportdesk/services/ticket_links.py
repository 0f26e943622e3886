"""Tickets that belong together: links (related, parent/child) and merges (the same inquiry twice becomes one).

A link is a row both tickets show. A merge moves the conversation of one ticket (customer messages, replies,
notes, calls, with their files and mail) into the other, where it sorts among that ticket's entries by time; the
merged ticket is closed with a pointer to the one that carries on, both threads say so, and the merge is audited.
Mail that answers the merged ticket (by Message-ID or its [#N] tag) lands on the surviving one.
"""

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.i18n import msg
from supportdesk.models import (
    Attachment,
    EntryKind,
    LinkKind,
    MailMessage,
    Status,
    Ticket,
    TicketEntry,
    TicketLink,
    TicketTag,
)
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import masks_personal_data, ticket_masking
from supportdesk.services.readmodels import LinkView
from supportdesk.services.reindex import touch
from supportdesk.services.tickets import close_as_merged, load_for_change, record_history, save_change
from supportdesk.services.unit import commit
from supportdesk.untrusted import check_block

# What moves in a merge: what people said and did. Status, assignment and field lines stay as the merged ticket's
# own history.
CONVERSATION = (EntryKind.CUSTOMER_MESSAGE, EntryKind.REPLY, EntryKind.INTERNAL_NOTE, EntryKind.CALL_LOG)
MAX_MERGE_NOTE = 2000
# How each side of a link reads from the ticket it is shown on.
RELATIONS = ("related", "parent", "child", "merged_into", "merged_from")


@dataclass(frozen=True)
class TicketMerge:
    keep: int
    merged: int
    entries_moved: int
    version: int  # the surviving ticket's


def _ticket(session: Session, number: int) -> Ticket:
    ticket = session.get(Ticket, number)
    if ticket is None:
        raise NotFound(msg("Ticket #{number} does not exist.", number=number))
    return ticket


def _not_merged(ticket: Ticket) -> None:
    if ticket.merged_into_id is not None:
        raise NotAllowed(
            msg(
                "Ticket #{number} was merged into #{into}; work on that one.",
                number=ticket.id,
                into=ticket.merged_into_id,
            )
        )


def _link_between(session: Session, a: int, b: int) -> TicketLink | None:
    query = select(TicketLink).where(
        or_(
            (col(TicketLink.from_id) == a) & (col(TicketLink.to_id) == b),
            (col(TicketLink.from_id) == b) & (col(TicketLink.to_id) == a),
        )
    )
    return session.exec(query).first()


def _parent_of(session: Session, number: int) -> int | None:
    query = select(TicketLink.from_id).where(TicketLink.to_id == number, TicketLink.kind == LinkKind.PARENT.value)
    return session.exec(query).first()


def _history(session: Session, actor: Actor, number: int, relation: str, other: int | None, was: int | None) -> None:
    record_history(session, actor, number, EntryKind.FIELD_CHANGE, {relation: [was, other]})


def link_tickets(
    session: Session,
    actor: Actor,
    number: int,
    other: int,
    kind: LinkKind | str = LinkKind.RELATED,
    *,
    expected_version: int | None = None,
) -> int:
    """Link `number` to `other`: related, or parent (`number` is the parent of `other`). Returns `number`'s version.

    A ticket has at most one parent, and a ticket cannot become its own ancestor. Both threads get a line.
    """
    require(actor, Action.LINK_TICKETS)
    try:
        kind = LinkKind(kind)
    except ValueError:
        raise Invalid("link", msg("{value} is not one of related, parent", value=str(kind))) from None
    if number == other:
        raise Invalid("link", msg("a ticket cannot be linked to itself"))
    ticket = load_for_change(session, number, expected_version)
    target = _ticket(session, other)
    _not_merged(ticket)
    _not_merged(target)
    if _link_between(session, number, other) is not None:
        raise Invalid("link", msg("#{a} and #{b} are already linked", a=number, b=other))
    if kind == LinkKind.PARENT:
        existing = _parent_of(session, other)
        if existing is not None:
            raise Invalid("link", msg("#{child} already has a parent, #{parent}", child=other, parent=existing))
        ancestor: int | None = number
        seen: set[int] = set()
        while ancestor is not None and ancestor not in seen:
            if ancestor == other:
                raise Invalid("link", msg("#{child} is above #{parent} already", child=other, parent=number))
            seen.add(ancestor)
            ancestor = _parent_of(session, ancestor)
    session.add(TicketLink(from_id=number, to_id=other, kind=kind.value, created_by_id=actor.id))
    mine, theirs = ("related", "related") if kind == LinkKind.RELATED else ("child", "parent")
    _history(session, actor, number, mine, other, None)
    _history(session, actor, other, theirs, number, None)
    for side, to in ((number, other), (other, number)):
        audit.record(session, actor, "ticket.link", "ticket", side, to=to, kind=kind.value)
    touch(session, ticket)
    touch(session, target)
    save_change(session, ticket, expected_version)
    return ticket.version


def unlink_tickets(
    session: Session, actor: Actor, number: int, other: int, *, expected_version: int | None = None
) -> int:
    """Remove the link between two tickets (either direction); both threads get a line."""
    require(actor, Action.LINK_TICKETS)
    ticket = load_for_change(session, number, expected_version)
    target = _ticket(session, other)
    link = _link_between(session, number, other)
    if link is None:
        raise Invalid("link", msg("#{a} and #{b} are not linked", a=number, b=other))
    if link.kind == LinkKind.RELATED.value:
        relations = {number: "related", other: "related"}
    else:
        relations = {link.from_id: "child", link.to_id: "parent"}
    session.delete(link)
    _history(session, actor, number, relations[number], None, other)
    _history(session, actor, other, relations[other], None, number)
    for side, to in ((number, other), (other, number)):
        audit.record(session, actor, "ticket.unlink", "ticket", side, to=to)
    touch(session, ticket)
    touch(session, target)
    save_change(session, ticket, expected_version)
    return ticket.version


# The tickets merged into one, as an alias of the ticket being read: made once (one made per call is a reference
# cycle left to the collector, as ticket_queries._ASSIGNEE says).
_MERGED = aliased(Ticket)


def links_exist(ticket_id: Any) -> sa.ColumnElement[bool]:
    """Whether a ticket is linked to another or has tickets merged into it, as a column of the statement that reads
    it (`ticket_id`: its id column): most tickets have neither, and their screen need not ask (issue 20). A ticket
    merged into another knows it from its own row (merged_into_id)."""
    return or_(
        sa.exists().where(col(TicketLink.from_id) == ticket_id),
        sa.exists().where(col(TicketLink.to_id) == ticket_id),
        sa.exists().where(col(_MERGED.merged_into_id) == ticket_id),
    )


def ticket_links(session: Session, actor: Actor, number: int) -> list[LinkView]:
    """Every ticket linked to or merged with `number`, as seen from it (subjects masked for trainers)."""
    require(actor, Action.VIEW_TICKETS)
    ticket = _ticket(session, number)
    relations: dict[int, str] = {}
    # The links and the tickets merged into this one (a NULL kind), in one statement: each is a round trip on
    # PostgreSQL, and opening a ticket asks for both (issue 20).
    links = sa.select(col(TicketLink.from_id), col(TicketLink.to_id), col(TicketLink.kind)).where(
        or_(col(TicketLink.from_id) == number, col(TicketLink.to_id) == number)
    )
    merged_here = sa.select(col(Ticket.id), sa.literal(number), sa.null()).where(col(Ticket.merged_into_id) == number)
    merged_from: list[int] = []
    for from_id, to_id, kind in session.execute(sa.union_all(links, merged_here)):
        if kind is None:
            merged_from.append(from_id)
        elif kind == LinkKind.RELATED.value:
            relations[to_id if from_id == number else from_id] = "related"
        elif from_id == number:
            relations[to_id] = "child"
        else:
            relations[from_id] = "parent"
    if ticket.merged_into_id is not None:
        relations[ticket.merged_into_id] = "merged_into"
    for merged_id in merged_from:
        relations[merged_id] = "merged_from"
    if not relations:
        return []
    found = session.exec(
        select(Ticket.id, Ticket.subject, Ticket.status).where(col(Ticket.id).in_(list(relations)))
    ).all()
    masking = ticket_masking(session, list(relations)) if masks_personal_data(actor) else {}
    views = [
        LinkView(
            number=other,
            relation=relations[other],
            subject=masking[other].shown(subject) if other in masking else ("" if masking else subject),
            status=str(status),
        )
        for other, subject, status in found
        if other is not None
    ]
    return sorted(views, key=lambda view: (RELATIONS.index(view.relation), view.number))


def merge_tickets(
    session: Session,
    actor: Actor,
    keep: int,
    other: int,
    *,
    note: str = "",
    expected_versions: tuple[int | None, int | None] = (None, None),
    policy: SlaPolicy | None = None,
) -> TicketMerge:
    """Merge ticket `other` into `keep` (the same customer about the same thing), in one transaction.

    `other`'s conversation moves to `keep` with its files and mail, its tags are added to `keep`'s, and it is closed
    pointing at `keep`. Both tickets must be the same customer's; `keep` must not be closed.
    """
    require(actor, Action.LINK_TICKETS)
    if keep == other:
        raise Invalid("merge", msg("a ticket cannot be merged into itself"))
    survivor = load_for_change(session, keep, expected_versions[0])
    merged = load_for_change(session, other, expected_versions[1])
    _not_merged(survivor)
    _not_merged(merged)
    if survivor.customer_id != merged.customer_id:
        raise NotAllowed(
            msg("#{a} and #{b} are different customers' tickets; merge the customers first.", a=keep, b=other)
        )
    if survivor.status == Status.CLOSED:
        raise NotAllowed(msg("#{number} is closed; reopen it first or keep the other ticket.", number=keep))
    note = check_block("note", note, MAX_MERGE_NOTE)
    with session.no_autoflush:
        moving = list(
            session.exec(
                select(TicketEntry.id).where(
                    TicketEntry.ticket_id == other, col(TicketEntry.kind).in_([str(k) for k in CONVERSATION])
                )
            ).all()
        )
        tags = list(session.exec(select(TicketTag.tag).where(TicketTag.ticket_id == other)).all())
        have = set(session.exec(select(TicketTag.tag).where(TicketTag.ticket_id == keep)).all())
    # The one sanctioned change to thread rows: each moved entry keeps its text, author and time, and says in
    # `merged_from_id` which ticket it was written on (the ORM's append-only guard covers flushed objects only).
    if moving:
        session.execute(
            update(TicketEntry)
            .where(col(TicketEntry.id).in_(moving))
            .values(ticket_id=keep, merged_from_id=other)
            .execution_options(synchronize_session=False)
        )
    for table in (Attachment, MailMessage):
        session.execute(
            update(table)
            .where(col(table.ticket_id) == other)
            .values(ticket_id=keep)
            .execution_options(synchronize_session=False)
        )
    session.add_all(TicketTag(ticket_id=keep, tag=tag) for tag in tags if tag not in have)
    _history(session, actor, keep, "merged_from", other, None)
    if note:
        session.add(TicketEntry(ticket_id=keep, kind=EntryKind.INTERNAL_NOTE, author_id=actor.id, body=note))
    close_as_merged(session, actor, merged, keep, policy)
    _history(session, actor, other, "merged_into", keep, None)
    audit.record(session, actor, "ticket.merge", "ticket", keep, merged=other, entries=len(moving))
    audit.record(session, actor, "ticket.merged_into", "ticket", other, into=keep, entries=len(moving))
    touch(session, survivor)
    touch(session, merged)
    commit(session, lambda: str(msg("#{a} or #{b} was changed meanwhile; nothing was merged.", a=keep, b=other)))
    return TicketMerge(keep=keep, merged=other, entries_moved=len(moving), version=survivor.version)
