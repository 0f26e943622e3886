"""サービスレベル: due times in business hours, weekends, Japanese holidays, year-end closure and pending pauses."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportdesk.config import SlaPolicy
from supportdesk.models import InquiryType, Priority, Status, Ticket
from supportdesk.services import sla
from supportdesk.services.sla import SlaState, calendar, due_times, sla_state
from supportdesk.services.tickets import change_status, update_fields
from tests.supportdesk import factories

JST = ZoneInfo("Asia/Tokyo")
POLICY = SlaPolicy()
CAL = calendar(POLICY)


def jst(*args: int) -> datetime:
    return datetime(*args, tzinfo=JST).astimezone(UTC)  # type: ignore[misc]


# --- the business calendar -------------------------------------------------------------------------------------


def test_a_ticket_received_on_friday_evening_is_due_on_monday_morning():
    # Friday 3 July 2026, 17:30: half an hour today, the rest from Monday 09:00.
    first, _ = due_times(jst(2026, 7, 3, 17, 30), Priority.HIGH, POLICY)
    assert first == jst(2026, 7, 6, 12, 30)


def test_a_ticket_received_at_night_starts_its_clock_at_opening_time():
    first, resolution = due_times(jst(2026, 7, 7, 22, 15), Priority.URGENT, POLICY)
    assert first == jst(2026, 7, 8, 10, 0)
    assert resolution == jst(2026, 7, 8, 17, 0)


def test_japanese_public_holidays_do_not_count():
    # Golden Week 2026: 3–6 May are holidays (6 May the substitute for Constitution Day on a Sunday).
    first, _ = due_times(jst(2026, 5, 1, 17, 0), Priority.HIGH, POLICY)
    assert first == jst(2026, 5, 7, 12, 0)
    assert not CAL.is_business_day(date(2026, 9, 22))  # 国民の休日 between two holidays


def test_the_year_end_closure_does_not_count():
    first, _ = due_times(jst(2026, 12, 28, 17, 0), Priority.HIGH, POLICY)
    assert first == jst(2027, 1, 4, 12, 0)


def test_a_policy_can_name_other_hours_days_and_no_holidays():
    policy = SlaPolicy(business_hours=("10:00", "24:00"), business_days=("sat",), holidays="", closed_days=())
    first, _ = due_times(jst(2026, 7, 3, 12, 0), Priority.NORMAL, policy)  # a Friday
    assert first == jst(2026, 7, 4, 18, 0)


def test_targets_per_inquiry_type_override_the_priority_table():
    policy = SlaPolicy(by_type={"complaint": {"first_response": {"normal": 2}}})
    received = jst(2026, 7, 7, 9, 0)
    assert due_times(received, Priority.NORMAL, policy, InquiryType.COMPLAINT)[0] == jst(2026, 7, 7, 11, 0)
    assert due_times(received, Priority.NORMAL, policy, InquiryType.QUESTION)[0] == jst(2026, 7, 7, 17, 0)


# --- properties ---------------------------------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC))
spans = st.integers(min_value=1, max_value=200 * 3600)


@settings(max_examples=150, deadline=None)
@given(start=moments, seconds=spans)
def test_adding_business_time_then_measuring_it_gives_it_back(start, seconds):
    assert CAL.between(start, CAL.add(start, seconds)) == seconds


@settings(max_examples=150, deadline=None)
@given(start=moments, seconds=spans)
def test_a_due_time_always_falls_within_business_hours_of_a_business_day(start, seconds):
    due = CAL.add(start, seconds).astimezone(JST)
    assert CAL.is_business_day(due.date())
    assert time(9, 0) < due.time() <= time(18, 0)


@settings(max_examples=150, deadline=None)
@given(start=moments, first=spans, second=spans)
def test_business_time_adds_up(start, first, second):
    assert CAL.add(CAL.add(start, first), second) == CAL.add(start, first + second)


@settings(max_examples=100, deadline=None)
@given(start=moments, days=st.integers(min_value=0, max_value=40))
def test_time_on_closed_days_never_counts(start, days):
    day = (start.astimezone(JST) + timedelta(days=days)).date()
    whole_day = CAL.between(jst(day.year, day.month, day.day), jst(day.year, day.month, day.day) + timedelta(days=1))
    assert whole_day == (9 * 3600 if CAL.is_business_day(day) else 0)


@settings(max_examples=100, deadline=None)
@given(
    received=moments,
    pauses=st.lists(st.tuples(st.integers(0, 30 * 86400), st.integers(0, 20 * 86400)), max_size=4),
)
def test_pending_pauses_move_the_resolution_due_by_the_business_time_waited(received, pauses):
    ticket = Ticket(customer_id=1, subject="x", priority=Priority.NORMAL, received_at=received)
    sla.retarget(ticket, POLICY)
    waited, now = 0, received
    for gap, length in pauses:
        start = now + timedelta(seconds=gap)
        sla.pause(ticket, start)
        now = start + timedelta(seconds=length)
        waited += sla.resume(ticket, now, POLICY)
    assert ticket.sla_paused_seconds == waited
    assert ticket.resolution_due == CAL.add(received, 72 * 3600 + waited)
    assert ticket.first_response_due == CAL.add(received, 8 * 3600)  # a pause never moves the first response


# --- overdue and due soon ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "answered", "now", "expected"),
    [
        ("open", None, jst(2026, 7, 7, 9, 30), SlaState.OK),
        ("open", None, jst(2026, 7, 7, 15, 30), SlaState.DUE_SOON),  # first response due 17:00
        ("new", None, jst(2026, 7, 7, 17, 1), SlaState.OVERDUE),
        ("open", jst(2026, 7, 7, 10), jst(2026, 7, 7, 17, 1), SlaState.OK),  # answered: resolution due counts
        ("pending", None, jst(2026, 8, 1, 9), SlaState.PAUSED),
        ("resolved", None, jst(2026, 8, 1, 9), SlaState.DONE),
        ("on_hold", jst(2026, 7, 7, 10), jst(2026, 7, 16, 17, 30), SlaState.DUE_SOON),  # resolution due 7/16 18:00
    ],
)
def test_where_a_ticket_stands(status, answered, now, expected):
    first, resolution = due_times(jst(2026, 7, 7, 9, 0), Priority.NORMAL, POLICY)
    assert sla_state(status, answered, first, resolution, now, sla.soon_limit(now, POLICY)) == expected


def test_due_soon_counts_business_hours_over_a_weekend():
    # Saturday noon: a ticket due Monday 10:00 is one business hour away.
    now = jst(2026, 7, 4, 12, 0)
    assert sla.soon_limit(now, POLICY) == jst(2026, 7, 6, 11, 0)


# --- the ticket services keep the clock -------------------------------------------------------------------------


def _at(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr("supportdesk.services.tickets.utcnow", lambda: moment)


def test_pending_stops_the_resolution_clock_and_moves_the_due_time(session, agent, monkeypatch):
    customer = factories.customer(session, agent)
    received = jst(2026, 7, 7, 9, 0)
    number = factories.ticket(session, agent, customer, received_at=received, priority=Priority.NORMAL)
    due_before = session.get(Ticket, number).resolution_due
    _at(monkeypatch, jst(2026, 7, 8, 9, 0))
    change_status(session, agent, number, Status.PENDING, follow_up_on=date(2026, 7, 10), today=date(2026, 7, 8))
    assert session.get(Ticket, number).pending_since == jst(2026, 7, 8, 9, 0)
    # The customer answers after a weekend: Wednesday 9:00 to Monday 12:00 is 3 business days and 3 hours.
    _at(monkeypatch, jst(2026, 7, 13, 12, 0))
    change_status(session, agent, number, Status.OPEN)
    ticket = session.get(Ticket, number)
    assert ticket.pending_since is None
    assert ticket.sla_paused_seconds == (3 * 9 + 3) * 3600
    assert ticket.resolution_due == CAL.add(due_before, (3 * 9 + 3) * 3600)


def test_a_reopened_ticket_keeps_the_time_it_had_left(session, agent, monkeypatch):
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, received_at=jst(2026, 7, 7, 9, 0), priority=Priority.URGENT)
    _at(monkeypatch, jst(2026, 7, 7, 11, 0))
    change_status(session, agent, number, Status.RESOLVED, reason="再起動で解決")
    _at(monkeypatch, jst(2026, 7, 9, 11, 0))
    change_status(session, agent, number, Status.OPEN, reason="再発")
    assert session.get(Ticket, number).resolution_due == jst(2026, 7, 9, 17, 0)


def test_a_new_priority_brings_new_due_times(session, agent):
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, received_at=jst(2026, 7, 7, 9, 0), priority=Priority.LOW)
    update_fields(session, agent, number, priority=Priority.URGENT)
    ticket = session.get(Ticket, number)
    assert (ticket.first_response_due, ticket.resolution_due) == (jst(2026, 7, 7, 10, 0), jst(2026, 7, 7, 17, 0))


def test_a_long_running_process_loads_the_holiday_calendar_at_start_not_at_the_first_status_change() -> None:
    """The app and the desk service call load_calendar once: the first due time then reads what it loaded."""
    sla._holidays.cache_clear()
    sla.load_calendar(SlaPolicy(holidays="JP"), date(2026, 12, 3))
    loaded = sla._holidays.cache_info()
    assert loaded.currsize == 2  # this year and the next
    assert not calendar(SlaPolicy(holidays="JP")).is_business_day(date(2027, 1, 1))  # 元日
    assert sla._holidays.cache_info().misses == loaded.misses  # nothing more was built
    sla._holidays.cache_clear()
    sla.load_calendar(SlaPolicy(holidays=""))  # a desk without public holidays loads nothing
    assert sla._holidays.cache_info().currsize == 0
