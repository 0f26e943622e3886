"""Service levels (SLA): due times counted in business hours, the pending pause, and overdue / due soon.

The clock runs only within the policy's business hours on business days, in the desk's time zone, and stops on
public holidays (the `holidays` library, Japan by default) and on the yearly closed days (年末年始). A ticket
carries two stored due times, set when it is created and recomputed when its priority or type changes:

    first_response_due = received_at + first-response target (business hours)
    resolution_due     = received_at + resolution target + sla_paused_seconds (business hours)

Pending (waiting for the customer) pauses the resolution clock: entering pending stamps `pending_since`; leaving
it adds the business time spent waiting to `sla_paused_seconds` and moves `resolution_due` on by as much. While
pending, a ticket is neither overdue nor due soon. Resolving stops the clock the same way, so a reopened ticket
has the time it had left rather than being overdue at once.

The *next due* time of an open ticket is its first-response due while nobody has answered (if earlier than the
resolution due), else its resolution due. It is overdue once the next due time has passed, and due soon when it
falls within `due_soon_hours` business hours from now. `ticket_queries` says the same in SQL.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import lru_cache

from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.clock import zone_named
from supportdesk.config import WEEKDAY_NAMES, SlaPolicy
from supportdesk.models import Priority, Status, StatusChange, Ticket

# Statuses whose SLA clock runs: open and not waiting for the customer.
CLOCK_RUNNING = frozenset({Status.NEW.value, Status.OPEN.value, Status.ON_HOLD.value})
CLOCK_STOPPED = frozenset({Status.PENDING, Status.RESOLVED, Status.CLOSED})
_MAX_DAYS = 3_660  # a policy with no business day at all must not loop for ever


class SlaState(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"  # pending: waiting for the customer
    DONE = "done"  # resolved or closed


@dataclass(frozen=True)
class BusinessCalendar:
    """When the desk works: business hours on business days, less holidays and yearly closed days."""

    zone: tzinfo
    opens: time
    closes: time
    weekdays: frozenset[int]
    country: str
    closed_days: frozenset[tuple[int, int]]

    def is_business_day(self, day: date) -> bool:
        if day.weekday() not in self.weekdays or (day.month, day.day) in self.closed_days:
            return False
        return not (self.country and day in _holidays(self.country, day.year))

    def window(self, day: date) -> tuple[datetime, datetime]:
        """The business hours of `day` as aware datetimes (24:00 is the next midnight)."""
        start = datetime.combine(day, self.opens, self.zone)
        if self.closes == time(0):
            return start, datetime.combine(day + timedelta(days=1), time(0), self.zone)
        return start, datetime.combine(day, self.closes, self.zone)

    def add(self, start: datetime, seconds: float) -> datetime:
        """The moment `seconds` of business time after `start` (in UTC); `start` itself for 0 or less."""
        if seconds <= 0:
            return start
        remaining = timedelta(seconds=seconds)
        cursor = start.astimezone(self.zone)
        day = cursor.date()
        for _ in range(_MAX_DAYS):
            if self.is_business_day(day):
                opens, closes = self.window(day)
                begin = max(cursor, opens)
                if begin < closes:
                    if remaining <= closes - begin:
                        return (begin + remaining).astimezone(UTC)
                    remaining -= closes - begin
            day += timedelta(days=1)
        raise ValueError("the SLA calendar has no business hours in ten years")

    def between(self, start: datetime, end: datetime) -> int:
        """Whole seconds of business time from `start` to `end` (0 when end is not after start)."""
        if end <= start:
            return 0
        local_start, local_end = start.astimezone(self.zone), end.astimezone(self.zone)
        total = timedelta()
        day = local_start.date()
        while day <= local_end.date():
            if self.is_business_day(day):
                opens, closes = self.window(day)
                begin, finish = max(opens, local_start), min(closes, local_end)
                if finish > begin:
                    total += finish - begin
            day += timedelta(days=1)
        return int(total.total_seconds())


def load_calendar(policy: SlaPolicy, today: date | None = None) -> None:
    """Load the public holidays of this year and the next for `policy`, once, at a process's start.

    The holidays package imports every country's calendar when first used (0.3 s) and builds a year in 0.25 s more:
    in a long-running process (the app, the desk service) that was paid by the first status change or due time,
    an agent's write that stalled for 0.6 s, and by each of bench/bench_writers.py's agents inside the race.
    """
    if policy.holidays:
        year = (today or clock.today()).year
        _holidays(policy.holidays, year)
        _holidays(policy.holidays, year + 1)


@lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays(country, years=year))


@lru_cache(maxsize=16)
def _calendar(
    zone: str, hours: tuple[str, str], days: tuple[str, ...], country: str, closed: tuple[str, ...]
) -> BusinessCalendar:
    opens, closes = (time(0) if h == "24:00" else time.fromisoformat(h) for h in hours)
    return BusinessCalendar(
        zone=zone_named(zone),
        opens=opens,
        closes=closes,
        weekdays=frozenset(WEEKDAY_NAMES.index(d) for d in days),
        country=country,
        closed_days=frozenset((int(md[:2]), int(md[3:])) for md in closed),
    )


def calendar(policy: SlaPolicy) -> BusinessCalendar:
    return _calendar(policy.timezone, policy.business_hours, policy.business_days, policy.holidays, policy.closed_days)


def due_times(
    received_at: datetime,
    priority: Priority | str,
    policy: SlaPolicy | None = None,
    inquiry_type: str | None = None,
    paused_seconds: int = 0,
) -> tuple[datetime, datetime]:
    """(first response due, resolution due) of a ticket received at `received_at`, in business hours."""
    policy = policy or SlaPolicy()
    cal = calendar(policy)
    key = str(Priority(priority))
    kind = str(inquiry_type) if inquiry_type else None
    first = cal.add(received_at, policy.target_hours("first_response", key, kind) * 3600)
    resolution = cal.add(received_at, policy.target_hours("resolution", key, kind) * 3600 + paused_seconds)
    return first, resolution


def local_today(policy: SlaPolicy | None = None, now: datetime | None = None) -> date:
    """Today where the desk works (the policy's time zone)."""
    return (now or datetime.now(UTC)).astimezone(calendar(policy or SlaPolicy()).zone).date()


def soon_limit(now: datetime, policy: SlaPolicy | None = None) -> datetime:
    """Next due times before this moment are due soon (`due_soon_hours` of business time from now)."""
    policy = policy or SlaPolicy()
    return calendar(policy).add(now, policy.due_soon_hours * 3600)


def next_due(
    status: str, first_response_at: datetime | None, first_due: datetime | None, resolution_due: datetime | None
) -> datetime | None:
    """The due time that matters now; None when the clock is not running (pending, resolved, closed)."""
    if status not in CLOCK_RUNNING:
        return None
    if first_response_at is None and first_due is not None and (resolution_due is None or first_due < resolution_due):
        return first_due
    return resolution_due


def sla_state(
    status: str,
    first_response_at: datetime | None,
    first_due: datetime | None,
    resolution_due: datetime | None,
    now: datetime,
    soon: datetime,
) -> SlaState:
    """Where a ticket stands against its service levels at `now` (`soon` from `soon_limit`)."""
    if status in (Status.RESOLVED.value, Status.CLOSED.value):
        return SlaState.DONE
    if status == Status.PENDING.value:
        return SlaState.PAUSED
    due = next_due(status, first_response_at, first_due, resolution_due)
    if due is None:
        return SlaState.OK
    if due < now:
        return SlaState.OVERDUE
    return SlaState.DUE_SOON if due < soon else SlaState.OK


# ---- keeping a ticket's due times right as it changes (called by services/tickets.py) -----------------------


def retarget(ticket: Ticket, policy: SlaPolicy | None = None) -> None:
    """Recompute both due times after the priority or inquiry type changed (pauses so far still count)."""
    ticket.first_response_due, ticket.resolution_due = due_times(
        ticket.received_at, ticket.priority, policy, ticket.inquiry_type, ticket.sla_paused_seconds or 0
    )


def pause(ticket: Ticket, now: datetime) -> None:
    """The ticket starts waiting for the customer: stop its resolution clock."""
    ticket.pending_since = now


def resume(ticket: Ticket, now: datetime, policy: SlaPolicy | None = None, since: datetime | None = None) -> int:
    """The ticket stops waiting: add the business time spent pending and move the resolution due on by it.

    `since` stands in for `pending_since` on tickets that went pending before the desk recorded it (imports,
    older desks). Returns the business seconds added.
    """
    started = ticket.pending_since or since
    ticket.pending_since = None
    if started is None:
        return 0
    paused = calendar(policy or SlaPolicy()).between(started, now)
    if paused:
        ticket.sla_paused_seconds = (ticket.sla_paused_seconds or 0) + paused
        if ticket.resolution_due is not None:
            ticket.resolution_due = calendar(policy or SlaPolicy()).add(ticket.resolution_due, paused)
    return paused


def _clock_stopped_at(session: Session, ticket_id: int) -> datetime | None:
    """When an older ticket last went to a status that stops the clock (before `pending_since` was kept)."""
    query = select(StatusChange.at).where(
        StatusChange.ticket_id == ticket_id, col(StatusChange.to_status).in_([str(s) for s in CLOCK_STOPPED])
    )
    return session.exec(query.order_by(col(StatusChange.id).desc())).first()


def move_clock(session: Session, ticket: Ticket, target: Status, now: datetime, policy: SlaPolicy | None) -> None:
    """Stop or restart the resolution clock as a ticket changes status.

    Pending stops it, and so does resolving (a reopened ticket keeps the time it had left); going back to new,
    open or on hold restarts it.
    """
    assert ticket.id is not None
    stopped, stopping = Status(ticket.status) in CLOCK_STOPPED, Status(target) in CLOCK_STOPPED
    if stopping and not stopped:
        pause(ticket, now)
    elif stopped and not stopping:
        since = None if ticket.pending_since else _clock_stopped_at(session, ticket.id)
        resume(ticket, now, policy, since)


def business_hours(policy: SlaPolicy, spans: Iterable[tuple[datetime, datetime]]) -> list[float]:
    """Business hours of each (start, end) span, for reports."""
    cal = calendar(policy)
    return [cal.between(start, end) / 3600 for start, end in spans]
