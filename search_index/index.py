"""SearchIndex: the one object services use for full-text search of tickets."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh.collectors import TopCollector
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter, SegmentWriter

from search_index.analysis import SupportDeskAnalyzer
from search_index.documents import PLACEHOLDER, Hit, SearchResult, TicketDoc
from search_index.errors import IndexBusy, IndexMissing, QueryError, SearchIndexError
from search_index.normalize import normalize_value
from search_index.private_files import private_storage, tighten
from search_index.query_compile import CompiledQuery, compile_query, text_term
from search_index.query_syntax import parse_query
from search_index.schema import (
    MASKED_TERMS_IN_ORDER,
    PAYLOAD,
    SCHEMA_VERSION,
    TERMS_IN_ORDER,
    TEXT_FIELD,
    TICKET_NUMBER,
    StoredTicket,
    build_schema,
    decode_payload,
    doc_to_fields,
)
from search_index.snippets import TOKENS, make_snippets
from search_index.storage import IndexDirectory
from search_index.stored_phrase import StoredPhrase, open_column
from search_index.ticket_set import TicketSet
from search_index.tokenizers import TextTokenizer, get_tokenizer
from search_index.whoosh_fast import preload_lengths

DEFAULT_TOKENIZER = "sudachi"  # chosen by measured F1, see docs/search.md
MAX_LIMIT = 1000
_MLT_TERMS = 12
# A key term found in more than this share of tickets says little about what a ticket is about, and reading its
# postings was most of the time similar cases took on the 300k-ticket desk (docs/PERFORMANCE.md).
_MLT_MAX_SHARE = 0.03


def _meta(tokenizer: TextTokenizer) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tokenizer": tokenizer.name,
        "tokenizer_version": tokenizer.version,
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _open_dir(path: Path) -> FileIndex:
    """Open a whoosh index reading its segment files through file handles, not memory maps.

    With mmap, whoosh copies each part of a compound segment into memory (a BytesIO over the mapped file) when a
    searcher opens it: 1.8 GB of RSS for the 300k-ticket benchmark desk, against 115 MB this way, for searches
    about 15% slower (docs/PERFORMANCE.md). Segments stay compound: a reader holds the one open file, so a merge
    in another process that deletes it cannot pull a file out from under a search (separate segment files are
    opened lazily and were, FileNotFoundError).
    """
    index: FileIndex = private_storage(str(path), supports_mmap=False).open_index()
    return index


# A split word whose parts stand together in fewer tickets than this also finds them apart (see _rank).
FILL_BELOW = 20


def _searcher(ix: FileIndex) -> Searcher:
    """A searcher whose readers hold the scored fields' lengths in memory (one byte per ticket and field).

    BM25 needs a ticket's field length for every match it scores, and without memory maps whoosh reads each one
    from the file (a seek and a read): 20% of a search on the benchmark desk. Where whoosh's internals are not the
    pinned version's, the searcher simply reads lengths from the file (search_index/whoosh_fast.py).
    """
    searcher = ix.searcher()
    preload_lengths(searcher)
    return searcher


# How many tickets a search counts at most: beyond it the total reads "more than 1,000". Counting every match of a
# common word took as long as finding the best 20 on the 300k-ticket benchmark desk (docs/PERFORMANCE.md).
TOTAL_CAP = 1000


def _not_older(ix: FileIndex, latest: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents that are not older than the copy already indexed (by ``updated``). Call with the write lock.

    Two indexers of one index (two app instances) can read a ticket at different moments; the one that read
    earlier may write last. It re-queues what it wrote out of date, but killed before that, the older copy stayed
    for good (seen once in the kill -9 stress test). The newer copy now always wins here.
    """
    with ix.searcher() as searcher:
        reader = searcher.reader()
        leaves = [(reader, 0)] if reader.is_atomic() else list(reader.leaf_readers())
        kept = []
        for ticket_id, fields in latest.items():
            docnum = searcher.document_number(ticket_id=str(ticket_id))
            if docnum is not None:
                leaf, offset = next((leaf, at) for leaf, at in reversed(leaves) if docnum >= at)
                if leaf.column_reader("updated")[docnum - offset] > fields["updated"]:
                    continue
            kept.append(fields)
        return kept


def _copy_chosen(writer: SegmentWriter, segments: list[Any], chosen: Callable[[Any], bool]) -> list[Any]:
    """Copy the ``chosen`` segments, without their deleted documents, into the writer's new segment; return the rest."""
    from whoosh.reading import SegmentReader

    kept = []
    for segment in segments:
        if chosen(segment):
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return kept


def _rewrite_segments_with_deletions(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """A whoosh merge policy: every segment with deleted documents is copied without them into the new segment."""
    return _copy_chosen(writer, segments, lambda segment: segment.has_deletions())


def _merge_plan(segments: list[Any], deleted_share: float, big_from: int) -> tuple[list[Any], list[Any]]:
    """(The segments a compact rewrites into one, the big ones it leaves as they are); see MERGE_BIG_FROM."""
    largest = max((segment.doc_count() for segment in segments), default=0)
    merged: list[Any] = []
    kept: list[Any] = []
    for segment in segments:
        live, stored = segment.doc_count(), segment.doc_count_all()
        big = live >= big_from and live >= MERGE_BIG_SHARE * largest
        (merged if not big or stored - live > deleted_share * stored else kept).append(segment)
    if len(merged) == 1 and not merged[0].has_deletions():  # rewriting one segment as it is gains nothing
        return [], segments
    return merged, kept


def _merging(merged: list[Any]) -> Callable[[SegmentWriter, list[Any]], list[Any]]:
    """A whoosh merge policy: the ``merged`` segments are copied (without their deleted documents) into the new one."""
    chosen = {segment.segment_id() for segment in merged}

    def policy(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
        return _copy_chosen(writer, segments, lambda segment: segment.segment_id() in chosen)

    return policy


def _total(searcher: Searcher, q: wq.Query) -> tuple[int, bool]:
    """(How many tickets match, whether that is all of them), counted without scoring, up to TOTAL_CAP.

    Not the top-N collector's count: once its page is full, whoosh replaces parts of the matcher that cannot beat
    the page (even unoptimised), so that count misses matches (4,747 of 13,580 for 解約 on the benchmark desk).
    """
    counted = sum(1 for _ in islice(searcher.docs_for_query(q), TOTAL_CAP + 1))
    return min(counted, TOTAL_CAP), counted <= TOTAL_CAP


# Up to this many possible matches (the query's own bound from its postings' lengths) a search ranks and counts in
# one pass that scores every match: the total is exact and there is no second pass to count. Above it the best page
# comes from whoosh's block skipping and the count stops at TOTAL_CAP. On the small benchmark desk one pass saved the
# counting pass's time on every query (docs/PERFORMANCE.md).
ONE_PASS_MAX = 3000


def _possible(searcher: Searcher, q: wq.Query) -> int:
    """At most how many tickets ``q`` can match (whoosh's estimate; deleted tickets still count)."""
    try:
        return int(q.estimate_size(searcher.reader()))
    except (NotImplementedError, AttributeError):
        return ONE_PASS_MAX + 1


# An OR of more alternatives than this (a caller's list of tickets, ``only``) is left as it is: looking each one up
# would cost more than it saves.
_PRUNE_MAX_PARTS = 50


def _pruned(q: wq.Query, reader: Any) -> wq.Query | None:
    """``q`` without the alternatives no ticket holds (None: nothing can match).

    A word is looked up as itself OR a tag of that name, and most words are no tag: without block skipping (one
    pass) whoosh would still step an OR matcher over an empty side for every match of the other.
    """
    if isinstance(q, wq.Term):
        return q if reader.doc_frequency(q.fieldname, q.text) else None
    if isinstance(q, wq.Phrase):
        return q if all(reader.doc_frequency(q.fieldname, word) for word in q.words) else None
    if isinstance(q, StoredPhrase):
        return q if _pruned(q.pairs, reader) is not None else None
    if isinstance(q, wq.Or) and len(q.subqueries) <= _PRUNE_MAX_PARTS:
        kept = [part for part in (_pruned(sub, reader) for sub in q.subqueries) if part is not None]
        if not kept:
            return None
        if len(kept) == len(q.subqueries):
            return q
        return kept[0] if len(kept) == 1 and q.boost == 1.0 else wq.Or(kept, boost=q.boost)
    if isinstance(q, wq.And):
        parts = [_pruned(sub, reader) for sub in q.subqueries]
        kept = [part for part in parts if part is not None]
        if len(kept) < len(parts):
            return None
        return q if all(a is b for a, b in zip(kept, q.subqueries, strict=True)) else wq.And(kept, boost=q.boost)
    if isinstance(q, wq.AndNot):
        wanted = _pruned(q.a, reader)
        if wanted is None:
            return None
        unwanted = _pruned(q.b, reader)
        return wanted if unwanted is None else wq.AndNot(wanted, unwanted)
    return q


def _stored(searcher: Searcher, docnum: int, masked: bool) -> StoredTicket | None:
    """The ticket ``docnum`` as a hit shows it (``masked``: a trainer's; None if it has no masked texts)."""
    reader = searcher.reader()
    ticket_id = int(open_column(reader, TICKET_NUMBER)[docnum])
    terms = open_column(reader, MASKED_TERMS_IN_ORDER if masked else TERMS_IN_ORDER)[docnum]
    return decode_payload(ticket_id, open_column(reader, PAYLOAD)[docnum], terms, masked)


def _best(searcher: Searcher, q: wq.Query, limit: int) -> tuple[list[tuple[int, float]], tuple[int, bool]]:
    """The best ``limit`` (docnum, score) pairs and (how many tickets match, whether exactly)."""
    pruned = _pruned(q, searcher.reader())
    if pruned is None:
        return [], (0, True)
    q = pruned
    if _possible(searcher, q) <= ONE_PASS_MAX:
        # No block skipping and no matcher replaced (replace=0): every match is scored and counted once.
        collector = TopCollector(limit, usequality=False, replace=0)
        searcher.search_with_collector(q, collector)
        ranked = [(hit.docnum, float(hit.score or 0.0)) for hit in collector.results()]
        return ranked, (collector.count(), True)
    page = _phrase_page(searcher, q, limit)
    if page is None:
        page = [(hit.docnum, float(hit.score or 0.0)) for hit in searcher.search(q, limit=limit)]
    return page, _total(searcher, q)


# A page of a phrase query is first looked for among this many times ``limit`` of its best candidates, then among
# PHRASE_GROWTH times more, up to PHRASE_PAGE_MAX; then the phrase is checked while ranking as before.
PHRASE_PAGE = 4
PHRASE_GROWTH = 8
PHRASE_PAGE_MAX = 5000


def _checked_later(q: wq.Query) -> tuple[wq.Query, list[StoredPhrase]] | None:
    """``q`` with its phrases unchecked, and those phrases, when every match of ``q`` holds each of them (``q`` is a
    phrase, or an AND of parts some of which are phrases and none of the others holds one, or such a query but not
    another one); else None."""
    if isinstance(q, StoredPhrase):
        return (q.unchecked(), [q]) if q.checked else None
    if isinstance(q, wq.AndNot) and q.boost == 1.0:  # scored as its first part; the second stays as it is
        wanted = _checked_later(q.a)
        return None if wanted is None else (wq.AndNot(wanted[0], q.b), wanted[1])
    if not isinstance(q, wq.And):
        return None
    phrases = [sub for sub in q.subqueries if isinstance(sub, StoredPhrase) and sub.checked]
    others = [sub for sub in q.subqueries if not isinstance(sub, StoredPhrase)]
    if not phrases or len(phrases) + len(others) < len(q.subqueries):
        return None
    if any(isinstance(leaf, StoredPhrase) for sub in others for leaf in sub.leaves()):
        return None
    loose = [sub.unchecked() if isinstance(sub, StoredPhrase) else sub for sub in q.subqueries]
    return wq.And(loose, boost=q.boost), phrases


def _phrase_page(searcher: Searcher, q: wq.Query, limit: int) -> list[tuple[int, float]] | None:
    """The best ``limit`` matches of a query with phrases (see ``_checked_later``), or None to rank it as it is.

    Checking a phrase is only a filter: a candidate (a ticket holding the phrase's pairs) that holds it scores what
    it scores unchecked. So the best candidates are ranked unchecked and checked best first; once ``limit`` of them
    hold the phrases and the last candidate ranked scores below the last of those, no candidate further down can
    enter the page (ties with it may: then more candidates are ranked). The same page as ranking the checked query
    (its order too: score, then document number), with ~100 tickets checked instead of every one the ranking
    reaches: "サーバーに接続できません" on the 300k-ticket desk checked ~8,600 (docs/PERFORMANCE.md).
    """
    loosened = _checked_later(q)
    if loosened is None:
        return None
    loose, phrases = loosened
    reader = searcher.reader()
    leaves = [(reader, 0)] if reader.is_atomic() else list(reader.leaf_readers())
    starts = [offset for _, offset in leaves]
    holders: dict[int, list[Callable[[int], bool] | None]] = {}
    held: dict[int, bool] = {}

    def holds(docnum: int) -> bool:
        if docnum not in held:
            at = bisect_right(starts, docnum) - 1
            if at not in holders:
                holders[at] = [phrase.holder(leaves[at][0]) for phrase in phrases]
            local = docnum - starts[at]
            held[docnum] = all(holder is not None and holder(local) for holder in holders[at])
        return held[docnum]

    wanted = limit * PHRASE_PAGE
    while wanted <= PHRASE_PAGE_MAX:
        ranked = [(hit.docnum, float(hit.score or 0.0)) for hit in searcher.search(loose, limit=wanted)]
        found = [(docnum, score) for docnum, score in ranked if holds(docnum)]
        if len(ranked) < wanted:  # every candidate
            return found[:limit]
        if len(found) >= limit and ranked[-1][1] < found[limit - 1][1]:
            return found[:limit]
        wanted *= PHRASE_GROWTH
    return None


# The desk service merges the index when it has more segments than this or more than this share of its tickets are
# deleted copies (each change replaces a ticket's copy; whoosh only marks the old one deleted, and every search
# checks each posting of a segment against its deletions until the segment is merged; its merge policy never merges
# the big segment by itself). See ``SearchIndex.compact``.
MERGE_SEGMENTS = 8
MERGE_DELETED_SHARE = 0.05
# What that merge rewrites: the small segments into one. A segment is big, and left as it is unless more than
# ``deleted_share`` of it is deleted, when it holds at least MERGE_BIG_FROM live tickets and at least
# MERGE_BIG_SHARE of the largest segment's. A full merge of the 300k index (two segments of 150k from a rebuild
# and nine small ones) did not finish in 30 minutes and wrote 17 GB of sorting runs, all under the write lock.
MERGE_BIG_FROM = 10_000
MERGE_BIG_SHARE = 1 / 8


# A rebuild of at least this many tickets writes the index in REBUILD_PROCS processes of whoosh's own (its MpWriter,
# one segment each, not merged) while this process cuts the texts with Sudachi and hands them over already cut
# (schema.PreCut): every core busy. Fewer tickets are written here, in one process (starting the others costs ~1 s).
PARALLEL_FROM = 1_000
REBUILD_PROCS = 2
REBUILD_BATCH = 100  # tickets handed to a writing process at a time


def _spawn_safe() -> bool:
    """Whether a process started with spawn can load this program's main module without running the program again.

    spawn imports the parent's main module in the child: a script without an ``if __name__ == "__main__":`` guard
    would run again there and the rebuild would wait for writers that never start. The supportdesk command, the
    tests and the benchmarks are guarded; anything else that looks unguarded rebuilds in one process.
    """
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if path is None:  # python -c, an interactive session, an embedding program
        return True
    try:
        return "__main__" in Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _rebuild_writer(total: int | None) -> dict[str, Any]:
    """``ix.writer`` arguments for a rebuild of ``total`` tickets; limitmb keeps a rebuild in the app's process low."""
    if total is None or total < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not _spawn_safe():
        return {"limitmb": 64}
    # spawn, not fork: the app rebuilds from a thread, and forking a process with threads can deadlock.
    return {
        "procs": REBUILD_PROCS,
        "batchsize": REBUILD_BATCH,
        "multisegment": True,
        "start_method": "spawn",
        "limitmb": 64,
    }


class SearchIndex:
    """Full-text index of tickets in one directory of the app's data dir.

    Safe to share between threads of one process, and between processes on one
    machine: readers never lock; writers take the directory's write lock for
    at most ``lock_timeout`` seconds and raise IndexBusy if they cannot.
    """

    def __init__(self, directory: IndexDirectory, tokenizer: str, lock_timeout: float) -> None:
        self._dir = directory
        self._wanted_tokenizer = tokenizer
        self._lock_timeout = lock_timeout
        self._lock_delay = min(0.05, lock_timeout / 4) if lock_timeout > 0 else 0.0
        self._mutex = threading.RLock()  # guards the searcher and the generation switch
        self._gen_name: str | None = None
        self._ix: FileIndex | None = None
        self._searcher: Searcher | None = None
        self._tokenizer: TextTokenizer = get_tokenizer(tokenizer)
        self._closed = False
        self.rebuild_reason: str | None = None

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, create: bool = True, *, tokenizer: str = DEFAULT_TOKENIZER, lock_timeout: float = 3.0
    ) -> SearchIndex:
        """Open the index in ``path``, creating an empty one there if ``create``.

        Check ``needs_rebuild`` afterwards: it is True for a new index, for one
        built with another tokenizer, dictionary or schema version, and when an
        unreadable index was replaced by an empty one (only with ``create``).
        """
        get_tokenizer(tokenizer)  # fail early on an unknown name
        directory = IndexDirectory(Path(path))
        self = cls(directory, tokenizer, lock_timeout)
        self._tidy(directory)
        if directory.current_name() is None:
            if not create:
                raise IndexMissing(f"No search index in {path}")
            with directory.write_lock(lock_timeout, self._lock_delay):
                if directory.current_name() is None:  # another process may have won the race
                    self._create_empty()
                    self.rebuild_reason = "new empty index"
        try:
            with self._mutex:
                self._switch_to_current()
        except SearchIndexError as exc:
            if not create or isinstance(exc, IndexMissing):
                raise
            # The index is a cache of the database: an unreadable one (disk
            # trouble, a copy cut short) is replaced by an empty generation
            # that asks to be rebuilt, instead of blocking search for good.
            with directory.write_lock(lock_timeout, self._lock_delay):
                self._create_empty()
            with self._mutex:
                self._switch_to_current()
            self.rebuild_reason = f"the index was unreadable ({exc})"
        return self

    def _tidy(self, directory: IndexDirectory) -> None:
        """On start: remove what a killed rebuild left behind and make files from older versions owner-only.

        Only when the write lock is free at once: a lock held means a rebuild may be running, and its folder is
        not a leftover.
        """
        if not directory.root.is_dir():
            return
        try:
            with directory.write_lock(0, 0):
                directory.cleanup()
        except IndexBusy:
            pass
        tighten(directory.root)

    def _create_empty(self) -> None:
        generation = self._dir.next_generation()
        building = self._dir.new_building_dir(generation)
        try:
            private_storage(str(building)).create_index(build_schema(self._wanted_tokenizer)).close()
            self._dir.publish(building, generation, _meta(self._tokenizer))
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise

    def _switch_to_current(self) -> None:
        """(Re)open the live generation if it is not the one we hold. Needs _mutex."""
        name = self._dir.current_name()
        if name is None:
            raise IndexMissing(f"The search index in {self._dir.root} has disappeared")
        if name == self._gen_name and self._ix is not None and self._searcher is not None:
            if not self._searcher.up_to_date():
                # Not searcher.refresh(): in whoosh3 3.54.0 it re-adds segments
                # that a merge replaced (duplicate and stale hits after
                # update_document) and crashes on an empty index. A new searcher
                # costs a few ms and only happens after a commit.
                self._searcher.close()
                self._searcher = _searcher(self._ix)
            return
        try:
            ix = _open_dir(self._dir.root / name)
        except Exception as exc:  # whoosh raises assorted errors for damaged files
            raise SearchIndexError(f"Cannot read the search index in {self._dir.root / name}: {exc}") from exc
        self._close_reader()
        self._ix, self._gen_name = ix, name
        self._searcher = _searcher(ix)
        # Any text field tells the tokenizer (the fields themselves differ between schema versions).
        names = [f.analyzer.tokenizer_name for _, f in ix.schema.items() if isinstance(f.analyzer, SupportDeskAnalyzer)]
        name_in_index = names[0] if names else "?"
        self._tokenizer = get_tokenizer(name_in_index)
        self._check_meta(name)

    def _check_meta(self, name: str) -> None:
        meta = self._dir.read_meta(name)
        wanted = get_tokenizer(self._wanted_tokenizer)
        if meta.get("schema_version") != SCHEMA_VERSION:
            self.rebuild_reason = f"schema version {meta.get('schema_version')} → {SCHEMA_VERSION}"
        elif meta.get("tokenizer") != wanted.name:
            self.rebuild_reason = f"tokenizer {meta.get('tokenizer')} → {wanted.name}"
        elif meta.get("tokenizer_version") != wanted.version:
            self.rebuild_reason = f"tokenizer version {meta.get('tokenizer_version')} → {wanted.version}"

    def _close_reader(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._searcher = self._ix = None

    def _fresh_searcher(self) -> Searcher:
        """The shared searcher, renewed only if the index changed. Needs _mutex."""
        if self._closed:
            raise SearchIndexError("The search index is closed")
        self._switch_to_current()
        assert self._searcher is not None
        return self._searcher

    @property
    def path(self) -> Path:
        return self._dir.root

    @property
    def tokenizer_name(self) -> str:
        """The tokenizer the open index was built with (queries use the same)."""
        return self._tokenizer.name

    @property
    def needs_rebuild(self) -> bool:
        return self.rebuild_reason is not None

    # -- writing -------------------------------------------------------------

    def _writer(self) -> tuple[FileIndex, IndexWriter]:
        """A writer on the live generation. Call with the directory write lock held."""
        name = self._dir.current_name()
        if name is None:
            raise IndexMissing(f"No search index in {self._dir.root}")
        ix = _open_dir(self._dir.root / name)
        try:
            # Belt and braces: whoosh's own per-index lock, with the same bounded wait.
            return ix, ix.writer(timeout=self._lock_timeout, delay=self._lock_delay)
        except LockError:
            ix.close()
            raise IndexBusy(f"The search index at {self._dir.root} is locked by another writer") from None

    def apply(
        self,
        docs: Iterable[TicketDoc] = (),
        delete_ids: Iterable[int] = (),
        sync_state: dict[str, Any] | None = None,
    ) -> int:
        """Add or replace ``docs`` (by ticket_id) and remove ``delete_ids``, in one commit; returns how many changed.

        ``sync_state`` (any JSON object) is recorded after the commit and read back by ``sync_state()``: the caller's
        note of how far this index has caught up with its source, kept with the index it describes.
        """
        latest: dict[int, dict[str, Any]] = {}
        for doc in docs:  # converted before locking, so a bad doc fails fast
            latest[doc.ticket_id] = doc_to_fields(doc, self._tokenizer)  # last one wins within a batch
        gone = {str(i) for i in delete_ids} - {str(i) for i in latest}
        if not latest and not gone and sync_state is None:
            return 0
        with self._dir.write_lock(self._lock_timeout, self._lock_delay):
            if not latest and not gone:  # only the note
                return self._note_sync(sync_state)
            self._dir.cleanup()
            ix, writer = self._writer()
            try:
                for fields in _not_older(ix, latest):
                    writer.update_document(**fields)
                removed = sum(writer.delete_by_term("ticket_id", i) for i in gone)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            finally:
                ix.close()
            if sync_state is not None:
                self._note_sync(sync_state)
        return len(latest) + removed

    def purge(
        self,
        docs: Iterable[TicketDoc] = (),
        delete_ids: Iterable[int] = (),
        sync_state: dict[str, Any] | None = None,
    ) -> int:
        """Like ``apply``, and then nothing of the old copies is left on disk (for erasure of a person).

        whoosh only marks a replaced or deleted document as deleted in its segment: its stored text and its terms
        stay in the segment files (and the lexicon) until a merge. Here every segment holding a deleted document is
        rewritten with its live documents only and removed, and every older generation of the index is deleted
        (readers in other processes keep what they have open until their next search). Returns how many changed.
        """
        latest = {doc.ticket_id: doc_to_fields(doc, self._tokenizer) for doc in docs}
        gone = {str(i) for i in delete_ids} - {str(i) for i in latest}
        with self._dir.write_lock(self._lock_timeout, self._lock_delay):
            ix, writer = self._writer()
            try:
                for fields in latest.values():  # the erased copy replaces the old one whatever its date
                    writer.update_document(**fields)
                removed = sum(writer.delete_by_term("ticket_id", i) for i in gone)
                writer.commit(mergetype=_rewrite_segments_with_deletions)
            except BaseException:
                writer.cancel()
                raise
            finally:
                ix.close()
            if sync_state is not None:
                self._note_sync(sync_state)
            self._dir.remove_older_generations()
        TOKENS.clear()  # the erased texts' tokens, cut for earlier snippets
        with self._mutex:
            if not self._closed:
                self._close_reader()
                self._switch_to_current()
        return len(latest) + removed

    def compact(
        self,
        *,
        segments: int = MERGE_SEGMENTS,
        deleted_share: float = MERGE_DELETED_SHARE,
        big_from: int = MERGE_BIG_FROM,
    ) -> dict[str, int]:
        """Merge the index's small segments into one, without their deleted copies, if it has more than
        ``segments`` segments or more than ``deleted_share`` of its documents deleted; returns what it found and did:
        ``segments`` and ``deleted`` before, ``merged`` (segments rewritten into one) and ``kept`` (big ones left).

        Not everything into one: at 300k tickets that (``optimize``) did not finish in 30 minutes on one core and
        wrote 17 GB of sorting runs, holding the write lock all along. A segment is big when it holds at least
        ``big_from`` live tickets and at least MERGE_BIG_SHARE of the largest's (the segments of a rebuild); a big
        one is rewritten only when more than ``deleted_share`` of it is deleted, which drops its deleted copies. A
        desk whose segments are all small ends in one segment.

        Searches go on meanwhile, here and in other processes: readers never lock, and each keeps the segments it
        has open until its next search after the commit. Other writers wait for the write lock (IndexBusy after
        ``lock_timeout``: the app's changes stay queued and are applied on its next sync).
        """
        with self._dir.write_lock(self._lock_timeout, self._lock_delay):
            ix, writer = self._writer()
            try:
                assert isinstance(writer, SegmentWriter)  # one process: FileIndex.writer's own
                present = list(writer.segments)
                stored = sum(segment.doc_count_all() for segment in present)
                live = sum(segment.doc_count() for segment in present)
                found = {"segments": len(present), "deleted": stored - live}
                merged, kept = _merge_plan(present, deleted_share, big_from)
                if (len(present) <= segments and stored - live <= deleted_share * max(stored, 1)) or not merged:
                    writer.cancel()
                    return found | {"merged": 0, "kept": len(present)}
                writer.commit(mergetype=_merging(merged))
            except BaseException:
                writer.cancel()
                raise
            finally:
                ix.close()
        return found | {"merged": len(merged), "kept": len(kept)}

    def _note_sync(self, sync_state: dict[str, Any] | None) -> int:
        """Record the caller's sync state with the live generation. Needs the write lock; returns 0 (no changes)."""
        name = self._dir.current_name()
        if name is None:
            raise IndexMissing(f"No search index in {self._dir.root}")
        if sync_state is not None:
            self._dir.write_sync(self._dir.root / name, sync_state)
        return 0

    def update(self, docs: Iterable[TicketDoc]) -> int:
        """Add or replace tickets (by ticket_id) in one commit; returns how many."""
        return self.apply(docs)

    def delete(self, ticket_ids: Iterable[int]) -> int:
        """Remove tickets; returns how many were in the index."""
        return self.apply(delete_ids=ticket_ids)

    def sync_state(self) -> dict[str, Any]:
        """The ``sync_state`` last recorded with the live generation ({} for none)."""
        name = self._dir.current_name()
        return self._dir.read_sync(name) if name is not None else {}

    def rebuild(
        self,
        docs: Iterable[TicketDoc],
        total: int | None = None,
        progress: Callable[[int], None] | None = None,
        sync_state: dict[str, Any] | None = None,
    ) -> int:
        """Index ``docs`` from scratch into a new generation, then switch to it (with ``sync_state``, see ``apply``).

        Searches (here and in other processes) keep using the old index until
        the switch; other writers get IndexBusy until it is done. If this is
        interrupted or killed, the old index stays live and untouched.
        ``progress`` is called with the number of tickets indexed so far.
        """
        step = max(1, total // 100) if total else 100
        with self._dir.write_lock(self._lock_timeout, self._lock_delay):
            self._dir.cleanup()
            generation = self._dir.next_generation()
            building = self._dir.new_building_dir(generation)
            wanted = get_tokenizer(self._wanted_tokenizer)
            try:
                ix = private_storage(str(building), supports_mmap=False).create_index(build_schema(wanted.name))
                writer = ix.writer(**_rebuild_writer(total))
                try:
                    count = self._fill(writer, docs, wanted, step, progress)
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
                finally:
                    ix.close()
                if sync_state is not None:
                    self._dir.write_sync(building, sync_state)
                self._dir.publish(building, generation, _meta(wanted))
            except BaseException:
                shutil.rmtree(building, ignore_errors=True)
                raise
            self._dir.cleanup()
        if progress is not None:
            progress(count)
        with self._mutex:
            self.rebuild_reason = None
            if not self._closed:
                self._switch_to_current()
        return count

    @staticmethod
    def _fill(
        writer: IndexWriter,
        docs: Iterable[TicketDoc],
        tokenizer: TextTokenizer,
        step: int,
        progress: Callable[[int], None] | None,
    ) -> int:
        seen: set[int] = set()
        for doc in docs:
            if doc.ticket_id in seen:
                continue  # a fresh index has nothing to replace: keep the first copy
            seen.add(doc.ticket_id)
            writer.add_document(**doc_to_fields(doc, tokenizer))
            if progress is not None and len(seen) % step == 0:
                progress(len(seen))
        return len(seen)

    # -- reading -------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 20,
        snippets_per_hit: int = 3,
        *,
        tz: tzinfo = UTC,
        masked: bool = False,
        only: Collection[int] | None = None,
    ) -> SearchResult:
        """Tickets matching ``query`` (see docs/search.md), best first.

        Dates in filters are calendar days in ``tz``. Raises QueryError (with a
        ``hint`` for the user) for a query it cannot understand, nothing else.
        ``masked``: search and show the masked copies of the texts (trainers): the personal data was never in them.
        ``only``: among these tickets alone (a filter the caller worked out, such as a team's own field); with an
        empty ``query`` every one of them matches.
        """
        tree = parse_query(query)
        limit = max(1, min(int(limit), MAX_LIMIT))
        with self._mutex:
            searcher = self._fresh_searcher()
            compiled = compile_query(tree, self._tokenizer, tz, masked=masked)
            if only is not None:
                if not only:
                    return SearchResult((), 0, query)
                # In the query, weighing nothing, as one sorted list of the segment's documents (not as a filter=:
                # whoosh would first list every allowed document of the index).
                among = TicketSet(frozenset(only))
                compiled = replace(
                    compiled,
                    query=among if compiled.query is None else wq.And([compiled.query, among]),
                    broad=None if compiled.broad is None else wq.And([compiled.broad, among]),
                )
            if compiled.query is None:
                return SearchResult((), 0, query)
            try:
                ranked, (total, exact) = self._rank(searcher, compiled, limit)
            except wq.QueryError as exc:
                raise QueryError("This search could not be run: {reason}", reason=str(exc)) from exc
            hits = tuple(
                self._hit(searcher, docnum, score, compiled.highlight_terms, snippets_per_hit, masked)
                for docnum, score in ranked
            )
            return SearchResult(hits, total, query, total_exact=exact)

    @staticmethod
    def _rank(
        searcher: Searcher, compiled: CompiledQuery, limit: int
    ) -> tuple[list[tuple[int, float]], tuple[int, bool]]:
        """The best ``limit`` (docnum, score) pairs, and how many tickets match in all (see ``_total``).

        A split word matches where its parts stand together. Only when that finds fewer than FILL_BELOW tickets
        (a rare wording) do tickets with the parts apart count too (``compiled.broad``), after them. The choice
        does not depend on ``limit``, so a longer page always starts with the shorter one.
        """
        q = compiled.query
        assert q is not None
        if not compiled.has_text:  # filters only: every hit scores the same, so newest first (the score means nothing)
            results = searcher.search(q, limit=limit, sortedby="updated", reverse=True)
            return [(hit.docnum, 0.0) for hit in results], _total(searcher, q)
        ranked, together = _best(searcher, q, max(limit, FILL_BELOW))
        if compiled.broad is None or together[0] >= FILL_BELOW:
            return ranked[:limit], together
        found = {docnum for docnum, _ in ranked}  # all of them: fewer than FILL_BELOW
        wider, total = _best(searcher, compiled.broad, limit + len(found))
        ranked += [(docnum, score) for docnum, score in wider if docnum not in found]
        return ranked[:limit], total

    def _hit(
        self, searcher: Searcher, docnum: int, score: float | None, wanted: set[str], snippets: int, masked: bool
    ) -> Hit:
        stored = _stored(searcher, docnum, masked)
        assert stored is not None  # a trainer searches only the tickets with masked texts
        return Hit(
            ticket_id=stored.ticket_id,
            score=float(score or 0.0),
            subject=stored.subject,
            status=stored.status,
            inquiry_type=stored.inquiry_type,
            snippets=make_snippets(stored, self._tokenizer, wanted, snippets),
        )

    def more_like_this(
        self, ticket_id: int, limit: int = 5, statuses: Iterable[str] = (), *, masked: bool = False
    ) -> tuple[Hit, ...]:
        """Past tickets most similar in wording to ``ticket_id`` (not itself); only in ``statuses`` if given.

        ``masked``: compared and shown on the masked copies (trainers).
        """
        with self._mutex:
            searcher = self._fresh_searcher()
            docnum = searcher.document_number(ticket_id=str(ticket_id))
            if docnum is None:
                return ()
            stored = _stored(searcher, docnum, masked)
            if stored is None:
                return ()
            # From the terms stored at index time (no Sudachi here); an older index's texts are cut as before.
            text = stored.all_text_cut() if stored.cuts is not None else PLACEHOLDER.sub(" ", stored.all_text())
            candidates = searcher.key_terms_from_text(TEXT_FIELD, text, numterms=_MLT_TERMS * 3)
            common = max(10, int(searcher.doc_count() * _MLT_MAX_SHARE))
            key_terms = [(t, w) for t, w in candidates if searcher.reader().doc_frequency(TEXT_FIELD, t) <= common]
            key_terms = key_terms[:_MLT_TERMS]
            if not key_terms:
                return ()
            q: wq.Query = wq.Or([text_term(term, masked, weight) for term, weight in key_terms])
            if statuses:
                # In the query, weighing nothing, not as a filter= (whoosh first builds a set of every allowed
                # ticket: 0.5 s at 300k; so does ConstantScoreQuery).
                q = wq.And([q, wq.Or([wq.Term("status", normalize_value(s), boost=0.0) for s in statuses])])
            # optimize=False: whoosh's block skipping divides by each query's boost (0 above).
            results = searcher.search(q, limit=max(1, limit), mask={docnum}, optimize=False)
            wanted = {term for term, _ in key_terms}
            return tuple(self._hit(searcher, h.docnum, h.score, wanted, 1, masked) for h in results)

    def doc_count(self) -> int:
        """Number of tickets in the index."""
        with self._mutex:
            return self._fresh_searcher().doc_count()

    def close(self) -> None:
        with self._mutex:
            self._closed = True
            self._close_reader()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
