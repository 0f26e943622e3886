"""tickets indexed by (customer_id, status) instead of customer_id alone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 14:30:00.000000
"""
from collections.abc import Sequence

from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_customer_status', ['customer_id', 'status'], unique=False)
        batch_op.drop_index('ix_ticket_customer_id')


def downgrade() -> None:
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_customer_id', ['customer_id'], unique=False)
        batch_op.drop_index('ix_ticket_customer_status')
