"""Duplicate customers: found with their evidence, merged in one audited transaction, gone from every lookup."""

from datetime import date

import pytest
from sqlmodel import Session, select

from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.models import AuditEvent, Customer, Purchase, SearchOutbox, Subscription, Ticket
from supportdesk.services import commerce
from supportdesk.services.actor import Actor
from supportdesk.services.caller_lookup import find_customers
from supportdesk.services.customers import (
    CustomerCreate,
    company_members,
    duplicate_candidates,
    update_customer,
)
from supportdesk.services.merge import find_duplicates, merge_customers, merge_preview
from tests.supportdesk import factories
from tests.supportdesk.factories import count, history_counts


def _evidence(session: Session, actor: Actor) -> dict[frozenset[int], tuple[str, ...]]:
    return {frozenset((p.a.id, p.b.id)): p.evidence for p in find_duplicates(session, actor)}


def test_the_finder_names_the_evidence_for_each_pair(session, agent):
    company = factories.company(session, agent, phone="03-5555-0000")
    taro = factories.customer(session, agent, "山田 太郎", phone="03-1234-5678", email="taro@example.jp")
    same_phone = factories.customer(session, agent, "ﾔﾏﾀﾞ ﾀﾛｳ", name_kana="ﾔﾏﾀﾞ ﾀﾛｳ", phone="０３１２３４５６７８")
    same_mail = factories.customer(session, agent, "Taro Yamada", name_kana=None, phone=None, email="TARO@example.jp")
    saito = factories.customer(session, agent, "斎藤 一", name_kana="サイトウ ハジメ", phone=None, company_id=company)
    saitoh = factories.customer(session, agent, "齊藤 一", name_kana="サイトー ハジメ", phone=None, company_id=company)
    found = _evidence(session, agent)
    assert found[frozenset((taro, same_phone))] == ("same phone", "same kana")
    assert found[frozenset((taro, same_mail))] == ("same e-mail",)
    assert found[frozenset((saito, saitoh))] == ("similar kana",)
    assert frozenset((same_phone, same_mail)) not in found


def test_a_company_switchboard_number_is_not_evidence(session, agent):
    company = factories.company(session, agent, phone="03-5555-0000")
    factories.customer(session, agent, "小林 直子", name_kana="コバヤシ", phone="03-5555-0000", company_id=company)
    factories.customer(session, agent, "中村 健", name_kana="ナカムラ", phone="03-5555-0000", company_id=company)
    assert find_duplicates(session, agent) == []


def test_the_strongest_evidence_comes_first(session, agent):
    factories.customer(session, agent, "佐藤 一郎", name_kana="サトウ イチロウ", phone=None)
    factories.customer(session, agent, "佐藤 市郎", name_kana="サトウ イチロウ", phone=None)
    factories.customer(session, agent, "山田 太郎", phone="03-1234-5678")
    factories.customer(session, agent, "山田 たろう", name_kana="ヤマダ", phone="03-1234-5678")
    pairs = find_duplicates(session, agent)
    assert [p.evidence for p in pairs] == [("same phone",), ("same kana",)]


@pytest.fixture
def pair(session: Session, agent: Actor, lead: Actor) -> dict[str, int]:
    """山田 太郎 twice: once by phone, once from a web order with e-mail, each with history attached."""
    keep = factories.customer(session, agent, "山田 太郎", phone="03-1234-5678")
    other = factories.customer(
        session,
        agent,
        "山田 太郎",
        name_kana="ヤマダ タロウ",
        phone="03-1234-5678",
        email="taro@example.jp",
        rank="vip",
    )
    older = factories.customer(session, agent, "ﾔﾏﾀﾞ", phone="03-1234-5678")
    merge_customers(session, lead, other, older)  # an earlier merge into the duplicate
    product = commerce.add_product(session, lead, "SUB-1", "年間サポート", 12_000, is_subscription=True)
    return {
        "keep": keep,
        "other": other,
        "older": older,
        "kept_ticket": factories.ticket(session, agent, keep, "請求書"),
        "moved_ticket": factories.ticket(session, agent, other, "ログインできない"),
        "purchase": factories.purchase(session, lead, other, on=date(2026, 5, 1)),
        "subscription": commerce.add_subscription(session, lead, other, product, contract_on=date(2026, 1, 1)),
    }


def test_merge_moves_every_related_record_and_writes_one_audit_event(session, lead, pair):
    before = count(session, AuditEvent)
    queued = count(session, SearchOutbox)
    result = merge_customers(session, lead, pair["keep"], pair["other"], {"rank": "A"})
    assert (result.tickets, result.purchases, result.subscriptions) == (1, 1, 1)
    session.expire_all()
    assert session.get(Ticket, pair["moved_ticket"]).customer_id == pair["keep"]  # type: ignore[union-attr]
    assert session.get(Purchase, pair["purchase"]).customer_id == pair["keep"]  # type: ignore[union-attr]
    assert session.get(Subscription, pair["subscription"]).customer_id == pair["keep"]  # type: ignore[union-attr]
    assert count(session, AuditEvent) == before + 1
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "customer.merge")).all()[-1]
    assert (event.object_id, event.actor_login) == (pair["keep"], "takahashi")
    assert f'"merged": {pair["other"]}' in (event.detail or "")
    # Search indexes the customer's name with each ticket: both of the survivor's tickets are queued.
    assert count(session, SearchOutbox) == queued + 2


def test_fields_empty_on_the_survivor_are_filled_and_picks_are_honoured(session, lead, pair):
    preview = merge_preview(session, lead, pair["keep"], pair["other"])
    picks = {f.name: f.pick for f in preview.fields}
    assert (picks["email"], picks["mobile"], picks["rank"], picks["full_name"]) == ("B", "A", "A", "A")
    assert preview.a_counts == (1, 0, 0) and preview.b_counts == (1, 1, 1)
    result = merge_customers(session, lead, pair["keep"], pair["other"], {"rank": "B"})
    assert set(result.from_b) == {"email", "rank"}
    survivor = session.get(Customer, pair["keep"], populate_existing=True)
    assert survivor is not None
    assert (survivor.email, survivor.email_key, survivor.rank) == ("taro@example.jp", "taro@example.jp", "vip")


def test_the_merged_record_stays_as_a_tombstone_and_leaves_every_lookup(session, lead, agent, pair):
    merge_customers(session, lead, pair["keep"], pair["other"])
    loser = session.get(Customer, pair["other"], populate_existing=True)
    assert loser is not None and loser.merged_into_id == pair["keep"]
    older = session.get(Customer, pair["older"], populate_existing=True)
    assert older is not None and older.merged_into_id == pair["keep"]  # earlier merges follow to the survivor
    assert [m.customer.id for m in find_customers(session, agent, "03-1234-5678")] == [pair["keep"]]
    assert [
        d.customer.id for d in duplicate_candidates(session, agent, CustomerCreate("山田 太郎", phone="0312345678"))
    ] == [pair["keep"]]
    assert find_duplicates(session, agent) == []


def test_merged_company_members_are_not_listed(session, lead, agent):
    company = factories.company(session, agent)
    a = factories.customer(session, agent, "山田 太郎", company_id=company)
    b = factories.customer(session, agent, "山田 太郎", company_id=company)
    merge_customers(session, lead, a, b)
    assert [m.id for m in company_members(session, agent, company)] == [a]


def test_a_refused_merge_writes_nothing(session, lead, pair):
    before = history_counts(session)
    with pytest.raises(Invalid, match="not a field"):
        merge_customers(session, lead, pair["keep"], pair["other"], {"external_ref": "B"})
    with pytest.raises(Invalid, match="pick A"):
        merge_customers(session, lead, pair["keep"], pair["other"], {"email": "C"})
    with pytest.raises(Invalid, match="already merged"):
        merge_customers(session, lead, pair["keep"], pair["older"])
    with pytest.raises(Invalid, match="two different"):
        merge_customers(session, lead, pair["keep"], pair["keep"])
    assert history_counts(session) == before
    assert session.get(Ticket, pair["moved_ticket"], populate_existing=True).customer_id == pair["other"]  # type: ignore[union-attr]


def test_a_stale_merge_is_refused(session, lead, agent, pair):
    preview = merge_preview(session, lead, pair["keep"], pair["other"])
    update_customer(session, agent, pair["other"], {"notes": "折り返し希望"})
    with pytest.raises(Conflict):
        merge_customers(
            session, lead, pair["keep"], pair["other"], expected_versions=(preview.a.version, preview.b.version)
        )


@pytest.mark.parametrize("role", ["agent", "trainer"])
def test_only_leads_and_admins_merge(request, session, pair, role):
    with pytest.raises(NotAllowed, match="merge duplicate customers"):
        merge_customers(session, request.getfixturevalue(role), pair["keep"], pair["other"])


def test_admins_merge_too(session, admin, pair):
    assert merge_customers(session, admin, pair["keep"], pair["other"]).merged == pair["other"]
