"""The demo desk's canned responses (定型文): what a Japanese support team starts with, one in English."""

import random
from datetime import timedelta

from supportdesk.demo.context import Batch, DemoContext
from supportdesk.services.canned import CannedDraft, check_template

SEED: tuple[CannedDraft, ...] = (
    CannedDraft(
        "ご挨拶・受付",
        "{customer_name} 様\n\nお問い合わせいただき、ありがとうございます。{company}ご担当の{agent_name}です。\n"
        "お問い合わせ番号 #{ticket_number} にて承りました。",
    ),
    CannedDraft(
        "パスワード再設定のご案内",
        "{customer_name} 様\n\nパスワード再設定用のURLをご登録のメールアドレスにお送りしました。"
        "30分以内に手続きをお願いいたします。\n(お問い合わせ番号 #{ticket_number} / 担当 {agent_name})",
    ),
    CannedDraft(
        "返品・交換の受付",
        "{customer_name} 様\n\n{product}の返品・交換を承りました。同梱の返送伝票にてご返送ください。"
        "到着確認後、3営業日以内に交換品を発送いたします。\n担当 {agent_name}",
    ),
    CannedDraft(
        "請求の返金手続き",
        "{customer_name} 様\n\nご請求の件、確認いたしました。重複分は翌月のご請求にて返金いたします。"
        "ご迷惑をおかけし申し訳ございません。\n(#{ticket_number} 担当 {agent_name})",
    ),
    CannedDraft(
        "配送遅延のお詫び",
        "{customer_name} 様\n\nご注文の{product}のお届けが遅れており、誠に申し訳ございません。"
        "配送状況を確認のうえ、改めてご連絡いたします。\n担当 {agent_name}",
    ),
    CannedDraft(
        "ご確認のお願い(保留)",
        "{customer_name} 様\n\n恐れ入りますが、ご利用環境(OS・ブラウザ)とエラー画面をお知らせください。"
        "確認でき次第、調査を進めます。\n(#{ticket_number})",
    ),
    CannedDraft(
        "解決のご連絡・クロージング",
        "{customer_name} 様\n\n本件は解決とさせていただきます。ほかにご不明な点がございましたら、"
        "お問い合わせ番号 #{ticket_number} をお伝えのうえご連絡ください。\n{agent_name}",
    ),
    CannedDraft(
        "Acknowledgement (English)",
        "Dear {customer_name},\n\nThank you for contacting us. Your inquiry is #{ticket_number}; "
        "{agent_name} will get back to you shortly.",
        lang="en",
    ),
)


def canned_rows(ctx: DemoContext, batch: Batch) -> None:
    """The seed as desk-wide responses written by the lead, each used some times already (for the lead's list).

    Their own random source: the rest of the demo stays the same rows whatever is added here.
    """
    rng = random.Random(f"{ctx.seed}:canned")
    written = ctx.now - timedelta(days=400)
    for draft in SEED:
        batch.add(
            "canned_response",
            {
                "id": ctx.ids.next("canned_response"),
                "title": draft.title,
                "body": check_template(draft.body),
                "lang": draft.lang,
                "team": None,
                "uses": rng.randint(5, 240),
                "retired_at": None,
                "created_by_id": ctx.user_ids.get("takahashi"),
                "created_at": written,
                "updated_at": written,
                "version": 1,
            },
        )
