"""One person's personal values in every form they are written, and their removal from text (for erasure).

Pure: no database. Built from what the desk holds about the person (names, readings, e-mails, phones, postal code,
address, external references, birth date); `scrub` replaces each of them wherever it stands, whatever the width,
script or separators: 山田 太郎 / 山田太郎 / 山田様 / ﾔﾏﾀﾞ / やまだ / Yamada, 03-1234-5678 / ０３（１２３４）５６７８ /
+81 3 1234 5678 / 〇三一二三四五六七八, taro@… / ＴＡＲＯ＠…, 髙橋 / 高橋. Trainers' masking (services/masking.py)
guesses at people it does not know; this removes the values of one person it does know, everywhere.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import jaconv

from supportdesk.normalize import clean, hiragana_to_katakana

NAME = "〇〇"
PHONE = "[電話番号]"
EMAIL = "[メール]"
ADDRESS = "[住所]"
POSTAL = "[郵便番号]"
OTHER = "[削除済み]"

# Variant kanji people and mail clients write for one another (itaiji): folded alike, so 髙橋 erases 高橋.
_ITAIJI = str.maketrans(
    "髙﨑邊邉齋齊澤濱德櫻廣國眞瀨槇嶋峯冨巖龍靜惠穗濵嵜埼隆顯寬淸曻琢祐禎藏條戶敎",
    "高崎辺辺斎斉沢浜徳桜広国真瀬槙島峰富巌竜静恵穂浜崎崎隆顕寛清昇琢祐禎蔵条戸教",
)
# Dropped when comparing: spaces and the marks people add or leave out inside names, mail addresses and codes.
_DROPPED = frozenset(" \t\r\n\u3000・･'’`\"-‐‑–—―－−.,，、_")
_VOICING = frozenset("\u3099\u309a")
# A one-character family or given name (林, 呉, 一) is only taken as the person's name before an honorific:
# alone it is an ordinary word far too often.
_HONORIFICS = tuple(
    hiragana_to_katakana(h) for h in ("様", "さま", "さん", "殿", "どの", "くん", "君", "ちゃん", "氏", "先生")
)
_KANJI_DIGITS = dict(zip("〇一二三四五六七八九", "0123456789", strict=True))
_DIGIT_SEPARATORS = frozenset(" \t\u3000-‐‑–—―ー－−.．()（）/／・")


def _fold_char(ch: str) -> str:
    folded = hiragana_to_katakana(unicodedata.normalize("NFKC", ch).lower()).translate(_ITAIJI)
    return "".join(c for c in folded if c not in _DROPPED)


def fold(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text as compared, and for each compared character the span of `text` it came from."""
    out: list[str] = []
    origin: list[tuple[int, int]] = []
    for index, ch in enumerate(text):
        for c in _fold_char(ch):
            if c in _VOICING and out:
                # A half-width voiced mark (ｶﾞ) is a separate character: join it to the kana before it.
                out[-1] = unicodedata.normalize("NFC", out[-1] + c)
                origin[-1] = (origin[-1][0], index + 1)
                continue
            out.append(c)
            origin.append((index, index + 1))
    return "".join(out), origin


def _folded(value: str) -> str:
    return fold(value)[0]


def _digits(value: str | None) -> str:
    return "".join(ch for ch in (unicodedata.normalize("NFKC", value or "")) if ch.isdigit())


def _romaji(kana: str) -> set[str]:
    """Romaji a person might write for a reading: Hepburn from jaconv, with long vowels written short too."""
    base = jaconv.kata2alphabet(hiragana_to_katakana(kana)).lower()
    forms = {base, base.replace("ou", "o").replace("uu", "u"), base.replace("ou", "oh")}
    return {f for f in forms if f and all("a" <= c <= "z" for c in f)}


@dataclass
class PersonalValues:
    """The values to remove, folded for comparison, each with the token that replaces it."""

    texts: dict[str, str] = field(default_factory=dict)  # folded value -> token
    short_names: set[str] = field(default_factory=set)  # one-character names, folded: only before an honorific
    digit_runs: dict[str, str] = field(default_factory=dict)  # phone / postal digits -> token
    # Forms as people store them (for a database prefilter: LIKE cannot fold widths or scripts).
    surfaces: set[str] = field(default_factory=set)

    def add_text(self, value: str | None, token: str, *, min_length: int = 2) -> None:
        folded = _folded(value or "")
        if len(folded) >= min_length:
            self.texts.setdefault(folded, token)
            self.surfaces.update(v for v in (value, clean(value), jaconv.kata2hira(clean(value))) if v)

    def add_name(self, full: str | None, *, parts: bool = True) -> None:
        """A name, with or without spaces; with `parts`, the family and given names alone too."""
        cleaned = clean(full)
        if not cleaned:
            return
        self.add_text(cleaned, NAME)
        self.add_text(cleaned.replace(" ", ""), NAME)
        for part in cleaned.split(" ") if parts and " " in cleaned else ():
            folded = _folded(part)
            if len(folded) == 1:
                self.short_names.add(folded)
            else:
                self.add_text(part, NAME)

    def add_reading(self, reading: str | None, *, parts: bool = True) -> None:
        """A kana reading in either script and width, as romaji too; with `parts`, family and given alone too."""
        cleaned = clean(reading)
        if not cleaned:
            return
        for part in [cleaned, *cleaned.split(" ")] if parts else [cleaned]:
            kana = hiragana_to_katakana(part.replace(" ", ""))
            self.add_text(kana, NAME)
            self.surfaces.add(jaconv.z2h(kana, kana=True, ascii=False, digit=False))
            # サトウ is also written サトー.
            self.add_text(re.sub(r"(?<=[オコソトノホモヨロゴゾドボポ])ウ", "ー", kana), NAME)
            for romaji in _romaji(kana):
                self.add_text(romaji, NAME, min_length=3)
        words = [w for w in cleaned.split(" ") if w]
        if len(words) == 2:  # Taro Yamada as well as Yamada Taro
            for given in _romaji(words[1]):
                for family in _romaji(words[0]):
                    self.add_text(given + family, NAME, min_length=3)

    def add_email(self, email: str | None, *, local_part: bool = True) -> None:
        self.add_text(email, EMAIL)
        if local_part:
            self.add_text((clean(email) or "").split("@")[0], EMAIL, min_length=4)

    def add_phone(self, phone: str | None) -> None:
        digits = _digits(phone)
        if len(digits) >= 6:
            self.surfaces.update(v for v in (phone, clean(phone), digits) if v)
            self.digit_runs.setdefault(digits, PHONE)
            if digits.startswith("0"):
                self.digit_runs.setdefault("81" + digits[1:], PHONE)  # +81 3-1234-5678

    def add_postal_code(self, postal: str | None) -> None:
        digits = _digits(postal)
        if len(digits) == 7:
            self.surfaces.update(v for v in (postal, clean(postal), digits) if v)
            self.digit_runs.setdefault(digits, POSTAL)

    def add_address(self, address: str | None, *, chunks: bool = True) -> None:
        cleaned = clean(address)
        self.add_text(cleaned, ADDRESS)
        for chunk in cleaned.split(" ") if chunks else ():
            self.add_text(chunk, ADDRESS, min_length=4)

    def add_birth_date(self, born: date | None) -> None:
        if born is not None:
            for text in (born.isoformat(), f"{born:%Y/%m/%d}", f"{born.year}年{born.month}月{born.day}日"):
                self.add_text(text, OTHER)

    @property
    def empty(self) -> bool:
        return not (self.texts or self.short_names or self.digit_runs)

    def scrub(self, text: str | None) -> str | None:
        """`text` with every value replaced by its token (None stays None)."""
        if not text or self.empty:
            return text
        spans = self._text_spans(text) + self._digit_spans(text)
        if not spans:
            return text
        out: list[str] = []
        at = 0
        for start, end, token in _merged(spans):
            out.append(text[at:start])
            out.append(token)
            at = end
        out.append(text[at:])
        return "".join(out)

    def found_in(self, text: str | None) -> bool:
        return bool(text) and self.scrub(text) != text

    def _text_spans(self, text: str) -> list[tuple[int, int, str]]:
        folded, origin = fold(text)
        spans: list[tuple[int, int, str]] = []
        for value, token in sorted(self.texts.items(), key=lambda item: -len(item[0])):
            start = folded.find(value)
            while start >= 0:
                end = start + len(value)
                spans.append((origin[start][0], origin[end - 1][1], token))
                start = folded.find(value, end)
        for name in self.short_names:
            start = folded.find(name)
            while start >= 0:
                if folded.startswith(_HONORIFICS, start + 1):
                    spans.append((*origin[start], NAME))
                start = folded.find(name, start + 1)
        return spans

    def _digit_spans(self, text: str) -> list[tuple[int, int, str]]:
        if not self.digit_runs:
            return []
        spans: list[tuple[int, int, str]] = []
        for run, where in _digit_runs_of(text):
            for digits, token in self.digit_runs.items():
                start = run.find(digits)
                while start >= 0:
                    first = where[start]
                    if first > 0 and text[first - 1] in "+＋":  # +81 …: the plus belongs to the number
                        first -= 1
                    spans.append((first, where[start + len(digits) - 1] + 1, token))
                    start = run.find(digits, start + 1)
        return spans


def _digit_runs_of(text: str) -> list[tuple[str, list[int]]]:
    """Runs of digits (any width, kanji digits too) with separators between them ignored."""
    runs: list[tuple[str, list[int]]] = []
    digits: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        digit = _KANJI_DIGITS.get(ch)
        if digit is None and ch.isdecimal():
            digit = str(unicodedata.decimal(ch))
        if digit is not None:
            digits.append(digit)
            where.append(index)
        elif ch in _DIGIT_SEPARATORS or (ch in "+＋" and not digits):
            continue
        elif digits:
            runs.append(("".join(digits), where))
            digits, where = [], []
    if digits:
        runs.append(("".join(digits), where))
    return runs


def _merged(spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    # Longest first where two start together: the whole e-mail, not the name inside it.
    for start, end, token in sorted(spans, key=lambda span: (span[0], -span[1])):
        if merged and start < merged[-1][1]:
            last_start, last_end, last_token = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_token)
        else:
            merged.append((start, end, token))
    return merged
