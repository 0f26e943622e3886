"""The fields of the desk's records, listed once: everything that shows, reads or writes a field derives from here.

For each kind of record a file can hold, in the order an export writes them: the field's name, the type of its
values, the headers a spreadsheet may give it (the first Japanese one heads a Japanese export), and its uses:
- READ and WRITE: the columns an import reads (supportdesk.importing.columns) and an export writes
  (services.datafiles.exports), so an export imports back unchanged; a field only written is there for people
  to read (a purchase's product name) and ignored on import; one only read is another way of giving a value
  (family and given name for the full name);
- MERGE: the customer fields a merge lets a person pick from either record (services.merge);
- FORM: the customer and company forms' fields (screens.dialogs.customer_form, company_form), with the label
  they and the merge screen show.
The services' own rules for a field (services.customers) take its type from here too. Pure: no database, no UI.
"""

from dataclasses import dataclass
from enum import Flag, StrEnum, auto

from supportdesk.i18n import N_, language, t
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


# What a person calls each kind of record (import/export dialogs and the CLI's preview).
KIND_LABELS = {
    Kind.CUSTOMERS: N_("Customers"),
    Kind.COMPANIES: N_("Companies"),
    Kind.PRODUCTS: N_("Products"),
    Kind.PURCHASES: N_("Purchases"),
    Kind.SUBSCRIPTIONS: N_("Subscriptions"),
    Kind.TICKETS: N_("Tickets with their threads"),
}


class Type(StrEnum):
    """What a field holds, which decides how a file's cell is read and written."""

    TEXT = "text"
    INTEGER = "integer"
    YEN = "yen"  # whole yen; files may write ¥1,200 or 1200円
    DATE = "date"
    MOMENT = "moment"  # a date and time
    YES_NO = "yes_no"
    CHOICE = "choice"  # one value of `Field.choices`
    LOGIN = "login"  # a user of the desk, by login
    MINUTES = "minutes"  # a duration in (decimal) minutes, stored as seconds
    NUMBER = "number"  # a decimal number (a team's own fields)


class Use(Flag):
    READ = auto()
    WRITE = auto()
    MERGE = auto()
    FORM = auto()
    FILE = READ | WRITE


@dataclass(frozen=True)
class Field:
    name: str
    holds: Type
    ja: tuple[str, ...]  # headers a Japanese sheet uses; the first heads a Japanese export
    en: tuple[str, ...] = ()  # English headers besides the name itself
    uses: Use = Use.FILE
    label: str = ""  # what a form or the merge screen calls it (a catalog message)
    choices: type[StrEnum] | None = None
    entry: bool = False  # tickets: a column of one thread entry (the others describe the ticket)
    # A field a team defined on the desk (services.custom_fields): its name is CUSTOM_PREFIX + what they called
    # it, which is also its header in both languages; `options` are its choices.
    options: tuple[str, ...] = ()

    @property
    def custom(self) -> bool:
        return self.name.startswith(CUSTOM_PREFIX)

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.name, *self.en, *self.ja)


TEXT, INTEGER, YEN, DATE, MOMENT, YES_NO = Type.TEXT, Type.INTEGER, Type.YEN, Type.DATE, Type.MOMENT, Type.YES_NO
LOGIN, MINUTES = Type.LOGIN, Type.MINUTES


def _f(
    name: str,
    kind: Type | type[StrEnum],
    ja: str,
    en: str = "",
    uses: Use = Use.FILE,
    *,
    label: str = "",
    entry: bool = False,
) -> Field:
    """A field; `kind` is a Type, or the vocabulary of a CHOICE field. Headers are written `a|b|c`."""
    split = tuple(w for w in ja.split("|") if w), tuple(w for w in en.split("|") if w)
    if isinstance(kind, Type):
        return Field(name, kind, *split, uses=uses, label=label, entry=entry)
    return Field(name, Type.CHOICE, *split, uses=uses, label=label, choices=kind, entry=entry)


_SD_ID = _f("supportdesk_id", INTEGER, "SupportDesk番号", "supportdesk id|sd id")
_CUSTOMER_LINK = (
    _f("customer_ref", TEXT, "顧客ID|顧客番号|顧客コード|会員番号|会員ID", "customer id|customer ref|customer number"),
    _f("customer_supportdesk_id", INTEGER, "顧客SupportDesk番号", "customer sd id"),
    _f("customer_email", TEXT, "顧客メール|メール|メールアドレス", "customer email|email", Use.READ),
    _f("customer_phone", TEXT, "顧客電話番号|電話番号|電話", "customer phone|phone", Use.READ),
    _f("customer_name", TEXT, "顧客名|氏名|お名前", "customer name|customer|name"),
)

_FORM = Use.FILE | Use.FORM  # a file's column that the app's form also offers

FIELDS: dict[Kind, tuple[Field, ...]] = {
    Kind.COMPANIES: (
        _SD_ID,
        _f("external_ref", TEXT, "会社ID|会社コード|企業ID|取引先コード", "company id|company ref|ref|external id|id"),
        _f("name", TEXT, "会社名|企業名|社名|法人名|取引先名", "company|company name", _FORM, label=N_("Company name")),
        _f(
            "name_kana",
            TEXT,
            "会社名フリガナ|フリガナ|ふりがな|カナ",
            "kana|name kana|company kana",
            _FORM,
            label=N_("Kana"),
        ),
        _f("postal_code", TEXT, "郵便番号|〒", "postal code|zip|zip code|postcode", _FORM, label=N_("Postal code")),
        _f("address", TEXT, "住所|所在地", "", _FORM, label=N_("Address")),
        _f("phone", TEXT, "代表電話|電話番号|電話|TEL", "tel|telephone|main phone", _FORM, label=N_("Phone")),
        _f("industry", TEXT, "業種", "", _FORM, label=N_("Industry")),
        _f("business_description", TEXT, "事業内容", "business|description", _FORM, label=N_("Business")),
        _f("founded_on", DATE, "設立日|設立年月日|創業日|設立", "founded|founding date", _FORM, label=N_("Founded")),
        _f("employees", INTEGER, "従業員数|社員数", "number of employees|headcount", _FORM, label=N_("Employees")),
        _f("website", TEXT, "ウェブサイト|ホームページ|URL|HP", "web|url|homepage", _FORM, label=N_("Website")),
        _f("social_accounts", TEXT, "SNS|SNSアカウント", "social|sns", _FORM, label=N_("Social")),
        _f("notes", TEXT, "備考|メモ", "note|memo", _FORM, label=N_("Notes")),
    ),
    Kind.CUSTOMERS: (
        _SD_ID,
        _f("external_ref", TEXT, "顧客ID|顧客番号|顧客コード|会員番号|会員ID", "customer id|customer ref|ref|id"),
        _f(
            "full_name",
            TEXT,
            "氏名|名前|お名前|顧客名|氏名漢字",
            "name|full name|customer|customer name",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Name"),
        ),
        _f("family_name", TEXT, "姓|苗字", "family name|last name|surname", Use.READ),
        _f("given_name", TEXT, "名", "given name|first name", Use.READ),
        _f(
            "name_kana",
            TEXT,
            "フリガナ|ふりがな|カナ|氏名フリガナ|氏名カナ|よみがな|読み",
            "kana|name kana|reading",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Kana"),
        ),
        _f("family_kana", TEXT, "セイ|姓フリガナ", "family kana|last name kana", Use.READ),
        _f("given_kana", TEXT, "メイ|名フリガナ", "given kana|first name kana", Use.READ),
        _f(
            "email",
            TEXT,
            "メール|メールアドレス|Eメール|電子メール",
            "e-mail|mail|email address",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("E-mail"),
        ),
        _f(
            "phone",
            TEXT,
            "電話番号|電話|TEL|固定電話|自宅電話",
            "tel|telephone",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Phone"),
        ),
        _f(
            "mobile",
            TEXT,
            "携帯電話|携帯|携帯番号|携帯電話番号",
            "cell|mobile phone",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Mobile"),
        ),
        _f(
            "postal_code",
            TEXT,
            "郵便番号|〒",
            "postal code|zip|zip code|postcode",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Postal code"),
        ),
        _f("address", TEXT, "住所|所在地", "", uses=Use.FILE | Use.MERGE | Use.FORM, label=N_("Address")),
        _f("gender", Gender, "性別", "sex", uses=Use.FILE | Use.MERGE | Use.FORM, label=N_("Gender")),
        _f(
            "birth_date",
            DATE,
            "生年月日|誕生日",
            "birthday|date of birth|dob",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Date of birth"),
        ),
        _f("occupation", TEXT, "職業", "job", uses=Use.FILE | Use.MERGE | Use.FORM, label=N_("Occupation")),
        _f(
            "rank",
            CustomerRank,
            "顧客ランク|ランク|会員ランク",
            "",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Rank"),
        ),
        _f(
            "acquisition_channel",
            AcquisitionChannel,
            "流入経路|獲得経路|認知経路|経路",
            "source|channel",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Acquisition channel"),
        ),
        _f(
            "contact_consent",
            YES_NO,
            "連絡同意|連絡可否|連絡許可|メール配信同意",
            "consent|opt in",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Consent to contact"),
        ),
        _f("consent_at", MOMENT, "同意日時", "consented at"),
        _f("notes", TEXT, "備考|メモ", "note|memo", uses=Use.FILE | Use.MERGE | Use.FORM, label=N_("Notes")),
        _f("company_id", INTEGER, "", uses=Use.MERGE, label=N_("Company")),  # picked in a merge; files name the company
        _f("company_ref", TEXT, "会社ID|会社コード|企業ID", "company id"),
        # The form names the company (or its number); services.profiles finds it however its legal form is written.
        _f(
            "company",
            TEXT,
            "会社名|企業名|勤務先|所属会社|社名",
            "company name",
            Use.FILE | Use.FORM,
            label=N_("Company"),
        ),
        _f(
            "department", TEXT, "部署|部署名|所属", "dept", uses=Use.FILE | Use.MERGE | Use.FORM, label=N_("Department")
        ),
        _f("job_title", TEXT, "役職", "title|position", uses=Use.FILE | Use.MERGE | Use.FORM, label=N_("Job title")),
        _f(
            "is_decision_maker",
            YES_NO,
            "決裁権者|決裁者",
            "decision maker",
            uses=Use.FILE | Use.MERGE | Use.FORM,
            label=N_("Decision-maker"),
        ),
    ),
    Kind.PRODUCTS: (
        _f("sku", TEXT, "商品コード|品番|SKU|型番|商品番号", "code|product code"),
        _f("name", TEXT, "商品名|品名|製品名", "product|product name"),
        _f("category", TEXT, "カテゴリ|カテゴリー|分類", ""),
        _f("unit_price", YEN, "単価|価格|定価", "price"),
        _f("is_subscription", YES_NO, "定期|定期購入|サブスク|サブスクリプション", "subscription"),
    ),
    Kind.PURCHASES: (
        _SD_ID,
        _f(
            "external_ref",
            TEXT,
            "購入ID|明細ID|購入番号|明細番号",
            "purchase id|purchase ref|line id|ref|external id|id",
        ),
        *_CUSTOMER_LINK,
        _f("sku", TEXT, "商品コード|品番|SKU|型番", "product code"),
        _f("product_name", TEXT, "商品名", "product", Use.WRITE),
        _f("unit_price", YEN, "単価|価格", "price"),
        _f("quantity", INTEGER, "数量|個数", "qty"),
        _f("amount", YEN, "金額|小計", "total"),
        _f("purchased_on", DATE, "購入日|注文日|購入日付", "purchase date|date|order date"),
        _f("order_ref", TEXT, "注文番号|受注番号|オーダー番号", "order number|order id"),
    ),
    Kind.SUBSCRIPTIONS: (
        _SD_ID,
        _f("external_ref", TEXT, "契約ID|契約番号", "subscription id|contract id|ref|external id|id"),
        *_CUSTOMER_LINK,
        _f("sku", TEXT, "商品コード|品番|SKU", "product code"),
        _f("product_name", TEXT, "商品名", "product", Use.WRITE),
        _f("contract_on", DATE, "契約日|契約開始日|開始日", "contract date|start date|started on"),
        _f("renewal_on", DATE, "契約更新予定日|更新予定日|更新日", "renewal date|renews on"),
        _f("cancelled_on", DATE, "解約日", "cancellation date|canceled on"),
        _f("cancel_reason", TEXT, "解約理由", "cancellation reason"),
    ),
    Kind.TICKETS: (
        _SD_ID,
        _f("external_ref", TEXT, "問い合わせID|問い合わせ番号|チケット番号|チケットID|受付番号", "ticket ref|ref|id"),
        *_CUSTOMER_LINK,
        _f("received_at", MOMENT, "受付日時|問い合わせ日時|受付日", "received|date"),
        _f("channel", Channel, "チャネル|受付チャネル|受付方法", ""),
        _f("inquiry_type", InquiryType, "問い合わせ種別|種別|区分", "type|category"),
        _f("subject", TEXT, "件名|タイトル|用件", "title"),
        _f("priority", Priority, "優先度", ""),
        _f("status", Status, "状態|ステータス|対応状況", ""),
        _f("assignee", LOGIN, "担当者|担当", "agent|assigned to"),
        _f("team", TEXT, "チーム|担当チーム", ""),
        _f("follow_up_on", DATE, "フォロー予定日|フォロー日|次回連絡日", "follow-up date|follow up"),
        _f("first_response_at", MOMENT, "初回応答日時", "first response"),
        _f("resolved_at", MOMENT, "解決日時", ""),
        _f("closed_at", MOMENT, "完了日時|クローズ日時", ""),
        _f("resolution_note", TEXT, "解決内容|対応結果", "resolution"),
        _f("purchase_ref", TEXT, "購入ID|明細ID", "purchase id"),
        _f("tags", TEXT, "タグ", ""),
        _f("entry_kind", EntryKind, "履歴種別|対応種別|記録種別", "entry type", entry=True),
        _f("entry_at", MOMENT, "履歴日時|対応日時|記録日時", "entry time", entry=True),
        _f("entry_author", LOGIN, "記入者|対応者|記録者", "author", entry=True),
        _f("entry_body", TEXT, "内容|対応内容|本文|履歴内容", "body|message|text", entry=True),
        _f("call_seconds", INTEGER, "通話秒数", "call duration", entry=True),
        _f("call_minutes", MINUTES, "通話時間分|通話時間|通話分数", "", Use.READ, entry=True),
        _f("from_status", Status, "変更前状態", "", entry=True),
        _f("to_status", Status, "変更後状態", "", entry=True),
    ),
}


CUSTOM_PREFIX = "custom:"
_CUSTOM_TYPES = {"text": Type.TEXT, "number": Type.NUMBER, "date": Type.DATE, "choice": Type.CHOICE}


def custom_field(kind: Kind, name: str, holds: str, options: tuple[str, ...] = ()) -> Field:
    """A team's own field as a field of the registry: a file column headed by its name, and a form input.

    Defined in the database, not here (services.custom_fields); its values are checked by that service, so a file
    reads the cell as text and hands it over.
    """
    return Field(
        CUSTOM_PREFIX + name,
        _CUSTOM_TYPES[holds],
        (name,),
        (name,),
        uses=Use.FILE | Use.FORM,
        label=name,
        options=options,
    )


def fields_of(kind: Kind, use: Use) -> tuple[Field, ...]:
    """The fields of `kind` with any of the uses in `use`, in export order."""
    return tuple(f for f in FIELDS[kind] if f.uses & use)


def names_of(kind: Kind, use: Use) -> tuple[str, ...]:
    return tuple(f.name for f in fields_of(kind, use))


def field(kind: Kind, name: str) -> Field:
    return next(f for f in FIELDS[kind] if f.name == name)


def heading(kind: Kind, name: str) -> str:
    """How a person in the desk's language names a field: its Japanese file header in a Japanese desk (what
    imports and `customer edit 氏名=…` accept too), its name in an English one; a name it does not know, as given."""
    found = next((f for f in FIELDS[kind] if f.name == name), None)
    if found is None or language() != "ja":
        return name
    return found.ja[0] if found.ja else t(found.label) if found.label else name


def named(kind: Kind, given: str) -> str:
    """The field a person named by its name or any of its headers (email, メールアドレス); else `given` as it is."""
    return next((f.name for f in FIELDS[kind] if given in f.headers), given)
