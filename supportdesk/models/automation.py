"""What the desk does by itself: triggers and macros leads write, their history, when they fired, and the marks
that keep each timed rule to once per ticket."""

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint, true
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from supportdesk.models.base import created_field, versioned


class AutomationRule(SQLModel, table=True):
    """A trigger (conditions on a new or changed ticket → actions) or a macro (changes an agent applies).

    `definition` is JSON in the shape of the rules file (services/automation/definitions.py); triggers run in
    `position` order.
    """

    __tablename__ = "automation_rule"
    __table_args__ = (UniqueConstraint("kind", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)  # trigger | macro
    name: str = Field(max_length=100)
    position: int = Field(default=0)
    active: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    definition: str = Field(default="{}", sa_type=Text)
    created_at: datetime = created_field()
    updated_at: datetime = created_field()
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")
    version: int = Field(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return versioned(cls)


class RuleRevision(SQLModel, table=True):
    """Every change to a rule, append-only: the rule as it was after the change (before, for a deletion), who made
    it, from where (the app, the CLI or the rules file)."""

    __tablename__ = "rule_revision"

    id: int | None = Field(default=None, primary_key=True)
    rule_id: int = Field(index=True)  # no foreign key: the history outlives a deleted rule
    kind: str = Field(max_length=10)
    name: str = Field(max_length=100)
    change: str = Field(max_length=10)  # created | changed | deleted | enabled | disabled | moved
    definition: str = Field(default="{}", sa_type=Text)
    active: bool = True
    position: int = 0
    source: str = Field(default="app", max_length=10)  # app | cli | file
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    at: datetime = created_field()


class RuleFiring(SQLModel, table=True):
    """One trigger answering one change of one ticket: claimed before its actions run, so it never fires twice for
    the same change (a crash in between leaves `done` false, which `service status` reports)."""

    __tablename__ = "rule_firing"

    rule_id: int = Field(primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    change_id: int = Field(primary_key=True)  # the first thread entry of the change
    rule_name: str = Field(max_length=100)
    fired_at: datetime = created_field(index=True)
    done: bool = False
    actions: int = 0


class TimedMark(SQLModel, table=True):
    """A timed rule that has acted on a ticket (`sla:first_response:breach`, `follow_up:2026-12-10` …): inserted
    with the action, so each acts once per ticket and level whatever the number of service instances."""

    __tablename__ = "timed_mark"

    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)
    mark: str = Field(max_length=60, primary_key=True)
    at: datetime = created_field()


class FeedCursor(SQLModel, table=True):
    """How far the service has read the desk's changes (thread entries in id order), with the ids it saw missing
    that may still commit (PostgreSQL numbers rows before they commit)."""

    __tablename__ = "feed_cursor"

    name: str = Field(max_length=40, primary_key=True)
    upto: int = 0
    gaps: str = Field(default="{}", sa_type=Text)
    updated_at: datetime = created_field()


class AssignmentTurn(SQLModel, table=True):
    """Round-robin assignment: the agent of each team who got the last ticket."""

    __tablename__ = "assignment_turn"

    team: str = Field(max_length=100, primary_key=True)
    last_user_id: int | None = None
