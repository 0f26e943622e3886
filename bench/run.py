"""Run every benchmark on one desk size and print whether each target is met.

    make bench                      # BENCH_SIZE=small: 5k customers / 15k tickets, a few minutes the first time
    make bench BENCH_SIZE=full      # 100k customers / 300k tickets; the first run builds the desk and its index
    make bench BENCH_DB=postgresql  # also copies the desk into PostgreSQL (a throw-away cluster, or BENCH_PG_URL)
                                    # and runs the database benchmarks on both, side by side (bench/side_by_side.py)

Each benchmark runs in its own process, so its peak RSS is its own; the desk is built once (bench/prepare.py).
"""

import json
import os
import subprocess
import sys
import time
from contextlib import nullcontext

from common import ROOT, backend, manifest, out_dir, size_name
from side_by_side import measure, postgres_url, report

BENCHES = (
    "bench_lookup.py",
    "bench_search.py",
    "bench_engines.py",
    "bench_open_ticket.py",
    "bench_queue.py",
    "bench_index.py",
    "bench_app.py",
    "bench_pauses.py",
    "bench_writers.py",
)
RSS_LIMIT_MB = 400.0


def main() -> int:
    size = size_name()
    against_pg = backend() == "postgresql"
    started = time.monotonic()
    # With PostgreSQL, one server for the whole run: bench_engines also measures its full-text search.
    with postgres_url() if against_pg else nullcontext(None) as url:
        failed = _measure(size, url)
    built = manifest(size)
    results = out_dir(size) / "results"
    rows: list[tuple[str, float, float]] = []
    rss: list[tuple[str, float]] = []
    for path in sorted(results.glob("*.json")):
        if path.stem.endswith(".postgresql"):
            continue
        data = json.loads(path.read_text())
        rows += [(name, t["value"], t["limit"]) for name, t in data["targets"].items()]
        rss.append((data["bench"], data["peak_rss_mb"]))
    rows.append((f"peak RSS MB ({max(rss, key=lambda r: r[1])[0]})", max(r[1] for r in rss), RSS_LIMIT_MB))
    print(f"\n===== targets — {size} desk: {built['counts']['customers']:,} customers, ", end="")
    print(f"{built['counts']['tickets']:,} tickets, {built['counts']['ticket_entries']:,} entries")
    print(f"{'measure':<40} {'value':>10} {'target':>10}  met")
    for name, value, limit in rows:
        print(f"{name:<40} {value:>10,.1f} {'< ' + format(limit, ',.0f'):>10}  {'yes' if value < limit else 'NO'}")
    print(f"{'peak RSS MB building desk + index':<40} {built['peak_rss_mb']:>10,.1f} {'(info)':>10}")
    if against_pg and report(size):
        failed.append("side-by-side targets")
    print(f"\nbenchmarks took {time.monotonic() - started:,.0f} s" + (f"; FAILED: {failed}" if failed else ""))
    return 1 if failed else 0


def _measure(size: str, url: str | None) -> list[str]:
    """Every benchmark on SQLite, then, given a PostgreSQL `url`, the database ones on both side by side; returns
    those that failed."""
    # The SQLite desk is always built and measured: PostgreSQL's figures are read beside it.
    env = {**os.environ, "BENCH_SIZE": size, "BENCH_DB": "sqlite"} | ({"BENCH_PG_URL": url} if url else {})
    subprocess.run([sys.executable, str(ROOT / "prepare.py")], env=env, check=True)
    for old in (out_dir(size) / "results").glob("**/*.json"):
        old.unlink()
    failed = []
    for bench in BENCHES:
        print(f"\n===== {bench}", flush=True)
        if subprocess.run([sys.executable, str(ROOT / bench)], env=env).returncode != 0:
            failed.append(bench)
    if url:
        failed += measure(size, url)  # the database benchmarks again, on both backends in alternating rounds
    return failed


if __name__ == "__main__":
    sys.exit(main())
