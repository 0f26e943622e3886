"""A small real desk for UI tests, filled through the services."""

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import Engine
from sqlmodel import Session
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.commerce import (
    PurchaseCreate,
    add_product,
    add_purchase,
    add_subscription,
    cancel_subscription,
)
from supportdesk.services.tickets import add_entry, change_status
from tests.supportdesk import factories


@pytest.fixture
def desk(engine: Engine, session: Session, agent: Actor) -> Desk:
    company = factories.company(session, agent)
    taro = factories.customer(session, agent, company_id=company, email="taro.yamada@sakura-shoji.example.jp")
    hanako = factories.customer(session, agent, "佐々木 花子", name_kana="ササキ ハナコ", phone="090-1111-2222")
    first = factories.ticket(
        session, agent, taro, "請求が二重に引き落とされている", body="先月分が2回引き落とされました。"
    )
    add_entry(session, agent, first, "reply", "確認して返金手続きをいたします。")
    factories.ticket(session, agent, hanako, "返品したい", body="サイズが合いませんでした。")
    return Desk(engine=engine, actor=agent)


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let the screens' worker threads finish and their results reach the widgets."""
    for _ in range(rounds):
        for _attempt in range(5):
            try:
                await pilot.app.workers.wait_for_complete()
                break
            except (WorkerCancelled, WorkerFailed):
                # An exclusive worker replaced by a newer one of its group (a second load while the first ran):
                # nothing is wrong; wait for the newer one. A worker that failed (a wrong password, a refused
                # change) is the screen's to report, which the test then checks.
                await pilot.pause()
        await pilot.pause()


# ---- a frozen clock and a busy morning at the desk (snapshots, queues) ------------------------------------------

# A Monday, 10:00 UTC. Every age, due time and date on screen is computed from this instant.
FROZEN_NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def utc_clock() -> Iterator[time_machine.Traveller]:
    """'Now' frozen at FROZEN_NOW (no ticking), the machine set to UTC (the desk's clock stays Asia/Tokyo): screens
    render the same every day.

    Move it with `utc_clock.move_to(...)` to create data in the past. Worker threads see the same frozen time.
    """
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        with time_machine.travel(FROZEN_NOW, tick=False) as traveller:
            yield traveller
    finally:
        if old_tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old_tz
        time.tzset()


@dataclass(frozen=True)
class Morning:
    """The busy desk's handles: customers and tickets by a short name."""

    desk: Desk
    customers: dict[str, int]
    tickets: dict[str, int]


@pytest.fixture
def busy_desk(
    utc_clock: time_machine.Traveller, engine: Engine, session: Session, agent: Actor, other_agent: Actor
) -> Morning:
    """Seven open tickets in four queues, two past cases and a well-known caller, all at fixed times.

    Signed in as 佐藤 美咲 (agent). Queues at FROZEN_NOW: mine 4, unassigned 2, follow-up due 1, all open 7.
    """

    def at(delta: timedelta) -> None:
        utc_clock.move_to(FROZEN_NOW - delta)

    at(timedelta(days=60))
    sakura = factories.company(
        session,
        agent,
        name_kana="サクラショウジ",
        phone="03-1234-0000",
        postal_code="100-0005",
        address="東京都千代田区丸の内1-1-1",
        industry="卸売業",
        employees=120,
        website="https://sakura-shoji.example.jp",
    )
    taro = factories.customer(
        session,
        agent,
        company_id=sakura,
        email="taro.yamada@sakura-shoji.example.jp",
        mobile="090-5555-6666",
        department="総務部",
        job_title="課長",
        rank="vip",
        contact_consent=True,
        notes="請求書は紙で郵送希望",
    )
    tanaka = factories.customer(
        session,
        agent,
        "田中 一郎",
        name_kana="タナカ イチロウ",
        phone="03-1234-5679",
        company_id=sakura,
        department="経理部",
        is_decision_maker=True,
    )
    hanako = factories.customer(session, agent, "佐々木 花子", name_kana="ササキ ハナコ", phone="090-1111-2222")
    yamada_hanako = factories.customer(session, agent, "山田 花子", name_kana="ヤマダ ハナコ", phone="080-3333-4444")

    kakeibo = add_product(session, agent, "KAKEIBO-PRO", "スマート家計簿 Pro", 12_800)
    support_plan = add_product(session, agent, "SUPPORT-1Y", "年間サポートプラン", 3_300)
    cloud = add_product(session, agent, "CLOUD-100", "クラウド保存 100GB", 1_100, is_subscription=True)
    old_plan = add_product(session, agent, "PLAN-OLD", "旧スタンダードプラン", 2_200, is_subscription=True)
    add_purchase(session, agent, PurchaseCreate(taro, cloud, date(2025, 12, 10)))
    add_purchase(session, agent, PurchaseCreate(taro, kakeibo, date(2026, 9, 1), quantity=2))
    support = add_purchase(
        session, agent, PurchaseCreate(taro, support_plan, date(2026, 10, 5), order_ref="A-20261005-17")
    )
    add_subscription(session, agent, taro, cloud, date(2025, 11, 20), renewal_on=date(2026, 11, 20))
    cancelled = add_subscription(session, agent, taro, old_plan, date(2024, 4, 1))
    cancel_subscription(session, agent, cancelled, date(2025, 3, 31), "料金の見直し")

    # Past cases (resolved): the workspace finds the billing one similar to today's double charge.
    at(timedelta(days=30))
    past_password = factories.ticket(session, agent, taro, "パスワード再設定の方法", inquiry_type="question")
    add_entry(session, agent, past_password, "reply", "再設定用のURLをお送りしました。")
    change_status(session, agent, past_password, "resolved", reason="再設定URLを案内")
    at(timedelta(days=20))
    past_billing = factories.ticket(
        session,
        other_agent,
        hanako,
        "請求が二重になっている",
        inquiry_type="billing",
        body="今月の請求が二重になっています。引き落としも2回ありました。",
    )
    at(timedelta(days=20) - timedelta(hours=2))
    add_entry(session, other_agent, past_billing, "reply", "二重請求を確認しました。翌月のご請求で返金いたします。")
    change_status(session, other_agent, past_billing, "resolved", reason="重複分を翌月返金")

    # Open work, oldest first.
    at(timedelta(days=4))
    delivery = factories.ticket(session, agent, hanako, "配送が遅れている", inquiry_type="question")
    add_entry(session, agent, delivery, "reply", "配送業者に確認いたします。")
    change_status(session, agent, delivery, "pending", follow_up_on=FROZEN_NOW.date(), reason="配送業者の回答待ち")

    at(timedelta(days=3))
    double_charge = factories.ticket(
        session,
        agent,
        taro,
        "請求が二重に引き落とされている",
        inquiry_type="billing",
        priority="high",
        purchase_id=support,
        body="先月分のサポートプラン料金が2回引き落とされました。確認をお願いします。",
    )
    at(timedelta(days=3) - timedelta(minutes=20))
    add_entry(session, agent, double_charge, "reply", "ご不便をおかけしております。引き落とし記録を確認いたします。")
    at(timedelta(days=2))
    add_entry(session, agent, double_charge, "internal_note", "経理に確認済み: 10月分が重複して請求されている。")
    at(timedelta(days=1))
    add_entry(
        session,
        agent,
        double_charge,
        "call_log",
        "お客様へ電話。返金は翌月のご請求で相殺と説明し了承いただいた。",
        call_duration_seconds=330,
    )

    at(timedelta(days=2))
    receipt = factories.ticket(
        session,
        agent,
        taro,
        "領収書の再発行",
        inquiry_type="question",
        priority="low",
        channel="email",
        assign_to_me=False,
    )

    at(timedelta(hours=23))
    address = factories.ticket(
        session, other_agent, tanaka, "請求書の送付先を変更したい", inquiry_type="order_change", priority="high"
    )
    at(timedelta(hours=9))
    login = factories.ticket(session, agent, yamada_hanako, "ログインできない", priority="urgent")
    at(timedelta(hours=5))
    refund = factories.ticket(session, agent, hanako, "返品したい", inquiry_type="return", body="サイズが合いません。")
    at(timedelta(minutes=45))
    change = factories.ticket(
        session, agent, tanaka, "注文内容を変更したい", inquiry_type="order_change", channel="chat", assign_to_me=False
    )

    at(timedelta(0))
    desk = Desk(engine=engine, actor=agent)
    desk.sync_index()  # before the app starts, so similar cases never depend on the indexer's timing
    return Morning(
        desk=desk,
        customers={"taro": taro, "tanaka": tanaka, "hanako": hanako, "yamada_hanako": yamada_hanako},
        tickets={
            "past_billing": past_billing,
            "past_password": past_password,
            "delivery": delivery,
            "double_charge": double_charge,
            "receipt": receipt,
            "address": address,
            "login": login,
            "refund": refund,
            "change": change,
        },
    )
