"""The lead's dashboard of open tickets: each count with the filter of the list behind it.

Counted in one pass over the open tickets with the SLA rule of services/sla.py; every `Cell.filter` selects the
same tickets through services/ticket_queries (the tests check `count_tickets(cell.filter) == cell.count`).
Use `services.reports.dashboard`, which checks the acting user's permission.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.models import OPEN_STATUSES, InquiryType, Status, Subscription, User
from supportdesk.services import sla
from supportdesk.services.ticket_queries import TicketFilter

RENEWAL_DAYS = 30
# Age buckets (key, from days, to days): received at least `from` and less than `to` days ago.
AGE_BUCKETS: tuple[tuple[str, int | None, int | None], ...] = (
    ("lt1d", None, 1),
    ("1-3d", 1, 3),
    ("3-7d", 3, 7),
    ("gt7d", 7, None),
)
ATTENTION = ("overdue", "due_soon", "unassigned", "follow_up_today", "renewing")


class OpenTicket(NamedTuple):
    id: int
    status: str
    priority: str
    inquiry_type: str
    assignee_id: int | None
    customer_id: int
    received_at: datetime
    first_response_at: datetime | None
    first_response_due: datetime | None
    resolution_due: datetime | None
    follow_up_on: date | None


@dataclass(frozen=True)
class Cell:
    """One number on the dashboard and the list behind it."""

    key: str
    count: int
    filter: TicketFilter


@dataclass(frozen=True)
class Load:
    open: int = 0
    overdue: int = 0
    due_soon: int = 0


@dataclass(frozen=True)
class AgentLoad:
    user_id: int
    login: str
    name: str
    open: Cell
    overdue: Cell
    due_soon: Cell


@dataclass(frozen=True)
class Dashboard:
    now: datetime
    today: date
    soon: datetime  # next due times before this are due soon
    by_status: tuple[Cell, ...]
    by_type: tuple[Cell, ...]
    by_agent: tuple[AgentLoad, ...]
    by_age: tuple[Cell, ...]
    attention: tuple[Cell, ...]  # keys in ATTENTION order
    renewing_subscriptions: int
    loads: dict[str, Load]  # "priority:high", "inquiry_type:fault", "assignee:3", "assignee:-", "priority:all"

    def open_by(self, dimension: str, value: object) -> Load:
        return self.loads.get(f"{dimension}:{'-' if value is None else value}", Load())

    def cell(self, key: str) -> Cell:
        return next(c for c in self.attention if c.key == key)


def _renewing_customers(session: Session, today: date) -> tuple[set[int], list[int]]:
    """Customers with a live subscription renewing within RENEWAL_DAYS, and each such subscription's customer."""
    query = select(Subscription.customer_id).where(
        col(Subscription.cancelled_on).is_(None),
        col(Subscription.renewal_on) >= today,
        col(Subscription.renewal_on) <= today + timedelta(days=RENEWAL_DAYS),
    )
    owners = list(session.exec(query).all())
    return set(owners), owners


def _count(tickets: list[OpenTicket], test: Callable[[OpenTicket], bool]) -> int:
    return sum(1 for t in tickets if test(t))


def _loads(tickets: list[OpenTicket], states: dict[int, sla.SlaState]) -> dict[str, Load]:
    counts: Counter[tuple[str, str]] = Counter()
    for ticket in tickets:
        state = states[ticket.id]
        keys = (
            f"priority:{ticket.priority}",
            "priority:all",
            f"inquiry_type:{ticket.inquiry_type}",
            f"assignee:{'-' if ticket.assignee_id is None else ticket.assignee_id}",
        )
        for key in keys:
            counts[(key, "open")] += 1
            if state == sla.SlaState.OVERDUE:
                counts[(key, "overdue")] += 1
            elif state == sla.SlaState.DUE_SOON:
                counts[(key, "due_soon")] += 1
    names = {key for key, _ in counts}
    return {k: Load(counts[(k, "open")], counts[(k, "overdue")], counts[(k, "due_soon")]) for k in names}


def build_dashboard(
    session: Session,
    tickets: list[OpenTicket],
    people: dict[int, User],
    staff_ids: list[int],
    policy: SlaPolicy,
    now: datetime,
) -> Dashboard:
    """Count the open tickets every way the dashboard shows them."""
    soon = sla.soon_limit(now, policy)
    today = now.astimezone(sla.calendar(policy).zone).date()
    states = {
        t.id: sla.sla_state(t.status, t.first_response_at, t.first_response_due, t.resolution_due, now, soon)
        for t in tickets
    }
    overdue = TicketFilter(due_before=now)
    due_soon = TicketFilter(due_from=now, due_before=soon)

    by_status = tuple(
        Cell(str(s), sum(t.status == s for t in tickets), TicketFilter(statuses=(s,)))
        for s in Status
        if s in OPEN_STATUSES
    )
    by_type = tuple(
        Cell(
            str(k),
            sum(t.inquiry_type == k for t in tickets),
            TicketFilter(open_only=True, inquiry_types=(str(k),)),
        )
        for k in InquiryType
    )
    agent_ids = list(dict.fromkeys([*staff_ids, *sorted({t.assignee_id for t in tickets if t.assignee_id})]))
    by_agent = []
    for user_id in agent_ids:
        mine = [t for t in tickets if t.assignee_id == user_id]
        user = people[user_id]
        by_agent.append(
            AgentLoad(
                user_id=user_id,
                login=user.login,
                name=user.name,
                open=Cell("open", len(mine), TicketFilter(open_only=True, assignee_id=user_id)),
                overdue=Cell(
                    "overdue",
                    _count(mine, lambda t: states[t.id] == sla.SlaState.OVERDUE),
                    TicketFilter(due_before=now, assignee_id=user_id),
                ),
                due_soon=Cell(
                    "due_soon",
                    _count(mine, lambda t: states[t.id] == sla.SlaState.DUE_SOON),
                    TicketFilter(due_from=now, due_before=soon, assignee_id=user_id),
                ),
            )
        )
    by_age = []
    for key, low, high in AGE_BUCKETS:
        newest = now - timedelta(days=low) if low is not None else None  # received before this
        oldest = now - timedelta(days=high) if high is not None else None  # received at or after this
        by_age.append(
            Cell(
                key,
                sum(
                    (oldest is None or t.received_at >= oldest) and (newest is None or t.received_at < newest)
                    for t in tickets
                ),
                TicketFilter(open_only=True, received_from=oldest, received_before=newest),
            )
        )
    renewing, renewing_subscriptions = _renewing_customers(session, today)
    with_open = {t.customer_id for t in tickets}
    attention = (
        Cell("overdue", _count(tickets, lambda t: states[t.id] == sla.SlaState.OVERDUE), overdue),
        Cell("due_soon", _count(tickets, lambda t: states[t.id] == sla.SlaState.DUE_SOON), due_soon),
        Cell(
            "unassigned",
            _count(tickets, lambda t: t.assignee_id is None),
            TicketFilter(open_only=True, unassigned=True),
        ),
        Cell(
            "follow_up_today",
            _count(
                tickets, lambda t: t.status == Status.PENDING and t.follow_up_on is not None and t.follow_up_on <= today
            ),
            TicketFilter(follow_up_due_by=today),
        ),
        Cell(
            "renewing",
            _count(tickets, lambda t: t.customer_id in renewing),
            TicketFilter(open_only=True, renewal_from=today, renewal_to=today + timedelta(days=RENEWAL_DAYS)),
        ),
    )
    return Dashboard(
        now=now,
        today=today,
        soon=soon,
        by_status=by_status,
        by_type=by_type,
        by_agent=tuple(by_agent),
        by_age=tuple(by_age),
        attention=attention,
        renewing_subscriptions=sum(1 for owner in renewing_subscriptions if owner in with_open),
        loads=_loads(tickets, states),
    )
