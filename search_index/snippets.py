"""Highlighted extracts for the hits actually shown.

Runs after the search, on the stored texts of the returned tickets only, with
the index's own tokenizer: the terms that matched are found again by term
(so ｻｰﾊﾞ in a message lights up for a search on サーバー) and the spans come
back in original-text offsets, so half-width and decomposed text is marked on
exactly the characters the customer wrote.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable

from search_index.documents import PLACEHOLDER, RESOLUTION_KIND, SUBJECT_KIND, SUMMARY_KIND, Snippet
from search_index.schema import Cut, StoredTicket
from search_index.tokenizers import TextTokenizer

SNIPPET_WIDTH = 120  # characters of context shown per snippet
_LEAD = 24  # characters kept before the first match in a cut snippet
_ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
# Work per hit is bounded, whatever the size of the ticket: a text is read in chunks of SCAN_CHUNK characters
# and its snippet comes from the first chunk with a match; a hit reads at most SCAN_BUDGET characters in all
# (its subject, summary, resolution and entries, in that order). Tokenizing is the cost (about 0.1 s per 10,000
# characters of Japanese), so a 5 MB reply costs what 30,000 characters do. A match further in is not lit up:
# the ticket is still a hit, shown by its other snippets.
SCAN_CHUNK = 10_000
SCAN_BUDGET = 30_000
# A chunk ends at a line break or a sentence end near SCAN_CHUNK, so no word is cut in two.
_BREAK = re.compile(r"[\n。．.!?！？]")
_BREAK_SEARCH = 400

Span = tuple[int, int]


def _pieces(ticket: StoredTicket) -> Iterable[tuple[int, int | None, str, str]]:
    """(where its cut is in ``ticket.cuts``, entry id, kind, text) of each text a snippet may come from."""
    yield 0, None, SUBJECT_KIND, ticket.subject
    if ticket.summary:
        yield 1, None, SUMMARY_KIND, ticket.summary
    if ticket.resolution:
        yield 2, None, RESOLUTION_KIND, ticket.resolution
    for number, (entry_id, kind, body) in enumerate(ticket.entries, 3):
        yield number, entry_id, kind, body


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


def stored_spans(cut: Cut, wanted: set[str]) -> tuple[list[Span], int]:
    """Like ``match_spans``, from the terms stored at index time: no tokenizing at search time."""
    found: list[Span] = []
    distinct = 0
    for term in wanted:
        offsets = cut.get(term)
        if offsets:
            distinct += 1
            found.extend(zip(offsets[::2], offsets[1::2], strict=True))
    found.sort()
    spans: list[Span] = []
    for start, end in found:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans, distinct


def _window(length: int, spans: list[Span], width: int) -> Span:
    """The `width` characters holding the most whole spans, starting a little before one of them.

    Linear: spans are sorted and disjoint, and a window's start only moves forward as the anchor does, so the
    first span inside it (`first`) and the last (`last`) only move forward too.
    """
    if length <= width:
        return 0, length
    best_start, best_count = 0, -1
    first = last = 0
    for anchor, _ in spans:
        start = max(0, min(anchor - _LEAD, length - width))
        while first < len(spans) and spans[first][0] < start:
            first += 1
        last = max(last, first)
        while last < len(spans) and spans[last][1] <= start + width:
            last += 1
        if last - first > best_count:
            best_start, best_count = start, last - first
    return best_start, best_start + width


def _clean(text: str) -> str:
    # Line breaks and tabs would break a one-line table cell or CLI row.
    return _SPACES.sub(" ", text)


def build_segments(text: str, spans: list[Span], width: int = SNIPPET_WIDTH) -> tuple[tuple[str, bool], ...]:
    """Cut ``text`` around ``spans`` into (text, is_match) segments."""
    start, end = _window(len(text), spans, width)
    segments: list[tuple[str, bool]] = []
    pos = start
    # Only the spans that reach into the window (spans are sorted by start and disjoint).
    first = bisect.bisect_left(spans, (start, start))
    if first > 0 and spans[first - 1][1] > start:
        first -= 1
    for s, e in spans[first:]:
        if s >= end:
            break
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


def _chunk_end(text: str, start: int) -> int:
    end = start + SCAN_CHUNK
    if end >= len(text):
        return len(text)
    found = _BREAK.search(text, end, end + _BREAK_SEARCH)
    return found.end() if found else end


def scan_spans(tokenizer: TextTokenizer, text: str, wanted: set[str], budget: int) -> tuple[list[Span], int, int]:
    """The spans of the first chunk of ``text`` that has any, reading at most ``budget`` characters.

    Returns (spans in ``text``'s offsets, distinct terms hit, characters read).
    """
    read = start = 0
    while start < len(text) and read < budget:
        end = _chunk_end(text, start)
        # Placeholders of masked text (PLACEHOLDER) become spaces of the same length: never matched, never marked.
        spans, distinct = match_spans(tokenizer, PLACEHOLDER.sub(" ", text[start:end]), wanted)
        read += end - start
        if spans:
            return [(s + start, e + start) for s, e in spans], distinct, read
        start = end
    return [], 0, read


def make_snippets(ticket: StoredTicket, tokenizer: TextTokenizer, wanted: set[str], limit: int) -> tuple[Snippet, ...]:
    """The ``limit`` texts of ``ticket`` that match ``wanted`` best, best first.

    From the terms stored with the ticket at index time when it has them (every text, whatever its length);
    otherwise (texts given without them) cut here, at most SCAN_BUDGET characters.
    """
    if not wanted or limit <= 0:
        return ()
    scored: list[tuple[int, int, int, Snippet]] = []
    budget = SCAN_BUDGET
    for order, (number, entry_id, kind, text) in enumerate(_pieces(ticket)):
        if budget <= 0:
            break
        if not text:
            continue
        if ticket.cuts is not None:
            spans, distinct = stored_spans(ticket.cuts[number], wanted)
        else:
            spans, distinct, read = scan_spans(tokenizer, text, wanted, budget)
            budget -= read
        if not spans:
            continue
        snippet = Snippet(entry_id, kind, build_segments(text, spans))
        # More distinct query words first, then more matches, then earlier text.
        scored.append((-distinct, -len(spans), order, snippet))
    scored.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in scored[:limit])
