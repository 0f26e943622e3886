"""stored keys for the priority and due sorts: the open tickets' page read off an index on both backends

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 15:30:00.000000

Issue 20: the queue's priority sort ranked urgent … low with a CASE over every open ticket, then sorted them all
(40 ms p95 at 300k tickets on SQLite, 2.2x that on PostgreSQL); the due sort did the same with the next due time
(services/sla.next_due's rule: 59 ms p95 at 300k on SQLite, a parallel scan on PostgreSQL). `ticket.priority_rank`
and `ticket.next_due` are those expressions as columns the database computes itself; ix_ticket_open_priority and
ix_ticket_open_due hold the open tickets in page order (key, newest first), ix_ticket_open_assignee_priority and
ix_ticket_open_assignee_due the same per assignee (the "mine" and "unassigned" queues).

PostgreSQL keeps the columns in the row (GENERATED … STORED; the table is rewritten once). SQLite can only add a
VIRTUAL generated column with ALTER TABLE, which is all it needs here: the index stores the value. Adding a
column is no table rebuild on SQLite, so the 0012 triggers stay as they are (no batch mode, nothing set aside).

The expressions and the status list are copied, not imported: a migration must keep meaning what it meant when
it ran.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RANK = "CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 4 END"
NEXT_DUE = (
    "CASE WHEN first_response_at IS NULL AND first_response_due IS NOT NULL"
    " AND (resolution_due IS NULL OR first_response_due < resolution_due)"
    " THEN first_response_due ELSE resolution_due END"
)
OPEN = sa.text("status IN ('new', 'on_hold', 'open', 'pending')")


def upgrade() -> None:
    stored = op.get_bind().dialect.name == "postgresql"
    op.add_column("ticket", sa.Column("priority_rank", sa.SmallInteger(), sa.Computed(RANK, persisted=stored)))
    op.add_column("ticket", sa.Column("next_due", UTCDateTime(), sa.Computed(NEXT_DUE, persisted=stored)))
    for key, column in (("priority", "priority_rank"), ("due", "next_due")):
        for name, columns in ((key, []), (f"assignee_{key}", ["assignee_id"])):
            op.create_index(
                f"ix_ticket_open_{name}",
                "ticket",
                [*columns, column, sa.text("id DESC")],
                sqlite_where=OPEN,
                postgresql_where=OPEN,
            )


def downgrade() -> None:
    for name in ("assignee_due", "due", "assignee_priority", "priority"):
        op.drop_index(f"ix_ticket_open_{name}", table_name="ticket")
    for column in ("next_due", "priority_rank"):
        if op.get_bind().dialect.name == "sqlite":
            # Alembic would rebuild the table; SQLite drops a column no index or trigger names by itself.
            op.execute(f"ALTER TABLE ticket DROP COLUMN {column}")
        else:
            op.drop_column("ticket", column)
