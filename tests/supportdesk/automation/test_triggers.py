"""Triggers: conditions on new and changed tickets → actions, each a thread entry naming the rule; never twice per
change; rules cannot loop; round-robin and least-loaded among the team's agents who are signed in."""

import time_machine
from sqlmodel import Session, col, select

from supportdesk.config import SlaPolicy
from supportdesk.models import (
    Channel,
    CustomerRank,
    EntryKind,
    InquiryType,
    Notification,
    Priority,
    RuleFiring,
    Ticket,
    TicketEntry,
)
from supportdesk.services import notifications
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.automation.feed import Cursor, read_changes
from supportdesk.services.automation.notices import FeedReport, process_feed
from supportdesk.services.automation.triggers import run_triggers
from supportdesk.services.cases import ticket_tags
from supportdesk.services.customers import update_customer
from supportdesk.services.tickets import TicketCreate, add_entry, create_ticket, update_fields
from tests.supportdesk import factories
from tests.supportdesk.automation.conftest import jst

POLICY = SlaPolicy()

TO_TOKYO = """
name = "メールは東京へ"
[if]
channel = ["email"]
assigned = false
[then]
assign_team = "東京サポート"
"""


def feed(session: Session, account: Actor) -> FeedReport:
    return process_feed(session, account, policy=POLICY, mailer=None)


def mail_ticket(
    session: Session, account: Actor, customer: int, subject: str = "請求書の再発行", body: str = ""
) -> int:
    """A ticket as the desk opens it for a mail it took in: by its own account, nobody assigned yet."""
    data = TicketCreate(
        customer_id=customer,
        subject=subject,
        body=body or "先月分の請求書をもう一度送ってください。",
        channel=Channel.EMAIL,
        inquiry_type=InquiryType.BILLING,
        assign_to_me=False,
    )
    return create_ticket(session, account, data, POLICY)


def assignee(session: Session, number: int) -> int | None:
    return session.get(Ticket, number, populate_existing=True).assignee_id


def entries_by_rule(session: Session, number: int) -> list[tuple[str, str | None]]:
    rows = session.exec(
        select(TicketEntry.kind, TicketEntry.via_rule)
        .where(TicketEntry.ticket_id == number, col(TicketEntry.via_rule).is_not(None))
        .order_by(col(TicketEntry.id))
    )
    return [(str(kind), rule) for kind, rule in rows.all()]


def test_new_mail_tickets_go_round_robin_to_the_agents_of_the_team_who_are_signed_in(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, other_agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(session, lead, "trigger", TO_TOKYO)
    feed(session, desk_account)  # the service starts: what came before is history
    customer = factories.customer(session, agent, email="taro@example.jp")
    notifications.pulse(session, agent, None)
    notifications.pulse(session, other_agent, None)
    numbers = [mail_ticket(session, desk_account, customer) for _ in range(3)]
    report = feed(session, desk_account)
    assert (report.changes, report.fired) == (3, 3)
    assert [assignee(session, n) for n in numbers] == [agent.id, other_agent.id, agent.id]
    assert entries_by_rule(session, numbers[0]) == [("assignment", "メールは東京へ")]

    feed(session, desk_account)  # the assignments are changes too: the new assignees hear of them, by the rule
    told = session.exec(select(Notification).where(Notification.user_id == agent.id)).all()
    assert [(n.kind, n.ticket_id, n.rule) for n in told] == [
        (notifications.ASSIGNED, numbers[0], "メールは東京へ"),
        (notifications.ASSIGNED, numbers[2], "メールは東京へ"),
    ]
    assert feed(session, desk_account).fired == 0


def test_an_agent_who_left_gets_no_ticket_and_with_nobody_signed_in_the_ticket_waits_for_the_team(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, other_agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(session, lead, "trigger", TO_TOKYO)
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    notifications.pulse(session, agent, None)
    notifications.pulse(session, other_agent, None)
    notifications.sign_off(session, other_agent)
    first = mail_ticket(session, desk_account, customer)
    feed(session, desk_account)
    assert assignee(session, first) == agent.id

    clock.move_to(jst(2026, 7, 1, 10, 5))  # sato's app stopped saying it is open three minutes ago
    second = mail_ticket(session, desk_account, customer)
    feed(session, desk_account)
    ticket = session.get(Ticket, second, populate_existing=True)
    assert (ticket.assignee_id, ticket.team) == (None, "東京サポート")
    assert entries_by_rule(session, second) == [("assignment", "メールは東京へ"), ("automation", "メールは東京へ")]
    told = session.exec(select(Notification).where(Notification.user_id == lead.id)).all()
    assert [(n.kind, n.ticket_id) for n in told] == [(notifications.NOBODY_SIGNED_IN, second)]


def test_least_loaded_gives_the_ticket_to_the_agent_with_fewest_open_tickets(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, other_agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(session, lead, "trigger", TO_TOKYO + 'assign_by = "least_loaded"\n')
    customer = factories.customer(session, agent)
    for _ in range(2):
        factories.ticket(session, agent, customer)  # sato has two open tickets, suzuki none
    feed(session, desk_account)
    notifications.pulse(session, agent, None)
    notifications.pulse(session, other_agent, None)
    number = mail_ticket(session, desk_account, customer)
    feed(session, desk_account)
    assert assignee(session, number) == other_agent.id


def test_each_action_is_a_thread_entry_naming_the_rule(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(
        session,
        lead,
        "trigger",
        """
name = "返金の申し出"
[if]
words = ["返金"]
[then]
assign_agent = "sato"
priority = "high"
inquiry_type = "billing"
tags = ["返金"]
note = "返金規定を確認してから回答してください。"
""",
    )
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    number = mail_ticket(session, desk_account, customer, subject="注文の件", body="返金していただけますか")
    update_fields(session, agent, number, inquiry_type=InquiryType.QUESTION)  # sato thought it a question
    assert feed(session, desk_account).actions == 5
    ticket = session.get(Ticket, number, populate_existing=True)
    assert (ticket.assignee_id, ticket.priority, ticket.inquiry_type) == (agent.id, Priority.HIGH, InquiryType.BILLING)
    assert ticket_tags(session, number) == ["返金"]
    rule = "返金の申し出"
    assert entries_by_rule(session, number) == [
        ("assignment", rule),
        ("field_change", rule),  # priority and type, one line
        ("field_change", rule),  # tags
        ("internal_note", rule),
    ]
    authors = session.exec(select(TicketEntry.author_id).where(col(TicketEntry.via_rule) == rule)).all()
    assert set(authors) == {desk_account.id}


def test_a_trigger_never_fires_twice_for_one_change(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(session, lead, "trigger", 'name = "高優先度に"\n[then]\npriority = "high"')
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    factories.ticket(session, agent, customer)
    cursor = Cursor.load(session)
    [change], _ids = read_changes(session, cursor)
    triggers = store.active_triggers(session)
    # The same change handed over again (a restart before the cursor moved, a second instance): fired once.
    runs = [run_triggers(session, desk_account, change, triggers, policy=POLICY, mailer=None) for _ in range(3)]
    assert [r.fired for r in runs] == [1, 0, 0]
    assert feed(session, desk_account).fired == 0
    firing = session.exec(select(RuleFiring)).one()
    assert (firing.done, firing.actions, firing.change_id) == (True, 1, change.change_id)


def test_rules_that_undo_each_other_cannot_loop(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(
        session,
        lead,
        "trigger",
        'name = "上げる"\nwhen = ["updated"]\n[if]\npriority = ["low"]\n[then]\npriority = "high"',
    )
    store.save_rule(
        session,
        lead,
        "trigger",
        'name = "下げる"\nwhen = ["updated"]\n[if]\npriority = ["high"]\n[then]\npriority = "low"',
    )
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    feed(session, desk_account)
    update_fields(session, agent, number, priority=Priority.LOW)  # one change by a person
    fired = [feed(session, desk_account).fired for _ in range(4)]
    assert fired == [2, 0, 0, 0]  # each rule once for that change; their own changes start nothing
    assert session.get(Ticket, number, populate_existing=True).priority == Priority.LOW


def test_conditions_on_rank_words_in_any_width_and_business_hours(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, desk_account
):
    store.save_rule(
        session,
        lead,
        "trigger",
        """
name = "VIP の時間外の解約"
[if]
customer_rank = ["vip"]
words = ["解約", "cancel"]
business_hours = false
[then]
priority = "urgent"
""",
    )
    clock.move_to(jst(2026, 7, 1, 10, 0))
    vip = factories.customer(session, agent, full_name="山田 花子")
    regular = factories.customer(session, agent, full_name="佐々木 一郎", phone="03-9999-0000")
    update_customer(session, agent, vip, {"rank": CustomerRank.VIP}, expected_version=None)
    feed(session, desk_account)

    clock.move_to(jst(2026, 7, 1, 20, 0))  # after hours
    matching = mail_ticket(session, desk_account, vip, subject="ＣＡＮＣＥＬ my plan")
    not_vip = mail_ticket(session, desk_account, regular, subject="解約したい")
    other_words = mail_ticket(session, desk_account, vip, subject="請求書")
    clock.move_to(jst(2026, 7, 2, 10, 0))  # in hours
    in_hours = mail_ticket(session, desk_account, vip, subject="解約したい")
    assert feed(session, desk_account).fired == 1
    priorities = {
        n: session.get(Ticket, n, populate_existing=True).priority for n in (matching, not_vip, other_words, in_hours)
    }
    assert priorities == {
        matching: Priority.URGENT,
        not_vip: Priority.NORMAL,
        other_words: Priority.NORMAL,
        in_hours: Priority.NORMAL,
    }


def test_a_customers_answer_can_start_a_trigger_but_imported_history_and_the_desks_own_changes_cannot(
    clock: time_machine.Traveller, session: Session, lead: Actor, agent: Actor, other_agent: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    store.save_rule(
        session, lead, "trigger", 'name = "返信でタグ"\nwhen = ["customer_replied"]\n[then]\ntags = ["返信あり"]'
    )
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    feed(session, desk_account)
    add_entry(session, other_agent, number, EntryKind.INTERNAL_NOTE, "@sato 確認お願いします")
    assert feed(session, desk_account).fired == 0
    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "まだ届いていません")
    assert feed(session, desk_account).fired == 1
    assert ticket_tags(session, number) == ["返信あり"]
    assert feed(session, desk_account).fired == 0  # the tag the rule set is the desk's own change
