"""Canned responses (定型文) with placeholders an agent picks from a filterable list.

Placeholders: {customer_name} {company} {product} {ticket_number} {agent_name}. A placeholder with no value (no
company, no linked product) renders as an empty string; an unknown placeholder is left as typed so a typo shows.
"""

import string
from dataclasses import dataclass

from supportdesk.normalize import clean

PLACEHOLDERS = ("customer_name", "company", "product", "ticket_number", "agent_name")


@dataclass(frozen=True)
class CannedResponse:
    key: str
    title: str
    body: str


CANNED: tuple[CannedResponse, ...] = (
    CannedResponse(
        "greeting",
        "ご挨拶・受付",
        "{customer_name} 様\n\nお問い合わせいただき、ありがとうございます。{company}ご担当の{agent_name}です。\n"
        "お問い合わせ番号 #{ticket_number} にて承りました。",
    ),
    CannedResponse(
        "password_reset",
        "パスワード再設定のご案内",
        "{customer_name} 様\n\nパスワード再設定用のURLをご登録のメールアドレスにお送りしました。"
        "30分以内に手続きをお願いいたします。\n(お問い合わせ番号 #{ticket_number} / 担当 {agent_name})",
    ),
    CannedResponse(
        "return_accept",
        "返品・交換の受付",
        "{customer_name} 様\n\n{product}の返品・交換を承りました。同梱の返送伝票にてご返送ください。"
        "到着確認後、3営業日以内に交換品を発送いたします。\n担当 {agent_name}",
    ),
    CannedResponse(
        "billing_refund",
        "請求の返金手続き",
        "{customer_name} 様\n\nご請求の件、確認いたしました。重複分は翌月のご請求にて返金いたします。"
        "ご迷惑をおかけし申し訳ございません。\n(#{ticket_number} 担当 {agent_name})",
    ),
    CannedResponse(
        "delivery_delay",
        "配送遅延のお詫び",
        "{customer_name} 様\n\nご注文の{product}のお届けが遅れており、誠に申し訳ございません。"
        "配送状況を確認のうえ、改めてご連絡いたします。\n担当 {agent_name}",
    ),
    CannedResponse(
        "waiting_customer",
        "ご確認のお願い(保留)",
        "{customer_name} 様\n\n恐れ入りますが、ご利用環境(OS・ブラウザ)とエラー画面をお知らせください。"
        "確認でき次第、調査を進めます。\n(#{ticket_number})",
    ),
    CannedResponse(
        "closing",
        "解決のご連絡・クロージング",
        "{customer_name} 様\n\n本件は解決とさせていただきます。ほかにご不明な点がございましたら、"
        "お問い合わせ番号 #{ticket_number} をお伝えのうえご連絡ください。\n{agent_name}",
    ),
    CannedResponse(
        "english_ack",
        "Acknowledgement (English)",
        "Dear {customer_name},\n\nThank you for contacting us. Your inquiry is #{ticket_number}; "
        "{agent_name} will get back to you shortly.",
    ),
)


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **values: object) -> str:
    """Fill the placeholders of a template; missing values are empty, unknown placeholders stay visible."""
    known = _Values({k: "" if values.get(k) is None else str(values[k]) for k in PLACEHOLDERS})
    known.update({k: str(v) for k, v in values.items() if k not in PLACEHOLDERS and v is not None})
    try:
        return string.Formatter().vformat(template, (), known)
    except (ValueError, IndexError):
        # A stray brace in a hand-written template: give it back untouched rather than failing the reply.
        return template


def filter_canned(text: str, responses: tuple[CannedResponse, ...] = CANNED) -> list[CannedResponse]:
    """Responses whose title, key or body contains every word typed (NFKC, case-insensitive)."""
    words = clean(text).lower().split()
    return [r for r in responses if all(w in f"{r.key} {clean(r.title)} {clean(r.body)}".lower() for w in words)]
