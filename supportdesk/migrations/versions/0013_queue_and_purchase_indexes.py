"""indexes measured for the team desk: open queue pages on PostgreSQL, the follow-up count, a customer's purchases

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 12:45:00.000000

Issue 20, each measured side by side (docs/PERFORMANCE.md):
- PostgreSQL only: partial indexes for the open tickets by updated / received, newest first, with the id as the
  tie-break the queue pages sort by. SQLite's (status, updated_at) indexes carry the rowid and need no twin.
- both: (status, follow_up_on) for the follow-up tab's count; (customer_id, purchased_on) for a customer's latest
  purchases, replacing the index on customer_id alone (the pair serves every lookup by customer).

The status list is copied, not imported: a migration must keep meaning what it meant when it ran.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("status IN ('new', 'on_hold', 'open', 'pending')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, column in (("updated", "updated_at"), ("received", "received_at")):
            op.create_index(
                f"ix_ticket_open_{name}",
                "ticket",
                [sa.text(f"{column} DESC"), sa.text("id DESC")],
                postgresql_where=OPEN,
            )
    op.create_index("ix_ticket_status_follow_up", "ticket", ["status", "follow_up_on"])
    op.create_index("ix_purchase_customer_purchased", "purchase", ["customer_id", "purchased_on"])
    op.drop_index("ix_purchase_customer_id", table_name="purchase")


def downgrade() -> None:
    op.create_index("ix_purchase_customer_id", "purchase", ["customer_id"])
    op.drop_index("ix_purchase_customer_purchased", table_name="purchase")
    op.drop_index("ix_ticket_status_follow_up", table_name="ticket")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_ticket_open_received", table_name="ticket")
        op.drop_index("ix_ticket_open_updated", table_name="ticket")
