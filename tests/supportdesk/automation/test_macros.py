"""Macros: a named set of changes an agent applies to a ticket with one key, or a lead to many tickets at once.
Each change is a thread line naming the macro; a ticket a colleague changed meanwhile is refused, the rest go on."""

from datetime import date

import pytest
import time_machine
from sqlmodel import Session, col, select

from supportdesk.cli.main import main
from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.i18n import t, tn
from supportdesk.models import AuditEvent, EntryKind, Priority, Status, Ticket, TicketEntry
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.automation.macros import apply_macro, apply_macro_bulk
from supportdesk.services.cases import set_tags, ticket_tags
from supportdesk.services.tickets import update_fields
from tests.supportdesk import factories
from tests.supportdesk.automation.conftest import jst
from tests.words import in_english

RETURNS = """
name = "返品の案内を送って保留"
key = "1"
reply = "{customer_name} 様\\n返品の手順をご案内します。(#{ticket_number} 担当 {agent_name})"
note = "返品手順を案内済み"
status = "pending"
follow_up_days = 1
priority = "low"
tags = ["返品"]
remove_tags = ["未対応"]
"""


def thread(session: Session, number: int) -> list[tuple[str, str | None]]:
    rows = session.exec(
        select(TicketEntry.kind, TicketEntry.via_rule)
        .where(TicketEntry.ticket_id == number)
        .order_by(col(TicketEntry.id))
    )
    return [(str(kind), rule) for kind, rule in rows.all()]


def test_one_key_sends_the_reply_notes_tags_and_waits_for_the_customer_until_after_the_holiday(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor
):
    clock.move_to(jst(2026, 11, 20, 16, 0))  # Friday; Monday 23 November is 勤労感謝の日
    macro = store.save_rule(session, lead, "macro", RETURNS)
    customer = factories.customer(session, agent, "山田 太郎")
    number = factories.ticket(session, agent, customer, "交換したい")
    set_tags(session, agent, number, ["未対応", "初期不良"])
    seen = session.get(Ticket, number, populate_existing=True).version

    version = apply_macro(session, agent, macro, number, expected_version=seen)

    ticket = session.get(Ticket, number, populate_existing=True)
    assert ticket.version == version
    assert (ticket.status, ticket.priority) == (Status.PENDING, Priority.LOW)
    assert ticket.follow_up_on == date(2026, 11, 24)  # one business day after Friday: Tuesday
    assert ticket_tags(session, number) == ["初期不良", "返品"]
    name = "返品の案内を送って保留"
    assert [line for line in thread(session, number) if line[1] == name] == [
        ("reply", name),
        ("status_change", name),  # answered: new → open
        ("internal_note", name),
        ("field_change", name),  # priority
        ("field_change", name),  # tags
        ("status_change", name),
    ]
    reply = session.exec(
        select(TicketEntry.body).where(TicketEntry.ticket_id == number, TicketEntry.kind == EntryKind.REPLY)
    ).one()
    assert reply == f"山田 太郎 様\n返品の手順をご案内します。(#{number} 担当 佐藤 美咲)"
    authors = session.exec(select(TicketEntry.author_id).where(TicketEntry.via_rule == name)).all()
    assert set(authors) == {agent.id}  # the agent did it, with the macro's name on each line


def test_a_ticket_changed_since_the_agent_saw_it_is_refused_and_left_as_it_was(
    clock: time_machine.Traveller, session: Session, agent: Actor, other_agent: Actor, lead: Actor
):
    clock.move_to(jst(2026, 11, 20, 10, 0))
    macro = store.save_rule(session, lead, "macro", RETURNS)
    number = factories.ticket(session, agent, factories.customer(session, agent))
    seen = session.get(Ticket, number, populate_existing=True).version
    update_fields(session, other_agent, number, priority=Priority.URGENT)  # a colleague, meanwhile

    with pytest.raises(Conflict):
        apply_macro(session, agent, macro, number, expected_version=seen)
    session.rollback()
    ticket = session.get(Ticket, number, populate_existing=True)
    assert (ticket.status, ticket.priority) == (Status.NEW, Priority.URGENT)
    assert not any(rule for _kind, rule in thread(session, number))


def test_a_lead_applies_a_macro_to_many_tickets_and_hears_which_were_refused(
    clock: time_machine.Traveller, session: Session, agent: Actor, other_agent: Actor, lead: Actor
):
    clock.move_to(jst(2026, 11, 20, 10, 0))
    macro = store.save_rule(session, lead, "macro", RETURNS)
    customer = factories.customer(session, agent)
    numbers = [factories.ticket(session, agent, customer, f"交換 {i}") for i in range(3)]
    versions = {n: session.get(Ticket, n, populate_existing=True).version for n in numbers}
    update_fields(session, other_agent, numbers[1], priority=Priority.HIGH)

    with pytest.raises(NotAllowed):
        apply_macro_bulk(session, agent, macro, versions)  # agents apply macros one ticket at a time
    result = apply_macro_bulk(session, lead, macro, versions)

    assert result.changed == (numbers[0], numbers[2])
    assert [f.number for f in result.failed] == [numbers[1]]
    statuses = [session.get(Ticket, n, populate_existing=True).status for n in numbers]
    assert statuses == [Status.PENDING, Status.NEW, Status.PENDING]
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "ticket.macro_bulk")).one()
    assert event.actor_id == lead.id


def test_a_switched_off_macro_is_refused(clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor):
    macro = store.save_rule(session, lead, "macro", RETURNS)
    store.set_active(session, lead, macro, False)
    number = factories.ticket(session, agent, factories.customer(session, agent))
    with pytest.raises(Invalid) as refused:
        apply_macro(session, agent, macro, number)
    assert "switched off" in in_english(refused.value)


def test_macro_apply_from_the_command_line(
    clock: time_machine.Traveller,
    db_url: str,
    session: Session,
    agent: Actor,
    lead: Actor,
    capsys: pytest.CaptureFixture[str],
):
    clock.move_to(jst(2026, 11, 20, 10, 0))
    store.save_rule(session, lead, "macro", RETURNS)
    customer = factories.customer(session, agent)
    numbers = [factories.ticket(session, agent, customer, f"交換 {i}") for i in range(2)]

    assert main(["--db", db_url, "--user", "sato", "macro", "apply", "返品の案内を送って保留", str(numbers[0])]) == 0
    assert t("Macro applied to #{number}.", number=numbers[0]) in capsys.readouterr().out
    args = ["macro", "apply", "返品の案内を送って保留", *map(str, numbers)]
    assert main(["--db", db_url, "--user", "takahashi", *args]) == 0
    assert tn("Macro applied to {count} ticket.", "Macro applied to {count} tickets.", 2) in capsys.readouterr().out
    assert main(["--db", db_url, "--user", "sato", "macro", "apply", "ない", str(numbers[0])]) != 0
    assert t("There is no macro {rule}.", rule="ない") in capsys.readouterr().err
