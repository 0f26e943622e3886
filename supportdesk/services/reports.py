"""Figures for team leads: the dashboard's open tickets now, and the SLA, agents and types reports over a period.

One service feeds the dashboard screen, its charts and `supportdesk report`, so the three always agree. Every
count of the dashboard comes with the TicketFilter of the list behind it (`Cell.filter`), and
`count_tickets(cell.filter) == cell.count` (tests hold it to that).

Definitions (times in business hours of the SLA policy, see services/sla.py):
- a period is whole days in the desk's time zone, `start` to `end` inclusive; its tickets are those *received*
  in it (a cohort), and its figures describe what became of them;
- first response is met when the first reply or call (or, lacking one, the resolution) came by its due time,
  missed when it came later or has not come and the due time has passed;
- resolution is met when the clock stopped (resolved, or pending just before resolving) by its due time,
  missed when later, or when the ticket is still running and past due;
- time to first response: received → first response; time to resolution: received → clock stop, less pauses;
  medians, and the 90th percentile by nearest rank;
- "now" figures (open, overdue, due soon) are of all open tickets at the moment of the report.

Each row carries the list behind each of its counts (`row.lists`, services/report_lists.py), as the dashboard's
cells do; `lists` is for screens and is left out of the report's JSON, CSV and text (readmodels.NOT_DATA).
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.models import OPEN_STATUSES, InquiryType, Priority, Role, Status, Ticket, User
from supportdesk.models.base import utcnow
from supportdesk.services import sla
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.dashboard import Dashboard, OpenTicket, build_dashboard
from supportdesk.services.readmodels import NOT_DATA
from supportdesk.services.report_lists import Lists, ReportLists
from supportdesk.services.ticket_queries import TicketFilter

__all__ = ["AgentRow", "Dashboard", "Period", "Report", "SlaRow", "TypeRow", "dashboard", "report"]

REPORT_KINDS = ("sla", "agents", "types")
ALL = "all"
UNASSIGNED = "-"


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def last_days(cls, days: int, today: date) -> "Period":
        return cls(today - timedelta(days=days - 1), today)

    def bounds(self, policy: SlaPolicy) -> tuple[datetime, datetime]:
        zone = sla.calendar(policy).zone
        return (
            datetime.combine(self.start, time(0), zone),
            datetime.combine(self.end + timedelta(days=1), time(0), zone),
        )

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class SlaRow:
    priority: str
    received: int
    first_response_met: int
    first_response_missed: int
    first_response_met_pct: float | None
    resolved: int
    resolution_met: int
    resolution_missed: int
    resolution_met_pct: float | None
    open_now: int
    overdue_now: int
    due_soon_now: int
    lists: Lists = field(default_factory=dict, compare=False, repr=False, metadata=NOT_DATA)


@dataclass(frozen=True)
class AgentRow:
    login: str
    name: str
    open_now: int
    overdue_now: int
    due_soon_now: int
    received: int
    resolved: int
    first_response_median_h: float | None
    first_response_p90_h: float | None
    resolution_median_h: float | None
    resolution_p90_h: float | None
    first_response_met_pct: float | None
    resolution_met_pct: float | None
    lists: Lists = field(default_factory=dict, compare=False, repr=False, metadata=NOT_DATA)


@dataclass(frozen=True)
class TypeRow:
    inquiry_type: str
    open_now: int
    overdue_now: int
    received: int
    resolved: int
    first_response_median_h: float | None
    resolution_median_h: float | None
    resolution_met_pct: float | None
    lists: Lists = field(default_factory=dict, compare=False, repr=False, metadata=NOT_DATA)


@dataclass(frozen=True)
class Report:
    kind: str
    start: date
    end: date
    generated_at: datetime
    rows: tuple[SlaRow, ...] | tuple[AgentRow, ...] | tuple[TypeRow, ...]


@dataclass(frozen=True)
class _Done:
    """What became of one ticket of the period's cohort."""

    priority: str
    inquiry_type: str
    assignee_id: int | None
    received: int = 1
    first_met: int = 0
    first_missed: int = 0
    resolved: int = 0
    resolution_met: int = 0
    resolution_missed: int = 0
    first_hours: float | None = None
    resolution_hours: float | None = None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share 0.9 for p90); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(share * len(ordered)) - 1)], 1)


def median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def met_pct(met: int, missed: int) -> float | None:
    return round(100 * met / (met + missed), 1) if met + missed else None


def _open_tickets(session: Session) -> list[OpenTicket]:
    columns = (
        Ticket.id,
        Ticket.status,
        Ticket.priority,
        Ticket.inquiry_type,
        Ticket.assignee_id,
        Ticket.customer_id,
        Ticket.received_at,
        Ticket.first_response_at,
        Ticket.first_response_due,
        Ticket.resolution_due,
        Ticket.follow_up_on,
    )
    # Typed by OpenTicket, whose fields these are, in order.
    query = Select[*tuple[Any, ...]](*(col(c) for c in columns)).where(
        col(Ticket.status).in_([str(s) for s in OPEN_STATUSES])
    )
    return [OpenTicket(*row) for row in session.exec(query).all()]


_Maybe = datetime | None
# status, priority, type, assignee, received, first response at and due, resolution due, resolved, pending since,
# seconds paused
_CohortQuery = Select[Status, Priority, InquiryType, int | None, datetime, _Maybe, _Maybe, _Maybe, _Maybe, _Maybe, int]


def _cohort(session: Session, period: Period, policy: SlaPolicy, now: datetime) -> list[_Done]:
    start, end = period.bounds(policy)
    query = _CohortQuery(
        col(Ticket.status),
        col(Ticket.priority),
        col(Ticket.inquiry_type),
        col(Ticket.assignee_id),
        col(Ticket.received_at),
        col(Ticket.first_response_at),
        col(Ticket.first_response_due),
        col(Ticket.resolution_due),
        col(Ticket.resolved_at),
        col(Ticket.pending_since),
        col(Ticket.sla_paused_seconds),
    ).where(col(Ticket.received_at) >= start, col(Ticket.received_at) < end)
    cal = sla.calendar(policy)
    out = []
    for (
        status,
        priority,
        kind,
        assignee,
        received,
        first_at,
        first_due,
        res_due,
        resolved_at,
        since,
        paused,
    ) in session.exec(query).all():
        done = _Done(str(priority), str(kind), assignee)
        answered = first_at or resolved_at
        if answered is not None:
            done = replace(done, first_hours=cal.between(received, answered) / 3600)
        if first_due is not None:
            if answered is not None:
                done = replace(done, first_met=int(answered <= first_due), first_missed=int(answered > first_due))
            elif status in sla.CLOCK_RUNNING and first_due < now:
                done = replace(done, first_missed=1)
        if resolved_at is not None:
            # The clock stopped when the ticket went pending just before it was resolved, if it did.
            stopped = min(resolved_at, since) if since is not None else resolved_at
            hours = max(0, cal.between(received, stopped) - (paused or 0)) / 3600
            done = replace(done, resolved=1, resolution_hours=hours)
            if res_due is not None:
                done = replace(done, resolution_met=int(stopped <= res_due), resolution_missed=int(stopped > res_due))
        elif status in sla.CLOCK_RUNNING and res_due is not None and res_due < now:
            done = replace(done, resolution_missed=1)
        out.append(done)
    return out


def _sum(items: Iterable[_Done], name: str) -> int:
    return sum(getattr(item, name) for item in items)


def _hours(items: list[_Done], name: str) -> list[float]:
    return [value for item in items if (value := getattr(item, name)) is not None]


def _sla_rows(cohort: list[_Done], board: Dashboard, lists: ReportLists) -> tuple[SlaRow, ...]:
    rows = []
    for key in [str(p) for p in reversed(Priority)] + [ALL]:
        items = [d for d in cohort if key in (ALL, d.priority)]
        now_open = board.open_by("priority", key)
        fm, fx, rm, rx = (_sum(items, n) for n in ("first_met", "first_missed", "resolution_met", "resolution_missed"))
        rows.append(
            SlaRow(
                priority=key,
                received=len(items),
                first_response_met=fm,
                first_response_missed=fx,
                first_response_met_pct=met_pct(fm, fx),
                resolved=_sum(items, "resolved"),
                resolution_met=rm,
                resolution_missed=rx,
                resolution_met_pct=met_pct(rm, rx),
                open_now=now_open.open,
                overdue_now=now_open.overdue,
                due_soon_now=now_open.due_soon,
                lists=lists.of(TicketFilter(priorities=(Priority(key),)) if key != ALL else TicketFilter()),
            )
        )
    return tuple(rows)


def _agent_rows(
    cohort: list[_Done], board: Dashboard, people: dict[int, User], lists: ReportLists
) -> tuple[AgentRow, ...]:
    by_agent: dict[int | None, list[_Done]] = defaultdict(list)
    for item in cohort:
        by_agent[item.assignee_id].append(item)
    ids = [load.user_id for load in board.by_agent] + sorted(i for i in by_agent if i is not None)
    rows = []
    for user_id in [*dict.fromkeys(ids), None]:
        items = by_agent.get(user_id, [])
        now_open = board.open_by("assignee", user_id)
        if user_id is None and not items and not now_open.open:
            continue
        user = people.get(user_id) if user_id is not None else None
        first, resolution = _hours(items, "first_hours"), _hours(items, "resolution_hours")
        rows.append(
            AgentRow(
                login=user.login if user else UNASSIGNED,
                name=user.name if user else UNASSIGNED,
                open_now=now_open.open,
                overdue_now=now_open.overdue,
                due_soon_now=now_open.due_soon,
                received=len(items),
                resolved=_sum(items, "resolved"),
                first_response_median_h=median(first),
                first_response_p90_h=percentile(first, 0.9),
                resolution_median_h=median(resolution),
                resolution_p90_h=percentile(resolution, 0.9),
                first_response_met_pct=met_pct(_sum(items, "first_met"), _sum(items, "first_missed")),
                resolution_met_pct=met_pct(_sum(items, "resolution_met"), _sum(items, "resolution_missed")),
                lists=lists.of(TicketFilter(assignee_id=user_id, unassigned=user_id is None)),
            )
        )
    return tuple(rows)


def _type_rows(cohort: list[_Done], board: Dashboard, lists: ReportLists) -> tuple[TypeRow, ...]:
    rows = []
    for kind in [str(k) for k in InquiryType]:
        items = [d for d in cohort if d.inquiry_type == kind]
        now_open = board.open_by("inquiry_type", kind)
        rows.append(
            TypeRow(
                inquiry_type=kind,
                open_now=now_open.open,
                overdue_now=now_open.overdue,
                received=len(items),
                resolved=_sum(items, "resolved"),
                first_response_median_h=median(_hours(items, "first_hours")),
                resolution_median_h=median(_hours(items, "resolution_hours")),
                resolution_met_pct=met_pct(_sum(items, "resolution_met"), _sum(items, "resolution_missed")),
                lists=lists.of(TicketFilter(inquiry_types=(kind,)), "open_now", "overdue_now", "received", "resolved"),
            )
        )
    return tuple(rows)


def _people(session: Session) -> dict[int, User]:
    return {u.id: u for u in session.exec(select(User)).all() if u.id is not None}


def _staff_ids(people: dict[int, User]) -> list[int]:
    """Agents and leads, in the order the desk lists its users, are on the dashboard even with nothing open."""
    staff = [u for u in people.values() if u.active and u.role in (Role.AGENT, Role.LEAD)]
    return [u.id for u in sorted(staff, key=lambda u: (str(u.role), u.login)) if u.id is not None]


def dashboard(
    session: Session, actor: Actor, policy: SlaPolicy | None = None, now: datetime | None = None
) -> Dashboard:
    """The lead's dashboard: open tickets by status, type, agent and age; what needs attention."""
    require(actor, Action.VIEW_REPORTS)
    policy = policy or SlaPolicy()
    people = _people(session)
    return build_dashboard(session, _open_tickets(session), people, _staff_ids(people), policy, now or utcnow())


def report(
    session: Session,
    actor: Actor,
    kind: str,
    period: Period,
    policy: SlaPolicy | None = None,
    now: datetime | None = None,
) -> Report:
    """The `kind` report ("sla", "agents" or "types") of the tickets received in `period`."""
    require(actor, Action.VIEW_REPORTS)
    if kind not in REPORT_KINDS:
        raise Invalid("report", msg("{value!r} is not one of {choices}", value=kind, choices=", ".join(REPORT_KINDS)))
    if period.end < period.start:
        raise Invalid("period", msg("{end} is before {start}", end=period.end, start=period.start))
    policy = policy or SlaPolicy()
    now = now or utcnow()
    people = _people(session)
    board = build_dashboard(session, _open_tickets(session), people, _staff_ids(people), policy, now)
    cohort = _cohort(session, period, policy, now)
    lists = ReportLists(*period.bounds(policy), now=now, soon=board.soon)
    rows: tuple[SlaRow, ...] | tuple[AgentRow, ...] | tuple[TypeRow, ...]
    if kind == "sla":
        rows = _sla_rows(cohort, board, lists)
    elif kind == "agents":
        rows = _agent_rows(cohort, board, people, lists)
    else:
        rows = _type_rows(cohort, board, lists)
    return Report(kind=kind, start=period.start, end=period.end, generated_at=now, rows=rows)


def period_filter(period: Period, policy: SlaPolicy, base: TicketFilter = TicketFilter()) -> TicketFilter:
    """The tickets of a period's cohort, as a list filter."""
    start, end = period.bounds(policy)
    return replace(base, received_from=start, received_before=end)
