"""The hourly index merge (issue 19): everything into one segment (whoosh's optimize, the old upkeep) against the
small segments into one (``SearchIndex.compact`` now), on an index laid out like the 300k desk's after a day of
syncing, and search latency before and after each.

The index is a throw-away one in a temporary directory: the bench desk's tickets, copied COPIES times under new
numbers, rebuilt in two writer processes (two big segments), then a backlog and single changes synced in
(~1% deleted copies, ~10 small segments). The desk's database is only read (copied with SQLite's backup).

    python bench/bench_merge.py [--size=small] [--copies=2] [--desk=path/to/desk.db] [--keep=/tmp/dir]
                                [--merges=optimize,compact]   ("optimize 512": optimize with limitmb=512)

--desk reads another checkout's bench desk (read-only); --keep keeps the laid-out index there for another run.
"""

import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench_search import QUERIES
from common import db_path, p50, p95, say, size_name

from search_index import SearchIndex
from search_index.documents import TicketDoc
from search_index.storage import IndexDirectory

BACKLOG_SHARE = 0.01  # tickets re-synced in one batch (bench_index: 2,000 of 300k, plus the single changes)
SINGLE = 20
ROUNDS = 3
OFFSET = 1_000_000  # ticket and entry numbers of each further copy of the desk


def _arg(name: str, default: str) -> str:
    return next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith(f"--{name}=")), default)


def _live(path: Path) -> Path:
    name = IndexDirectory(path).current_name()
    assert name is not None
    return path / name


def _size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def layout(path: Path) -> dict[str, Any]:
    from whoosh.index import open_dir

    ix = open_dir(str(_live(path)))
    try:
        segments = sorted(((s.doc_count_all(), s.doc_count()) for s in ix._segments()), reverse=True)
    finally:
        ix.close()
    return {
        "segments": len(segments),
        "stored/live": segments,
        "deleted": sum(a - b for a, b in segments),
        "MiB": round(_size_mb(path), 1),
    }


def copied_desk(desk: Path, into: Path) -> Path:
    """The bench desk's database copied (read-only source) into ``into``."""
    target = into / "desk.db"
    source = sqlite3.connect(f"file:{desk}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    source.backup(copy)
    source.close()
    copy.close()
    return target


def documents(db: Path, copies: int) -> list[TicketDoc]:
    from supportdesk.db import open_session
    from supportdesk.desk import open_engine
    from supportdesk.services import search

    with open_session(open_engine(f"sqlite:///{db}")) as session:
        docs = list(search.all_ticket_docs(session))
    return [
        replace(
            d,
            ticket_id=d.ticket_id + k * OFFSET,
            entries=tuple(replace(e, entry_id=e.entry_id + k * OFFSET) for e in d.entries),
        )
        for k in range(copies)
        for d in docs
    ]


def searches(path: Path) -> dict[str, Any]:
    """p50 / p95 of the bench queries (ROUNDS rounds, after one unmeasured round), and their answers."""
    index = SearchIndex.open(path, create=False)
    try:
        answers = {q: [(h.ticket_id, h.score) for h in index.search(q, limit=20).hits] for q in QUERIES}
        times = []
        for _ in range(ROUNDS):
            for q in QUERIES:
                started = time.perf_counter()
                index.search(q, limit=20)
                times.append((time.perf_counter() - started) * 1000)
    finally:
        index.close()
    return {"p50": round(p50(times), 1), "p95": round(p95(times), 1), "answers": answers}


def merge(path: Path, how: str) -> None:
    """One merge, in a process of its own (its own peak RSS): prints wall, CPU, peak RSS and peak temp files."""
    from whoosh.index import open_dir

    peak_tmp = 0.0
    done = threading.Event()

    def watch_tmp() -> None:  # the sorting runs whoosh writes in <index>/MAIN.tmp
        nonlocal peak_tmp
        while not done.wait(0.2):
            peak_tmp = max(peak_tmp, sum(_size_mb(t) for t in _live(path).glob("*.tmp")))

    watcher = threading.Thread(target=watch_tmp, daemon=True)
    watcher.start()
    wall, cpu = time.perf_counter(), time.process_time()
    if how.startswith("optimize"):  # what compact did before: every segment into one ("optimize 512": limitmb)
        ix = open_dir(str(_live(path)))
        ix.writer(limitmb=int(how.split()[1]) if " " in how else 128).commit(optimize=True)
        ix.close()
        found: dict[str, int] = {}
    else:
        index = SearchIndex.open(path, create=False)
        found = index.compact(segments=1)  # whatever the layout: the policy, not the trigger, is measured
        index.close()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    done.set()
    watcher.join()
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report its parent's peak.
    status = Path("/proc/self/status").read_text().splitlines()
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    print(json.dumps({"s": round(wall, 1), "cpu_s": round(cpu, 1), "rss_mb": round(rss), "tmp_mb": peak_tmp} | found))


def main() -> None:
    if sys.argv[1:2] == ["--merge"]:
        merge(Path(sys.argv[2]), sys.argv[3])
        return
    size = size_name()
    copies = int(_arg("copies", "2"))
    keep = _arg("keep", "")
    desk = Path(_arg("desk", str(db_path(size))))
    work = Path(keep or tempfile.mkdtemp(prefix="bench_merge_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        built = work / "layout"
        if not built.exists():
            say(f"reading the {size} desk ({copies} copies) …")
            docs = documents(copied_desk(desk, work), copies)
            say(f"rebuilding {len(docs):,} tickets in two processes …")
            index = SearchIndex.open(work / "building")
            started = time.perf_counter()
            index.rebuild(docs, total=len(docs))
            say(f"  {time.perf_counter() - started:,.0f} s")
            # A day of syncing: a backlog in one batch, then single changes (each a commit, as the app syncs).
            stride = round(1 / BACKLOG_SHARE)
            index.apply(docs[::stride])
            for d in docs[7 :: len(docs) // SINGLE][:SINGLE]:
                index.apply([d])
            index.close()
            (work / "building").rename(built)
        before = layout(built)
        say(f"layout: {before}")
        results = {"before": searches(built)}
        merges = {}
        for how in _arg("merges", "optimize,compact").split(","):
            copy = work / how
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(built, copy)
            say(f"merging: {how} …")
            ran = subprocess.run(
                [sys.executable, __file__, "--merge", str(copy), how], capture_output=True, text=True, check=True
            )
            merges[how] = json.loads(ran.stdout.strip().splitlines()[-1]) | {"after": layout(copy)}
            results[how] = searches(copy)
            shutil.rmtree(copy)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)

    tickets = sum(live for _, live in before["stored/live"])
    print(f"\nIndex merge — {size} desk × {copies}: {tickets:,} tickets")
    print(f"before: {before['segments']} segments, {before['deleted']:,} deleted, {before['MiB']:,} MiB")
    print(f"  (stored, live) per segment: {before['stored/live']}")
    for how, m in merges.items():
        print(
            f"{how:<12} {m['s']:>7,.1f} s wall {m['cpu_s']:>7,.1f} s CPU  peak RSS {m['rss_mb']:,} MB  "
            f"peak temp {m['tmp_mb']:,.0f} MiB  → {m['after']['segments']} segments, "
            f"{m['after']['deleted']:,} deleted, {m['after']['MiB']:,} MiB"
        )
    ratio = merges["optimize"]["s"] / max(merges["compact"]["s"], 0.001)
    print(f"compact takes 1/{ratio:,.1f} of optimize's time")
    # A merge moves tickets (equal scores come in index order) and sums the segment's field lengths from whoosh's
    # one-byte lengths, so scores move by ~1e-5: the tickets of each top 20 are compared, then their order.
    print(f"\nsearch ({len(QUERIES)} queries × {ROUNDS}, top 20)  p50 ms  p95 ms  same tickets  same order  score Δ")
    was = results["before"]["answers"]
    for name, r in results.items():
        now = r["answers"]
        tickets = sum({i for i, _ in now[q]} == {i for i, _ in was[q]} for q in QUERIES)
        order = sum([i for i, _ in now[q]] == [i for i, _ in was[q]] for q in QUERIES)
        moved = max(
            (abs(a - b) / b for q in QUERIES for (_, a), (_, b) in zip(now[q], was[q], strict=False) if b),
            default=0.0,
        )
        print(
            f"{name:<34} {r['p50']:>7.1f} {r['p95']:>7.1f}  {tickets:>5}/{len(QUERIES)}  {order:>7}/{len(QUERIES)}"
            f"  {moved:.1e}"
        )


if __name__ == "__main__":
    main()
