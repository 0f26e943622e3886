"""A week at the demo desk with the service running, and what should come of it, worked out beforehand.

The week starts on Friday 20 November 2026 at noon in Tokyo (the demo desk's "now"), crosses a weekend and a public
holiday (Monday 23 November, 勤労感謝の日), and ends the next Friday at noon. Sato and Suzuki (東京サポート) are
signed in during business hours; on Tuesday at 10:00 four mails open tickets nobody has; nobody answers anything.
The service runs every 30 minutes of simulated time (well inside the 2 business hours of "due soon").

`predict` says what the service must do from the desk as it was at the start, by reading the tickets' own due
times, follow-up dates and resolution times: it does not call the rules it checks.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import time_machine
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from supportdesk.config import Settings, SlaPolicy
from supportdesk.db import open_session
from supportdesk.demo import build_demo
from supportdesk.models import Channel, Notification, Status, Ticket, User
from supportdesk.service.logs import ServiceLog
from supportdesk.service.runner import ServiceRunner
from supportdesk.service_settings import ServiceSettings
from supportdesk.services import notifications, sla
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.automation.account import service_account
from supportdesk.services.tickets import TicketCreate, create_ticket
from supportdesk.services.users import user_by_login
from tests.supportdesk.automation.conftest import jst

DEMO_TODAY = date(2026, 11, 20)  # a Friday
START = jst(2026, 11, 20, 12, 0)
END = START + timedelta(days=7)
STEP = timedelta(minutes=30)
MAILS_AT = jst(2026, 11, 24, 10, 0)  # Tuesday, after the holiday
MAILS = 4
POLICY = SlaPolicy()
SETTINGS = Settings(service=ServiceSettings(follow_up="notify", close_after_days=7))

TO_TOKYO = """
name = "メールは東京へ"
[if]
channel = ["email"]
assigned = false
[then]
assign_team = "東京サポート"
"""


def steps(step: timedelta = STEP) -> Iterator[datetime]:
    moment = START
    while moment <= END:
        yield moment
        moment += step


@dataclass(frozen=True)
class Prediction:
    follow_ups: int
    closed: int
    due_soon: int
    breached: int
    baseline: int
    fired: int
    sato: Counter[str]  # notifications sato gets, by kind


@dataclass
class Week:
    counts: Counter[str] = field(default_factory=Counter)  # summed over every job run
    mail_tickets: list[int] = field(default_factory=list)


def build(engine: Engine) -> None:
    build_demo(engine, customers=60, tickets=150, seed=20261120, today=DEMO_TODAY)


def _business_start(calendar: sla.BusinessCalendar, day: date) -> datetime:
    while not calendar.is_business_day(day):
        day += timedelta(days=1)
    return calendar.window(day)[0]


def _targets(ticket: Ticket) -> list[datetime]:
    """The due times the service watches on a ticket whose clock runs: the first response's while unanswered, and
    the resolution's."""
    dues = [ticket.first_response_due] if ticket.first_response_at is None else []
    return [d for d in [*dues, ticket.resolution_due] if d is not None]


def snapshot(session: Session) -> list[Ticket]:
    """Every ticket as it is now, detached from the session (later changes do not reach these copies)."""
    tickets = list(session.exec(select(Ticket)).all())
    session.expunge_all()
    return tickets


def predict(
    tickets: list[Ticket], mail_tickets: list[Ticket], sato_id: int, suzuki_id: int, step: timedelta = STEP
) -> Prediction:
    """What the week must bring, from the desk as it was at START (`tickets`) and the four mail tickets of Tuesday."""
    calendar = sla.calendar(POLICY)
    last = max(steps(step))
    soon_at = {moment: sla.soon_limit(moment, POLICY) for moment in (START, last)}
    running = {str(s) for s in (Status.NEW, Status.OPEN, Status.ON_HOLD)}
    sato: Counter[str] = Counter()
    follow_ups = closed = due_soon = breached = baseline = 0
    for t in tickets:
        due_follow_up = t.follow_up_on is not None and _business_start(calendar, t.follow_up_on) <= last
        if t.status == Status.PENDING and due_follow_up:
            follow_ups += 1
            sato[notifications.FOLLOW_UP] += t.assignee_id == sato_id
        if t.status == Status.RESOLVED and t.resolved_at is not None and t.resolved_at <= last - timedelta(days=7):
            closed += 1
    # Round-robin between the two signed-in agents of the team, in id order.
    turn = sorted([sato_id, suzuki_id])
    assignees = {ticket.id: turn[i % 2] for i, ticket in enumerate(mail_tickets)}
    for t in [*tickets, *mail_tickets]:
        if t.status not in running and t.id not in assignees:
            continue
        assignee = assignees.get(t.id, t.assignee_id)
        created_later = t.id in assignees
        for due in _targets(t):
            if not created_later and due < soon_at[START]:
                baseline += 1  # the level it had reached is recorded quietly at the first run
                if START <= due < last:
                    breached += 1
                    sato[notifications.BREACH] += assignee == sato_id
                continue
            if due < soon_at[last]:
                due_soon += 1
                sato[notifications.DUE_SOON] += assignee == sato_id
            if due < last:
                breached += 1
                sato[notifications.BREACH] += assignee == sato_id
    sato[notifications.ASSIGNED] += sum(1 for who in assignees.values() if who == sato_id)
    return Prediction(follow_ups, closed, due_soon, breached, baseline, len(mail_tickets), +sato)


def _mail_tickets(session: Session, account: Actor) -> list[int]:
    customers = [c for c in session.exec(select(Ticket.customer_id).order_by(col(Ticket.id)).limit(MAILS)).all()]
    return [
        create_ticket(
            session,
            account,
            TicketCreate(
                customer_id=customer,
                subject="ログインできません",
                body="パスワードを忘れました。",
                channel=Channel.EMAIL,
                assign_to_me=False,
            ),
            POLICY,
        )
        for customer in customers
    ]


def turns(
    engine: Engine, lead: str, clock: time_machine.Traveller, week: Week, step: timedelta = STEP
) -> Iterator[datetime]:
    """The week with the service running, one turn at a time: yields each moment after the service's turn."""
    calendar = sla.calendar(POLICY)
    clock.move_to(START)
    with open_session(engine) as session:
        lead_user = user_by_login(session, lead)
        assert lead_user is not None
        store.save_rule(session, Actor.from_user(lead_user), "trigger", TO_TOKYO)
        account = service_account(session)
        agents = session.exec(select(User).where(col(User.login).in_(["sato", "suzuki"]))).all()
        signed_in = [Actor.from_user(u) for u in agents]
    runner = ServiceRunner(engine, SETTINGS, log=ServiceLog(_Quiet()), with_index=False)
    runner.start(START)
    moment = START
    try:
        while moment <= END:
            clock.move_to(moment)
            with open_session(engine) as session:
                local = moment.astimezone(calendar.zone)
                opens, closes = calendar.window(local.date())
                if calendar.is_business_day(local.date()) and opens <= local < closes:
                    for person in signed_in:
                        notifications.pulse(session, person, None, moment)
                if moment == MAILS_AT:
                    week.mail_tickets = _mail_tickets(session, account)
            runner.step(moment)
            for done in runner.last_counts.values():
                week.counts.update(done)
            yield moment
            moment += step
    finally:
        runner.shutdown()


def run_week(engine: Engine, lead: str, clock: time_machine.Traveller, step: timedelta = STEP) -> Week:
    week = Week()
    for _moment in turns(engine, lead, clock, week, step):
        pass
    return week


class _Quiet:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def notifications_of(session: Session, user_id: int) -> Counter[str]:
    kinds = session.exec(select(Notification.kind).where(Notification.user_id == user_id)).all()
    return Counter(kinds)


def run_again(engine: Engine, clock: time_machine.Traveller) -> dict[str, int]:
    """One more turn of every job at the end of the week (a restarted service): what it still found to do."""
    clock.move_to(END)
    runner = ServiceRunner(engine, SETTINGS, log=ServiceLog(_Quiet()), with_index=False)
    runner.start(END)
    try:
        runner.step(END)
    finally:
        runner.shutdown()
    done: Counter[str] = Counter()
    for name, counts in runner.last_counts.items():
        if name not in ("cleanup",):
            done.update({k: v for k, v in counts.items() if v})
    return dict(done)
