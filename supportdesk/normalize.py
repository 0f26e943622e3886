"""Normalisation of what people type, for matching and duplicate detection.

Every function here is pure. Stored records keep the user's spelling for display; the keys computed here are
what lookups and duplicate checks compare (入力ルール in the domain brief).
"""

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")
# Punctuation that people add or drop freely inside names: dots, middle dots, hyphens, commas, quotes, brackets.
_NAME_NOISE = re.compile(r"[\s・･.,，、。'\"‘’“”`\-‐‑–—―_/()（）\[\]「」『』&＆]+")
_KANA_NOISE = re.compile(r"[\s・･.,，、。'\"\-‐‑–—―_/()（）\[\]]+")

# Company-type markers, matched after NFKC and lower-casing. NFKC already turns ㈱ into (株) and ㈲ into (有).
# Longest first so 特定非営利活動法人 wins over its parts.
_COMPANY_TYPES: tuple[str, ...] = (
    "特定非営利活動法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "株式会社",
    "有限会社",
    "合同会社",
    "合資会社",
    "合名会社",
    "npo法人",
    "(株)",
    "(有)",
    "(同)",
    "(資)",
    "(名)",
    "(社)",
    "(財)",
    "co., ltd.",
    "co.,ltd.",
    "co., ltd",
    "co.,ltd",
    "co. ltd.",
    "inc.",
    "inc",
    "ltd.",
    "ltd",
    "llc",
    "k.k.",
)
_COMPANY_TYPES_KANA: tuple[str, ...] = (
    "カブシキガイシャ",
    "カブシキカイシャ",
    "ユウゲンガイシャ",
    "ユウゲンカイシャ",
    "ゴウドウガイシャ",
    "ゴウドウカイシャ",
    "ゴウシガイシャ",
    "ゴウメイガイシャ",
    "カ)",
    "(カ",
    "ユ)",
    "(ユ",
)
_COMPANY_TYPE_PATTERN = re.compile("|".join(re.escape(t) for t in sorted(_COMPANY_TYPES, key=len, reverse=True)))
_COMPANY_KANA_PATTERN = re.compile("|".join(re.escape(t) for t in sorted(_COMPANY_TYPES_KANA, key=len, reverse=True)))

_HIRAGANA_START, _HIRAGANA_END = 0x3041, 0x3096
_KATAKANA_OFFSET = 0x60


def clean(text: str | None) -> str:
    """NFKC (全角英数 → 半角, 半角カナ → 全角カナ), trimmed, runs of whitespace collapsed to one space."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def optional_clean(text: str | None) -> str | None:
    """Like `clean`, but an empty result is None: optional fields stay empty rather than ''."""
    cleaned = clean(text)
    return cleaned or None


def hiragana_to_katakana(text: str) -> str:
    return "".join(
        chr(ord(ch) + _KATAKANA_OFFSET) if _HIRAGANA_START <= ord(ch) <= _HIRAGANA_END else ch for ch in text
    )


def name_key(text: str | None) -> str:
    """Key for a person's name: NFKC, lower case, no spaces or punctuation (山田 太郎 = 山田太郎)."""
    return _NAME_NOISE.sub("", clean(text).lower())


def company_key(text: str | None) -> str:
    """Key for a company name: the company-type marker removed wherever it stands.

    株式会社ABC商事, ABC商事株式会社, (株)ABC商事, ㈱ＡＢＣ商事 and ABC商事 Co., Ltd. all give "abc商事".
    """
    lowered = clean(text).lower()
    stripped = _COMPANY_TYPE_PATTERN.sub(" ", lowered)
    key = _NAME_NOISE.sub("", stripped)
    # A name that is nothing but a company type keeps its text rather than becoming an empty key.
    return key or _NAME_NOISE.sub("", lowered)


def kana_key(text: str | None) -> str:
    """Key for a kana reading: full-width katakana, hiragana folded to katakana, no spaces or dots.

    The long-vowel mark is kept: サトー and サトウ are different readings a person would type on purpose.
    Company-type readings (カブシキガイシャ, (カ) ...) are removed so a company's reading matches with or without them.
    """
    katakana = hiragana_to_katakana(clean(text))
    stripped = _COMPANY_KANA_PATTERN.sub(" ", katakana)
    return _KANA_NOISE.sub("", stripped)


def phone_key(text: str | None) -> str:
    """Digits only (03-1234-5678, (03)1234-5678, ０３１２３４５６７８ all give 0312345678).

    An international Japanese number (+81 3 1234 5678, 0081...) becomes its domestic form.
    """
    digits = "".join(ch for ch in clean(text) if ch.isdigit())
    if clean(text).startswith("+81") or digits.startswith("0081"):
        digits = "0" + digits.removeprefix("00").removeprefix("81")
    return digits


def email_key(text: str | None) -> str:
    """E-mail for matching: NFKC, no spaces, lower case."""
    return clean(text).replace(" ", "").lower()


def is_kana(text: str) -> bool:
    """True when the text is a kana reading (katakana, hiragana, the long-vowel mark, spaces)."""
    body = clean(text).replace(" ", "")
    return bool(body) and all(("\u3040" <= ch <= "\u30ff") or ch in "ー・" for ch in body)


_PHONEISH = re.compile(r"^[\d\s()+\-‐‑–—―ー.]+$")


@dataclass(frozen=True)
class LookupKeys:
    """What one typed lookup string can mean, each already normalised. Empty means 'not this kind'."""

    text: str
    phone: str = ""
    email: str = ""
    name: str = ""
    kana: str = ""
    company: str = ""


def lookup_keys(query: str | None) -> LookupKeys:
    """Interpret what an agent typed into the caller lookup box."""
    text = clean(query)
    if not text:
        return LookupKeys(text="")
    if _PHONEISH.match(text) and sum(ch.isdigit() for ch in text) >= 2:
        return LookupKeys(text=text, phone=phone_key(text))
    if "@" in text:
        return LookupKeys(text=text, email=email_key(text))
    kana = kana_key(text) if is_kana(text) else ""
    return LookupKeys(text=text, name=name_key(text), kana=kana, company=company_key(text))
