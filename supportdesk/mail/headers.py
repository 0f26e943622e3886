"""Header values of received mail as text: encoded words, raw 8-bit bytes, addresses and file names.

Headers are read from the message's raw form (`raw_items`), not through `email`'s own decoding, which gives up on
the Windows flavour of ISO-2022-JP and leaves an encoded word inside a quoted parameter undecoded.
"""

import email.utils
import re
from email.header import decode_header
from email.message import Message
from urllib.parse import unquote_to_bytes

from supportdesk.mail.charsets import decode
from supportdesk.mail.text import mail_text

_FOLD = re.compile(r"\r?\n[ \t]*")
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_SPACES = re.compile(r"[ \t\r\n]+")  # ASCII runs only: an ideographic space (U+3000) is the sender's


def _raw_bytes(text: str) -> bytes:
    # `email` keeps undecodable 8-bit header bytes as surrogate escapes; this gets the bytes back.
    return text.encode("ascii", "surrogateescape") if not text.isascii() else text.encode("ascii")


def _chunk_text(chunk: bytes | str, charset: str | None) -> str:
    if isinstance(chunk, str):
        chunk = _raw_bytes(chunk)
    label = (charset or "").split("*", 1)[0]  # RFC 2231 adds a language: ISO-2022-JP*ja
    decoded = decode(chunk, label or None)
    if decoded is None:
        return chunk.decode("ascii", "ignore")
    return decoded.text


def decode_words(value: str) -> str:
    """An unstructured header value (Subject, a display name, a file name) as one line of text."""
    value = _FOLD.sub(" ", value)
    if _ENCODED_WORD.search(value):
        try:
            parts = decode_header(value)
        except Exception:  # email raises several kinds on broken words; show them as written
            parts = [(value, None)]
    else:
        parts = [(value, None)]
    text = "".join(_chunk_text(chunk, charset) for chunk, charset in parts)
    return _SPACES.sub(" ", mail_text(text)).strip()


def raw_header(message: Message, name: str) -> str | None:
    """The first `name` header as it was written (folded lines joined), or None."""
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            return str(value)
    return None


def raw_headers(message: Message, name: str) -> list[str]:
    wanted = name.lower()
    return [str(value) for key, value in message.raw_items() if key.lower() == wanted]


def header_text(message: Message, name: str) -> str:
    raw = raw_header(message, name)
    return decode_words(raw) if raw is not None else ""


def addresses(message: Message, *names: str) -> list[tuple[str, str]]:
    """(display name, address) pairs of the given address headers; names decoded, addresses lower-cased."""
    values = [_FOLD.sub(" ", v) for name in names for v in raw_headers(message, name)]
    # Parse before decoding: a decoded name may hold commas or angle brackets that would split the address.
    found = []
    for display, address in email.utils.getaddresses(values):
        address = address.strip()
        if "@" not in address:
            continue
        found.append((decode_words(display), address.lower()))
    return found


def message_ids(value: str | None) -> list[str]:
    """Message-IDs in a Message-ID, In-Reply-To or References value, in order, without angle brackets."""
    if not value:
        return []
    ids = re.findall(r"<([^<>\s]+)>", value)
    if not ids and value.strip():
        ids = [token for token in value.split() if "@" in token]
    return list(dict.fromkeys(ids))


def filename(part: Message) -> str | None:
    """The attachment name: RFC 2231 (filename*=), an encoded word in quotes, or raw 8-bit bytes."""
    for param, header in (("filename", "content-disposition"), ("name", "content-type")):
        raw = raw_header(part, header)
        if raw is None:
            continue
        # A compat32 Message parses parameters from the raw value (policy.default would have decoded it first).
        holder = Message()
        holder[header] = _FOLD.sub(" ", raw)
        value = holder.get_param(param, header=header)
        if value is None:
            continue
        if isinstance(value, tuple):  # RFC 2231: (charset, language, percent-decoded as Latin-1)
            charset, _language, text = value
            data = text.encode("latin-1", "surrogateescape") if "%" not in text else unquote_to_bytes(text)
            decoded = decode(data, charset or None)
            name = decoded.text if decoded else data.decode("ascii", "ignore")
            return _SPACES.sub(" ", mail_text(name)).strip() or None
        name = email.utils.unquote(str(value))
        return decode_words(name) or None
    return None
