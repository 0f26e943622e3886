"""The home screen's queues: the first page of each (in every sort) and the tab counts, as the screen loads them.

Baseline: the same queue read whole (no paging), which is what a screen that loads everything would wait for.

    BENCH_SIZE=small|full python bench/bench_queue.py      (after bench/prepare.py)
"""

import os
from datetime import date

from common import Row, backend, digest, manifest, open_desk, p50, p95, print_table, sample, save, size_name

from screens.home import PAGE_SIZE, QUEUES, SORTS
from supportdesk.services.ticket_queries import TicketSort
from supportdesk.services.views import base_filter as queue_filter

TARGET_MS = 150.0
# Calls per page: p95 of 5 is the slowest call; BENCH_QUEUE_ROUNDS=20 for a p95 that is not one unlucky call.
ROUNDS = int(os.environ.get("BENCH_QUEUE_ROUNDS", "5"))


def main() -> None:
    size = size_name()
    today = date.fromisoformat(manifest(size)["today"])
    desk = open_desk(size)
    me = desk.actor.id
    rows = []
    counts = {q: desk.count_tickets(queue_filter(q, me, today)) for q in QUEUES}
    home = sample(
        # As the screen refreshes: the page and every tab's count in one call (one snapshot).
        lambda _: desk.queue_page(
            queue_filter("mine", me, today), {q: queue_filter(q, me, today) for q in QUEUES}, limit=PAGE_SIZE
        ),
        range(ROUNDS),
    )
    whole = sample(lambda _: desk.list_tickets(queue_filter("mine", me, today), limit=10**7), range(2), warmup=1)
    first = desk.queue_page(
        queue_filter("mine", me, today), {q: queue_filter(q, me, today) for q in QUEUES}, limit=PAGE_SIZE
    )
    rows.append(
        Row(
            f"home: my queue page + 4 tab counts ({counts['mine']:,} mine)",
            p50(home),
            p95(home),
            p50(whole),
            p95(whole),
            f"whole queue ({counts['mine']:,} rows)",
            answers=digest([[r.number for r in first.rows], sorted(first.counts.items())]),
        )
    )
    for queue in QUEUES:
        for sort in SORTS:
            # As the home screen asks (screens/home.py _descending): newest first, but the earliest due first.
            down = sort != TicketSort.DUE
            page = sample(
                lambda _, q=queue, s=sort, d=down: desk.list_tickets(
                    queue_filter(q, me, today), sort=s, descending=d, limit=PAGE_SIZE
                ),
                range(ROUNDS),
            )
            shown = desk.list_tickets(queue_filter(queue, me, today), sort=sort, descending=down, limit=PAGE_SIZE)
            rows.append(
                Row(
                    f"{queue} ({counts[queue]:,}) by {sort}",
                    p50(page),
                    p95(page),
                    note=f"{PAGE_SIZE} rows",
                    answers=digest(r.number for r in shown),
                )
            )
        count = sample(lambda _, q=queue: desk.count_tickets(queue_filter(q, me, today)), range(ROUNDS))
        rows.append(Row(f"{queue}: tab count", p50(count), p95(count), answers=digest([counts[queue]])))
    print_table(
        f"Ticket queues — {size} desk on {backend()} (first page of {PAGE_SIZE}, signed in as {desk.actor.login})",
        rows,
    )
    worst_page = max(r.ours_p95 for r in rows[1:] if "by" in r.case)
    save(
        size,
        "queue",
        rows,
        {"home screen load p95 ms": (rows[0].ours_p95, TARGET_MS), "worst queue page p95 ms": (worst_page, TARGET_MS)},
        counts=counts,
    )


if __name__ == "__main__":
    main()
