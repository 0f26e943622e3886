"""The fast paths into whoosh3's internals (search_index/whoosh_fast.py) are taken on the pinned version and
answer exactly as whoosh's public API does: an upgrade that changes the internals fails here, not silently."""

from __future__ import annotations

import importlib.metadata
import math
import os
import pickle
from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.externalsort import SortingPool
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, open_dir
from whoosh.writing import PostingPool

from search_index import SearchIndex, TicketDoc
from search_index.column_range import ColumnDateRange
from search_index.private_files import PrivateFileStorage
from search_index.schema import TICKET_NUMBER
from search_index.storage import IndexDirectory
from search_index.whoosh_fast import (
    _WRITER_ORIGINALS,
    WHOOSH_PINNED,
    applied,
    column_values,
    column_values_slow,
    field_lengths_reader,
    preload_lengths,
    slow_writer,
    writer_applied,
)
from tests.search_index.generated_desk import generate, queries
from tests.search_index.tickets import WHEN, ticket

WORDS = ("請求書の再発行", "返品について", "配送が遅れている", "ログインできない", "解約したい")


@pytest.fixture
def on_disk(tmp_path: Path) -> Iterator[FileIndex]:
    """An index of several segments with deleted tickets, as a desk's index is after a few days of changes."""
    with SearchIndex.open(tmp_path / "search") as idx:
        for batch in range(4):  # each update commits a segment
            idx.update(
                ticket(n, WORDS[n % 5] * (1 + n % 3), WORDS[(n + batch) % 5], created=WHEN + timedelta(hours=n))
                for n in range(batch * 25 + 1, batch * 25 + 26)
            )
        idx.delete([3, 30, 77])
        idx.update([ticket(5, "配送の件（再送）", created=WHEN - timedelta(days=1), updated=WHEN + timedelta(days=9))])
        ix = open_dir(str(idx.path / IndexDirectory(idx.path).current_name()))
    yield ix
    ix.close()


def _leaves(reader: Any) -> list[Any]:
    return [reader] if reader.is_atomic() else [leaf for leaf, _ in reader.leaf_readers()]


def test_the_tests_run_on_the_pinned_whoosh() -> None:
    assert importlib.metadata.version("whoosh3") == WHOOSH_PINNED, "review whoosh_fast.py before moving the pin"


def test_a_date_column_is_read_in_one_go_with_the_values_read_ticket_by_ticket(on_disk: FileIndex) -> None:
    with on_disk.searcher() as searcher:
        leaves = _leaves(searcher.reader())
        assert len(leaves) > 1, "several segments, so each segment's column is read on its own"
        for leaf in leaves:
            for name in ("created", "updated", TICKET_NUMBER):
                values, fast = column_values(leaf, name)
                assert fast, f"the fast path for {name} is not taken on whoosh3 {WHOOSH_PINNED}"
                assert values == column_values_slow(leaf, name)


def test_a_date_filter_finds_what_whoosh_own_date_range_finds(on_disk: FileIndex) -> None:
    with on_disk.searcher() as searcher:
        for start, end in ((WHEN + timedelta(hours=10), WHEN + timedelta(hours=40)), (None, WHEN), (WHEN, None)):
            ours = searcher.search(ColumnDateRange("created", start, end), limit=None)
            theirs = searcher.search(
                wq.DateRange("created", start, end - timedelta(microseconds=1) if end else None), limit=None
            )
            assert sorted(h.docnum for h in ours) == sorted(h.docnum for h in theirs)
            assert len(ours) > 0


def test_field_lengths_are_loaded_in_one_go_and_searches_score_as_without_them(on_disk: FileIndex) -> None:
    with on_disk.searcher() as loaded, on_disk.searcher() as plain:
        assert preload_lengths(loaded), f"the lengths fast path is not taken on whoosh3 {WHOOSH_PINNED}"
        for docnum in range(plain.reader().doc_count_all()):
            for field in ("all", "customer", "company", "product"):
                assert loaded.reader().doc_field_length(docnum, field) == plain.reader().doc_field_length(docnum, field)
        for word in ("請求書", "返品", "配送"):
            query = wq.Term("all", word)  # a term the analyzer indexes as it is
            with_lengths = [(h.docnum, h.score) for h in loaded.search(query, limit=None)]
            assert with_lengths == [(h.docnum, h.score) for h in plain.search(query, limit=None)]
            assert with_lengths, word


# ---- the index writer's fast paths (issue 19: rebuild time) ---------------------------------------------------


class TracingStorage(PrivateFileStorage):
    """The rebuild's storage, noting in ``trace`` (a folder) how each sorted run of the posting pool was written:
    opened in the writing processes too, which unpickle it (spawn) and so import this module."""

    trace = ""

    def temp_storage(self, name: str | None = None) -> FileStorage:
        storage = super().temp_storage(name)
        traced = TracingStorage(storage.folder)
        traced.trace = self.trace
        return traced

    def open_file(self, name: str, **kwargs: Any) -> Any:
        if name.endswith(".run") and self.trace:
            with open(os.path.join(self.folder, name), "rb") as fh:
                first = pickle.load(fh)
            kind = "chunks" if type(first) is list else "postings"
            Path(self.trace, f"{os.getpid()}-{name}-{kind}-{writer_applied()}").touch()
        return super().open_file(name, **kwargs)


def _rebuilt(path: Path, docs: list[TicketDoc], monkeypatch: pytest.MonkeyPatch, limitmb: float, procs: int) -> Path:
    """Rebuild an index of ``docs`` in ``path`` as the app does, with a posting pool of ``limitmb``; its folder."""
    import search_index.index

    trace = path.parent / f"{path.name}-runs"
    trace.mkdir()

    def storage(folder: str, *, supports_mmap: bool = True) -> FileStorage:
        traced = TracingStorage(folder, supports_mmap=supports_mmap)
        traced.trace = str(trace)
        return traced

    def writer_args(total: int | None) -> dict[str, Any]:
        return {**rebuild_writer(total), "limitmb": limitmb}

    rebuild_writer = search_index.index._rebuild_writer
    with monkeypatch.context() as patch:
        patch.setattr(search_index.index, "private_storage", storage)
        patch.setattr(search_index.index, "_rebuild_writer", writer_args)
        patch.setattr(search_index.index, "PARALLEL_FROM", len(docs) if procs > 1 else len(docs) + 1)
        patch.setattr(search_index.index, "REBUILD_BATCH", 25)
        with SearchIndex.open(path) as idx:
            assert idx.rebuild(docs, total=len(docs)) == len(docs)
    name = IndexDirectory(path).current_name()
    assert name is not None
    return path / name


def _runs(path: Path) -> list[tuple[int, str]]:
    """How the posting pool's runs of the rebuild in ``path`` were written, each as (the writing process, kind):
    "chunks" (the fast path's) or "postings" (whoosh's), with "+fast" when the fast paths were in place there."""
    runs = [entry.name.split("-") for entry in Path(f"{path}-runs").iterdir()]
    return [(int(pid), kind + ("+fast" if fast == "True" else "")) for pid, _, kind, fast in runs]


def _content(folder: Path) -> dict[str, Any]:
    """What an index holds, by ticket whatever its segments: every term's postings with their weights and values,
    the term's statistics over the segments (documents, total weight, shortest and longest field, highest weight),
    every ticket's field lengths, and each query's hits."""
    ix = open_dir(str(folder))
    postings: dict[tuple[str, bytes], list[tuple[int, float, bytes]]] = defaultdict(list)
    stats: dict[tuple[str, bytes], list[Any]] = {}
    lengths: dict[tuple[int, str], Any] = {}
    with ix.searcher() as searcher:
        for leaf in _leaves(searcher.reader()):
            tickets, _ = column_values(leaf, TICKET_NUMBER)
            for fieldname, text in leaf.all_terms():
                matcher = leaf.postings(fieldname, text)
                while matcher.is_active():
                    postings[fieldname, text].append((tickets[matcher.id()], matcher.weight(), matcher.value()))
                    matcher.next()
                info = leaf.term_info(fieldname, text)
                seen = stats.setdefault((fieldname, text), [0, 0.0, math.inf, 0, 0.0])
                seen[0] += info.doc_frequency()
                seen[1] += info.weight()
                seen[2] = min(seen[2], info.min_length())
                seen[3] = max(seen[3], info.max_length())
                seen[4] = max(seen[4], info.max_weight())
            scored = [name for name, field in ix.schema.items() if field.scorable]
            for docnum in range(leaf.doc_count_all()):
                for name in scored:
                    lengths[tickets[docnum], name] = leaf.doc_field_length(docnum, name)
    ix.close()
    with SearchIndex.open(folder.parent) as idx:
        # Every hit (no cut-off among equal scores); equal scores come in index order: score first, then ticket.
        hits = [
            sorted((-round(h.score, 6), h.ticket_id) for h in idx.search(q.text, limit=1000).hits) for q in queries()
        ]
    return {
        "postings": {term: sorted(found) for term, found in postings.items()},
        "stats": stats,
        "lengths": lengths,
        "hits": hits,
    }


def _segment_files(folder: Path) -> dict[str, bytes]:
    """The files of a single-segment index, by what they are (their names hold the segment's random id)."""
    ix = open_dir(str(folder))
    [segment] = ix._segments()
    files = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
    prefix = segment.segment_id()
    found = {name[len(prefix) :]: files.open_file(name).read() for name in files.list() if name.startswith(prefix)}
    ix.close()
    return found


@pytest.fixture(scope="module")
def generated_docs() -> list[TicketDoc]:
    return [made.doc for made in generate(300).values()]


def test_the_writer_fast_paths_are_in_place_and_slow_writer_takes_them_out() -> None:
    assert writer_applied()
    with slow_writer():
        assert not writer_applied() and applied(), "the matchers stay corrected"
        assert PostingPool._read_run is SortingPool._read_run
    assert writer_applied()


def test_a_segment_field_lengths_are_read_in_one_go_with_the_lengths_read_ticket_by_ticket(on_disk: FileIndex) -> None:
    codec = W3Codec()
    slow = _WRITER_ORIGINALS[W3PerDocReader, "doc_field_length_reader"]
    names = [*on_disk.schema.names(), "no_such_field"]
    with_lengths = 0
    for segment in on_disk._segments():
        files = segment.open_compound_file(on_disk.storage) if segment.is_compound() else on_disk.storage
        perdoc = codec.per_document_reader(files, segment)
        for name in names:
            fast_reader, slow_reader = field_lengths_reader(perdoc, name), slow(perdoc, name)
            # The fast path answers from a list (its bound __getitem__): taken for every field with lengths.
            fast = isinstance(getattr(fast_reader, "__self__", None), list)
            assert fast == perdoc.has_column(f"_{name}_len"), name
            with_lengths += fast
            docs = range(perdoc.doc_count_all() + 1)
            assert [fast_reader(n) for n in docs] == [slow_reader(n) for n in docs], name
        perdoc.close()
    assert with_lengths >= 2 * len(on_disk._segments())


@pytest.mark.parametrize("limitmb", [64, 0.05], ids=["one-run", "several-runs"])
def test_a_rebuild_writes_with_the_fast_paths_the_same_files_as_whoosh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generated_docs: list[TicketDoc], limitmb: float
) -> None:
    with slow_writer():
        slow = _rebuilt(tmp_path / "slow", generated_docs, monkeypatch, limitmb, procs=1)
    fast = _rebuilt(tmp_path / "fast", generated_docs, monkeypatch, limitmb, procs=1)
    slow_runs, fast_runs = _runs(tmp_path / "slow"), _runs(tmp_path / "fast")
    if limitmb < 1:  # the pool spilled sorted runs to files and merged them
        assert {kind for _, kind in slow_runs} == {"postings"} and {kind for _, kind in fast_runs} == {"chunks+fast"}
        assert len(fast_runs) == len(slow_runs) > 2
    else:
        assert not fast_runs and not slow_runs, "one run, kept in memory: nothing written"
    slow_files, fast_files = _segment_files(slow), _segment_files(fast)
    assert set(slow_files) == set(fast_files) and len(fast_files) > 5
    for kind, data in slow_files.items():
        assert fast_files[kind] == data, f"{kind} differs"
    assert _content(fast) == _content(slow)


def test_a_rebuild_in_two_processes_takes_the_fast_paths_in_both_and_writes_what_whoosh_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generated_docs: list[TicketDoc]
) -> None:
    with slow_writer():
        slow = _rebuilt(tmp_path / "slow", generated_docs, monkeypatch, 64, procs=1)
    fast = _rebuilt(tmp_path / "fast", generated_docs, monkeypatch, 0.05, procs=2)
    runs = _runs(tmp_path / "fast")
    # Each writing process (spawned: a new interpreter) spilled several runs, written in chunks by the fast path.
    assert {kind for _, kind in runs} == {"chunks+fast"}
    assert len({pid for pid, _ in runs}) == 2 and os.getpid() not in {pid for pid, _ in runs}
    assert len(list(fast.glob("*.seg"))) == 2
    assert _content(fast) == _content(slow)
