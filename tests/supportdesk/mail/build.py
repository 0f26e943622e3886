"""Simple test messages (UTF-8, as a modern client writes them), built with the standard library."""

from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def mail(
    subject: str = "返品したい",
    body: str = "先週買った商品を返品したいです。",
    *,
    sender: str = "山田 太郎 <taro@example.jp>",
    to: str = "support@desk.example.jp",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    headers: dict[str, str] | None = None,
    files: list[tuple[str, str, bytes]] | None = None,
) -> bytes:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    message["Message-ID"] = message_id or make_msgid(domain="example.jp")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for name, kind, data in files or []:
        maintype, subtype = kind.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()
