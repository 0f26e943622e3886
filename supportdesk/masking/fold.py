"""Text folded for matching personal data, with every folded character traced back to the original.

Masking must find 03−5555−1111, ０３-５５５５-１１１１ and 〇三-五五五五-一一一一 alike, ﾊﾔｼ as ハヤシ and はやし, and
髙橋 as 高橋 — and then mask exactly the characters the person wrote. So matching runs on folded copies of the
text and the spans found are mapped back:

* ``light``: NFKC (widths, ＠ → @, ㈱ → (株)), lower case, every dash → "-", every space → " ", and runs of kanji
  numerals that look like a number (〇三-五五五五) turned into digits. Patterns (phones, e-mails, postal codes,
  addresses, company forms) match here.
* ``names``: ``light`` with each kanji → one representative of its variant family (髙/高, 﨑/崎, 邊/邉/辺, from
  the ja-itaiji tables). The people's own names are matched here (their kana forms in both kana scripts).

Both have the same length, so one map serves both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from supportdesk.masking.lexicon import itaiji_table

_VOICING = frozenset("\uff9e\uff9f\u3099\u309a")
# Dashes people type between digits, including the minus sign (U+2212) and the katakana long-vowel mark that an IME
# gives for "-" in Japanese mode. The long-vowel mark stays a long vowel everywhere but between digits.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe63\uff0d\u2500\u2501\u30fc\uff70"
_KANJI_DIGITS = "〇一二三四五六七八九"
_DIGIT_RUN = re.compile(rf"[{_KANJI_DIGITS}0-9](?:[{_KANJI_DIGITS}0-9]|[-ー.()\s](?=[{_KANJI_DIGITS}0-9])){{5,}}")
_MAYBE_DIGITS = re.compile(f"[{_KANJI_DIGITS}ー]")
_LIGHT = str.maketrans(
    {**{ch: "-" for ch in _DASHES if ch != "ー"}, "\u3000": " ", "\t": " ", "\n": " ", "\r": " ", "\u00a0": " "}
)
_KANJI_DIGIT_MAP = str.maketrans({k: str(i) for i, k in enumerate(_KANJI_DIGITS)} | {"ー": "-"})


@lru_cache(maxsize=1)
def _itaiji() -> tuple[re.Pattern[str], dict[str, str]]:
    table = {ch: canonical for ch, canonical in itaiji_table().items() if ch not in _KANJI_DIGITS}
    return re.compile("[" + "".join(sorted(table)) + "]"), table


def _names(light: str) -> str:
    # A substitution only where a variant kanji stands: translating every character was a third of masking's time.
    pattern, table = _itaiji()
    return pattern.sub(lambda m: table[m.group()], light)


@dataclass(frozen=True)
class Folded:
    """``light`` and ``names`` folds of ``original``; ``starts``/``ends`` map a folded index to the original."""

    original: str
    light: str
    names: str
    starts: tuple[int, ...] | None  # None: the folds kept every character in place
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def _nfkc_with_offsets(text: str) -> tuple[str, tuple[int, ...] | None, tuple[int, ...] | None]:
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        # A base character and the voicing marks or combining marks that NFKC composes onto it.
        while j < n and (text[j] in _VOICING or unicodedata.combining(text[j])):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(out), tuple(starts), tuple(ends)


def _digits(text: str) -> str:
    """Kanji numerals and long-vowel marks inside number-like runs become digits and dashes (same length)."""
    if not _MAYBE_DIGITS.search(text):
        return text
    return _DIGIT_RUN.sub(lambda m: m.group().translate(_KANJI_DIGIT_MAP), text)


def fold(text: str) -> Folded:
    normal, starts, ends = _nfkc_with_offsets(text)
    lowered = normal.lower()
    if len(lowered) != len(normal):  # a few characters lower-case to two (İ): keep the case then
        lowered = normal
    light = _digits(lowered.translate(_LIGHT))
    return Folded(text, light, _names(light), starts, ends)


@lru_cache(maxsize=65536)
def fold_value(value: str) -> str:
    """A stored value (a name, a reading, an address) folded the way ``Folded.names`` folds text."""
    return fold(value).names
