"""Ways people actually write things: half-width kana, full-width digits, phone numbers in every format.

The demo writes these on purpose so that normalisation, lookup and full-text search have real work to do.
"""

import random
import unicodedata


def _build_halfwidth_map() -> dict[str, str]:
    """Full-width katakana → half-width, derived from NFKC so it is exactly the inverse the desk applies."""
    table: dict[str, str] = {}
    for code in range(0xFF61, 0xFFA0):
        half = chr(code)
        full = unicodedata.normalize("NFKC", half)
        if len(full) == 1 and full not in table:
            table[full] = half
    # Voiced and semi-voiced kana are two half-width characters (ｶﾞ = ガ).
    for base_half in [chr(c) for c in range(0xFF66, 0xFF9E)]:
        for mark in ("\uff9e", "\uff9f"):
            composed = unicodedata.normalize("NFKC", base_half + mark)
            if len(composed) == 1:
                table.setdefault(composed, base_half + mark)
    table["ヴ"] = "ｳﾞ"
    table["\u3000"] = " "
    return table


_HALF_KANA = _build_halfwidth_map()
_FULL_ASCII = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
_FULL_ASCII[" "] = "\u3000"


def to_halfwidth_kana(text: str) -> str:
    """ヤマダ タロウ → ﾔﾏﾀﾞ ﾀﾛｳ (other characters unchanged)."""
    return "".join(_HALF_KANA.get(ch, ch) if "\u30a0" <= ch <= "\u30ff" or ch == "\u3000" else ch for ch in text)


def to_fullwidth_ascii(text: str) -> str:
    """ID: abc-123 → ＩＤ：ａｂｃ－１２３, as typed with the IME left in full-width mode."""
    return "".join(_FULL_ASCII.get(ch, ch) for ch in text)


def fullwidth_digits(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "0" <= ch <= "9" else ch for ch in text)


def landline(rng: random.Random, area_code: str) -> str:
    """Ten digits starting with the area code, e.g. 0312345678."""
    return area_code + "".join(str(rng.randrange(10)) for _ in range(10 - len(area_code)))


def mobile_number(rng: random.Random) -> str:
    return rng.choice(("090", "080", "070")) + "".join(str(rng.randrange(10)) for _ in range(8))


def split_phone(digits: str, area_len: int) -> tuple[str, str, str]:
    """Area code, exchange and line: 03|1234|5678, 045|123|4567, 090|1234|5678."""
    if digits.startswith(("090", "080", "070")):
        return digits[:3], digits[3:7], digits[7:]
    return digits[:area_len], digits[area_len:6], digits[6:]


def format_phone(rng: random.Random, digits: str, area_len: int, *, plain_share: float = 1.0) -> str:
    """A display form of a phone number as people write it; most with hyphens, some in odd formats.

    `plain_share` scales the odd formats down for companies, whose main number is usually written neatly.
    """
    a, b, c = split_phone(digits, area_len)
    roll = rng.random() / plain_share
    if roll < 0.62 or roll >= 1.0:
        return f"{a}-{b}-{c}"
    if roll < 0.76:
        return digits
    if roll < 0.84:
        return f"({a}){b}-{c}"
    if roll < 0.89:
        return f"{a} {b} {c}"
    if roll < 0.95:
        return to_fullwidth_ascii(f"{a}-{b}-{c}")
    return f"+81 {a[1:]}-{b}-{c}"


def postal_code(rng: random.Random, prefix3: str) -> str:
    rest = f"{rng.randrange(10_000):04d}"
    return f"{prefix3}{rest}" if rng.random() < 0.08 else f"{prefix3}-{rest}"


def yen(amount: int) -> str:
    return f"{amount:,}円"


def jp_date(month: int, day: int) -> str:
    return f"{month}月{day}日"


def surname(full_name: str) -> str:
    """The family name a Japanese agent addresses a customer by (山田 太郎 → 山田)."""
    name = full_name.replace("\u3000", " ").strip()
    return name.split(" ", 1)[0] if " " in name else name[:2]
