"""caller lookup ranks by activity: each customer's open tickets and last contact, kept by triggers

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 12:00:00.000000

`customer.open_tickets` and `customer.last_contact_at` are what caller lookup ranks by after how a caller matched
(services/caller_lookup.py). They are derived from `ticket` and `ticket_entry` and kept by triggers, so every
writer (services, imports, merges, the demo builder's bulk inserts, plain SQL) keeps them right. The triggers add
and subtract rather than count again: under PostgreSQL's READ COMMITTED a recount inside a trigger would not see
a concurrent transaction's change to another ticket of the same customer, while `x = x + 1` is applied to the row
as the other transaction left it.

The vocabularies below are copied, not imported: a migration must keep meaning what it meant when it ran.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "('new', 'on_hold', 'open', 'pending')"
# A contact with the customer: their message, our reply, a call either way (a new ticket counts by received_at).
CONTACT = "('call_log', 'customer_message', 'reply')"
ACTIVE = sa.text('merged_into_id IS NULL')

SQLITE_TRIGGERS = (
    f"""
    CREATE TRIGGER customer_activity_ticket_insert AFTER INSERT ON ticket
    BEGIN
        UPDATE customer SET
            open_tickets = open_tickets + (NEW.status IN {OPEN}),
            last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < NEW.received_at
                                   THEN NEW.received_at ELSE last_contact_at END
        WHERE id = NEW.customer_id;
    END
    """,
    f"""
    CREATE TRIGGER customer_activity_ticket_update AFTER UPDATE OF status, received_at ON ticket
    WHEN OLD.customer_id = NEW.customer_id
         AND ((OLD.status IN {OPEN}) <> (NEW.status IN {OPEN}) OR NEW.received_at > OLD.received_at)
    BEGIN
        UPDATE customer SET
            open_tickets = open_tickets + (NEW.status IN {OPEN}) - (OLD.status IN {OPEN}),
            last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < NEW.received_at
                                   THEN NEW.received_at ELSE last_contact_at END
        WHERE id = NEW.customer_id;
    END
    """,
    # A ticket moved to another customer (a merge): its open count and its contacts go with it.
    f"""
    CREATE TRIGGER customer_activity_ticket_move AFTER UPDATE OF customer_id ON ticket
    WHEN OLD.customer_id <> NEW.customer_id
    BEGIN
        UPDATE customer SET open_tickets = open_tickets - (OLD.status IN {OPEN}) WHERE id = OLD.customer_id;
        UPDATE customer SET
            open_tickets = open_tickets + (NEW.status IN {OPEN}),
            last_contact_at = (
                SELECT max(at) FROM (
                    SELECT last_contact_at AS at FROM customer WHERE id = NEW.customer_id
                    UNION ALL SELECT NEW.received_at
                    UNION ALL SELECT max(created_at) FROM ticket_entry WHERE ticket_id = NEW.id AND kind IN {CONTACT}
                )
            )
        WHERE id = NEW.customer_id;
    END
    """,
    f"""
    CREATE TRIGGER customer_activity_ticket_delete AFTER DELETE ON ticket
    BEGIN
        UPDATE customer SET open_tickets = open_tickets - (OLD.status IN {OPEN}) WHERE id = OLD.customer_id;
    END
    """,
    f"""
    CREATE TRIGGER customer_activity_contact AFTER INSERT ON ticket_entry
    WHEN NEW.kind IN {CONTACT}
    BEGIN
        UPDATE customer SET
            last_contact_at = CASE WHEN last_contact_at IS NULL OR last_contact_at < NEW.created_at
                                   THEN NEW.created_at ELSE last_contact_at END
        WHERE id = (SELECT customer_id FROM ticket WHERE id = NEW.ticket_id);
    END
    """,
)

POSTGRESQL_TRIGGERS = (
    f"""
    CREATE FUNCTION customer_activity_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.customer_id <> NEW.customer_id) THEN
            UPDATE customer SET open_tickets = open_tickets - 1 WHERE id = OLD.customer_id AND OLD.status IN {OPEN};
        END IF;
        IF TG_OP = 'INSERT' THEN
            UPDATE customer SET
                open_tickets = open_tickets + (NEW.status IN {OPEN})::int,
                last_contact_at = GREATEST(last_contact_at, NEW.received_at)
            WHERE id = NEW.customer_id;
        ELSIF TG_OP = 'UPDATE' AND OLD.customer_id <> NEW.customer_id THEN
            UPDATE customer SET
                open_tickets = open_tickets + (NEW.status IN {OPEN})::int,
                last_contact_at = GREATEST(
                    last_contact_at, NEW.received_at,
                    (SELECT max(created_at) FROM ticket_entry WHERE ticket_id = NEW.id AND kind IN {CONTACT}))
            WHERE id = NEW.customer_id;
        ELSIF TG_OP = 'UPDATE' AND ((OLD.status IN {OPEN}) <> (NEW.status IN {OPEN})
                                    OR NEW.received_at > OLD.received_at) THEN
            UPDATE customer SET
                open_tickets = open_tickets + (NEW.status IN {OPEN})::int - (OLD.status IN {OPEN})::int,
                last_contact_at = GREATEST(last_contact_at, NEW.received_at)
            WHERE id = NEW.customer_id;
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER customer_activity_ticket AFTER INSERT OR DELETE OR UPDATE OF status, customer_id, received_at
    ON ticket FOR EACH ROW EXECUTE FUNCTION customer_activity_on_ticket()
    """,
    f"""
    CREATE FUNCTION customer_activity_on_contact() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE customer SET last_contact_at = GREATEST(last_contact_at, NEW.created_at)
        WHERE id = (SELECT customer_id FROM ticket WHERE id = NEW.ticket_id);
        RETURN NULL;
    END $$
    """,
    f"""
    CREATE TRIGGER customer_activity_contact AFTER INSERT ON ticket_entry
    FOR EACH ROW WHEN (NEW.kind IN {CONTACT}) EXECUTE FUNCTION customer_activity_on_contact()
    """,
)

# What the triggers keep, computed from scratch: the desk's tickets and contacts as they are now.
BACKFILL = f"""
UPDATE customer SET
    open_tickets = (SELECT count(*) FROM ticket WHERE ticket.customer_id = customer.id AND ticket.status IN {OPEN}),
    last_contact_at = (
        SELECT max(at) FROM (
            SELECT max(received_at) AS at FROM ticket WHERE ticket.customer_id = customer.id
            UNION ALL
            SELECT max(e.created_at) FROM ticket_entry e JOIN ticket t ON t.id = e.ticket_id
            WHERE t.customer_id = customer.id AND e.kind IN {CONTACT}
        ) AS contacts
    )
"""


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('open_tickets', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_contact_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.execute(BACKFILL)
    if bind.dialect.name == 'postgresql':
        # PostgreSQL puts NULLs first in a descending index; the lookup wants people never contacted last.
        op.execute(
            'CREATE INDEX ix_customer_activity ON customer '
            '(open_tickets DESC, last_contact_at DESC NULLS LAST, kana_key, name_key, id) WHERE merged_into_id IS NULL'
        )
        for statement in POSTGRESQL_TRIGGERS:
            op.execute(statement)
    else:
        op.create_index(
            'ix_customer_activity',
            'customer',
            [sa.text('open_tickets DESC'), sa.text('last_contact_at DESC'), 'kana_key', 'name_key', 'id'],
            sqlite_where=ACTIVE,
        )
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute('DROP TRIGGER customer_activity_contact ON ticket_entry')
        op.execute('DROP TRIGGER customer_activity_ticket ON ticket')
        op.execute('DROP FUNCTION customer_activity_on_contact()')
        op.execute('DROP FUNCTION customer_activity_on_ticket()')
    else:
        for name in ('contact', 'ticket_delete', 'ticket_move', 'ticket_update', 'ticket_insert'):
            op.execute(f'DROP TRIGGER customer_activity_{name}')
    op.drop_index('ix_customer_activity', table_name='customer')
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_column('last_contact_at')
        batch_op.drop_column('open_tickets')

