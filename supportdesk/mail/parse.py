"""One received message, from its bytes to what the desk keeps: sender, subject, thread ids, text, attachments.

Pure: no database, no network. `parse_message` never raises on a malformed message; whatever cannot be read as
text is kept as an attachment and flagged, so nothing a customer sent is lost and nothing shown is mojibake.
"""

import email
import email.utils
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.policy import EmailPolicy
from typing import Any

from supportdesk.mail.charsets import decode
from supportdesk.mail.classify import Kind, classify
from supportdesk.mail.headers import addresses, filename, header_text, message_ids, raw_header
from supportdesk.mail.text import mail_text


class _TolerantPolicy(EmailPolicy):
    """policy.default, except that a header `email` cannot parse is handed back as written.

    `email` decodes RFC 2231 parameters with Python's codecs when a header is read: an ISO-2022-JP file name
    holding ① raises UnicodeDecodeError from `get_content_disposition()`. Given the raw string instead, the
    Message methods still work, and `headers.filename` decodes the name the way the sender's client meant it.
    """

    def header_fetch_parse(self, name: str, value: str) -> Any:  # a str or a header object, as email's own
        try:
            return super().header_fetch_parse(name, value)
        except (UnicodeError, LookupError, ValueError, TypeError, IndexError):
            return "".join(value.splitlines())


READ_POLICY = _TolerantPolicy()


@dataclass(frozen=True)
class Part:
    """A file that came with the message (or a text part that could not be read, `undecodable`)."""

    name: str
    content_type: str
    data: bytes
    inline: bool = False
    undecodable: bool = False


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    subject: str
    from_name: str
    from_address: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    date: datetime | None
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    text: str
    from_html: bool
    attachments: tuple[Part, ...]
    kind: Kind
    # Every text part read under its own label (or an unlabelled one read plainly as ASCII/UTF-8).
    exact: bool = True
    bounced_ids: tuple[str, ...] = ()  # for a bounce: the Message-IDs of the mail it returns
    bounce_reason: str = ""
    raw_size: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def thread_ids(self) -> tuple[str, ...]:
        """Ids this message answers, nearest first (In-Reply-To, then References from newest to oldest)."""
        return tuple(dict.fromkeys([*self.in_reply_to, *reversed(self.references)]))


def _date(message: Message) -> datetime | None:
    raw = raw_header(message, "date")
    if not raw:
        return None
    # Zone names Python does not know, written by Japanese servers and old clients.
    value = re.sub(r"\s(JST|Japan)\s*$", " +0900", raw.strip())
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)  # RFC 5322 -0000: the time is UTC, the zone unknown
    return parsed.astimezone(UTC)


def _is_attachment(part: Message) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    return disposition == "attachment" or filename(part) is not None


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # a broken transfer encoding: keep what is there
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


@dataclass
class _Walk:
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    files: list[Part] = field(default_factory=list)
    exact: bool = True
    notes: list[str] = field(default_factory=list)

    def read_text(self, part: Message, index: int) -> str | None:
        data = _payload(part)
        decoded = decode(data, part.get_content_charset())
        if decoded is None:
            kind = part.get_content_type()
            name = f"part-{index}" + (mimetypes.guess_extension(kind) or ".txt")
            self.files.append(Part(name, kind, data, undecodable=True))
            self.notes.append("undecodable-part")
            self.exact = False
            return None
        if decoded.guessed and part.get_content_charset() is not None:
            self.exact = False  # read, but not as the label said
        text = mail_text(decoded.text.removeprefix("\ufeff"))
        if str(part.get_param("format") or "").lower() == "flowed":
            text = unflow(text, delsp=str(part.get_param("delsp") or "").lower() == "yes")
        return text


def _walk(part: Message, walk: _Walk, counter: list[int]) -> None:
    counter[0] += 1
    index = counter[0]
    kind = part.get_content_type()
    if part.is_multipart():
        payload = part.get_payload()
        children = [c for c in payload if isinstance(c, Message)] if isinstance(payload, list) else []
        if kind == "multipart/alternative":
            # The plain text the sender wrote, when there is one; HTML only when it is all there is.
            plain = [c for c in children if c.get_content_type() == "text/plain" and not _is_attachment(c)]
            if plain:
                trial = _Walk()
                _walk(plain[0], trial, [counter[0]])
                if any(t.strip() for t in trial.texts):
                    _walk(plain[0], walk, counter)
                    return
            # No plain text, or an empty one beside the HTML (some webmail): the last part, the richest.
            for child in children[-1:]:
                _walk(child, walk, counter)
            return
        for child in children:
            _walk(child, walk, counter)
        return
    if kind == "message/rfc822" or kind.startswith("message/"):
        name = filename(part) or f"message-{index}.eml"
        inner = part.get_payload()
        data = inner[0].as_bytes() if isinstance(inner, list) and inner and isinstance(inner[0], Message) else b""
        data = data or _payload(part)
        walk.files.append(Part(name, kind, data))
        return
    if kind in ("text/plain", "text/html") and not _is_attachment(part):
        text = walk.read_text(part, index)
        if text is not None:
            (walk.texts if kind == "text/plain" else walk.htmls).append(text)
        return
    name = filename(part) or f"attachment-{index}" + (mimetypes.guess_extension(kind) or ".bin")
    inline = (part.get_content_disposition() or "") == "inline" or part.get("Content-ID") is not None
    walk.files.append(Part(name, kind, _payload(part), inline=inline))


def unflow(text: str, *, delsp: bool) -> str:
    """RFC 3676 format=flowed: a line ending in a space continues on the next (the signature line excepted)."""
    out: list[str] = []
    carry = ""
    for line in text.split("\n"):
        if line.startswith(" "):
            line = line[1:]  # space-stuffing
        if line.endswith(" ") and line != "-- ":
            carry += line[:-1] if delsp else line
            continue
        out.append(carry + line)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


def html_to_text(html: str) -> str:
    """HTML mail as readable text (inscriptis: block layout, tables, lists; scripts and styles dropped)."""
    from inscriptis import get_text  # type: ignore[import-untyped]  # lazily: lxml is slow to import

    try:
        text = get_text(html)
    except Exception:  # lxml refuses some broken documents; their text is still there
        return html
    lines = [line.replace("\u00a0", " ").rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def parse_message(raw: bytes) -> ParsedMail:
    """Read one message as received (RFC 5322 bytes)."""
    message = email.message_from_bytes(raw, policy=READ_POLICY)
    assert isinstance(message, EmailMessage)
    walk = _Walk()
    _walk(message, walk, [0])
    from_html = not walk.texts and bool(walk.htmls)
    if walk.texts:
        text = "\n\n".join(t.strip("\n") for t in walk.texts if t.strip())
    else:
        text = "\n\n".join(html_to_text(h) for h in walk.htmls)
    senders = addresses(message, "from") or addresses(message, "sender") or addresses(message, "return-path")
    from_name, from_address = senders[0] if senders else ("", "")
    ids = message_ids(raw_header(message, "message-id"))
    kind, bounced, reason = classify(message, from_address)
    return ParsedMail(
        message_id=ids[0] if ids else "",
        subject=header_text(message, "subject"),
        from_name=from_name,
        from_address=from_address,
        to=tuple(a for _n, a in addresses(message, "to")),
        cc=tuple(a for _n, a in addresses(message, "cc")),
        date=_date(message),
        in_reply_to=tuple(message_ids(raw_header(message, "in-reply-to"))),
        references=tuple(message_ids(raw_header(message, "references"))),
        text=text.strip("\n"),
        from_html=from_html,
        attachments=tuple(walk.files),
        kind=kind,
        exact=walk.exact,
        bounced_ids=bounced,
        bounce_reason=reason,
        raw_size=len(raw),
        notes=tuple(walk.notes),
    )
