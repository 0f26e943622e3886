"""the unassigned queue on PostgreSQL: each sort's page read in order from the open unassigned tickets

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 07:50:00.000000

Issue 20: the unassigned queue's pages come off (assignee_id, key, id) on SQLite, which reads `assignee_id IS NULL`
as an equality and walks the key in order. PostgreSQL does not: it took all 11,409 open unassigned tickets of the
300k benchmark desk and sorted them (5.0 ms of a page's statement in EXPLAIN ANALYZE; 2.6 with these). The keys are
those of the open-ticket indexes (0013, 0016): update and arrival newest first, priority rank and next due first,
the id newest first among equals. The status list is copied, as a migration must keep meaning what it meant.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_UNASSIGNED = sa.text("status IN ('new', 'on_hold', 'open', 'pending') AND assignee_id IS NULL")
ORDERS: dict[str, list[sa.TextClause | str]] = {
    "updated": [sa.text("updated_at DESC"), sa.text("id DESC")],
    "received": [sa.text("received_at DESC"), sa.text("id DESC")],
    "priority": ["priority_rank", sa.text("id DESC")],
    "due": ["next_due", sa.text("id DESC")],
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, order in ORDERS.items():
            op.create_index(f"ix_ticket_open_unassigned_{name}", "ticket", order, postgresql_where=OPEN_UNASSIGNED)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ORDERS:
            op.drop_index(f"ix_ticket_open_unassigned_{name}", table_name="ticket")
