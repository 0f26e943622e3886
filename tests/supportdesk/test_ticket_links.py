"""The same caller twice about one thing becomes one ticket; tickets that belong together are linked, both ways."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.models import AuditEvent, EntryKind, SearchOutbox, Status, Ticket, TicketEntry
from supportdesk.services.actor import Actor
from supportdesk.services.cases import change_tags
from supportdesk.services.mail_in import receive
from supportdesk.services.ticket_links import link_tickets, merge_tickets, ticket_links, unlink_tickets
from supportdesk.services.ticket_queries import get_ticket
from supportdesk.services.tickets import add_entry, change_status
from tests.supportdesk import factories
from tests.supportdesk.factories import ticket_in
from tests.supportdesk.mail.build import mail


@pytest.fixture
def customer(session: Session, agent: Actor) -> int:
    return factories.customer(session, agent)


def _relations(session: Session, actor: Actor, number: int) -> list[tuple[int, str]]:
    return [(link.number, link.relation) for link in ticket_links(session, actor, number)]


def _backdate(session: Session, entry_ids: list[int], at: datetime) -> None:
    # The thread is append-only through the ORM; a test sets times with a plain UPDATE to stage a morning's calls.
    session.execute(update(TicketEntry).where(col(TicketEntry.id).in_(entry_ids)).values(created_at=at))
    session.commit()


# ---- links -----------------------------------------------------------------------------------------------------


def test_related_tickets_show_each_other(session, agent, customer):
    a, b = (factories.ticket(session, agent, customer) for _ in range(2))
    link_tickets(session, agent, a, b)
    assert _relations(session, agent, a) == [(b, "related")]
    assert _relations(session, agent, b) == [(a, "related")]
    assert get_ticket(session, agent, b).links[0].number == a
    lines = [c for e in get_ticket(session, agent, a).entries for c in e.changes]
    assert [(c.field, c.after) for c in lines] == [("related", f"#{b}")]


def test_a_parent_ticket_and_its_children(session, agent, customer):
    parent, child, other = (factories.ticket(session, agent, customer) for _ in range(3))
    link_tickets(session, agent, parent, child, "parent")
    link_tickets(session, agent, parent, other, "parent")
    assert _relations(session, agent, parent) == [(child, "child"), (other, "child")]
    assert _relations(session, agent, child) == [(parent, "parent")]


def test_a_ticket_has_one_parent_and_is_never_its_own_ancestor(session, agent, customer):
    a, b, c = (factories.ticket(session, agent, customer) for _ in range(3))
    link_tickets(session, agent, a, b, "parent")
    link_tickets(session, agent, b, c, "parent")
    with pytest.raises(Invalid, match="already has a parent"):
        link_tickets(session, agent, a, c, "parent")
    with pytest.raises(Invalid, match="above"):
        link_tickets(session, agent, c, a, "parent")
    with pytest.raises(Invalid, match="already linked"):
        link_tickets(session, agent, b, a)
    with pytest.raises(Invalid, match="itself"):
        link_tickets(session, agent, a, a)


def test_unlinking_removes_the_link_from_both_and_says_so(session, agent, customer):
    a, b = (factories.ticket(session, agent, customer) for _ in range(2))
    link_tickets(session, agent, a, b, "parent")
    unlink_tickets(session, agent, b, a)
    assert _relations(session, agent, a) == [] == _relations(session, agent, b)
    last = get_ticket(session, agent, b).entries[-1].changes[0]
    assert (last.field, last.before, last.after) == ("parent", f"#{a}", None)
    with pytest.raises(Invalid, match="not linked"):
        unlink_tickets(session, agent, a, b)


# ---- merges ----------------------------------------------------------------------------------------------------


def test_merging_moves_the_conversation_in_time_order_and_closes_the_other_with_a_pointer(session, agent, customer):
    keep = factories.ticket(session, agent, customer, "ログインできない", body="朝から入れません")
    other = factories.ticket(session, agent, customer, "パスワードが通らない", body="再設定しても入れない")
    add_entry(session, agent, keep, EntryKind.REPLY, "再設定をご案内しました")
    add_entry(session, agent, other, EntryKind.CALL_LOG, "折り返し", call_duration_seconds=120)
    morning = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    by_kind = {
        (t, e.kind): e.id
        for t in (keep, other)
        for e in session.exec(select(TicketEntry).where(TicketEntry.ticket_id == t)).all()
    }
    # The thread of the morning: keep's message 9:00, other's message 9:10, keep's reply 9:20, other's call 9:30.
    for minutes, key in enumerate(
        [(keep, "customer_message"), (other, "customer_message"), (keep, "reply"), (other, "call_log")]
    ):
        _backdate(session, [by_kind[key]], morning + timedelta(minutes=10 * minutes))
    change_tags(session, agent, other, ["パスワード"])

    result = merge_tickets(session, agent, keep, other, note="同じ件の再入電")
    assert result.entries_moved == 2

    thread = [
        e for e in get_ticket(session, agent, keep).entries if e.kind in ("customer_message", "reply", "call_log")
    ]
    assert [(e.body, e.merged_from) for e in thread] == [
        ("朝から入れません", None),
        ("再設定しても入れない", other),
        ("再設定をご案内しました", None),
        ("折り返し", other),
    ]
    merged = session.get(Ticket, other)
    assert merged.status == Status.CLOSED and merged.merged_into_id == keep
    assert get_ticket(session, agent, other).merged_into == keep
    assert _relations(session, agent, keep) == [(other, "merged_from")]
    assert _relations(session, agent, other) == [(keep, "merged_into")]
    assert "パスワード" in get_ticket(session, agent, keep).tags
    notes = [e.body for e in get_ticket(session, agent, keep).entries if e.kind == "internal_note"]
    assert notes == ["同じ件の再入電"]
    actions = session.exec(select(AuditEvent.action).where(col(AuditEvent.object_id).in_([keep, other]))).all()
    assert {"ticket.merge", "ticket.merged_into"} <= set(actions)
    queued = set(session.exec(select(SearchOutbox.ticket_id)).all())
    assert {keep, other} <= queued


def test_a_merged_ticket_stays_closed(session, agent, customer):
    keep, other = (factories.ticket(session, agent, customer) for _ in range(2))
    merge_tickets(session, agent, keep, other)
    with pytest.raises(NotAllowed, match="merged into"):
        change_status(session, agent, other, "open")
    with pytest.raises(NotAllowed, match="merged into"):
        merge_tickets(session, agent, keep, other)
    assert get_ticket(session, agent, other).allowed_next == ()


def test_tickets_of_two_customers_are_not_merged(session, agent, customer):
    stranger = factories.customer(session, agent, "佐々木 花子", phone="06-1111-2222")
    keep = factories.ticket(session, agent, customer)
    other = factories.ticket(session, agent, stranger)
    with pytest.raises(NotAllowed, match="different customers"):
        merge_tickets(session, agent, keep, other)


def test_a_closed_ticket_cannot_take_another_in(session, agent, customer):
    closed = ticket_in(session, agent, customer, Status.CLOSED)
    other = factories.ticket(session, agent, customer)
    with pytest.raises(NotAllowed, match="closed"):
        merge_tickets(session, agent, closed, other)


def test_a_stale_merge_changes_nothing(session, agent, other_agent, customer):
    keep, other = (factories.ticket(session, agent, customer) for _ in range(2))
    seen = session.get(Ticket, other).version
    add_entry(session, other_agent, other, EntryKind.INTERNAL_NOTE, "確認中")
    with pytest.raises(Exception, match="changed"):
        merge_tickets(session, agent, keep, other, expected_versions=(None, seen))
    assert session.get(Ticket, other).merged_into_id is None


def test_mail_answering_the_merged_ticket_lands_on_the_one_that_carries_on(session: Session, agent: Actor):
    first = receive(session, agent, mail(message_id="<first@example.jp>"))
    second = receive(session, agent, mail(message_id="<second@example.jp>", subject="返品の件(再送)"))
    assert first.ticket and second.ticket and first.ticket != second.ticket
    merge_tickets(session, agent, first.ticket, second.ticket)
    by_message_id = receive(session, agent, mail(in_reply_to="<second@example.jp>", subject="Re: 返品の件"))
    assert by_message_id.ticket == first.ticket and by_message_id.outcome == "entry"
    by_tag = receive(session, agent, mail(subject=f"Re: [#{second.ticket}] 返品の件"))
    assert by_tag.ticket == first.ticket and by_tag.outcome == "entry"


def test_a_trainer_sees_linked_tickets_subjects_masked(session, agent, trainer, customer):
    a = factories.ticket(session, agent, customer, "山田様の返品")
    b = factories.ticket(session, agent, customer, "山田様からの再入電")
    link_tickets(session, agent, a, b)
    (seen,) = ticket_links(session, trainer, a)
    assert seen.number == b and "山田" not in seen.subject
