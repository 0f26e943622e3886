"""Which status may follow which (new → open → pending / on hold → resolved → closed; reopen).

Pure rules, shared by the services that enforce them and the screens that offer only what is allowed.
"""

from supportdesk.models import Status

ALLOWED: dict[Status, frozenset[Status]] = {
    # A caller's question answered during the call goes straight from new to resolved.
    Status.NEW: frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.RESOLVED}),
    Status.OPEN: frozenset({Status.PENDING, Status.ON_HOLD, Status.RESOLVED}),
    Status.PENDING: frozenset({Status.OPEN, Status.ON_HOLD, Status.RESOLVED}),
    Status.ON_HOLD: frozenset({Status.OPEN, Status.PENDING, Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.OPEN}),
    Status.CLOSED: frozenset({Status.OPEN}),
}


def allowed_next(current: Status | str) -> list[Status]:
    """The statuses a ticket may move to next, in workflow order."""
    nxt = ALLOWED[Status(current)]
    return [status for status in Status if status in nxt]


def is_allowed(current: Status | str, target: Status | str) -> bool:
    return Status(target) in ALLOWED[Status(current)]


def is_reopen(current: Status | str, target: Status | str) -> bool:
    return Status(current) in (Status.RESOLVED, Status.CLOSED) and Status(target) == Status.OPEN
