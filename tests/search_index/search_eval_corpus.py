"""A labelled Japanese/English support-ticket corpus for measuring search quality.

Every sentence that matters declares the *concepts* it expresses, so each
ticket's relevance to each evaluation query is known by construction, not by
running a search. Spelling variants are planted on purpose (ﾊﾟｽﾜｰﾄﾞ, サーバ vs
サーバー, メイル, 問合せ, ＶＰＮ) together with the classic traps: 東京都 for 京都,
配送 and 遅延 used apart, 返金/契約 next to 返品/解約.

Filler sentences carry no concept and use none of the query words.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from search_index import EntryDoc, TicketDoc

# (text, concepts). {product} is replaced with a product name.
TOPICS: dict[str, list[tuple[str, set[str]]]] = {
    "return": [
        ("購入した{product}を返品したいのですが、手続きを教えてください。", {"return"}),
        ("返品の送料はどちらが負担しますか。", {"return"}),
        ("初期不良のため返品交換を希望します。", {"return"}),
        ("返品受付番号を発行いたしました。", {"return"}),
    ],
    "refund_ja": [
        ("返金はいつ頃になりますか。", {"refund_ja"}),
        ("差額の返金をお願いできますでしょうか。", {"refund_ja"}),
    ],
    "cancel_contract": [
        ("契約を解約したいです。", {"cancel_contract"}),
        ("解約手続きの方法を教えてください。", {"cancel_contract"}),
        ("来月末で解約する予定です。", {"cancel_contract"}),
        ("解約金は発生しますか。", {"cancel_contract"}),
    ],
    "contract": [
        ("契約内容を確認したいです。", {"contract"}),
        ("契約プランを上位のものに変更したいです。", {"contract"}),
        ("自動更新の設定を解除しました。", {"contract"}),
    ],
    "password": [
        ("パスワードを忘れてしまいました。", {"password"}),
        ("ﾊﾟｽﾜｰﾄﾞの再設定メールが届きません。", {"password", "reset", "mail"}),
        ("パスワードを再設定したいです。", {"password", "reset"}),
        ("初期ﾊﾟｽﾜｰﾄﾞが分かりません。", {"password"}),
        ("パスワード変更後にログインできません。", {"password", "login"}),
    ],
    "router_reset": [("ルーターの再設定を行いました。", {"reset"})],
    "login": [
        ("昨日からログインできません。", {"login"}),
        ("ログイン画面でエラーになります。", {"login"}),
    ],
    "server": [
        ("サーバーに接続できません。", {"server"}),
        ("サーバが応答しないようです。", {"server"}),
        ("ｻｰﾊﾞｰの再起動をお願いします。", {"server"}),
        ("サーバー側でエラーが出ています。", {"server"}),
        ("サーバのCPU使用率が高い状態です。", {"server"}),
    ],
    "smartphone": [
        ("スマートフォンから注文できません。", {"smartphone"}),
        ("ｽﾏｰﾄﾌｫﾝのアプリが起動しません。", {"smartphone"}),
        ("スマートフォン版の画面表示が崩れます。", {"smartphone"}),
    ],
    "kyoto": [
        ("京都府京都市の店舗で購入しました。", {"kyoto"}),
        ("京都の営業所から発送してください。", {"kyoto"}),
        ("お届け先は京都市左京区です。", {"kyoto"}),
    ],
    "tokyo": [
        ("東京都港区の本社宛に書類を送ってください。", {"tokyo"}),
        ("東京都内の倉庫から出荷されます。", {"tokyo"}),
        ("東京都渋谷区に引っ越しました。", {"tokyo"}),
    ],
    "delivery_delay": [
        ("配送が遅延しているようです。", {"delivery", "delay", "delivery_delay"}),
        ("配送遅延のお詫びをお送りしました。", {"delivery", "delay", "delivery_delay"}),
        ("配送の遅延について確認をお願いします。", {"delivery", "delay", "delivery_delay"}),
        ("台風の影響で配送が大幅に遅延しております。", {"delivery", "delay", "delivery_delay"}),
    ],
    "delivery_only": [
        ("配送先の住所を変更したいです。", {"delivery"}),
        ("配送業者を指定できますか。", {"delivery"}),
        ("配送料金について教えてください。", {"delivery"}),
    ],
    "delay_only": [
        ("入金の反映が遅延しております。", {"delay"}),
        ("システムの応答が遅延しています。", {"delay"}),
    ],
    "refund_en": [
        ("Could you refund my order? It arrived damaged.", {"refund_en"}),
        ("I was refunded only half of the amount.", {"refund_en"}),
        ("The refunds have not arrived yet.", {"refund_en"}),
        ("refundの手続きをお願いします。", {"refund_en"}),
    ],
    "fund": [("The funds transfer failed twice.", {"fund"})],
    "ship_delay_en": [
        ("My package shipping is delayed.", {"ship", "delay_en"}),
        ("Shipping delays again this week.", {"ship", "delay_en"}),
        ("The order shipped late and delivery was delayed.", {"ship", "delay_en"}),
    ],
    "vpn": [
        ("VPNに接続できません。", {"vpn"}),
        ("ＶＰＮ経由だと通信が遅いです。", {"vpn"}),
        ("社外からvpn接続する方法を教えてください。", {"vpn"}),
    ],
    "printer": [
        ("プリンタで印刷できません。", {"printer"}),
        ("プリンターのドライバを更新しました。", {"printer"}),
        ("ﾌﾟﾘﾝﾀｰが認識されません。", {"printer"}),
    ],
    "mail": [
        ("メールが届きません。", {"mail"}),
        ("メイルの設定方法を教えてください。", {"mail"}),
        ("確認メールが迷惑メールに入っていました。", {"mail"}),
    ],
    "inquiry": [
        ("先日の問い合わせの件です。", {"inquiry"}),
        ("問合せフォームから送信できません。", {"inquiry"}),
        ("問い合せ番号を教えてください。", {"inquiry"}),
    ],
    "cancel_order": [
        ("注文をキャンセルしたいです。", {"cancel_order"}),
        ("キャンセル料はかかりますか。", {"cancel_order"}),
    ],
    "invoice_ja": [
        ("請求書を再発行してください。", {"invoice_ja", "reissue"}),
        ("請求書の宛名を変更したいです。", {"invoice_ja"}),
    ],
    "invoice_en": [("Please resend the invoice for March.", {"invoice_en"})],
    "data_vanish": [
        ("データが消えてしまいました。", {"data", "vanish"}),
        ("保存したデータが消えた状態です。", {"data", "vanish"}),
    ],
    "data_other": [("データ移行の手順を教えてください。", {"data"})],
    "iphone": [
        ("iPhoneでアプリが落ちます。", {"iphone"}),
        ("ｉＰｈｏｎｅ１５に機種変更しました。", {"iphone"}),
        ("iphoneの設定画面から確認しました。", {"iphone"}),
    ],
    "crash": [
        ("アプリがcrashします。", {"crash"}),
        ("The app crashes on startup.", {"crash"}),
        ("画面に crashed と表示されます。", {"crash"}),
    ],
    # Harder cases, including ones where a dictionary tokenizer is expected to lose:
    # 西新宿 is one dictionary word, so a search for 新宿 cannot reach it.
    "shinjuku": [
        ("西新宿の事務所に届けてください。", {"shinjuku"}),
        ("新宿駅前の店舗で購入しました。", {"shinjuku"}),
    ],
    "application": [
        ("申し込みが完了したか確認したいです。", {"application"}),
        ("申込みフォームが表示されません。", {"application"}),
        ("申込書を郵送しました。", {"application"}),
    ],
    "estimate": [
        ("見積書を作成していただけますか。", {"estimate"}),
        ("お見積りの有効期限はいつまでですか。", {"estimate"}),
        ("見積もり金額に誤りがあります。", {"estimate"}),
    ],
    "windows": [
        ("Windows11で起動しません。", {"windows"}),
        ("ウィンドウズの更新後から動作が不安定です。", {"windows"}),
    ],
    "manual": [
        ("取扱説明書を紛失しました。", {"manual"}),
        ("取扱い説明書の12ページの手順で進めました。", {"manual"}),
    ],
    "debit": [
        ("引き落としができていないようです。", {"debit"}),
        ("引落し日を変更したいです。", {"debit"}),
    ],
}

# Topics whose words feed multi-word queries: two of them in one ticket could
# satisfy an AND query that neither sentence means, so a ticket gets at most one.
_COMBINING = {
    "password",
    "router_reset",
    "delivery_delay",
    "delivery_only",
    "delay_only",
    "ship_delay_en",
    "data_vanish",
    "data_other",
    "invoice_ja",
}

FILLERS_JA = [
    "お世話になっております。",
    "いつもご利用いただきありがとうございます。",
    "よろしくお願いいたします。",
    "ご対応ありがとうございます。",
    "承知いたしました。",
    "確認いたしますので少々お待ちください。",
    "担当者より折り返しご連絡いたします。",
    "ご不便をおかけして申し訳ございません。",
    "本日中に回答いたします。",
    "添付の画像をご確認ください。",
    "先ほどお電話でお伝えした件です。",
    "注文番号は{number}です。",
    "至急ご確認をお願いします。",
    "引き続き調査いたします。",
]
FILLERS_EN = [
    "Thank you for contacting us.",
    "Best regards.",
    "We apologize for the inconvenience.",
    "Our order number is {number}.",
    "Please let us know as soon as possible.",
]
SUBJECTS = ["ご相談", "至急確認をお願いします", "{product}について", "注文番号{number}の件", "Help needed", "質問です"]
PRODUCTS = ["スマートルーター X200", "クラウド会計 Pro", "ネットワークカメラ NC-5", "勤怠管理システム", "POSレジ Lite"]
CUSTOMERS = ["田中 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "伊藤 健", "John Smith", "渡辺 直子"]
COMPANIES = ["山田商事", "青葉システム", "北斗物産", "さくら工業", "Acme Trading", ""]
STATUSES = ["open", "pending", "resolved", "closed"]
TYPES = ["技術", "請求", "配送", "アカウント", "general"]
CHANNELS = ["email", "phone", "chat", "web"]
PRIORITIES = ["low", "normal", "high", "urgent"]
AGENTS = ["sato", "suzuki", "takahashi", ""]
TAGS = ["vip", "要確認", "reopened", "法人"]


@dataclass(frozen=True)
class EvalQuery:
    text: str
    relevant: Callable[[set[str]], bool]  # concepts of a ticket → relevant?
    note: str


def _has(*concepts: str) -> Callable[[set[str]], bool]:
    return lambda c: all(x in c for x in concepts)


def _any(*concepts: str) -> Callable[[set[str]], bool]:
    return lambda c: any(x in c for x in concepts)


QUERIES: list[EvalQuery] = [
    EvalQuery("返品", _has("return"), "2-character word; 返金 must not match"),
    EvalQuery("解約", _has("cancel_contract"), "2-character word; 契約/解除 must not match"),
    EvalQuery("ﾊﾟｽﾜｰﾄﾞ", _has("password"), "half-width katakana query"),
    EvalQuery("パスワード 再設定", _has("password", "reset"), "two words, one mixed-width"),
    EvalQuery("サーバ", _has("server"), "long vowel missing"),
    EvalQuery("サーバー", _has("server"), "long vowel present"),
    EvalQuery("ｽﾏｰﾄﾌｫﾝ", _has("smartphone"), "half-width katakana"),
    EvalQuery("京都", _has("kyoto"), "must not match 東京都"),
    EvalQuery("東京", _has("tokyo"), "東京都 contains 東京"),
    EvalQuery("配送遅延", _has("delivery_delay"), "compound vs 配送が遅延"),
    EvalQuery("配送が遅延", _has("delivery_delay"), "particle between the words"),
    EvalQuery("refund", _has("refund_en"), "English stemming; fund must not match"),
    EvalQuery("refunded", _has("refund_en"), "inflected English query"),
    EvalQuery("ＶＰＮ", _has("vpn"), "full-width Latin"),
    EvalQuery("プリンター", _has("printer"), "プリンタ/ﾌﾟﾘﾝﾀｰ"),
    EvalQuery("ぷりんたー", _has("printer"), "hiragana typed for katakana"),
    EvalQuery("メール", _has("mail"), "メイル spelling"),
    EvalQuery("問い合わせ", _has("inquiry"), "okurigana variants 問合せ/問い合せ"),
    EvalQuery("きゃんせる", _has("cancel_order"), "hiragana typed for katakana"),
    EvalQuery("請求書 再発行", _has("invoice_ja", "reissue"), "two kanji compounds"),
    EvalQuery("invoice", _has("invoice_en"), "English word in Japanese corpus"),
    EvalQuery("データ 消えた", _has("data", "vanish"), "inflected verb"),
    EvalQuery("ｉＰｈｏｎｅ", _has("iphone"), "full-width mixed case"),
    EvalQuery("crash", _has("crash"), "crash/crashes/crashed, also inside Japanese"),
    EvalQuery("shipping delay", _has("ship", "delay_en"), "English stems"),
    EvalQuery("ログイン", _has("login"), "katakana loanword"),
    EvalQuery("返品 OR 解約", _any("return", "cancel_contract"), "OR"),
    EvalQuery("新宿", _has("shinjuku"), "inside the dictionary word 西新宿"),
    EvalQuery("申込", _has("application"), "okurigana variants 申し込み/申込み"),
    EvalQuery("見積もり", _has("estimate"), "見積書/お見積り"),
    EvalQuery("Windows", _has("windows"), "ウィンドウズ in katakana"),
    EvalQuery("説明書", _has("manual"), "inside 取扱説明書"),
    EvalQuery("引落", _has("debit"), "引き落とし/引落し"),
]


@dataclass(frozen=True)
class Corpus:
    docs: list[TicketDoc]
    concepts: dict[int, set[str]]

    def relevant(self, query: EvalQuery) -> set[int]:
        return {tid for tid, c in self.concepts.items() if query.relevant(c)}


def _fill(rng: random.Random, template: str) -> str:
    return template.format(product=rng.choice(PRODUCTS), number=rng.randint(10_000_000, 99_999_999))


def _pick_topics(rng: random.Random) -> list[str]:
    names = list(TOPICS)
    first = rng.choice(names)
    if rng.random() >= 0.3:
        return [first]
    second = rng.choice(names)
    if second == first or (first in _COMBINING and second in _COMBINING):
        return [first]
    return [first, second]


def build_corpus(n: int = 1200, seed: int = 20260101) -> Corpus:
    """``n`` tickets with 1–5 entries each; deterministic for a given seed."""
    rng = random.Random(seed)
    base = datetime(2025, 10, 1, tzinfo=UTC)
    docs: list[TicketDoc] = []
    concepts: dict[int, set[str]] = {}
    for tid in range(1, n + 1):
        english = rng.random() < 0.12
        fillers = FILLERS_EN if english else FILLERS_JA
        found: set[str] = set()
        topical: list[str] = []
        for topic in _pick_topics(rng):
            text, cs = rng.choice(TOPICS[topic])
            topical.append(_fill(rng, text))
            found |= cs
        created = base + timedelta(hours=rng.randint(0, 24 * 180))
        bodies = [" ".join([_fill(rng, rng.choice(fillers)), *topical, _fill(rng, rng.choice(fillers))])]
        for _ in range(rng.randint(0, 4)):
            bodies.append(" ".join(_fill(rng, rng.choice(fillers)) for _ in range(rng.randint(1, 3))))
        kinds = ["customer_message", "reply", "internal_note", "call_log", "reply"]
        entries = tuple(
            EntryDoc(tid * 10 + i, kinds[i % len(kinds)], body, created + timedelta(hours=i))
            for i, body in enumerate(bodies)
        )
        docs.append(
            TicketDoc(
                ticket_id=tid,
                subject=_fill(rng, rng.choice(SUBJECTS)),
                status=rng.choice(STATUSES),
                inquiry_type=rng.choice(TYPES),
                channel=rng.choice(CHANNELS),
                priority=rng.choice(PRIORITIES),
                customer_name=rng.choice(CUSTOMERS),
                company_name=rng.choice(COMPANIES),
                product_names=(rng.choice(PRODUCTS),),
                agent=rng.choice(AGENTS),
                created=created,
                updated=created + timedelta(hours=len(bodies)),
                tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
                exemplary=rng.random() < 0.05,
                entries=entries,
            )
        )
        concepts[tid] = found
    return Corpus(docs, concepts)
