"""A small real desk for UI tests, filled through the services."""

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.tickets import add_entry
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
