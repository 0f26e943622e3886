"""Alembic environment. The connection is handed in by supportdesk.db.migrate; no URL lives in a file."""

from alembic import context
from sqlmodel import SQLModel

import supportdesk.models  # noqa: F401 - registers every table on the metadata
from supportdesk.models.base import on_backend

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through supportdesk.db.migrate(engine)")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=on_backend(connection.dialect.name),
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
