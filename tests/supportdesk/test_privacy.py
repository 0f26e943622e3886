"""A person's requests: see everything held about them, correct it, erase it — each audited, admins only."""

import io
import json
from datetime import date

import pytest
from sqlmodel import Session, select

from supportdesk.cli.main import main
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import t
from supportdesk.models import AuditEvent, Customer, Purchase, Ticket, TicketEntry
from supportdesk.services import privacy
from supportdesk.services.actor import Actor
from supportdesk.services.caller_lookup import find_customers
from supportdesk.services.customer_360 import customer_360
from supportdesk.services.tickets import add_entry
from tests.supportdesk import factories


@pytest.fixture
def person(session: Session, agent: Actor) -> int:
    cid = factories.customer(
        session, agent, email="taro.yamada@example.jp", address="東京都千代田区丸の内1-1-1", mobile="090-1111-2222"
    )
    factories.purchase(session, agent, cid, on=date(2026, 10, 1), price=12_800)
    number = factories.ticket(
        session, agent, cid, "山田様の請求について", body="山田太郎です。090-1111-2222 に折り返しください。"
    )
    add_entry(session, agent, number, "reply", "山田 太郎 様 taro.yamada@example.jp 宛にお送りしました。")
    customer_360(session, agent, cid, date(2026, 11, 23))  # a profile view, to appear in the access log
    return cid


def test_export_has_everything_held_and_who_looked(session, admin, person):
    data = privacy.export_person(session, admin, person)
    assert data["customer"]["full_name"] == "山田 太郎" and data["customer"]["email"] == "taro.yamada@example.jp"
    assert "name_key" not in data["customer"]
    assert len(data["purchases"]) == 1 and data["purchases"][0]["amount"] == 12_800
    assert [e["kind"] for e in data["tickets"][0]["entries"]][:1] == ["customer_message"]
    assert {"customer.view", "ticket.create"} <= {e["action"] for e in data["access_log"]}
    text = privacy.person_as_text(data)
    assert t("Customer details") in text and "090-1111-2222" in text
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "privacy.export")).one().actor_login == "admin"


def test_only_admins_handle_privacy_requests(session, agent, lead, person):
    for actor in (agent, lead):
        with pytest.raises(NotAllowed):
            privacy.export_person(session, actor, person)
        with pytest.raises(NotAllowed):
            privacy.anonymise_person(session, actor, person, str(person))


def test_correction_is_validated_and_audited(session, admin, person):
    with pytest.raises(Invalid):
        privacy.correct_person(session, admin, person, {"email": "not-an-email"})
    privacy.correct_person(session, admin, person, {"phone": "03-9999-8888"})
    assert session.get(Customer, person).phone == "03-9999-8888"
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "privacy.correct")).one()


def test_anonymising_needs_the_customer_number_typed(session, admin, person):
    with pytest.raises(Invalid, match="type the customer number"):
        privacy.anonymise_person(session, admin, person, "yes")
    assert session.get(Customer, person).anonymised_at is None


def test_anonymised_person_is_gone_but_statistics_stay(session, admin, agent, person):
    result = privacy.anonymise_person(session, admin, person, str(person))
    assert result.tickets == 1 and result.merged_records == 0
    customer = session.get(Customer, person)
    assert customer.full_name == f"匿名化済み顧客 #{person}"
    assert customer.email is None and customer.phone is None and customer.address is None
    assert customer.name_key == customer.phone_key == ""
    text = " ".join(e.body for e in session.exec(select(TicketEntry)))
    ticket = session.exec(select(Ticket)).one()
    for secret in ("山田", "太郎", "090-1111-2222", "taro.yamada"):
        assert secret not in text and secret not in ticket.subject
    assert "折り返しください" in text  # the rest of the message stays for statistics and training
    assert session.exec(select(Purchase)).one().customer_id == person
    assert find_customers(session, agent, "山田") == [] and find_customers(session, agent, "090-1111") == []
    events = session.exec(select(AuditEvent).where(AuditEvent.action == "privacy.anonymise")).all()
    assert len(events) == 1 and "山田" not in (events[0].detail or "")
    with pytest.raises(Invalid, match="already anonymised"):
        privacy.anonymise_person(session, admin, person, str(person))


def test_cli_export_correct_anonymise(capsys, monkeypatch, db_url, admin, person, tmp_path):
    out = tmp_path / "person.json"
    assert main(["--db", db_url, "--user", "admin", "privacy", "export", str(person), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["customer"]["id"] == person
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["--db", db_url, "--user", "admin", "privacy", "correct", str(person), "mobile=080-2222-3333"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", db_url, "--user", "admin", "privacy", "anonymise", str(person)]) == 2
    assert t("run in a terminal to confirm, or pass --yes") in capsys.readouterr().err
    assert main(["--db", db_url, "--user", "admin", "privacy", "anonymise", str(person), "--yes"]) == 0
    anonymised = t(
        "Customer {customer} anonymised: {tickets} tickets kept, {rows} records rewritten, "
        "{merged} merged duplicates erased.",
        customer=person,
        tickets=1,
        rows="\x00",
        merged="\x00",
    )
    assert anonymised.split("\x00")[0] in capsys.readouterr().out  # the rows rewritten vary with the desk
