"""Work for the search indexer, written in the same transaction as the change it describes."""

from datetime import datetime

from sqlalchemy import false
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field


class SearchOutbox(SQLModel, table=True):
    """One row per ticket to (re)index. The indexer applies rows in id order and deletes what it applied.

    Because the row commits or rolls back with the change itself, a crash at any moment leaves the index
    behind (caught up on the next run), never ahead of or different from the database.
    """

    __tablename__ = "search_outbox"

    id: int | None = Field(default=None, primary_key=True)
    ticket_id: int = Field(index=True)
    queued_at: datetime = created_field()
    # Set by an erasure: every index applying this row rewrites the segments that held the old copy and drops its
    # older generations (search_index.SearchIndex.purge), on each machine of a team desk.
    purge: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
