"""Changing many tickets at once: reassign, set priority, change status, add tags.

Each ticket goes through the same service as a single change (services/tickets.py, services/cases.py), with its
rules, its audit event and its own transaction; a ticket that may not change (a transition the workflow does
not allow, a colleague's edit since the list was shown) is reported with the reason, never silently skipped.
`plan_bulk` says beforehand how many tickets will change, for the confirmation.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid, SupportDeskError
from supportdesk.i18n import N_, Readable, msg, term, terms
from supportdesk.models import Priority, Status, Ticket, TicketTag
from supportdesk.services import audit, cases, tickets
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.tickets import MAX_REASON
from supportdesk.services.transitions import allowed_next, is_allowed
from supportdesk.services.unit import commit
from supportdesk.untrusted import check_line, shorten

MAX_TICKETS = 1_000


class BulkKind(StrEnum):
    ASSIGN = "assign"
    PRIORITY = "priority"
    STATUS = "status"
    TAG = "tag"


@dataclass(frozen=True)
class BulkChange:
    """What to do to every selected ticket; only the fields of `kind` are read."""

    kind: BulkKind
    assignee_id: int | None = None  # assign: None leaves the tickets unassigned
    team: str | None = None  # assign: also move to this team
    priority: str | None = None
    status: str | None = None
    reason: str | None = None  # status: the resolution note for resolved, else optional
    follow_up_on: date | None = None  # status: needed for pending
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class BulkFailure:
    number: int
    reason: Readable  # rendered in the reader's language when shown


@dataclass(frozen=True)
class BulkPlan:
    change: BulkChange
    will_change: tuple[int, ...]
    unchanged: tuple[int, ...]  # already as asked
    refused: tuple[BulkFailure, ...]


@dataclass(frozen=True)
class BulkResult:
    change: BulkChange
    changed: tuple[int, ...]
    unchanged: tuple[int, ...]
    failed: tuple[BulkFailure, ...]


def _checked(change: BulkChange) -> BulkChange:
    """Refuse a change that no ticket could take, before looking at any ticket."""
    kind = BulkKind(change.kind)
    if kind == BulkKind.PRIORITY:
        if change.priority not in set(Priority):
            why = msg(
                "{value!r} is not one of {choices}", value=shorten(str(change.priority)), choices=", ".join(Priority)
            )
            raise Invalid("priority", why)
    elif kind == BulkKind.STATUS:
        if change.status not in set(Status):
            why = msg("{value!r} is not one of {choices}", value=shorten(str(change.status)), choices=", ".join(Status))
            raise Invalid("status", why)
        if change.status == Status.PENDING and change.follow_up_on is None:
            raise Invalid("follow-up date", msg("pending tickets need a follow-up date"))
        # The same rule as one ticket's reason, checked once for all (each ticket's change checks it again).
        reason = check_line(N_("reason"), change.reason, MAX_REASON)
        if change.status == Status.RESOLVED and not reason:
            raise Invalid("resolution note", msg("say briefly how the inquiries were resolved"))
    elif kind == BulkKind.TAG:
        tags = tuple(cases.normalise_tags(change.tags))
        if not tags:
            raise Invalid("tag", msg("name at least one tag to add"))
        return BulkChange(kind=kind, tags=tags)
    return change


def _tags(session: Session, numbers: Sequence[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {n: set() for n in numbers}
    for number, tag in session.exec(
        select(TicketTag.ticket_id, TicketTag.tag).where(col(TicketTag.ticket_id).in_(numbers))
    ):
        found[number].add(tag)
    return found


def plan_bulk(session: Session, actor: Actor, numbers: Sequence[int], change: BulkChange) -> BulkPlan:
    """Which of the tickets the change would change, which are already so, and which the rules refuse."""
    require(actor, Action.BULK_CHANGE)
    change = _checked(change)
    numbers = list(dict.fromkeys(numbers))
    if not numbers:
        raise Invalid("selection", msg("select at least one ticket"))
    if len(numbers) > MAX_TICKETS:
        raise Invalid("selection", msg("at most {count} tickets at once", count=MAX_TICKETS))
    rows = {t.id: t for t in session.exec(select(Ticket).where(col(Ticket.id).in_(numbers))).all()}
    tags = _tags(session, numbers) if change.kind == BulkKind.TAG else {}
    will: list[int] = []
    same: list[int] = []
    refused = []
    for number in numbers:
        ticket = rows.get(number)
        if ticket is None:
            refused.append(BulkFailure(number, msg("Ticket #{number} does not exist.", number=number)))
            continue
        if change.kind == BulkKind.ASSIGN:
            moved = ticket.assignee_id != change.assignee_id or (change.team is not None and ticket.team != change.team)
            (will if moved else same).append(number)
        elif change.kind == BulkKind.PRIORITY:
            (will if ticket.priority != change.priority else same).append(number)
        elif change.kind == BulkKind.TAG:
            (will if set(change.tags) - tags[number] else same).append(number)
        elif ticket.status == change.status:
            same.append(number)
        elif not is_allowed(ticket.status, str(change.status)):
            refused.append(
                BulkFailure(
                    number,
                    msg(
                        "Ticket #{number} cannot go from {current} to {target}; allowed next: {options}.",
                        number=number,
                        current=term(ticket.status),
                        target=term(str(change.status)),
                        options=terms(allowed_next(ticket.status)),
                    ),
                )
            )
        else:
            will.append(number)
    session.rollback()  # only read; nothing of this session should reach a later commit
    return BulkPlan(change, tuple(will), tuple(same), tuple(refused))


def _apply_one(
    session: Session,
    actor: Actor,
    number: int,
    change: BulkChange,
    version: int | None,
    policy: SlaPolicy | None,
    today: date | None,
) -> None:
    if change.kind == BulkKind.ASSIGN:
        tickets.assign(session, actor, number, change.assignee_id, team=change.team, expected_version=version)
    elif change.kind == BulkKind.PRIORITY:
        tickets.update_fields(session, actor, number, priority=change.priority, expected_version=version, policy=policy)
    elif change.kind == BulkKind.STATUS:
        tickets.change_status(
            session,
            actor,
            number,
            str(change.status),
            reason=change.reason,
            follow_up_on=change.follow_up_on,
            expected_version=version,
            today=today,
            policy=policy,
        )
    else:
        have = cases.ticket_tags(session, number)
        cases.set_tags(session, actor, number, [*have, *change.tags], expected_version=version)


def apply_bulk(
    session: Session,
    actor: Actor,
    versions: Mapping[int, int | None],
    change: BulkChange,
    *,
    policy: SlaPolicy | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BulkResult:
    """Apply `change` to each ticket of `versions` (number → the version shown, or None not to check).

    Every ticket is changed by its own service call (audited, in its own transaction); a refusal or a conflict
    is recorded for that ticket and the others go on. One more audit event records the bulk action as a whole.
    """
    plan = plan_bulk(session, actor, list(versions), change)
    change = plan.change
    changed: list[int] = []
    failed = list(plan.refused)
    for done, number in enumerate(plan.will_change, start=1):
        try:
            _apply_one(session, actor, number, change, versions.get(number), policy, today)
        except SupportDeskError as exc:
            session.rollback()
            failed.append(BulkFailure(number, exc.as_msg()))
        else:
            changed.append(number)
        if progress is not None:
            progress(done, len(plan.will_change))
    failed.sort(key=lambda f: list(versions).index(f.number))
    audit.record(
        session,
        actor,
        "ticket.bulk",
        "ticket",
        None,
        kind=str(change.kind),
        changed=changed,
        unchanged=list(plan.unchanged),
        failed={f.number: f.reason for f in failed},
        **_detail(change),
    )
    commit(session, lambda: msg("The bulk action was done; its summary could not be recorded."))
    return BulkResult(change, tuple(changed), plan.unchanged, tuple(failed))


def _detail(change: BulkChange) -> dict[str, object]:
    values: dict[BulkKind, dict[str, object]] = {
        BulkKind.ASSIGN: {"assignee": change.assignee_id, "team": change.team},
        BulkKind.PRIORITY: {"priority": change.priority},
        # The reason and the tags are free text (they can name a customer): their size only, as for one ticket.
        BulkKind.STATUS: {
            "status": change.status,
            "reason_chars": len(change.reason or ""),
            "follow_up_on": change.follow_up_on,
        },
        BulkKind.TAG: {"tags": len(change.tags)},
    }
    return values[BulkKind(change.kind)]
