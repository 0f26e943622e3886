"""What a trigger does to a ticket, each action through the same service a person would use, as the desk's
account carrying out the rule (so each leaves a thread entry naming the rule)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from supportdesk.config import SlaPolicy
from supportdesk.errors import SupportDeskError
from supportdesk.models import EntryKind, Ticket, TicketEntry
from supportdesk.services import audit, cases, notifications, reindex, tickets
from supportdesk.services.actor import Actor
from supportdesk.services.automation.assignment import pick_agent
from supportdesk.services.automation.definitions import Trigger
from supportdesk.services.automation.mailing import Mailer, fill
from supportdesk.services.users import user_by_login


@dataclass
class Outcome:
    changed: list[str] = field(default_factory=list)  # what the rule changed: assignee, priority, tags, note …
    failed: list[str] = field(default_factory=list)  # actions refused (an agent disabled, a conflict …)
    unsent: int = 0  # mails it could not queue (no address, mail not set up, the loop guard)


def automation_entry(session: Session, actor: Actor, number: int, note: str) -> tuple[Ticket, TicketEntry]:
    """A system line saying what the desk did (one of tickets.SYSTEM_NOTES), uncommitted: the caller commits it
    with what it records (`tickets.save_change`)."""
    ticket = tickets.load_for_change(session, number, None)
    entry = TicketEntry(ticket_id=number, kind=EntryKind.AUTOMATION, author_id=actor.id, body=note, via_rule=actor.via)
    session.add(entry)
    reindex.touch(session, ticket)
    audit.record(session, actor, "ticket.automation", "ticket", number)
    return ticket, entry


def _assign(session: Session, actor: Actor, number: int, trigger: Trigger, now: datetime, out: Outcome) -> None:
    wanted = trigger.actions
    ticket = session.get(Ticket, number, populate_existing=True)
    assert ticket is not None
    if wanted.assign_agent:
        user = user_by_login(session, wanted.assign_agent)
        if user is None or not user.active or user.id is None:
            out.failed.append("assignee")
            return
        if ticket.assignee_id != user.id:
            tickets.assign(session, actor, number, user.id)
            out.changed.append("assignee")
        return
    team = wanted.assign_team
    assert team is not None
    chosen = pick_agent(session, team, wanted.assign_by, now)
    if chosen is None:
        # Nobody of the team is here: the ticket goes to the team, and its leads hear about it.
        if ticket.team != team:
            tickets.assign(session, actor, number, ticket.assignee_id, team=team)
            out.changed.append("team")
        waiting, _entry = automation_entry(session, actor, number, tickets.NOTE_NOBODY_SIGNED_IN)
        notifications.notify(
            session,
            notifications.team_leads(session, team),
            notifications.NOBODY_SIGNED_IN,
            ticket_id=number,
            rule=trigger.name,
            team=team,
        )
        tickets.save_change(session, waiting, None)
        return
    if chosen != ticket.assignee_id or ticket.team != team:
        tickets.assign(session, actor, number, chosen, team=team)
        out.changed.append("assignee")
    else:
        session.commit()  # the team's turn moved all the same


def _acknowledge(session: Session, actor: Actor, number: int, text: str, mailer: Mailer | None, out: Outcome) -> None:
    if mailer is None:
        out.unsent += 1
        return
    ticket, entry = automation_entry(session, actor, number, tickets.NOTE_ACKNOWLEDGED)
    session.flush()
    if not mailer.to_customer(session, number, fill(text, number, ticket.subject), entry.id):
        session.rollback()
        out.unsent += 1
        return
    tickets.save_change(session, ticket, None)
    out.changed.append("acknowledgement")


def apply_trigger(
    session: Session,
    actor: Actor,
    number: int,
    trigger: Trigger,
    *,
    policy: SlaPolicy,
    mailer: Mailer | None,
    now: datetime,
) -> Outcome:
    """Carry out the trigger's actions on ticket `number`; an action refused is noted and the others still run."""
    out = Outcome()
    wanted = trigger.actions
    steps: list[tuple[str, Callable[[], None]]] = []
    if wanted.assign_agent or wanted.assign_team:
        steps.append(("assignee", lambda: _assign(session, actor, number, trigger, now, out)))
    if wanted.priority or wanted.inquiry_type:

        def fields() -> None:
            before = session.get(Ticket, number, populate_existing=True)
            assert before is not None
            moved = [n for n in ("priority", "inquiry_type") if getattr(wanted, n) not in (None, getattr(before, n))]
            if moved:
                tickets.update_fields(
                    session, actor, number, priority=wanted.priority, inquiry_type=wanted.inquiry_type, policy=policy
                )
                out.changed += moved

        steps.append(("priority", fields))
    if wanted.tags:

        def tags() -> None:
            have = cases.ticket_tags(session, number)
            if not set(wanted.tags) <= set(have):
                cases.set_tags(session, actor, number, [*have, *wanted.tags])
                out.changed.append("tags")

        steps.append(("tags", tags))
    if wanted.note:
        note = wanted.note

        def add_note() -> None:
            tickets.add_entry(session, actor, number, EntryKind.INTERNAL_NOTE, note, policy=policy)
            out.changed.append("note")

        steps.append(("note", add_note))
    if wanted.acknowledge:
        text = wanted.acknowledge
        steps.append(("acknowledgement", lambda: _acknowledge(session, actor, number, text, mailer, out)))
    for name, step in steps:
        try:
            step()
        except SupportDeskError:
            session.rollback()
            out.failed.append(name)
    return out
