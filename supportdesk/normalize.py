"""Normalisation of what people type, for matching and duplicate detection.

Every function here is pure. Stored records keep the user's spelling for display; the keys computed here are
what lookups and duplicate checks compare (入力ルール in the domain brief).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import jaconv

from supportdesk.i18n import Msg, msg
from supportdesk.kanji_variants import spellings

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
)
# English suffixes count only as whole words: the "inc" in Lincoln or the "llc" in Wellcome is part of the name.
_COMPANY_TYPES_LATIN: tuple[str, ...] = (
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
_COMPANY_TYPES_KANA_WORDS: tuple[str, ...] = (
    "カブシキガイシャ",
    "カブシキカイシャ",
    "ユウゲンガイシャ",
    "ユウゲンカイシャ",
    "ゴウドウガイシャ",
    "ゴウドウカイシャ",
    "ゴウシガイシャ",
    "ゴウメイガイシャ",
)
# Bank-transfer (全銀) abbreviations: (ｶ) 株式会社, (ﾕ) 有限会社, (ﾄﾞ) 合同会社, before or after the name.
_COMPANY_TYPES_KANA: tuple[str, ...] = (*_COMPANY_TYPES_KANA_WORDS, "カ)", "(カ", "ユ)", "(ユ", "ド)", "(ド")


def _alternatives(markers: tuple[str, ...], latin: tuple[str, ...] = ()) -> re.Pattern[str]:
    words = [(m, re.escape(m)) for m in markers] + [(m, rf"(?<![a-z0-9]){re.escape(m)}(?![a-z0-9])") for m in latin]
    return re.compile("|".join(rx for _, rx in sorted(words, key=lambda w: len(w[0]), reverse=True)))


# A company's name may be typed in katakana (bank-transfer style), so its kana types count as well.
_COMPANY_TYPE_PATTERN = _alternatives(_COMPANY_TYPES + _COMPANY_TYPES_KANA_WORDS, _COMPANY_TYPES_LATIN)
_COMPANY_KANA_PATTERN = _alternatives(_COMPANY_TYPES_KANA)
_STABLE_ROUNDS = 8

_HIRAGANA_START, _HIRAGANA_END = 0x3041, 0x3096
_KATAKANA_OFFSET = 0x60


def _until_stable(step: Callable[[str], str], text: str | None) -> str:
    # Dropping spaces and dots can join what they separated: a company type someone split (株 式会社), a voiced
    # mark after a bracket. Step again until nothing changes, so a stored key keyed again stays the same key.
    key = step(text or "")
    for _ in range(_STABLE_ROUNDS):
        again = step(key)
        if again == key:
            break
        key = again
    return key


# What no stored text holds: C0 and C1 controls but tab and line feed, and lone surrogates (untrusted.check refuses
# them in everything people enter).
NEVER_STORED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str | None) -> str:
    """NFKC (全角英数 → 半角, 半角カナ → 全角カナ), trimmed, runs of whitespace collapsed to one space."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


MAX_LOGIN = 64
_LOGIN_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def login_key(text: str | None) -> str:
    """A login as the desk compares and stores it: NFKC (ＳＡＴＯ → SATO), lower case, no spaces around.

    The one rule for logins everywhere (creating, signing in, --user, filters, imports), so what a person types in
    full width or capitals finds the account it created.
    """
    return _until_stable(lambda t: unicodedata.normalize("NFKC", t.strip()).lower().strip(), text)


def login_problem(key: str) -> Msg | None:
    """Why `key` (already `login_key`ed) cannot be a login, or None: one word, at most MAX_LOGIN characters."""
    if not key:
        return msg("a login is needed")
    if len(key) > MAX_LOGIN:
        return msg("at most {limit} characters", limit=MAX_LOGIN)
    if _LOGIN_FORBIDDEN.search(key):
        return msg("one word without spaces")
    return None


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
    return _until_stable(lambda t: _NAME_NOISE.sub("", clean(t).lower()), text)


def _company_step(text: str) -> str:
    lowered = clean(text).lower()
    key = _NAME_NOISE.sub("", _COMPANY_TYPE_PATTERN.sub(" ", lowered))
    # A name that is nothing but a company type keeps its text rather than becoming an empty key.
    return key or _NAME_NOISE.sub("", lowered)


def company_key(text: str | None) -> str:
    """Key for a company name: the company-type marker removed wherever it stands.

    株式会社ABC商事, ABC商事株式会社, (株)ABC商事, ㈱ＡＢＣ商事, カブシキガイシャABC商事 and ABC商事 Co., Ltd. all
    give "abc商事".
    """
    return _until_stable(_company_step, text)


def kana_key(text: str | None) -> str:
    """Key for a kana reading: full-width katakana, hiragana folded to katakana, no spaces or dots.

    The long-vowel mark is kept: サトー and サトウ are different readings a person would type on purpose.
    Company-type readings (カブシキガイシャ, (カ) ...) are removed so a company's reading matches with or without them.
    """
    return _until_stable(_kana_step, text)


def _kana_step(text: str) -> str:
    katakana = hiragana_to_katakana(clean(text))
    return _KANA_NOISE.sub("", _COMPANY_KANA_PATTERN.sub(" ", katakana))


def phone_key(text: str | None) -> str:
    """Digits only (03-1234-5678, (03)1234-5678, ０３１２３４５６７８ all give 0312345678).

    An international Japanese number (+81 3 1234 5678, 0081...) becomes its domestic form.
    """
    cleaned = clean(text)
    # Any script's decimal digits count (٠٣ is 03); superscripts and circled numbers are not phone digits.
    digits = "".join(str(unicodedata.decimal(ch)) for ch in cleaned if ch.isdecimal())
    if cleaned.lstrip("( ").startswith("+81") or digits.startswith("0081"):
        # +81 (0)3-1234-5678: the domestic trunk 0 some people keep in brackets must not be doubled.
        digits = "0" + digits.removeprefix("00").removeprefix("81").lstrip("0")
    return digits


PHONE_TAIL_DIGITS = 4


def phone_tail(key: str | None) -> str:
    """The last four digits of a phone key (下4桁), what a caller reads out to be found; '' for short numbers."""
    return key[-PHONE_TAIL_DIGITS:] if key and len(key) > PHONE_TAIL_DIGITS else ""


def email_key(text: str | None) -> str:
    """E-mail for matching: NFKC, no spaces, lower case."""
    return _until_stable(lambda t: clean(t).replace(" ", "").lower(), text)


def is_kana(text: str) -> bool:
    """True when the text is a kana reading (katakana, hiragana, the long-vowel mark, spaces)."""
    body = clean(text).replace(" ", "")
    return bool(body) and all(("\u3040" <= ch <= "\u30ff") or ch in "ー・" for ch in body)


_SMALL_KANA = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")


def bank_kana_key(text: str | None) -> str:
    """A kana key as bank transfers (全銀) write names: small kana written large and no long-vowel marks.

    ｶ)ｻｸﾗｼﾖｳｼﾞ and サクラショウジ give the same key; (ｶ)/ｶ) company marks go as in `kana_key`. Lookups compare
    this key, so a reading typed from a bank statement finds the customer; `kana_key` equality still ranks first.
    """
    return kana_key(text).translate(_SMALL_KANA).replace("ー", "")


def is_kana_reading(text: str) -> bool:
    """True when the text is a kana reading, possibly in bank notation with a company mark ((ｶ)ｻｸﾗ, ｻｸﾗ(ｶ)."""
    katakana = hiragana_to_katakana(clean(text))
    return is_kana(_KANA_NOISE.sub(" ", _COMPANY_KANA_PATTERN.sub(" ", katakana)))


_ROMAJI = re.compile(r"^[a-z][a-z' \-]*$")
# A syllable still being typed: consonants at the end (jaconv would read them as a small ッ).
_UNFINISHED_SYLLABLE = re.compile(r"[bcdfghjklmnpqrstvwxyz' \-]+$")


def romaji_kana(text: str | None) -> str:
    """The kana key of a name typed in romaji (yamada → ヤマダ, satou taro → サトウタロウ); '' when it is not romaji.

    jaconv reads Hepburn and Kunrei spellings alike (shi/si, tsu/tu). A syllable still being typed is dropped
    (yamad → ヤマ), so the lookup narrows as the agent types.
    """
    lowered = clean(text).lower()
    if not _ROMAJI.match(lowered):
        return ""
    kana = jaconv.alphabet2kana(_UNFINISHED_SYLLABLE.sub("", lowered))
    key = kana_key(kana)
    if any("a" <= ch <= "z" for ch in kana) or key.startswith(("ッ", "ン")) or "ッッ" in key:
        return ""  # letters that are no Japanese syllable (smith, xyz): not romaji
    return key


_PHONEISH = re.compile(r"^[\d\s()+\-‐‑–—―ー.]+$")
# What may stand before the @ of an address: typed alone, it is looked up as the start of an e-mail (yamada.t).
_EMAIL_LOCAL = re.compile(r"^[a-z0-9][a-z0-9._%+\-]*$")


@dataclass(frozen=True)
class LookupKeys:
    """What one typed lookup string can mean, each already normalised. Empty means 'not this kind'."""

    text: str
    phone: str = ""
    email: str = ""
    name: str = ""
    kana: str = ""  # compared as `bank_kana_key`; kept strict so an exact reading ranks first
    company: str = ""
    phone_tail: str = ""  # four digits alone: the end of a phone number (下4桁)
    email_local: str = ""  # what may be the part of an e-mail before the @ (yamada.t)
    # `name` and `company` first, then the same with variant kanji swapped (高橋 → 髙橋): kanji_variants.
    names: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()


def lookup_keys(query: str | None) -> LookupKeys:
    """Interpret what an agent typed into the caller lookup box.

    Callers say what they have at hand: a whole or partial phone number, its last four digits, an e-mail or the
    part before the @, a name in kanji, kana or romaji, a company however its type is written, or a reading
    copied from a bank transfer. Characters no stored text holds (controls, lone surrogates) are dropped first: a
    number pasted with a stray NUL still finds its caller, and PostgreSQL is never sent a NUL it refuses.
    """
    text = clean(NEVER_STORED.sub("", query or ""))
    if not text:
        return LookupKeys(text="")
    if _PHONEISH.match(text) and sum(ch.isdigit() for ch in text) >= 2:
        phone = phone_key(text)
        tail = phone if len(phone) == PHONE_TAIL_DIGITS and text.isdigit() else ""
        return LookupKeys(text=text, phone=phone, phone_tail=tail)
    if "@" in text:
        return LookupKeys(text=text, email=email_key(text))
    kana = kana_key(text) if is_kana_reading(text) else romaji_kana(text)
    local = email_key(text) if _EMAIL_LOCAL.match(text.lower()) else ""
    name, company = name_key(text), company_key(text)
    return LookupKeys(
        text=text,
        name=name,
        kana=kana,
        company=company,
        email_local=local,
        names=spellings(name) if name else (),
        companies=spellings(company) if company else (),
    )


# Kana of the o row (after voicing marks are dropped): an ウ after them is a long o, as ー is (トウ = トー = ト).
_LONG_O = re.compile(r"(?<=[オコソトノホモヨロ])ウ")


def kana_fold(text: str | None) -> str:
    """A looser kana key for "similar reading": voicing marks, small kana and long vowels ignored.

    サイトウ, サイトー and ザイトウ fold alike; so do キョウコ and キヨコ. Used to suggest possible duplicates, never to
    match a caller: the strict key is `kana_key`.
    """
    key = kana_key(text)
    if not key:
        return ""
    unvoiced = unicodedata.normalize(
        "NFC", "".join(ch for ch in unicodedata.normalize("NFD", key) if ch not in "\u3099\u309a")
    )
    return _LONG_O.sub("", unvoiced.translate(_SMALL_KANA)).replace("ー", "")
