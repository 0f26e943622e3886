"""The one rule for text that came from a person or a file (names, subjects, bodies, CSV cells, mail).

Such text is data, never code. Two halves, both here so every path applies the same rule:

**On the way in** (services, import, hand input) the desk keeps what people wrote, with two exceptions that are
refused with `Invalid(field, why)` rather than silently changed:

- control characters: NUL, the C0 controls other than tab and newline (ESC, BEL, backspace, form feed ...), DEL
  and the C1 controls (U+0080–U+009F, which some terminals read as ESC [ ...). Line endings are the one thing
  tidied rather than refused: CR LF and a lone CR become LF, as spreadsheets and mail write them;
- lone surrogates (U+D800–U+DFFF on their own): not characters at all; they cannot be written as UTF-8, so a
  database, a CSV export or a terminal would fail on them later, far from where they came in.

Mail is different: a whole message is not refused for one stray byte, so `scrub` replaces what `check` would
refuse with U+FFFD (the replacement character), visibly.

Bidirectional controls (RLO U+202E and friends) are ordinary characters in Arabic or Hebrew text, so they are
kept on input; on output they are shown as `<U+202E>` so a name cannot reorder what is shown after it.

**On the way out** every string from data is shown with `visible`: the characters above become visible marks
(ESC as ␛, C1 and bidi controls as `<U+009B>`), so no terminal or screen ever acts on them. Screens then hand
the result to Textual as `Text`/`Content` (screens/safe_text.py), never as markup; the CLI writes it through
`cli/output.py`; JSON escapes the same characters as \\uXXXX (`escape_json_text`), which keeps the data exact.
"""

import re

from supportdesk.errors import Invalid
from supportdesk.i18n import Msg, msg
from supportdesk.normalize import NEVER_STORED, clean

# Sizes of free text. The short fields take their limits from the model's column lengths (`column_limit`).
# A help-desk message is a few hundred characters; 100,000 (about 60 printed pages of Japanese) is far beyond any
# real reply or pasted log and small enough that search, snippets and screens stay quick.
MAX_BODY = 100_000
# Notes on a customer or company and a case's resolution: longer than a name, shorter than a thread.
MAX_NOTE = 10_000

_NEWLINES = re.compile(r"\r\n?")
# What input refuses: C0 but tab and newline, DEL, C1, and surrogates (only lone ones can exist in a str).
_REFUSED = NEVER_STORED
# What output makes visible: the refused set plus line/paragraph separators and the bidirectional controls.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SHOWN = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI}]")
_SHOWN_ONE_LINE = re.compile(rf"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI}]")
REPLACEMENT = "\ufffd"


_CONTROL_NAMES = {0: "NUL", 0x07: "BEL", 0x08: "BS", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI"}


def _refusal(ch: str, position: int) -> Msg:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return msg(
            "contains a broken character (lone surrogate {code}) at character {position}; remove it and try again",
            code=f"U+{code:04X}",
            position=position,
        )
    name = _CONTROL_NAMES.get(code)
    return msg(
        "contains a control character ({code}) at character {position}; remove it and try again",
        code=f"U+{code:04X}" + (f" {name}" if name else ""),
        position=position,
    )


def first_refused(text: str) -> tuple[int, str] | None:
    """The position and character of the first character input refuses, or None when the text is fine."""
    found = _REFUSED.search(_NEWLINES.sub("\n", text))
    return (found.start(), found.group()) if found else None


def check(field: str, text: str) -> str:
    """Refuse control characters and lone surrogates (see the module docstring); line endings become LF.

    Returns the text with its line endings tidied and nothing else changed.
    """
    text = _NEWLINES.sub("\n", text)
    found = _REFUSED.search(text)
    if found:
        raise Invalid(field, _refusal(found.group(), found.start() + 1))
    return text


def check_length(field: str, text: str, limit: int) -> str:
    if len(text) > limit:
        raise Invalid(
            field,
            msg(
                "is {length} characters long; at most {limit} are allowed", length=f"{len(text):,}", limit=f"{limit:,}"
            ),
        )
    return text


def check_block(field: str, text: str | None, limit: int = MAX_BODY) -> str:
    """A multi-line text (a message body, a note): checked, trimmed at both ends, at most `limit` characters."""
    return check_length(field, check(field, text or "").strip(), limit)


def check_line(field: str, text: str | None, limit: int) -> str:
    """A one-line value (a name, a subject): checked, tidied by `normalize.clean` (NFKC, spaces), at most `limit`.

    The length is that of the stored (cleaned) form. An empty result is '' (the caller says whether it may be).
    """
    return check_length(field, clean(check(field, text or "")), limit)


def model_text(model: type, column: str, text: str | None, field: str | None = None) -> str | None:
    """A one-line value for `model.column`, by `check_line` with the column's length (MAX_NOTE for TEXT columns).

    Empty becomes None (optional fields stay empty). `field` names it in the error (default: the column name).
    """
    limit = column_limit(model, column) or MAX_NOTE
    return check_line(field or column.replace("_", " "), text, limit) or None


def scrub(text: str) -> str:
    """For text that cannot be refused (a mail from anyone): what `check` refuses becomes U+FFFD, visibly.

    Line endings become LF, as in `check`; tabs and newlines stay.
    """
    return _REFUSED.sub(REPLACEMENT, _NEWLINES.sub("\n", text))


def _mark(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: ␀ ␇ ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str | None, *, one_line: bool = False) -> str:
    """Text from data, safe to show: control, bidi-override and separator characters become visible marks.

    Tab and newline stay (they only lay text out), unless `one_line`, which makes them spaces for a table cell or
    a title. The result holds no character a terminal acts on. Note it is still *text*: Textual must get it as
    `Text`/`Content`, never as a markup string.
    """
    if not text:
        return ""
    if one_line:
        text = text.replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " ")
        return _SHOWN_ONE_LINE.sub(lambda m: _mark(m.group()), text)
    return _SHOWN.sub(lambda m: _mark(m.group()), text)


def marked(one_line: bool = False) -> re.Pattern[str]:
    """The characters `visible` replaces, one at a time (for code that must keep styles around them)."""
    return _SHOWN_ONE_LINE if one_line else _SHOWN


def escape_json_text(json_text: str) -> str:
    """JSON written by `json.dumps(..., ensure_ascii=False)` with the characters `visible` would mark escaped.

    json.dumps escapes C0 controls itself but writes DEL, C1, bidi controls and U+2028/9 raw, and lone surrogates
    raw (which then fail to encode). Outside strings JSON is ASCII, so escaping these is always valid JSON and a
    reader gets the data exactly as stored.
    """
    return _SHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~!#])")


def markdown_literal(text: str | None, *, one_line: bool = False) -> str:
    """Data written into a Markdown document (the case manual) so it reads as the text it is: no link, image,
    HTML, emphasis or heading made of a customer's words. Controls are made visible as by `visible`."""
    return _MARKDOWN.sub(r"\\\1", visible(text, one_line=one_line))


def shorten(text: str | None, limit: int = 40) -> str:
    """A value quoted in a message: visible, on one line, cut to `limit` characters with an ellipsis."""
    shown = visible(text, one_line=True)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def column_limit(model: type, column: str) -> int | None:
    """The length a model gives a text column (None for TEXT), so services enforce what the schema says."""
    table = getattr(model, "__table__", None)
    if table is None:
        return None
    length = getattr(table.c[column].type, "length", None)
    return int(length) if length else None
