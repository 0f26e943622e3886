"""Customers (個人) and the companies (企業) they may belong to."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, Text, nulls_last, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel, col

from supportdesk.models.base import backend_index, created_field, enum_field, key_field, versioned
from supportdesk.models.enums import AcquisitionChannel, CustomerRank, Gender


class Company(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    postal_code: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    industry: str | None = Field(default=None, max_length=100)
    business_description: str | None = Field(default=None, sa_type=Text)
    founded_on: date | None = None
    employees: int | None = None
    website: str | None = Field(default=None, max_length=300)
    social_accounts: str | None = Field(default=None, max_length=500)
    notes: str | None = Field(default=None, sa_type=Text)
    external_ref: str | None = Field(default=None, max_length=100, unique=True)

    name_key: str = key_field()
    kana_key: str = key_field()
    kana_bank_key: str = key_field()  # normalize.bank_kana_key: a reading as bank transfers write it
    phone_key: str = key_field()

    created_at: datetime = created_field()
    updated_at: datetime = created_field()
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return versioned(cls)


class Customer(SQLModel, table=True):
    """A person; B2B customers also point at their company, with department and role there."""

    # Only merged rows are indexed by merged_into_id. A full index made SQLite's planner (which has no statistics
    # unless ANALYZE ran) read every active customer through `merged_into_id IS NULL` instead of the lookup key's
    # range: caller lookup went from a few ms to over 100 on 100k customers.
    __table_args__ = (
        Index(
            "ix_customer_merged_into_id",
            "merged_into_id",
            sqlite_where=text("merged_into_id IS NOT NULL"),
            postgresql_where=text("merged_into_id IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    full_name: str = Field(max_length=200)
    name_kana: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    mobile: str | None = Field(default=None, max_length=40)
    postal_code: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=300)
    gender: Gender | None = enum_field(None, nullable=True)
    birth_date: date | None = None
    occupation: str | None = Field(default=None, max_length=100)
    rank: CustomerRank = enum_field(CustomerRank.NEW)
    acquisition_channel: AcquisitionChannel | None = enum_field(None, nullable=True)
    contact_consent: bool = False
    consent_at: datetime | None = None
    notes: str | None = Field(default=None, sa_type=Text)
    external_ref: str | None = Field(default=None, max_length=100, unique=True)

    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    department: str | None = Field(default=None, max_length=100)
    job_title: str | None = Field(default=None, max_length=100)
    is_decision_maker: bool = False

    # A merged duplicate keeps its row (for the audit trail) and points at the surviving record.
    merged_into_id: int | None = Field(default=None, foreign_key="customer.id")
    anonymised_at: datetime | None = None

    name_key: str = key_field()
    kana_key: str = key_field()
    kana_bank_key: str = key_field()  # normalize.bank_kana_key: a reading as bank transfers write it
    email_key: str = key_field()
    phone_key: str = key_field()
    mobile_key: str = key_field()
    # The last four digits of phone and mobile (下4桁): what a caller reads out when asked to confirm.
    phone_tail: str = key_field()
    mobile_tail: str = key_field()

    # What caller lookup ranks by after how a caller matched (services/caller_lookup.py): open tickets, and the
    # latest ticket received, customer message, reply or call. Derived from ticket and ticket_entry and kept by
    # database triggers (migration 0012), so every writer keeps them right; never set them in code.
    open_tickets: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    last_contact_at: datetime | None = None

    created_at: datetime = created_field()
    updated_at: datetime = created_field()
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return versioned(cls)


# Caller lookup's ranking order, so that a key matching thousands of people (two digits of a phone number) is
# answered by walking this index until enough of them turn up instead of sorting them all. People never contacted
# (NULL) come last: SQLite puts NULLs last in a descending index by itself; PostgreSQL must be told.
_ACTIVE = text("merged_into_id IS NULL")
_RANK_TAIL = (col(Customer.kana_key), col(Customer.name_key), col(Customer.id))
backend_index(
    "sqlite",
    "ix_customer_activity",
    col(Customer.open_tickets).desc(),
    col(Customer.last_contact_at).desc(),
    *_RANK_TAIL,
    sqlite_where=_ACTIVE,
)
backend_index(
    "postgresql",
    "ix_customer_activity",
    col(Customer.open_tickets).desc(),
    nulls_last(col(Customer.last_contact_at).desc()),
    *_RANK_TAIL,
    postgresql_where=_ACTIVE,
)

# A lookup counts the people a key matches, up to WALK_ABOVE + 1, to choose between sorting them and walking the
# ranking index. Only people not merged away count, which PostgreSQL checked row by row in the table: 2,001 family
# names read from 1,464 table pages (3.5 ms of a lookup's 4 ms count). From these it counts without reading the
# table (1.2 ms). SQLite's entries carry the rowid and are read in-process: it needs none (issue 20, migration 0020).
_COUNTED: tuple[Any, ...] = (col(Customer.name_key), col(Customer.kana_bank_key), col(Customer.company_id))
for _counted in _COUNTED:
    backend_index("postgresql", f"ix_customer_{_counted.key}_active", _counted, postgresql_where=_ACTIVE)
