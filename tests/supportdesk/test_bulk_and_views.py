"""A lead changes many tickets at once, and people keep the lists they use as named views."""

import json
from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.models import AuditEvent, Priority, Status, Ticket
from supportdesk.services import bulk, views
from supportdesk.services.bulk import BulkChange, BulkKind, apply_bulk, plan_bulk
from supportdesk.services.cases import set_tags, ticket_tags
from supportdesk.services.ticket_queries import count_tickets
from supportdesk.services.tickets import change_status
from supportdesk.services.views import ViewFilters, delete_view, list_views, save_view
from tests.supportdesk import factories
from tests.supportdesk.factories import ticket_in
from tests.words import in_english


@pytest.fixture
def five(session, agent, lead) -> list[int]:
    customer = factories.customer(session, agent)
    return [factories.ticket(session, agent, customer, f"問い合わせ{i}") for i in range(5)]


def _audits(session, action: str) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))))


def test_a_lead_reassigns_five_tickets_in_one_action_each_audited(session, lead, other_agent, five):
    change = BulkChange(BulkKind.ASSIGN, assignee_id=other_agent.id)
    plan = plan_bulk(session, lead, five, change)
    assert len(plan.will_change) == 5 and not plan.unchanged and not plan.refused
    result = apply_bulk(session, lead, dict.fromkeys(five), change)
    assert result.changed == tuple(five) and not result.failed
    assert {session.get(Ticket, n).assignee_id for n in five} == {other_agent.id}
    assert [e.object_id for e in _audits(session, "ticket.assign")] == five
    [summary] = _audits(session, "ticket.bulk")
    assert json.loads(summary.detail)["changed"] == five


def test_a_disallowed_transition_is_reported_per_ticket_not_skipped(session, agent, lead, five):
    closed = ticket_in(session, agent, factories.customer(session, agent, "別の 顧客", phone="03-0000-1111"), "closed")
    change = BulkChange(BulkKind.STATUS, status=Status.ON_HOLD)
    result = apply_bulk(session, lead, dict.fromkeys([*five, closed]), change)
    assert result.changed == tuple(five)
    [failure] = result.failed
    assert failure.number == closed and "cannot go from closed to on hold" in in_english(failure.reason)
    assert session.get(Ticket, closed).status == Status.CLOSED


def test_a_ticket_changed_since_the_list_was_shown_is_reported_as_a_conflict(session, agent, lead, five):
    shown = {n: session.get(Ticket, n).version for n in five}
    change_status(session, agent, five[0], Status.OPEN)
    result = apply_bulk(session, lead, shown, BulkChange(BulkKind.PRIORITY, priority=Priority.HIGH))
    assert [f.number for f in result.failed] == [five[0]]
    assert "changed" in in_english(result.failed[0].reason)
    assert session.get(Ticket, five[0]).priority == Priority.NORMAL
    assert all(session.get(Ticket, n).priority == Priority.HIGH for n in five[1:])


def test_tickets_already_so_are_counted_apart_in_the_confirmation(session, lead, five):
    set_tags(session, lead, five[0], ["法人"])
    plan = plan_bulk(session, lead, five, BulkChange(BulkKind.TAG, tags=("法人",)))
    assert (len(plan.will_change), plan.unchanged) == (4, (five[0],))
    apply_bulk(session, lead, dict.fromkeys(five), BulkChange(BulkKind.TAG, tags=("＃法人", "至急")))
    assert ticket_tags(session, five[0]) == ["法人", "至急"]


def test_bulk_status_changes_need_what_single_ones_need(session, lead, five):
    with pytest.raises(Invalid, match="follow-up"):
        plan_bulk(session, lead, five, BulkChange(BulkKind.STATUS, status=Status.PENDING))
    with pytest.raises(Invalid, match="resolution note"):
        plan_bulk(session, lead, five, BulkChange(BulkKind.STATUS, status=Status.RESOLVED))
    follow_up = date.today() + timedelta(days=3)
    result = apply_bulk(
        session, lead, dict.fromkeys(five), BulkChange(BulkKind.STATUS, status="pending", follow_up_on=follow_up)
    )
    assert len(result.changed) == 5
    assert all(session.get(Ticket, n).pending_since is not None for n in five)


def test_agents_may_not_change_tickets_in_bulk(session, agent, five):
    with pytest.raises(NotAllowed):
        apply_bulk(session, agent, dict.fromkeys(five), BulkChange(BulkKind.PRIORITY, priority="high"))
    assert bulk.MAX_TICKETS >= 500


# --- saved views ---------------------------------------------------------------------------------------------------


def test_a_saved_view_keeps_filters_and_sort_and_lists_the_same_tickets(session, agent, five):
    filters = ViewFilters(base="mine", priorities=("normal",), inquiry_types=("fault",))
    view_id = save_view(session, agent, "自分の故障", filters, "priority")
    [row] = list_views(session, agent)
    assert (row.id, row.name, row.sort, row.filters, row.mine) == (view_id, "自分の故障", "priority", filters, True)
    flt = row.filters.to_filter(agent.id, date.today())
    assert count_tickets(session, agent, flt) == 5


def test_saving_under_the_same_name_replaces_the_view(session, agent):
    save_view(session, agent, "急ぎ", ViewFilters(priorities=("high",)))
    save_view(session, agent, "急ぎ", ViewFilters(priorities=("urgent",)))
    [row] = list_views(session, agent)
    assert row.filters.priorities == ("urgent",)


def test_a_lead_shares_a_view_with_the_team_and_a_shared_mine_view_shows_each_their_own(session, agent, lead):
    save_view(session, lead, "チームの未割り当て", ViewFilters(base="unassigned"), shared=True)
    save_view(session, lead, "自分用", ViewFilters(base="mine"))
    seen = list_views(session, agent)
    assert [(r.name, r.shared, r.mine) for r in seen] == [("チームの未割り当て", True, False)]
    with pytest.raises(NotAllowed):
        save_view(session, agent, "共有したい", ViewFilters(), shared=True)
    with pytest.raises(NotAllowed):
        delete_view(session, agent, seen[0].id)
    delete_view(session, lead, seen[0].id)
    assert list_views(session, agent) == []


def test_a_view_with_unknown_filters_is_refused(session, agent):
    with pytest.raises(Invalid):
        save_view(session, agent, "x", ViewFilters(base="everything"))
    with pytest.raises(Invalid):
        save_view(session, agent, " ", ViewFilters())
    with pytest.raises(Invalid):
        views.ViewFilters.from_json('{"statuses": ["lost"]}')
