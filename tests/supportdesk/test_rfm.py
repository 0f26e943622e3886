"""RFM: how recently, how often and how much a customer buys, scored 1–5, and the segment an agent sees."""

from datetime import date, timedelta

import pytest

from supportdesk.i18n import catalog
from supportdesk.services.rfm import (
    SEGMENT_LABELS,
    Segment,
    customer_rfm,
    score,
    score_frequency,
    score_monetary,
    score_recency,
    segment,
)
from tests.supportdesk import factories

TODAY = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, 5), (30, 5), (31, 4), (90, 4), (91, 3), (180, 3), (181, 2), (365, 2), (366, 1), (3000, 1), (None, 1)],
)
def test_recency_scores_by_days_since_the_last_purchase(days, expected):
    assert score_recency(days) == expected


@pytest.mark.parametrize(
    ("purchases", "expected"), [(0, 1), (1, 1), (2, 2), (3, 3), (4, 3), (5, 4), (9, 4), (10, 5), (250, 5)]
)
def test_frequency_scores_by_purchases_in_the_year(purchases, expected):
    assert score_frequency(purchases) == expected


@pytest.mark.parametrize(
    ("yen", "expected"),
    [
        (0, 1),
        (9_999, 1),
        (10_000, 2),
        (49_999, 2),
        (50_000, 3),
        (149_999, 3),
        (150_000, 4),
        (499_999, 4),
        (500_000, 5),
        (10_000_000, 5),
    ],
)
def test_monetary_scores_by_yen_spent_in_the_year(yen, expected):
    assert score_monetary(yen) == expected


@pytest.mark.parametrize(
    ("r", "f", "m", "expected"),
    [
        (5, 5, 5, Segment.CHAMPION),
        (4, 4, 4, Segment.CHAMPION),
        (5, 5, 3, Segment.LOYAL),
        (3, 4, 1, Segment.LOYAL),
        (3, 5, 5, Segment.LOYAL),
        (5, 1, 1, Segment.NEW),
        (4, 1, 5, Segment.NEW),
        (5, 2, 1, Segment.PROMISING),
        (4, 3, 3, Segment.PROMISING),
        (2, 3, 1, Segment.AT_RISK),
        (1, 5, 5, Segment.AT_RISK),
        (1, 1, 1, Segment.LAPSED),
        (1, 2, 4, Segment.LAPSED),
        (3, 1, 1, Segment.NEEDS_ATTENTION),
        (3, 3, 3, Segment.NEEDS_ATTENTION),
        (2, 2, 2, Segment.NEEDS_ATTENTION),
    ],
)
def test_scores_map_to_the_segment_an_agent_sees(r, f, m, expected):
    assert segment(r, f, m) == expected


def test_every_combination_of_scores_has_a_buying_segment_with_a_japanese_label():
    for r in range(1, 6):
        for f in range(1, 6):
            for m in range(1, 6):
                found = segment(r, f, m)
                assert found != Segment.NO_PURCHASES
                assert catalog.JA[SEGMENT_LABELS[found]]
    assert set(SEGMENT_LABELS) == set(Segment)


def test_someone_who_never_bought_is_no_purchases_whatever_the_scores():
    assert segment(5, 5, 5, has_purchases=False) == Segment.NO_PURCHASES


def test_a_score_reads_as_a_short_code():
    rfm = score(TODAY - timedelta(days=10), 3, 60_000, TODAY)
    assert (rfm.recency_days, rfm.frequency, rfm.monetary) == (10, 3, 60_000)
    assert rfm.code == "R5F3M3"


# --- from real purchases --------------------------------------------------------------------------------------


@pytest.fixture
def buyer(session, agent):
    return factories.customer(session, agent)


def _bought(session, agent, customer_id, days_ago: int, price: int, quantity: int = 1) -> None:
    factories.purchase(
        session,
        agent,
        customer_id,
        on=TODAY - timedelta(days=days_ago),
        price=price,
        quantity=quantity,
        sku=f"SKU-{customer_id}-{days_ago}-{price}-{quantity}",
    )


def test_a_customer_who_never_bought_has_no_purchases(session, agent, buyer):
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.recency_days, rfm.frequency, rfm.monetary, rfm.segment) == (None, 0, 0, Segment.NO_PURCHASES)
    assert rfm.code == "R1F1M1"


def test_a_recent_regular_buyer_is_scored_from_the_years_purchases(session, agent, buyer):
    _bought(session, agent, buyer, days_ago=10, price=30_000)
    _bought(session, agent, buyer, days_ago=100, price=20_000, quantity=2)
    _bought(session, agent, buyer, days_ago=400, price=900_000)  # over a year ago: recency only
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.recency_days, rfm.frequency, rfm.monetary) == (10, 2, 70_000)
    assert (rfm.code, rfm.segment) == ("R5F2M3", Segment.PROMISING)


def test_a_big_frequent_buyer_is_a_champion(session, agent, buyer):
    for days_ago in (5, 40, 80, 120, 160):
        _bought(session, agent, buyer, days_ago=days_ago, price=40_000)
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.frequency, rfm.monetary, rfm.code, rfm.segment) == (5, 200_000, "R5F4M4", Segment.CHAMPION)


def test_a_customer_who_stopped_buying_over_a_year_ago_has_lapsed(session, agent, buyer):
    _bought(session, agent, buyer, days_ago=400, price=5_000)
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.recency_days, rfm.frequency, rfm.monetary, rfm.segment) == (400, 0, 0, Segment.LAPSED)


def test_a_frequent_buyer_who_went_quiet_is_at_risk(session, agent, buyer):
    for days_ago in (200, 220, 240):
        _bought(session, agent, buyer, days_ago=days_ago, price=3_000)
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.code, rfm.segment) == ("R2F3M1", Segment.AT_RISK)


def test_the_years_window_counts_a_purchase_364_days_ago_but_not_366(session, agent, buyer):
    _bought(session, agent, buyer, days_ago=364, price=10_000)
    _bought(session, agent, buyer, days_ago=366, price=20_000)
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.recency_days, rfm.frequency, rfm.monetary) == (364, 1, 10_000)


def test_a_purchase_today_is_counted(session, agent, buyer):
    _bought(session, agent, buyer, days_ago=0, price=1_000, quantity=3)
    rfm = customer_rfm(session, agent, buyer, today=TODAY)
    assert (rfm.recency_days, rfm.frequency, rfm.monetary, rfm.segment) == (0, 1, 3_000, Segment.NEW)


def test_another_customers_purchases_do_not_count(session, agent, buyer):
    neighbour = factories.customer(session, agent, "田中 花子", phone="06-1111-2222")
    _bought(session, agent, neighbour, days_ago=1, price=999_999)
    assert customer_rfm(session, agent, buyer, today=TODAY).segment == Segment.NO_PURCHASES
    assert customer_rfm(session, agent, neighbour, today=TODAY).monetary == 999_999


def test_the_same_purchases_score_lower_as_time_passes(session, agent, buyer):
    _bought(session, agent, buyer, days_ago=0, price=10_000)
    scores = [customer_rfm(session, agent, buyer, today=TODAY + timedelta(days=d)).r for d in (0, 31, 91, 181, 366)]
    assert scores == [5, 4, 3, 2, 1]
