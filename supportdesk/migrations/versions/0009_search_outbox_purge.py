"""search_outbox.purge: an erasure asks every index to rewrite the segments that held the old copy

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purge', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_column('purge')
