"""Opening a ticket with its customer 360, for a customer with 500 purchases and 50 past tickets and for others.

Baseline: the same rows read with three plain SQL statements (ticket, thread, purchases) and no read models: the
floor under what the services do (permissions, masking, RFM, subscriptions, colleagues, the audit record).

    BENCH_SIZE=small|full python bench/bench_open_ticket.py      (after bench/prepare.py)
"""

import random
from datetime import date

from common import (
    SEED,
    WARM_CALLS,
    Row,
    backend,
    digest,
    indexed,
    manifest,
    open_desk,
    p50,
    p95,
    print_table,
    sample,
    save,
    size_name,
)
from sqlalchemy import text
from sqlmodel import col, func, select

from supportdesk.db import open_session
from supportdesk.demo import SHOWCASE_CUSTOMER_ID
from supportdesk.models import Ticket

TARGET_MS = 150.0
RAW = (
    text("SELECT * FROM ticket WHERE id = :n"),
    text("SELECT * FROM ticket_entry WHERE ticket_id = :n ORDER BY id"),
    text("SELECT * FROM purchase WHERE customer_id = (SELECT customer_id FROM ticket WHERE id = :n) LIMIT 500"),
)


def _shown(desk, pair: tuple[int, int], today: date) -> list[object]:  # type: ignore[no-untyped-def]
    """What the agent sees, in order: the thread, the customer's tickets and purchases (compared across backends)."""
    ticket, view = desk.get_ticket(pair[0]), desk.customer_360(pair[1], today)
    return [
        [e.id for e in ticket.entries],
        ticket.customer.company_name,
        [t.number for t in view.tickets],
        [p.id for p in view.purchases],
        [view.ticket_count, view.open_ticket_count, view.purchase_count, view.purchase_total],
    ]


def main() -> None:
    size = size_name()
    today = date.fromisoformat(manifest(size)["today"])
    desk = open_desk(size)
    rng = random.Random(SEED)
    with open_session(desk.engine) as session:
        # Ordered, so both backends take the same inputs in the same order.
        mine = select(Ticket.id).where(Ticket.customer_id == SHOWCASE_CUSTOMER_ID).order_by(col(Ticket.id))
        big = list(session.exec(mine).all())
        top = session.exec(select(func.max(Ticket.id))).one()
        others = list(
            session.exec(
                select(Ticket.id, Ticket.customer_id)
                .where(col(Ticket.id).in_(rng.sample(range(1, top), 60)))
                .order_by(col(Ticket.id))
            )
        )
        # Other tickets the typical case is warmed on: each of its own is opened for the first time when measured.
        spare = list(
            session.exec(
                select(Ticket.id, Ticket.customer_id)
                .where(
                    col(Ticket.id).in_(rng.sample(range(1, top), WARM_CALLS)),
                    col(Ticket.id).not_in(big + [n for n, _ in others]),
                )
                .order_by(col(Ticket.id))
            )
        )
    big_pairs = [(n, SHOWCASE_CUSTOMER_ID) for n in big]

    def open_ticket(pair: tuple[int, int]) -> None:
        desk.get_ticket(pair[0])
        desk.customer_360(pair[1], today)

    rows = []
    with desk.engine.connect() as connection:

        def raw(pair: tuple[int, int]) -> None:
            for statement in RAW:
                connection.execute(statement, {"n": pair[0]}).all()

        for label, who, pairs, warm in (
            ("500 purchases, 50 tickets", "busy", big_pairs, []),
            ("a typical customer", "typical", others, spare),
        ):
            whole = sample(open_ticket, pairs, warm_on=warm)
            floor = sample(raw, pairs, warm_on=warm)
            shown = [_shown(desk, pair, today) for pair in pairs]
            rows.append(
                Row(
                    f"open ticket + 360: {label}",
                    p50(whole),
                    p95(whole),
                    p50(floor),
                    p95(floor),
                    "raw SQL",
                    answers=digest(shown),
                )
            )
            ticket = sample(lambda p: desk.get_ticket(p[0]), pairs, warm_on=warm)
            # Named per customer: side_by_side.py matches the two backends' rows by name.
            rows.append(Row(f"  of which the ticket and thread ({who})", p50(ticket), p95(ticket)))
            c360 = sample(lambda p: desk.customer_360(p[1], today), pairs, warm_on=warm)
            rows.append(Row(f"  of which the customer 360 ({who})", p50(c360), p95(c360)))
            if not indexed(size):
                continue  # no search index on this desk
            similar = sample(lambda p: desk.similar_cases(p[0]), pairs, warm_on=warm)
            rows.append(
                Row(f"  similar past cases ({who}, async)", p50(similar), p95(similar), note="loads after the ticket")
            )
    view = desk.customer_360(SHOWCASE_CUSTOMER_ID, today)
    busy = f"busy customer: {len(view.purchases)} purchases, {len(view.tickets)} tickets"
    print_table(f"Opening a ticket — {size} desk on {backend()} ({busy})", rows)
    whole = max(row.ours_p95 for row in rows if row.case.startswith("open ticket + 360"))
    save(size, "open_ticket", rows, {"open ticket + 360 p95 ms": (whole, TARGET_MS)})


if __name__ == "__main__":
    main()
