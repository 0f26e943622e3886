"""The analyzer choice, documented by measurement: run with -s to see both tables.

The same numbers are printed by ``python -m tests.search_index.eval_report``
and quoted in docs/search.md.
"""

from __future__ import annotations

from pathlib import Path

from search_index import SearchIndex
from tests.search_index.search_eval import build_index, evaluate
from tests.search_index.search_eval_corpus import Corpus


def test_sudachi_beats_the_bigram_baseline_on_f1(
    tmp_path: Path, corpus_index: SearchIndex, eval_corpus: Corpus
) -> None:
    sudachi = evaluate(corpus_index, eval_corpus)
    bigram_index = build_index(tmp_path / "bigram", eval_corpus, "bigram")
    try:
        bigram = evaluate(bigram_index, eval_corpus)
    finally:
        bigram_index.close()
    print(f"\n{sudachi.table()}\n\n{bigram.table()}")
    print(f"F1 sudachi={sudachi.f1:.3f} bigram={bigram.f1:.3f}")
    assert sudachi.f1 > bigram.f1 + 0.1
    # The baseline's known failures, so a change that fixes or breaks them is noticed.
    by_query = {s.query: s for s in bigram.scores}
    assert by_query["京都"].precision < 0.6  # finds 東京都
    assert by_query["配送が遅延"].recall < 0.5  # misses 配送遅延
    # And the one place the dictionary loses: 西新宿 is a single word.
    assert {s.query: s for s in sudachi.scores}["新宿"].recall < 1.0
    assert by_query["新宿"].recall == 1.0
