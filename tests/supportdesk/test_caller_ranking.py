"""When hundreds of callers share a family name, a reading, a phone prefix and a company, the agent still gets the
best of them first, by the documented rule, and the same people on SQLite and PostgreSQL (both passes run this).

The expected order is worked out here from the raw tickets and thread entries, not from the columns the lookup
reads: the test would catch a trigger that miscounts as well as a query that cuts before it ranks.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select

from supportdesk.models import Company, Customer, EntryKind, Status, Ticket, TicketEntry
from supportdesk.services import caller_lookup
from supportdesk.services.actor import Actor
from supportdesk.services.caller_lookup import find_customers
from supportdesk.services.customers import set_company_keys, set_customer_keys
from tests.supportdesk import factories

BASE = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GIVEN = [("花子", "ハナコ"), ("太郎", "タロウ"), ("恵子", "ケイコ"), ("健", "ケン"), ("由美", "ユミ"), ("翔", "ショウ")]
SATO, TANAKA = 240, 24


def _at(minutes: int) -> datetime:
    return BASE + timedelta(minutes=minutes)


def _tickets_of(i: int) -> list[tuple[Status, datetime, list[tuple[EntryKind, datetime]]]]:
    """Person i's history: never contacted, closed cases only, one or two open ones, calls and replies; some
    share the same moment, so reading, name and number have to settle the order."""
    shared = _at(600)  # several people last heard from at the very same moment
    return [
        [],
        [(Status.CLOSED, _at(i), [])],
        [(Status.OPEN, shared if i % 4 == 2 else _at(i * 7 % 500), [])],
        [(Status.NEW, _at(i), []), (Status.PENDING, _at(i + 1), [(EntryKind.INTERNAL_NOTE, _at(2000))])],
        [(Status.RESOLVED, _at(i * 3), [(EntryKind.REPLY, _at(i * 5))]), (Status.ON_HOLD, shared, [])],
        [(Status.CLOSED, _at(10), [(EntryKind.CALL_LOG, shared), (EntryKind.STATUS_CHANGE, _at(3000))])],
    ][i % 6]


@pytest.fixture
def crowd(session: Session) -> dict[str, int]:
    """佐藤商事 (main line 03-5555-0000): 240 people called 佐藤 (read サトウ, phones 03-5555-xxxx), one of them
    just 佐藤 / サトウ, and 24 called 田中 who share only the company."""
    company = Company(name="佐藤商事株式会社", name_kana="サトウショウジ", phone="03-5555-0000")
    set_company_keys(company)
    session.add(company)
    session.flush()
    people = []
    for i in range(SATO):
        kanji, kana = GIVEN[i % len(GIVEN)]
        name, reading = (f"佐藤 {kanji}", f"サトウ {kana}") if i else ("佐藤", "サトウ")
        people.append(Customer(full_name=name, name_kana=reading, phone=f"03-5555-{i:04d}", company_id=company.id))
    for i in range(TANAKA):
        people.append(
            Customer(full_name=f"田中 {i}", name_kana="タナカ", phone=f"06-1111-{i:04d}", company_id=company.id)
        )
    for person in people:
        set_customer_keys(person)
    session.add_all(people)
    session.flush()
    tickets = [
        (Ticket(customer_id=person.id, subject="問い合わせ", status=status, received_at=received), entries)
        for i, person in enumerate(people)
        for status, received, entries in _tickets_of(i)
    ]
    session.add_all(ticket for ticket, _ in tickets)
    session.flush()
    session.add_all(
        TicketEntry(ticket_id=ticket.id, kind=kind, created_at=at)
        for ticket, entries in tickets
        for kind, at in entries
    )
    session.commit()
    assert company.id is not None and people[0].id is not None
    return {"company": company.id, "just_sato": people[0].id}


_activity = factories.activity_from_history


def _expected(session: Session, score_of: dict[int, int], limit: int) -> list[int]:
    """The documented rule applied to everyone the text matches: how, open tickets, last contact, reading, name,
    number."""
    activity = _activity(session)
    people = session.exec(select(Customer).where(col(Customer.id).in_(score_of))).all()

    def rank(c: Customer) -> tuple[object, ...]:
        assert c.id is not None
        open_count, last = activity.get(c.id, (0, None))
        recent = (1, 0.0) if last is None else (0, -last.timestamp())
        return (score_of[c.id], -open_count, recent, c.kana_key, c.name_key, c.id)

    return [c.id for c in sorted(people, key=rank)[:limit] if c.id is not None]


def _scores(session: Session, typed: str, crowd: dict[str, int]) -> dict[int, int]:
    """How each person matches `typed`, by construction of the crowd (see SCORES)."""
    scores = {}
    for c in session.exec(select(Customer)).all():
        assert c.id is not None
        sato, exact = c.full_name.startswith("佐藤"), c.id == crowd["just_sato"]
        scores[c.id] = {
            "佐藤": 20 if exact else 30 if sato else 45,
            "さとう": 20 if exact else 30 if sato else 45,
            "sato": 30 if sato else 45,  # read サト: nobody's reading is exactly that
            "03-5555": 10 if sato else 50,
            "03-5555-0000": 0 if exact else 50,  # 佐藤's own number, and the company's main line
            "佐藤商事": 45,
        }[typed]
    return scores


@pytest.mark.parametrize("walk_above", [caller_lookup.WALK_ABOVE, 5], ids=["sorted", "walked"])
def test_the_best_of_hundreds_of_alike_callers_come_first_by_the_rule(session, agent, crowd, monkeypatch, walk_above):
    # Two regimes: a probe's matches sorted, or (above WALK_ABOVE) the ranking index walked; the same answer.
    monkeypatch.setattr(caller_lookup, "WALK_ABOVE", walk_above)
    for typed in ("佐藤", "さとう", "sato", "03-5555", "03-5555-0000", "佐藤商事"):
        for limit in (1, 20, 300):
            found = find_customers(session, agent, typed, limit=limit)
            assert [m.customer.id for m in found] == _expected(session, _scores(session, typed, crowd), limit), (
                typed,
                limit,
            )
    activity = _activity(session)
    for match in find_customers(session, agent, "佐藤商事", limit=300):  # each with their open tickets beside them
        assert match.open_tickets == activity.get(match.customer.id, (0, None))[0]


def test_every_match_is_ranked_before_the_list_is_cut(session, agent, crowd):
    """The 佐藤 with the most open tickets and the latest call is found though 239 others share the name."""
    satos = set(session.exec(select(Customer.id).where(col(Customer.full_name).startswith("佐藤 "))))
    activity = {i: a for i, a in _activity(session).items() if i in satos}
    busiest = max(activity.items(), key=lambda item: (item[1][0], item[1][1] or BASE))[0]
    # Second only to the one whose name is exactly 佐藤.
    assert find_customers(session, agent, "佐藤", limit=2)[1].customer.id == busiest


def test_a_lookup_reads_its_results_companies_in_one_query(engine: Engine, session, agent, crowd):
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    find_customers(session, agent, "佐藤", limit=30)
    # One count for all ways of matching, one ranked read per way (name, company), one for the company names:
    # not one per person listed.
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 4, statements


def test_the_ranking_survives_colleagues_work_on_the_crowds_tickets(session, agent: Actor, crowd):
    """Tickets opened, closed and moved after the crowd was built: the columns the lookup reads follow."""
    quiet = session.exec(select(Customer.id).where(Customer.full_name == "佐藤 翔")).first()
    assert quiet is not None
    session.add(Ticket(customer_id=quiet, subject="至急", status=Status.NEW, received_at=_at(9000)))
    session.commit()
    assert find_customers(session, agent, "佐藤 翔", limit=1)[0].customer.id == quiet
    assert [m.customer.id for m in find_customers(session, agent, "佐藤", limit=50)] == _expected(
        session, _scores(session, "佐藤", crowd), 50
    )


def test_a_whole_number_or_e_mail_also_finds_the_keys_that_go_on_from_it(session, agent: Actor):
    """A whole key is read by equality first (one plan on PostgreSQL); those whose number or e-mail only starts
    with it are still found, after the exact ones: a number with an extension after it, a mobile of which ten
    digits are typed so far, an e-mail whose domain goes on, the people of a company whose main line has an
    extension. Someone merged away is not found by theirs."""
    with_extension = factories.company(session, agent, "内線商事", phone="03-3333-4444 内線 1")
    same_line = factories.company(session, agent, "代表商事", phone="03-3333-4444")
    exact = factories.customer(session, agent, "東 一", phone="03-3333-4444", email="taro@example.co")
    extension = factories.customer(session, agent, "東 二", phone="0333334444 内線12", email="taro@example.co.jp")
    mobile = factories.customer(session, agent, "東 三", phone=None, mobile="090-1234-5678")
    at_extension = factories.customer(session, agent, "東 四", phone=None, company_id=with_extension)
    at_line = factories.customer(session, agent, "東 五", phone=None, company_id=same_line)
    merged = factories.customer(session, agent, "東 六", phone="03-3333-4444-9", email="taro@example.co.uk")
    session.get_one(Customer, merged).merged_into_id = exact
    session.commit()

    def found(typed: str) -> list[tuple[int | None, str, int]]:
        return [(m.customer.id, m.match, m.score) for m in find_customers(session, agent, typed, limit=30)]

    by_number = found("03-3333-4444")
    assert by_number[:2] == [(exact, "phone", 0), (extension, "phone", 10)]
    assert sorted(by_number[2:]) == sorted([(at_extension, "company phone", 50), (at_line, "company phone", 50)])
    assert found("090-1234-567") == [(mobile, "phone", 10)]
    assert found("taro@example.co") == [(exact, "email", 0), (extension, "email", 10)]
    assert found("taro@example.co.jp") == [(extension, "email", 0)]
    assert found("03-3333-4444-9") == found("taro@example.co.uk") == []


@pytest.mark.parametrize("text", ["-", "－", "・", "()"])
def test_a_lookup_with_nothing_to_look_up_by_finds_nobody_on_every_backend(session, agent: Actor, text: str):
    """An agent who types only a dash (or other punctuation) sees no matches; SQLite refused the empty count."""
    factories.customer(session, agent)
    assert find_customers(session, agent, text) == []
