"""Search engines side by side over the same Sudachi tokens (issue 19): SupportDesk's whoosh index against SQLite
FTS5 (the baseline), tantivy and PostgreSQL full-text search, on the benchmark desk, same queries, one run.

Every ticket's subject, internal notes and thread are cut once by our Sudachi tokenizer (`search_index.tokenizers`,
the index's own normalised forms) and given to each engine as space-separated terms, in three columns weighted as the
whoosh index weighs its sections (SECTION_BOOSTS). Each engine answers the same parsed queries (words, a word the
tokenizer splits as a phrase of its parts, OR, exclusions, phrases, status:/type: filters, created: ranges) with its
20 best tickets and the exact number of matches; FTS5 and PostgreSQL also cut snippets, as the whoosh search does.
Printed per query kind: p50/p95 and how many times faster than FTS5 at p95, then index size and build time.

    BENCH_SIZE=small|full python bench/bench_engines.py     (after bench/prepare.py; tantivy: pip install -e '.[bench]';
    PostgreSQL when BENCH_PG_URL or SUPPORTDESK_TEST_PG_URL is set, e.g. by `eval "$(.ci/pg-cluster.sh start)"`;
    only its table bench_fts is written)
"""

import multiprocessing
import os
import pickle
import shutil
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bench_search import QUERIES
from common import Row, out_dir, p50, p95, print_table, save, size_name

from search_index import SearchIndex
from search_index.query_syntax import AllOf, AnyOf, DateFilter, FieldFilter, Node, Not, Phrase, Word, parse_query
from search_index.schema import SECTION_BOOSTS
from search_index.snippets import TOKENS
from search_index.tokenizers import get_tokenizer, terms

ROUNDS = 5
COLUMNS = ("subject", "notes", "body")
WEIGHTS = tuple(SECTION_BOOSTS.values())  # subject, notes, text
TICKETS_SQL = """
SELECT t.id, t.subject, t.status, t.inquiry_type, t.created_at,
       coalesce(group_concat(CASE WHEN e.kind = 'internal_note' THEN e.body END, char(10)), ''),
       coalesce(group_concat(CASE WHEN e.kind != 'internal_note' THEN e.body END, char(10)), '')
FROM ticket t LEFT JOIN ticket_entry e ON e.ticket_id = t.id GROUP BY t.id
"""


def kind_of(query: str) -> str:
    tree = parse_query(query)
    if any(f in query for f in ("status:", "type:", "created:")):
        return "filtered word"
    if isinstance(tree, AnyOf):
        return "OR"
    if isinstance(tree, AllOf):
        return "exclusion" if any(isinstance(n, Not) for n in tree.nodes) else "two words"
    return "phrase" if isinstance(tree, Phrase) or " " in query else "one word"


# ---- the corpus, cut once --------------------------------------------------------------------------------------


def tokenised(size: str) -> tuple[list[tuple[Any, ...]], float]:
    """(id, subject terms, notes terms, body terms, status, type, created) per ticket, and seconds spent cutting.

    Cut once per benchmark desk and kept beside it (engines/tokens.pickle): Sudachi takes minutes at full size.
    """
    cache = out_dir(size) / "engines" / "tokens.pickle"
    desk = out_dir(size) / "desk.db"
    if cache.exists() and cache.stat().st_mtime > desk.stat().st_mtime:
        with cache.open("rb") as file:
            kept: tuple[list[tuple[Any, ...]], float] = pickle.load(file)
        return kept
    con = sqlite3.connect(desk)
    started = time.perf_counter()
    tickets = con.execute(TICKETS_SQL).fetchall()
    con.close()
    # Both cores, as the index's rebuild uses them: one process took ~25 minutes at full size.
    chunks = [tickets[i : i + CUT_CHUNK] for i in range(0, len(tickets), CUT_CHUNK)]
    with multiprocessing.get_context("spawn").Pool(os.cpu_count() or 1) as pool:
        rows = [row for cut in pool.imap(_cut, chunks) for row in cut]
    result = rows, time.perf_counter() - started
    with cache.open("wb") as file:
        pickle.dump(result, file)
    return result


CUT_CHUNK = 2_000


def _cut(tickets: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """One chunk of tickets as (id, subject terms, notes terms, body terms, status, type, created): in a worker."""
    tokenizer = get_tokenizer("sudachi")
    return [
        (tid, *(" ".join(terms(tokenizer, text)) for text in (subject, notes, body)), status, kind, created[:19])
        for tid, subject, status, kind, created, notes, body in tickets
    ]


def _words(tokenizer: Any, text: str) -> list[str]:
    return terms(tokenizer, text)


# ---- queries: our parse tree written in each engine's language ----------------------------------------------


class Translate:
    """One parsed query as FTS5 MATCH + SQL filter, tantivy query text, or a PostgreSQL tsquery + filter."""

    def __init__(self, query: str) -> None:
        self.tokenizer = get_tokenizer("sudachi")
        self.tree = parse_query(query)
        self.filters: list[tuple[str, Any]] = []  # (column, value) or ("created>=", day) / ("created<", day)

    def _parts(self, node: Node) -> list[str] | None:
        return _words(self.tokenizer, node.text) if isinstance(node, Word | Phrase) else None

    def _filter(self, node: Node) -> bool:
        if isinstance(node, FieldFilter) and node.field in ("status", "inquiry_type"):
            self.filters.append((node.field, node.values[0]))
            return True
        if isinstance(node, DateFilter):
            if node.start:
                self.filters.append(("created>=", node.start))
            if node.end:
                self.filters.append(("created<", node.end))
            return True
        return False

    def fts(self, node: Node | None = None) -> str:
        node = self.tree if node is None else node
        parts = self._parts(node)
        if parts is not None:
            return '"' + " ".join(parts) + '"'
        if isinstance(node, AnyOf):
            return "(" + " OR ".join(self.fts(n) for n in node.nodes) + ")"
        assert isinstance(node, AllOf), node
        wanted = [self.fts(n) for n in node.nodes if not isinstance(n, Not) and not self._filter(n)]
        unwanted = [self.fts(n.node) for n in node.nodes if isinstance(n, Not)]
        return " AND ".join(wanted) + "".join(f" NOT {u}" for u in unwanted)

    def tantivy(self, node: Node | None = None) -> str:
        node = self.tree if node is None else node
        parts = self._parts(node)
        if parts is not None:
            return '"' + " ".join(parts) + '"' if len(parts) > 1 else parts[0]
        if isinstance(node, AnyOf):
            return "(" + " OR ".join(self.tantivy(n) for n in node.nodes) + ")"
        assert isinstance(node, AllOf), node
        out = []
        for n in node.nodes:
            if isinstance(n, Not):
                out.append("-" + self.tantivy(n.node))
            elif isinstance(n, FieldFilter):
                out.append(f"+{n.field}:{n.values[0]}")
            elif isinstance(n, DateFilter):
                low = f"{n.start:%Y-%m-%d}T00:00:00Z" if n.start else "*"
                high = f"{n.end:%Y-%m-%d}T00:00:00Z" if n.end else "*"
                out.append(f"+created:[{low} TO {high}}}")
            else:
                out.append("+" + self.tantivy(n))
        return " ".join(out)

    def pg(self, node: Node | None = None) -> str:
        node = self.tree if node is None else node
        parts = self._parts(node)
        if parts is not None:
            return "(" + " <-> ".join("'" + p.replace("'", "''") + "'" for p in parts) + ")"
        if isinstance(node, AnyOf):
            return "(" + " | ".join(self.pg(n) for n in node.nodes) + ")"
        assert isinstance(node, AllOf), node
        wanted = [self.pg(n) for n in node.nodes if not isinstance(n, Not) and not self._filter(n)]
        unwanted = [self.pg(n.node) for n in node.nodes if isinstance(n, Not)]
        return " & ".join(wanted + [f"!{u}" for u in unwanted])

    def where(self, created: str = "created") -> tuple[str, list[Any]]:
        sql, args = [], []
        for column, value in self.filters:
            if column == "created>=":
                sql.append(f"{created} >= ?")
            elif column == "created<":
                sql.append(f"{created} < ?")
            else:
                sql.append(f"{column} = ?")
            args.append(value.isoformat() if isinstance(value, date) else value)
        return "".join(f" AND {s}" for s in sql), args


# ---- the engines ---------------------------------------------------------------------------------------------


def build_fts(path: Path, rows: list[tuple[Any, ...]]) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(subject, notes, body, status UNINDEXED, inquiry_type UNINDEXED,"
        " created UNINDEXED, tokenize='unicode61 remove_diacritics 0')"
    )
    con.executemany(
        "INSERT INTO fts(rowid, subject, notes, body, status, inquiry_type, created) VALUES (?, ?, ?, ?, ?, ?, ?)", rows
    )
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.commit()
    return con


def fts_search(con: sqlite3.Connection, query: str) -> tuple[list[int], int]:
    t = Translate(query)
    match = t.fts()
    where, args = t.where()
    weights = ", ".join(str(w) for w in WEIGHTS)
    top = con.execute(
        f"SELECT rowid, snippet(fts, 2, '[', ']', '…', 12) FROM fts WHERE fts MATCH ?{where}"
        f" ORDER BY bm25(fts, {weights}) LIMIT 20",
        [match, *args],
    ).fetchall()
    count = con.execute(f"SELECT count(*) FROM fts WHERE fts MATCH ?{where}", [match, *args]).fetchone()[0]
    return [r[0] for r in top], count


def build_tantivy(path: Path, rows: list[tuple[Any, ...]]) -> Any:
    import tantivy

    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    schema = tantivy.SchemaBuilder()
    schema.add_integer_field("id", stored=True, indexed=True, fast=True)
    for column in COLUMNS:
        schema.add_text_field(column, tokenizer_name="whitespace")
    schema.add_text_field("status", tokenizer_name="raw")
    schema.add_text_field("inquiry_type", tokenizer_name="raw")
    schema.add_date_field("created", indexed=True, fast=True)
    index = tantivy.Index(schema.build(), path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    for tid, subject, notes, body, status, kind, created in rows:
        when = datetime.fromisoformat(created).replace(tzinfo=UTC)
        writer.add_document(
            tantivy.Document(
                id=tid, subject=subject, notes=notes, body=body, status=status, inquiry_type=kind, created=when
            )
        )
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def tantivy_search(index: Any, query: str) -> tuple[list[int], int]:
    searcher = index.searcher()
    boosts = dict(zip(COLUMNS, WEIGHTS, strict=True))
    parsed = index.parse_query(Translate(query).tantivy(), list(COLUMNS), field_boosts=boosts)
    result = searcher.search(parsed, 20, count=True)
    return [searcher.doc(address)["id"][0] for _, address in result.hits], result.count


def build_pg(url: str, rows: list[tuple[Any, ...]]) -> Any:
    import psycopg

    con = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    con.execute("DROP TABLE IF EXISTS bench_fts")
    con.execute(
        "CREATE TABLE bench_fts (id int PRIMARY KEY, subject text, notes text, body text, status text,"
        " inquiry_type text, created timestamp, doc tsvector)"
    )
    with con.cursor().copy("COPY bench_fts (id, subject, notes, body, status, inquiry_type, created) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)
    con.execute(
        "UPDATE bench_fts SET doc = setweight(to_tsvector('simple', subject), 'A') ||"
        " setweight(to_tsvector('simple', notes), 'B') || setweight(to_tsvector('simple', body), 'D')"
    )
    con.execute("CREATE INDEX bench_fts_doc ON bench_fts USING gin (doc)")
    con.execute("VACUUM ANALYZE bench_fts")
    return con


def pg_search(con: Any, query: str) -> tuple[list[int], int]:
    t = Translate(query)
    tsq = t.pg()
    where, args = t.where()
    where = where.replace("?", "%s")
    # Weights D, C, B, A: text 1.0, notes 1.75, subject 3.0 (relative, as ts_rank takes them).
    rank = "ts_rank('{0.1, 0.1, 0.175, 0.3}', doc, q)"
    top = con.execute(
        f"SELECT id, ts_headline('simple', body, q, 'MaxFragments=2') FROM bench_fts, to_tsquery('simple', %s) q"
        f" WHERE doc @@ q{where} ORDER BY {rank} DESC LIMIT 20",
        [tsq, *args],
    ).fetchall()
    count = con.execute(
        f"SELECT count(*) FROM bench_fts, to_tsquery('simple', %s) q WHERE doc @@ q{where}", [tsq, *args]
    ).fetchone()[0]
    return [r[0] for r in top], count


def ours(size: str) -> Callable[[str], tuple[list[int], int]]:
    index = SearchIndex.open(out_dir(size) / "desk.index", create=False)

    def search(query: str) -> tuple[list[int], int]:
        TOKENS.clear()  # as a first search: no texts cut by the rounds before
        result = index.search(query, limit=20)
        return [h.ticket_id for h in result.hits], result.total

    return search


def _size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def _timed(fn: Callable[[str], object], query: str) -> list[float]:
    fn(query)  # warm up
    out = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn(query)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    size = size_name()
    work = out_dir(size) / "engines"
    work.mkdir(parents=True, exist_ok=True)
    rows, cut = tokenised(size)
    engines: dict[str, Callable[[str], tuple[list[int], int]]] = {"whoosh (SupportDesk)": ours(size)}
    built: dict[str, tuple[float, float]] = {}  # engine -> (build s after tokenising, size MiB)
    started = time.perf_counter()
    fts = build_fts(work / "fts_tokens.db", rows)
    built["FTS5 (baseline)"] = (time.perf_counter() - started, _size_mb(work / "fts_tokens.db"))
    engines["FTS5 (baseline)"] = lambda q: fts_search(fts, q)
    notes = []
    try:
        started = time.perf_counter()
        tv = build_tantivy(work / "tantivy", rows)
        built["tantivy"] = (time.perf_counter() - started, _size_mb(work / "tantivy"))
        engines["tantivy"] = lambda q: tantivy_search(tv, q)
    except ImportError:
        notes.append("tantivy: not installed (pip install -e '.[bench]')")
    url = os.environ.get("BENCH_PG_URL") or os.environ.get("SUPPORTDESK_TEST_PG_URL")
    if url:
        started = time.perf_counter()
        pg = build_pg(url, rows)
        built["PostgreSQL"] = (time.perf_counter() - started, 0.0)
        size_row = pg.execute("SELECT pg_total_relation_size('bench_fts')").fetchone()[0]
        built["PostgreSQL"] = (built["PostgreSQL"][0], size_row / 2**20)
        engines["PostgreSQL"] = lambda q: pg_search(pg, q)
    else:
        notes.append('PostgreSQL: set BENCH_PG_URL or SUPPORTDESK_TEST_PG_URL (eval "$(.ci/pg-cluster.sh start)")')
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for query in QUERIES:
        for name, fn in engines.items():
            times[(kind_of(query), name)] += _timed(fn, query)
            times[("all queries", name)] += times[(kind_of(query), name)][-ROUNDS:]
            counts[query][name] = fn(query)[1]
    table = []
    kinds = sorted({k for k, _ in times}, key=lambda k: (k == "all queries", k))
    for kind in kinds:
        base = times[(kind, "FTS5 (baseline)")]
        for name in engines:
            ms = times[(kind, name)]
            table.append(Row(f"{kind}: {name}", p50(ms), p95(ms), p50(base), p95(base), "FTS5 over the same tokens"))
    print_table(f"Search engines over the same Sudachi tokens — {size} desk, {len(rows):,} tickets", table)
    ix_mb = _size_mb(out_dir(size) / "desk.index")
    print(f"\ntokenising with Sudachi once for the other engines: {cut:,.1f} s")
    print(f"{'engine':<22} {'build s':>9} {'size MiB':>9}")
    print(f"{'whoosh (SupportDesk)':<22} {'see bench_index':>9} {ix_mb:>9,.0f}")
    for name, (seconds, mb) in built.items():
        print(f"{name:<22} {seconds:>9,.1f} {mb:>9,.0f}")
    print("\nmatches counted (whoosh's total is exact up to ONE_PASS_MAX possible matches, else capped at 1,000):")
    for query, by_engine in counts.items():
        print(f"  {query:<28} " + "  ".join(f"{n.split()[0]} {c:,}" for n, c in by_engine.items()))
    for note in notes:
        print(note)
    overall = times[("all queries", "whoosh (SupportDesk)")]
    baseline = times[("all queries", "FTS5 (baseline)")]
    save(
        size,
        "engines",
        table,
        {"search p95 ms vs 2x FTS5 p95": (p95(overall), 2 * p95(baseline))},
        build={name: {"seconds": s, "mib": mb} for name, (s, mb) in built.items()},
        tokenise_seconds=cut,
    )


if __name__ == "__main__":
    main()
