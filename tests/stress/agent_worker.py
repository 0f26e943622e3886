"""One agent at work, as a separate process: reads a ticket, then replies, changes its status or (re)assigns it.

Run by the stress tests (`python -m tests.stress.agent_worker ...`). Every write goes through `Desk` with the
version the agent saw as `expected_version`, exactly as the app does. After each write the database acknowledged,
one JSON line goes to the log: the stress tests compare those lines with what the database holds afterwards.
Refusals are counted: `Conflict` (someone changed the ticket first) and `StorageError` (the database was busy).
Anything else escapes and kills the process with a traceback, which the tests report as a crash.
"""

import argparse
import itertools
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from supportdesk.desk import Desk
from supportdesk.errors import Conflict, StorageError
from supportdesk.models import Role
from supportdesk.services.sla import load_calendar

FOLLOW_UP = date.today() + timedelta(days=30)
OPS = ("reply", "note", "customer", "status", "status", "assign")


def _runqueue_ns() -> int:
    """Nanoseconds this process has spent ready to run but waiting for a core (0 where Linux does not say)."""
    try:
        return int(Path("/proc/self/schedstat").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def _wait_for(path: Path, parent: int) -> None:
    """Wait for the start signal as long as the test that started us is alive (however busy the machine is)."""
    while not path.exists():
        if os.getppid() != parent:
            raise SystemExit(f"the test went away before the start signal at {path}")
        time.sleep(0.01)


def _one_change(desk: Desk, rng: random.Random, number: int, marker: str, agents: list[int]) -> dict[str, Any] | None:
    """Read the ticket, then change it from that version. Returns the acknowledgement, or None when nothing fits."""
    detail = desk.get_ticket(number)
    row = detail.row
    seen = row.version
    op = rng.choice(OPS)
    ack: dict[str, Any] = {"t": number, "op": op, "from": seen, "marker": marker}
    if op == "assign":
        if desk.actor.role == Role.AGENT:
            # An agent takes an unassigned ticket or hands back their own; other agents' tickets are for leads.
            if row.assignee_login not in (None, desk.actor.login):
                return None
            to = None if row.assignee_login == desk.actor.login else desk.actor.id
        else:
            to = rng.choice([*agents, None])
        ack["assignee"] = to
        ack["to"] = desk.assign(number, to, expected_version=seen)
        if ack["to"] == seen:
            return None  # given to whoever already had it: nothing was written, so nothing to acknowledge
    elif op == "status":
        target = rng.choice(detail.allowed_next)
        extra: dict[str, Any] = {"follow_up_on": FOLLOW_UP} if target == "pending" else {}
        ack["status"] = target
        ack["to"] = desk.change_status(number, target, reason=marker, expected_version=seen, **extra)
    else:
        kind = {"reply": "reply", "note": "internal_note", "customer": "customer_message"}[op]
        if row.status == "closed" and kind != "internal_note":
            kind = "internal_note"  # a closed ticket takes notes only
        ack["kind"] = kind
        ack["to"] = desk.add_entry(
            number, kind, f"{marker} お問い合わせの件、確認いたしました。", expected_version=seen
        )
    return ack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--tickets", required=True, help="comma-separated ticket numbers")
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument(
        "--attempts", type=int, default=0, help="stop after this many changes tried (0: work until killed)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tag", default="", help="added to the login in markers, to tell runs apart")
    parser.add_argument("--ready", type=Path, help="file to create once connected")
    parser.add_argument("--go", type=Path, help="file to wait for before working")
    parser.add_argument("--sync-every", type=int, default=0, help="apply the search outbox every N writes")
    args = parser.parse_args(argv)

    numbers = [int(n) for n in args.tickets.split(",")]
    rng = random.Random(args.seed)
    parent = os.getppid()
    desk = Desk.open(args.db, args.login)
    agents = [u.id for u in desk.users() if u.role == Role.AGENT]
    desk.get_ticket(numbers[0])  # connect before the start signal, so start-up is not part of the race
    load_calendar(desk.settings.sla)  # as the app does at start (it took 0.6 s of the first status change)
    if args.ready:
        args.ready.touch()
    if args.go:
        _wait_for(args.go, parent)
    counts = {"acked": 0, "conflict": 0, "busy": 0, "skipped": 0, "synced": 0}
    # Where the wall time goes from the start signal on: running Python (CPU), waiting for a core on a busy machine
    # (run queue), and the rest: waiting for the database (locks, the server, fsync) — bench/bench_writers.py.
    started, cpu, queued = time.perf_counter(), time.process_time(), _runqueue_ns()
    # Line-buffered: each acknowledgement reaches the OS as soon as it is written, so a kill -9 cannot lose it.
    with args.log.open("a", buffering=1, encoding="utf-8") as log:
        # A number of attempts, not a number of seconds: the same work whether the machine is idle or busy.
        tried = itertools.count()
        while (attempt := next(tried)) < args.attempts or not args.attempts:
            marker = f"{args.login}{args.tag}-{attempt}"
            try:
                ack = _one_change(desk, rng, rng.choice(numbers), marker, agents)
            except Conflict:
                counts["conflict"] += 1
                continue
            except StorageError:
                counts["busy"] += 1
                continue
            if ack is None:
                counts["skipped"] += 1
                continue
            counts["acked"] += 1
            if counts["acked"] == 1:  # the first write pays for what a process loads once (statements, calendars)
                counts["first_ms"] = round((time.perf_counter() - started) * 1000)
            log.write(json.dumps({"w": args.login, **ack}) + "\n")
            if args.sync_every and counts["acked"] % args.sync_every == 0:
                synced = desk.sync_index()
                counts["synced"] += synced or 0
        counts["wall_ms"] = round((time.perf_counter() - started) * 1000)
        counts["cpu_ms"] = round((time.process_time() - cpu) * 1000)
        counts["runqueue_ms"] = round((_runqueue_ns() - queued) / 1e6)
        log.write(json.dumps({"w": args.login, "summary": counts, "pid": os.getpid()}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
