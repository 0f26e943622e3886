"""The showcase tickets: three of 山田 太郎's (open, pending with a follow-up due today, resolved), one closed for
his colleague, and one each for the two records of the duplicated customer. Fixed wording, times relative to today.
"""

from datetime import datetime, timedelta
from functools import partial
from typing import NamedTuple

from supportdesk.demo.commerce import PurchaseRef
from supportdesk.demo.context import Batch, DemoContext, at_jst
from supportdesk.demo.curation import add_tags
from supportdesk.demo.showcase import (
    SHOWCASE_OPEN_SUBJECT,
    SHOWCASE_PENDING_SUBJECT,
    SHOWCASE_PEOPLE,
    SHOWCASE_RESOLVED_SUBJECT,
)
from supportdesk.demo.threads import Thread
from supportdesk.demo.tickets import Agent, Header, TicketMaker, finish_ticket
from supportdesk.demo.vocab import TOKYO
from supportdesk.models import Channel, EntryKind, InquiryType, Priority, Status


class _Script(NamedTuple):
    key: str
    final: Status
    values: dict[str, object]  # the ticket's own fields
    opener: Agent | None  # who logged it (phone); None for mail and chat intake
    steps: tuple[tuple[float, str, Agent | None, str], ...]  # (minutes after the previous step, action, who, text)
    tags: tuple[str, ...] = ()


def _scripts(ctx: DemoContext, maker: TicketMaker, purchases: dict[int, list[PurchaseRef]]) -> list[_Script]:
    agents = {a.login: a for team in maker.agents.values() for a in team}
    sato, suzuki, lead = agents["sato"], agents["suzuki"], maker.lead
    yamada, nakamura, sasaki, sasaki_again = (p.id for p in maker.people[:SHOWCASE_PEOPLE])
    printer = next(r for r in purchases[yamada] if r.sku == "HW-PRN-001")
    today = ctx.today

    def ticket(
        customer: int,
        channel: Channel,
        kind: InquiryType,
        priority: Priority,
        subject: str,
        received: datetime,
        agent: Agent | None,
        purchase_id: int | None = None,
    ) -> dict[str, object]:
        return {
            "customer_id": customer,
            "purchase_id": purchase_id,
            "channel": channel.value,
            "inquiry_type": kind.value,
            "subject": subject,
            "priority": priority.value,
            "assignee_id": agent.id if agent else None,
            "team": agent.team if agent else TOKYO,
            "received_at": received,
        }

    return [
        _Script(
            "open",
            Status.OPEN,
            ticket(
                yamada,
                Channel.PHONE,
                InquiryType.FAULT,
                Priority.HIGH,
                SHOWCASE_OPEN_SUBJECT,
                at_jst(today, 9, 40),
                sato,
            ),
            sato,
            (
                (
                    0,
                    "customer",
                    None,
                    "（電話受付）今朝からクラウド会計を開くと「サーバーに接続できません（E-5031）」と"
                    "表示され、経理部の全員が使えない。月末の締め作業があるので急ぎたい。",
                ),
                (
                    12,
                    "call",
                    sato,
                    "【通話記録】エラーE-5031で接続不可。ブラウザ版でも同じ症状。障害情報を確認し、"
                    "11時までに折り返すと約束。（通話12分）",
                ),
                (13, "note", sato, "同じエラーE-5031の報告が他に3件。開発チームに調査依頼済み（DEV-5031）。"),
                (25, "note", lead, "【エスカレーション】VIP顧客。復旧見込みが出たら私からも山田様に一報入れます。"),
            ),
            ("障害", "接続エラー", "法人"),
        ),
        _Script(
            "pending",
            Status.PENDING,
            ticket(
                yamada,
                Channel.EMAIL,
                InquiryType.BILLING,
                Priority.NORMAL,
                SHOWCASE_PENDING_SUBJECT,
                at_jst(today - timedelta(days=3), 14, 20),
                suzuki,
            ),
            None,
            (
                (
                    0,
                    "customer",
                    None,
                    "お世話になっております。株式会社さくら商事の山田です。\n"
                    "クラウド会計 年額プランの利用料35,760円が、今月2回引き落とされています。\n"
                    "確認のうえ、1回分の返金をお願いします。",
                ),
                (
                    125,
                    "reply",
                    suzuki,
                    "株式会社さくら商事 山田様\n\nお問い合わせいただきありがとうございます。"
                    "東京サポートの鈴木でございます。\n決済記録を確認しております。お手数ですが、カード明細の該当箇所"
                    "（カード番号は下4桁のみ）をお送りいただけますでしょうか。\n\n東京サポート 鈴木",
                ),
                (6, "pending", suzuki, "カード明細の送付待ち"),
            ),
        ),
        _Script(
            "resolved",
            Status.RESOLVED,
            ticket(
                yamada,
                Channel.EMAIL,
                InquiryType.RETURN,
                Priority.NORMAL,
                SHOWCASE_RESOLVED_SUBJECT,
                at_jst(today - timedelta(days=6), 11, 5),
                sato,
                printer.id,
            ),
            None,
            (
                (
                    0,
                    "customer",
                    None,
                    f"先日購入したレシートプリンター RP-300（注文番号 {printer.order_ref}）のうち1台が、"
                    "電源を入れてもランプが点滅したまま印刷できません。交換をお願いできますか。",
                ),
                (
                    95,
                    "reply",
                    sato,
                    "山田様\n\nご迷惑をおかけし申し訳ございません。お手数ですが、症状が分かる写真を"
                    "お送りいただけますでしょうか。\n\n東京サポート 佐藤",
                ),
                (1440, "customer", None, "写真を添付します。ランプは赤色で点滅しています。"),
                (
                    180,
                    "reply",
                    sato,
                    "山田様\n\n初期不良として交換品を本日発送いたしました。伝票番号は 4821-3307-5519 "
                    "です。同封の着払い伝票で不良品をご返送ください。\n\n東京サポート 佐藤",
                ),
                (2880, "note", sato, "返送品を受領。倉庫にて初期不良（電源基板）を確認。"),
                (10, "resolved", sato, "初期不良として交換品を発送。不良品の返送を確認済み。"),
                (300, "customer", None, "交換品で問題なく印刷できました。ありがとうございました。"),
            ),
            ("初期不良", "交換"),
        ),
        _Script(
            "colleague",
            Status.CLOSED,
            ticket(
                nakamura,
                Channel.WEB_FORM,
                InquiryType.BILLING,
                Priority.LOW,
                "請求書の再発行依頼",
                at_jst(today - timedelta(days=40), 16, 10),
                suzuki,
            ),
            None,
            (
                (
                    0,
                    "customer",
                    None,
                    "【お問い合わせフォーム】\nお名前: 中村 恵子\n内容:\n先月分の請求書を紛失しました。"
                    "経理部宛てに再発行をお願いします。",
                ),
                (
                    240,
                    "reply",
                    suzuki,
                    "株式会社さくら商事 中村様\n\n請求書を再発行し、PDFをメールでお送りしました。\n\n東京サポート 鈴木",
                ),
                (10, "resolved", suzuki, "請求書を再発行しPDFで送付。"),
                (7 * 1440 + 60, "closed", None, "解決から7日経過のため自動クローズ"),
            ),
        ),
        _Script(
            "duplicate-first",
            Status.CLOSED,
            ticket(
                sasaki,
                Channel.CHAT,
                InquiryType.QUESTION,
                Priority.LOW,
                "CSVインポートのやり方",
                at_jst(today - timedelta(days=100), 20, 45),
                sato,
            ),
            None,
            (
                (0, "customer", None, "スマート家計簿 Proで銀行明細をCSVで取り込む方法を教えてください。"),
                (6, "reply", sato, "佐藤です。「データ連携」→「CSVインポート」から取り込めます。"),
                (4, "customer", None, "できました。ありがとうございます。"),
                (2, "resolved", sato, "操作手順を案内し、お客様自身で完了。"),
                (7 * 1440 + 30, "closed", None, "解決から7日経過のため自動クローズ"),
            ),
        ),
        _Script(
            "duplicate-second",
            Status.NEW,
            ticket(
                sasaki_again,
                Channel.LINE,
                InquiryType.FAULT,
                Priority.NORMAL,
                "ログインできない",
                at_jst(today, 8, 15),
                None,
            ),
            None,
            ((0, "customer", None, "ｽﾏｰﾄ家計簿 Proにログインできません。ﾊﾟｽﾜｰﾄﾞ再設定のメールも届かないです"),),
        ),
    ]


def add_tickets(ctx: DemoContext, maker: TicketMaker, purchases: dict[int, list[PurchaseRef]]) -> list[Header]:
    """Teach the ticket maker the showcase tickets; returns their headers, to be numbered among the rest."""
    headers = []
    for script in _scripts(ctx, maker, purchases):
        values = script.values
        received = values["received_at"]
        assert isinstance(received, datetime)
        channel, priority = Channel(str(values["channel"])), Priority(str(values["priority"]))
        headers.append(Header(received, script.final, 0, channel, priority, script.key))
        maker.showcase[script.key] = partial(_play, ctx, script)
    return headers


def _play(ctx: DemoContext, script: _Script, batch: Batch, ticket_id: int) -> None:
    received = script.values["received_at"]
    assert isinstance(received, datetime)
    thread = Thread(ctx, batch, ticket_id, received)
    assignee = script.values["assignee_id"]
    thread.owner_id = assignee if isinstance(assignee, int) else None
    thread.open_ticket(script.opener.id if script.opener else None)
    for minutes, action, who, body in script.steps:
        thread.wait(minutes * 60)
        actor = who.id if who else None
        if action in _ENTRY_KINDS:
            duration = 12 * 60 if action == "call" else None
            thread.entry(_ENTRY_KINDS[action], actor, body, duration)
        else:
            follow_up = ctx.today if action == "pending" else None  # due today: it shows in today's follow-ups
            thread.transition(Status(action), actor, body, follow_up)
    assert thread.status == script.final, (script.key, thread.status)
    add_tags(batch, ticket_id, list(script.tags))
    finish_ticket(ctx, thread, script.values, script.opener)


_ENTRY_KINDS = {
    "customer": EntryKind.CUSTOMER_MESSAGE,
    "reply": EntryKind.REPLY,
    "call": EntryKind.CALL_LOG,
    "note": EntryKind.INTERNAL_NOTE,
}
