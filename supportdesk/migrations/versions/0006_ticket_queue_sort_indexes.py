"""tickets indexed by (status, received_at) and (status, priority, due columns) for the queue sorts

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 15:30:00.000000
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_status_received', ['status', 'received_at'], unique=False)
        batch_op.create_index(
            'ix_ticket_status_priority_due',
            ['status', 'priority', 'first_response_at', 'first_response_due', 'resolution_due'],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_status_priority_due')
        batch_op.drop_index('ix_ticket_status_received')
