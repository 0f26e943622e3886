"""The bytes of a mail the desk sends: headers for threading, the quoted last message, the team's signature.

UTF-8 by default. ISO-2022-JP (config `charset`) for customers on old mobile mailers, written as Windows writes it
so ① and 髙 survive; a text with characters ISO-2022-JP cannot hold (emoji) goes out as UTF-8 instead of losing
them. Built with the compat32 `email.mime` classes because the encoding of every header and part is chosen here.
"""

import base64
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.charset import BASE64, Charset
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, make_msgid

from supportdesk.mail.charsets import encode_cp50220

# Encoded words are at most 75 characters; 10 characters of JIS text is 20 bytes + escapes, 36 in base64.
_JIS_WORD_CHARS = 10
_MAX_REFERENCES = 20


@dataclass(frozen=True)
class Outgoing:
    from_address: str
    from_name: str
    to: tuple[str, ...]
    subject: str
    body: str
    date: datetime
    message_id: str = ""  # without angle brackets; made from the desk's domain when empty
    in_reply_to: str = ""
    references: tuple[str, ...] = ()
    automatic: bool = False
    charset: str = "utf-8"
    ticket: int | None = None
    files: tuple[tuple[str, str, bytes], ...] = field(default_factory=tuple)  # (name, content type, bytes)


def new_message_id(address: str) -> str:
    domain = address.rsplit("@", 1)[-1] or "supportdesk.invalid"
    return make_msgid(domain=domain).strip("<>")


def _jis_words(text: str) -> str:
    """ISO-2022-JP encoded words, each a complete escape sequence (never a character cut between two words)."""
    words = []
    for start in range(0, len(text), _JIS_WORD_CHARS):
        data = encode_cp50220(text[start : start + _JIS_WORD_CHARS])
        words.append(f"=?ISO-2022-JP?B?{base64.b64encode(data).decode()}?=")
    return "\r\n ".join(words)


def _header(text: str, jis: bool) -> str | Header:
    if text.isascii():
        return text
    return _jis_words(text) if jis else Header(text, "utf-8")


def _address(name: str, address: str, jis: bool) -> str:
    if not name:
        return address
    if name.isascii():
        return formataddr((name, address))
    encoded = _jis_words(name) if jis else Header(name, "utf-8").encode()
    return f"{encoded} <{address}>"


def _fits_jis(text: str) -> bool:
    try:
        encode_cp50220(text)
    except UnicodeEncodeError:
        return False
    return True


def _text_part(body: str, jis: bool) -> MIMENonMultipart:
    if jis:
        part = MIMENonMultipart("text", "plain", charset="ISO-2022-JP")
        part.set_payload(encode_cp50220(body.replace("\n", "\r\n")).decode("ascii"))
        part["Content-Transfer-Encoding"] = "7bit"
        return part
    charset = Charset("utf-8")
    charset.body_encoding = BASE64
    return MIMEText(body, "plain", charset)  # type: ignore[arg-type]


def _file_part(name: str, content_type: str, data: bytes) -> MIMENonMultipart:
    maintype, _slash, subtype = (content_type or "application/octet-stream").partition("/")
    if maintype == "application" or not subtype:
        part: MIMENonMultipart = MIMEApplication(data, subtype or "octet-stream")
    else:
        part = MIMENonMultipart(maintype, subtype)
        part.set_payload(base64.b64encode(data).decode("ascii"))
        part["Content-Transfer-Encoding"] = "base64"
    # RFC 2231 (filename*=UTF-8''…) for non-ASCII names: what current clients read and write.
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name) if not name.isascii() else name)
    return part


def compose(mail: Outgoing) -> tuple[str, bytes]:
    """(Message-ID, the message as bytes with CRLF line ends)."""
    message_id = mail.message_id or new_message_id(mail.from_address)
    whole = "\n".join([mail.subject, mail.from_name, mail.body])
    jis = mail.charset.lower() == "iso-2022-jp" and _fits_jis(whole)
    text = _text_part(mail.body, jis)
    if mail.files:
        message: MIMENonMultipart | MIMEMultipart = MIMEMultipart("mixed")
        message.attach(text)
        for name, content_type, data in mail.files:
            message.attach(_file_part(name, content_type, data))
    else:
        message = text
    message["From"] = _address(mail.from_name, mail.from_address, jis)
    message["To"] = ", ".join(mail.to)
    message["Subject"] = _header(mail.subject, jis)  # type: ignore[assignment]
    message["Date"] = format_datetime(mail.date)
    message["Message-ID"] = f"<{message_id}>"
    if mail.in_reply_to:
        message["In-Reply-To"] = f"<{mail.in_reply_to}>"
    references = [*mail.references[-(_MAX_REFERENCES - 1) :]]
    if mail.in_reply_to and mail.in_reply_to not in references:
        references.append(mail.in_reply_to)
    if references:
        message["References"] = " ".join(f"<{r}>" for r in references)
    if mail.automatic:
        # RFC 3834: other robots must not answer this one (the other half of the loop guard).
        message["Auto-Submitted"] = "auto-replied"
        message["X-Auto-Response-Suppress"] = "All"
    if mail.ticket is not None:
        message["X-SupportDesk-Ticket"] = str(mail.ticket)
    raw = message.as_bytes()
    return message_id, re.sub(rb"(?<!\r)\n", b"\r\n", raw)


def quoted(text: str, when: str, who: str) -> str:
    """The customer's last message below a reply, as mailers quote it."""
    lines = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    return f"{when} {who}:\n{lines}"
