"""index only merged customers by merged_into_id (keeps caller lookup on its key indexes)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MERGED = sa.text('merged_into_id IS NOT NULL')


def upgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_merged_into_id')
        batch_op.create_index(
            'ix_customer_merged_into_id', ['merged_into_id'], unique=False, sqlite_where=MERGED, postgresql_where=MERGED
        )


def downgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_merged_into_id')
        batch_op.create_index('ix_customer_merged_into_id', ['merged_into_id'], unique=False)
