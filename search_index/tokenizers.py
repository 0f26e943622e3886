"""Word tokenisers behind one small interface.

Two implementations, both measured on the evaluation set in
``tests/search_index`` (see docs/search.md for the numbers):

* ``SudachiTokenizer`` (the default): SudachiPy split mode A with normalised
  forms, so サーバ/サーバー, メイル/メール and 問合せ/問い合わせ meet, 京都 does not
  match 東京都, and 配送が遅延 matches 配送遅延 (particles are not indexed).
* ``BigramTokenizer``: the dictionary-free baseline, NFKC + overlapping CJK
  bigrams + Latin words.

Both work on the NFKC/lower-cased text and report spans of the *original*
text. Latin words never reach Sudachi: its normalised form turns English into
katakana (refund→リファンド), which would stop "refunded" from matching.
"""

from __future__ import annotations

import bisect
import heapq
import importlib.metadata
import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from search_index.normalize import (
    CJK_CLASS,
    VOICING_MARKS,
    NormalizedText,
    fold_term,
    latin_runs,
    latin_term,
    normalize_with_offsets,
)

if TYPE_CHECKING:
    import sudachipy

Token = tuple[str, int, int]  # (term, start, end) with start/end in the original text


class TextTokenizer(Protocol):
    """Turns text into index terms with their spans in the original text."""

    name: str

    @property
    def version(self) -> str:
        """Changes whenever the same text could produce different terms."""
        ...

    def tokens(self, text: str) -> Iterator[Token]: ...

    def remembering(self) -> AbstractContextManager[None]:
        """While open, a text cut again in this thread (or a part of one, where the tokenizer cuts in parts) costs
        a lookup: the masked copy of a ticket's texts is the same texts but for a few lines."""
        ...


def _latin_tokens(norm: NormalizedText, start: int, end: int) -> Iterator[Token]:
    text = norm.text
    for s, e in latin_runs(text, start, end):
        term = latin_term(text[s:e])
        if term:
            os_, oe = norm.original_span(s, e)
            yield term, os_, oe


def _segments(norm: NormalizedText) -> Iterator[tuple[bool, int, int]]:
    """Split normalised text into (is_latin, start, end) pieces covering it all."""
    pos = 0
    for s, e in latin_runs(norm.text):
        if s > pos:
            yield False, pos, s
        yield True, s, e
        pos = e
    if pos < len(norm.text):
        yield False, pos, len(norm.text)


# --- SudachiPy -------------------------------------------------------------

# Parts of speech that carry no meaning for search. Dropping them (without
# leaving position gaps) is what lets 配送が遅延 match the phrase "配送遅延".
_DROPPED_POS = [("助詞",), ("助動詞",), ("補助記号",), ("空白",), ("記号",)]
# Light verbs and honorific prefixes that appear in almost every message; as AND
# terms they only cost recall ("返品したい" must find "返品希望").
_STOP_TERMS = frozenset(
    {"為る", "居る", "有る", "成る", "御座る", "致す", "下さる", "頂く", "戴く", "申す", "貰う", "仕舞う", "御"}
)
# Sudachi refuses inputs over ~49 kB of UTF-8; stay well below, cutting at a
# sentence or line end so words are not split.
_CHUNK = 4000
_CUT = re.compile(r"[。．.!?！？\n]")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _sudachi_dictionary() -> tuple[sudachipy.Dictionary, sudachipy.PosMatcher]:
    # Loaded lazily and once per process: the analyzer object pickled into the
    # index must never carry it (it is ~190 MB and not picklable).
    from sudachipy import Dictionary

    dictionary = Dictionary()
    return dictionary, dictionary.pos_matcher(_DROPPED_POS)


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > _CHUNK:
        cut = -1
        for m in _CUT.finditer(text, start, start + _CHUNK):
            cut = m.end()
        if cut <= start:
            cut = start + _CHUNK
        yield start, cut
        start = cut
    if end > start:
        yield start, end


class SudachiTokenizer:
    """SudachiPy split mode A, normalised forms, particles dropped.

    Each line of a text is cut on its own, between the line breaks it stands between, so its tokens do not depend on
    the lines around it: on 101,390 texts of the benchmark desk this cut the same tokens as Sudachi over the whole
    text, and a masked copy of a text can take the lines masking left alone from the first cut (``remembering``).
    Without the breaks around it, a line would be cut as the start of a text (いつも at a line's start: いつ + も).
    """

    name = "sudachi"

    def __init__(self) -> None:
        # A Sudachi Tokenizer must not be shared between threads (it raises);
        # the dictionary can be, so keep one tokenizer per thread.
        self._local = threading.local()

    @property
    def version(self) -> str:
        v = importlib.metadata.version
        return f"sudachi-2 sudachipy={v('sudachipy')} sudachidict_core={v('sudachidict-core')}"

    def _tokenizer(self) -> sudachipy.Tokenizer:
        tok = getattr(self._local, "tokenizer", None)
        if tok is None:
            from sudachipy import SplitMode

            dictionary, _ = _sudachi_dictionary()
            tok = dictionary.tokenizer(SplitMode.A, fields={"pos", "normalized_form"})
            self._local.tokenizer = tok
        return tok

    @contextmanager
    def remembering(self) -> Iterator[None]:
        if getattr(self._local, "lines", None) is not None:
            yield  # already open further out
            return
        self._local.lines = {}
        try:
            yield
        finally:
            self._local.lines = None

    def tokens(self, text: str) -> Iterator[Token]:
        if "\n" not in text:
            yield from self._cut(text)
            return
        remembered: dict[tuple[str, str, str], tuple[Token, ...]] | None = getattr(self._local, "lines", None)
        lines = text.split("\n")
        last = len(lines) - 1
        offset = 0
        for number, line in enumerate(lines):
            if line.strip():
                before, after = "\n" if number else "", "\n" if number < last else ""
                key = (before, line, after)
                found = remembered.get(key) if remembered is not None else None
                if found is None:
                    skip = len(before)
                    cut = self._cut(before + line + after)
                    found = tuple((term, start - skip, end - skip) for term, start, end in cut)
                    if remembered is not None:
                        remembered[key] = found
                for term, start, end in found:
                    yield term, start + offset, end + offset
            offset += len(line) + 1

    def _cut(self, text: str) -> Iterator[Token]:
        norm = normalize_with_offsets(text)
        latin = latin_runs(norm.text)
        if not latin:
            yield from self._japanese_tokens(norm, latin)
            return
        # Sudachi sees the whole text (a lone "で" after "iPhone" needs its
        # context to be recognised as a particle) but Latin words come from
        # the Latin path; merge both streams back into reading order.
        yield from heapq.merge(
            _latin_tokens(norm, 0, len(norm.text)), self._japanese_tokens(norm, latin), key=lambda t: t[1]
        )

    def _japanese_tokens(self, norm: NormalizedText, latin: list[tuple[int, int]]) -> Iterator[Token]:
        text = norm.text
        _, dropped = _sudachi_dictionary()
        tok = self._tokenizer()
        latin_starts = [s for s, _ in latin]
        for cs, ce in _chunks(text, 0, len(text)):
            for m in tok.tokenize(text[cs:ce]):
                if dropped(m):
                    continue
                start, end = cs + m.begin(), cs + m.end()
                # A voicing mark NFKC could not compose (after a digit, say) is noise that Sudachi glues to the
                # next word: leave it out of the word and of its highlight.
                while start < end and text[start] in VOICING_MARKS:
                    start += 1
                if start == end or (latin and _all_latin(latin, latin_starts, start, end)):
                    continue
                term = _indexed_form(m.normalized_form())
                if term is not None:
                    yield (term, *norm.original_span(start, end))


@lru_cache(maxsize=65536)
def _indexed_form(normalized: str) -> str | None:
    """The term for a word of Sudachi's normalised form, or None for a word not indexed (a light verb, a sign)."""
    term = _sudachi_term(normalized.lower().lstrip("".join(VOICING_MARKS)))
    if term in _STOP_TERMS or not any(c.isalnum() for c in term):
        return None
    return term


def _sudachi_term(normalized: str) -> str:
    if _ASCII_WORD.fullmatch(normalized):
        # Sudachi spells some katakana loanwords in Latin letters
        # (ウィンドウズ → windows): stem them like typed English.
        return latin_term(normalized) or ""
    return fold_term(normalized)


def _all_latin(latin: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """True if [start, end) lies inside one Latin run (the Latin path indexes it)."""
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and latin[i][0] <= start and end <= latin[i][1]


# --- Bigram baseline -------------------------------------------------------

_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")


class BigramTokenizer:
    """NFKC + overlapping bigrams over Japanese script + stemmed Latin words."""

    name = "bigram"
    version = "bigram-1"

    def remembering(self) -> AbstractContextManager[None]:
        return nullcontext()  # bigrams cost next to nothing to cut again

    def tokens(self, text: str) -> Iterator[Token]:
        norm = normalize_with_offsets(text)
        for is_latin, start, end in _segments(norm):
            if is_latin:
                yield from _latin_tokens(norm, start, end)
                continue
            for m in _CJK_RUN.finditer(norm.text, start, end):
                run_start, run = m.start(), m.group()
                if len(run) == 1:
                    yield (run, *norm.original_span(run_start, run_start + 1))
                    continue
                for i in range(len(run) - 1):
                    s = run_start + i
                    yield (run[i : i + 2], *norm.original_span(s, s + 2))


TOKENIZER_NAMES = ("sudachi", "bigram")


@cache
def get_tokenizer(name: str) -> TextTokenizer:
    """The shared tokenizer instance for ``name`` ("sudachi" or "bigram")."""
    if name == "sudachi":
        return SudachiTokenizer()
    if name == "bigram":
        return BigramTokenizer()
    raise ValueError(f"unknown tokenizer {name!r}; choose one of {', '.join(TOKENIZER_NAMES)}")


def terms(tokenizer: TextTokenizer, text: str) -> list[str]:
    """Just the terms of ``text``, in order."""
    return [term for term, _, _ in tokenizer.tokens(text)]


# Joins a term to the one after next in the index ("one word apart"); NFKC turns a typed … into "...", so no
# analysed term contains it.
APART = "\u2026"


def pair_terms(found: list[str]) -> list[str]:
    """Each term joined to the next (請求, 書 → 請求書): what the index holds for words side by side.

    The pairs are taken after particles are dropped, so 配送が遅延 holds 配送遅延 as well.
    """
    return [a + b for a, b in pairwise(found)]


def apart_term(first: str, second: str) -> str:
    """The index's term for ``first`` and ``second`` with one word between them (配送が大幅に遅延: 配送…遅延)."""
    return first + APART + second
