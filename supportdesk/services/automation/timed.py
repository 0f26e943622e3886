"""Timed rules, on the business-hours clock of services/sla.py (business days, holidays, 年末年始):

- a pending ticket whose follow-up date is reached (at the first business hour on or after that date) reopens, or
  only tells its assignee (`[service] follow_up = "notify"`), with a line in the thread;
- a first response or resolution due soon tells the assignee (the team's leads when nobody has it); overdue tells
  the assignee and the team's leads — once per ticket and level;
- a resolved ticket closes after `close_after_days` days;
- a customer who has not answered a pending ticket for `remind_after_days` business days gets one reminder mail
  per wait (sent only while the desk is working).

Each action and its `timed_mark` commit together, so whatever the number of runs, each happens once.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Exists, and_, exists, or_, true
from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.errors import SupportDeskError
from supportdesk.models import Status, Ticket, TimedMark
from supportdesk.models.base import utcnow
from supportdesk.service_settings import ServiceSettings
from supportdesk.services import notifications, sla, tickets
from supportdesk.services.actor import Actor
from supportdesk.services.automation.actions import automation_entry
from supportdesk.services.automation.conditions import is_open
from supportdesk.services.automation.mailing import Mailer, fill
from supportdesk.services.sla import BusinessCalendar

BATCH = 500
TARGETS = ("first_response", "resolution")


@dataclass
class TimedReport:
    reopened: int = 0
    follow_up_notices: int = 0
    due_soon: int = 0
    breached: int = 0
    closed: int = 0
    reminded: int = 0
    unsent: int = 0
    skipped: int = 0  # a person changed the ticket first
    baseline: int = 0  # levels already reached when the service first ran, recorded without telling anyone

    def counts(self) -> dict[str, int]:
        return dict(vars(self))


def business_start(calendar: BusinessCalendar, day: date) -> datetime:
    """The first business moment on or after `day` (a Saturday's follow-up is Monday morning's)."""
    for offset in range(3660):
        candidate = day + timedelta(days=offset)
        if calendar.is_business_day(candidate):
            return calendar.window(candidate)[0]
    raise ValueError("the SLA calendar has no business day in ten years")


def _marks(session: Session, ticket_ids: list[int], prefix: str) -> set[tuple[int, str]]:
    if not ticket_ids:
        return set()
    query = select(TimedMark.ticket_id, TimedMark.mark).where(
        col(TimedMark.ticket_id).in_(ticket_ids), col(TimedMark.mark).startswith(prefix)
    )
    return {(tid, mark) for tid, mark in session.exec(query).all()}


def _has(mark: str) -> Exists:
    return exists().where(col(TimedMark.ticket_id) == Ticket.id, col(TimedMark.mark) == mark)


# ---- follow-up dates -----------------------------------------------------------------------------------------


def follow_ups(
    session: Session, account: Actor, policy: SlaPolicy, settings: ServiceSettings, now: datetime, out: TimedReport
) -> None:
    calendar = sla.calendar(policy)
    today = sla.local_today(policy, now)
    due = session.exec(
        select(col(Ticket.id), col(Ticket.follow_up_on))
        .where(Ticket.status == Status.PENDING, col(Ticket.follow_up_on) <= today)
        .order_by(col(Ticket.follow_up_on), col(Ticket.id))
        .limit(BATCH * 4)
    ).all()
    done = _marks(session, [n for n, _d in due if n is not None], "follow_up:")
    session.rollback()
    for number, day in due:
        assert number is not None and day is not None
        mark = f"follow_up:{day.isoformat()}"
        if (number, mark) in done or now < business_start(calendar, day):
            continue
        try:
            if settings.follow_up == "reopen":
                tickets.change_status(
                    session, account, number, Status.OPEN, reason=tickets.REASON_FOLLOW_UP, policy=policy
                )
                ticket = session.get(Ticket, number, populate_existing=True)
                assert ticket is not None
                session.add(TimedMark(ticket_id=number, mark=mark))
                notifications.notify(
                    session, [ticket.assignee_id], notifications.FOLLOW_UP, ticket_id=number, reopened=True
                )
                session.commit()
                out.reopened += 1
            else:
                ticket, _entry = automation_entry(session, account, number, tickets.REASON_FOLLOW_UP)
                session.add(TimedMark(ticket_id=number, mark=mark))
                notifications.notify(
                    session, [ticket.assignee_id], notifications.FOLLOW_UP, ticket_id=number, reopened=False
                )
                tickets.save_change(session, ticket, None)
                out.follow_up_notices += 1
        except SupportDeskError:
            session.rollback()
            out.skipped += 1


# ---- service levels ------------------------------------------------------------------------------------------


def _levels(ticket: Ticket, now: datetime, soon: datetime) -> list[tuple[str, str, datetime]]:
    """(target, level, due) of each level the ticket has reached: due_soon or breach."""
    found = []
    dues = (
        ("first_response", ticket.first_response_due if ticket.first_response_at is None else None),
        ("resolution", ticket.resolution_due),
    )
    for target, due in dues:
        if due is None:
            continue
        if due < now:
            found.append((target, "breach", due))
        elif due < soon:
            found.append((target, "soon", due))
    return found


def service_levels(session: Session, policy: SlaPolicy, now: datetime, out: TimedReport, quiet: bool = False) -> int:
    """Tell of the levels reached since the last run (at most BATCH tickets); returns how many tickets it looked at.

    `quiet` records the levels already reached without telling anyone: a service starting on a desk with a past
    does not send a notification for every ticket that was overdue before it ran.
    """
    soon = sla.soon_limit(now, policy)
    waiting = []
    for target, due_column, unanswered in (
        ("first_response", col(Ticket.first_response_due), col(Ticket.first_response_at).is_(None)),
        ("resolution", col(Ticket.resolution_due), true()),
    ):
        waiting.append(
            and_(
                unanswered,
                due_column < soon,
                ~_has(f"sla:{target}:breach"),
                or_(due_column < now, ~_has(f"sla:{target}:soon")),
            )
        )
    running = [str(s) for s in sla.CLOCK_RUNNING]
    found = session.exec(
        select(Ticket).where(col(Ticket.status).in_(running), or_(*waiting)).order_by(col(Ticket.id)).limit(BATCH)
    ).all()
    done = _marks(session, [t.id for t in found if t.id is not None], "sla:")
    for ticket in found:
        assert ticket.id is not None
        for target, level, due in _levels(ticket, now, soon):
            mark = f"sla:{target}:{level}"
            if (ticket.id, mark) in done:
                continue
            session.add(TimedMark(ticket_id=ticket.id, mark=mark))
            if quiet:
                out.baseline += 1
                continue
            people: list[int | None]
            if level == "breach":
                if (ticket.id, f"sla:{target}:soon") not in done:
                    session.add(TimedMark(ticket_id=ticket.id, mark=f"sla:{target}:soon"))  # past warning
                people = [ticket.assignee_id, *notifications.team_leads(session, ticket.team)]
                kind = notifications.BREACH
                out.breached += 1
            else:
                leads = notifications.team_leads(session, ticket.team)
                people = [ticket.assignee_id] if ticket.assignee_id else [*leads]
                kind = notifications.DUE_SOON
                out.due_soon += 1
            notifications.notify(session, people, kind, ticket_id=ticket.id, target=target, due=due.isoformat())
    session.commit()
    return len(found)


# ---- closing resolved tickets, reminding customers -----------------------------------------------------------


def auto_close(session: Session, account: Actor, policy: SlaPolicy, days: int, now: datetime, out: TimedReport) -> None:
    numbers = session.exec(
        select(Ticket.id)
        .where(Ticket.status == Status.RESOLVED, col(Ticket.resolved_at) <= now - timedelta(days=days))
        .order_by(col(Ticket.resolved_at))
        .limit(BATCH)
    ).all()
    session.rollback()
    for number in numbers:
        assert number is not None
        try:
            tickets.change_status(
                session, account, number, Status.CLOSED, reason=tickets.REASON_AUTO_CLOSE, policy=policy
            )
            out.closed += 1
        except SupportDeskError:
            session.rollback()
            out.skipped += 1


def reminders(
    session: Session,
    account: Actor,
    policy: SlaPolicy,
    settings: ServiceSettings,
    mailer: Mailer | None,
    now: datetime,
    out: TimedReport,
) -> None:
    calendar = sla.calendar(policy)
    if not is_open(calendar, now):
        return  # customers are written to while the desk works
    opens, closes = calendar.opens, calendar.closes
    day_seconds = (datetime.combine(date.min, closes) - datetime.combine(date.min, opens)).total_seconds() or 86400
    wait = settings.remind_after_days * day_seconds
    found = session.exec(
        select(Ticket.id, Ticket.pending_since, Ticket.subject)
        .where(
            Ticket.status == Status.PENDING,
            col(Ticket.pending_since) <= now - timedelta(days=settings.remind_after_days),
        )
        .order_by(col(Ticket.pending_since))
        .limit(BATCH)
    ).all()
    done = _marks(session, [n for n, _p, _s in found if n is not None], "reminder:")
    session.rollback()
    for number, since, subject in found:
        assert number is not None and since is not None
        mark = f"reminder:{since.isoformat()}"[:60]
        if (number, mark) in done or calendar.add(since, wait) > now:
            continue
        if mailer is None:
            out.unsent += 1
            continue
        try:
            ticket, entry = automation_entry(session, account, number, tickets.NOTE_REMINDED)
            session.flush()
            if not mailer.to_customer(session, number, fill(settings.reminder, number, subject), entry.id):
                session.rollback()
                out.unsent += 1
                continue
            session.add(TimedMark(ticket_id=number, mark=mark))
            tickets.save_change(session, ticket, None)
            out.reminded += 1
        except SupportDeskError:
            session.rollback()
            out.skipped += 1


def run_timed(
    session: Session,
    account: Actor,
    *,
    policy: SlaPolicy,
    settings: ServiceSettings,
    mailer: Mailer | None,
    now: datetime | None = None,
    first: bool = False,
) -> TimedReport:
    """One round of every timed rule at `now`; the `first` round on a desk records the service levels already
    missed without telling anyone."""
    now = now or utcnow()
    out = TimedReport()
    follow_ups(session, account, policy, settings, now, out)
    if settings.sla_warnings:
        while service_levels(session, policy, now, out, quiet=first) == BATCH and first:
            pass  # the first round records every level already missed, however many; later rounds BATCH at a time
    if settings.close_after_days:
        auto_close(session, account, policy, settings.close_after_days, now, out)
    if settings.remind_after_days:
        reminders(session, account, policy, settings, mailer, now, out)
    return out
