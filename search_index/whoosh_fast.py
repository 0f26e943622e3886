"""The fast paths that read whoosh3's internals: kept in this one module, each beside its slow path, and tested.

whoosh3 is pinned (`whoosh3==3.54.0` in pyproject, WHOOSH_PINNED here). Each fast path reads a whole column of a
segment in one go where whoosh's public API reads one document at a time; each says whether it could
(`column_values`, `preload_lengths`), and when whoosh's internals are not what it expects it falls back to the
public API, with the same answers, only slower. tests/search_index/test_whoosh_fast.py checks on the pinned
version that every fast path is taken and answers exactly as its slow path: an upgrade that changes the internals
fails that test instead of silently losing the speed (docs/PERFORMANCE.md has the figures).

The index writer's fast paths (the posting pool's sorted runs, a new segment's field lengths) replace methods of
whoosh's classes, applied with the corrections below; they write the same files byte for byte, and `slow_writer()`
gives whoosh's own writer (test_whoosh_fast.py compares the two, also in a parallel rebuild's writing processes).

It also corrects whoosh3 3.54.0's matchers, which returned wrong search results (issue 19; applied when this module
is imported, so before any search): each correction stands beside what it replaces, and `unpatched()` gives whoosh
as released. tests/search_index/test_whoosh_fixes.py shows every bug on the pinned whoosh without the corrections (an
upgrade that fixes them upstream fails there as "still broken") and right results with them; the upstream report
(the bugs, how to reproduce them, the patch) is in docs/search.md.
"""

from __future__ import annotations

import math
import pickle
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3LeafMatcher, W3PerDocReader
from whoosh.matching import binary, combo, mcore, wrappers
from whoosh.searching import Searcher
from whoosh.writing import PostingPool

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


# ==== corrections to whoosh3 3.54.0's matchers (issue 19) ===============================================
# Nothing else in SupportDesk touches whoosh's matchers. What each bug did is told beside its correction and in
# docs/search.md ("whoosh3 3.54.0 bugs corrected here").

# ---- 1. AndNot checks its first candidate ------------------------------------------------------------------


def and_not_find_first(self: Any) -> None:
    """Move to the first wanted document that is not excluded (the original skipped the check unless the excluded
    matcher already stood on the same document)."""
    self._find_next()  # moves the exclusion up to the candidate first, then steps past excluded ones


def and_not_find_next(self: Any) -> bool:
    """Step the wanted side past excluded documents; the original asked an exhausted wanted side for its document
    (IndexError) when an AND or OR above had just moved it past its end with ``skip_to``."""
    wanted, excluded = self.a, self.b
    if not (wanted.is_active() and excluded.is_active()):
        return False
    at = wanted.id()
    if excluded.id() < at:
        excluded.skip_to(at)
    new_block = False
    while excluded.is_active() and excluded.id() == at:
        new_block = bool(wanted.next()) or new_block
        if not wanted.is_active():
            break
        at = wanted.id()
        excluded.skip_to(at)
    return new_block


# ---- 2. block skipping that keeps its bound -----------------------------------------------------------------

_UNKNOWN = -math.inf  # a block end nobody can tell: nothing may be skipped on its account


def block_end(matcher: Any) -> float:
    """The last document number that ``matcher.block_quality()`` is an upper bound for."""
    if not matcher.is_active():
        return math.inf  # contributes nothing from here on
    if isinstance(matcher, W3LeafMatcher):
        end: float = matcher.block_max_id()
        return end
    kind = type(matcher)
    if kind is mcore.ListMatcher:  # one block: the whole list
        last: float = matcher._ids[-1]
        return last
    if kind is binary.AndNotMatcher:
        return block_end(matcher.a)
    if kind in (binary.UnionMatcher, binary.IntersectionMatcher, binary.AndMaybeMatcher):
        return min(block_end(matcher.a), block_end(matcher.b))
    if kind in (wrappers.WrappingMatcher, wrappers.FilterMatcher, wrappers.CoordMatcher, wrappers.SingleTermMatcher):
        return block_end(matcher.child)
    if kind is wrappers.RequireMatcher:
        return block_end(matcher.a)
    if kind is combo.ArrayUnionMatcher:  # scores read ahead for one part of the segment at a time
        part_end: float = matcher._limit - 1
        return part_end
    if kind is combo.PreloadedUnionMatcher:  # its block quality is the maximum of everything still ahead
        return math.inf
    return _UNKNOWN


def skip_blocks(matcher: Any, minquality: float, bound: float = math.inf) -> int:
    """Skip the blocks of ``matcher`` that score at most ``minquality`` and end at or before document ``bound``."""
    if not matcher.is_active():
        return 0
    kind = type(matcher)
    if isinstance(matcher, W3LeafMatcher):
        skipped: int = matcher._skip_to_block(
            lambda: matcher.block_max_id() <= bound and matcher.block_quality() <= minquality
        )
        return skipped
    if kind in (binary.UnionMatcher, binary.IntersectionMatcher, binary.AndMaybeMatcher):
        return _skip_pair(matcher, minquality, bound)
    if kind is binary.AndNotMatcher:
        skipped = skip_blocks(matcher.a, minquality, bound)
        if skipped and matcher.a.is_active():
            matcher._find_next()
        return skipped
    if kind is wrappers.WrappingMatcher:  # a boost: a boost of 0 scores nothing, so any block may go
        boost = matcher.boost
        return skip_blocks(matcher.child, minquality / boost if boost else math.inf, bound)
    if bound == math.inf:
        own: int = matcher.skip_to_quality(minquality)
        return own
    # Any other matcher: whole blocks through the public API, while they stay within the bound.
    skipped = 0
    while matcher.is_active() and matcher.block_quality() <= minquality:
        end = block_end(matcher)
        if end > bound or end == _UNKNOWN:
            break
        matcher.skip_to(int(end) + 1)
        skipped += 1
    return skipped


def _skip_pair(pair: Any, minquality: float, bound: float) -> int:
    """Block-max skipping for two matchers whose scores add up (union, intersection, and-maybe).

    Within the stretch where both sides stay in their current blocks, no document scores more than the sum of the
    two block qualities. When that sum cannot beat ``minquality``, the side whose block ends first skips its blocks
    that end inside the other side's block and cannot beat what is left; then the other side, and so on.
    """
    a, b = pair.a, pair.b
    skipped = 0
    while a.is_active() and b.is_active():
        aq, bq = a.block_quality(), b.block_quality()
        if aq + bq > minquality:
            break
        a_end, b_end = block_end(a), block_end(b)
        if a_end <= b_end:
            moved = skip_blocks(a, minquality - bq, min(b_end, bound)) if a_end <= bound else 0
        else:
            moved = skip_blocks(b, minquality - aq, min(a_end, bound)) if b_end <= bound else 0
        if not moved:
            break
        skipped += moved
    kind = type(pair)
    if kind is binary.IntersectionMatcher:
        if a.is_active() and b.is_active() and a.id() != b.id():
            pair._find_next()  # both sides on the same document again
    elif kind is binary.AndMaybeMatcher:
        if a.is_active() and not b.is_active():
            skipped += skip_blocks(a, minquality, bound)
        elif a.is_active() and b.id() < a.id():
            b.skip_to(a.id())  # the optional side must not lag behind, or the next document is scored without it
    else:  # union: one side left is a matcher of its own
        pair._id = None  # its cached current document
        if a.is_active() != b.is_active():
            skipped += skip_blocks(a if a.is_active() else b, minquality, bound)
        pair._id = None
    return skipped


def pair_skip_to_quality(self: Any, minquality: float) -> int:
    """The corrected ``skip_to_quality`` of UnionMatcher, IntersectionMatcher and AndMaybeMatcher."""
    return _skip_pair(self, minquality, math.inf)


# ---- 3. a preloaded union's maximum is the sum of its parts' -------------------------------------------------


def summed_max_quality(self: Any) -> float:
    """The most a document can score: the parts' scores add up, so their maxima do too."""
    total: float = sum(m.max_quality() for m in self._submatchers if m.is_active()) * self._boost
    return total


# ---- 4. an optional side follows its required side ---------------------------------------------------------


def and_maybe_skip_to(self: Any, target: int) -> bool:
    """``AndMaybeMatcher.skip_to`` moved the optional side to ``target``, not to where the required side landed
    (past ``target`` when it has no match there): the optional side stayed behind, and the next document was
    scored without it (``status:closed 初期不良`` scored a ticket tagged 初期不良 without its tag, 16th instead of
    2nd). An AND above an AND-maybe moves it with ``skip_to`` every time their documents differ."""
    required, optional = self.a, self.b
    if not required.is_active():
        raise mcore.ReadTooFar
    moved = bool(required.skip_to(target))
    if required.is_active() and optional.is_active():
        moved = bool(optional.skip_to(required.id())) or moved
    return moved


# ==== the index writer's fast paths (issue 19: a full rebuild within 10 minutes) ===============================
# A ticket makes ~300 postings. whoosh's PostingPool pickled each on its own into its sorted runs and read each back
# on its own in the merge, and its FieldWriter read each posting's field length from the new segment's file. Same
# index files, byte for byte (tests/search_index/test_whoosh_fast.py); only the CPU time differs (docs/PERFORMANCE.md).

RUN_CHUNK = 4096  # postings per pickle in a sorted run of the posting pool


def pool_add(self: Any, item: tuple[str, bytes, int, float, bytes | None]) -> None:
    """``PostingPool.add``: the same checks, the same estimate of the pool's size (so the same runs), fewer steps."""
    fieldname, tbytes, _, _, vbytes = item
    assert isinstance(tbytes, bytes), f"tbytes={tbytes!r}"
    assert vbytes is None or isinstance(vbytes, bytes), f"vbytes={vbytes!r}"
    self.fieldnames.add(fieldname)
    # whoosh's estimate: 28 + 4 * 5 (tuple) + 21 + len(fieldname) + 26 + 2 * len(text) + 18 + 16 + 21 + len(value)
    self.currentsize += 150 + len(fieldname) + 2 * len(tbytes) + (len(vbytes) if vbytes else 0)
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


def pool_write_run(self: Any, f: Any, items: Iterable[Any]) -> None:
    """``PostingPool._write_run``: the sorted postings as pickled lists of RUN_CHUNK (whoosh: one pickle each)."""
    try:
        if isinstance(items, list):
            for start in range(0, len(items), RUN_CHUNK):
                pickle.dump(items[start : start + RUN_CHUNK], f, pickle.HIGHEST_PROTOCOL)
        else:  # a merge of runs (reduce_to)
            rest = iter(items)
            while chunk := list(islice(rest, RUN_CHUNK)):
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
    finally:
        f.close()


def _run_chunks(pool: Any, path: str) -> Iterator[list[Any]]:
    f = pool._open_run(path)
    try:
        while True:
            try:
                chunk = pickle.load(f)
            except EOFError:
                return
            # A tuple is a posting on its own: a run written by whoosh's _write_run (a process without these paths).
            yield chunk if type(chunk) is list else [chunk]
    finally:
        f.close()
        pool._remove_run(path)


def pool_read_run(self: Any, path: str) -> Iterator[Any]:
    """``PostingPool._read_run``: a run's postings in order, a chunk at a time; the file removed once read."""
    return chain.from_iterable(_run_chunks(self, path))


_BYTE_LENGTHS: list[int | None] = []  # a length byte -> what doc_field_length_reader answers for it


def field_lengths_reader(self: Any, fieldname: str, default: int = 0) -> Callable[[int], int | None]:
    """``W3PerDocReader.doc_field_length_reader`` (called by the field writer for every posting of a new segment):
    the field's lengths column read once, each document's length then looked up in memory.

    Answers as whoosh's: a document without a length byte (0) has None, a field without a column ``default``.
    """
    slow: Callable[..., Callable[[int], int | None]] = _WRITER_ORIGINALS[W3PerDocReader, "doc_field_length_reader"]
    try:
        column = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if column is None or column._fixedlen != 1:
            return slow(self, fieldname, default)
        if not _BYTE_LENGTHS:
            _BYTE_LENGTHS.extend([None, *(whoosh3.byte_to_length(b) for b in range(1, 256))])
        table = _BYTE_LENGTHS
        lengths = [table[b] for b in _region(column)]
        lengths.extend([None] * (self._doccount + 1 - len(lengths)))  # no byte stored: reads as 0, so None
    except _CHANGED:
        return slow(self, fieldname, default)
    return lengths.__getitem__


_WRITER: tuple[tuple[type, str, Callable[..., Any]], ...] = (
    (PostingPool, "add", pool_add),
    (PostingPool, "_write_run", pool_write_run),
    (PostingPool, "_read_run", pool_read_run),
    (W3PerDocReader, "doc_field_length_reader", field_lengths_reader),
)
# What each replaces; PostingPool inherits _write_run and _read_run from SortingPool, so there it has none of its own.
_WRITER_ORIGINALS: dict[tuple[type, str], Any] = {
    (cls, name): cls.__dict__.get(name) or getattr(cls, name) for cls, name, _ in _WRITER
}
_OWN = {(cls, name): name in cls.__dict__ for cls, name, _ in _WRITER}


# ---- applying them -------------------------------------------------------------------------------------------

_FIXES: tuple[tuple[type, str, Callable[..., Any]], ...] = (
    (binary.AndNotMatcher, "_find_first", and_not_find_first),
    (binary.AndNotMatcher, "_find_next", and_not_find_next),
    (binary.UnionMatcher, "skip_to_quality", pair_skip_to_quality),
    (binary.IntersectionMatcher, "skip_to_quality", pair_skip_to_quality),
    (binary.AndMaybeMatcher, "skip_to_quality", pair_skip_to_quality),
    (combo.CombinationMatcher, "max_quality", summed_max_quality),
    (binary.AndMaybeMatcher, "skip_to", and_maybe_skip_to),
)
_ORIGINALS: dict[tuple[type, str], Any] = {(cls, name): cls.__dict__[name] for cls, name, _ in _FIXES}


def apply() -> None:
    """Put the corrected methods and the writer's fast paths in place (idempotent).

    Run when this module is imported, which importing any of search_index does: also in each writing process of a
    parallel rebuild, which imports search_index to read the index's schema (test_whoosh_fast.py checks it there).
    """
    for cls, name, replacement in (*_FIXES, *_WRITER):
        setattr(cls, name, replacement)


def applied() -> bool:
    """Whether every correction is in place."""
    return all(cls.__dict__.get(name) is fixed for cls, name, fixed in _FIXES)


def writer_applied() -> bool:
    """Whether every fast path of the writer is in place."""
    return all(cls.__dict__.get(name) is fast for cls, name, fast in _WRITER)


@contextmanager
def unpatched() -> Iterator[None]:
    """whoosh as released, for the tests that show each bug is still there without these fixes."""
    for (cls, name), original in _ORIGINALS.items():
        setattr(cls, name, original)
    try:
        yield
    finally:
        apply()


@contextmanager
def slow_writer() -> Iterator[None]:
    """whoosh's own writer (the matchers stay corrected), for the tests that compare what the fast paths write."""
    for (cls, name), original in _WRITER_ORIGINALS.items():
        if _OWN[cls, name]:
            setattr(cls, name, original)
        else:
            delattr(cls, name)
    try:
        yield
    finally:
        apply()


apply()
