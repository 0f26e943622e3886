"""the audit trail by object: who looked at this ticket or customer, and when

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 18:10:00.000000

Issue 20: every ticket opened and every customer 360 asks whether this agent viewed the same object within the
view window before recording the view (services/audit.record_view). With indexes on the action, the actor and the
time alone, the database walked every `ticket.view` row: 9 ms of the 26 ms a ticket took to open at 100k tickets,
growing with the trail. (object_type, object_id, actor_id, at) answers it from a handful of index entries, and
serves the other questions asked by object: `audit --customer`, the privacy export, erasure and "who changed this
ticket last" on a conflict.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_event_object", "audit_event", ["object_type", "object_id", "actor_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_event_object", table_name="audit_event")
