"""Is a message from a person, an automatic reply, or a bounce? Decided by headers, never by the wording.

Automatic replies (out of office, 自動応答, ticket systems, lists) and bounces never open a ticket or create a
customer, and never get an automatic answer: two desks answering each other's acknowledgements is a mail loop.
"""

import email.utils
import re
from email.message import Message
from enum import StrEnum

from supportdesk.mail.headers import decode_words, message_ids, raw_header, raw_headers


class Kind(StrEnum):
    PERSON = "person"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"


_DAEMONS = ("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon")
_AUTO_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
_STATUS = re.compile(r"^\s*(Diagnostic-Code|Status|Action)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def is_automatic(message: Message) -> bool:
    """RFC 3834 Auto-Submitted, the X-Autoreply family, Precedence bulk/list/junk, or a null return path."""
    auto = (raw_header(message, "auto-submitted") or "").strip().lower()
    if auto and not auto.startswith("no"):
        return True
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder", "x-auto-reply"):
        value = (raw_header(message, name) or "").strip().lower()
        if value and value not in ("no", "false", "0"):
            return True
    if (raw_header(message, "precedence") or "").strip().lower() in _AUTO_PRECEDENCE:
        return True
    if (raw_header(message, "x-precedence") or "").strip().lower() in _AUTO_PRECEDENCE:
        return True
    return (raw_header(message, "return-path") or "").strip() == "<>"


def _from_daemon(address: str) -> bool:
    return address.split("@", 1)[0].lower() in _DAEMONS


def _bounce_details(message: Message) -> tuple[tuple[str, ...], str]:
    """The Message-IDs of the returned mail and the server's reason, from a DSN or the returned headers."""
    ids: list[str] = []
    reasons: list[str] = []
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            payload = part.get_payload()
            blocks = payload if isinstance(payload, list) else []
            text = "\n".join(str(block) for block in blocks) or str(payload)
            found = {m.group(1).lower(): m.group(2).strip() for m in _STATUS.finditer(text)}
            reason = found.get("diagnostic-code") or found.get("status") or ""
            if reason:
                reasons.append(decode_words(reason))
        elif kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                ids += message_ids(raw_header(inner[0], "message-id"))
            else:
                text = inner if isinstance(inner, str) else ""
                ids += [m for line in text.splitlines() if line.lower().startswith("message-id:")
                        for m in message_ids(line.split(":", 1)[1])]  # fmt: skip
    # Plain-text bounces (some Japanese carriers) quote the headers inline; their In-Reply-To may name it too.
    ids += message_ids(raw_header(message, "in-reply-to"))
    ids += message_ids(" ".join(raw_headers(message, "references")))
    return tuple(dict.fromkeys(ids)), "; ".join(dict.fromkeys(reasons))


def classify(message: Message, from_address: str) -> tuple[Kind, tuple[str, ...], str]:
    """(kind, returned Message-IDs, reason); the last two only for a bounce."""
    kind = message.get_content_type()
    report = kind == "multipart/report" and (message.get_param("report-type") or "") in (
        "delivery-status",
        "disposition-notification",
    )
    if report and str(message.get_param("report-type")) == "disposition-notification":
        return Kind.AUTO_REPLY, (), ""  # a read receipt: automatic, not a failure
    if report or _from_daemon(from_address) or _from_daemon(_return_path(message)):
        ids, reason = _bounce_details(message)
        return Kind.BOUNCE, ids, reason
    if is_automatic(message):
        return Kind.AUTO_REPLY, (), ""
    return Kind.PERSON, (), ""


def _return_path(message: Message) -> str:
    raw = raw_header(message, "return-path") or ""
    return email.utils.parseaddr(raw)[1]
