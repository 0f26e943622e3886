"""Turn the parsed search tree into a whoosh query.

Text goes through the *same* tokenizer as the index (the one pickled in the
schema), so a query word and the indexed text are cut and normalised alike.
A word the tokenizer splits (配送遅延 → 配送, 遅延) requires every part, anywhere
in the ticket, and ranks tickets where the parts stand together higher.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, tzinfo

from whoosh import query as wq

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
from search_index.schema import TEXT_FIELD_BOOSTS, UNASSIGNED
from search_index.tokenizers import TextTokenizer, terms

_UNASSIGNED_WORDS = {"none", "unassigned", "-", "未割当", "未割り当て", "なし"}
# Slop for the "parts stand together" bonus: adjacent, or one word apart.
_PROXIMITY_SLOP = 2


@dataclass
class CompiledQuery:
    """A whoosh query plus what the highlighter and the sorter need to know."""

    query: wq.Query | None
    highlight_terms: set[str] = field(default_factory=set)
    has_text: bool = False  # False: only filters, so relevance means nothing


class _Compiler:
    def __init__(self, tokenizer: TextTokenizer, tz: tzinfo) -> None:
        self.tokenizer = tokenizer
        self.tz = tz
        self.highlight: set[str] = set()
        self.has_text = False

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
        return wq.And(parts) if isinstance(node, AllOf) else wq.Or(parts)

    # -- free text ---------------------------------------------------------

    def _note_terms(self, found: list[str], negated: bool) -> None:
        if found and not negated:
            self.highlight.update(found)
            self.has_text = True

    def _any_field(self, term: str) -> wq.Query:
        return wq.Or([wq.Term(f, term, boost=b) for f, b in TEXT_FIELD_BOOSTS.items()])

    def _all_terms(self, found: list[str]) -> wq.Query:
        if len(found) == 1:
            return self._any_field(found[0])
        required = wq.And([self._any_field(t) for t in found])
        together = wq.Or([wq.Phrase(f, found, slop=_PROXIMITY_SLOP) for f in ("subject", "body")])
        return wq.AndMaybe(required, together)

    def word(self, text: str, negated: bool) -> wq.Query | None:
        found = terms(self.tokenizer, text)
        alternatives: list[wq.Query] = []
        if found:
            alternatives.append(self._all_terms(found))
        # A word typed in hiragana because the IME was not switched
        # (ぱすわーど) is cut into nonsense; if its katakana form is one
        # dictionary word, accept that spelling too.
        if is_hiragana_word(text) and len(text) >= 3:
            kata = terms(self.tokenizer, to_katakana(text))
            if len(kata) == 1 and kata != found:
                alternatives.append(self._any_field(kata[0]))
                self._note_terms(kata, negated)
        tag = normalize_value(text)
        if tag:
            alternatives.append(wq.Term("tags", tag))
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
            return self._any_field(found[0])
        return wq.Or([wq.Phrase(f, found, boost=b) for f, b in TEXT_FIELD_BOOSTS.items()])

    # -- filters -----------------------------------------------------------

    def field_filter(self, node: FieldFilter) -> wq.Query | None:
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
        parts: list[wq.Query] = [wq.Term(node.field, v) for v in values]
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def _utc(self, day: date) -> datetime:
        # Days are the user's calendar days; the index holds naive UTC.
        local = datetime.combine(day, time.min, tzinfo=self.tz)
        return local.astimezone(UTC).replace(tzinfo=None)

    def date_filter(self, node: DateFilter) -> wq.Query:
        start = self._utc(node.start) if node.start else None
        end = self._utc(node.end) if node.end else None
        return wq.DateRange(node.field, start, end, endexcl=True)


def compile_query(tree: Node | None, tokenizer: TextTokenizer, tz: tzinfo = UTC) -> CompiledQuery:
    """A whoosh query for ``tree``; ``query`` is None when nothing is searchable."""
    if tree is None:
        return CompiledQuery(None)
    compiler = _Compiler(tokenizer, tz)
    q = compiler.node(tree)
    if q is not None and _only_negative(q):
        # "-解約" alone means "every ticket except those".
        q = wq.And([wq.Every(), q])
    return CompiledQuery(q, compiler.highlight, compiler.has_text)


def _only_negative(q: wq.Query) -> bool:
    if isinstance(q, wq.Not):
        return True
    if isinstance(q, wq.And):
        return all(_only_negative(sub) for sub in q.subqueries)
    return False
