"""The whoosh analyzer stored in the index schema.

whoosh pickles the analyzer into the index's table of contents, so this
module's path and the class name are part of the on-disk format: do not move or
rename them. The pickle holds only the tokenizer *name*; the real tokenizer
(and Sudachi's large dictionary) is looked up lazily in this process through
``get_tokenizer``, never stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer

from search_index.tokenizers import TextTokenizer, apart_term, get_tokenizer
from search_index.tokenizers import Token as Cut

# Separates the sections of a field value analysed with ``section_boosts`` (ASCII record separator).
SECTION_BREAK = "\x1e"
# Positions skipped between sections, so no phrase or pair runs from one into the next.
_SECTION_GAP = 100

_Emitted = tuple[str, int, int, int, float]  # term, position, start, end, boost


class PreCut(str):
    """A field value whose sections were already cut into tokens (offsets within each section).

    The index stores each text's tokens for its snippets (schema.doc_to_fields): the same cut feeds the index, so
    Sudachi runs once per text at index time. whoosh hands the value to the analyzer as it was given; anything else
    (a plain str) is cut here.
    """

    sections: tuple[tuple[Cut, ...], ...]

    @classmethod
    def of(cls, value: str, sections: tuple[tuple[Cut, ...], ...]) -> PreCut:
        made = cls(value)
        made.sections = sections
        return made


# Separates the terms of a GivenTerms value (the unit separator, as between stored terms in order).
GIVEN_SEP = "\x1f"


class _Token(Token):
    # whoosh sets and reads `original` only when asked to keep it (keeporiginal), so Token does not declare it.
    original: str


class _TermsTokenizer(Tokenizer):
    """A whoosh tokenizer whose subclass says which terms a value holds (``terms``); this turns them into tokens."""

    def terms(self, value: str) -> Iterator[_Emitted]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[_Token]:
        token = _Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # whoosh asks for this when it wants the value as one term.
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for text, pos, start, end, boost in self.terms(value):
            token.text = text
            token.boost = boost
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class SupportDeskAnalyzer(_TermsTokenizer):
    """A whoosh tokenizer that delegates to one of our ``TextTokenizer``s.

    With ``pairs``, each term is also indexed joined to the next (``pair_terms``) and, marked, to the one after
    that (``apart_term``), at the first one's position:
    a word the tokenizer cuts in parts (請求書 → 請求, 書) is then one term to look up, not an AND of common
    parts plus a phrase check, which was most of a search's time on a 300k-ticket desk (docs/PERFORMANCE.md).
    Positions of the single terms are unchanged, so phrase queries work as before.

    With ``section_boosts``, a value is several sections joined by SECTION_BREAK (subject, notes, thread) and
    each section's terms weigh its boost: whoosh adds token boosts into the term's weight, which BM25 takes as
    the term frequency, so one field ranks like several weighted fields (BM25F) at the price of one lookup.
    """

    def __init__(
        self, tokenizer_name: str = "sudachi", pairs: bool = False, section_boosts: tuple[float, ...] = ()
    ) -> None:
        self.tokenizer_name = tokenizer_name
        self.pairs = pairs
        self.section_boosts = tuple(section_boosts)

    def _key(self) -> tuple[object, ...]:
        return (self.tokenizer_name, self.pairs, self.section_boosts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SupportDeskAnalyzer) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash((SupportDeskAnalyzer, *self._key()))

    def __getstate__(self) -> dict[str, Any]:
        # Explicit so that nothing cached on the instance ever reaches the pickle.
        return {"tokenizer_name": self.tokenizer_name, "pairs": self.pairs, "section_boosts": self.section_boosts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.tokenizer_name = state["tokenizer_name"]
        self.pairs = state.get("pairs", False)  # schema 1 indexes have neither
        self.section_boosts = tuple(state.get("section_boosts", ()))

    @property
    def tokenizer(self) -> TextTokenizer:
        return get_tokenizer(self.tokenizer_name)

    def terms(self, value: str) -> Iterator[_Emitted]:
        """Every term to index for ``value``: (term, position, start, end, boost), offsets into ``value``."""
        sections = value.split(SECTION_BREAK) if self.section_boosts else [value]
        cut = value.sections if isinstance(value, PreCut) and len(value.sections) == len(sections) else None
        first_pos = offset = 0
        for number, section in enumerate(sections):
            boost = self.section_boosts[min(number, len(self.section_boosts) - 1)] if self.section_boosts else 1.0
            before: list[tuple[str, int]] = []  # the last two terms and where they start, nearest last
            emitted: list[_Emitted] = []
            pos = first_pos - 1
            tokens = self.tokenizer.tokens(section) if cut is None else cut[number]
            for pos, (term, start, end) in enumerate(tokens, first_pos):
                emitted.append((term, pos, offset + start, offset + end, boost))
                if self.pairs:
                    # Joined to the word before (= pair_terms) and, marked, to the one before that: 配送が大幅に遅延
                    # holds 配送…遅延, so a word typed whole finds its parts one word apart; a phrase does not.
                    for distance, (earlier, begin) in enumerate(reversed(before), 1):
                        joined = earlier + term if distance == 1 else apart_term(earlier, term)
                        emitted.append((joined, pos - distance, offset + begin, offset + end, boost))
                    before = [*before[-1:], (term, start)]
            # whoosh stores each term's positions as deltas: they must not go backwards.
            yield from sorted(emitted, key=lambda e: e[1])
            first_pos = pos + 1 + _SECTION_GAP
            offset += len(section) + len(SECTION_BREAK)

    def term_set(self, value: str) -> set[str]:
        """The distinct terms of ``terms(value)``, without working out where each stands or weighs."""
        sections = value.split(SECTION_BREAK) if self.section_boosts else [value]
        cut = value.sections if isinstance(value, PreCut) and len(value.sections) == len(sections) else None
        found: set[str] = set()
        for number, section in enumerate(sections):
            words = [term for term, _, _ in (self.tokenizer.tokens(section) if cut is None else cut[number])]
            found.update(words)
            if self.pairs:
                found.update(map(str.__add__, words, words[1:]))
                found.update(map(apart_term, words, words[2:]))
        return found


class GivenTerms(_TermsTokenizer):
    """Terms worked out before indexing, joined by GIVEN_SEP: each indexed as it is, once, with no position.

    For schema.PERSONAL_FIELD, which holds the terms of a ticket that only its personal data contains (the
    field's analyzer decided what they are; nothing is cut again here).
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GivenTerms)

    def __hash__(self) -> int:
        return hash(GivenTerms)

    def terms(self, value: str) -> Iterator[_Emitted]:
        seen: set[str] = set()
        start = 0
        for term in value.split(GIVEN_SEP):
            if term and term not in seen:
                seen.add(term)
                yield term, 0, start, start + len(term), 1.0
            start += len(term) + len(GIVEN_SEP)
