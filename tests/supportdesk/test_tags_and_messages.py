"""Agents tag tickets as they work (adding and removing, with completion from the desk's tags), and enter what a
customer said by letter, fax, chat or through a colleague; the customer's answer puts the ball back in our court."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.models import AuditEvent, EntryKind, Status, Ticket, TicketEntry
from supportdesk.services.cases import change_tags, known_tags, mark_exemplary, ticket_tags
from supportdesk.services.ticket_queries import get_ticket, list_tickets
from supportdesk.services.tickets import add_entry
from tests.supportdesk import factories
from tests.supportdesk.factories import history_counts, ticket_in


@pytest.fixture
def customer(session, agent):
    return factories.customer(session, agent)


@pytest.fixture
def open_ticket(session, agent, customer):
    return ticket_in(session, agent, customer, Status.OPEN)


# ---- tags ------------------------------------------------------------------------------------------------------


def test_an_agent_adds_and_removes_tags_and_the_others_stay(session, agent, open_ticket):
    change_tags(session, agent, open_ticket, ["初期不良", "法人"])
    version, tags = change_tags(session, agent, open_ticket, ["#返金"], ["法人"])
    assert tags == ["初期不良", "返金"] == ticket_tags(session, open_ticket)
    assert session.get(Ticket, open_ticket).version == version
    detail = get_ticket(session, agent, open_ticket)
    assert detail.tags == ("初期不良", "返金")
    last = [e for e in detail.entries if e.kind == "field_change"][-1]
    assert [(c.field, c.before, c.after) for c in last.changes] == [("tags", "#初期不良 #法人", "#初期不良 #返金")]
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.object_id == open_ticket)).all()
    assert actions.count("ticket.tags") == 2


def test_tags_that_change_nothing_leave_the_ticket_alone(session, agent, open_ticket):
    version, _ = change_tags(session, agent, open_ticket, ["請求"])
    before = history_counts(session)
    assert change_tags(session, agent, open_ticket, ["ＶＩＰ", "請求"][1:], ["存在しない"]) == (version, ["請求"])
    assert history_counts(session) == before


def test_a_stale_tag_change_is_refused(session, agent, other_agent, open_ticket):
    seen = session.get(Ticket, open_ticket).version
    change_tags(session, other_agent, open_ticket, ["請求"])
    with pytest.raises(Exception, match="changed"):
        change_tags(session, agent, open_ticket, ["返金"], expected_version=seen)
    assert ticket_tags(session, open_ticket) == ["請求"]


def test_completion_offers_the_desks_tags_most_used_first_whatever_the_width(session, agent, customer):
    for tags in (["初期不良", "返金"], ["初期不良"], ["初回購入"]):
        change_tags(session, agent, factories.ticket(session, agent, customer), tags)
    assert known_tags(session, agent, "初") == [("初期不良", 2), ("初回購入", 1)]
    change_tags(session, agent, factories.ticket(session, agent, customer), ["vip"])
    assert known_tags(session, agent, "ＶＩ") == [("vip", 1)]
    assert [tag for tag, _ in known_tags(session, agent)][:1] == ["初期不良"]


def test_tags_show_in_the_queue_rows(session, agent, open_ticket, customer):
    change_tags(session, agent, open_ticket, ["初期不良"])
    untagged = factories.ticket(session, agent, customer)
    rows = {r.number: r for r in list_tickets(session, agent)}
    assert rows[open_ticket].tags == ("初期不良",) and rows[untagged].tags == ()


def test_tags_with_quotes_backslashes_and_markup_come_back_in_the_queue_rows_as_typed(session, agent, open_ticket):
    """A row's tags come as one JSON array from the database (json_agg / json_group_array): text that JSON must
    escape is read back as it was stored, in the order the ticket lists them."""
    change_tags(session, agent, open_ticket, ['"引用"', "C:\\パス", "[bold]x[/bold]", "絵文字🙂", "ａｂｃ"])
    (row,) = [r for r in list_tickets(session, agent) if r.number == open_ticket]
    assert row.tags == tuple(ticket_tags(session, open_ticket)) == get_ticket(session, agent, open_ticket).tags


def test_a_trainer_reads_tags_naming_the_customer_masked(session, agent, trainer, customer):
    number = ticket_in(session, agent, customer, Status.RESOLVED)
    change_tags(session, agent, number, ["山田様対応"])
    assert "山田" not in " ".join(get_ticket(session, trainer, number).tags)
    (row,) = [r for r in list_tickets(session, trainer) if r.number == number]
    assert row.tags and "山田" not in " ".join(row.tags)


def test_marking_exemplary_adds_tags_and_keeps_the_tickets_own(session, agent, lead, customer):
    number = ticket_in(session, agent, customer, Status.RESOLVED)
    change_tags(session, agent, number, ["初期不良", "法人"])
    mark_exemplary(session, lead, number, "交換対応の好例", ["模範"])
    assert ticket_tags(session, number) == ["初期不良", "模範", "法人"]


def test_a_trainer_who_leaves_the_masked_summary_as_shown_keeps_the_stored_one(session, agent, lead, trainer, customer):
    number = ticket_in(session, agent, customer, Status.RESOLVED)
    mark_exemplary(session, lead, number, "山田様への交換対応の好例")
    mark_exemplary(session, trainer, number, None, ["研修"])  # the dialog sends no summary when it was not edited
    ticket = session.get(Ticket, number)
    assert ticket.exemplary_summary == "山田様への交換対応の好例"
    assert ticket_tags(session, number) == ["研修"]


def test_a_case_needs_a_summary_the_first_time(session, agent, lead, customer):
    number = ticket_in(session, agent, customer, Status.RESOLVED)
    with pytest.raises(Invalid, match="summary"):
        mark_exemplary(session, lead, number, None)


# ---- a customer's message entered by hand ------------------------------------------------------------------------


def test_a_letter_from_the_customer_reopens_a_pending_ticket(session, agent, customer):
    number = ticket_in(session, agent, customer, Status.PENDING)
    sent = datetime.now(UTC) - timedelta(days=2)
    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "同封の書類をご確認ください。", channel="letter",
              received_at=sent)  # fmt: skip
    assert session.get(Ticket, number).status == Status.OPEN
    message = [e for e in get_ticket(session, agent, number).entries if e.kind == "customer_message"][-1]
    assert (message.channel, message.received_at, message.author_login) == ("letter", sent, agent.login)
    assert message.created_at > sent  # when it was recorded stays the thread's order and the evidence


def test_a_customers_message_without_a_channel_came_the_tickets_way(session, agent, open_ticket):
    add_entry(session, agent, open_ticket, "customer_message", "チャットでの追記です")
    entry = session.exec(
        select(TicketEntry).where(TicketEntry.ticket_id == open_ticket, TicketEntry.kind == "customer_message")
    ).all()[-1]
    assert entry.channel == "phone" and entry.received_at is None


def test_a_resolved_ticket_reopens_when_the_customer_writes_again(session, agent, customer):
    number = ticket_in(session, agent, customer, Status.RESOLVED)
    add_entry(session, agent, number, "customer_message", "まだ直りません", channel="fax")
    assert session.get(Ticket, number).status == Status.OPEN


@pytest.mark.parametrize(
    ("kind", "extra", "words"),
    [
        ("reply", {"channel": "letter"}, "only a customer's message"),
        ("customer_message", {"received_at": datetime.now(UTC) + timedelta(days=1)}, "future"),
        ("customer_message", {"received_at": datetime(2026, 12, 1, 10, 0)}, "time zone"),
        ("customer_message", {"channel": "pigeon"}, "pigeon"),
        ("field_change", {}, "writes these lines"),
    ],
)
def test_what_cannot_be_entered_by_hand_is_refused(session, agent, open_ticket, kind, extra, words):
    before = history_counts(session)
    with pytest.raises(Invalid, match=words):
        add_entry(session, agent, open_ticket, kind, "本文", **extra)
    assert history_counts(session) == before


def test_a_closed_ticket_takes_no_customer_message(session, agent, customer):
    number = ticket_in(session, agent, customer, Status.CLOSED)
    with pytest.raises(NotAllowed, match="closed"):
        add_entry(session, agent, number, "customer_message", "追伸", channel="letter")
