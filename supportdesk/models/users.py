"""People who use the desk, and the append-only audit trail of what they did."""

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field, enum_field
from supportdesk.models.enums import Role


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=100)
    role: Role = enum_field(Role.AGENT)
    team: str | None = Field(default=None, max_length=100)
    active: bool = True
    password_hash: str | None = Field(default=None, max_length=300)
    last_sign_in_at: datetime | None = None
    created_at: datetime = created_field()


class SignInThrottle(SQLModel, table=True):
    """Failed sign-ins per typed login, known or not, for the lock-out delay (services/auth.py).

    Keyed by a digest of the normalised login, not the login: an unknown login is often a password typed into the
    wrong field, and an account that exists must not be told apart from one that does not by how it locks.
    """

    __tablename__ = "sign_in_throttle"

    login_digest: str = Field(max_length=64, primary_key=True)
    failures: int = Field(default=0)
    locked_until: datetime | None = None
    last_failure_at: datetime


class AuditEvent(SQLModel, table=True):
    """Who did what to which object, when. Append-only; the services never update or delete a row."""

    __tablename__ = "audit_event"
    # "Has this agent viewed this ticket lately?" on every ticket opened, and every question asked by object
    # (audit --customer, privacy export, erasure, who changed a ticket last): migration 0017.
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id", "actor_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    actor_login: str = Field(max_length=64)
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=32)
    object_id: int | None = Field(default=None)
    detail: str | None = Field(default=None, sa_type=Text)
    at: datetime = created_field(index=True)
