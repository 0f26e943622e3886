"""Opening a ticket and the caller's 360: the same answers, rights and audit records on both backends, though on
PostgreSQL the desk reads them outside a transaction and records a first look afterwards, in a short transaction
of its own (issue 20)."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from supportdesk.db import WriteInReadOnlyCall, open_session, reading_engine
from supportdesk.desk import Desk
from supportdesk.errors import NotAllowed, SessionEnded
from supportdesk.models import AuditEvent
from supportdesk.services import audit, users
from supportdesk.services.actor import Actor
from supportdesk.services.customer_360 import customer_360, read_customer_360
from supportdesk.services.ticket_queries import get_ticket, read_ticket
from supportdesk.services.tickets import add_entry
from tests.supportdesk import factories

TODAY = date(2026, 12, 3)


@dataclass(frozen=True)
class Caller:
    customer: int
    ticket: int


@pytest.fixture
def caller(session: Session, agent: Actor) -> Caller:
    company = factories.company(session, agent)
    customer = factories.customer(session, agent, company_id=company, email="yamada@example.jp")
    factories.customer(session, agent, "山田 花子", company_id=company, phone="03-1234-0000")
    number = factories.ticket(session, agent, customer, "請求書の宛名 山田太郎様 03-1234-5678")
    add_entry(session, agent, number, "reply", "山田様、再発行いたしました。")
    return Caller(customer, number)


def looks(engine: Engine) -> list[tuple[str, str, int | None]]:
    """The views recorded so far: who looked at what."""
    with open_session(engine) as session:
        events = session.exec(select(AuditEvent).where(col(AuditEvent.action).endswith(".view")).order_by("id"))
        return [(e.actor_login, e.object_type, e.object_id) for e in events]


def test_an_agent_who_opens_a_ticket_and_its_360_twice_in_a_minute_is_recorded_once_for_each(
    engine: Engine, agent: Actor, caller: Caller
) -> None:
    desk = Desk(engine=engine, actor=agent)
    for _ in range(2):
        desk.get_ticket(caller.ticket)
        desk.customer_360(caller.customer, TODAY)
    assert looks(engine) == [("sato", "ticket", caller.ticket), ("sato", "customer", caller.customer)]


def test_a_look_after_the_view_window_is_recorded_again_and_a_colleagues_look_is_their_own(
    engine: Engine, agent: Actor, lead: Actor, caller: Caller, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = Desk(engine=engine, actor=agent)
    desk.get_ticket(caller.ticket)
    Desk(engine=engine, actor=lead).get_ticket(caller.ticket)
    monkeypatch.setattr(audit, "VIEW_WINDOW", timedelta(0))  # the earlier look is now outside the window
    desk.get_ticket(caller.ticket)
    assert looks(engine) == [
        ("sato", "ticket", caller.ticket),
        (lead.login, "ticket", caller.ticket),
        ("sato", "ticket", caller.ticket),
    ]


def test_an_agent_disabled_a_moment_after_opening_a_ticket_cannot_open_it_or_its_360_again(
    engine: Engine, session: Session, admin: Actor, agent: Actor, caller: Caller
) -> None:
    desk = Desk(engine=engine, actor=agent)
    desk.get_ticket(caller.ticket)
    desk.customer_360(caller.customer, TODAY)
    users.set_active(session, admin, "sato", False)
    with pytest.raises(SessionEnded, match="disabled"):
        desk.get_ticket(caller.ticket)
    with pytest.raises(SessionEnded, match="disabled"):
        desk.customer_360(caller.customer, TODAY)


def test_the_desk_shows_an_agent_and_a_trainer_exactly_what_the_services_read(
    engine: Engine, agent: Actor, trainer: Actor, caller: Caller
) -> None:
    """The same ticket (masked for the trainer) and the same 360 as the services give in one session; the trainer
    is refused the 360 and no look is recorded for it."""
    for actor in (agent, trainer):
        desk = Desk(engine=engine, actor=actor)
        shown = desk.get_ticket(caller.ticket)  # a first look, recorded
        with open_session(engine) as session:
            assert get_ticket(session, actor, caller.ticket) == shown  # a second, within the window
    with open_session(engine) as session:
        assert "山田" not in str(get_ticket(session, trainer, caller.ticket))
    shown_360 = Desk(engine=engine, actor=agent).customer_360(caller.customer, TODAY)
    with open_session(engine) as session:
        assert customer_360(session, agent, caller.customer, TODAY) == shown_360
    with pytest.raises(NotAllowed):
        Desk(engine=engine, actor=trainer).customer_360(caller.customer, TODAY)
    assert looks(engine) == [
        ("sato", "ticket", caller.ticket),
        (trainer.login, "ticket", caller.ticket),
        ("sato", "customer", caller.customer),
    ]


def test_opening_a_ticket_or_a_360_reads_without_writing_and_recording_on_the_reading_path_is_refused(
    engine: Engine, agent: Actor, caller: Caller
) -> None:
    """The reads send only SELECTs and say which look to record; recording it is refused on the path that reads
    outside a transaction (on PostgreSQL), so a read that starts writing cannot commit statement by statement."""
    reader = reading_engine(engine)
    if reader is engine:
        pytest.skip("SQLite reads in a transaction as any other call: there is no separate reading path")
    with open_session(reader) as session:
        assert read_ticket(session, agent, caller.ticket).view == audit.View("ticket", caller.ticket)
        assert read_customer_360(session, agent, caller.customer, TODAY).view == audit.View("customer", caller.customer)
        with pytest.raises(WriteInReadOnlyCall):
            get_ticket(session, agent, caller.ticket)  # the same read, recording its look
    assert looks(engine) == []
