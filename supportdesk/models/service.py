"""The desk service's own bookkeeping: the instances that ran (active or standby) and what each job did last."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field


class ServiceNode(SQLModel, table=True):
    """One `supportdesk service` process: where it runs, since when, and whether it is the active one."""

    __tablename__ = "service_node"

    id: int | None = Field(default=None, primary_key=True)
    host: str = Field(max_length=255)
    pid: int
    started_at: datetime = created_field()
    seen_at: datetime = created_field(index=True)
    active_since: datetime | None = None
    stopped_at: datetime | None = None
    software: str = Field(default="", max_length=40)


class ServiceJob(SQLModel, table=True):
    """The last run of one of the service's jobs (timed rules, triggers, mail, index …)."""

    __tablename__ = "service_job"

    name: str = Field(max_length=40, primary_key=True)
    node_id: int | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    ok_at: datetime | None = None
    counts: str = Field(default="{}", sa_type=Text)  # JSON: what the last run did, as numbers
    error: str | None = Field(default=None, sa_type=Text)  # the last failure, without secrets
    runs: int = 0
    failures: int = 0  # in a row
