"""Full-text search of past cases (whoosh + Sudachi) against SQL LIKE and against SQLite FTS5 trigram.

Each engine answers the same queries with its 20 best tickets: whoosh ranks by BM25F and prepares snippets (what
the search screen shows); FTS5 ranks by bm25 over one row per ticket (subject and thread); LIKE has no index and
no ranking, so it takes the 20 newest matching entries. FTS5's trigram tokenizer cannot match words of one or two
characters (返品, 二重): those queries have no FTS5 figure.

    BENCH_SIZE=small|full python bench/bench_search.py      (after bench/prepare.py)
"""

import sqlite3

from common import Row, open_desk, out_dir, p50, p95, print_table, sample, save, size_name
from sqlalchemy import text

from search_index.snippets import TOKENS

TARGET_P95_MS = 100.0
TRAINER = "ito"  # the demo desk's trainer
ROUNDS = 3
QUERIES = (
    "返品",
    "二重",
    "解約",
    "返金",
    "ログイン",
    "請求書",
    "プロキシ",
    "接続エラー",
    "パスワード 再設定",
    "配送 遅延",
    "領収書 再発行",
    "アカウント ロック",
    '"サーバーに接続できません"',
    "障害 OR 接続",
    "refund",
    "password reset",
    "type:billing 二重",
    "返品 -初期不良",
    "status:open ログイン",
    "created:>2026-06-01 返品",
)


# The search screen searches as the agent types: each query after the first refines the one before it.
TYPING = (
    ("返品", "返品 初期", "返品 初期不良", "返品 -初期不良"),
    ("パスワード", "パスワード 再設定", "パスワード 再設定 メール"),
    ("配送", "配送 遅延", "配送 遅延 連絡"),
    ("請求書", "請求書 再発行", "請求書 再発行 PDF"),
)


def cold(search):  # type: ignore[no-untyped-def]
    """Each call cuts its hits' texts anew (TOKENS keeps those of earlier searches): the first-search figure."""

    def run(query: str):  # type: ignore[no-untyped-def]
        TOKENS.clear()
        return search(query)

    return run


def as_you_type(desk) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """(ms of each refined query after the one before it, ms of the same query with nothing cut before)."""
    typed, fresh = [], []
    for _ in range(ROUNDS):
        for sequence in TYPING:
            fresh += sample(cold(lambda q: desk.search_cases(q, limit=20)), sequence[1:], warmup=0)
            TOKENS.clear()
            desk.search_cases(sequence[0], limit=20)
            typed += sample(lambda q: desk.search_cases(q, limit=20), sequence[1:], warmup=0)
    return typed, fresh


def words(query: str) -> list[str]:
    """The plain words of a query, for the engines without a query language (filters and exclusions dropped)."""
    kept = [w.strip('"') for w in query.split() if ":" not in w and not w.startswith("-") and w != "OR"]
    return [w for w in kept if w]


def like_search(connection, query: str) -> list[int]:  # type: ignore[no-untyped-def]
    ws = words(query)
    where = " AND ".join(f"body LIKE :w{i}" for i in range(len(ws)))
    sql = f"SELECT ticket_id FROM ticket_entry WHERE {where} GROUP BY ticket_id ORDER BY max(id) DESC LIMIT 20"
    return [r[0] for r in connection.execute(text(sql), {f"w{i}": f"%{w}%" for i, w in enumerate(ws)})]


def trigram_can(query: str) -> bool:
    """FTS5's trigram tokenizer matches only words of three characters or more."""
    return all(len(w) >= 3 for w in words(query))


def fts_search(con: sqlite3.Connection, query: str) -> list[int]:
    match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words(query))
    return [r[0] for r in con.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20", (match,))]


def main() -> None:
    size = size_name()
    desk = open_desk(size)
    fts = sqlite3.connect(out_dir(size) / "fts.db")
    rows, ours_all = [], []
    with desk.engine.connect() as connection:
        for query in QUERIES:
            repeated = [query] * ROUNDS
            ours = sample(cold(lambda q: desk.search_cases(q, limit=20)), repeated, warmup=1)
            like = sample(lambda q: like_search(connection, q), repeated, warmup=0)
            ours_all += ours
            total = desk.search_cases(query, limit=20).total
            note = f"{total:,} hits; LIKE p50 {p50(like):,.0f} p95 {p95(like):,.0f}"
            if trigram_can(query):
                trigram = sample(lambda q: fts_search(fts, q), repeated, warmup=0)
                rows.append(Row(query, p50(ours), p95(ours), p50(trigram), p95(trigram), "FTS5 trigram", note))
            else:
                rows.append(Row(query, p50(ours), p95(ours), baseline="no FTS5: word <3 chars", note=note))
    overall = Row("all queries (whoosh)", p50(ours_all), p95(ours_all))
    # The trainer searches the masked copy of the texts (fields of their own): the same queries, as the trainer.
    trainer = open_desk(size, TRAINER)
    masked = [
        ms
        for query in QUERIES
        for ms in sample(cold(lambda q: trainer.search_cases(q, limit=20)), [query] * ROUNDS, warmup=1)
    ]
    as_trainer = Row("all queries (trainer, masked fields)", p50(masked), p95(masked))
    typed, fresh = as_you_type(desk)
    typing = Row(
        "as the agent types (refined queries)", p50(typed), p95(typed), p50(fresh), p95(fresh), "nothing cut before"
    )
    print_table(f"Full-text search — {size} desk (20 best hits with snippets)", [*rows, overall, as_trainer, typing])
    save(
        size,
        "search",
        [*rows, overall, as_trainer, typing],
        {"search p95 ms": (p95(ours_all), TARGET_P95_MS), "trainer search p95 ms": (p95(masked), TARGET_P95_MS)},
    )


if __name__ == "__main__":
    main()
