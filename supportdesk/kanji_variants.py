"""Other spellings of a name with its variant kanji (異体字) swapped: 高橋 ↔ 髙橋, 渡辺 ↔ 渡邊/渡邉, 山崎 ↔ 山﨑.

A caller says "たかはし" and the agent types 高橋; the record, typed from a letter or a mail, says 髙橋. Lookups try
the spellings made from each kanji's own variants in the ja-itaiji tables, with two limits that keep the wrong
people off the list:
- one step only: following variants of variants joins unrelated kanji (広 → 广 → 厂 → 岸);
- two kanji of JIS level 1 (the common ones) are never taken for each other: the tables pair some that are
  different names in Japan (田/佃, 吉/桔). A variant is a rarer form: level 2, the Windows or JIS X 0213
  extensions (髙, 﨑, 邉). Kanji no Japanese text holds (simplified Chinese forms) are left out.
"""

from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations, islice, product

MOST = 32  # spellings tried per lookup, the typed one included; a long name of variant-rich kanji stops here
_CJK_START = "\u3400"  # below: kana, latin, digits, punctuation
# What the tables lack: 𠮷 (つちよし), as in 𠮷田 and 𠮷野家.
_MISSING = {"𠮷": ("吉",), "吉": ("𠮷",)}


def _level(ch: str) -> int | None:
    """1 or 2 for the JIS levels, 3 for the extensions, None for a character Japanese text does not hold."""
    try:
        code = ch.encode("cp932")
    except UnicodeEncodeError:
        try:
            ch.encode("shift_jis_2004")
        except UnicodeEncodeError:
            return None
        return 3
    number = int.from_bytes(code, "big")
    return 1 if 0x889F <= number <= 0x9872 else 2 if 0x989F <= number <= 0xEAA4 else 3


@lru_cache(maxsize=4096)
def variants_of(ch: str) -> tuple[str, ...]:
    """The kanji itself, then its Japanese variants (none for kana, latin and kanji without variants)."""
    if ch < _CJK_START:
        return (ch,)
    from ja_itaiji import Itaiji  # its table loads on import: only when a name with kanji is looked up

    own = _level(ch)
    family = [
        v
        for v in Itaiji.dictionary.get(ch, ())
        if v != ch and (level := _level(v)) is not None and not (level == 1 and own == 1)
    ]
    return (ch, *dict.fromkeys([*family, *_MISSING.get(ch, ())]))


def spellings(key: str, most: int = MOST) -> tuple[str, ...]:
    """`key` first, then its other spellings with variant kanji swapped, fewest swaps first, at most `most`."""
    if all(ch < _CJK_START for ch in key):
        return (key,)
    return tuple(islice(_by_swaps(key), most))


def _by_swaps(key: str) -> Iterator[str]:
    options = [variants_of(ch) for ch in key]
    varying = [i for i, choices in enumerate(options) if len(choices) > 1]
    yield key
    for swaps in range(1, len(varying) + 1):
        for positions in combinations(varying, swaps):
            for chosen in product(*(options[i][1:] for i in positions)):
                chars = list(key)
                for i, ch in zip(positions, chosen, strict=True):
                    chars[i] = ch
                yield "".join(chars)
