"""What the benchmarks share: the desk they measure, timing, percentiles and the table they print.

The desk is built once per size by bench/prepare.py into bench/out/<size>/ (ignored by git) and reused. With
BENCH_DB=postgresql a benchmark measures the same desk copied into PostgreSQL (bench/pg_desk.py) at BENCH_PG_URL.
"""

import hashlib
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from search_index import SearchIndex
from supportdesk.desk import Desk, open_engine
from supportdesk.heap import settle_after_start_up
from supportdesk.services.users import resolve_actor

ROOT = Path(__file__).resolve().parent
# (customers, tickets): full is the scale, small a quick run to check the benchmarks themselves, medium
# the largest a shared 2-core machine builds and measures in minutes (its desk has no search index: only the
# database benchmarks run on it, see DB_ONLY).
SIZES = {"small": (5_000, 15_000), "medium": (30_000, 100_000), "full": (100_000, 300_000)}
DB_ONLY = frozenset({"medium"})
SEED = 20261123
AGENT = "sato"
# The customer every "open a ticket with its customer 360" measurement uses: 500 purchases, 50 past tickets.
BIG_PURCHASES = 500
BIG_TICKETS = 50


def size_name() -> str:
    for arg in sys.argv[1:]:
        if arg.startswith("--size="):
            return arg.split("=", 1)[1]
    name = os.environ.get("BENCH_SIZE", "small")
    if name not in SIZES:
        raise SystemExit(f"BENCH_SIZE must be one of {', '.join(SIZES)}, not {name!r}")
    return name


BACKENDS = ("sqlite", "postgresql")


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def backend() -> str:
    """Which database the benchmark measures: BENCH_DB=sqlite (the default) or postgresql."""
    name = os.environ.get("BENCH_DB", "sqlite")
    if name not in BACKENDS:
        raise SystemExit(f"BENCH_DB must be one of {', '.join(BACKENDS)}, not {name!r}")
    return name


def pg_url() -> str:
    url = os.environ.get("BENCH_PG_URL", "")
    if not url:
        raise SystemExit("BENCH_DB=postgresql needs BENCH_PG_URL (bench/run.py starts a throw-away cluster for it).")
    return url


def out_dir(size: str) -> Path:
    return ROOT / "out" / size


def db_path(size: str) -> Path:
    """The SQLite benchmark desk (the PostgreSQL one is copied from it)."""
    return out_dir(size) / "desk.db"


def db_url(size: str) -> str:
    """The desk this benchmark measures: the SQLite file, or its copy in PostgreSQL."""
    return pg_url() if backend() == "postgresql" else f"sqlite:///{db_path(size)}"


def manifest(size: str) -> dict[str, Any]:
    path = out_dir(size) / "manifest.json"
    if not path.exists():
        raise SystemExit(f"No {size} benchmark desk yet: run `make bench BENCH_SIZE={size}` (bench/prepare.py).")
    return json.loads(path.read_text())


def indexed(size: str) -> bool:
    """Whether this desk has its search index (a database-only size, or one built with --no-index, has not)."""
    return "index_tickets" in manifest(size)


def open_desk(size: str, login: str = AGENT, settle: bool = True) -> Desk:
    """The benchmark desk as `login`, without a sign-in (the password hash check is not what we measure)."""
    engine = open_engine(db_url(size))
    with Session(engine) as session:
        actor = resolve_actor(session, login)
    if settle:  # the collector as the app sets it (bench_pauses.py compares it with CPython's default)
        settle_after_start_up()
    if backend() == "sqlite" or not indexed(size):
        return Desk(engine=engine, actor=actor)
    # The copy holds the same tickets: it shares the SQLite desk's search index (similar cases read it).
    return Desk(engine=engine, actor=actor, _index=SearchIndex.open(out_dir(size) / "desk.index"))


def timed(fn: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


# Unmeasured calls before a case is measured. First calls open files and fill caches, and on PostgreSQL a statement
# reaches its steady state at about its tenth run on a connection: psycopg prepares it at the sixth, and the server
# plans the first five runs of a prepared statement afresh before it may keep one plan. With three, the first case of
# each statement's shape measured seven of those runs: the phone lookup as written took 1.9–2.5 ms for its first
# eight calls on PostgreSQL and 1.2–1.3 after, the same statement in full-width digits (the next case) 1.2–1.3 from
# the start (issue 20, session 13).
WARM_CALLS = 10


def sample(
    fn: Callable[[Any], object], inputs: Iterable[Any], warmup: int = WARM_CALLS, warm_on: Iterable[Any] = ()
) -> list[float]:
    """Milliseconds per input, after `warmup` unmeasured calls: on `warm_on` when given (inputs that are not
    measured, so that what is measured as a first visit, a ticket not opened before, stays one), else on the first
    inputs."""
    inputs = list(inputs)
    for item in (list(warm_on) or inputs)[:warmup]:
        fn(item)
    return [timed(lambda item=item: fn(item)) for item in inputs]


def p50(ms: list[float]) -> float:
    return statistics.median(ms)


def p95(ms: list[float]) -> float:
    ordered = sorted(ms)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


@dataclass(frozen=True)
class Row:
    """One line of a benchmark table: ours against the baseline measured in the same run."""

    case: str
    ours_p50: float
    ours_p95: float
    base_p50: float | None = None
    base_p95: float | None = None
    baseline: str = ""
    note: str = ""
    rate: bool = False  # a throughput (higher is better) rather than a time
    answers: str = ""  # a digest of what the calls returned, compared across backends

    @property
    def ratio(self) -> float | None:
        """How many times faster than the baseline at p95 (above 1: ours is faster)."""
        if self.base_p95 is None or self.ours_p95 <= 0 or self.base_p95 <= 0:
            return None
        return self.ours_p95 / self.base_p95 if self.rate else self.base_p95 / self.ours_p95


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def print_table(title: str, rows: list[Row], unit: str = "times in ms") -> None:
    print(f"\n{title}")
    header = f"{'case':<38} {'p50':>9} {'p95':>9} {'base p50':>10} {'base p95':>10} {'×faster':>8}  baseline / note"
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = "—" if r.ratio is None else f"{r.ratio:,.1f}" if r.ratio >= 1 else f"{r.ratio:.2g}"
        tail = " · ".join(x for x in (r.baseline, r.note) if x)
        print(
            f"{r.case:<38} {_ms(r.ours_p50):>9} {_ms(r.ours_p95):>9} {_ms(r.base_p50):>10} "
            f"{_ms(r.base_p95):>10} {ratio:>8}  {tail}"
        )
    print(f"({unit}; ×faster: how many times faster than the baseline at p95, below 1 slower)")


def digest(answers: Iterable[object]) -> str:
    """A short fingerprint of what a series of calls returned (ids in order), to compare backends by."""
    return hashlib.sha256(json.dumps(list(answers), default=str).encode()).hexdigest()[:12]


def results_path(size: str, bench: str, db: str | None = None, side_round: str | None = None) -> Path:
    """Where a benchmark keeps its results; a side-by-side round (BENCH_SIDE_ROUND, bench/side_by_side.py) keeps
    each backend's run apart, under results/side/."""
    db = db or backend()
    side_round = side_round or os.environ.get("BENCH_SIDE_ROUND")
    if side_round:
        return out_dir(size) / "results" / "side" / f"{bench}.{db}.{side_round}.json"
    return out_dir(size) / "results" / (f"{bench}.json" if db == "sqlite" else f"{bench}.{db}.json")


def save(size: str, bench: str, rows: list[Row], targets: dict[str, tuple[float, float]], **extra: object) -> None:
    """Keep the results for bench/run.py's summary. `targets`: name -> (measured, limit)."""
    path = results_path(size, bench)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "bench": bench,
        "backend": backend(),
        "rows": [asdict(r) | {"ratio": r.ratio} for r in rows],
        "targets": {name: {"value": v, "limit": limit} for name, (v, limit) in targets.items()},
        "peak_rss_mb": peak_rss_mb(),
        **extra,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str))
