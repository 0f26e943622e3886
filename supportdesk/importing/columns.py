"""The columns each kind of file may have, the Japanese and English headers that name them, and mapping files.

docs/IMPORT.md lists the same table for people; tests/supportdesk/test_importing.py checks the two agree.
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from supportdesk.errors import Invalid
from supportdesk.importing import values as parse
from supportdesk.importing.encoding import DELIMITERS, ENCODINGS
from supportdesk.importing.values import Parser
from supportdesk.models.enums import (
    AcquisitionChannel,
    Channel,
    CustomerRank,
    EntryKind,
    Gender,
    InquiryType,
    Priority,
    Status,
)


class Kind(StrEnum):
    COMPANIES = "companies"
    CUSTOMERS = "customers"
    PRODUCTS = "products"
    PURCHASES = "purchases"
    SUBSCRIPTIONS = "subscriptions"
    TICKETS = "tickets"


@dataclass(frozen=True)
class Column:
    field: str
    parser: Parser
    ja: tuple[str, ...]  # the first is the header of a Japanese export
    en: tuple[str, ...] = ()  # besides the field name itself
    info: bool = False  # written for people to read, ignored on import (a product's name on a purchase line)

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.field, *self.en, *self.ja)


def _split(words: str) -> tuple[str, ...]:
    return tuple(w for w in words.split("|") if w)


def _c(field: str, parser: Parser, ja: str, en: str = "", info: bool = False) -> Column:
    return Column(field, parser, _split(ja), _split(en), info)


T, INT, YEN, DATE, WHEN, BOOL = parse.text, parse.integer, parse.yen, parse.day, parse.moment, parse.yes_no
V = parse.vocabulary

_SD_ID = _c("supportdesk_id", INT, "SupportDesk番号", "supportdesk id|sd id")
_CUSTOMER_LINK = (
    _c("customer_ref", T, "顧客ID|顧客番号|顧客コード|会員番号|会員ID", "customer id|customer ref|customer number"),
    _c("customer_supportdesk_id", INT, "顧客SupportDesk番号", "customer sd id"),
    _c("customer_email", T, "顧客メール|メール|メールアドレス", "customer email|email"),
    _c("customer_phone", T, "顧客電話番号|電話番号|電話", "customer phone|phone"),
    _c("customer_name", T, "顧客名|氏名|お名前", "customer name|customer|name"),
)
_ADDRESS = (
    _c("postal_code", T, "郵便番号|〒", "postal code|zip|zip code|postcode"),
    _c("address", T, "住所|所在地", ""),
)
_NOTES = _c("notes", T, "備考|メモ", "note|memo")

COLUMNS: dict[Kind, tuple[Column, ...]] = {
    Kind.COMPANIES: (
        _SD_ID,
        _c("external_ref", T, "会社ID|会社コード|企業ID|取引先コード", "company id|company ref|ref|external id|id"),
        _c("name", T, "会社名|企業名|社名|法人名|取引先名", "company|company name"),
        _c("name_kana", T, "会社名フリガナ|フリガナ|ふりがな|カナ", "kana|name kana|company kana"),
        *_ADDRESS,
        _c("phone", T, "代表電話|電話番号|電話|TEL", "tel|telephone|main phone"),
        _c("industry", T, "業種", ""),
        _c("business_description", T, "事業内容", "business|description"),
        _c("founded_on", DATE, "設立日|設立年月日|創業日|設立", "founded|founding date"),
        _c("employees", INT, "従業員数|社員数", "number of employees|headcount"),
        _c("website", T, "ウェブサイト|ホームページ|URL|HP", "web|url|homepage"),
        _c("social_accounts", T, "SNS|SNSアカウント", "social|sns"),
        _NOTES,
    ),
    Kind.CUSTOMERS: (
        _SD_ID,
        _c("external_ref", T, "顧客ID|顧客番号|顧客コード|会員番号|会員ID", "customer id|customer ref|ref|id"),
        _c("full_name", T, "氏名|名前|お名前|顧客名|氏名漢字", "name|full name|customer|customer name"),
        _c("family_name", T, "姓|苗字", "family name|last name|surname"),
        _c("given_name", T, "名", "given name|first name"),
        _c("name_kana", T, "フリガナ|ふりがな|カナ|氏名フリガナ|氏名カナ|よみがな|読み", "kana|name kana|reading"),
        _c("family_kana", T, "セイ|姓フリガナ", "family kana|last name kana"),
        _c("given_kana", T, "メイ|名フリガナ", "given kana|first name kana"),
        _c("email", T, "メール|メールアドレス|Eメール|電子メール", "e-mail|mail|email address"),
        _c("phone", T, "電話番号|電話|TEL|固定電話|自宅電話", "tel|telephone"),
        _c("mobile", T, "携帯電話|携帯|携帯番号|携帯電話番号", "cell|mobile phone"),
        *_ADDRESS,
        _c("gender", V(Gender), "性別", "sex"),
        _c("birth_date", DATE, "生年月日|誕生日", "birthday|date of birth|dob"),
        _c("occupation", T, "職業", "job"),
        _c("rank", V(CustomerRank), "顧客ランク|ランク|会員ランク", ""),
        _c("acquisition_channel", V(AcquisitionChannel), "流入経路|獲得経路|認知経路|経路", "source|channel"),
        _c("contact_consent", BOOL, "連絡同意|連絡可否|連絡許可|メール配信同意", "consent|opt in"),
        _c("consent_at", WHEN, "同意日時", "consented at"),
        _NOTES,
        _c("company_ref", T, "会社ID|会社コード|企業ID", "company id"),
        _c("company", T, "会社名|企業名|勤務先|所属会社|社名", "company name"),
        _c("department", T, "部署|部署名|所属", "dept"),
        _c("job_title", T, "役職", "title|position"),
        _c("is_decision_maker", BOOL, "決裁権者|決裁者", "decision maker"),
    ),
    Kind.PRODUCTS: (
        _c("sku", T, "商品コード|品番|SKU|型番|商品番号", "code|product code"),
        _c("name", T, "商品名|品名|製品名", "product|product name"),
        _c("category", T, "カテゴリ|カテゴリー|分類", ""),
        _c("unit_price", YEN, "単価|価格|定価", "price"),
        _c("is_subscription", BOOL, "定期|定期購入|サブスク|サブスクリプション", "subscription"),
    ),
    Kind.PURCHASES: (
        _SD_ID,
        _c("external_ref", T, "購入ID|明細ID|購入番号|明細番号", "purchase id|purchase ref|line id|ref|external id|id"),
        *_CUSTOMER_LINK,
        _c("sku", T, "商品コード|品番|SKU|型番", "product code"),
        _c("product_name", T, "商品名", "product", info=True),
        _c("unit_price", YEN, "単価|価格", "price"),
        _c("quantity", INT, "数量|個数", "qty"),
        _c("amount", YEN, "金額|小計", "total"),
        _c("purchased_on", DATE, "購入日|注文日|購入日付", "purchase date|date|order date"),
        _c("order_ref", T, "注文番号|受注番号|オーダー番号", "order number|order id"),
    ),
    Kind.SUBSCRIPTIONS: (
        _SD_ID,
        _c("external_ref", T, "契約ID|契約番号", "subscription id|contract id|ref|external id|id"),
        *_CUSTOMER_LINK,
        _c("sku", T, "商品コード|品番|SKU", "product code"),
        _c("product_name", T, "商品名", "product", info=True),
        _c("contract_on", DATE, "契約日|契約開始日|開始日", "contract date|start date|started on"),
        _c("renewal_on", DATE, "契約更新予定日|更新予定日|更新日", "renewal date|renews on"),
        _c("cancelled_on", DATE, "解約日", "cancellation date|canceled on"),
        _c("cancel_reason", T, "解約理由", "cancellation reason"),
    ),
    Kind.TICKETS: (
        _SD_ID,
        _c("external_ref", T, "問い合わせID|問い合わせ番号|チケット番号|チケットID|受付番号", "ticket ref|ref|id"),
        *_CUSTOMER_LINK,
        _c("received_at", WHEN, "受付日時|問い合わせ日時|受付日", "received|date"),
        _c("channel", V(Channel), "チャネル|受付チャネル|受付方法", ""),
        _c("inquiry_type", V(InquiryType), "問い合わせ種別|種別|区分", "type|category"),
        _c("subject", T, "件名|タイトル|用件", "title"),
        _c("priority", V(Priority), "優先度", ""),
        _c("status", V(Status), "状態|ステータス|対応状況", ""),
        _c("assignee", parse.login, "担当者|担当", "agent|assigned to"),
        _c("team", T, "チーム|担当チーム", ""),
        _c("follow_up_on", DATE, "フォロー予定日|フォロー日|次回連絡日", "follow-up date|follow up"),
        _c("first_response_at", WHEN, "初回応答日時", "first response"),
        _c("resolved_at", WHEN, "解決日時", ""),
        _c("closed_at", WHEN, "完了日時|クローズ日時", ""),
        _c("resolution_note", T, "解決内容|対応結果", "resolution"),
        _c("purchase_ref", T, "購入ID|明細ID", "purchase id"),
        _c("tags", T, "タグ", ""),
        _c("entry_kind", V(EntryKind), "履歴種別|対応種別|記録種別", "entry type"),
        _c("entry_at", WHEN, "履歴日時|対応日時|記録日時", "entry time"),
        _c("entry_author", parse.login, "記入者|対応者|記録者", "author"),
        _c("entry_body", T, "内容|対応内容|本文|履歴内容", "body|message|text"),
        _c("call_seconds", INT, "通話秒数", "call duration"),
        _c("call_minutes", parse.decimal_minutes, "通話時間分|通話時間|通話分数", ""),
        _c("from_status", V(Status), "変更前状態", ""),
        _c("to_status", V(Status), "変更後状態", ""),
    ),
}

_CUSTOMER_ANY = ("customer_ref", "customer_supportdesk_id", "customer_email", "customer_phone", "customer_name")
# Each tuple: the file needs at least one of these columns.
REQUIRED: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.COMPANIES: (("name",),),
    Kind.CUSTOMERS: (("full_name", "family_name"),),
    Kind.PRODUCTS: (("sku",), ("name",)),
    Kind.PURCHASES: (_CUSTOMER_ANY, ("sku",), ("purchased_on",)),
    Kind.SUBSCRIPTIONS: (_CUSTOMER_ANY, ("sku",), ("contract_on",)),
    Kind.TICKETS: (("external_ref", "supportdesk_id"), _CUSTOMER_ANY, ("received_at",), ("subject",)),
}

_HEADER_NOISE = re.compile(r"[\s_\-‐・()\[\]【】*※:：]+")


def header_key(header: str) -> str:
    """Headers match whatever their width, case, spacing and brackets: 'E-Mail', 'ｅｍａｉｌ' and 'email' are one."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", header).lower())


def column(kind: Kind, field: str) -> Column:
    return next(c for c in COLUMNS[kind] if c.field == field)


@dataclass(frozen=True)
class Mapping:
    """A mapping file: which header is which field (overriding the aliases), and optionally how to read the file."""

    columns: dict[str, str]
    kind: Kind | None = None
    encoding: str | None = None
    delimiter: str | None = None


def load_mapping(text: str, where: str = "mapping file") -> Mapping:
    """Parse a TOML mapping file; unknown keys and unknown fields are refused with the known ones named."""
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(where, f"not valid TOML: {exc}") from None
    known = {"kind", "encoding", "delimiter", "columns"}
    if unknown := set(raw) - known:
        raise Invalid(where, f"unknown key {sorted(unknown)[0]!r}; known: {', '.join(sorted(known))}")
    kind = raw.get("kind")
    if kind is not None and kind not in set(Kind):
        raise Invalid(where, f"kind {kind!r} is not one of {', '.join(Kind)}")
    encoding, delimiter = raw.get("encoding"), raw.get("delimiter")
    if encoding is not None and str(encoding).lower() not in ENCODINGS:
        raise Invalid(where, f"encoding {encoding!r} is not one of {', '.join(sorted(set(ENCODINGS)))}")
    if delimiter is not None and delimiter not in DELIMITERS:
        raise Invalid(where, f"delimiter {delimiter!r} is not comma or tab")
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise Invalid(where, '[columns] maps a header to a field name: "お客様名" = "full_name"')
    if kind is not None:
        fields = {c.field for c in COLUMNS[Kind(kind)]}
        for header, field in columns.items():
            if field and field not in fields:
                raise Invalid(where, f"{header!r} = {field!r}: not a {kind} field; known: {', '.join(sorted(fields))}")
    return Mapping(dict(columns), Kind(kind) if kind else None, encoding, delimiter)


@dataclass(frozen=True)
class ColumnMap:
    """Which cell holds which field, and the file's columns nothing reads."""

    index: dict[str, int]  # field -> position in the row
    header: dict[str, str]  # field -> the header as written in the file
    ignored: tuple[str, ...]
    problems: tuple[str, ...]  # file-level: a missing required column, two columns for one field


def map_columns(kind: Kind, headers: tuple[str, ...], mapping: Mapping | None = None) -> ColumnMap:
    """Name each column by the mapping file first, then by the aliases; report what is missing or doubled."""
    by_key = {header_key(h): c.field for c in COLUMNS[kind] for h in c.headers}
    fields = {c.field for c in COLUMNS[kind]}
    explicit = {header_key(h): f for h, f in (mapping.columns.items() if mapping else ())}
    index: dict[str, int] = {}
    header: dict[str, str] = {}
    ignored: list[str] = []
    problems: list[str] = []
    for position, name in enumerate(headers):
        key = header_key(name)
        field = explicit[key] if key in explicit else by_key.get(key)
        if field and field not in fields:
            problems.append(f"column {name!r} is mapped to {field!r}, which is not a {kind} field")
            continue
        if not field or (column(kind, field).info):
            if name and not field:
                ignored.append(name)
            continue
        if field in index:
            problems.append(f'columns {header[field]!r} and {name!r} both give {field}; map one of them to ""')
            continue
        index[field] = position
        header[field] = name
    for options in REQUIRED[kind]:
        if not any(o in index for o in options):
            names = " or ".join(f"{column(kind, o).ja[0]} ({o})" for o in options)
            problems.append(f"a {kind} file needs a column {names}")
    return ColumnMap(index, header, tuple(ignored), tuple(problems))
