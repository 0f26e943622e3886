"""Character-level normalisation shared by indexing, querying and highlighting.

Everything that decides whether two spellings are "the same word" lives here, so
the index side and the query side can never drift apart:

* NFKC folds width variants (ＡＢＣ→ABC, ﾊﾟｽﾜｰﾄﾞ→パスワード, ①→1) and lower-casing
  folds case. NFKC changes lengths (ｶﾞ is two code points, ガ one), so
  ``normalize_with_offsets`` keeps a map back to the original text: highlights
  must land on the characters the user actually wrote.
* ``fold_term`` makes kana and long-vowel variants meet at the term level
  (ねじ/ネジ, サーバ/サーバー, プリンタ/プリンター).
* ``latin_term`` stems English words (refund/refunds/refunded → refund).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem

# Characters that attach to the previous one and may compose with it under NFKC:
# half-width (ﾞﾟ) and combining (゙゚) voicing marks.
VOICING_MARKS = frozenset("\uff9e\uff9f\u3099\u309a")

# Japanese script ranges: hiragana, katakana (incl. ー and the phonetic
# extensions), CJK ideographs (basic, extension A, compatibility) and the
# iteration / ditto marks that belong inside words. Voicing marks (U+3099–309C)
# are left out: a mark NFKC could not compose onto a kana is noise, not a word.
CJK_CLASS = "\u3041-\u3096\u309d-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆〇ヵヶ"

# A "Latin" word: letters/digits that are not Japanese script. Letters and digits
# are split (x200 → x, 200) so model numbers match however they are spaced.
_LATIN_RUN = re.compile(rf"[^\W\d_{CJK_CLASS}]+|\d+")

_HIRAGANA_TO_KATAKANA = {cp: cp + 0x60 for cp in range(0x3041, 0x3097)}
_KATAKANA_ONLY = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_KANA_ONLY = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u30fc]+")
_HIRAGANA_WORD = re.compile(r"[\u3041-\u3096\u30fc]+")

# English function words carry no meaning in a support search and would make
# AND queries such as "the refund" fail on tickets that never say "the".
ENGLISH_STOP_WORDS = frozenset(STOP_WORDS) | {"s", "t"}


@dataclass(frozen=True)
class NormalizedText:
    """``text`` after NFKC and lower-casing, plus a map back to the original.

    ``starts[i]``/``ends[i]`` give the original span of normalised character i;
    both are None when the normalisation kept every character in place.
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of ``original`` it came from."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _simple(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def normalize_with_offsets(text: str) -> NormalizedText:
    """NFKC + lower-case ``text``, remembering where each character came from."""
    if text.isascii():
        lowered = text.lower()  # ASCII lower-casing never changes the length
        return NormalizedText(text, lowered)
    if unicodedata.is_normalized("NFKC", text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return NormalizedText(text, lowered)
    # Slow path: normalise cluster by cluster (a base character plus the marks
    # that compose with it) so every output character knows its source span.
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (text[j] in VOICING_MARKS or unicodedata.combining(text[j])):
            j += 1
        piece = _simple(text[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return NormalizedText(text, "".join(out), tuple(starts), tuple(ends))


def normalize_value(value: str) -> str:
    """Normalise a filter value or keyword (status, tag, login): NFKC, lower, trimmed."""
    return " ".join(_simple(value).split())


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA_TO_KATAKANA)


def is_hiragana_word(text: str) -> bool:
    return bool(_HIRAGANA_WORD.fullmatch(text))


@lru_cache(maxsize=65536)
def fold_term(term: str) -> str:
    """Fold kana and long-vowel variants of a Japanese word to one term.

    Only whole-kana terms are touched: 出来る keeps its okurigana, but ねじ and
    ネジ meet. A final ー on katakana words of three or more characters is
    dropped, the way JIS Z 8301 spells technical terms (サーバー→サーバ), so
    both spellings match; short words (バー, カー) keep it because there the
    mark is the whole difference between words.
    """
    if not _KANA_ONLY.fullmatch(term):
        return term
    term = to_katakana(term)
    if len(term) >= 3 and term.endswith("ー") and _KATAKANA_ONLY.fullmatch(term):
        term = term.rstrip("ー") or term
    return term


@lru_cache(maxsize=65536)
def latin_term(word: str) -> str | None:
    """Index term for an already lower-cased Latin word or number; None for stop words."""
    if word in ENGLISH_STOP_WORDS:
        return None
    if word.isdigit() or not word.isascii():
        return word
    return str(stem(word))


def latin_runs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of Latin words and numbers in normalised ``text``."""
    return [m.span() for m in _LATIN_RUN.finditer(text, start, len(text) if end is None else end)]
