"""A trainer reads and searches a desk full of generated cases and never meets the people in them.

The desk is filled from the generated leakage set (tests/masking/leakage_set.py): customers and colleagues at
their companies, tickets whose thread names them in every spelling. Every read path a trainer has — the ticket list
and ticket, the case reader and library, the Markdown manual, tags, search and its snippets, similar cases — is
then searched for every personal value of the set.
"""

import dataclasses
import json
from pathlib import Path

import pytest
from sqlmodel import Session

from search_index import SearchIndex
from supportdesk.errors import NotAllowed
from supportdesk.masking.fold import fold_value
from supportdesk.models import Role, User
from supportdesk.services import search
from supportdesk.services.actor import Actor
from supportdesk.services.case_library import (
    case_markdown,
    export_manual,
    library_tags,
    list_exemplary,
    read_case,
)
from supportdesk.services.cases import mark_exemplary, visible_tags
from supportdesk.services.customers import CompanyCreate, CustomerCreate, create_company, create_customer
from supportdesk.services.ticket_queries import TicketFilter, get_ticket, list_tickets
from supportdesk.services.tickets import TicketCreate, add_entry, change_status, create_ticket
from tests.masking.leakage_set import ORDINARY_GIVEN, STAFF, build_cases

CASES = 10
LABELS = (
    "〇〇",
    "[会社名]",
    "[電話番号]",
    "[メール]",
    "[住所]",
    "[郵便番号]",
    "[name]",
    "[company]",
    "[phone]",
    "[e-mail]",
)


@pytest.fixture
def desk(session: Session, tmp_path: Path):
    staff = {}
    for i, name in enumerate(STAFF):
        user = User(login=f"staff{i}", name=name, role=Role.LEAD)
        session.add(user)
        session.commit()
        staff[name] = Actor.from_user(user)
    trainer_user = User(login="trainer", name="研修 担当", role=Role.TRAINER)
    session.add(trainer_user)
    session.commit()
    trainer = Actor.from_user(trainer_user)
    lead = staff[STAFF[0]]
    tickets: dict[int, list[str]] = {}
    for case in build_cases(CASES, seed=7):
        customer, colleague = case.data.people
        company = case.data.companies[0]
        company_id = create_company(session, lead, CompanyCreate(name=company.name, name_kana=company.kana))
        ids = []
        for person in (customer, colleague):
            ids.append(
                create_customer(
                    session,
                    lead,
                    CustomerCreate(
                        full_name=person.name,
                        name_kana=person.kana,
                        email=person.emails[0],
                        phone=person.phones[0],
                        address=person.addresses[0],
                        postal_code=person.postal_codes[0],
                        company_id=company_id,
                    ),
                )
            )
        first, *rest = case.texts
        number = create_ticket(
            session, lead, TicketCreate(customer_id=ids[0], subject="ご相談: " + first.text[:60], body=first.text)
        )
        for t in rest:
            author = lead if t.author.customer else staff[t.author.staff_name or STAFF[0]]
            add_entry(session, author, number, "customer_message" if t.author.customer else "reply", t.text)
        name = customer.name.split()[0]
        change_status(session, lead, number, "resolved", reason=f"{name}様へ折り返し済み {customer.phones[0]}")
        mark_exemplary(session, lead, number, f"{name}様の件。{customer.emails[0]} に送付", [f"{name}様", "返金"])
        tickets[number] = [text[s:e] for t in case.texts for s, e, _ in t.spans for text in [t.text]] + [
            customer.name,
            customer.phones[0],
            customer.emails[0],
            company.name,
        ]
    index = SearchIndex.open(tmp_path / "index")
    search.ensure_index(session, index)
    yield trainer, tickets, index
    index.close()


# Given names that are ordinary words (東京) are masked where they name the person, and stay as words elsewhere
# (沖縄県への配送): only the views of their own ticket are searched for them.
_WORDS = {kanji for kanji, _ in ORDINARY_GIVEN}


def _everyone(tickets: dict[int, list[str]]) -> list[str]:
    return [v for values in tickets.values() for v in values if v not in _WORDS]


def _leaks(output: str, values: list[str]) -> list[str]:
    folded = fold_value(output)
    # One-character names (林) are only meaningful with their honorific; the longer values must not appear at all.
    return [v for v in values if len(v.strip()) >= 2 and fold_value(v).strip() in folded]


def _text(value: object) -> str:
    return json.dumps(dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value, default=str)


def test_a_trainer_meets_nobody_in_any_view(session, desk, tmp_path):
    trainer, tickets, index = desk
    everyone = _everyone(tickets)
    rows = list_tickets(session, trainer, TicketFilter())
    assert not _leaks(_text([dataclasses.asdict(r) for r in rows]), everyone)
    for number, values in tickets.items():
        views = [
            _text(get_ticket(session, trainer, number)),
            case_markdown(read_case(session, trainer, number)),
            _text(visible_tags(session, trainer, number)),
            _text([h.hit for h in search.similar_cases(session, trainer, index, number)]),
        ]
        for view in views:
            assert not _leaks(view, values), (number, _leaks(view, values), view[:400])
    assert not _leaks(_text(list_exemplary(session, trainer)), everyone)
    assert not _leaks(_text(library_tags(session, trainer)), everyone)
    out = tmp_path / "manual.md"
    export_manual(session, trainer, list(tickets), out)
    assert not _leaks(out.read_text(encoding="utf-8"), everyone)


def test_a_trainer_searches_the_cases_but_never_the_people(session, desk):
    trainer, tickets, index = desk
    everyone = _everyone(tickets)
    for query in ("返品", "請求書", "ログイン", "配送", "電話番号", "様", "折り返し"):
        result = search.search_cases(session, trainer, index, query, limit=50)
        shown = _text([(h.hit.subject, [s.segments for s in h.hit.snippets], h.customer_name) for h in result.hits])
        assert not _leaks(shown, everyone), (query, _leaks(shown, everyone))
        for hit in result.hits:
            for snippet in hit.hit.snippets:
                marked = [text for text, match in snippet.segments if match]
                assert not any(label in text for text in marked for label in LABELS), (query, snippet.segments)
    assert search.search_cases(session, trainer, index, "様").hits  # the masked text is searchable


def test_a_name_a_phone_or_an_address_finds_nothing_for_a_trainer(session, desk):
    trainer, tickets, index = desk
    for values in tickets.values():
        name, phone, email, company = values[-4:]
        family = name.split()[0]
        if len(family) >= 2:
            assert not search.search_cases(session, trainer, index, family).hits, family
        assert not search.search_cases(session, trainer, index, f'"{company}"').hits, company
        with pytest.raises(NotAllowed, match=r"phone|電話"):
            search.search_cases(session, trainer, index, phone)
        with pytest.raises(NotAllowed, match=r"phone|電話"):
            search.search_cases(session, trainer, index, email)
        with pytest.raises(NotAllowed, match=r"customer:|company:"):
            search.search_cases(session, trainer, index, f'customer:"{name}"')
        with pytest.raises(NotAllowed, match=r"customer:|company:"):
            search.search_cases(session, trainer, index, f"返金 company:{company}")


def test_agents_still_find_the_customer(session, desk):
    _, tickets, index = desk
    agent = Actor(id=1, login="staff0", name=STAFF[0], role=Role.LEAD)
    number, values = next(iter(tickets.items()))
    name = values[-4]
    found = search.search_cases(session, agent, index, f'customer:"{name}"').hits
    assert [h.hit.ticket_id for h in found] == [number]
    assert found[0].customer_name == name
    assert "〇〇" not in get_ticket(session, agent, number).entries[0].body
