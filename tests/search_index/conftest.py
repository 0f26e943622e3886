"""Fixtures for the search tests: one labelled corpus and its index per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from search_index import SearchIndex
from tests.search_index.search_eval import build_index
from tests.search_index.search_eval_corpus import Corpus, build_corpus


@pytest.fixture(scope="session")
def eval_corpus() -> Corpus:
    return build_corpus()


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, eval_corpus: Corpus) -> Iterator[SearchIndex]:
    """The labelled corpus indexed with the default (Sudachi) analyzer. Read-only."""
    index = build_index(tmp_path_factory.mktemp("corpus") / "index", eval_corpus, "sudachi")
    yield index
    index.close()


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    """An empty index of our own to write to."""
    idx = SearchIndex.open(tmp_path / "search")
    yield idx
    idx.close()
