"""Phrase queries of three words or more (issue 19): the page ranked unchecked and checked best first, against the
checked query ranked as it was (every candidate the ranking reaches checked), on an existing desk's index, read-only.

    python bench/bench_phrase.py [small|full] [rounds]

Each query is timed ``rounds`` times through ``SearchIndex.search`` (20 hits with snippets, the token cache cleared
before each call, as bench_search's first-search figures), p50 / p95 per query and per mode, with the ratio, and
whether both modes give the same hits (ticket, score, order) and total. Other kinds of query are timed too, to see
they are unchanged. Run on an older tree (PYTHONPATH first) it times that tree's code alone, as "as is".
"""

import statistics
import sys
import time
from pathlib import Path

from search_index import SearchIndex
from search_index import index as index_module
from search_index.snippets import TOKENS

ROOT = Path(__file__).resolve().parent
PHRASES = (
    '"サーバーに接続できません"',
    '"請求書を再発行してください"',
    '"サーバーに接続できません" status:open',
    '"請求書を再発行してください" -返金',
)
OTHERS = ("返品", "パスワード 再設定", "障害 OR 接続", "返品 -初期不良", "status:open ログイン")


def _p(ms: list[float], share: float) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _run(index: SearchIndex, query: str) -> tuple[float, object]:
    TOKENS.clear()
    start = time.perf_counter()
    result = index.search(query)
    took = (time.perf_counter() - start) * 1000
    return took, ([(h.ticket_id, h.score) for h in result.hits], result.total, result.total_exact)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.isdigit()]
    rounds = int(next((a for a in sys.argv[1:] if a.isdigit()), "15"))
    size = args[0] if args else "full"
    index = SearchIndex.open(ROOT / "out" / size / "desk.index", create=False)
    modes = {"as is": index_module.__dict__.get("PHRASE_PAGE_MAX")}
    if "PHRASE_PAGE_MAX" in index_module.__dict__:
        modes["checked while ranking"] = 0  # _phrase_page gives up at once: the checked query is ranked
    times: dict[tuple[str, str], list[float]] = {}
    answers: dict[tuple[str, str], object] = {}
    for query in (*PHRASES, *OTHERS):
        for mode, most in modes.items():
            if most is not None:
                index_module.PHRASE_PAGE_MAX = most  # type: ignore[attr-defined]
            _, answers[query, mode] = _run(index, query)  # warm-up
        for _ in range(rounds):  # the modes alternate: the same load for both
            for mode, most in modes.items():
                if most is not None:
                    index_module.PHRASE_PAGE_MAX = most  # type: ignore[attr-defined]
                took, _ = _run(index, query)
                times.setdefault((query, mode), []).append(took)
    print(f"{size} desk, {rounds} rounds, 20 hits with snippets, ms p50 / p95")
    for query in (*PHRASES, *OTHERS):
        cells = [f"{mode}: {_p(times[query, mode], 0.5):6.1f} / {_p(times[query, mode], 0.95):6.1f}" for mode in modes]
        line = f"{query:45} " + "   ".join(cells)
        if len(modes) == 2:
            new, old = (times[query, mode] for mode in modes)
            same = answers[query, "as is"] == answers[query, "checked while ranking"]
            line += f"   ratio p50 {statistics.median(old) / statistics.median(new):4.2f}x  same: {same}"
        print(line)


if __name__ == "__main__":
    main()
