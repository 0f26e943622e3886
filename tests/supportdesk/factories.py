"""Small builders for test data, going through the real services."""

from datetime import date

from sqlmodel import Session

from supportdesk.models import Channel, InquiryType, Priority
from supportdesk.services.actor import Actor
from supportdesk.services.commerce import PurchaseCreate, add_product, add_purchase
from supportdesk.services.customers import CompanyCreate, CustomerCreate, create_company, create_customer
from supportdesk.services.tickets import TicketCreate, create_ticket


def company(session: Session, actor: Actor, name: str = "株式会社さくら商事", **kw: object) -> int:
    return create_company(session, actor, CompanyCreate(name=name, **kw))  # type: ignore[arg-type]


def customer(session: Session, actor: Actor, full_name: str = "山田 太郎", **kw: object) -> int:
    kw.setdefault("name_kana", "ヤマダ タロウ")
    kw.setdefault("phone", "03-1234-5678")
    return create_customer(session, actor, CustomerCreate(full_name=full_name, **kw))  # type: ignore[arg-type]


def purchase(
    session: Session, actor: Actor, customer_id: int, *, on: date, price: int = 5_000, quantity: int = 1, sku: str = ""
) -> int:
    product_id = add_product(session, actor, sku or f"SKU-{on.isoformat()}-{price}", "スマート家計簿 Pro", price)
    return add_purchase(
        session,
        actor,
        PurchaseCreate(customer_id=customer_id, product_id=product_id, purchased_on=on, quantity=quantity),
    )


def ticket(session: Session, actor: Actor, customer_id: int, subject: str = "ログインできない", **kw: object) -> int:
    data = TicketCreate(
        customer_id=customer_id,
        subject=subject,
        inquiry_type=kw.pop("inquiry_type", InquiryType.FAULT),  # type: ignore[arg-type]
        channel=kw.pop("channel", Channel.PHONE),  # type: ignore[arg-type]
        priority=kw.pop("priority", Priority.NORMAL),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )
    return create_ticket(session, actor, data)
