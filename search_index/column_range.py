"""A date range answered from the sortable column, not from the index's terms.

whoosh's DateRange ORs the posting lists of the numeric trie terms that cover the range: for "created after
June" on the 300k-ticket benchmark desk that is a union of lists holding 170k tickets, walked in Python for
every search (~300 ms). The sortable column already holds each ticket's time, 8 bytes apiece: read it once per
reader into memory (search_index/whoosh_fast.py) and list the tickets in range (~20 ms), then intersect as usual.
"""

from __future__ import annotations

from array import array
from datetime import datetime
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.util.times import datetime_to_long

from search_index.whoosh_fast import column_values

_CACHE_ATTR = "_supportdesk_column_values"


def _column_values(reader: Any, fieldname: str) -> array[int]:
    """Every document's raw column value (datetime_to_long) of one segment reader, cached on the reader."""
    cache: dict[str, array[int]] = reader.__dict__.setdefault(_CACHE_ATTR, {})
    if fieldname not in cache:
        cache[fieldname], _ = column_values(reader, fieldname)
    return cache[fieldname]


class ColumnDateRange(wq.Query):
    """Documents whose sortable DATETIME ``fieldname`` lies in [start, end); either end may be None (open)."""

    def __init__(self, fieldname: str, start: datetime | None, end: datetime | None, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.start, self.end = start, end
        self.boost = boost

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.fieldname!r}, {self.start!r}, {self.end!r})"

    def __str__(self) -> str:
        return f"{self.fieldname}:[{self.start} TO {self.end})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ColumnDateRange) and (other.fieldname, other.start, other.end, other.boost) == (
            self.fieldname,
            self.start,
            self.end,
            self.boost,
        )

    def __hash__(self) -> int:
        return hash((type(self), self.fieldname, self.start, self.end))

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader: Any) -> int:
        return int(ixreader.doc_count())

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        reader = searcher.reader()
        values = _column_values(reader, self.fieldname)
        low = datetime_to_long(self.start) if self.start is not None else 0
        high = datetime_to_long(self.end) if self.end is not None else 2**64
        ids = [d for d, v in enumerate(values) if low <= v < high]
        if reader.has_deletions():
            ids = [d for d in ids if not reader.is_deleted(d)]
        found: matching.Matcher = matching.ListMatcher(ids, all_weights=self.boost) if ids else matching.NullMatcher()
        return found
