"""Build the benchmark desk once per size: the demo generator's desk, one very busy customer, the search index and
an SQLite FTS5 trigram table over the same text (the search baseline). Reused until deleted or the size changes.

    BENCH_SIZE=small|medium|full python bench/prepare.py [--rebuild | --reindex] [--no-index]

--reindex rebuilds only the search index of an existing desk (after a change to the index's schema or analysis),
and the FTS5 table when it is missing. --no-index builds the desk without either (the database benchmarks do not
need them): a later --reindex adds them.
"""

import json
import random
import shutil
import sqlite3
import sys
import time
from datetime import date, timedelta

from common import (
    BIG_PURCHASES,
    BIG_TICKETS,
    DB_ONLY,
    SEED,
    SIZES,
    backend,
    db_url,
    open_desk,
    out_dir,
    peak_rss_mb,
    size_name,
)
from sqlalchemy import func, insert, select

from supportdesk.db import make_engine, migrate, open_session
from supportdesk.demo import SHOWCASE_CUSTOMER_ID, build_demo
from supportdesk.models import Product, Purchase, Ticket
from supportdesk.services.tickets import TicketCreate


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _progress(label: str):  # type: ignore[no-untyped-def]
    last = [0.0]

    def show(*args: object) -> None:
        done, total = args[-2], args[-1]
        if time.monotonic() - last[0] > 10:
            last[0] = time.monotonic()
            _say(f"  {label} {args[0] if len(args) == 3 else ''} {done:,}/{total:,}")

    return show


def busy_customer(size: str, today: date) -> int:
    """Give the showcase customer (山田 太郎) 500 purchases and 50 past tickets, as a long-standing account has."""
    desk = open_desk(size, "takahashi")  # a lead may record purchases and work any ticket
    rng = random.Random(SEED)
    with open_session(desk.engine) as session:
        products = session.exec(select(Product.id, Product.unit_price)).all()  # type: ignore[call-overload]
        have = session.exec(
            select(func.count()).select_from(Purchase).where(Purchase.customer_id == SHOWCASE_CUSTOMER_ID)
        ).one()[0]
        rows = []
        for i in range(BIG_PURCHASES - have):
            product_id, price = rng.choice(products)
            quantity = rng.randint(1, 3)
            rows.append(
                {
                    "customer_id": SHOWCASE_CUSTOMER_ID,
                    "product_id": product_id,
                    "unit_price": price,
                    "quantity": quantity,
                    "amount": price * quantity,
                    "purchased_on": today - timedelta(days=rng.randint(1, 720)),
                    "order_ref": f"BENCH-{i:04d}",
                }
            )
        session.execute(insert(Purchase), rows)
        session.commit()
        tickets = session.exec(
            select(func.count()).select_from(Ticket).where(Ticket.customer_id == SHOWCASE_CUSTOMER_ID)
        ).one()[0]
    subjects = ["請求書の再発行", "ログインできない", "配送が遅れている", "返品したい", "プラン変更の相談"]
    for i in range(BIG_TICKETS - tickets):
        subject = subjects[i % len(subjects)]
        number = desk.create_ticket(
            TicketCreate(customer_id=SHOWCASE_CUSTOMER_ID, subject=subject, body=f"{subject}について問い合わせです。")
        )
        desk.add_entry(number, "reply", "ご連絡ありがとうございます。確認してご案内いたします。")
        desk.change_status(number, "resolved", reason="手順をご案内し解決")
    return BIG_PURCHASES


def fts_table(size: str) -> dict[str, float]:
    """The same text as the search index (subject and thread of each ticket) in an FTS5 trigram table."""
    path = out_dir(size) / "fts.db"
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(path)
    con.execute(f"ATTACH DATABASE '{out_dir(size) / 'desk.db'}' AS desk")
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='trigram')")
    con.execute(
        "INSERT INTO fts(rowid, body) SELECT t.id, t.subject || char(10) || group_concat(e.body, char(10)) "
        "FROM desk.ticket t JOIN desk.ticket_entry e ON e.ticket_id = t.id GROUP BY t.id"
    )
    con.commit()
    docs = con.execute("SELECT count(*) FROM fts").fetchone()[0]
    con.close()
    seconds = time.perf_counter() - started
    return {"fts_docs": docs, "fts_seconds": round(seconds, 1), "fts_docs_per_s": round(docs / seconds, 1)}


def build_index(size: str) -> dict[str, float]:
    _say("building the search index …")
    desk = open_desk(size)
    started = time.perf_counter()
    indexed = desk.rebuild_index(_progress("index"))
    seconds = time.perf_counter() - started
    _say(f"  {indexed:,} tickets in {seconds:.0f} s")
    return {
        "index_tickets": indexed,
        "index_seconds": round(seconds, 1),
        "index_docs_per_s": round(indexed / seconds, 1),
    }


def main() -> None:
    if backend() != "sqlite":
        raise SystemExit("prepare.py builds the SQLite desk; bench/pg_desk.py copies it into PostgreSQL.")
    size = size_name()
    customers, tickets = SIZES[size]
    out = out_dir(size)
    done = out / "manifest.json"
    if done.exists() and "--reindex" in sys.argv:
        data = json.loads(done.read_text()) | build_index(size) | {"index_peak_rss_mb": round(peak_rss_mb(), 1)}
        if not (out / "fts.db").exists():
            _say("FTS5 trigram table over the same text …")
            data |= fts_table(size)
        done.write_text(json.dumps(data, indent=1))
        return
    if done.exists() and "--rebuild" not in sys.argv:
        _say(f"benchmark desk {size}: reusing {out} (--rebuild to start again)")
        return
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    today = date.today()
    started = time.perf_counter()
    engine = make_engine(db_url(size))
    migrate(engine)
    _say(f"building the {size} demo desk: {customers:,} customers, {tickets:,} tickets …")
    summary = build_demo(
        engine, customers=customers, tickets=tickets, seed=SEED, today=today, progress=_progress("demo")
    )
    engine.dispose()
    build_seconds = time.perf_counter() - started
    _say(f"  built in {build_seconds:.0f} s; giving one customer {BIG_PURCHASES} purchases and 50 tickets …")
    busy_customer(size, today)
    index: dict[str, float] = {}
    fts: dict[str, object] = {}
    if (
        size not in DB_ONLY and "--no-index" not in sys.argv
    ):  # the search index takes most of a build: a database-only size goes without
        index = build_index(size)
        _say("FTS5 trigram table over the same text …")
        fts = fts_table(size)
    data = {
        "size": size,
        "today": today.isoformat(),
        "counts": summary.counts,
        "demo_seconds": round(build_seconds, 1),
        **index,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        **fts,
    }
    done.write_text(json.dumps(data, indent=1))
    _say(json.dumps(data, indent=1))


if __name__ == "__main__":
    main()
