"""Print search quality for both tokenizers on the labelled corpus.

    .venv/bin/python -m tests.search_index.eval_report [N_TICKETS]

The numbers in docs/search.md come from this script.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tests.search_index.search_eval import build_index, evaluate
from tests.search_index.search_eval_corpus import build_corpus


def main(n: int = 1200) -> None:
    corpus = build_corpus(n)
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("sudachi", "bigram"):
            started = time.perf_counter()
            index = build_index(Path(tmp) / name, corpus, name)
            built = time.perf_counter() - started
            started = time.perf_counter()
            report = evaluate(index, corpus)
            searched = time.perf_counter() - started
            index.close()
            print(report.table())
            print(f"build {built:.1f}s for {n} tickets; {len(report.scores)} queries in {searched:.2f}s\n")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1200)
