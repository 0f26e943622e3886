"""アクセス制御: each role sees and does only what it needs, checked in the services every screen and command uses."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import count as counter

import pytest

from supportdesk.errors import NotAllowed
from supportdesk.models import EntryKind, Role, Status
from supportdesk.services import (
    caller_lookup,
    canned,
    cases,
    commerce,
    custom_fields,
    customers,
    drafts,
    handle_time,
    presence,
    profiles,
    renewals,
    rfm,
    ticket_links,
    ticket_queries,
    tickets,
    users,
)
from supportdesk.services.actor import PERMISSIONS, Action, Actor, can, require
from supportdesk.services.customer_360 import customer_360
from supportdesk.services.reports import Period
from tests.supportdesk import factories
from tests.supportdesk.factories import history_counts, ticket_in
from tests.words import in_english

TODAY = date(2026, 6, 30)
ROLES = [Role.AGENT, Role.LEAD, Role.TRAINER, Role.ADMIN]
_logins = counter(1)


@dataclass(frozen=True)
class World:
    """Records made by an admin, for each role to try its hand on."""

    customer: int
    company: int
    product: int
    subscription: int
    queued: int  # an unassigned new ticket
    open: int
    resolved: int
    theirs: int  # another agent's open ticket
    twin: int  # the same customer's open ticket about the same thing
    canned: int  # a desk-wide canned response
    ticket_field: int  # a custom field on tickets


@pytest.fixture
def world(session, admin, other_agent) -> World:
    company = factories.company(session, admin)
    customer = factories.customer(session, admin, company_id=company)
    product = commerce.add_product(session, admin, "SUB-1", "サポート年間契約", 12_000, is_subscription=True)
    subscription = commerce.add_subscription(session, admin, customer, product, contract_on=TODAY)
    return World(
        customer=customer,
        company=company,
        product=product,
        subscription=subscription,
        queued=factories.ticket(session, admin, customer, assign_to_me=False),
        open=ticket_in(session, admin, customer, Status.OPEN, assign_to_me=False),
        resolved=ticket_in(session, admin, customer, Status.RESOLVED),
        theirs=ticket_in(session, admin, customer, Status.OPEN, assignee_id=other_agent.id),
        twin=ticket_in(session, admin, customer, Status.OPEN, assign_to_me=False),
        canned=canned.add_canned(session, admin, canned.CannedDraft("ご挨拶", "{customer_name} 様")),
        ticket_field=custom_fields.define_field(session, admin, "tickets", "品番", "text"),
    )


Call = Callable[..., object]

# Every public service that changes something, with the action it needs.
CHANGES: dict[str, tuple[Action, Call]] = {
    "create ticket": (
        Action.WORK_TICKETS,
        lambda s, a, w: tickets.create_ticket(s, a, tickets.TicketCreate(customer_id=w.customer, subject="請求書")),
    ),
    "change status": (Action.WORK_TICKETS, lambda s, a, w: tickets.change_status(s, a, w.open, Status.ON_HOLD)),
    "reply": (Action.WORK_TICKETS, lambda s, a, w: tickets.add_entry(s, a, w.open, EntryKind.REPLY, "回答")),
    "internal note": (
        Action.WORK_TICKETS,
        lambda s, a, w: tickets.add_entry(s, a, w.open, EntryKind.INTERNAL_NOTE, "メモ"),
    ),
    "take a ticket": (Action.WORK_TICKETS, lambda s, a, w: tickets.assign(s, a, w.queued, a.id)),
    "update ticket fields": (
        Action.WORK_TICKETS,
        lambda s, a, w: tickets.update_fields(s, a, w.open, priority="high"),
    ),
    "reassign another's ticket": (
        Action.REASSIGN_TICKETS,
        lambda s, a, w: tickets.assign(s, a, w.theirs, a.id),
    ),
    "create company": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: customers.create_company(s, a, customers.CompanyCreate(name="合同会社テック")),
    ),
    "create customer": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: customers.create_customer(s, a, customers.CustomerCreate(full_name="新規 顧客")),
    ),
    "update customer": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: customers.update_customer(s, a, w.customer, {"notes": "折り返し希望"}),
    ),
    "add product": (Action.EDIT_PURCHASES, lambda s, a, w: commerce.add_product(s, a, "NEW-1", "新商品", 1_000)),
    "add purchase": (
        Action.EDIT_PURCHASES,
        lambda s, a, w: commerce.add_purchase(
            s, a, commerce.PurchaseCreate(customer_id=w.customer, product_id=w.product, purchased_on=TODAY)
        ),
    ),
    "add subscription": (
        Action.EDIT_PURCHASES,
        lambda s, a, w: commerce.add_subscription(s, a, w.customer, w.product, contract_on=TODAY),
    ),
    "cancel subscription": (
        Action.EDIT_PURCHASES,
        lambda s, a, w: commerce.cancel_subscription(s, a, w.subscription, TODAY, "利用終了"),
    ),
    "create user": (
        Action.MANAGE_USERS,
        lambda s, a, w: users.create_user(s, a, f"new{next(_logins)}", "新人", Role.AGENT),
    ),
    "tag ticket": (Action.TAG_TICKETS, lambda s, a, w: cases.set_tags(s, a, w.resolved, ["初期不良"])),
    "mark exemplary": (
        Action.CURATE_CASES,
        lambda s, a, w: cases.mark_exemplary(s, a, w.resolved, "丁寧な切り分けの好例"),
    ),
    "add and remove tags": (
        Action.TAG_TICKETS,
        lambda s, a, w: cases.change_tags(s, a, w.resolved, ["返金"], ["初期不良"]),
    ),
    "enter a customer's letter": (
        Action.WORK_TICKETS,
        lambda s, a, w: tickets.add_entry(s, a, w.open, EntryKind.CUSTOMER_MESSAGE, "お手紙拝受", channel="letter"),
    ),
    "set a ticket's own field": (
        Action.WORK_TICKETS,
        lambda s, a, w: tickets.set_custom_fields(s, a, w.open, {"品番": "A-100"}),
    ),
    "link tickets": (Action.LINK_TICKETS, lambda s, a, w: ticket_links.link_tickets(s, a, w.open, w.twin)),
    "merge tickets": (Action.LINK_TICKETS, lambda s, a, w: ticket_links.merge_tickets(s, a, w.open, w.twin)),
    "add canned response": (
        Action.MANAGE_CANNED,
        lambda s, a, w: canned.add_canned(
            s, a, canned.CannedDraft("お詫び", "{customer_name} 様、申し訳ございません。")
        ),
    ),
    "edit canned response": (
        Action.MANAGE_CANNED,
        lambda s, a, w: canned.edit_canned(s, a, w.canned, title="ご挨拶(改)"),
    ),
    "retire canned response": (Action.MANAGE_CANNED, lambda s, a, w: canned.retire_canned(s, a, w.canned)),
    "add customer by hand": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: profiles.add_customer(s, a, {"氏名": "新規 顧客", "電話番号": "03-9999-0000"}),
    ),
    "edit customer by hand": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: profiles.edit_customer(s, a, w.customer, {"決裁権者": "はい"}),
    ),
    "add company by hand": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: profiles.add_company(s, a, {"会社名": "有限会社みどり", "業種": "小売"}),
    ),
    "edit company": (
        Action.EDIT_CUSTOMERS,
        lambda s, a, w: profiles.edit_company(s, a, w.company, {"従業員数": "120"}),
    ),
    "define a custom field": (
        Action.DEFINE_FIELDS,
        lambda s, a, w: custom_fields.define_field(s, a, "customers", "保証期限", "date", required=False),
    ),
    "change a custom field": (
        Action.DEFINE_FIELDS,
        lambda s, a, w: custom_fields.change_field(s, a, w.ticket_field, required=True),
    ),
}

# Every public service that reads, with the action it needs.
READS: dict[str, tuple[Action, Call]] = {
    "find customers": (Action.VIEW_CUSTOMERS, lambda s, a, w: caller_lookup.find_customers(s, a, "03-1234-5678")),
    "duplicate candidates": (
        Action.VIEW_CUSTOMERS,
        lambda s, a, w: customers.duplicate_candidates(s, a, customers.CustomerCreate(full_name="山田 太郎")),
    ),
    "company members": (Action.VIEW_CUSTOMERS, lambda s, a, w: customers.company_members(s, a, w.company)),
    "purchases": (Action.VIEW_CUSTOMERS, lambda s, a, w: commerce.list_purchases(s, a, w.customer)),
    "subscriptions": (Action.VIEW_CUSTOMERS, lambda s, a, w: commerce.list_subscriptions(s, a, w.customer)),
    "rfm": (Action.VIEW_CUSTOMERS, lambda s, a, w: rfm.customer_rfm(s, a, w.customer, TODAY)),
    "customer 360": (Action.VIEW_CUSTOMERS, lambda s, a, w: customer_360(s, a, w.customer, TODAY)),
    "list tickets": (Action.VIEW_TICKETS, lambda s, a, w: ticket_queries.list_tickets(s, a)),
    "count tickets": (Action.VIEW_TICKETS, lambda s, a, w: ticket_queries.count_tickets(s, a)),
    "get ticket": (Action.VIEW_TICKETS, lambda s, a, w: ticket_queries.get_ticket(s, a, w.open)),
    "ticket version": (Action.VIEW_TICKETS, lambda s, a, w: presence.ticket_version(s, a, w.open)),
    "who is on a ticket": (Action.VIEW_TICKETS, lambda s, a, w: presence.present(s, a, w.open)),
    "own drafts": (Action.WORK_TICKETS, lambda s, a, w: drafts.list_drafts(s, a)),
    # Presence and drafts are no change to the desk's records (no history); only who may send them is checked.
    "be seen on a ticket": (Action.WORK_TICKETS, lambda s, a, w: presence.heartbeat(s, a, w.open, typing=True)),
    "keep a draft": (Action.WORK_TICKETS, lambda s, a, w: drafts.save_draft(s, a, w.open, "reply", "下書き")),
    "tag completion": (Action.TAG_TICKETS, lambda s, a, w: cases.known_tags(s, a, "初")),
    "ticket links": (Action.VIEW_TICKETS, lambda s, a, w: ticket_links.ticket_links(s, a, w.open)),
    "pick a canned response": (Action.WORK_TICKETS, lambda s, a, w: canned.list_canned(s, a)),
    "count a canned response's use": (Action.WORK_TICKETS, lambda s, a, w: canned.use_canned(s, a, w.canned)),
    "the lead's canned responses": (Action.MANAGE_CANNED, lambda s, a, w: canned.list_canned(s, a, manage=True)),
    "customer record": (Action.VIEW_CUSTOMERS, lambda s, a, w: profiles.customer_record(s, a, w.customer)),
    "company record": (Action.VIEW_CUSTOMERS, lambda s, a, w: profiles.company_record(s, a, w.company)),
    "find companies": (Action.VIEW_CUSTOMERS, lambda s, a, w: profiles.find_companies(s, a, "さくら")),
    "product catalogue": (Action.VIEW_CUSTOMERS, lambda s, a, w: commerce.list_products(s, a)),
    "upcoming renewals": (Action.VIEW_REPORTS, lambda s, a, w: renewals.upcoming_renewals(s, a, 30, TODAY)),
    "cancellations by reason": (
        Action.VIEW_REPORTS,
        lambda s, a, w: renewals.cancellations_by_reason(s, a, Period(TODAY, TODAY)),
    ),
    "handle time": (Action.VIEW_REPORTS, lambda s, a, w: handle_time.handle_time(s, a, Period(TODAY, TODAY))),
    "custom fields of tickets": (Action.VIEW_TICKETS, lambda s, a, w: custom_fields.list_fields(s, a, "tickets")),
    "a customer's own fields": (
        Action.VIEW_CUSTOMERS,
        lambda s, a, w: custom_fields.custom_values(s, a, "customers", w.customer),
    ),
    "list customers": (Action.VIEW_CUSTOMERS, lambda s, a, w: profiles.list_customers(s, a)),
}


def _actor(request, role: Role) -> Actor:
    return request.getfixturevalue({Role.AGENT: "agent", Role.LEAD: "lead", Role.TRAINER: "trainer"}.get(role, "admin"))


def _cases(table: dict[str, tuple[Action, Call]]) -> list:
    return [pytest.param(name, role, id=f"{role}-{name}") for name in table for role in ROLES]


@pytest.mark.parametrize(("name", "role"), _cases(CHANGES))
def test_each_role_may_change_only_what_its_permissions_allow(request, session, world, name, role):
    action, call = CHANGES[name]
    actor = _actor(request, role)
    before = history_counts(session)
    if role in PERMISSIONS[action]:
        call(session, actor, world)
        assert history_counts(session) != before
    else:
        with pytest.raises(NotAllowed):
            call(session, actor, world)
        assert history_counts(session) == before


@pytest.mark.parametrize(("name", "role"), _cases(READS))
def test_each_role_may_read_only_what_its_permissions_allow(request, session, world, name, role):
    action, call = READS[name]
    actor = _actor(request, role)
    if role in PERMISSIONS[action]:
        call(session, actor, world)
    else:
        with pytest.raises(NotAllowed, match=str(action)):
            call(session, actor, world)


# --- the policy itself, as the domain brief states it ---------------------------------------------------------


@pytest.mark.parametrize(
    "action", [Action.VIEW_CUSTOMERS, Action.EDIT_CUSTOMERS, Action.WORK_TICKETS, Action.EDIT_PURCHASES]
)
def test_trainers_neither_open_customer_profiles_nor_work_tickets(action):
    assert Role.TRAINER not in PERMISSIONS[action]
    assert {Role.AGENT, Role.LEAD, Role.ADMIN} <= PERMISSIONS[action]


def test_everyone_may_read_cases():
    assert PERMISSIONS[Action.VIEW_TICKETS] == set(Role)


def test_only_leads_and_admins_move_another_agents_ticket():
    assert PERMISSIONS[Action.REASSIGN_TICKETS] == {Role.LEAD, Role.ADMIN}


def test_only_admins_manage_users():
    assert PERMISSIONS[Action.MANAGE_USERS] == {Role.ADMIN}


def test_leads_and_trainers_curate_exemplary_cases_but_agents_do_not():
    assert {Role.LEAD, Role.TRAINER} <= PERMISSIONS[Action.CURATE_CASES]
    assert Role.AGENT not in PERMISSIONS[Action.CURATE_CASES]


def test_every_action_has_a_rule():
    assert set(PERMISSIONS) == set(Action)


def test_a_refusal_says_who_may_not_do_what():
    trainer = Actor(id=1, login="ito", name="伊藤 翔", role=Role.TRAINER)
    assert not can(trainer, Action.VIEW_CUSTOMERS)
    with pytest.raises(NotAllowed) as refused:
        require(trainer, Action.VIEW_CUSTOMERS)
    assert in_english(refused.value) == "伊藤 翔 (trainer) may not view customer profiles."


def test_a_trainer_cannot_reach_a_customer_through_the_lookup(session, world, trainer):
    with pytest.raises(NotAllowed):
        caller_lookup.find_customers(session, trainer, "山田")
    with pytest.raises(NotAllowed):
        customer_360(session, trainer, world.customer, TODAY)


def test_a_trainer_reading_a_ticket_does_not_see_the_callers_personal_data(session, world, trainer):
    detail = ticket_queries.get_ticket(session, trainer, world.open)
    assert "山田" not in detail.customer.full_name
    assert detail.customer.phone is None or "1234" not in detail.customer.phone
