"""Changing tickets: create, add to the thread, change status, assign, set fields.

Every change bumps the ticket's `version`. Callers that show a ticket to a person pass the version they showed as
`expected_version`; if someone else changed the ticket since, the change is refused with Conflict and nothing is
written, so no one silently overwrites a colleague (二重対応の防止).
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.clock import At
from supportdesk.config import SlaPolicy
from supportdesk.errors import Conflict, Invalid, NotAllowed, NotFound
from supportdesk.fields import CUSTOM_PREFIX
from supportdesk.i18n import N_, Readable, msg, term, terms
from supportdesk.models import (
    AuditEvent,
    Channel,
    Customer,
    Draft,
    EntryKind,
    InquiryType,
    Priority,
    Purchase,
    Status,
    StatusChange,
    Ticket,
    TicketEntry,
    User,
)
from supportdesk.models.base import utcnow
from supportdesk.models.enums import SYSTEM_KINDS
from supportdesk.services import audit, sla
from supportdesk.services.actor import Action, Actor, can, require
from supportdesk.services.custom_fields import CustomKind, set_values
from supportdesk.services.reindex import queue_for_search, touch
from supportdesk.services.transitions import allowed_next, is_allowed, is_reopen
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import MAX_BODY, check_block, check_line, column_limit

MAX_SUBJECT = 300
MAX_TEAM = column_limit(Ticket, "team") or 100
# A status reason is stored on the status change (and, when resolving, as the resolution note).
MAX_REASON = column_limit(StatusChange, "reason") or 500
# Reasons the desk writes itself; stored as these fixed strings, shown translated by the UI.
REASON_FIRST_RESPONSE = "first response"
REASON_CUSTOMER_REPLIED = "customer replied"
REASON_MERGED = "merged"
# Written by the desk service (services/automation): a status reason, or the body of an automation entry.
REASON_FOLLOW_UP = "follow-up date reached"
REASON_AUTO_CLOSE = "closed automatically"
NOTE_ACKNOWLEDGED = "acknowledgement mail queued"
NOTE_REMINDED = "reminder mail queued"
NOTE_NOBODY_SIGNED_IN = "no agent of the team signed in"
# How each reads, in the reader's language (t(SYSTEM_NOTES[body])); other bodies are shown as written.
SYSTEM_NOTES: dict[str, str] = {
    REASON_FIRST_RESPONSE: N_("First response"),
    REASON_CUSTOMER_REPLIED: N_("The customer replied"),
    REASON_FOLLOW_UP: N_("The follow-up date was reached"),
    REASON_AUTO_CLOSE: N_("Closed automatically after the days set for resolved tickets"),
    NOTE_ACKNOWLEDGED: N_("Acknowledgement mail queued for the customer"),
    NOTE_REMINDED: N_("Reminder mail queued for the customer"),
    NOTE_NOBODY_SIGNED_IN: N_("No agent of the team was signed in; the ticket waits for the team"),
}
MAX_CALL_SECONDS = 24 * 3600
# Clocks on two machines disagree a little: a message "received" a minute ahead is not from the future.
FUTURE_SLACK = timedelta(minutes=5)
MAX_NOTE = 2000


@dataclass(frozen=True)
class TicketCreate:
    customer_id: int
    subject: str
    inquiry_type: InquiryType = InquiryType.QUESTION
    channel: Channel = Channel.PHONE
    priority: Priority = Priority.NORMAL
    purchase_id: int | None = None
    body: str = ""  # the customer's words, recorded as the first message
    assignee_id: int | None = None
    assign_to_me: bool = True  # the agent who took the call owns it unless told otherwise
    team: str | None = None
    received_at: datetime | None = None
    # The team's own fields (services.custom_fields), by name: required ones must be given.
    custom: Mapping[str, str] = dataclass_field(default_factory=dict)


E = TypeVar("E", bound=StrEnum)


def _enum(kind: type[E], value: str, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(v) for v in kind)
        raise Invalid(field, msg("{value!r} is not one of {choices}", value=value, choices=choices)) from None


def _stale(session: Session, ticket_id: int, had: int | None) -> Conflict:
    """Say who changed the ticket last (their name, on the desk's clock), so the agent knows whom to talk to."""
    session.rollback()
    last = session.exec(
        select(AuditEvent, User.name)
        .outerjoin(User, col(User.id) == AuditEvent.actor_id)
        .where(AuditEvent.object_type == "ticket", AuditEvent.object_id == ticket_id)
        .order_by(col(AuditEvent.id).desc())
    ).first()
    if last is None:
        return Conflict(
            msg(
                "Ticket #{number} was changed after you opened it. Nothing was saved; reload it and try again.",
                number=ticket_id,
            )
        )
    event, name = last
    by = name or event.actor_login
    message = msg(
        "Ticket #{number} was changed by {name} at {time} after you opened it. "
        "Nothing was saved; reload it and try again.",
        number=ticket_id,
        name=by,
        time=At(event.at),
    )
    return Conflict(message, changed_by=by, changed_at=event.at)


def _stale_message(session: Session, ticket_id: int, had: int | None) -> Readable:
    return _stale(session, ticket_id, had).msg


def load_for_change(session: Session, ticket_id: int, expected_version: int | None) -> Ticket:
    ticket = session.get(Ticket, ticket_id, populate_existing=True)
    if ticket is None:
        raise NotFound(msg("Ticket #{number} does not exist.", number=ticket_id))
    if expected_version is not None and ticket.version != expected_version:
        raise _stale(session, ticket_id, expected_version)
    return ticket


def record_history(
    session: Session, actor: Actor, number: int, kind: EntryKind, changes: dict[str, list[object]], note: str = ""
) -> None:
    """A system line in the thread saying what changed ({"field": [before, after]}), with an optional note."""
    details = json.dumps(changes, ensure_ascii=False, default=str)
    session.add(
        TicketEntry(ticket_id=number, kind=kind, author_id=actor.id, body=note, details=details, via_rule=actor.via)
    )


def save_change(session: Session, ticket: Ticket, expected_version: int | None) -> None:
    assert ticket.id is not None
    ticket_id = ticket.id
    try:
        commit(session, lambda: _stale_message(session, ticket_id, expected_version))
    except Conflict as refused:
        # Raced past the version check: ask again who it was, for the structured notice the screens show.
        if refused.changed_by is None:
            raise _stale(session, ticket_id, expected_version) from refused
        raise


def _active_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise Invalid("assignee", msg("no active user with id {id}", id=user_id))
    return user


def create_ticket(session: Session, actor: Actor, data: TicketCreate, policy: SlaPolicy | None = None) -> int:
    """Open a ticket for a customer; returns its number."""
    subject = check_line("subject", data.subject, MAX_SUBJECT)
    ticket, _message = insert_ticket(session, actor, data, policy, subject=subject)
    commit(session, lambda: "The ticket could not be created; try again.")
    assert ticket.id is not None
    return ticket.id


def insert_ticket(
    session: Session,
    actor: Actor,
    data: TicketCreate,
    policy: SlaPolicy | None,
    *,
    subject: str,
    message_by_actor: bool = True,
) -> tuple[Ticket, TicketEntry | None]:
    """Add a new ticket, its first message and its opening line to the session, without committing.

    For callers that write more in the same transaction (a received mail's record and files). `subject` is
    stored as given (callers tidy it first); the customer's message is recorded by the actor, or by nobody when
    not `message_by_actor` (a customer's mail).
    """
    require(actor, Action.WORK_TICKETS)
    if not subject:
        raise Invalid("subject", msg("a ticket needs a subject"))
    body = check_block("body", data.body, MAX_BODY)
    team = check_line(N_("team"), data.team, MAX_TEAM)
    if session.get(Customer, data.customer_id) is None:
        raise Invalid("customer", msg("no customer with id {id}", id=data.customer_id))
    if data.purchase_id is not None:
        purchase = session.get(Purchase, data.purchase_id)
        if purchase is None or purchase.customer_id != data.customer_id:
            raise Invalid("purchase", msg("purchase {id} is not one of this customer's", id=data.purchase_id))
    priority = _enum(Priority, data.priority, "priority")
    assignee_id = data.assignee_id
    if assignee_id is not None:
        _active_user(session, assignee_id)
        if assignee_id != actor.id:
            require(actor, Action.REASSIGN_TICKETS)
    elif data.assign_to_me:
        assignee_id = actor.id
    received = data.received_at or utcnow()
    inquiry_type = _enum(InquiryType, data.inquiry_type, "inquiry type")
    first_due, resolution_due = sla.due_times(received, priority, policy, inquiry_type)
    ticket = Ticket(
        customer_id=data.customer_id,
        purchase_id=data.purchase_id,
        channel=_enum(Channel, data.channel, "channel"),
        inquiry_type=inquiry_type,
        subject=subject,
        priority=priority,
        status=Status.NEW,
        assignee_id=assignee_id,
        team=team or actor.team,
        received_at=received,
        first_response_due=first_due,
        resolution_due=resolution_due,
    )
    session.add(ticket)
    flush(session, lambda: "The ticket could not be created; try again.")
    assert ticket.id is not None
    # A ticket a person opens carries the team's required fields; one the desk opens from a mail cannot.
    set_values(session, actor, CustomKind.TICKETS, ticket.id, data.custom, creating=message_by_actor)
    message = None
    if body:
        author = actor.id if message_by_actor else None
        message = TicketEntry(
            ticket_id=ticket.id, kind=EntryKind.CUSTOMER_MESSAGE, author_id=author, body=body, via_rule=actor.via
        )
        session.add(message)
    change = StatusChange(ticket_id=ticket.id, from_status=None, to_status=Status.NEW, actor_id=actor.id)
    session.add(change)
    # Every status change, the first included, has its line in the thread: who opened the ticket, and when.
    # Added after the customer's message so the thread reads message first (entries sort by time, then id).
    session.add(
        TicketEntry(
            ticket_id=ticket.id,
            kind=EntryKind.STATUS_CHANGE,
            author_id=actor.id,
            status_change=change,
            via_rule=actor.via,
        )
    )
    audit.record(session, actor, "ticket.create", "ticket", ticket.id, customer=data.customer_id)
    queue_for_search(session, [ticket.id])
    return ticket, message


def _transition(
    session: Session,
    actor: Actor,
    ticket: Ticket,
    target: Status,
    reason: str | None,
    policy: SlaPolicy | None = None,
) -> StatusChange:
    assert ticket.id is not None
    change = StatusChange(
        ticket_id=ticket.id, from_status=ticket.status, to_status=target, actor_id=actor.id, reason=reason
    )
    session.add(change)
    # Linked by relationship, not id, so nothing is flushed early: the ticket row is written once per change.
    session.add(
        TicketEntry(
            ticket_id=ticket.id,
            kind=EntryKind.STATUS_CHANGE,
            author_id=actor.id,
            body=reason or "",
            status_change=change,
            via_rule=actor.via,
        )
    )
    now = utcnow()
    sla.move_clock(session, ticket, target, now, policy)
    if target == Status.RESOLVED:
        ticket.resolved_at = now
    elif target == Status.CLOSED:
        ticket.closed_at = now
    elif is_reopen(ticket.status, target):
        # The old resolution stays in the status history; the ticket itself is unresolved again.
        ticket.resolved_at = None
        ticket.closed_at = None
        ticket.resolution_note = None
    if target != Status.PENDING:
        ticket.follow_up_on = None
    audit.record(
        session,
        actor,
        "ticket.status",
        "ticket",
        ticket.id,
        to=str(target),
        reason_chars=len(reason or ""),  # the reason itself is in the status history; audit details hold no text
        **{"from": str(ticket.status)},
    )
    ticket.status = target
    return change


def close_as_merged(session: Session, actor: Actor, ticket: Ticket, into: int, policy: SlaPolicy | None = None) -> None:
    """Close a ticket merged into `into` (whatever its status) and point it there; uncommitted."""
    if ticket.status != Status.CLOSED:
        _transition(session, actor, ticket, Status.CLOSED, REASON_MERGED, policy)
    ticket.merged_into_id = into


def carried_on(session: Session, ticket: Ticket | None) -> Ticket | None:
    """The ticket that carries `ticket` on: itself, or the one it was merged into (following repeated merges)."""
    seen: set[int] = set()
    while ticket is not None and ticket.merged_into_id is not None and ticket.id not in seen:
        if ticket.id is not None:
            seen.add(ticket.id)
        ticket = session.get(Ticket, ticket.merged_into_id)
    return ticket


def change_status(
    session: Session,
    actor: Actor,
    number: int,
    target: Status | str,
    *,
    reason: str | None = None,
    follow_up_on: date | None = None,
    expected_version: int | None = None,
    today: date | None = None,
    policy: SlaPolicy | None = None,
) -> int:
    """Move a ticket to `target` through the allowed transitions; returns the new version.

    Pending (waiting for the customer) needs a follow-up date; resolving needs a resolution note (the reason).
    """
    require(actor, Action.WORK_TICKETS)
    target = _enum(Status, target, "status")
    ticket = load_for_change(session, number, expected_version)
    if ticket.merged_into_id is not None:
        # Reopening a merged ticket would split the inquiry again: its conversation lives on the other one.
        raise NotAllowed(
            msg(
                "Ticket #{number} was merged into #{into}; work on that one.",
                number=number,
                into=ticket.merged_into_id,
            )
        )
    current = Status(ticket.status)
    if current == target:
        raise Invalid("status", msg("ticket #{number} is already {status}", number=number, status=term(target)))
    if not is_allowed(current, target):
        raise NotAllowed(
            msg(
                "Ticket #{number} cannot go from {current} to {target}; allowed next: {options}.",
                number=number,
                current=term(current),
                target=term(target),
                options=terms(allowed_next(current)),
            )
        )
    reason = check_line(N_("reason"), reason, MAX_REASON) or None
    if target == Status.PENDING:
        if follow_up_on is None:
            raise Invalid("follow-up date", msg("a pending ticket needs a follow-up date"))
        # The follow-up date is a calendar date on the desk's clock, not in UTC (09:00 JST is midnight UTC).
        if follow_up_on < (today or clock.today()):
            raise Invalid("follow-up date", msg("{date} is in the past", date=follow_up_on))
        ticket.follow_up_on = follow_up_on
    if target == Status.RESOLVED:
        if not reason:
            raise Invalid("resolution note", msg("say briefly how the inquiry was resolved"))
        ticket.resolution_note = reason
    _transition(session, actor, ticket, target, reason, policy)
    touch(session, ticket)
    save_change(session, ticket, expected_version)
    return ticket.version


def add_entry(
    session: Session,
    actor: Actor,
    number: int,
    kind: EntryKind | str,
    body: str,
    *,
    call_duration_seconds: int | None = None,
    expected_version: int | None = None,
    policy: SlaPolicy | None = None,
    channel: Channel | str | None = None,
    received_at: datetime | None = None,
) -> int:
    """Append a customer message, reply, internal note or call log; returns the new version.

    The first reply or call log stamps the first response and moves a new ticket to open; a customer's message
    on a pending or resolved ticket moves it back to open, because the ball is in our court again. A customer's
    message entered by hand (a letter, a chat transcript, words passed on by a colleague) says how it came
    (`channel`, the ticket's by default) and when the customer sent it (`received_at`, not in the future).
    """
    require(actor, Action.WORK_TICKETS)
    kind = _enum(EntryKind, kind, "entry kind")
    if kind == EntryKind.STATUS_CHANGE:
        raise Invalid("entry kind", msg("status changes are recorded by changing the status"))
    if kind in SYSTEM_KINDS:
        raise Invalid("entry kind", msg("the desk writes these lines itself"))
    if kind != EntryKind.CUSTOMER_MESSAGE and (channel is not None or received_at is not None):
        raise Invalid("channel", msg("only a customer's message has a channel and a time received"))
    came_by = _enum(Channel, channel, "channel") if channel is not None else None
    if received_at is not None:
        if received_at.tzinfo is None:
            raise Invalid("received", msg("give the time with its time zone"))
        if received_at > utcnow() + FUTURE_SLACK:
            raise Invalid("received", msg("the time received cannot be in the future"))
    body = check_block("body", body, MAX_BODY)
    if kind == EntryKind.CALL_LOG:
        if call_duration_seconds is None or not 0 <= call_duration_seconds <= MAX_CALL_SECONDS:
            raise Invalid("call duration", msg("a call log needs a duration between 0 seconds and 24 hours"))
    elif call_duration_seconds is not None:
        raise Invalid("call duration", msg("only call logs have a duration"))
    if not body and kind != EntryKind.CALL_LOG:
        raise Invalid("body", msg("write something first"))
    ticket = load_for_change(session, number, expected_version)
    if kind == EntryKind.CUSTOMER_MESSAGE and came_by is None:
        came_by = Channel(ticket.channel)
    # How it came and when are part of the entry as written: reopening a pending ticket flushes it at once.
    record_entry(
        session,
        actor,
        ticket,
        kind,
        body,
        call_duration_seconds=call_duration_seconds,
        policy=policy,
        channel=came_by,
        received_at=received_at,
    )
    save_change(session, ticket, expected_version)
    return ticket.version


def record_entry(
    session: Session,
    actor: Actor,
    ticket: Ticket,
    kind: EntryKind,
    body: str,
    *,
    by_actor: bool = True,
    call_duration_seconds: int | None = None,
    policy: SlaPolicy | None = None,
    channel: Channel | None = None,
    received_at: datetime | None = None,
) -> TicketEntry:
    """Add a checked entry to a loaded ticket with its consequences (first response, reopening), uncommitted.

    The entry is the actor's unless not `by_actor` (a customer's mail, recorded by nobody).
    """
    assert ticket.id is not None
    number = ticket.id
    if ticket.status == Status.CLOSED and kind != EntryKind.INTERNAL_NOTE:
        raise NotAllowed(msg("Ticket #{number} is closed; reopen it first or open a new ticket.", number=number))
    entry = TicketEntry(
        ticket_id=number,
        kind=kind,
        author_id=actor.id if by_actor else None,
        body=body,
        call_duration_seconds=call_duration_seconds,
        via_rule=actor.via,
        channel=channel,
        received_at=received_at,
    )
    session.add(entry)  # whole before anything flushes: the thread's rows are never updated
    if kind in (EntryKind.REPLY, EntryKind.CALL_LOG):
        if ticket.first_response_at is None:
            ticket.first_response_at = utcnow()
        if ticket.status == Status.NEW:
            _transition(session, actor, ticket, Status.OPEN, REASON_FIRST_RESPONSE, policy)
    elif kind == EntryKind.CUSTOMER_MESSAGE and ticket.status in (Status.PENDING, Status.RESOLVED):
        # The ball is back in our court; a "still broken" reply to a resolved ticket reopens it.
        _transition(session, actor, ticket, Status.OPEN, REASON_CUSTOMER_REPLIED, policy)
    audit.record(session, actor, f"ticket.{kind}", "ticket", number, chars=len(body))
    # What was sent is no longer a draft: gone in the same transaction, so a crash cannot send it twice.
    with session.no_autoflush:  # nothing is written before `commit`, where a locked database is handled
        sent = session.get(Draft, (actor.id, number))
    if sent is not None:
        session.delete(sent)
    touch(session, ticket)
    return entry


def assign(
    session: Session,
    actor: Actor,
    number: int,
    assignee_id: int | None,
    *,
    team: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> int:
    """Give a ticket to an agent (None = unassigned) and optionally a team; returns the new version.

    Agents may take an unassigned ticket or hand on their own; moving someone else's ticket is for leads. The
    handover is a line in the thread, with the giver's note for the next person (引き継ぎ) when there is one.
    """
    require(actor, Action.WORK_TICKETS)
    new_team = check_line(N_("team"), team, MAX_TEAM) or None if team is not None else None
    ticket = load_for_change(session, number, expected_version)
    if assignee_id is not None:
        _active_user(session, assignee_id)
    if not can(actor, Action.REASSIGN_TICKETS):
        if ticket.assignee_id is not None and ticket.assignee_id != actor.id:
            raise NotAllowed(
                msg("Ticket #{number} belongs to another agent; ask a lead to reassign it.", number=number)
            )
        if ticket.assignee_id is None and assignee_id not in (None, actor.id):
            # Same rule as when creating a ticket: agents take work themselves; leads hand it out.
            raise NotAllowed(
                msg("Ticket #{number} is unassigned: take it yourself, or ask a lead to hand it out.", number=number)
            )
    note = check_block("handover note", note or "", MAX_NOTE)
    previous, previous_team = ticket.assignee_id, ticket.team
    ticket.assignee_id = assignee_id
    if team is not None:
        ticket.team = new_team
    moved: dict[str, list[object]] = {}
    if previous != assignee_id:
        moved["assignee"] = [previous, assignee_id]
    if previous_team != ticket.team:
        moved["team"] = [previous_team, ticket.team]
    if not moved and not note:
        version = ticket.version
        session.rollback()  # nothing to write; end the transaction that read the ticket for change
        return version
    record_history(session, actor, number, EntryKind.ASSIGNMENT, moved, note)
    audit.record(
        session,
        actor,
        "ticket.assign",
        "ticket",
        number,
        to=assignee_id,
        team=ticket.team,
        **{"from": previous},
    )
    touch(session, ticket)
    save_change(session, ticket, expected_version)
    return ticket.version


def update_fields(
    session: Session,
    actor: Actor,
    number: int,
    *,
    priority: Priority | str | None = None,
    inquiry_type: InquiryType | str | None = None,
    purchase_id: int | None = None,
    unlink_purchase: bool = False,
    subject: str | None = None,
    expected_version: int | None = None,
    policy: SlaPolicy | None = None,
) -> int:
    """Set priority, inquiry type, subject or the linked purchase; returns the new version.

    A new priority or inquiry type brings new service levels: both due times are recomputed from receipt.
    """
    require(actor, Action.WORK_TICKETS)
    ticket = load_for_change(session, number, expected_version)
    # Everything is checked before anything is set: a refused value must not stay on the loaded ticket, where
    # the next commit in the same session would save it unaudited.
    changes: dict[str, object] = {}
    if priority is not None:
        changes["priority"] = _enum(Priority, priority, "priority")
    if inquiry_type is not None:
        changes["inquiry_type"] = _enum(InquiryType, inquiry_type, "inquiry type")
    if subject is not None:
        cleaned = check_line("subject", subject, MAX_SUBJECT)
        if not cleaned:
            raise Invalid("subject", msg("a ticket needs a subject"))
        changes["subject"] = cleaned
    if unlink_purchase:
        changes["purchase_id"] = None
    elif purchase_id is not None:
        purchase = session.get(Purchase, purchase_id)
        if purchase is None or purchase.customer_id != ticket.customer_id:
            raise Invalid("purchase", msg("purchase {id} is not one of this customer's", id=purchase_id))
        changes["purchase_id"] = purchase_id
    changes = {name: value for name, value in changes.items() if getattr(ticket, name) != value}
    if not changes:
        return ticket.version
    record_history(
        session,
        actor,
        number,
        EntryKind.FIELD_CHANGE,
        {name: [getattr(ticket, name), value] for name, value in changes.items()},
    )
    for name, value in changes.items():
        setattr(ticket, name, value)
    if "priority" in changes or "inquiry_type" in changes:
        sla.retarget(ticket, policy)
    # The subject is text from people: the audit says it changed, the ticket holds it.
    detail = {k: (f"{len(str(v))} chars" if k == "subject" else str(v)) for k, v in changes.items()}
    audit.record(session, actor, "ticket.update", "ticket", number, **detail)
    touch(session, ticket)
    save_change(session, ticket, expected_version)
    return ticket.version


def set_custom_fields(
    session: Session,
    actor: Actor,
    number: int,
    values: Mapping[str, str | None],
    *,
    expected_version: int | None = None,
) -> int:
    """Set the team's own fields of a ticket (None or "" clears one); returns the new version.

    Each change is a line in the thread; the audit names the fields, not their values.
    """
    require(actor, Action.WORK_TICKETS)
    ticket = load_for_change(session, number, expected_version)
    changed = set_values(session, actor, CustomKind.TICKETS, number, values)
    if not changed:
        return ticket.version
    record_history(
        session,
        actor,
        number,
        EntryKind.FIELD_CHANGE,
        {CUSTOM_PREFIX + name: [before, after] for name, (before, after) in changed.items()},
    )
    audit.record(session, actor, "ticket.custom", "ticket", number, fields=sorted(changed))
    touch(session, ticket)
    save_change(session, ticket, expected_version)
    return ticket.version
