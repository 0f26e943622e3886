"""The fast paths that read whoosh3's internals: kept in this one module, each beside its slow path, and tested.

whoosh3 is pinned (`whoosh3==3.54.0` in pyproject, WHOOSH_PINNED here). Each fast path reads a whole column of a
segment in one go where whoosh's public API reads one document at a time; each says whether it could
(`column_values`, `preload_lengths`), and when whoosh's internals are not what it expects it falls back to the
public API, with the same answers, only slower. tests/search_index/test_whoosh_fast.py checks on the pinned
version that every fast path is taken and answers exactly as its slow path: an upgrade that changes the internals
fails that test instead of silently losing the speed (docs/PERFORMANCE.md has the figures).
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.searching import Searcher

WHOOSH_PINNED = "3.54.0"

# What the fast paths read from whoosh when its internals change (an attribute, a module or a layout missing).
_CHANGED = (AttributeError, ImportError, IndexError, TypeError, ValueError)


def _region(column: Any) -> bytes:
    """A fixed-width column's values as one read of its region of the segment file (whoosh3 3.54.0 internals)."""
    raw: bytes = column._dbfile.get(column._basepos, column._count * column._fixedlen)
    return raw


# ---- a sortable DATETIME column of a segment, as 8-byte integers (search_index/column_range.py) -------------


def column_values_slow(reader: Any, fieldname: str) -> array[int]:
    """Every document's raw column value, one document at a time (whoosh's public column reader)."""
    column = reader.column_reader(fieldname, translate=False)
    return array("Q", (column[docnum] for docnum in range(reader.doc_count_all())))


def column_values(reader: Any, fieldname: str) -> tuple[array[int], bool]:
    """Every document's raw column value of one segment reader; True when read in one go (the fast path)."""
    column = reader.column_reader(fieldname, translate=False)
    try:
        raw = _region(column)
        values = array("Q")
        values.frombytes(raw)
        if column._unpack(raw[:8])[0] != values[0]:
            values.byteswap()  # stored big-endian
        default = column._default
    except _CHANGED:
        return column_values_slow(reader, fieldname), False
    # Documents after the last one with a value have none stored: they read as the column's default.
    values.extend([default] * max(0, reader.doc_count_all() - len(values)))
    return values, True


# ---- field lengths held in memory for BM25 (search_index/index.py) --------------------------------------------


def preload_lengths(searcher: Searcher) -> bool:
    """Give each segment reader of `searcher` its scored fields' lengths in memory; True when it could.

    BM25 reads a document's field length for every match it scores; without memory maps whoosh reads each one
    from the file (a seek and a read). The lengths column holds a byte per document: one read per column instead.
    """
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        reader = searcher.reader()
        # Any: _perdoc and its readers are the per-document reader's internals, not IndexReader's API.
        leaves: list[tuple[Any, int]] = [(reader, 0)] if reader.is_atomic() else reader.leaf_readers()
        for leaf, _ in leaves:
            perdoc = leaf._perdoc
            count = perdoc.doc_count_all()
            for name, field in searcher.schema.items():
                column = perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN) if field.scorable else None
                if column is not None:
                    lengths = _region(column)
                    perdoc._readers[_lenfield(name)] = lengths + bytes(count + 1 - len(lengths))
    except _CHANGED:
        return False
    return True
