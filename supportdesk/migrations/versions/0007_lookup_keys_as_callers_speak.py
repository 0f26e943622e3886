"""lookup keys as callers speak: the last four digits of phone and mobile, readings in bank notation

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from supportdesk.normalize import bank_kana_key, phone_tail

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = sa.String(length=200).with_variant(sa.String(length=200, collation='C'), 'postgresql')


def _key_column(name: str) -> sa.Column[str]:
    return sa.Column(name, KEY, server_default='', nullable=False)


def upgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(_key_column('kana_bank_key'))
        batch_op.add_column(_key_column('phone_tail'))
        batch_op.add_column(_key_column('mobile_tail'))
        batch_op.create_index(batch_op.f('ix_customer_kana_bank_key'), ['kana_bank_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_phone_tail'), ['phone_tail'], unique=False)
        batch_op.create_index(batch_op.f('ix_customer_mobile_tail'), ['mobile_tail'], unique=False)
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.add_column(_key_column('kana_bank_key'))
        batch_op.create_index(batch_op.f('ix_company_kana_bank_key'), ['kana_bank_key'], unique=False)

    # The new keys of the people and companies already on the desk, from the same functions the services use.
    bind = op.get_bind()
    customer = sa.table(
        'customer', sa.column('id'), sa.column('name_kana'), sa.column('phone_key'), sa.column('mobile_key'),
        sa.column('kana_bank_key'), sa.column('phone_tail'), sa.column('mobile_tail'),
    )
    rows = bind.execute(sa.select(customer.c.id, customer.c.name_kana, customer.c.phone_key, customer.c.mobile_key))
    updates = [
        {'row_id': id_, 'bank': bank_kana_key(kana), 'tail': phone_tail(phone), 'mtail': phone_tail(mobile)}
        for id_, kana, phone, mobile in rows
    ]
    if updates:
        bind.execute(
            customer.update().where(customer.c.id == sa.bindparam('row_id')).values(
                kana_bank_key=sa.bindparam('bank'), phone_tail=sa.bindparam('tail'), mobile_tail=sa.bindparam('mtail')
            ),
            updates,
        )
    company = sa.table('company', sa.column('id'), sa.column('name_kana'), sa.column('kana_bank_key'))
    updates = [
        {'row_id': id_, 'bank': bank_kana_key(kana)}
        for id_, kana in bind.execute(sa.select(company.c.id, company.c.name_kana))
    ]
    if updates:
        bind.execute(
            company.update().where(company.c.id == sa.bindparam('row_id')).values(kana_bank_key=sa.bindparam('bank')),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table('company', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_company_kana_bank_key'))
        batch_op.drop_column('kana_bank_key')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_mobile_tail'))
        batch_op.drop_index(batch_op.f('ix_customer_phone_tail'))
        batch_op.drop_index(batch_op.f('ix_customer_kana_bank_key'))
        batch_op.drop_column('mobile_tail')
        batch_op.drop_column('phone_tail')
        batch_op.drop_column('kana_bank_key')
