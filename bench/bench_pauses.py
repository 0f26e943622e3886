"""Garbage-collection pauses in a long-running desk process, with CPython's default collector against the desk's
setting (supportdesk.heap.settle_after_start_up: start-up heap frozen, young threshold raised).

Each setting runs in a fresh process holding what the app holds (Textual and the screens imported, the desk open,
its search index and Sudachi loaded), then makes the same calls an agent's session makes, in turn: caller lookup,
opening a ticket and its customer's 360, a queue page, a search of past cases. Every collection is timed through
gc.callbacks. The table shows each kind of call's p50/p95/max with the desk's setting against the default
(the baseline), and the collector's pauses.

    BENCH_SIZE=small|full python bench/bench_pauses.py      (after bench/prepare.py)
"""

import gc
import json
import os
import random
import subprocess
import sys
import time
from datetime import date
from typing import Any

from common import SEED, Row, manifest, open_desk, p50, p95, print_table, save, size_name

ROUNDS = int(os.environ.get("BENCH_PAUSE_ROUNDS", "150"))
MODES = ("default", "settled")


def _measure(mode: str) -> dict[str, Any]:
    """One process's figures: milliseconds per call by kind, and every collection's generation and pause."""
    import screens.app  # noqa: F401 - the app's modules on the heap, as in the app
    from screens.home import PAGE_SIZE
    from supportdesk.heap import settle_after_start_up
    from supportdesk.services.views import base_filter

    size = size_name()
    today = date.fromisoformat(manifest(size)["today"])
    desk = open_desk(size, settle=False)  # settled below, after what start-up loads
    rng = random.Random(SEED)
    desk.search_cases("返品")  # the index and Sudachi loaded, as after the first search
    customers = [m.customer.id for m in desk.find_customers("佐藤", limit=50)] or [1]
    tickets = [r.number for r in desk.list_tickets(base_filter("all_open", desk.actor.id, today), limit=500)]
    if mode == "settled":
        settle_after_start_up()

    pauses: list[tuple[int, float]] = []
    started = [0.0]

    def timing(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((info["generation"], (time.perf_counter() - started[0]) * 1000))

    gc.callbacks.append(timing)
    calls: dict[str, list[float]] = {"caller lookup": [], "open ticket + 360": [], "queue page": [], "search": []}
    words = ("佐藤", "たなか", "090", "株式会社", "鈴木 一郎", "ヤマモト")
    queries = ("返品", "ログイン", "請求書 再発行", "パスワード", "配送 遅延")
    for _ in range(ROUNDS):
        work = {
            "caller lookup": lambda: desk.find_customers(rng.choice(words), limit=30),
            "open ticket + 360": lambda: (
                desk.get_ticket(rng.choice(tickets)),
                desk.customer_360(rng.choice(customers), today),
            ),
            "queue page": lambda: desk.list_tickets(base_filter("all_open", desk.actor.id, today), limit=PAGE_SIZE),
            "search": lambda: desk.search_cases(rng.choice(queries)),
        }
        for kind, call in work.items():
            begun = time.perf_counter()
            call()
            calls[kind].append((time.perf_counter() - begun) * 1000)
    gc.callbacks.remove(timing)
    return {"calls": calls, "pauses": pauses, "frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()}


def _in_own_process(mode: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, mode], capture_output=True, text=True, check=True, env=os.environ.copy()
    )
    return json.loads(out.stdout.splitlines()[-1])


def _pause_row(label: str, settled: list[tuple[int, float]], default: list[tuple[int, float]]) -> Row:
    ms, base = [p for _, p in settled] or [0.0], [p for _, p in default] or [0.0]
    note = (
        f"collections {len(settled)} vs {len(default)}; longest {max(ms):.1f} vs {max(base):.1f} ms; "
        f"total {sum(ms):.0f} vs {sum(base):.0f} ms"
    )
    return Row(label, p50(ms), max(ms), p50(base), max(base), "CPython default", note)


def main() -> None:
    size = size_name()
    figures = {mode: _in_own_process(mode) for mode in MODES}
    settled, default = figures["settled"], figures["default"]
    rows = []
    for kind, ms in settled["calls"].items():
        base = default["calls"][kind]
        rows.append(
            Row(
                kind, p50(ms), p95(ms), p50(base), p95(base), "CPython default", f"max {max(ms):.0f} vs {max(base):.0f}"
            )
        )
    rows.append(_pause_row("every collection (p50 / longest)", settled["pauses"], default["pauses"]))
    for generation in (1, 2):
        rows.append(
            _pause_row(
                f"  generation {generation} (p50 / longest)",
                [p for p in settled["pauses"] if p[0] == generation],
                [p for p in default["pauses"] if p[0] == generation],
            )
        )
    print_table(
        f"Collector pauses — {size} desk, {ROUNDS} rounds of 4 calls; ours: {settled['frozen']:,} objects frozen, "
        f"threshold {tuple(settled['threshold'])}",
        rows,
    )
    worst = max(r.ours_p95 for r in rows[:4])
    save(size, "pauses", rows, {"longest collector pause ms": (rows[4].ours_p95, 20.0)}, worst_call_p95=worst)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(_measure(sys.argv[1])))
    else:
        main()
