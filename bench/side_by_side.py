"""The same benchmarks on SQLite and PostgreSQL, side by side: each case's p50/p95 on both backends, how many times
slower PostgreSQL is at p95, and whether both backends returned the same answers (a digest of the ids each call
returned, in order). bench/run.py prints this after both passes when BENCH_DB=postgresql.

A throw-away cluster is started as in CI (.ci/pg-cluster.sh), but with fsync on (PG_FSYNC=on; synchronous_commit
is on by default): the issue's figures were taken so, and a benchmark must not flatter the server.
"""

import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common import ROOT, results_path, say

REPO = ROOT.parent
# The benchmarks that read through the database; search and the index builder read the whoosh index, the same
# files on both backends.
DB_BENCHES = ("lookup", "open_ticket", "queue", "writers")  # writers last: it writes to the PostgreSQL copy
# Targets of issue 20, per case: p95 under 50 ms on both, PostgreSQL within 2x of SQLite, identical answers.
P95_MS = 50.0
WITHIN = 2.0


@contextmanager
def postgres_url() -> Iterator[str]:
    """BENCH_PG_URL when given (that database is emptied), otherwise a throw-away cluster on loopback."""
    given = os.environ.get("BENCH_PG_URL")
    if given:
        yield given
        return
    script = REPO / ".ci" / "pg-cluster.sh"
    env = {**os.environ, "PG_FSYNC": "on"}
    started = subprocess.run([str(script), "start"], capture_output=True, text=True, check=True, env=env).stdout
    exports = dict(
        line.removeprefix("export ").split("=", 1) for line in started.splitlines() if line.startswith("export ")
    )
    try:
        yield exports["SUPPORTDESK_TEST_PG_URL"]
    finally:
        subprocess.run([str(script), "stop", exports["PG_CLUSTER_DIR"]], check=False)


def _rows(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    return {row["case"]: row for row in json.loads(path.read_text())["rows"]}


def compare(size: str) -> list[str]:
    """Print each database benchmark's cases on both backends; returns the targets missed (empty: all met)."""
    missed: list[str] = []
    header = f"{'case':<44} {'SQLite p50':>10} {'p95':>7} {'PG p50':>8} {'p95':>7} {'PG/SQLite':>9}  same answers"
    for bench in DB_BENCHES:
        lite, pg = _rows(results_path(size, bench, "sqlite")), _rows(results_path(size, bench, "postgresql"))
        if not lite or not pg:
            missed.append(f"{bench}: no results on {'SQLite' if not lite else 'PostgreSQL'}")
            continue
        print(f"\n{bench} — {size} desk, SQLite vs PostgreSQL (times in ms; PG/SQLite: p95 ratio, below 1 faster)")
        print(header)
        print("-" * len(header))
        for case, a in lite.items():
            b = pg.get(case)
            if b is None:
                continue
            ratio = b["ours_p95"] / a["ours_p95"] if a["ours_p95"] > 0 else float("inf")
            if a.get("rate"):  # a throughput: higher is better, no latency targets
                print(f"{case[:44]:<44} {a['ours_p50']:>18,.1f} {b['ours_p50']:>16,.1f} {ratio:>9.2f}  (per second)")
                print(f"    SQLite: {a['note']}\n    PostgreSQL: {b['note']}")
                continue
            same = "—" if not a.get("answers") else "yes" if a["answers"] == b.get("answers") else "NO"
            flags = []
            if same == "NO":
                flags.append("different answers")
            if not case.startswith(" ") and max(a["ours_p95"], b["ours_p95"]) >= P95_MS:
                flags.append(f"p95 ≥ {P95_MS:.0f}")
            if not case.startswith(" ") and ratio > WITHIN:
                flags.append(f"> {WITHIN:.0f}x")
            missed += [f"{bench}: {case.strip()}: {flag}" for flag in flags]
            print(
                f"{case[:44]:<44} {a['ours_p50']:>10,.1f} {a['ours_p95']:>7,.1f} {b['ours_p50']:>8,.1f} "
                f"{b['ours_p95']:>7,.1f} {ratio:>9.2f}  {same}" + (f"   ← {', '.join(flags)}" if flags else "")
            )
    return missed


def report(size: str) -> int:
    missed = compare(size)
    print(f"\n===== issue 20 targets, SQLite vs PostgreSQL ({size} desk)")
    if not missed:
        print(f"all met: every case p95 < {P95_MS:.0f} ms on both, PostgreSQL within {WITHIN:.0f}x, same answers")
        return 0
    for line in missed:
        print(f"  NOT MET  {line}")
    say(f"{len(missed)} side-by-side targets not met")
    return len(missed)
