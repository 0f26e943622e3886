"""Indexing throughput: rebuilding, catching up a backlog, and keeping up with one change at a time.

Baseline: inserting the same tickets' text into an SQLite FTS5 trigram table, measured in the same run.

    BENCH_SIZE=small|full python bench/bench_index.py      (after bench/prepare.py)
"""

import itertools
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from common import SEED, Row, manifest, open_desk, peak_rss_mb, print_table, save, size_name
from sqlmodel import func, select

from search_index import SearchIndex
from supportdesk.db import open_session
from supportdesk.models import SearchOutbox, Ticket
from supportdesk.services import search

REBUILD_SAMPLE = 5_000
BACKLOG = 2_000
SINGLE = 20


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds else 0.0


def main() -> None:
    size = size_name()
    built = manifest(size)
    desk = open_desk(size, "takahashi")
    rng = random.Random(SEED)
    rows = []

    # A rebuild of the first tickets into a scratch index, and the same text into FTS5.
    with open_session(desk.engine) as session, tempfile.TemporaryDirectory() as scratch:
        docs = list(itertools.islice(search.all_ticket_docs(session), REBUILD_SAMPLE))
        index = SearchIndex.open(Path(scratch) / "index")
        started = time.perf_counter()
        index.rebuild(docs, total=len(docs))
        whoosh_rate = per_second(len(docs), time.perf_counter() - started)
        index.close()
        con = sqlite3.connect(Path(scratch) / "fts.db")
        con.execute("CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='trigram')")
        started = time.perf_counter()
        con.executemany(
            "INSERT INTO fts(rowid, body) VALUES (?, ?)",
            ((d.ticket_id, "\n".join([d.subject, *(e.body for e in d.entries)])) for d in docs),
        )
        con.commit()
        fts_rate = per_second(len(docs), time.perf_counter() - started)
        con.close()
    rows.append(
        Row(f"rebuild {len(docs):,} tickets (tickets/s)", whoosh_rate, whoosh_rate, fts_rate, fts_rate, rate=True)
    )
    rows.append(
        Row(
            f"whole desk at build ({built['index_tickets']:,}) (tickets/s)",
            built["index_docs_per_s"],
            built["index_docs_per_s"],
            built["fts_docs_per_s"],
            built["fts_docs_per_s"],
            note=f"{built['index_seconds']:,.0f} s vs FTS5 {built['fts_seconds']:,.0f} s",
            rate=True,
        )
    )

    # A backlog (e.g. after a bulk change or a restart): queued changes applied in batches.
    with open_session(desk.engine) as session:
        top = session.exec(select(func.max(Ticket.id))).one()
        session.add_all(SearchOutbox(ticket_id=n) for n in rng.sample(range(1, top + 1), BACKLOG))
        session.commit()
    started = time.perf_counter()
    applied = desk.sync_index() or 0
    backlog_rate = per_second(applied, time.perf_counter() - started)
    rows.append(Row(f"catch up a backlog of {BACKLOG:,} (tickets/s)", backlog_rate, backlog_rate, rate=True))

    # One change at a time, as the app syncs after each change it makes.
    latencies = []
    for number in rng.sample(range(1, top + 1), SINGLE):
        with open_session(desk.engine) as session:
            session.add(SearchOutbox(ticket_id=number))
            session.commit()
        started = time.perf_counter()
        desk.sync_index()
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    rows.append(Row("one change: sync latency (ms)", latencies[len(latencies) // 2], latencies[-2]))
    print_table(f"Indexing — {size} desk (whoosh + Sudachi; baseline FTS5 trigram)", rows, unit="tickets/s or ms")
    save(size, "index", rows, {}, rebuild_peak_rss_mb=built["peak_rss_mb"], process_peak_rss_mb=peak_rss_mb())


if __name__ == "__main__":
    main()
