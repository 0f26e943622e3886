"""Timed rules on the business-hours clock: Friday 17:59, a holiday, 年末年始, once per ticket and level."""

from datetime import date, timedelta

import time_machine
from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.models import EntryKind, Notification, Priority, Status, StatusChange, Ticket, TicketEntry
from supportdesk.service_settings import ServiceSettings
from supportdesk.services import notifications
from supportdesk.services.actor import Actor
from supportdesk.services.automation.timed import TimedReport, run_timed
from supportdesk.services.tickets import REASON_AUTO_CLOSE, REASON_FOLLOW_UP, add_entry, change_status
from tests.supportdesk import factories
from tests.supportdesk.automation.conftest import jst

POLICY = SlaPolicy()


def tick(session: Session, account: Actor, settings: ServiceSettings | None = None) -> TimedReport:
    return run_timed(session, account, policy=POLICY, settings=settings or ServiceSettings(), mailer=None)


def notes(session: Session, user: Actor) -> list[tuple[str, int | None, str | None]]:
    rows = session.exec(select(Notification).where(Notification.user_id == user.id).order_by(col(Notification.id)))
    return [(n.kind, n.ticket_id, n.detail) for n in rows.all()]


def kinds(session: Session, user: Actor) -> list[str]:
    return [kind for kind, _ticket, _detail in notes(session, user)]


def test_friday_1759_warns_of_a_first_response_due_on_monday_and_the_breach_waits_for_monday(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 3, 15, 0))  # Friday
    customer = factories.customer(session, agent)
    # High priority: 4 business hours to the first response, 3 of them this Friday, the last one on Monday.
    number = factories.ticket(session, agent, customer, priority=Priority.HIGH)
    assert session.get(Ticket, number).first_response_due == jst(2026, 7, 6, 10, 0)

    clock.move_to(jst(2026, 7, 3, 15, 30))
    assert tick(session, desk_account).due_soon == 0  # due in 3.5 business hours: not soon yet

    clock.move_to(jst(2026, 7, 3, 17, 59))  # two business hours from now are Monday 10:59
    assert tick(session, desk_account).due_soon == 1
    assert kinds(session, agent) == [notifications.DUE_SOON]
    assert kinds(session, lead) == []  # leads hear of breaches, and of due times nobody holds

    for moment in (jst(2026, 7, 3, 18, 30), jst(2026, 7, 4, 12, 0), jst(2026, 7, 5, 23, 59), jst(2026, 7, 6, 9, 59)):
        clock.move_to(moment)
        assert tick(session, desk_account) == TimedReport()  # the weekend passes quietly: warned once, not late

    clock.move_to(jst(2026, 7, 6, 10, 0, 1))
    assert tick(session, desk_account).breached == 1
    assert kinds(session, agent) == [notifications.DUE_SOON, notifications.BREACH]
    assert kinds(session, lead) == [notifications.BREACH]
    clock.move_to(jst(2026, 7, 6, 15, 0))
    assert tick(session, desk_account) == TimedReport()  # once per ticket and level


def test_a_follow_up_date_on_a_holiday_reopens_the_ticket_on_the_next_business_morning(
    clock: time_machine.Traveller, session: Session, agent: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 9, 18, 11, 0))  # Friday before シルバーウィーク (21 敬老の日, 22 国民の休日, 23 秋分の日)
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    add_entry(session, agent, number, EntryKind.REPLY, "明細をご確認のうえ、ご連絡ください。")
    change_status(session, agent, number, Status.PENDING, follow_up_on=date(2026, 9, 21))

    for moment in (jst(2026, 9, 21, 10, 0), jst(2026, 9, 22, 10, 0), jst(2026, 9, 23, 17, 0), jst(2026, 9, 24, 8, 59)):
        clock.move_to(moment)
        assert tick(session, desk_account).reopened == 0
    assert session.get(Ticket, number, populate_existing=True).status == Status.PENDING

    clock.move_to(jst(2026, 9, 24, 9, 0))
    assert tick(session, desk_account).reopened == 1
    ticket = session.get(Ticket, number, populate_existing=True)
    assert ticket.status == Status.OPEN
    change = session.exec(select(StatusChange).order_by(col(StatusChange.id).desc())).first()
    assert (change.from_status, change.to_status, change.reason, change.actor_id) == (
        Status.PENDING,
        Status.OPEN,
        REASON_FOLLOW_UP,
        desk_account.id,
    )
    assert notes(session, agent) == [(notifications.FOLLOW_UP, number, '{"reopened": "True"}')]
    assert tick(session, desk_account).reopened == 0


def test_notify_only_leaves_the_ticket_pending_with_a_line_in_the_thread_once(
    clock: time_machine.Traveller, session: Session, agent: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 12, 25, 11, 0))
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    change_status(session, agent, number, Status.PENDING, follow_up_on=date(2026, 12, 30))  # 年末年始
    notify_only = ServiceSettings(follow_up="notify")

    clock.move_to(jst(2026, 12, 30, 10, 0))
    assert tick(session, desk_account, notify_only).follow_up_notices == 0  # the desk is closed until 4 January
    clock.move_to(jst(2027, 1, 4, 9, 0))
    assert tick(session, desk_account, notify_only).follow_up_notices == 1
    assert tick(session, desk_account, notify_only).follow_up_notices == 0
    assert session.get(Ticket, number, populate_existing=True).status == Status.PENDING
    line = session.exec(select(TicketEntry).where(TicketEntry.kind == EntryKind.AUTOMATION)).one()
    assert (line.ticket_id, line.body, line.author_id) == (number, REASON_FOLLOW_UP, desk_account.id)
    assert kinds(session, agent) == [notifications.FOLLOW_UP]


def test_no_warning_during_the_year_end_closure_for_a_ticket_due_on_the_first_working_morning(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 12, 28, 17, 0))
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, priority=Priority.HIGH)
    assert session.get(Ticket, number).first_response_due == jst(2027, 1, 4, 12, 0)
    for moment in (jst(2026, 12, 28, 17, 59), jst(2026, 12, 31, 12, 0), jst(2027, 1, 1, 0, 0), jst(2027, 1, 4, 9, 59)):
        clock.move_to(moment)
        assert tick(session, desk_account) == TimedReport()
    clock.move_to(jst(2027, 1, 4, 10, 0, 1))
    assert tick(session, desk_account).due_soon == 1


def test_unassigned_tickets_due_soon_go_to_the_teams_leads(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 1, 9, 0))
    customer = factories.customer(session, agent)
    factories.ticket(session, lead, customer, priority=Priority.URGENT, assign_to_me=False, team="東京サポート")
    clock.move_to(jst(2026, 7, 1, 9, 30))
    assert tick(session, desk_account).due_soon == 1
    assert kinds(session, lead) == [notifications.DUE_SOON]


def test_a_breach_seen_late_tells_once_without_a_due_soon_first(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 1, 9, 0))
    customer = factories.customer(session, agent)
    factories.ticket(session, agent, customer, priority=Priority.URGENT)
    clock.move_to(jst(2026, 7, 2, 9, 0))  # the service was down: both levels passed (first response, resolution)
    report = tick(session, desk_account)
    assert (report.due_soon, report.breached) == (0, 2)
    assert kinds(session, agent) == [notifications.BREACH, notifications.BREACH]
    assert tick(session, desk_account) == TimedReport()


def test_pending_tickets_are_not_warned_while_waiting_for_the_customer(
    clock: time_machine.Traveller, session: Session, agent: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 1, 9, 0))
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, priority=Priority.URGENT)
    change_status(session, agent, number, Status.PENDING, follow_up_on=date(2026, 7, 10))
    clock.move_to(jst(2026, 7, 8, 9, 0))
    assert tick(session, desk_account) == TimedReport()


def test_resolved_tickets_close_after_seven_days_by_default(
    clock: time_machine.Traveller, session: Session, agent: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    customer = factories.customer(session, agent)
    number = factories.ticket_in(session, agent, customer, Status.RESOLVED)
    clock.move_to(jst(2026, 7, 8, 9, 59))
    assert tick(session, desk_account).closed == 0
    clock.move_to(jst(2026, 7, 8, 10, 0))
    assert tick(session, desk_account).closed == 1
    ticket = session.get(Ticket, number, populate_existing=True)
    assert (ticket.status, ticket.closed_at) == (Status.CLOSED, jst(2026, 7, 8, 10, 0))
    reason = session.exec(select(StatusChange.reason).where(StatusChange.to_status == Status.CLOSED)).one()
    assert reason == REASON_AUTO_CLOSE
    assert tick(session, desk_account, ServiceSettings(close_after_days=0)).closed == 0


def test_closing_waits_for_the_days_configured(
    clock: time_machine.Traveller, session: Session, agent: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    customer = factories.customer(session, agent)
    factories.ticket_in(session, agent, customer, Status.RESOLVED)
    clock.move_to(jst(2026, 7, 1, 10, 0) + timedelta(days=13))
    assert tick(session, desk_account, ServiceSettings(close_after_days=14)).closed == 0
    clock.move_to(jst(2026, 7, 1, 10, 0) + timedelta(days=14))
    assert tick(session, desk_account, ServiceSettings(close_after_days=14)).closed == 1


def test_the_first_run_on_a_desk_records_what_was_already_late_without_a_flood_of_notifications(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account: Actor
):
    clock.move_to(jst(2026, 7, 1, 9, 0))
    customer = factories.customer(session, agent)
    late = factories.ticket(session, agent, customer, priority=Priority.URGENT)
    clock.move_to(jst(2026, 7, 2, 9, 0))
    first = run_timed(session, desk_account, policy=POLICY, settings=ServiceSettings(), mailer=None, first=True)
    assert (first.breached, first.baseline) == (0, 2)
    assert kinds(session, agent) == kinds(session, lead) == []
    fresh = factories.ticket(session, agent, customer, priority=Priority.URGENT)
    clock.move_to(jst(2026, 7, 2, 10, 30))
    later = tick(session, desk_account)
    assert (later.breached, later.baseline) == (1, 0)  # the new ticket's first response; the old one stays told
    assert [ticket for _kind, ticket, _d in notes(session, agent)] == [fresh]
    assert late != fresh
