"""What the masking knows about words: kanji variants, romaji of readings, and the dictionary's view of a word.

Each comes from a maintained source rather than a hand-made table:

* kanji variant families (異体字: 髙/高, 﨑/崎, 邊/邉/辺, 齋/斎) from the ja-itaiji package's tables, closed under
  "is a variant of" so that every member of a family folds to one representative;
* romaji of a kana reading from jaconv (Hepburn), with the other spellings people use for the same reading
  (Kunrei-shiki, passport style, long vowels written or dropped) derived from it;
* whether a word is a person's name, a place or an ordinary word, from SudachiDict (the dictionary full-text
  search already ships), looked up entry by entry.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

import jaconv

if TYPE_CHECKING:
    import sudachipy

# ---- kanji variants ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def itaiji_table() -> dict[str, str]:
    """Every kanji with variants → the representative of its family (the lowest code point)."""
    from ja_itaiji import Itaiji  # loads its table on import: only when masking first runs

    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        parent.setdefault(ch, ch)
        while parent[ch] != ch:
            parent[ch] = parent[parent[ch]]
            ch = parent[ch]
        return ch

    for ch, family in Itaiji.dictionary.items():
        for other in family:
            a, b = root(ch), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {ch: root(ch) for ch in parent if root(ch) != ch}


# ---- romaji --------------------------------------------------------------------------------------------------

_KUNREI = (
    ("shi", "si"),
    ("sh", "sy"),
    ("chi", "ti"),
    ("ch", "ty"),
    ("tsu", "tu"),
    ("fu", "hu"),
    ("ji", "zi"),
    ("j", "zy"),
)


def _kunrei(spelling: str) -> str:
    for hepburn, kunrei in _KUNREI:
        spelling = spelling.replace(hepburn, kunrei)
    return spelling


def _long_vowels(spelling: str) -> set[str]:
    """Satou → sato, satoh, satō; Yuuko → yuko, yūko; Oono → ono, ohno, ōno."""
    return {
        spelling.replace("ou", "o").replace("uu", "u").replace("oo", "o"),
        spelling.replace("ou", "oh").replace("oo", "oh"),
        spelling.replace("ou", "ō").replace("uu", "ū").replace("oo", "ō"),
    }


@lru_cache(maxsize=4096)
def romaji_spellings(reading: str) -> frozenset[str]:
    """Lower-case romaji a person might write for a kana reading (サトウ → satou, sato, satoh, satō …)."""
    hira = jaconv.kata2hira(jaconv.h2z(re.sub(r"\s", "", reading)))
    if not hira:
        return frozenset()
    hepburn = _hepburn(hira)
    if not hepburn:
        return frozenset()  # a reading jaconv could not spell: no romaji rather than a wrong one
    found = {hepburn, _kunrei(hepburn)}
    if re.search("ん[あいうえおやゆよ]", hira):  # Jun'ichi beside Junichi
        marked = _hepburn(hira.replace("ん", "ん'"))
        found |= {marked, _kunrei(marked)}
    for spelling in list(found):
        found |= _long_vowels(spelling)
    for spelling in list(found):
        found.add(re.sub(r"n(?=[bmp])", "m", spelling))  # Honma / Homma, Nanba / Namba
    return frozenset(s for s in found if len(s) >= 2)


def _hepburn(hira: str) -> str:
    hepburn = jaconv.kana2alphabet(hira).lower()
    # jaconv spells a small tsu before ch as "xtsu" (いっちゃん → ixtsuchan): Hepburn doubles it as "tch".
    hepburn = re.sub(r"xtsu(?=ch)", "t", hepburn)
    hepburn = re.sub(r"xtsu([bcdfghjkmnpqrstvwxz])", r"\1\1", hepburn)
    # jaconv writes the long-vowel mark as "-" (サトー → sato-): the vowel it lengthens.
    hepburn = re.sub(r"([aeiou])-", r"\1\1", hepburn).replace("-", "")
    hepburn = re.sub(r"'(?![aeiouy])", "", hepburn)
    return hepburn if hepburn.isascii() and hepburn.replace("'", "").isalpha() else ""


# ---- the dictionary ------------------------------------------------------------------------------------------

_local = threading.local()


@lru_cache(maxsize=1)
def _dictionary() -> sudachipy.Dictionary:
    from sudachipy import Dictionary

    return Dictionary(dict="core")


def tokenizer() -> sudachipy.Tokenizer:
    """A Sudachi tokenizer for this thread (they are not safe to share between threads)."""
    found = getattr(_local, "tokenizer", None)
    if found is None:
        from sudachipy import SplitMode

        found = _local.tokenizer = _dictionary().tokenizer(mode=SplitMode.C)
    return found


@lru_cache(maxsize=65536)
def _entries(word: str) -> frozenset[tuple[str, str, str]]:
    with _lock:
        return frozenset((pos[0], pos[1], pos[2]) for pos in (m.part_of_speech() for m in _dictionary().lookup(word)))


_lock = threading.Lock()


def is_known_word(word: str) -> bool:
    return bool(_entries(word))


def can_be_person_name(word: str) -> bool:
    """The dictionary has the word as a person's name (林, 山田, ハジメ, スミス), whatever else it may be."""
    return any(pos[2] == "人名" for pos in _entries(word))


def only_proper_noun(word: str) -> bool:
    """Every dictionary entry of the word is a proper noun (a name or a place), or there is none."""
    return all(pos[1] == "固有名詞" for pos in _entries(word))


def is_ordinary_word(word: str) -> bool:
    """The dictionary knows the word, never as a person's name (東京, 希望, ユーザー)."""
    entries = _entries(word)
    return bool(entries) and not any(pos[2] == "人名" for pos in entries)


def has_common_sense(word: str) -> bool:
    """Some entry of the word is not a proper noun (さとう is also 砂糖, はやし also 林 the wood)."""
    return any(pos[1] != "固有名詞" for pos in _entries(word))
