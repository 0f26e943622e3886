"""Records teams keep beside their tickets: canned responses, links between tickets, and fields of their own."""

from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field, versioned


class CannedResponse(SQLModel, table=True):
    """A text agents insert into a reply (定型文), with {placeholders}; kept per team (None: every team).

    Retired responses stay (their use counts are history) but are offered to nobody.
    """

    __tablename__ = "canned_response"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=100)
    body: str = Field(sa_type=Text)
    lang: str = Field(default="ja", max_length=2)
    team: str | None = Field(default=None, max_length=100, index=True)
    uses: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    retired_at: datetime | None = None
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_field()
    updated_at: datetime = created_field()
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return versioned(cls)


class TicketLink(SQLModel, table=True):
    """Two tickets that belong together: `related` both ways, or `parent` (from_id is the parent of to_id)."""

    __tablename__ = "ticket_link"
    __table_args__ = (UniqueConstraint("from_id", "to_id", name="uq_ticket_link_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    from_id: int = Field(foreign_key="ticket.id", index=True)
    to_id: int = Field(foreign_key="ticket.id", index=True)
    kind: str = Field(max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = created_field()


class CustomField(SQLModel, table=True):
    """A field a team added to its tickets or customers (品番, 製造番号, 保証期限), defined by an administrator.

    `name` is what forms, `show` and file headers call it; `name_key` (NFKC, lower case, no spaces) keeps two
    spellings of one name from becoming two fields. Retired fields keep their values but leave forms and files.
    """

    __tablename__ = "custom_field"
    __table_args__ = (UniqueConstraint("kind", "name_key", name="uq_custom_field_name"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)  # tickets | customers
    name: str = Field(max_length=50)
    name_key: str = Field(max_length=50)
    holds: str = Field(max_length=10)  # text | number | date | choice
    choices: str | None = Field(default=None, sa_type=Text)  # JSON list of the allowed values
    required: bool = False
    position: int = 0
    retired_at: datetime | None = None
    created_at: datetime = created_field()
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return versioned(cls)


class CustomValue(SQLModel, table=True):
    """One custom field's value on one ticket or customer, in its canonical form (ISO date, plain number)."""

    __tablename__ = "custom_value"
    # Lists filter by a field's value: (field, value) finds the records without reading the others.
    __table_args__ = (Index("ix_custom_value_field_value", "field_id", "value"),)

    field_id: int = Field(foreign_key="custom_field.id", primary_key=True)
    object_id: int = Field(primary_key=True)
    value: str = Field(sa_type=String(500))
