"""A deterministic generator of a realistic Japanese support desk, for demos, screenshots, UI tests and benchmarks.

    from supportdesk.demo import build_demo
    summary = build_demo(engine, customers=250, tickets=400, seed=20261123, today=date(2026, 11, 23))

The engine must be migrated and hold no customers, tickets, companies or products yet. The same seed and `today`
give byte-identical rows (with the same faker version); timestamps are aware UTC relative to noon in Tokyo on
`today`, the demo's "now". Rows are written with SQLAlchemy Core in chunks, so 100k customers and 300k tickets
(about a million thread entries) build in minutes.

Staff (DEMO_USERS): agents sato 佐藤 美咲, suzuki 鈴木 健太, kobayashi 小林 翼 (東京サポート) and tanaka 田中 陽子,
watanabe 渡辺 大輔, nakamura 中村 翔太 (大阪サポート); lead takahashi 高橋 由美; trainer ito 伊藤 翔; admin admin.
Each demo user signs in with their login followed by -demo (sato-demo, ito-demo, admin-demo …).

Showcase records, the same in every demo desk:
- Company #1 株式会社さくら商事 (カブシキガイシャサクラショウジ), 卸売業, main phone 03-1234-5600.
- Customer #1 山田 太郎 (ヤマダ タロウ), 情報システム部 部長 and decision-maker there, phone 03-1234-5678,
  e-mail taro.yamada@sakura-shoji.example.jp, VIP; five purchases (an annual cloud plan renewing within a month,
  a support plan, three laptops, paper, two receipt printers). Tickets: an open one (SHOWCASE_OPEN_SUBJECT,
  phone, high, sato), a pending one waiting for his card statement with the follow-up due today
  (SHOWCASE_PENDING_SUBJECT, suzuki), and a resolved return/exchange linked to the printer purchase
  (SHOWCASE_RESOLVED_SUBJECT, sato).
- Customer #2 中村 恵子, 経理部 課長 at the same company, with a closed invoice ticket.
- Customers #3 佐々木 健一 (ササキ ケンイチ, 090-2345-6789) and #4 佐々木健一 (ｻｻｷ ｹﾝｲﾁ, 09023456789): the same person
  registered twice, for the duplicate finder; #4 has a new, unassigned LINE ticket.
Beyond these, about one consumer in a hundred is registered twice in the same way.
"""

from supportdesk.demo.build import DemoSummary, build_demo, demo_password
from supportdesk.demo.showcase import (
    SHOWCASE_COLLEAGUE_ID,
    SHOWCASE_COLLEAGUE_NAME,
    SHOWCASE_COMPANY_ID,
    SHOWCASE_COMPANY_KANA,
    SHOWCASE_COMPANY_NAME,
    SHOWCASE_CUSTOMER_ID,
    SHOWCASE_CUSTOMER_KANA,
    SHOWCASE_CUSTOMER_NAME,
    SHOWCASE_DUPLICATE_IDS,
    SHOWCASE_DUPLICATE_KANA,
    SHOWCASE_DUPLICATE_NAMES,
    SHOWCASE_DUPLICATE_PHONES,
    SHOWCASE_EMAIL,
    SHOWCASE_OPEN_SUBJECT,
    SHOWCASE_PENDING_SUBJECT,
    SHOWCASE_PHONE,
    SHOWCASE_RESOLVED_SUBJECT,
)
from supportdesk.demo.vocab import DEMO_USERS

__all__ = [
    "DEMO_USERS",
    "SHOWCASE_COLLEAGUE_ID",
    "SHOWCASE_COLLEAGUE_NAME",
    "SHOWCASE_COMPANY_ID",
    "SHOWCASE_COMPANY_KANA",
    "SHOWCASE_COMPANY_NAME",
    "SHOWCASE_CUSTOMER_ID",
    "SHOWCASE_CUSTOMER_KANA",
    "SHOWCASE_CUSTOMER_NAME",
    "SHOWCASE_DUPLICATE_IDS",
    "SHOWCASE_DUPLICATE_KANA",
    "SHOWCASE_DUPLICATE_NAMES",
    "SHOWCASE_DUPLICATE_PHONES",
    "SHOWCASE_EMAIL",
    "SHOWCASE_OPEN_SUBJECT",
    "SHOWCASE_PENDING_SUBJECT",
    "SHOWCASE_PHONE",
    "SHOWCASE_RESOLVED_SUBJECT",
    "DemoSummary",
    "build_demo",
    "demo_password",
]
