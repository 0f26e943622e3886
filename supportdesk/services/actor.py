"""The acting user, as services see it, and the role permissions they check."""

from dataclasses import dataclass
from enum import StrEnum

from supportdesk.errors import NotAllowed
from supportdesk.i18n import msg, term
from supportdesk.models import Role, User


@dataclass(frozen=True)
class Actor:
    id: int
    login: str
    name: str
    role: Role
    team: str | None = None
    # The trigger or macro this actor is carrying out: the thread entries it writes name it (via_rule).
    via: str | None = None

    @classmethod
    def from_user(cls, user: User) -> "Actor":
        assert user.id is not None
        return cls(id=user.id, login=user.login, name=user.name, role=Role(user.role), team=user.team)


class Action(StrEnum):
    VIEW_TICKETS = "view tickets"
    WORK_TICKETS = "work on tickets"
    REASSIGN_TICKETS = "reassign other agents' tickets"
    VIEW_CUSTOMERS = "view customer profiles"
    EDIT_CUSTOMERS = "create or edit customers"
    EDIT_PURCHASES = "record purchases and subscriptions"
    MANAGE_USERS = "manage users"
    CURATE_CASES = "mark exemplary cases"
    READ_AUDIT = "read the audit log"
    PRIVACY_REQUESTS = "handle privacy requests"
    BACKUP = "back up the desk"
    TAG_TICKETS = "tag tickets"
    IMPORT_DATA = "import data from files"
    EXPORT_DATA = "export data to files"
    MERGE_CUSTOMERS = "merge duplicate customers"
    VIEW_REPORTS = "view the team dashboard and reports"
    BULK_CHANGE = "change tickets in bulk"
    SAVE_VIEWS = "save ticket list views"
    SHARE_VIEWS = "share views with the team"
    LINK_TICKETS = "link and merge tickets"
    MANAGE_CANNED = "manage canned responses"
    DEFINE_FIELDS = "define custom fields"
    MANAGE_RULES = "edit triggers and macros"


_ALL = frozenset(Role)
_WORKERS = frozenset({Role.AGENT, Role.LEAD, Role.ADMIN})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.VIEW_TICKETS: _ALL,
    Action.WORK_TICKETS: _WORKERS,
    Action.REASSIGN_TICKETS: frozenset({Role.LEAD, Role.ADMIN}),
    # Trainers read cases with personal data masked; they never open a customer profile.
    Action.VIEW_CUSTOMERS: _WORKERS,
    Action.EDIT_CUSTOMERS: _WORKERS,
    Action.EDIT_PURCHASES: _WORKERS,
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    Action.CURATE_CASES: frozenset({Role.LEAD, Role.TRAINER, Role.ADMIN}),
    Action.READ_AUDIT: frozenset({Role.ADMIN}),
    Action.PRIVACY_REQUESTS: frozenset({Role.ADMIN}),
    Action.BACKUP: frozenset({Role.ADMIN}),
    Action.TAG_TICKETS: frozenset({Role.AGENT, Role.LEAD, Role.TRAINER, Role.ADMIN}),
    # The lead's view: who is overloaded, what is overdue, and changing many tickets at once.
    Action.VIEW_REPORTS: frozenset({Role.LEAD, Role.ADMIN}),
    Action.BULK_CHANGE: frozenset({Role.LEAD, Role.ADMIN}),
    Action.SAVE_VIEWS: _WORKERS,
    Action.SHARE_VIEWS: frozenset({Role.LEAD, Role.ADMIN}),
    # Rules act on every ticket of the desk by themselves: the lead's to write.
    Action.MANAGE_RULES: frozenset({Role.LEAD, Role.ADMIN}),
    # Bulk reads and writes of personal data, and merges nobody can undo by hand, are for leads and admins.
    Action.IMPORT_DATA: frozenset({Role.LEAD, Role.ADMIN}),
    Action.EXPORT_DATA: frozenset({Role.LEAD, Role.ADMIN}),
    Action.MERGE_CUSTOMERS: frozenset({Role.LEAD, Role.ADMIN}),
    # The same caller twice about one thing: whoever works tickets puts them together (the merge is audited).
    Action.LINK_TICKETS: _WORKERS,
    # What the team says to customers, and what every record carries, are decided by leads and admins.
    Action.MANAGE_CANNED: frozenset({Role.LEAD, Role.ADMIN}),
    Action.DEFINE_FIELDS: frozenset({Role.ADMIN}),
}


def can(actor: Actor, action: Action) -> bool:
    return actor.role in PERMISSIONS[action]


def require(actor: Actor, action: Action) -> None:
    if not can(actor, action):
        raise NotAllowed(
            msg("{name} ({role}) may not {action}.", name=actor.name, role=term(actor.role), action=term(action))
        )
