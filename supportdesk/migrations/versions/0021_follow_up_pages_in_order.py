"""the follow-up tab: each sort's page walked in order from the pending tickets, not sorted from all those due

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05 07:20:00.000000

Issue 20: a page of the follow-up tab (pending tickets whose follow-up day has come) by update, arrival, priority
or due. A desk's SQLite file has no planner statistics, so SQLite took every due ticket from (status, follow_up_on),
read each row for its sort key and sorted them all: 16,559 tickets on the 300k benchmark desk, 31-47 ms a page,
over 50 ms at p95 in some runs; PostgreSQL sorted them as well (21-23 ms). These partial indexes hold the pending
tickets in each sort's page order with the follow-up day in the entry, so the page is walked in order and the walk
stops once it is full (SQLite is told the index; PostgreSQL chooses it).

The expressions are the columns 0016 made (priority_rank, next_due); the status is a literal, as the query names it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("status = 'pending'")
ORDERS: dict[str, list[str | sa.TextClause]] = {
    "updated": ["updated_at", "id"],
    "received": ["received_at", "id"],
    "priority": ["priority_rank", sa.text("id DESC")],
    "due": ["next_due", sa.text("id DESC")],
}


def upgrade() -> None:
    for name, order in ORDERS.items():
        op.create_index(
            f"ix_ticket_follow_up_{name}",
            "ticket",
            [*order, "follow_up_on"],
            sqlite_where=PENDING,
            postgresql_where=PENDING,
        )


def downgrade() -> None:
    for name in ORDERS:
        op.drop_index(f"ix_ticket_follow_up_{name}", table_name="ticket")
