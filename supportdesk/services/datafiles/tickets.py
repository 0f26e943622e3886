"""Planning imports of tickets with their threads.

A tickets file has one row per thread entry: the ticket's columns repeat on each row of its thread and the rows
of one ticket share its id (問い合わせID, or the SupportDesk number of an export). A ticket without entries is one
row with the entry columns empty. Entries are append-only, so a re-import adds only the entries the desk does not
have yet (the same kind, time to the second and text) and never changes or removes one.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.sql.expression import Select

from supportdesk import clock
from supportdesk.errors import Invalid
from supportdesk.fields import Kind, Use, fields_of
from supportdesk.i18n import N_, msg, msgn
from supportdesk.importing import Row
from supportdesk.models import (
    EntryKind,
    Purchase,
    Status,
    StatusChange,
    Ticket,
    TicketEntry,
    TicketTag,
    User,
)
from supportdesk.services import sla
from supportdesk.services.cases import normalise_tags, ticket_tags
from supportdesk.services.datafiles.people import find_customer_for
from supportdesk.services.datafiles.plan import (
    UNCHANGED,
    UPDATE,
    Context,
    Step,
    by_ref,
    changed_fields,
    claim_id,
    flush_for_id,
    locate,
)
from supportdesk.services.reindex import queue_for_search
from supportdesk.services.tickets import MAX_CALL_SECONDS, MAX_REASON, MAX_SUBJECT, MAX_TEAM
from supportdesk.untrusted import MAX_BODY, check_block, check_line

# Columns of one thread entry, and the ticket's own columns, which every row of its thread repeats (or leaves empty).
ENTRY_FIELDS = tuple(f.name for f in fields_of(Kind.TICKETS, Use.READ) if f.entry)
TICKET_FIELDS = tuple(f.name for f in fields_of(Kind.TICKETS, Use.READ) if not f.entry)
_COPIED = ("channel", "inquiry_type", "priority", "follow_up_on", "first_response_at", "resolved_at", "closed_at")
# Why a status changed, when the import itself changed it; stored like the other reasons the desk writes.
REASON_IMPORTED = "imported"


def _second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def plan_tickets(ctx: Context, rows: Iterable[Row]) -> list[Step]:
    groups: dict[str, list[Row]] = {}
    lonely: list[Step] = []
    for row in rows:
        number = row.get("supportdesk_id")
        key = row.get("external_ref") or (f"#{number}" if number is not None else None)
        if key is None:
            row.fail("", msg("the row has no ticket id (問い合わせID) to keep a ticket's thread together"))
            lonely.append(Step(row.row, row.cells.get("subject", ""), problems=row.problems))
            ctx.advance()
            continue
        groups.setdefault(key, []).append(row)
    users = dict(ctx.session.exec(Select[str, int](col(User.login), col(User.id))).all())
    steps = [_plan_group(ctx, group, users) for group in groups.values()] + lonely
    return sorted(steps, key=lambda s: s.row)


def _plan_group(ctx: Context, rows: list[Row], users: dict[str, int]) -> Step:
    step = _plan_ticket(ctx, rows, users)
    ctx.advance(len(rows))  # a ticket's rows are checked together, as one record
    return step


def _ticket_values(rows: list[Row]) -> dict[str, Any]:
    """The ticket's columns from the rows of its thread; a later row saying otherwise is a problem there."""
    values: dict[str, Any] = {}
    first_row: dict[str, Row] = {}
    for row in rows:
        for name in TICKET_FIELDS:
            if not row.has(name):
                continue
            if name in values and values[name] != row.get(name):
                earlier = first_row[name]
                row.fail(
                    name,
                    msg(
                        "differs from row {row} ({value}) of the same ticket",
                        row=earlier.row,
                        value=earlier.cells.get(name, ""),
                    ),
                )
                continue
            values[name] = row.get(name)
            first_row.setdefault(name, row)
    return values


def _problems(rows: list[Row]) -> list[Any]:
    return [p for row in rows for p in row.problems]


def _plan_ticket(ctx: Context, rows: list[Row], users: dict[str, int]) -> Step:
    head = rows[0]
    values = _ticket_values(rows)
    # The ticket's own columns are read from the first row, with any blanks there filled from later rows.
    for name, value in values.items():
        head.values.setdefault(name, value)
    step = Step(
        head.row, f"{values.get('external_ref') or '#' + str(values.get('supportdesk_id'))} {values.get('subject', '')}"
    )
    step.rows = tuple(r.row for r in rows)
    customer = find_customer_for(ctx, head)
    fields = _checked_fields(ctx, head, values, users, customer.id if customer else None)
    entries = [e for e in (_entry(row, users, values.get("received_at")) for row in rows) if e is not None]
    step.problems = _problems(rows)
    if step.problems or customer is None:
        return step
    fields["customer_id"] = customer.id
    existing, keep_id = locate(
        ctx,
        Ticket,
        head,
        agrees=lambda t: t.customer_id == customer.id or _second(t.received_at) == _second(fields["received_at"]),
        natural=lambda unreferenced: None,  # a ticket is known by its id only
        describe=lambda ticket: msg("ticket #{id} {subject}", id=ticket.id, subject=ticket.subject),
    )
    step.problems = _problems(rows)
    if step.problems:
        return step
    tags = values.get("tags")
    if existing is None:
        step.notes.append(msgn("{count} thread entry", "{count} thread entries", len(entries)))
        step.write = lambda: _create(ctx, fields, entries, tags, keep_id)
        return step
    _plan_ticket_update(ctx, step, existing, fields, entries, tags)
    return step


def _checked_fields(
    ctx: Context, row: Row, values: dict[str, Any], users: dict[str, int], customer_id: int | None
) -> dict[str, Any]:
    """The ticket's fields, by the rules of services/tickets.py (subject, pending needs a follow-up date…)."""
    fields: dict[str, Any] = {name: values[name] for name in _COPIED if name in values}
    if values.get("external_ref"):
        fields["external_ref"] = values["external_ref"]
    subject = _text(row, "subject", lambda: check_line("subject", values.get("subject"), MAX_SUBJECT))
    if not subject and not any(p.column == row.column("subject") for p in row.problems):
        row.fail("subject", msg("a ticket needs a subject"))
    fields["subject"] = subject
    if "received_at" not in values and "received_at" not in row.cells:
        row.fail("received_at", msg("when the inquiry was received is needed"))
    fields["received_at"] = values.get("received_at")
    fields["status"] = values.get("status", Status.NEW)
    if fields["status"] == Status.PENDING and "follow_up_on" not in values:
        row.fail("follow_up_on", msg("a pending ticket needs a follow-up date"))
    if login := values.get("assignee"):
        if login not in users:
            row.fail("assignee", msg("no user has this login"))
        fields["assignee_id"] = users.get(login)
    if "team" in values:
        fields["team"] = _text(row, "team", lambda: check_line(N_("team"), values["team"], MAX_TEAM)) or None
    if "resolution_note" in values:
        note = values["resolution_note"]
        fields["resolution_note"] = (
            _text(row, "resolution_note", lambda: check_line(N_("resolution note"), note, MAX_REASON)) or None
        )
    if ref := values.get("purchase_ref"):
        purchase = by_ref(ctx.session, Purchase, ref)
        if purchase is None and ref.startswith("#") and ref[1:].isdigit():
            purchase = ctx.session.get(Purchase, int(ref[1:]))  # an export names a purchase without an id by number
        if purchase is None or (customer_id is not None and purchase.customer_id != customer_id):
            row.fail("purchase_ref", msg("is not one of this customer's purchases"))
        fields["purchase_id"] = purchase.id if purchase else None
    if "tags" in values:
        try:
            values["tags"] = normalise_tags([values["tags"]])
        except Invalid as exc:
            row.fail("tags", exc.why_msg)
    return fields


def _text(row: Row, name: str, rule: Callable[[], str]) -> str:
    """A text cell by the rule of the hand-input form; a refusal is reported on the row, which then fails."""
    try:
        return rule()
    except Invalid as exc:
        row.fail(name, exc.why_msg)
        return ""


def _entry(row: Row, users: dict[str, int], received: datetime | None) -> dict[str, Any] | None:
    """One thread entry from a row, by the rules of `add_entry`; None when the row carries no entry."""
    if not any(row.has(name) for name in ENTRY_FIELDS):
        return None
    kind = EntryKind(row.get("entry_kind", EntryKind.INTERNAL_NOTE))
    # A status change's text is its reason, stored on the status change with the reason's length.
    limit = MAX_REASON if kind == EntryKind.STATUS_CHANGE else MAX_BODY
    body = _text(row, "entry_body", lambda: check_block("body", row.get("entry_body", ""), limit))
    seconds = row.get("call_seconds", row.get("call_minutes"))
    duration_column = "call_seconds" if row.has("call_seconds") else "call_minutes"
    if kind == EntryKind.CALL_LOG:
        if seconds is None or not 0 <= seconds <= MAX_CALL_SECONDS:
            row.fail(duration_column, msg("a call log needs a duration between 0 seconds and 24 hours"))
    elif seconds is not None:
        row.fail(duration_column, msg("only call logs have a duration"))
    if kind == EntryKind.STATUS_CHANGE and not row.has("to_status"):
        row.fail("to_status", msg("a status change needs the status it changed to"))
    # A text cell that was there but refused (too long, a control character) is reported already.
    if not body and "entry_body" not in row.cells and kind not in (EntryKind.CALL_LOG, EntryKind.STATUS_CHANGE):
        row.fail("entry_body", msg("an entry needs its text"))
    author = row.get("entry_author")
    if author and author not in users:
        row.fail("entry_author", msg("no user has this login"))
    return {
        "kind": kind,
        "body": body,
        "call_duration_seconds": seconds,
        "author_id": users.get(author) if author else None,
        "created_at": row.get("entry_at") or received,
        "from_status": row.get("from_status"),
        "to_status": row.get("to_status"),
    }


def _entry_key(kind: str, at: datetime | None, body: str, seconds: int | None) -> tuple[str, Any, str, int | None]:
    return (str(kind), _second(at) if at else None, body.strip(), seconds)


def _add_entries(ctx: Context, ticket: Ticket, entries: list[dict[str, Any]]) -> None:
    assert ticket.id is not None
    for entry in entries:
        change_id = None
        if entry["kind"] == EntryKind.STATUS_CHANGE:
            change = StatusChange(
                ticket_id=ticket.id,
                from_status=entry["from_status"],
                to_status=entry["to_status"],
                actor_id=entry["author_id"],
                reason=entry["body"] or None,
                at=entry["created_at"],
            )
            change_id = flush_for_id(ctx.session, change)
        ctx.session.add(
            TicketEntry(
                ticket_id=ticket.id,
                kind=entry["kind"],
                author_id=entry["author_id"],
                body=entry["body"],
                call_duration_seconds=entry["call_duration_seconds"],
                status_change_id=change_id,
                created_at=entry["created_at"],
            )
        )


def _status_line(ctx: Context, ticket: Ticket, before: Status | None, at: datetime) -> dict[str, Any]:
    """The thread line of a status the import set itself, so every status a ticket had stays on record."""
    return {
        "kind": EntryKind.STATUS_CHANGE,
        "body": REASON_IMPORTED,
        "call_duration_seconds": None,
        "author_id": ctx.actor.id,
        "created_at": at,
        "from_status": before,
        "to_status": ticket.status,
    }


def _stop_clock(ticket: Ticket, at: datetime) -> None:
    # Pending, resolved and closed tickets are not using up their service level (services/sla.py).
    if Status(ticket.status) in sla.CLOCK_STOPPED and ticket.pending_since is None:
        sla.pause(ticket, at)


def _set_tags(ctx: Context, number: int, tags: list[str]) -> None:
    for old in ctx.session.exec(select(TicketTag).where(TicketTag.ticket_id == number)).all():
        ctx.session.delete(old)
    ctx.session.add_all(TicketTag(ticket_id=number, tag=tag) for tag in tags)


def _create(
    ctx: Context, fields: dict[str, Any], entries: list[dict[str, Any]], tags: list[str] | None, keep_id: int | None
) -> int:
    ticket = Ticket(**fields)
    if ticket.first_response_at is None:
        replies = [e["created_at"] for e in entries if e["kind"] in (EntryKind.REPLY, EntryKind.CALL_LOG)]
        ticket.first_response_at = min(replies) if replies else None
    sla.retarget(ticket, ctx.policy)
    # A ticket from the past sorts among the others by its own last activity, not by the day it was imported.
    ticket.updated_at = max([ticket.received_at, *(e["created_at"] for e in entries)])
    claim_id(ctx, "ticket", ticket, keep_id)
    number = flush_for_id(ctx.session, ticket)
    if not any(e["kind"] == EntryKind.STATUS_CHANGE for e in entries):
        entries = [_status_line(ctx, ticket, None, ticket.received_at), *entries]
    _add_entries(ctx, ticket, entries)
    changes = [e for e in entries if e["kind"] == EntryKind.STATUS_CHANGE]
    _stop_clock(ticket, max(e["created_at"] for e in changes))
    if tags:
        _set_tags(ctx, number, tags)
    queue_for_search(ctx.session, [number])
    return number


def _plan_ticket_update(
    ctx: Context,
    step: Step,
    ticket: Ticket,
    fields: dict[str, Any],
    entries: list[dict[str, Any]],
    tags: list[str] | None,
) -> None:
    assert ticket.id is not None
    step.target_id = ticket.id
    have = {
        _entry_key(e.kind, e.created_at, e.body, e.call_duration_seconds)
        for e in ctx.session.exec(select(TicketEntry).where(TicketEntry.ticket_id == ticket.id)).all()
    }
    new = [
        e for e in entries if _entry_key(e["kind"], e["created_at"], e["body"], e["call_duration_seconds"]) not in have
    ]
    changes = changed_fields(ticket, fields)
    tags_change = tags is not None and sorted(tags) != ticket_tags(ctx.session, ticket.id)
    if not changes and not new and not tags_change:
        step.action = UNCHANGED
        return
    step.action = UPDATE
    step.changes = tuple(sorted(changes)) + (("tags",) if tags_change else ())
    if new:
        step.notes.append(msgn("adds {count} thread entry", "adds {count} thread entries", len(new)))

    def write() -> int:
        before = Status(ticket.status)
        for name, value in changes.items():
            setattr(ticket, name, value)
        added = list(new)
        if "status" in changes and not any(e["kind"] == EntryKind.STATUS_CHANGE for e in added):
            added.append(_status_line(ctx, ticket, before, clock.now()))
        if {"received_at", "priority", "inquiry_type"} & changes.keys():
            sla.retarget(ticket, ctx.policy)
        ctx.session.add(ticket)
        _add_entries(ctx, ticket, added)
        if tags_change and tags is not None:
            _set_tags(ctx, int(ticket.id or 0), tags)
        ticket.updated_at = max([ticket.updated_at, *[e["created_at"] for e in added]])
        queue_for_search(ctx.session, [int(ticket.id or 0)])
        return int(ticket.id or 0)

    step.write = write
