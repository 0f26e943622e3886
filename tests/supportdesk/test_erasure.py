"""Erasure (削除) as a regulator would check it: after `privacy anonymise`, a search of the raw bytes on disk
(database file, WAL, every search index file, with compressed blocks opened) and of every text column finds none
of the person's values in any form they were written."""

import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, String, Text
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, select

from supportdesk.config import index_dir_for
from supportdesk.db import sqlite_path
from supportdesk.desk import Desk
from supportdesk.models import AuditEvent, Customer, Purchase, Ticket
from supportdesk.services import privacy, views
from supportdesk.services.actor import Actor
from supportdesk.services.commerce import (
    PurchaseCreate,
    add_product,
    add_purchase,
    add_subscription,
    cancel_subscription,
)
from supportdesk.services.customers import CustomerCreate, create_customer
from supportdesk.services.merge import merge_customers
from supportdesk.services.tickets import TicketCreate, add_entry, change_status
from tests.supportdesk import factories

# Every form the person's data was written in below, as a search of the disk would look for it.
FORMS = [
    "山田 太郎", "山田太郎", "山田　太郎", "山田", "太郎",
    "ヤマダ タロウ", "ヤマダタロウ", "ヤマダ", "タロウ", "やまだ たろう", "やまだ", "ﾔﾏﾀﾞ", "ﾀﾛｳ",
    "taro yamada", "yamada", "taro.yamada@sakura-shoji.example.jp", "taro.yamada", "ＴＡＲＯ．ＹＡＭＡＤＡ",
    "03-5555-1234", "0355551234", "03(5555)1234", "０３（５５５５）１２３４", "０３−５５５５−１２３４", "5555-1234",
    "090-7777-8888", "09077778888", "７７７７", "7777-8888", "7777 8888",
    "150-0001", "1500001", "〒150", "神宮前3-14-15", "神宮前３－１４－１５", "さくらハイツ", "渋谷区神宮前",
    "CRM-YAMADA-0042", "1985-03-12", "ORD-YAMADA-77",
]  # fmt: skip


@pytest.fixture
def person(engine: Engine, session: Session, agent: Actor, admin: Actor) -> int:
    company = factories.company(session, agent)
    cid = create_customer(
        session,
        agent,
        CustomerCreate(
            full_name="山田 太郎",
            name_kana="ヤマダ タロウ",
            email="taro.yamada@sakura-shoji.example.jp",
            phone="03-5555-1234",
            mobile="090-7777-8888",
            postal_code="150-0001",
            address="東京都渋谷区神宮前3-14-15 さくらハイツ702",
            birth_date=date(1985, 3, 12),
            external_ref="CRM-YAMADA-0042",
            notes="山田様は午前中の連絡を希望",
            company_id=company,
            rank="vip",  # type: ignore[arg-type]
            department="経理部",
        ),
    )
    duplicate = create_customer(
        session, agent, CustomerCreate(full_name="山田太郎", name_kana="やまだ たろう", phone="０３−５５５５−１２３４")
    )
    product = add_product(session, agent, "SKU-ERASE", "スマート家計簿 Pro", 12_800)
    add_purchase(
        session,
        agent,
        PurchaseCreate(
            customer_id=duplicate, product_id=product, purchased_on=date(2026, 9, 1), order_ref="ORD-YAMADA-77"
        ),
    )
    sub = add_subscription(session, agent, duplicate, product, date(2026, 1, 1))
    cancel_subscription(session, agent, sub, date(2026, 10, 1), "山田太郎様のご都合 (090-7777-8888)")
    desk = Desk(engine=engine, actor=agent)
    desk.sync_index()  # generation 1, with both records' text
    number = desk.create_ticket(
        TicketCreate(
            customer_id=duplicate,
            subject="山田太郎様 請求の件 090-7777-8888",
            body="ﾔﾏﾀﾞ ﾀﾛｳ様よりお電話。折り返し ０３（５５５５）１２３４ まで。",
        )
    )
    add_entry(session, agent, number, "reply", "Taro Yamada <ＴＡＲＯ．ＹＡＭＡＤＡ＠sakura-shoji.example.jp> 宛に送付")
    address = "〒150-0001 東京都渋谷区神宮前３－１４－１５ さくらハイツ702"
    add_entry(session, agent, number, "internal_note", f"{address} へ発送。やまだ様")
    desk.set_tags(number, ["山田様", "返金"], None)
    desk.sync_index()
    desk.rebuild_index()  # generation 2; generation 1 stays for readers
    change_status(session, agent, number, "resolved", reason="山田様へ返金済み 03-5555-1234")
    other = factories.customer(session, agent, "佐々木 花子", name_kana="ササキ ハナコ", phone="090-1111-2222")
    body = "山田太郎様 (03-5555-1234) からのご紹介です。"
    referral = factories.ticket(session, agent, other, "ご紹介の件", body=body)
    add_entry(session, agent, referral, "internal_note", "紹介者の携帯 +81 90 7777 8888 (山田  太郎様)")
    # Only the romaji, in capitals, on another ticket: the database prefilter must find it too.
    factories.ticket(session, agent, other, "Referral", body="Referred by Mr. TARO YAMADA last week.")
    views.save_view(session, agent, "山田太郎様の件", views.ViewFilters(), "updated")
    # An audit row as older versions wrote them, with the subject and the phone in the detail.
    session.add(
        AuditEvent(
            actor_id=agent.id, actor_login="sato", action="ticket.create", object_type="ticket",
            object_id=number, detail=f'{{"subject": "山田太郎様 03-5555-1234", "customer": {duplicate}}}',
        )
    )  # fmt: skip
    session.commit()
    desk.sync_index()  # another segment on generation 2
    Desk(engine=engine, actor=admin).customer_360(cid, date(2026, 11, 23))
    merge_customers(session, admin, cid, duplicate, {"phone": "A"})
    desk.sync_index()
    return cid


def _readable(path: Path) -> bytes:
    """The file's bytes and, after them, every zlib stream inside it opened (the index stores text compressed)."""
    data = path.read_bytes()
    parts = [data]
    for start in range(len(data) - 1):
        if data[start] == 0x78 and data[start + 1] in (0x01, 0x5E, 0x9C, 0xDA):
            try:
                parts.append(zlib.decompressobj().decompress(data[start:]))
            except zlib.error:
                continue
    return b"\n".join(parts)


def _files(engine: Engine) -> Iterator[Path]:
    url = engine.url.render_as_string(hide_password=False)
    db = sqlite_path(url)
    if db is not None:
        for suffix in ("", "-wal", "-journal"):
            if Path(f"{db}{suffix}").exists():
                yield Path(f"{db}{suffix}")
    yield from (p for p in index_dir_for(url).rglob("*") if p.is_file())


def _disk_hits(engine: Engine) -> dict[str, list[str]]:
    hits: dict[str, list[str]] = {}
    for path in _files(engine):
        data = _readable(path).lower()
        for form in FORMS:
            if form.lower().encode("utf-8") in data:
                hits.setdefault(form, []).append(path.name)
    return hits


def _row_hits(session: Session) -> dict[str, list[str]]:
    """Every text column of every table, read back through SQL."""
    hits: dict[str, list[str]] = {}
    for table in SQLModel.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text)]
        if not columns:
            continue
        for row in session.connection().execute(sa_select(*columns)):
            for column, value in zip(columns, row, strict=True):
                for form in FORMS:
                    if value and form.lower() in str(value).lower():
                        hits.setdefault(form, []).append(f"{table.name}.{column.name}")
    return hits


def test_after_anonymising_no_copy_of_the_person_is_left_on_disk(engine, session, admin, person):
    assert "山田" in _disk_hits(engine) and "山田" in _row_hits(session)  # the search can find them before
    result = Desk(engine=engine, actor=admin).anonymise_person(person, str(person))
    assert result.merged_records == 1 and result.index_purged and result.wal_cleared
    session.expire_all()
    assert _row_hits(session) == {}
    assert _disk_hits(engine) == {}


def test_erasure_keeps_who_did_what_and_the_order_of_the_lists(engine, session, admin, person):
    before = {t.id: t.updated_at for t in session.exec(select(Ticket))}
    events = {e.id: (e.actor_login, e.action, e.object_type, e.object_id) for e in session.exec(select(AuditEvent))}
    Desk(engine=engine, actor=admin).anonymise_person(person, str(person))
    session.expire_all()
    assert {t.id: t.updated_at for t in session.exec(select(Ticket))} == before
    after = {e.id: (e.actor_login, e.action, e.object_type, e.object_id) for e in session.exec(select(AuditEvent))}
    assert {k: v for k, v in after.items() if k in events} == events
    customer = session.get(Customer, person)
    assert customer.company_id is None and customer.rank == "new" and customer.department is None
    assert all(p.order_ref is None for p in session.exec(select(Purchase)))
    # The thread still reads as a case: only the values are gone.
    desk = Desk(engine=engine, actor=admin)
    detail = desk.get_ticket(session.exec(select(Ticket.id).where(Ticket.customer_id == person)).first())
    assert any("折り返し [電話番号] まで" in e.body for e in detail.entries)


def test_the_disclosure_after_erasure_prints_nothing_personal(engine, session, admin, person):
    Desk(engine=engine, actor=admin).anonymise_person(person, str(person))
    data = privacy.export_person(session, admin, person)
    text = privacy.person_as_text(data) + repr(data)
    assert [form for form in FORMS if form.lower() in text.lower()] == []
