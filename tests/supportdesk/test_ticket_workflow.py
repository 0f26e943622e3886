"""対応状況: how an inquiry moves from new to closed, and what the desk records on the way."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.i18n import v
from supportdesk.models import (
    AppendOnlyViolation,
    AuditEvent,
    EntryKind,
    Priority,
    Status,
    StatusChange,
    Ticket,
    TicketEntry,
    User,
)
from supportdesk.services.ticket_queries import (
    TicketFilter,
    TicketSort,
    count_tickets,
    get_ticket,
    list_tickets,
)
from supportdesk.services.tickets import (
    TicketCreate,
    add_entry,
    assign,
    change_status,
    create_ticket,
    update_fields,
)
from tests.supportdesk import factories
from tests.supportdesk.factories import history_counts, move, soon, ticket_in
from tests.words import in_english, speaking

# The workflow as the domain brief describes it, written out here rather than read from the code under test.
WORKFLOW: dict[Status, set[Status]] = {
    Status.NEW: {Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.RESOLVED},
    Status.OPEN: {Status.PENDING, Status.ON_HOLD, Status.RESOLVED},
    Status.PENDING: {Status.OPEN, Status.ON_HOLD, Status.RESOLVED},
    Status.ON_HOLD: {Status.OPEN, Status.PENDING, Status.RESOLVED},
    Status.RESOLVED: {Status.CLOSED, Status.OPEN},
    Status.CLOSED: {Status.OPEN},
}
ALLOWED = [(a, b) for a, nexts in WORKFLOW.items() for b in sorted(nexts)]
REFUSED = [(a, b) for a in Status for b in Status if a != b and b not in WORKFLOW[a]]


@pytest.fixture
def caller(session, agent):
    return factories.customer(session, agent)


def _ticket(session, number: int) -> Ticket:
    found = session.get(Ticket, number, populate_existing=True)
    assert found is not None
    return found


def _last_audit(session, action: str) -> AuditEvent:
    event = session.exec(
        select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id).desc())
    ).first()
    assert event is not None, f"no {action} audit event"
    return event


# --- creating -------------------------------------------------------------------------------------------------


def test_agent_opens_a_ticket_for_a_caller_and_owns_it(session, agent, caller):
    number = factories.ticket(session, agent, caller, subject="  ログインできない ", body="パスワードを忘れました")
    detail = get_ticket(session, agent, number)
    assert detail.row.status == "new"
    assert detail.row.subject == "ログインできない"
    assert detail.row.assignee_login == "sato"
    assert detail.row.team == "東京サポート"
    assert [(e.kind, e.body, e.to_status) for e in detail.entries] == [
        ("customer_message", "パスワードを忘れました", None),
        ("status_change", "", "new"),
    ]
    [change] = factories.history(session, number)
    assert (change.from_status, change.to_status, change.actor_id) == (None, Status.NEW, agent.id)
    assert _last_audit(session, "ticket.create").object_id == number
    assert factories.count(session, factories.SearchOutbox, ticket_id=number) == 1


def test_an_urgent_ticket_is_due_sooner_than_a_low_one(session, agent, caller):
    # Tuesday 30 June 2026, 09:00 in Tokyo: the SLA clock counts business hours (9:00–18:00 on working days).
    at = datetime(2026, 6, 30, 0, tzinfo=UTC)
    urgent = _ticket(session, factories.ticket(session, agent, caller, priority=Priority.URGENT, received_at=at))
    low = _ticket(session, factories.ticket(session, agent, caller, priority=Priority.LOW, received_at=at))
    assert urgent.first_response_due - urgent.received_at == timedelta(hours=1)
    assert urgent.resolution_due - urgent.received_at == timedelta(hours=8)
    # 24 business hours from Tuesday 09:00 is Thursday 15:00 (9 + 9 + 6 hours).
    assert low.first_response_due == datetime(2026, 7, 2, 6, tzinfo=UTC)


def test_a_ticket_taken_for_the_queue_stays_unassigned(session, agent, caller):
    number = factories.ticket(session, agent, caller, assign_to_me=False)
    assert _ticket(session, number).assignee_id is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"subject": "  "}, "subject"),
        ({"subject": "あ" * 301}, "subject"),
        ({"customer_id": 999}, "customer"),
        ({"purchase_id": 999}, "purchase"),
        ({"priority": "asap"}, "priority"),
        ({"channel": "pigeon"}, "channel"),  # fax is a channel now (letters and faxes entered by hand)
        ({"inquiry_type": "gossip"}, "inquiry type"),
        ({"assignee_id": 999}, "assignee"),
    ],
)
def test_a_ticket_with_a_bad_field_is_refused_naming_the_field(session, agent, caller, change, field):
    before = history_counts(session)
    data = {"customer_id": caller, "subject": "返品したい", **change}
    with pytest.raises(Invalid) as refused:
        create_ticket(session, agent, TicketCreate(**data))
    assert refused.value.field == field
    assert history_counts(session) == before
    assert factories.count(session, Ticket) == 0


def test_a_ticket_cannot_point_at_another_customers_purchase(session, agent, caller):
    other = factories.customer(session, agent, "田中 花子", phone="06-1111-2222")
    bought = factories.purchase(session, agent, other, on=soon(-10))
    with pytest.raises(Invalid) as refused:
        create_ticket(session, agent, TicketCreate(customer_id=caller, subject="返品", purchase_id=bought))
    assert refused.value.field == "purchase"


# --- status transitions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "target"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_every_allowed_transition_is_recorded_with_who_when_and_why(session, agent, caller, start, target):
    number = ticket_in(session, agent, caller, start)
    before = history_counts(session)
    version = _ticket(session, number).version
    reason = "お客様の確認待ち" if target != Status.RESOLVED else "設定変更で解決"
    new_version = move(session, agent, number, target, reason=reason)

    ticket = _ticket(session, number)
    assert ticket.status == target
    assert new_version == ticket.version > version  # the version the agent now holds is the stored one
    entries, changes, audits, outbox = history_counts(session)
    assert (entries, changes, audits, outbox) == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    change = factories.history(session, number)[-1]
    assert (change.from_status, change.to_status, change.actor_id, change.reason) == (start, target, agent.id, reason)
    entry = get_ticket(session, agent, number).entries[-1]
    assert (entry.kind, entry.from_status, entry.to_status, entry.author_login) == (
        "status_change",
        str(start),
        str(target),
        "sato",
    )
    event = _last_audit(session, "ticket.status")
    assert event.object_id == number and event.actor_login == "sato"
    # The reason is in the status history; the audit holds its size, not the words.
    assert json.loads(event.detail) == {"from": str(start), "to": str(target), "reason_chars": len(reason)}


@pytest.mark.parametrize(("start", "target"), REFUSED, ids=[f"{a}->{b}" for a, b in REFUSED])
def test_a_transition_outside_the_workflow_is_refused_with_the_allowed_next_steps(
    session, agent, caller, start, target
):
    number = ticket_in(session, agent, caller, start)
    before = history_counts(session)
    with pytest.raises(NotAllowed) as refused:
        move(session, agent, number, target)
    said = in_english(refused.value)
    with speaking("en"):
        allowed = [v(s) for s in Status if s in WORKFLOW[start]]
        assert f"allowed next: {', '.join(allowed)}" in said
        assert f"from {v(start)} to {v(target)}" in said
    assert _ticket(session, number).status == start
    assert history_counts(session) == before


def test_the_ticket_view_offers_exactly_the_allowed_next_steps(session, agent, caller):
    for start, nexts in WORKFLOW.items():
        number = ticket_in(session, agent, caller, start)
        assert set(get_ticket(session, agent, number).allowed_next) == {str(s) for s in nexts}


def test_moving_a_ticket_to_the_status_it_has_is_refused(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.OPEN)
    with pytest.raises(Invalid) as refused:
        move(session, agent, number, Status.OPEN)
    assert refused.value.field == "status"


def test_an_unknown_status_is_refused(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    with pytest.raises(Invalid) as refused:
        change_status(session, agent, number, "archived")
    assert refused.value.field == "status"


def test_a_ticket_that_does_not_exist_is_reported_as_not_found(session, agent):
    with pytest.raises(NotFound, match="#404"):
        change_status(session, agent, 404, Status.OPEN)


def test_waiting_for_the_customer_needs_a_follow_up_date(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    before = history_counts(session)
    with pytest.raises(Invalid) as refused:
        change_status(session, agent, number, Status.PENDING, reason="折り返し待ち")
    assert refused.value.field == "follow-up date"
    assert history_counts(session) == before


def test_a_follow_up_date_in_the_past_is_refused(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    today = soon(0)
    with pytest.raises(Invalid, match="in the past"):
        change_status(session, agent, number, Status.PENDING, follow_up_on=today - timedelta(days=1), today=today)
    assert _ticket(session, number).status == Status.NEW


def test_a_follow_up_today_is_accepted_and_shown_on_the_ticket(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    today = soon(0)
    change_status(session, agent, number, Status.PENDING, follow_up_on=today, today=today)
    assert get_ticket(session, agent, number).row.follow_up_on == today


def test_leaving_pending_clears_the_follow_up_date(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.PENDING)
    move(session, agent, number, Status.ON_HOLD)
    assert _ticket(session, number).follow_up_on is None


@pytest.mark.parametrize("note", [None, "", " \u3000 "])
def test_resolving_needs_a_resolution_note(session, agent, caller, note):
    number = ticket_in(session, agent, caller, Status.OPEN)
    before = history_counts(session)
    with pytest.raises(Invalid) as refused:
        change_status(session, agent, number, Status.RESOLVED, reason=note)
    assert refused.value.field == "resolution note"
    assert history_counts(session) == before
    assert _ticket(session, number).resolved_at is None


def test_resolving_keeps_the_note_and_stamps_the_time(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.OPEN)
    change_status(session, agent, number, Status.RESOLVED, reason=" キャッシュ削除で解決 ")
    detail = get_ticket(session, agent, number)
    assert detail.resolution_note == "キャッシュ削除で解決"
    assert detail.resolved_at is not None and detail.closed_at is None


def test_closing_stamps_the_close_time_and_keeps_the_resolution(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.CLOSED)
    detail = get_ticket(session, agent, number)
    assert detail.closed_at is not None and detail.resolved_at is not None
    assert detail.resolution_note


@pytest.mark.parametrize("start", [Status.RESOLVED, Status.CLOSED])
def test_reopening_clears_the_resolved_and_closed_times(session, agent, caller, start):
    number = ticket_in(session, agent, caller, start)
    change_status(session, agent, number, Status.OPEN, reason="再発したとの連絡")
    detail = get_ticket(session, agent, number)
    assert detail.row.status == "open"
    assert detail.resolved_at is None and detail.closed_at is None
    assert detail.resolution_note is None  # the old resolution stays in the status history
    assert any(c.reason == "手順をご案内し解決" for c in factories.history(session, number))
    assert factories.history(session, number)[-1].reason == "再発したとの連絡"


def test_the_whole_life_of_a_ticket_is_in_its_status_history_in_order(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    for step in (Status.OPEN, Status.PENDING, Status.OPEN, Status.ON_HOLD, Status.RESOLVED, Status.CLOSED, Status.OPEN):
        move(session, agent, number, step)
    history = [(c.from_status, c.to_status) for c in factories.history(session, number)]
    assert history == [
        (None, "new"),
        ("new", "open"),
        ("open", "pending"),
        ("pending", "open"),
        ("open", "on_hold"),
        ("on_hold", "resolved"),
        ("resolved", "closed"),
        ("closed", "open"),
    ]


# --- the thread -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "duration"), [(EntryKind.REPLY, None), (EntryKind.CALL_LOG, 180)])
def test_the_first_response_is_stamped_and_opens_a_new_ticket(session, agent, caller, kind, duration):
    number = factories.ticket(session, agent, caller)
    add_entry(session, agent, number, kind, "折り返しご連絡しました", call_duration_seconds=duration)
    ticket = _ticket(session, number)
    assert ticket.status == Status.OPEN
    first = ticket.first_response_at
    assert first is not None
    change = factories.history(session, number)[-1]
    assert (change.from_status, change.to_status, change.reason) == ("new", "open", "first response")

    add_entry(session, agent, number, EntryKind.REPLY, "追加のご案内です")
    assert _ticket(session, number).first_response_at == first
    assert len(factories.history(session, number)) == 2


@pytest.mark.parametrize("kind", [EntryKind.INTERNAL_NOTE, EntryKind.CUSTOMER_MESSAGE])
def test_notes_and_customer_messages_are_not_a_first_response(session, agent, caller, kind):
    number = factories.ticket(session, agent, caller)
    add_entry(session, agent, number, kind, "メモ")
    ticket = _ticket(session, number)
    assert ticket.status == Status.NEW
    assert ticket.first_response_at is None


def test_a_reply_on_an_open_ticket_does_not_change_its_status(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.PENDING)
    add_entry(session, agent, number, EntryKind.REPLY, "ご確認をお願いします")
    assert _ticket(session, number).status == Status.PENDING


def test_the_customer_answering_a_pending_ticket_puts_it_back_in_our_court(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.PENDING)
    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "試しましたがまだエラーが出ます")
    ticket = _ticket(session, number)
    assert ticket.status == Status.OPEN
    assert ticket.follow_up_on is None
    change = factories.history(session, number)[-1]
    assert (change.from_status, change.to_status, change.reason) == ("pending", "open", "customer replied")


def test_the_customer_saying_it_is_still_broken_reopens_a_resolved_ticket(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.RESOLVED)
    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "また同じエラーが出ました")
    detail = get_ticket(session, agent, number)
    assert (detail.row.status, detail.resolved_at, detail.resolution_note) == ("open", None, None)
    change = factories.history(session, number)[-1]
    assert (change.from_status, change.to_status, change.reason) == ("resolved", "open", "customer replied")


def test_an_agents_note_on_a_resolved_ticket_leaves_it_resolved(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.RESOLVED)
    add_entry(session, agent, number, EntryKind.INTERNAL_NOTE, "FAQに追記済み")
    add_entry(session, agent, number, EntryKind.REPLY, "ご確認ありがとうございました")
    assert _ticket(session, number).status == Status.RESOLVED


def test_a_call_log_records_how_long_the_call_took_even_without_notes(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    add_entry(session, agent, number, EntryKind.CALL_LOG, "", call_duration_seconds=0)
    add_entry(session, agent, number, EntryKind.CALL_LOG, "設定手順を説明", call_duration_seconds=24 * 3600)
    calls = [e for e in get_ticket(session, agent, number).entries if e.kind == "call_log"]
    assert [e.call_duration_seconds for e in calls] == [0, 24 * 3600]


@pytest.mark.parametrize(
    ("kind", "body", "duration", "field"),
    [
        (EntryKind.CALL_LOG, "通話", None, "call duration"),
        (EntryKind.CALL_LOG, "通話", -1, "call duration"),
        (EntryKind.CALL_LOG, "通話", 24 * 3600 + 1, "call duration"),
        (EntryKind.REPLY, "返信", 60, "call duration"),
        (EntryKind.REPLY, " \n ", None, "body"),
        (EntryKind.INTERNAL_NOTE, "", None, "body"),
        (EntryKind.STATUS_CHANGE, "勝手に変更", None, "entry kind"),
        ("fax", "送信", None, "entry kind"),
    ],
)
def test_an_entry_that_does_not_make_sense_is_refused(session, agent, caller, kind, body, duration, field):
    number = factories.ticket(session, agent, caller)
    before = history_counts(session)
    with pytest.raises(Invalid) as refused:
        add_entry(session, agent, number, kind, body, call_duration_seconds=duration)
    assert refused.value.field == field
    assert history_counts(session) == before


@pytest.mark.parametrize(("kind", "duration"), [("reply", None), ("customer_message", None), ("call_log", 60)])
def test_a_closed_ticket_takes_no_more_conversation(session, agent, caller, kind, duration):
    number = ticket_in(session, agent, caller, Status.CLOSED)
    before = history_counts(session)
    with pytest.raises(NotAllowed, match="closed"):
        add_entry(session, agent, number, kind, "まだ使えません", call_duration_seconds=duration)
    assert history_counts(session) == before


def test_a_closed_ticket_still_takes_an_internal_note(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.CLOSED)
    add_entry(session, agent, number, EntryKind.INTERNAL_NOTE, "同様の問い合わせは #12 を参照")
    assert _ticket(session, number).status == Status.CLOSED
    assert get_ticket(session, agent, number).entries[-1].kind == "internal_note"


def test_the_thread_reads_in_the_order_it_happened(session, agent, caller):
    number = factories.ticket(session, agent, caller, body="届いた商品が壊れていました")
    add_entry(session, agent, number, EntryKind.INTERNAL_NOTE, "写真を依頼する")
    add_entry(session, agent, number, EntryKind.REPLY, "写真をお送りください")
    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "送りました")
    move(session, agent, number, Status.RESOLVED, reason="交換品を発送")
    kinds = [e.kind for e in get_ticket(session, agent, number).entries]
    assert kinds == [
        "customer_message",
        "status_change",  # opened: → new
        "internal_note",
        "reply",
        "status_change",  # new → open on the first reply
        "customer_message",
        "status_change",  # open → resolved
    ]


def test_each_entry_is_audited(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    add_entry(session, agent, number, EntryKind.INTERNAL_NOTE, "確認中")
    event = _last_audit(session, "ticket.internal_note")
    assert (event.object_type, event.object_id, event.actor_id) == ("ticket", number, agent.id)


# --- history is evidence --------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [TicketEntry, StatusChange, AuditEvent])
def test_history_cannot_be_rewritten(session, agent, caller, model):
    factories.ticket(session, agent, caller, body="最初のお問い合わせ")
    row = session.exec(select(model).order_by(col(model.id))).first()
    assert row is not None
    field = {TicketEntry: "body", StatusChange: "reason", AuditEvent: "detail"}[model]
    original = getattr(row, field)
    setattr(row, field, "書き換え")
    session.add(row)
    with pytest.raises(AppendOnlyViolation):
        session.commit()
    session.rollback()
    assert getattr(session.get(model, row.id, populate_existing=True), field) == original


@pytest.mark.parametrize("model", [TicketEntry, StatusChange, AuditEvent])
def test_history_cannot_be_deleted(session, agent, caller, model):
    factories.ticket(session, agent, caller, body="最初のお問い合わせ")
    before = factories.count(session, model)
    row = session.exec(select(model)).first()
    session.delete(row)
    with pytest.raises(AppendOnlyViolation):
        session.commit()
    session.rollback()
    assert factories.count(session, model) == before


# --- assignment -----------------------------------------------------------------------------------------------


def test_agent_takes_an_unassigned_ticket(session, agent, caller):
    number = factories.ticket(session, agent, caller, assign_to_me=False)
    assign(session, agent, number, agent.id)
    assert _ticket(session, number).assignee_id == agent.id
    event = _last_audit(session, "ticket.assign")
    assert json.loads(event.detail)["from"] is None and json.loads(event.detail)["to"] == agent.id


def test_agent_hands_their_own_ticket_to_a_colleague(session, agent, other_agent, caller):
    number = factories.ticket(session, agent, caller)
    assign(session, agent, number, other_agent.id, team="大阪サポート")
    ticket = _ticket(session, number)
    assert (ticket.assignee_id, ticket.team) == (other_agent.id, "大阪サポート")


def test_agent_puts_their_own_ticket_back_in_the_queue(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    assign(session, agent, number, None)
    assert _ticket(session, number).assignee_id is None


@pytest.mark.parametrize("new_owner", ["self", "nobody"])
def test_agent_cannot_take_a_colleagues_ticket(session, agent, other_agent, caller, new_owner):
    number = factories.ticket(session, other_agent, caller)
    before = history_counts(session)
    with pytest.raises(NotAllowed, match="ask a lead"):
        assign(session, agent, number, agent.id if new_owner == "self" else None)
    assert _ticket(session, number).assignee_id == other_agent.id
    assert history_counts(session) == before


@pytest.mark.parametrize("role", ["lead", "admin"])
def test_a_lead_or_admin_reassigns_anyones_ticket(request, session, agent, other_agent, caller, role):
    boss = request.getfixturevalue(role)
    number = factories.ticket(session, agent, caller)
    assign(session, boss, number, other_agent.id)
    assert _ticket(session, number).assignee_id == other_agent.id


def test_agent_cannot_open_a_ticket_in_a_colleagues_name(session, agent, other_agent, caller):
    with pytest.raises(NotAllowed):
        factories.ticket(session, agent, caller, assignee_id=other_agent.id)
    assert factories.count(session, Ticket) == 0


def test_a_lead_opens_a_ticket_for_an_agent(session, lead, agent, caller):
    number = factories.ticket(session, lead, caller, assignee_id=agent.id)
    assert _ticket(session, number).assignee_id == agent.id


def test_a_ticket_cannot_go_to_someone_who_has_left(session, agent, other_agent, caller):
    leaver = session.get(User, other_agent.id)
    leaver.active = False
    session.add(leaver)
    session.commit()
    number = factories.ticket(session, agent, caller)
    with pytest.raises(Invalid) as refused:
        assign(session, agent, number, other_agent.id)
    assert refused.value.field == "assignee"
    with pytest.raises(Invalid):
        assign(session, agent, number, 999)


# --- other fields ---------------------------------------------------------------------------------------------


def test_agent_raises_the_priority_and_corrects_the_type_and_subject(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    version = _ticket(session, number).version
    new_version = update_fields(
        session, agent, number, priority="urgent", inquiry_type="complaint", subject=" 二重請求のクレーム "
    )
    ticket = _ticket(session, number)
    assert (ticket.priority, ticket.inquiry_type, ticket.subject) == ("urgent", "complaint", "二重請求のクレーム")
    assert new_version == version + 1
    detail = json.loads(_last_audit(session, "ticket.update").detail)
    assert detail == {"priority": "urgent", "inquiry_type": "complaint", "subject": "9 chars"}  # not the words


def test_agent_links_and_unlinks_the_purchase_in_question(session, agent, caller):
    bought = factories.purchase(session, agent, caller, on=soon(-3))
    number = factories.ticket(session, agent, caller)
    update_fields(session, agent, number, purchase_id=bought)
    assert get_ticket(session, agent, number).purchase.id == bought
    update_fields(session, agent, number, unlink_purchase=True)
    assert get_ticket(session, agent, number).purchase is None


def test_linking_another_customers_purchase_is_refused(session, agent, caller):
    other = factories.customer(session, agent, "田中 花子", phone="06-1111-2222")
    theirs = factories.purchase(session, agent, other, on=soon(-3))
    number = factories.ticket(session, agent, caller)
    with pytest.raises(Invalid) as refused:
        update_fields(session, agent, number, purchase_id=theirs)
    assert refused.value.field == "purchase"


def test_an_update_that_changes_nothing_writes_nothing(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    version = _ticket(session, number).version
    before = history_counts(session)
    assert update_fields(session, agent, number) == version
    assert history_counts(session) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"priority": "urgent", "subject": ""}, "subject"),
        ({"inquiry_type": "billing", "purchase_id": 999}, "purchase"),
        ({"priority": "whenever"}, "priority"),
    ],
)
def test_a_refused_update_saves_none_of_its_changes_even_when_the_session_goes_on(
    session, agent, caller, change, field
):
    number = factories.ticket(session, agent, caller)
    before = history_counts(session)
    with pytest.raises(Invalid) as refused:
        update_fields(session, agent, number, **change)
    assert refused.value.field == field
    assert history_counts(session) == before
    # The agent carries on in the same session: the refused values must not ride along with the next change.
    add_entry(session, agent, number, EntryKind.INTERNAL_NOTE, "件名を確認")
    ticket = _ticket(session, number)
    assert (ticket.priority, ticket.inquiry_type, ticket.subject) == ("normal", "fault", "ログインできない")


# --- queues ---------------------------------------------------------------------------------------------------


@pytest.fixture
def queue(session, agent, other_agent, caller):
    """Five tickets in different states, priorities, owners and customers."""
    other_caller = factories.customer(session, agent, "田中 花子", phone="06-1111-2222")
    made = {
        "new_urgent": factories.ticket(session, agent, caller, priority=Priority.URGENT, inquiry_type="billing"),
        "open_low": ticket_in(session, agent, caller, Status.OPEN, priority=Priority.LOW),
        "pending_soon": ticket_in(session, other_agent, other_caller, Status.PENDING),
        "resolved_high": ticket_in(session, other_agent, other_caller, Status.RESOLVED, priority=Priority.HIGH),
        "unassigned": factories.ticket(session, agent, other_caller, assign_to_me=False),
    }
    made["other_caller"] = other_caller
    return made


def _numbers(rows) -> list[int]:
    return [r.number for r in rows]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (TicketFilter(), {"new_urgent", "open_low", "pending_soon", "resolved_high", "unassigned"}),
        (TicketFilter(open_only=True), {"new_urgent", "open_low", "pending_soon", "unassigned"}),
        (TicketFilter(statuses=(Status.RESOLVED, Status.PENDING)), {"pending_soon", "resolved_high"}),
        (TicketFilter(priorities=(Priority.URGENT, Priority.HIGH)), {"new_urgent", "resolved_high"}),
        (TicketFilter(inquiry_types=("billing",)), {"new_urgent"}),
        (TicketFilter(unassigned=True), {"unassigned"}),
        (TicketFilter(open_only=True, unassigned=True), {"unassigned"}),
    ],
)
def test_a_queue_shows_what_its_filter_asks_for(session, agent, queue, flt, expected):
    want = {queue[name] for name in expected}
    assert set(_numbers(list_tickets(session, agent, flt))) == want
    assert count_tickets(session, agent, flt) == len(want)


def test_my_queue_shows_only_my_tickets(session, agent, other_agent, queue):
    mine = TicketFilter(assignee_id=agent.id)
    assert set(_numbers(list_tickets(session, agent, mine))) == {queue["new_urgent"], queue["open_low"]}
    theirs = TicketFilter(assignee_id=other_agent.id, open_only=True)
    assert _numbers(list_tickets(session, agent, theirs)) == [queue["pending_soon"]]


def test_a_customers_tickets_are_listed_together(session, agent, queue):
    flt = TicketFilter(customer_id=queue["other_caller"])
    assert set(_numbers(list_tickets(session, agent, flt))) == {
        queue["pending_soon"],
        queue["resolved_high"],
        queue["unassigned"],
    }


def test_follow_ups_due_by_a_date_list_only_pending_tickets_due_then(session, agent, queue):
    due = TicketFilter(follow_up_due_by=soon(7))
    assert _numbers(list_tickets(session, agent, due)) == [queue["pending_soon"]]
    assert count_tickets(session, agent, TicketFilter(follow_up_due_by=soon(6))) == 0


def test_the_most_urgent_tickets_come_first_when_sorted_by_priority(session, agent, queue):
    rows = list_tickets(session, agent, sort=TicketSort.PRIORITY)
    assert [r.priority for r in rows][:2] == ["urgent", "high"]
    assert rows[-1].priority == "low"
    rows = list_tickets(session, agent, sort=TicketSort.PRIORITY, descending=False)
    assert rows[0].priority == "low" and rows[-1].priority == "urgent"


def test_tickets_sort_by_number_either_way(session, agent, queue):
    numbers = sorted(v for k, v in queue.items() if k != "other_caller")
    assert _numbers(list_tickets(session, agent, sort=TicketSort.NUMBER, descending=False)) == numbers
    assert _numbers(list_tickets(session, agent, sort=TicketSort.NUMBER)) == numbers[::-1]


def test_the_most_recently_touched_ticket_comes_first_by_default(session, agent, queue):
    add_entry(session, agent, queue["open_low"], EntryKind.INTERNAL_NOTE, "確認中")
    assert _numbers(list_tickets(session, agent))[0] == queue["open_low"]


def test_a_long_queue_is_read_page_by_page(session, agent, queue):
    everything = _numbers(list_tickets(session, agent, sort=TicketSort.NUMBER))
    pages = [
        _numbers(list_tickets(session, agent, sort=TicketSort.NUMBER, limit=2, offset=offset)) for offset in (0, 2, 4)
    ]
    assert pages == [everything[0:2], everything[2:4], everything[4:]]
    assert list_tickets(session, agent, sort=TicketSort.NUMBER, limit=2, offset=10) == []


def test_a_queue_row_carries_what_an_agent_needs_at_a_glance(session, agent, queue):
    [row] = list_tickets(session, agent, TicketFilter(statuses=(Status.PENDING,)))
    assert row.customer_name == "田中 花子"
    assert row.assignee_login == "suzuki"
    assert row.follow_up_on == soon(7)
    assert row.version == _ticket(session, row.number).version


def test_an_agent_takes_unassigned_work_but_does_not_hand_it_out(session, agent, other_agent, lead, caller):
    from supportdesk.errors import NotAllowed as Refused
    from supportdesk.services.tickets import assign

    number = factories.ticket(session, lead, caller, assign_to_me=False)
    with pytest.raises(Refused, match="take it yourself"):
        assign(session, agent, number, other_agent.id)
    assign(session, agent, number, agent.id)  # taking it is fine
    assign(session, agent, number, other_agent.id)  # and handing on one's own ticket too
    with pytest.raises(Refused, match="belongs to another agent"):
        assign(session, agent, number, agent.id)
    assign(session, lead, number, agent.id)  # a lead moves anyone's ticket
