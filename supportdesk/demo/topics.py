"""What inquiries are about, and the words of each side of a thread (対応履歴) for every kind of inquiry.

Templates use str.format fields filled per ticket: {name} (customer's family name), {company}, {product}, {sku},
{order}, {date} (purchase date), {amount}, {agent} (agent's family name), {team}, {code} (an error code),
{tracking} (a parcel number), {login} (a login id), {romaji} (customer's name in Latin letters), {days},
{eta} (a delivery or pick-up date a few days after the message) and {month_end} (end of the month of receipt).
"""

from dataclasses import dataclass

from supportdesk.models import InquiryType


@dataclass(frozen=True)
class Topic:
    """One kind of inquiry and its story. Replies and follow-ups are in story order: the first reply answers the
    customer's first message (often asking for details), follow_ups[0] answers that, and the last reply is the
    solution the resolution notes describe. Replies between them, and any beyond the list, are generic.
    """

    key: str
    inquiry_type: InquiryType
    subjects: tuple[str, ...]
    openings: tuple[str, ...]  # the customer's first message
    replies: tuple[str, ...]  # an agent's answers, in story order (greeting and signature are added per channel)
    follow_ups: tuple[str, ...]  # the customer's later messages, in story order
    notes: tuple[str, ...]  # internal notes between agents
    calls: tuple[str, ...]  # phone-call summaries
    waiting: tuple[str, ...]  # why the ticket waits for the customer (pending)
    holds: tuple[str, ...]  # why it waits for us or a third party (on hold)
    resolutions: tuple[str, ...]  # resolution notes
    skus: tuple[str, ...] = ()  # SKU prefixes of the products it concerns; empty means none in particular
    english: tuple[tuple[str, str, str], ...] = ()  # (customer mail, first reply, solution) in English
    urgency: int = 0  # -1 usually low, 0 normal, 1 often high, 2 often urgent
    recent: bool = False  # about an order of the last days (a delivery, a change): never a purchase of last year
    tags: tuple[str, ...] = ()  # labels agents put on such tickets


# Customer messages that fit any topic.
FOLLOW_UPS: tuple[str, ...] = (
    "確認しました。ありがとうございます。",
    "返信が遅くなりすみません。ご依頼の情報をお送りします。",
    "教えていただいた方法を試しましたが、まだ同じ状態です。",
    "社内で確認しましたので、その内容で進めてください。",
    "念のため、画面のスクリーンショットを添付します。",
)
THANKS: tuple[str, ...] = (
    "ご対応ありがとうございました。無事解決しました。",
    "迅速に対応していただき助かりました。",
    "丁寧に説明していただきありがとうございました。また何かあればお願いします。",
    "問題なく使えるようになりました。お世話になりました。",
)
PROGRESS_REPLIES: tuple[str, ...] = (
    "内容を確認し、改めてご連絡いたします。",
    "引き続き確認しております。恐れ入りますが、今しばらくお待ちください。",
    "いただいた情報をもとに担当部署と確認を進めております。",
)
REOPEN_MESSAGES: tuple[str, ...] = (
    "先日解決とのことでしたが、今朝からまた同じ症状が出ています。",
    "一度は直ったのですが、再発しました。もう一度見ていただけますか。",
    "ご連絡いただいた件、こちらではまだ確認できていません。",
)
REOPEN_REASONS: tuple[str, ...] = (
    "お客様より再発の連絡",
    "お客様から未解決との連絡あり",
    "再確認が必要なため再オープン",
)
CLOSE_REASONS: tuple[str, ...] = (
    "解決から7日経過のため自動クローズ",
    "お客様了承済みのためクローズ",
    "追加のご連絡がないためクローズ",
)
LEAD_NOTES: tuple[str, ...] = (
    "【エスカレーション】リーダー確認済み。方針はこのままでOK。",
    "リーダーより: 同様の問い合わせが増えているので、FAQ化を検討。",
    "リーダーより: お客様への説明は丁寧に。必要なら折り返しは私から。",
    "VIP顧客のため、回答前に一度共有してください。",
)
UNASSIGNED_NOTES: tuple[str, ...] = (
    "担当者未定。明朝の朝会で割り当て予定。",
    "内容確認中。担当チームを振り分けてください。",
)

# Greetings and closings per side; the customer's depend on whether they write for a company.
CUSTOMER_OPENERS_B2B: tuple[str, ...] = (
    "お世話になっております。{company}の{name}です。",
    "いつもお世話になっております。{company} {name}でございます。",
    "{company}の{name}と申します。",
)
CUSTOMER_OPENERS_B2C: tuple[str, ...] = (
    "{name}と申します。",
    "いつも利用させていただいています。{name}です。",
    "はじめて問い合わせます。",
    "",
)
CUSTOMER_CLOSERS: tuple[str, ...] = (
    "よろしくお願いいたします。",
    "お手数ですが、ご確認をお願いします。",
    "至急ご対応いただけると助かります。",
    "よろしくお願いします。",
)
AGENT_OPENERS: tuple[str, ...] = (
    "お問い合わせいただきありがとうございます。{team}の{agent}でございます。",
    "いつもご利用いただきありがとうございます。{team}の{agent}です。",
    "ご連絡ありがとうございます。サポート担当の{agent}でございます。",
    "お待たせいたしました。{team}の{agent}です。",
)
AGENT_CLOSERS: tuple[str, ...] = (
    "ご不明な点がございましたら、お気軽にお問い合わせください。",
    "引き続きよろしくお願いいたします。",
    "ご不便をおかけし申し訳ございません。何卒よろしくお願いいたします。",
)
ENGLISH_FOLLOW_UPS: tuple[str, ...] = (
    "Thanks, I will try that and let you know.",
    "I tried it but it still does not work. Same error as before.",
    "Please find the screenshot attached.",
)
ENGLISH_THANKS: tuple[str, ...] = ("Thank you, it works now.", "Thanks a lot for the quick help!")
ENGLISH_REPLIES: tuple[str, ...] = (
    "Thank you for the information. We are checking this with the team concerned and will get back to you.",
    "Thank you for your patience. We are still looking into it and will update you shortly.",
)
ENGLISH_REOPEN: tuple[str, ...] = (
    "The problem came back this morning. Could you look at it again?",
    "I still have the same issue, I am afraid.",
)
ENGLISH_SIGN_OFF = "Kind regards,\n{agent_romaji}\nCustomer Support ({team})"
