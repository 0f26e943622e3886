"""an agent's open tickets latest first: the home screen's "mine" (and "unassigned") page read off an index

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 18:40:00.000000

Issue 20: the home screen opens on the agent's own open tickets, latest update first. Both backends read every open
ticket of the agent through ix_ticket_assignee_status, fetched each row for its updated_at and sorted them all
before taking the page: 95 ms at 100k tickets (6,816 open tickets of the measuring agent) on SQLite. These partial
indexes hold the page in order, tie-break included, as 0016's do for the priority and due sorts. SQLite picks them
by itself for an assignee (the equality and the order both fit); the all-open queue keeps its own indexes (0013 on
PostgreSQL; on SQLite the covering status indexes answer it in ~2 ms).

The status list is copied, not imported: a migration must keep meaning what it meant when it ran.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("status IN ('new', 'on_hold', 'open', 'pending')")


def upgrade() -> None:
    for name, column in (("updated", "updated_at"), ("received", "received_at")):
        op.create_index(
            f"ix_ticket_open_assignee_{name}",
            "ticket",
            ["assignee_id", sa.text(f"{column} DESC"), sa.text("id DESC")],
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        )


def downgrade() -> None:
    for name in ("received", "updated"):
        op.drop_index(f"ix_ticket_open_assignee_{name}", table_name="ticket")
