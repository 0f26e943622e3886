"""Trends for the lead's charts: new vs resolved per day, and tickets per inquiry type per week."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.models import InquiryType, Ticket
from supportdesk.services import sla
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.reports import Period


@dataclass(frozen=True)
class Flow:
    """New and resolved tickets per day of a period (local days)."""

    days: tuple[date, ...]
    new: tuple[int, ...]
    resolved: tuple[int, ...]


@dataclass(frozen=True)
class WeeklyTypes:
    """Tickets received per inquiry type per week (weeks start on Monday)."""

    weeks: tuple[date, ...]
    counts: dict[str, tuple[int, ...]]


def _local_day(moment: datetime, policy: SlaPolicy) -> date:
    return moment.astimezone(sla.calendar(policy).zone).date()


def daily_flow(session: Session, actor: Actor, period: Period, policy: SlaPolicy | None = None) -> Flow:
    require(actor, Action.VIEW_REPORTS)
    policy = policy or SlaPolicy()
    start, end = period.bounds(policy)
    received = session.exec(select(Ticket.received_at).where(Ticket.received_at >= start, Ticket.received_at < end))
    resolved = session.exec(
        select(Ticket.resolved_at).where(col(Ticket.resolved_at) >= start, col(Ticket.resolved_at) < end)
    )
    new_days = Counter(_local_day(at, policy) for at in received.all())
    done_days = Counter(_local_day(at, policy) for at in resolved.all() if at is not None)
    days = period.days()
    return Flow(tuple(days), tuple(new_days[d] for d in days), tuple(done_days[d] for d in days))


def weekly_types(session: Session, actor: Actor, period: Period, policy: SlaPolicy | None = None) -> WeeklyTypes:
    require(actor, Action.VIEW_REPORTS)
    policy = policy or SlaPolicy()
    start, end = period.bounds(policy)
    query = select(Ticket.received_at, Ticket.inquiry_type).where(Ticket.received_at >= start, Ticket.received_at < end)
    counts: Counter[tuple[date, str]] = Counter()
    for at, kind in session.exec(query).all():
        day = _local_day(at, policy)
        counts[(day - timedelta(days=day.weekday()), str(kind))] += 1
    first = period.start - timedelta(days=period.start.weekday())
    weeks = tuple(first + timedelta(weeks=i) for i in range((period.end - first).days // 7 + 1))
    return WeeklyTypes(weeks, {str(k): tuple(counts[(w, str(k))] for w in weeks) for k in InquiryType})
