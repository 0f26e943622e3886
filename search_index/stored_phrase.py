"""Phrases of three words or more, checked against each ticket's terms in reading order, not against positions.

The free-text fields keep no positions (schema 6): an AND of words needs only which tickets hold a term and how
often, and decoding positions it never reads was part of every search's time (issue 19). A phrase of two words is
one pair term (the index holds each word joined to the next). A longer phrase matches the tickets holding all its
pairs (an AND of pair terms: the index's own lookup, nearly as selective as the phrase), and each of those is then
checked against its texts' terms in reading order, a compressed column of its own (schema.TERMS_IN_ORDER): the words
must stand one after the other in one text (the subject, a note, an entry), particles between them ignored, as the
index cut them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.matching.wrappers import WrappingMatcher

from search_index.schema import TERM_SEP, TERMS_IN_ORDER
from search_index.tokenizers import pair_terms

_CACHE_ATTR = "_supportdesk_columns"


def open_column(reader: Any, name: str) -> Any:
    """The reader's column ``name`` (None if it has none), opened once per reader: the terms in order, the payload."""
    cache: dict[str, Any] = reader.__dict__.setdefault(_CACHE_ATTR, {})
    if name not in cache:
        cache[name] = reader.column_reader(name) if reader.has_column(name) else None
    return cache[name]


def phrase_key(words: Sequence[str]) -> bytes:
    """What a text's terms in order contain where ``words`` stand side by side (bounded by separators)."""
    return (TERM_SEP + TERM_SEP.join(words) + TERM_SEP).encode()


def _holder(column: Any, words: Sequence[str]) -> Callable[[int], bool]:
    """Whether the segment's document holds ``words`` side by side: ``phrase_key in SEP + terms + SEP``, without
    building that string for every candidate."""
    key = phrase_key(words)
    head, tail, alone = key[1:], key[:-1], key[1:-1]

    def holds(docnum: int) -> bool:
        terms = column[docnum]
        return key in terms or terms.startswith(head) or terms.endswith(tail) or terms == alone

    return holds


def _anything(docnum: int) -> bool:
    return True


class _CheckedMatcher(WrappingMatcher):
    """The child's matches that ``accept`` (a docnum of the segment) keeps."""

    def __init__(self, child: matching.Matcher, accept: Callable[[int], bool], boost: float = 1.0) -> None:
        super().__init__(child, boost)  # type: ignore[no-untyped-call]
        self._accept = accept
        self._find_next()

    def copy(self) -> _CheckedMatcher:
        return _CheckedMatcher(self.child.copy(), self._accept, self.boost)

    def _replacement(self, newchild: matching.Matcher) -> _CheckedMatcher:
        return _CheckedMatcher(newchild, self._accept, self.boost)

    def _find_next(self) -> None:
        child = self.child
        while child.is_active() and not self._accept(child.id()):
            child.next()

    def reset(self) -> None:
        self.child.reset()
        self._find_next()

    def next(self) -> None:
        self.child.next()
        self._find_next()

    def skip_to(self, id: int) -> None:
        self.child.skip_to(id)
        self._find_next()

    def skip_to_quality(self, minquality: float) -> int:
        skipped = int(self.child.skip_to_quality(minquality / self.boost))
        self._find_next()
        return skipped

    def all_ids(self) -> Iterator[int]:
        return (docnum for docnum in self.child.all_ids() if self._accept(docnum))

    def all_items(self) -> Iterator[tuple[int, Any]]:
        return (item for item in self.child.all_items() if self._accept(item[0]))


class StoredPhrase(wq.Query):
    """Tickets whose free-text ``fieldname`` holds ``words`` side by side (3+ words) in one of its texts, as the
    terms in order of ``column`` have them (schema.MASKED_TERMS_IN_ORDER: in the masked texts, for a trainer)."""

    def __init__(
        self,
        fieldname: str,
        words: Sequence[str],
        boost: float = 1.0,
        *,
        checked: bool = True,
        column: str = TERMS_IN_ORDER,
    ) -> None:
        self.fieldname = fieldname
        self.words = tuple(words)
        self.boost = boost
        self.checked = checked
        self.column = column

    def unchecked(self) -> StoredPhrase:
        """This phrase matching every ticket that holds its pairs, scored exactly as this phrase scores a match (the
        same matchers): what ranks a page whose candidates are then checked in score order (``holder``)."""
        return StoredPhrase(self.fieldname, self.words, self.boost, checked=False, column=self.column)

    def holder(self, reader: Any) -> Callable[[int], bool] | None:
        """Whether a document of the segment ``reader`` holds the phrase (None: no document of the segment does)."""
        column = open_column(reader, self.column)
        return None if column is None else _holder(column, self.words)

    @property
    def pairs(self) -> wq.And:
        """The pair terms every match holds."""
        return wq.And([wq.Term(self.fieldname, pair) for pair in dict.fromkeys(pair_terms(list(self.words)))])

    def __repr__(self) -> str:
        checked = "" if self.checked else ", checked=False"
        column = "" if self.column == TERMS_IN_ORDER else f", column={self.column!r}"
        return f"{type(self).__name__}({self.fieldname!r}, {self.words!r}{checked}{column})"

    def __str__(self) -> str:
        return f'{self.fieldname}:"{" ".join(self.words)}"'

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoredPhrase) and self._key() == other._key()

    def _key(self) -> tuple[object, ...]:
        return (self.fieldname, self.words, self.boost, self.checked, self.column)

    def __hash__(self) -> int:
        return hash((type(self), *self._key()))

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        return self.fieldname

    def estimate_size(self, ixreader: Any) -> int:
        return int(self.pairs.estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return 0

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        child: matching.Matcher = self.pairs.matcher(searcher, context)
        column = open_column(searcher.reader(), self.column)
        if not child.is_active() or column is None:  # a segment without the column holds no text
            nothing: matching.Matcher = matching.NullMatcher()
            return nothing
        return _CheckedMatcher(child, _holder(column, self.words) if self.checked else _anything, self.boost)
