"""mail messages, attachments and fetch bookkeeping

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 08:02:23.288269
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    
    op.create_table('attachment_blob',
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('mail_fetch_run',
    sa.Column('mailbox', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('finished_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('added', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('mailbox')
    )
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=127), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('inline', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('undecodable', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('trainer_safe', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['ticket_entry.id'], ),
    sa.ForeignKeyConstraint(['sha256'], ['attachment_blob.sha256'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('mail_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('message_id', sa.String(length=500), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('from_address', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('from_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('to_addresses', sa.Text(), nullable=False),
    sa.Column('cc_addresses', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('date_header', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('in_reply_to', sa.Text(), nullable=False),
    sa.Column('references', sa.Text(), nullable=False),
    sa.Column('raw_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('exact', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('automatic', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('next_attempt_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('claimed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('claimed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('server_answer', sa.Text(), nullable=True),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['ticket_entry.id'], ),
    sa.ForeignKeyConstraint(['raw_sha256'], ['attachment_blob.sha256'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('message_id')
    )
    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_message_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_message_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_mail_message_out_queue', ['direction', 'state', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_message_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('mail_seen',
    sa.Column('mailbox', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('uidvalidity', sa.BigInteger(), nullable=False),
    sa.Column('uid', sa.BigInteger(), nullable=False),
    sa.Column('mail_message_id', sa.Integer(), nullable=True),
    sa.Column('seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['mail_message_id'], ['mail_message.id'], ),
    sa.PrimaryKeyConstraint('mailbox', 'uidvalidity', 'uid')
    )



def downgrade() -> None:
    
    op.drop_table('mail_seen')
    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_message_ticket_id'))
        batch_op.drop_index('ix_mail_message_out_queue')
        batch_op.drop_index(batch_op.f('ix_mail_message_entry_id'))
        batch_op.drop_index(batch_op.f('ix_mail_message_created_at'))

    op.drop_table('mail_message')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_ticket_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_entry_id'))

    op.drop_table('attachment')
    op.drop_table('mail_fetch_run')
    op.drop_table('attachment_blob')

