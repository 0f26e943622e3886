"""Who looked at this person's data: every read of a ticket is audited like a customer profile, and audit details
hold ids and sizes, never copies of what people wrote."""

import json

from sqlmodel import Session, select

from supportdesk.cli.main import main
from supportdesk.desk import Desk
from supportdesk.models import AuditEvent
from supportdesk.services import audit_log, cases, views
from supportdesk.services.actor import Actor
from supportdesk.services.commerce import add_product, add_subscription, cancel_subscription
from supportdesk.services.tickets import change_status, update_fields
from tests.supportdesk import factories


def _views(session: Session, admin: Actor, customer: int) -> list[tuple[str, str, int | None]]:
    return [
        (e.actor, e.object_type, e.object_id)
        for e in audit_log.audit_events(session, admin, customer_id=customer)
        if e.action.endswith(".view")
    ]


def test_ticket_show_in_text_and_json_is_in_the_customers_audit(capsys, db_url, session, agent, admin):
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, "返品したい")
    assert main(["--db", db_url, "--user", "sato", "ticket", "show", str(number), "--json"]) == 0
    assert _views(session, admin, customer) == [("sato", "ticket", number)]
    assert main(["--db", db_url, "--user", "admin", "ticket", "show", str(number)]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "--user", "admin", "audit", "--customer", str(customer), "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    assert {("sato", "ticket.view"), ("admin", "ticket.view")} <= {(e["actor"], e["action"]) for e in events}


def test_a_screen_that_reloads_is_one_look(engine, session, agent, admin):
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    desk = Desk(engine=engine, actor=agent)
    for _ in range(5):
        desk.get_ticket(number)
    assert _views(session, admin, customer) == [("sato", "ticket", number)]


def test_a_customer_360_opened_again_is_one_look_and_a_colleagues_look_is_its_own(engine, session, agent, lead, admin):
    customer = factories.customer(session, agent)
    for _ in range(3):
        Desk(engine=engine, actor=agent).customer_360(customer, factories.soon(0))
    Desk(engine=engine, actor=lead).customer_360(customer, factories.soon(0))
    assert sorted(_views(session, admin, customer)) == sorted(
        [("sato", "customer", customer), (lead.login, "customer", customer)]
    )


def test_audit_details_hold_ids_and_sizes_not_what_people_wrote(session, agent, lead):
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, "山田様 03-1234-5678 の件")
    update_fields(session, agent, number, subject="山田太郎様の請求")
    change_status(session, agent, number, "open")
    change_status(session, agent, number, "resolved", reason="山田様へ返金 090-1111-2222")
    cases.set_tags(session, agent, number, ["山田様"])
    views.save_view(session, agent, "山田様の件", views.ViewFilters(), "updated")
    product = add_product(session, agent, "SKU-1", "家計簿", 1000)
    sub = add_subscription(session, agent, customer, product, factories.soon(-30))
    cancel_subscription(session, agent, sub, factories.soon(-1), "山田様のご都合")
    details = " ".join(e.detail or "" for e in session.exec(select(AuditEvent)))
    for personal in ("山田", "03-1234-5678", "090-1111-2222"):
        assert personal not in details
    events = {e.action: json.loads(e.detail or "{}") for e in session.exec(select(AuditEvent))}
    assert events["ticket.create"]["customer"] == customer and events["ticket.tags"] == {"tags": 1}
