"""Highlighted extracts for the hits actually shown.

Runs after the search, on the stored texts of the returned tickets only, with
the index's own tokenizer: the terms that matched are found again by term
(so ｻｰﾊﾞ in a message lights up for a search on サーバー) and the spans come
back in original-text offsets, so half-width and decomposed text is marked on
exactly the characters the customer wrote.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

from search_index.documents import PLACEHOLDER, RESOLUTION_KIND, SUBJECT_KIND, SUMMARY_KIND, Snippet
from search_index.schema import StoredTicket
from search_index.tokenizers import TextTokenizer

SNIPPET_WIDTH = 120  # characters of context shown per snippet
_LEAD = 24  # characters kept before the first match in a cut snippet
_ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")

Span = tuple[int, int]


def _pieces(ticket: StoredTicket) -> Iterable[tuple[int | None, str, str]]:
    yield None, SUBJECT_KIND, ticket.subject
    if ticket.summary:
        yield None, SUMMARY_KIND, ticket.summary
    if ticket.resolution:
        yield None, RESOLUTION_KIND, ticket.resolution
    yield from ticket.entries


class TokenCache:
    """The tokens of texts cut lately, up to ``budget`` characters of text in all, least recently used dropped first.

    Cutting a ticket's texts with Sudachi is most of a search at 15k tickets (docs/PERFORMANCE.md), and the
    search screen searches as the agent types: 返品, 返品 初期, 返品 -初期不良 show mostly the same tickets, whose
    texts need cutting only once. Keyed by the text itself (a trainer's masked text is another key than the agent's), so
    an entry can only ever serve the very text it was cut from. Safe to share between threads.
    """

    def __init__(self, budget: int = 2_000_000) -> None:
        self.budget = budget
        self._held = 0
        self._entries: OrderedDict[tuple[str, str], tuple[tuple[str, int, int], ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def tokens(self, tokenizer: TextTokenizer, text: str) -> tuple[tuple[str, int, int], ...]:
        key = (tokenizer.name, text)  # every instance of a kind cuts alike
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return found
            self.misses += 1
        cut = tuple(tokenizer.tokens(text))
        if len(text) <= self.budget // 4:  # one huge text must not push out everything else
            with self._lock:
                if key not in self._entries:
                    self._entries[key] = cut
                    self._held += len(text)
                while self._held > self.budget:
                    (_, old), _ = self._entries.popitem(last=False)
                    self._held -= len(old)
        return cut

    def clear(self) -> None:
        """Forget every text (after an erasure: nothing of the old texts stays in memory longer than needed)."""
        with self._lock:
            self._entries.clear()
            self._held = 0


TOKENS = TokenCache()


def match_spans(tokenizer: TextTokenizer, text: str, wanted: set[str]) -> tuple[list[Span], int]:
    """Merged spans of ``text`` whose terms are in ``wanted``, and how many distinct terms hit."""
    spans: list[Span] = []
    seen: set[str] = set()
    for term, start, end in TOKENS.tokens(tokenizer, text):
        if term in wanted and end > start:
            seen.add(term)
            if spans and start <= spans[-1][1]:
                # Overlapping (bigrams) or touching (配送|遅延) matches read as one.
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return spans, len(seen)


def _window(length: int, spans: list[Span], width: int) -> Span:
    if length <= width:
        return 0, length
    best_start, best_count = 0, -1
    for anchor, _ in spans:
        start = max(0, min(anchor - _LEAD, length - width))
        count = sum(1 for s, e in spans if s >= start and e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    return best_start, best_start + width


def _clean(text: str) -> str:
    # Line breaks and tabs would break a one-line table cell or CLI row.
    return _SPACES.sub(" ", text)


def build_segments(text: str, spans: list[Span], width: int = SNIPPET_WIDTH) -> tuple[tuple[str, bool], ...]:
    """Cut ``text`` around ``spans`` into (text, is_match) segments."""
    start, end = _window(len(text), spans, width)
    segments: list[tuple[str, bool]] = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if e <= s:
            continue
        if s > pos:
            segments.append((_clean(text[pos:s]), False))
        segments.append((_clean(text[s:e]), True))
        pos = e
    if pos < end:
        segments.append((_clean(text[pos:end]), False))
    if start > 0:
        segments.insert(0, (_ELLIPSIS, False))
    if end < len(text):
        segments.append((_ELLIPSIS, False))
    return tuple((t, hit) for t, hit in segments if t)


def make_snippets(ticket: StoredTicket, tokenizer: TextTokenizer, wanted: set[str], limit: int) -> tuple[Snippet, ...]:
    """The ``limit`` texts of ``ticket`` that match ``wanted`` best, best first."""
    if not wanted or limit <= 0:
        return ()
    scored: list[tuple[int, int, int, Snippet]] = []
    for order, (entry_id, kind, text) in enumerate(_pieces(ticket)):
        if not text:
            continue
        # Placeholders of masked text (PLACEHOLDER) become spaces of the same length: never matched, never marked.
        spans, distinct = match_spans(tokenizer, PLACEHOLDER.sub(" ", text), wanted)
        if not spans:
            continue
        snippet = Snippet(entry_id, kind, build_segments(text, spans))
        # More distinct query words first, then more matches, then earlier text.
        scored.append((-distinct, -len(spans), order, snippet))
    scored.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in scored[:limit])
