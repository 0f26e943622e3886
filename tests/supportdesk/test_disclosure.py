"""The disclosure document (開示) reads as a document in the reader's language: labels, dates, yes/no; never a raw
field name, True/False or None."""

import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import Session

from supportdesk.i18n import language, set_language
from supportdesk.services import privacy
from supportdesk.services.actor import Actor
from supportdesk.services.commerce import add_product, add_subscription, cancel_subscription
from supportdesk.services.customers import CustomerCreate, create_customer
from supportdesk.services.tickets import change_status
from tests.supportdesk import factories


@pytest.fixture
def in_language() -> Iterator[None]:
    before = language()
    yield
    set_language(before)


@pytest.fixture
def person(session: Session, agent: Actor) -> int:
    cid = create_customer(
        session,
        agent,
        CustomerCreate(
            full_name="山田 太郎", name_kana="ヤマダ タロウ", phone="03-1234-5678", contact_consent=True,
            birth_date=date(1985, 3, 12), gender="male",  # type: ignore[arg-type]
        ),
    )  # fmt: skip
    product = add_product(session, agent, "SKU-D", "スマート家計簿 Pro", 12_800)
    add_subscription(session, agent, cid, product, date(2026, 1, 1))
    other = add_subscription(session, agent, cid, product, date(2025, 1, 1))
    cancel_subscription(session, agent, other, date(2025, 12, 31), "使わなくなった")
    factories.purchase(session, agent, cid, on=date(2026, 10, 1), price=12_800)
    number = factories.ticket(session, agent, cid, "請求について", body="二重に請求されています。")
    change_status(session, agent, number, "open")
    change_status(session, agent, number, "resolved", reason="返金しました")
    return cid


RAW = re.compile(r"\b(None|True|False|contact_consent|full_name|name_kana|created_at|customer\.view|birth_date)\b")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", ["# 保有個人データの開示: 山田 太郎 様", "連絡への同意: あり", "生年月日: 1985-03-12", "12,800円",
                "2025-12-31 解約", "契約中", "返金しました", "顧客情報を閲覧"]),
        ("en", ["# Personal data held about 山田 太郎", "Agreed to be contacted: yes", "Date of birth: 1985-03-12",
                "¥12,800", "cancelled on 2025-12-31", "active", "返金しました", "viewed the customer profile"]),
    ],
)  # fmt: skip
def test_the_disclosure_reads_as_a_document(session, admin, person, in_language, lang, expected):
    from supportdesk.services.customer_360 import customer_360

    customer_360(session, admin, person, date(2026, 11, 23))
    set_language(lang)
    text = privacy.person_as_text(privacy.export_person(session, admin, person))
    assert [line for line in expected if line not in text] == []
    assert RAW.findall(text) == []
