"""everyday records: canned responses, ticket links and merges, custom fields, hand-entered messages, cancel reasons

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 11:02:55.562105
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


@contextmanager
def _triggers_kept() -> Iterator[None]:
    """SQLite: batch mode copies a table and renames the copy, which its own and other tables' triggers (0012's
    customer activity) refuse, and a dropped table loses its triggers; so they are set aside and made again."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    saved = bind.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
    for name, _ in saved:
        op.execute(f'DROP TRIGGER "{name}"')
    yield
    for _, sql in saved:
        op.execute(sql)


def upgrade() -> None:
    op.create_table(
        "custom_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("holds", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("choices", sa.Text(), nullable=True),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "name_key", name="uq_custom_field_name"),
    )
    op.create_table(
        "canned_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("team", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("uses", sa.Integer(), server_default="0", nullable=False),
        sa.Column("retired_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("canned_response", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_canned_response_team"), ["team"], unique=False)

    op.create_table(
        "custom_value",
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["field_id"],
            ["custom_field.id"],
        ),
        sa.PrimaryKeyConstraint("field_id", "object_id"),
    )
    with op.batch_alter_table("custom_value", schema=None) as batch_op:
        batch_op.create_index("ix_custom_value_field_value", ["field_id", "value"], unique=False)

    op.create_table(
        "ticket_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_id", sa.Integer(), nullable=False),
        sa.Column("to_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user.id"],
        ),
        sa.ForeignKeyConstraint(
            ["from_id"],
            ["ticket.id"],
        ),
        sa.ForeignKeyConstraint(
            ["to_id"],
            ["ticket.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("from_id", "to_id", name="uq_ticket_link_pair"),
    )
    with op.batch_alter_table("ticket_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_link_from_id"), ["from_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ticket_link_to_id"), ["to_id"], unique=False)

    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancel_category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))

    with _triggers_kept():
        with op.batch_alter_table("ticket", schema=None) as batch_op:
            batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f("ix_ticket_merged_into_id"), ["merged_into_id"], unique=False)
            batch_op.create_foreign_key("fk_ticket_merged_into_id", "ticket", ["merged_into_id"], ["id"])

        with op.batch_alter_table("ticket_entry", schema=None) as batch_op:
            batch_op.add_column(sa.Column("channel", sa.String(length=20), nullable=True))
            batch_op.add_column(sa.Column("received_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
            batch_op.add_column(sa.Column("merged_from_id", sa.Integer(), nullable=True))
            batch_op.create_foreign_key("fk_ticket_entry_merged_from_id", "ticket", ["merged_from_id"], ["id"])


def downgrade() -> None:
    with _triggers_kept():
        with op.batch_alter_table("ticket_entry", schema=None) as batch_op:
            batch_op.drop_constraint("fk_ticket_entry_merged_from_id", type_="foreignkey")
            batch_op.drop_column("merged_from_id")
            batch_op.drop_column("received_at")
            batch_op.drop_column("channel")

        with op.batch_alter_table("ticket", schema=None) as batch_op:
            batch_op.drop_constraint("fk_ticket_merged_into_id", type_="foreignkey")
            batch_op.drop_index(batch_op.f("ix_ticket_merged_into_id"))
            batch_op.drop_column("merged_into_id")

    with op.batch_alter_table("subscription", schema=None) as batch_op:
        batch_op.drop_column("cancel_category")

    with op.batch_alter_table("ticket_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ticket_link_to_id"))
        batch_op.drop_index(batch_op.f("ix_ticket_link_from_id"))

    op.drop_table("ticket_link")
    with op.batch_alter_table("custom_value", schema=None) as batch_op:
        batch_op.drop_index("ix_custom_value_field_value")

    op.drop_table("custom_value")
    with op.batch_alter_table("canned_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_canned_response_team"))

    op.drop_table("canned_response")
    op.drop_table("custom_field")
