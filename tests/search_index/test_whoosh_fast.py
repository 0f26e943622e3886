"""The fast paths into whoosh3's internals (search_index/whoosh_fast.py) are taken on the pinned version and
answer exactly as whoosh's public API does: an upgrade that changes the internals fails here, not silently."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq
from whoosh.index import FileIndex, open_dir

from search_index import SearchIndex
from search_index.column_range import ColumnDateRange
from search_index.schema import TICKET_NUMBER
from search_index.storage import IndexDirectory
from search_index.whoosh_fast import WHOOSH_PINNED, column_values, column_values_slow, preload_lengths
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
