"""Cell text to typed values: dates as Excel writes them, yen with separators, yes/no in Japanese, vocabularies.

Each parser raises ValueError with the reason a person should read (a catalog message); the importer reports it
with the row, the column and the cell. Business rules (a name is required, a quantity is at least 1) are not
checked here: they live in the services, shared with hand input.
"""

import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, tzinfo
from enum import StrEnum
from typing import Any

from supportdesk import clock
from supportdesk.i18n import msg
from supportdesk.i18n.catalog import JA_VALUES
from supportdesk.models.enums import (
    AcquisitionChannel,
    Channel,
    CustomerRank,
    EntryKind,
    Gender,
    InquiryType,
    Priority,
    Status,
)
from supportdesk.normalize import clean, login_key

_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:時](\d{2})(?:[:分](\d{2})(?:\.\d+)?秒?)?$")

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "はい", "有", "あり", "可", "○", "〇", "◯", "✓", "済", "同意"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "いいえ", "無", "なし", "不可", "×", "✗", "-", "未", "拒否"})

# Every value is read by its code (web_form), its English (web form) and its Japanese name in the catalog
# (Webフォーム, the desk's own word: supportdesk/i18n/ja_values.py). These are other words people write in
# Japanese sheets for the same values; they are input, not text the desk shows.
SYNONYMS_JA: dict[type[StrEnum], dict[str, str]] = {
    CustomerRank: {"一般": "regular", "通常": "regular", "常連": "regular"},
    AcquisitionChannel: {
        "ウェブ": "web",
        "ホームページ": "web",
        "来店": "store",
        "展示会": "event",
    },
    Gender: {"女": "female", "男": "male", "無回答": "unstated"},
    Channel: {
        "フォーム": "web_form",
        "問い合わせフォーム": "web_form",
        "来店": "in_person",
        "対面": "in_person",
    },
    InquiryType: {
        "問い合わせ": "question",
        "クレーム": "complaint",
        "返品": "return",
        "交換": "return",
        "支払い": "billing",
        "不具合": "fault",
        "故障": "fault",
        "依頼": "request",
    },
    Priority: {"普通": "normal", "通常": "normal"},
    Status: {
        "未対応": "new",
        "回答待ち": "pending",
        "解決済み": "resolved",
        "クローズ": "closed",
    },
    EntryKind: {
        "お客様": "customer_message",
        "受信": "customer_message",
        "回答": "reply",
        "メモ": "internal_note",
        "通話": "call_log",
    },
}


MAX_INTEGER = 10**15 - 1


def japanese_words(kind: type[StrEnum]) -> dict[str, str]:
    """Japanese word → value for one vocabulary: each value's name in the catalog, then the synonyms."""
    words = {JA_VALUES[member.value]: member.value for member in kind if member.value in JA_VALUES}
    return {**words, **SYNONYMS_JA.get(kind, {})}


def text(raw: str) -> str:
    return raw.strip()


def integer(raw: str) -> int:
    """A whole number; 1,234 and full-width digits are fine. Negative numbers parse (the rules refuse them)."""
    body = clean(raw).replace(",", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+(\.0+)?", body):
        raise ValueError(msg("not a whole number"))
    value = int(body.split(".")[0])
    if abs(value) > MAX_INTEGER:
        # Every number a desk stores fits in 15 digits; a longer one is a pasted code or a typo, and would not fit
        # the database's 64-bit integers at all past 19.
        raise ValueError(msg("too large (more than 15 digits)"))
    return value


def yen(raw: str) -> int:
    """Money in whole yen: ¥1,200, 1200円, 1,200 and ￥１２００ all give 1200."""
    body = clean(raw).replace("¥", "").replace("円", "").replace("\\", "").strip()
    try:
        return integer(body)
    except ValueError as exc:
        if exc.args and exc.args[0] == msg("too large (more than 15 digits)"):
            raise
        raise ValueError(msg("not a whole number of yen")) from None


def decimal_minutes(raw: str) -> int:
    """Minutes as people log calls (4.5), to whole seconds."""
    body = clean(raw).replace("分", "").strip()
    try:
        minutes = float(body)
    except ValueError:
        raise ValueError(msg("not a number of minutes")) from None
    if not math.isfinite(minutes) or abs(minutes) > MAX_INTEGER:
        raise ValueError(msg("not a number of minutes"))
    return round(minutes * 60)


def day(raw: str) -> date:
    """2026-06-01, 2026/6/1, 2026.6.1, 2026年6月1日 or 20260601; a time Excel adds (0:00) is ignored."""
    body = clean(raw).split(" ")[0].split("T")[0]
    found = _DATE.match(body) or _COMPACT_DATE.match(body)
    if not found:
        raise ValueError(msg("not a date (write it as 2026-06-01 or 2026/6/1)"))
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise ValueError(msg("no such date")) from None


def moment(raw: str, zone: tzinfo | None = None) -> datetime:
    """A date and time as aware UTC. Without an offset it is on the desk's clock (how people type it)."""
    body = clean(raw)
    try:
        parsed = datetime.fromisoformat(body)
    except ValueError:
        parts = body.replace("T", " ").split(" ", 1)
        when = day(parts[0])
        at = time(0)
        if len(parts) == 2:
            found = _TIME.match(parts[1].strip())
            if not found:
                raise ValueError(msg("not a date and time (write it as 2026-06-01 09:30)")) from None
            try:
                at = time(int(found[1]), int(found[2]), int(found[3] or 0))
            except ValueError:
                raise ValueError(msg("no such time of day")) from None
        parsed = datetime.combine(when, at)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone or clock.desk_zone())
    return parsed.astimezone(UTC)


def yes_no(raw: str) -> bool:
    word = clean(raw).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(msg("not yes or no (はい/いいえ, 1/0, true/false)"))


def vocabulary(kind: type[StrEnum]) -> Callable[[str], StrEnum]:
    """A parser for one vocabulary: the code (web_form), its words (web form) or a Japanese word (Webフォーム)."""
    japanese = {clean(k).lower(): v for k, v in japanese_words(kind).items()}

    def parse(raw: str) -> StrEnum:
        word = clean(raw).lower()
        code = japanese.get(word, word.replace(" ", "_").replace("-", "_"))
        try:
            return kind(code)
        except ValueError:
            choices = ", ".join(str(v) for v in kind)
            raise ValueError(msg("not one of {choices}", choices=choices)) from None

    return parse


def login(raw: str) -> str:
    return login_key(raw)


Parser = Callable[[str], Any]
