"""Exporting every kind as CSV, and the round trip: export → import into an empty desk gives the same data."""

import codecs
import csv
import io
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from supportdesk.db import make_engine, open_session
from supportdesk.errors import NotAllowed
from supportdesk.fields import Use, names_of
from supportdesk.importing import Kind, read_table
from supportdesk.models import AuditEvent, Customer, EntryKind, Role, StatusChange, Ticket, TicketEntry, User
from supportdesk.services import cases, commerce, tickets
from supportdesk.services.actor import Actor
from supportdesk.services.customers import CustomerCreate, create_customer
from supportdesk.services.datafiles.exports import export_file, write_csv
from supportdesk.services.datafiles.imports import preview_import, run_import
from supportdesk.services.merge import merge_customers
from tests.supportdesk import factories


def exported(session: Session, actor: Actor, kind: Kind, **kw: object) -> str:
    out = io.StringIO(newline="")
    write_csv(session, actor, kind, out, **kw)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture
def full_desk(session: Session, lead: Actor, agent: Actor) -> dict[str, int]:
    """A little of everything a desk holds, made through the services."""
    company = factories.company(
        session,
        lead,
        external_ref="K-1",
        name_kana="サクラショウジ",
        postal_code="100-0001",
        address="東京都千代田区千代田1-1",
        phone="03-5555-0000",
        industry="小売",
        business_description="文具の販売",
        founded_on=date(2001, 4, 1),
        employees=40,
        website="https://sakura.example.jp",
        social_accounts="@sakura",
        notes="請求書は郵送",
    )
    taro = factories.customer(
        session,
        lead,
        external_ref="C-1",
        company_id=company,
        mobile="090-3333-4444",
        postal_code="150-0001",
        address="東京都渋谷区神宮前1-1",
        occupation="会社員",
        job_title="課長",
        email="taro@example.jp",
        contact_consent=True,
        birth_date=date(1980, 1, 2),
        department="経理部",
        is_decision_maker=True,
        notes='=HYPERLINK("http://example.com")',
        gender="male",
        acquisition_channel="web",
    )
    hanako = create_customer(
        session, lead, CustomerCreate(full_name="佐々木 花子", phone="090-1111-2222", external_ref="C-2", rank="vip")
    )
    product = commerce.add_product(session, lead, "SKU-1", "家計簿 Pro", 5_000, category="ソフト")
    plan = commerce.add_product(session, lead, "SUB-1", "年間サポート", 12_000, is_subscription=True)
    bought = commerce.add_purchase(
        session,
        lead,
        commerce.PurchaseCreate(
            customer_id=taro, product_id=product, purchased_on=date(2026, 5, 1), quantity=2, order_ref="O-1"
        ),
    )
    sub = commerce.add_subscription(
        session, lead, hanako, plan, contract_on=date(2025, 6, 1), renewal_on=date(2026, 6, 1)
    )
    commerce.cancel_subscription(session, lead, sub, date(2026, 1, 5), "不要になった")
    first = tickets.create_ticket(
        session,
        agent,
        tickets.TicketCreate(
            customer_id=taro, subject="ログインできない", body="パスワードを忘れました", purchase_id=bought
        ),
    )
    tickets.add_entry(session, agent, first, "reply", "再設定URLを送りました")
    tickets.add_entry(session, agent, first, "call_log", "折り返し", call_duration_seconds=270)
    tickets.change_status(session, agent, first, "resolved", reason="再設定で解決")
    cases.set_tags(session, agent, first, ["ログイン", "初期設定"])
    second = tickets.create_ticket(
        session, agent, tickets.TicketCreate(customer_id=hanako, subject="請求書の再発行", assign_to_me=False)
    )
    tickets.change_status(session, agent, second, "pending", follow_up_on=factories.soon())
    tickets.change_status(session, agent, first, "closed")
    # What only a file brings: external ids of purchase lines, contracts and tickets from another system.
    for kind, text in (
        (Kind.PURCHASES, "external_ref,customer_ref,sku,quantity,purchased_on\nP-9,C-1,SKU-1,1,2026-06-01\n"),
        (Kind.SUBSCRIPTIONS, "external_ref,customer_ref,sku,contract_on\nS-9,C-2,SUB-1,2026-02-01\n"),
        (Kind.TICKETS, "external_ref,customer_ref,received_at,subject\nT-9,C-1,2026-06-02 10:00,領収書の宛名\n"),
    ):
        assert run_import(session, lead, kind, text.encode()).created == 1
    return {"taro": taro, "hanako": hanako, "first": first, "second": second}


@pytest.fixture
def empty_desk(tmp_path: Path, _template_db: Path) -> Iterator[Engine]:
    """Another, empty desk with the same people signed up (tickets name their agents by login)."""
    path = tmp_path / "empty.db"
    shutil.copy(_template_db, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


def _people(session: Session) -> tuple[Actor, Actor]:
    lead = User(login="takahashi", name="高橋 由美", role=Role.LEAD)
    agent = User(login="sato", name="佐藤 美咲", role=Role.AGENT)
    session.add_all([lead, agent])
    session.commit()
    return Actor.from_user(lead), Actor.from_user(agent)


def _thread(session: Session, number: int) -> list[tuple[str, str, int | None, object]]:
    entries = session.exec(select(TicketEntry).where(TicketEntry.ticket_id == number).order_by(TicketEntry.id)).all()
    # Assignment and field-change lines stay in the desk (the CSV carries the ticket's columns instead).
    return [
        (e.kind, e.body, e.call_duration_seconds, e.created_at.replace(microsecond=0))
        for e in entries
        if e.kind not in (EntryKind.ASSIGNMENT, EntryKind.FIELD_CHANGE)
    ]


# Each ticket's status changes in order (tickets are imported kind by kind, so rows are numbered differently).
_history = select(StatusChange.ticket_id, StatusChange.from_status, StatusChange.to_status).order_by(
    StatusChange.ticket_id, StatusChange.id
)


def test_export_then_import_into_an_empty_desk_gives_the_same_data(session, lead, full_desk, empty_desk):
    files = {kind: exported(session, lead, kind, bom=True) for kind in Kind}
    with open_session(empty_desk) as other:
        other_lead, _ = _people(other)
        for kind in Kind:  # companies, customers, products, then what refers to them
            plan = preview_import(other, other_lead, kind, files[kind].encode("utf-8"))
            assert plan.ok, plan.problems
            assert run_import(other, other_lead, kind, files[kind].encode("utf-8")).created == len(plan.records)
        # Every exported field, compared as text: the second desk exports exactly what the first did.
        for kind in Kind:
            assert exported(other, other_lead, kind, bom=True) == files[kind], kind
        # And directly: threads, status history and the ticket numbers people quote.
        for number in (full_desk["first"], full_desk["second"]):
            assert _thread(other, number) == _thread(session, number)
        theirs = other.exec(_history).all()
        ours = session.exec(_history).all()
        assert theirs == ours
        assert other.get(Ticket, full_desk["first"]).status == "closed"  # type: ignore[union-attr]
        # A second import of the same files into the new desk changes nothing.
        for kind in Kind:
            counts = preview_import(other, other_lead, kind, files[kind].encode("utf-8")).counts()
            assert counts["unchanged"] == sum(counts.values()), kind


def test_every_column_of_every_export_holds_a_value_so_the_round_trip_checks_each_field(session, lead, full_desk):
    # The columns come from the field registry (supportdesk.fields): a field added there shows up here empty
    # until this desk holds a value for it, and then the round trip above proves it survives export → import.
    for kind in Kind:
        rows = list(csv.DictReader(io.StringIO(exported(session, lead, kind))))
        assert [n for n in names_of(kind, Use.WRITE) if not any(row[n] for row in rows)] == [], kind


def test_an_edited_export_imported_back_updates_the_same_records(session, lead, full_desk):
    text = exported(session, lead, Kind.CUSTOMERS).replace("佐々木 花子", "佐々木 華子")
    summary = run_import(session, lead, Kind.CUSTOMERS, text.encode("utf-8"))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert session.get(Customer, full_desk["hanako"]).full_name == "佐々木 華子"  # type: ignore[union-attr]


def test_formulas_in_cells_are_written_as_text_and_read_back_unchanged(session, lead, full_desk):
    text = exported(session, lead, Kind.CUSTOMERS)
    assert '"\'=HYPERLINK(""http://example.com"")"' in text
    table = read_table(text.encode("utf-8"))
    assert '=HYPERLINK("http://example.com")' in next(table.rows()).cells


def test_the_bom_option_makes_excel_read_japanese_and_the_file_is_private(session, lead, full_desk, tmp_path):
    with_bom, without = tmp_path / "bom.csv", tmp_path / "plain.csv"
    assert export_file(session, lead, Kind.CUSTOMERS, with_bom, bom=True) == 2
    export_file(session, lead, Kind.CUSTOMERS, without)
    assert with_bom.read_bytes().startswith(codecs.BOM_UTF8)
    assert not without.read_bytes().startswith(codecs.BOM_UTF8)
    assert with_bom.stat().st_mode & 0o777 == 0o600
    assert b"\r\n" in without.read_bytes()


def test_japanese_headers_on_request(session, lead, full_desk):
    first_line = exported(session, lead, Kind.TICKETS, language="ja").splitlines()[0]
    assert first_line.startswith("SupportDesk番号,問い合わせID,顧客ID,顧客SupportDesk番号,顧客名,受付日時")


def test_tickets_are_one_row_per_thread_entry(session, lead, full_desk):
    rows = read_table(exported(session, lead, Kind.TICKETS).encode()).rows()
    first = [r for r in rows if r.cells[0] == str(full_desk["first"])]
    assert [r.cells[20] for r in first] == [
        "customer_message",
        "status_change",
        "reply",
        "status_change",
        "call_log",
        "status_change",
        "status_change",
    ]


def test_merged_customers_are_not_exported(session, lead, full_desk):
    merge_customers(session, lead, full_desk["taro"], full_desk["hanako"])
    text = exported(session, lead, Kind.CUSTOMERS)
    assert "佐々木 花子" not in text and "山田 太郎" in text
    assert f",{full_desk['taro']},山田 太郎," in exported(session, lead, Kind.SUBSCRIPTIONS)


def test_exports_are_audited(session, lead, full_desk, tmp_path):
    export_file(session, lead, Kind.TICKETS, tmp_path / "t.csv")
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "export.tickets")).one()
    assert str(tmp_path / "t.csv") in (event.detail or "") and '"rows": 10' in (event.detail or "")


@pytest.mark.parametrize("role", ["agent", "trainer"])
def test_only_leads_and_admins_export(request, session, full_desk, role, tmp_path):
    with pytest.raises(NotAllowed, match="export data"):
        export_file(session, request.getfixturevalue(role), Kind.CUSTOMERS, tmp_path / "c.csv")
    assert not (tmp_path / "c.csv").exists()


def test_a_pending_ticket_keeps_its_follow_up_date_through_the_round_trip(session, lead, full_desk):
    rows = read_table(exported(session, lead, Kind.TICKETS).encode()).rows()
    second = [r for r in rows if r.cells[0] == str(full_desk["second"])]
    assert {r.cells[13] for r in second} == {str(factories.soon())}
    assert date.fromisoformat(second[0].cells[13]) - date.today() <= timedelta(days=8)
