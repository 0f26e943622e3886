"""Turn the parsed search tree into a whoosh query.

Text goes through the *same* tokenizer as the index (the one pickled in the
schema), so a query word and the indexed text are cut and normalised alike.
A word the tokenizer splits (請求書 → 請求, 書) is looked up as its pairs of
neighbouring parts (請求書), which the index holds beside the single terms: the
parts standing together, particles between them ignored (配送遅延 = 配送が遅延).
That ``query`` is one term per pair, fast however common the parts are. The
``broad`` query also takes the parts apart anywhere in the ticket (配送が大幅に
遅延): the index uses it to fill the page when the parts together are rare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo
from itertools import pairwise

from whoosh import query as wq

from search_index.column_range import ColumnDateRange
from search_index.errors import QueryError
from search_index.normalize import is_hiragana_word, normalize_value, to_katakana
from search_index.query_syntax import (
    AllOf,
    DateFilter,
    FieldFilter,
    IsFilter,
    Node,
    Not,
    Phrase,
    Word,
)
from search_index.schema import (
    MASKED_TAGS_FIELD,
    MASKED_TERMS_IN_ORDER,
    PERSONAL_FIELD,
    TERMS_IN_ORDER,
    TEXT_FIELD,
    UNASSIGNED,
)
from search_index.stored_phrase import StoredPhrase
from search_index.tokenizers import TextTokenizer, apart_term, pair_terms, terms

_UNASSIGNED_WORDS = {"none", "unassigned", "-", "未割当", "未割り当て", "なし"}


@dataclass
class CompiledQuery:
    """A whoosh query plus what the highlighter and the sorter need to know."""

    query: wq.Query | None
    highlight_terms: set[str] = field(default_factory=set)
    has_text: bool = False  # False: only filters, so relevance means nothing
    # Matches everything ``query`` does and more: split words' parts apart. None when no word was split.
    broad: wq.Query | None = None


# Filters a search of the masked fields refuses: they would find a ticket by the person it is about.
PERSONAL_FILTERS = ("customer", "company")


def text_term(term: str, masked: bool, boost: float = 1.0) -> wq.Query:
    """The tickets whose free text holds ``term``; ``masked`` (a trainer): only where the masked texts hold it too,
    that is, not where the ticket's personal data alone holds it (schema.PERSONAL_FIELD)."""
    held = wq.Term(TEXT_FIELD, term, boost=boost)
    return wq.AndNot(held, wq.Term(PERSONAL_FIELD, term)) if masked else held


class _Compiler:
    def __init__(self, tokenizer: TextTokenizer, tz: tzinfo, broad: bool = False, masked: bool = False) -> None:
        self.tokenizer = tokenizer
        self.tz = tz
        self.masked = masked
        self.tags_field = MASKED_TAGS_FIELD if masked else "tags"
        self.broad = broad  # split words as all their parts anywhere (only where they are wanted, not excluded)
        self.highlight: set[str] = set()
        self.has_text = False
        self.split_words = False

    def node(self, node: Node, negated: bool = False) -> wq.Query | None:
        if isinstance(node, Word):
            return self.word(node.text, negated)
        if isinstance(node, Phrase):
            return self.phrase(node.text, negated)
        if isinstance(node, FieldFilter):
            return self.field_filter(node)
        if isinstance(node, DateFilter):
            return self.date_filter(node)
        if isinstance(node, IsFilter):
            return wq.Term("exemplary", True)
        if isinstance(node, Not):
            inner = self.node(node.node, not negated)
            return None if inner is None else wq.Not(inner)
        parts = [q for q in (self.node(n, negated) for n in node.nodes) if q is not None]
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        if not isinstance(node, AllOf):
            return wq.Or(parts)
        # "返品 -初期不良": AndNot skips from match to match of the wanted words; And with a Not walked every
        # ticket not excluded (440 ms at 300k).
        wanted = [q for q in parts if not isinstance(q, wq.Not)]
        unwanted = [q.query for q in parts if isinstance(q, wq.Not)]
        if wanted and unwanted:
            positive = wanted[0] if len(wanted) == 1 else wq.And(wanted)
            return wq.AndNot(positive, unwanted[0] if len(unwanted) == 1 else wq.Or(unwanted))
        return wq.And(parts)

    # -- free text ---------------------------------------------------------

    def _note_terms(self, found: list[str], negated: bool) -> None:
        if found and not negated:
            self.highlight.update(found)
            self.has_text = True

    def _text_term(self, term: str) -> wq.Query:
        return text_term(term, self.masked)

    def _all_terms(self, found: list[str], negated: bool = False) -> wq.Query:
        if len(found) == 1:
            return self._text_term(found[0])
        if not negated:
            self.split_words = True
            if self.broad:
                return wq.And([self._text_term(t) for t in found])
        # Each part next to the next one, or one word apart (配送遅延 finds 配送が大幅に遅延).
        near = [wq.Or([self._text_term(a + b), self._text_term(apart_term(a, b))]) for a, b in pairwise(found)]
        return near[0] if len(near) == 1 else wq.And(near)

    def word(self, text: str, negated: bool) -> wq.Query | None:
        found = terms(self.tokenizer, text)
        alternatives: list[wq.Query] = []
        if found:
            alternatives.append(self._all_terms(found, negated))
        # A word typed in hiragana because the IME was not switched
        # (ぱすわーど) is cut into nonsense; if its katakana form is one
        # dictionary word, accept that spelling too.
        if is_hiragana_word(text) and len(text) >= 3:
            kata = terms(self.tokenizer, to_katakana(text))
            if len(kata) == 1 and kata != found:
                alternatives.append(self._text_term(kata[0]))
                self._note_terms(kata, negated)
        tag = normalize_value(text)
        if tag:
            alternatives.append(wq.Term(self.tags_field, tag))
        self._note_terms(found, negated)
        if not found and len(alternatives) == 1:
            # Only the tag alternative is left: the word is a particle or a stop
            # word, which must not turn "を" into a search for a tag "を".
            return None
        return alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives)

    def phrase(self, text: str, negated: bool) -> wq.Query | None:
        found = terms(self.tokenizer, text)
        if not found:
            return None
        self._note_terms(found, negated)
        if len(found) == 1:
            return self._text_term(found[0])
        # Two words are one pair term. For more, the tickets holding every pair are checked against their texts'
        # terms in order (the free-text fields keep no positions: search_index/stored_phrase.py).
        if len(found) == 2:
            return self._text_term(pair_terms(found)[0])
        # A trainer's: the tickets holding the pairs with the personal data (more than the masked texts hold, never
        # fewer), checked against the masked texts' terms in order, where no personal term stands.
        return StoredPhrase(TEXT_FIELD, found, column=MASKED_TERMS_IN_ORDER if self.masked else TERMS_IN_ORDER)

    # -- filters -----------------------------------------------------------

    def field_filter(self, node: FieldFilter) -> wq.Query | None:
        if self.masked and node.field in PERSONAL_FILTERS:
            raise QueryError("{field}: cannot be used in a search of masked cases", field=node.field)
        if node.field in ("customer", "company", "product"):
            found = terms(self.tokenizer, node.values[0])
            if not found:
                return None
            if node.phrase and len(found) > 1:
                return wq.Phrase(node.field, found)
            return wq.And([wq.Term(node.field, t) for t in found])
        values = list(node.values)
        if node.field == "agent":
            values = [UNASSIGNED if v in _UNASSIGNED_WORDS else v for v in values]
        field = self.tags_field if node.field == "tags" else node.field
        parts: list[wq.Query] = [wq.Term(field, v) for v in values]
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def _utc(self, day: date) -> datetime:
        # Days are the user's calendar days; the index holds naive UTC.
        local = datetime.combine(day, time.min, tzinfo=self.tz)
        return local.astimezone(UTC).replace(tzinfo=None)

    def date_filter(self, node: DateFilter) -> wq.Query:
        start = self._utc(node.start) if node.start else None
        end = self._utc(node.end) if node.end else None
        return ColumnDateRange(node.field, start, end)


def compile_query(tree: Node | None, tokenizer: TextTokenizer, tz: tzinfo = UTC, masked: bool = False) -> CompiledQuery:
    """A whoosh query for ``tree``; ``query`` is None when nothing is searchable.

    ``masked``: over the masked fields (trainers), refusing the customer: and company: filters.
    """
    if tree is None:
        return CompiledQuery(None)
    compiler = _Compiler(tokenizer, tz, masked=masked)
    q = _everything_but(compiler.node(tree))
    broad = (
        _everything_but(_Compiler(tokenizer, tz, broad=True, masked=masked).node(tree))
        if compiler.split_words
        else None
    )
    return CompiledQuery(q, compiler.highlight, compiler.has_text, broad)


def _everything_but(q: wq.Query | None) -> wq.Query | None:
    # "-解約" alone means "every ticket except those".
    return wq.And([wq.Every(), q]) if q is not None and _only_negative(q) else q


def _only_negative(q: wq.Query) -> bool:
    if isinstance(q, wq.Not):
        return True
    if isinstance(q, wq.And):
        return all(_only_negative(sub) for sub in q.subqueries)
    return False
