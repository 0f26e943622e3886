"""A search restricted to tickets the caller already knows (a team's own field: ``SearchIndex.search(only=...)``).

The tickets were an OR of one zero-weight ticket_id term each: every term looked up in the term dictionary and
stepped in a union, about 1.7 ms per ticket on the benchmark desk (500 tickets: 0.9 s, 3,000: 2.5 s for one search;
docs/PERFORMANCE.md). Each segment now keeps its tickets' numbers in a column (schema.TICKET_NUMBER, 8 bytes a
ticket, read in one go and held per segment reader), so the tickets become the segment's document numbers in one
pass over the set and match as one sorted list, intersected with the words like any filter.
"""

from __future__ import annotations

from typing import Any

from whoosh import matching
from whoosh import query as wq

from search_index.schema import TICKET_NUMBER
from search_index.whoosh_fast import column_values

_CACHE_ATTR = "_supportdesk_ticket_docnums"


def docnums_by_ticket(reader: Any) -> dict[int, int]:
    """Ticket number -> document number of the live copy in one segment reader (cached on the reader)."""
    cached: dict[int, int] | None = reader.__dict__.get(_CACHE_ATTR)
    if cached is None:
        numbers, _ = column_values(reader, TICKET_NUMBER)
        deleted = reader.has_deletions()
        cached = {n: d for d, n in enumerate(numbers) if n and not (deleted and reader.is_deleted(d))}
        reader.__dict__[_CACHE_ATTR] = cached
    return cached


class _Unweighted(matching.ListMatcher):
    """Matches its documents weighing nothing: the tickets restrict a search, they do not rank it."""

    def weight(self) -> float:
        return 0.0

    def score(self) -> float:
        return 0.0


class TicketSet(wq.Query):
    """The tickets numbered ``tickets`` (those in the index), scoring nothing."""

    def __init__(self, tickets: frozenset[int]) -> None:
        self.tickets = tickets

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.tickets)} tickets)"

    def __str__(self) -> str:
        return f"ticket_id:<{len(self.tickets)} tickets>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TicketSet) and other.tickets == self.tickets

    def __hash__(self) -> int:
        return hash((type(self), self.tickets))

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader: Any) -> int:
        return len(self.tickets)

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        docnums = docnums_by_ticket(searcher.reader())
        found = sorted(docnums[t] for t in self.tickets if t in docnums)
        if not found:
            nothing: matching.Matcher = matching.NullMatcher()
            return nothing
        return _Unweighted(found)  # type: ignore[no-untyped-call]
