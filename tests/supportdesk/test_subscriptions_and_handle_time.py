"""Purchases and subscriptions recorded by hand, cancellations with their reason, the renewals coming up and why
customers cancel (for leads), and how long calls take per agent and inquiry type."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.models import AuditEvent, EntryKind, InquiryType, Subscription, TicketEntry
from supportdesk.services.commerce import (
    PurchaseCreate,
    add_product,
    add_purchase,
    add_subscription,
    cancel_subscription,
    list_products,
    list_subscriptions,
    product_by_sku,
)
from supportdesk.services.handle_time import handle_time
from supportdesk.services.renewals import cancellations_by_reason, upcoming_renewals
from supportdesk.services.reports import Period
from supportdesk.services.tickets import add_entry
from tests.supportdesk import factories

TODAY = date(2026, 12, 1)


@pytest.fixture
def plan(session, agent) -> int:
    return add_product(session, agent, "SUB-PRO", "スマート家計簿 年間プラン", 12_000, is_subscription=True)


def test_an_agent_records_a_purchase_from_the_catalogue(session, agent, plan):
    customer = factories.customer(session, agent)
    assert [p.sku for p in list_products(session, agent, "家計簿")] == ["SUB-PRO"]
    assert product_by_sku(session, "ＳＵＢ-ＰＲＯ").id == plan
    purchase = add_purchase(session, agent, PurchaseCreate(customer, plan, TODAY, quantity=2, order_ref="A-1"))
    assert purchase > 0
    with pytest.raises(Invalid, match="no product with the code"):
        product_by_sku(session, "NOPE")


def test_a_cancellation_records_the_day_the_reason_and_the_customers_words(session, agent, plan):
    customer = factories.customer(session, agent)
    sub = add_subscription(session, agent, customer, plan, date(2026, 1, 10), date(2027, 1, 10))
    cancel_subscription(session, agent, sub, TODAY, "他社の方が安い", "competitor")
    (seen,) = list_subscriptions(session, agent, customer)
    assert (seen.cancelled_on, seen.cancel_category, seen.cancel_reason) == (TODAY, "competitor", "他社の方が安い")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "subscription.cancel")).one()
    assert "他社" not in (event.detail or "")  # the audit holds sizes, never what people wrote


def test_a_cancellation_needs_a_reason_and_a_date_after_the_contract(session, agent, plan):
    sub = add_subscription(session, agent, factories.customer(session, agent), plan, TODAY)
    with pytest.raises(Invalid, match="why"):
        cancel_subscription(session, agent, sub, TODAY, "")
    with pytest.raises(Invalid, match="not one of"):
        cancel_subscription(session, agent, sub, TODAY, "", "bored")
    with pytest.raises(Invalid, match="before the contract"):
        cancel_subscription(session, agent, sub, TODAY - timedelta(days=1), "", "price")


def test_leads_see_the_renewals_of_the_next_30_60_90_days(session, agent, lead, plan):
    customer = factories.customer(session, agent)
    soon = add_subscription(session, agent, customer, plan, date(2026, 1, 1), TODAY + timedelta(days=10))
    later = add_subscription(session, agent, customer, plan, date(2026, 1, 1), TODAY + timedelta(days=75))
    gone = add_subscription(session, agent, customer, plan, date(2026, 1, 1), TODAY + timedelta(days=5))
    cancel_subscription(session, agent, gone, TODAY, "", "price")
    add_subscription(session, agent, customer, plan, date(2025, 1, 1), TODAY - timedelta(days=1))  # past
    assert [r.subscription_id for r in upcoming_renewals(session, lead, 30, TODAY)] == [soon]
    rows = upcoming_renewals(session, lead, 90, TODAY)
    assert [(r.subscription_id, r.days_left) for r in rows] == [(soon, 10), (later, 75)]
    assert rows[0].customer_name == "山田 太郎" and rows[0].product_name == "スマート家計簿 年間プラン"
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "report.renewals")).all()
    with pytest.raises(NotAllowed):
        upcoming_renewals(session, agent, 30, TODAY)


def test_cancellations_are_counted_by_reason_in_the_period(session, agent, lead, plan):
    customer = factories.customer(session, agent)
    reasons = ["price", "price", "competitor", "not_used"]
    for reason in reasons:
        sub = add_subscription(session, agent, customer, plan, date(2026, 1, 1))
        cancel_subscription(session, agent, sub, date(2026, 11, 15), "", reason)
    outside = add_subscription(session, agent, customer, plan, date(2026, 1, 1))
    cancel_subscription(session, agent, outside, date(2026, 10, 1), "", "price")
    words_only = add_subscription(session, agent, customer, plan, date(2026, 1, 1))
    cancel_subscription(session, agent, words_only, date(2026, 11, 20), "引っ越すため")
    report = cancellations_by_reason(session, lead, Period(date(2026, 11, 1), date(2026, 11, 30)))
    counted = {r.reason: (r.count, r.share_pct) for r in report.rows if r.count}
    assert report.total == 5
    assert counted == {"price": (2, 40.0), "competitor": (1, 20.0), "not_used": (1, 20.0), "not_given": (1, 20.0)}
    assert report.rows[0].reason == "price"


def _call(session, agent, number: int, minutes: float, at: datetime) -> None:
    add_entry(session, agent, number, EntryKind.CALL_LOG, "通話", call_duration_seconds=round(minutes * 60))
    calls = select(TicketEntry.id).where(TicketEntry.kind == EntryKind.CALL_LOG.value)
    last = session.exec(calls.order_by(col(TicketEntry.id).desc())).first()
    session.execute(update(TicketEntry).where(col(TicketEntry.id) == last).values(created_at=at))
    session.commit()


def test_handle_time_per_agent_and_inquiry_type(session, agent, other_agent, lead):
    customer = factories.customer(session, agent)
    billing = factories.ticket(session, agent, customer, inquiry_type=InquiryType.BILLING)
    fault = factories.ticket(session, agent, customer, inquiry_type=InquiryType.FAULT)
    day = datetime(2026, 11, 10, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    _call(session, agent, billing, 4, day)
    _call(session, agent, billing, 6, day + timedelta(hours=1))
    _call(session, other_agent, fault, 12, day)
    _call(session, agent, fault, 3, datetime(2026, 11, 30, 16, 0, tzinfo=UTC))  # 1 December in Tokyo: outside
    result = handle_time(session, lead, Period(date(2026, 11, 1), date(2026, 11, 30)))
    rows = {(r.group, r.key): r for r in result.rows}
    sato = rows["agent", "sato"]
    assert (sato.calls, sato.tickets, sato.talk_minutes, sato.average_call_minutes) == (2, 1, 10.0, 5.0)
    assert (rows["agent", "suzuki"].talk_minutes, rows["type", "fault"].calls) == (12.0, 1)
    assert rows["type", "billing"].average_ticket_minutes == 10.0
    everyone = rows["all", "all"]
    assert (everyone.calls, everyone.tickets, everyone.talk_minutes) == (3, 2, 22.0)
    assert round(everyone.average_call_minutes or 0, 2) == round(22 / 3, 2)


def test_handle_time_is_for_leads(session, agent):
    with pytest.raises(NotAllowed):
        handle_time(session, agent, Period(TODAY, TODAY))
    assert session.exec(select(Subscription)).all() == []
