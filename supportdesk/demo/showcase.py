"""Fixed records every demo desk has, whatever its size or seed, for docs, screenshots and UI tests.

Customer ids 1–4 and company id 1 are these records (the demo only builds into an empty desk). Their tickets are
numbered in time order with the rest, so find them by customer or subject rather than by number.
"""

from datetime import date, timedelta

from supportdesk.demo.catalogue import PRODUCTS
from supportdesk.demo.commerce import PurchaseRef, purchase, subscription
from supportdesk.demo.context import Batch, DemoContext, at_jst
from supportdesk.demo.people import Person, company_row, customer_row
from supportdesk.demo.vocab import TOKYO
from supportdesk.models import (
    AcquisitionChannel,
    CustomerRank,
    Gender,
)

SHOWCASE_COMPANY_ID = 1
SHOWCASE_COMPANY_NAME = "株式会社さくら商事"
SHOWCASE_COMPANY_KANA = "カブシキガイシャサクラショウジ"
SHOWCASE_CUSTOMER_ID = 1
SHOWCASE_CUSTOMER_NAME = "山田 太郎"
SHOWCASE_CUSTOMER_KANA = "ヤマダ タロウ"
SHOWCASE_PHONE = "03-1234-5678"
SHOWCASE_EMAIL = "taro.yamada@sakura-shoji.example.jp"
SHOWCASE_COLLEAGUE_ID = 2
SHOWCASE_COLLEAGUE_NAME = "中村 恵子"
# The same person registered twice: a space and the reading's width differ, the mobile number is written apart.
SHOWCASE_DUPLICATE_IDS = (3, 4)
SHOWCASE_DUPLICATE_NAMES = ("佐々木 健一", "佐々木健一")
SHOWCASE_DUPLICATE_KANA = ("ササキ ケンイチ", "ｻｻｷ ｹﾝｲﾁ")
SHOWCASE_DUPLICATE_PHONES = ("090-2345-6789", "09023456789")
SHOWCASE_OPEN_SUBJECT = "クラウド会計に接続できない（サーバー接続エラー E-5031）"
SHOWCASE_PENDING_SUBJECT = "クラウド会計の利用料が二重に引き落とされている"
SHOWCASE_RESOLVED_SUBJECT = "レシートプリンターの返品・交換について"
SHOWCASE_PEOPLE = 4
SHOWCASE_TICKETS = 6


def add_people(ctx: DemoContext, batch: Batch, purchases: dict[int, list[PurchaseRef]]) -> list[Person]:
    """The showcase company, its two members, and the duplicated consumer, with their purchases."""
    since = ctx.now - timedelta(days=1100)
    company_id = ctx.ids.next("company")
    batch.add(
        "company",
        company_row(
            company_id,
            SHOWCASE_COMPANY_NAME,
            SHOWCASE_COMPANY_KANA,
            "03-1234-5600",
            since,
            postal_code="101-0041",
            address="東京都千代田区神田須田町1丁目2番3号 さくらビル5階",
            industry="卸売業",
            business_description="事務用品・OA機器の卸売および法人向けITサービスの販売",
            founded_on=date(1987, 4, 1),
            employees=120,
            website="https://www.sakura-shoji.example.jp/",
            social_accounts="X: @sakura_shoji",
        ),
    )
    work = {
        "company_id": company_id,
        "postal_code": "101-0041",
        "address": "東京都千代田区神田須田町1丁目2番3号 さくらビル5階",
    }
    rows = [
        customer_row(
            ctx.ids.next("customer"),
            SHOWCASE_CUSTOMER_NAME,
            since,
            name_kana=SHOWCASE_CUSTOMER_KANA,
            email=SHOWCASE_EMAIL,
            phone=SHOWCASE_PHONE,
            mobile="090-1234-5678",
            gender=Gender.MALE.value,
            occupation="会社員",
            rank=CustomerRank.VIP.value,
            acquisition_channel=AcquisitionChannel.REFERRAL.value,
            contact_consent=True,
            consent_at=since,
            notes="情報システム部の窓口。平日9時〜18時は会社の電話で連絡可。",
            department="情報システム部",
            job_title="部長",
            is_decision_maker=True,
            **work,
        ),
        customer_row(
            ctx.ids.next("customer"),
            SHOWCASE_COLLEAGUE_NAME,
            since + timedelta(days=3),
            name_kana="ナカムラ ケイコ",
            email="keiko.nakamura@sakura-shoji.example.jp",
            phone="03-1234-5679",
            gender=Gender.FEMALE.value,
            rank=CustomerRank.REGULAR.value,
            acquisition_channel=AcquisitionChannel.REFERRAL.value,
            department="経理部",
            job_title="課長",
            **work,
        ),
        customer_row(
            ctx.ids.next("customer"),
            SHOWCASE_DUPLICATE_NAMES[0],
            since + timedelta(days=10),
            name_kana=SHOWCASE_DUPLICATE_KANA[0],
            email="k.sasaki@example.ne.jp",
            mobile=SHOWCASE_DUPLICATE_PHONES[0],
            postal_code="231-0023",
            address="神奈川県横浜市中区山下町1-2-3",
            gender=Gender.MALE.value,
            birth_date=date(1979, 6, 14),
            occupation="自営業",
            rank=CustomerRank.REGULAR.value,
            acquisition_channel=AcquisitionChannel.WEB.value,
            contact_consent=True,
            consent_at=since + timedelta(days=10),
        ),
        customer_row(
            ctx.ids.next("customer"),
            SHOWCASE_DUPLICATE_NAMES[1],
            since + timedelta(days=700),
            name_kana=SHOWCASE_DUPLICATE_KANA[1],
            mobile=SHOWCASE_DUPLICATE_PHONES[1],
            rank=CustomerRank.NEW.value,
            acquisition_channel=AcquisitionChannel.PHONE.value,
            notes="電話で新規登録（既存登録の有無は未確認）",
        ),
    ]
    for row in rows:
        batch.add("customer", row)
        ctx.audit(batch, "customer.create", "customer", row["id"], row["created_at"], None)
    ctx.audit(batch, "company.create", "company", company_id, since, None)
    _buy(ctx, batch, purchases, rows[0]["id"], rows[2]["id"])
    return [
        Person(r["id"], r["created_at"], r["full_name"], r["full_name"][:2], romaji, company, TOKYO)
        for r, romaji, company in zip(
            rows,
            ("Taro Yamada", "Keiko Nakamura", "Kenichi Sasaki", "Kenichi Sasaki"),
            (SHOWCASE_COMPANY_NAME, SHOWCASE_COMPANY_NAME, None, None),
            strict=True,
        )
    ]


def _buy(ctx: DemoContext, batch: Batch, purchases: dict[int, list[PurchaseRef]], yamada: int, sasaki: int) -> None:
    today = ctx.today
    lines = (
        (yamada, "SUB-CLD-002", today - timedelta(days=340), 1),  # annual plan: renews within a month
        (yamada, "SUP-STD-001", today - timedelta(days=340), 1),
        (yamada, "HW-PC-001", today - timedelta(days=200), 3),
        (yamada, "CON-PAP-002", today - timedelta(days=90), 5),
        (yamada, "HW-PRN-001", today - timedelta(days=12), 2),  # the printer of the return/exchange case
        (sasaki, "SW-ACC-001", today - timedelta(days=500), 1),
        (sasaki, "SUB-CLD-003", today - timedelta(days=420), 1),
    )
    for index, (customer_id, sku, on, quantity) in enumerate(lines, start=1):
        product = next(p for p in PRODUCTS if p.sku == sku)
        ref = f"SO-{on:%Y%m%d}-9{index:05d}"
        at = at_jst(on, 10, 30)
        purchases.setdefault(customer_id, []).append(purchase(ctx, batch, customer_id, product, on, quantity, ref, at))
        if product.term_months:
            cancelled = on + timedelta(days=200) if customer_id == sasaki else None
            reason = "利用頻度が低いため" if cancelled else None
            subscription(ctx, batch, customer_id, product, on, at, cancelled_on=cancelled, reason=reason)
