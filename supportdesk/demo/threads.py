"""One ticket's history, replayed in time order with the same side effects the ticket services have.

The demo does not call the services (one ORM round trip per entry would take hours at benchmark size), so this
mirrors their rules instead: the first reply or call log stamps the first response and opens a new ticket; a
customer's message on a pending ticket reopens it; every transition is allowed by `transitions.ALLOWED`, writes a
StatusChange and a matching status-change entry, and sets or clears resolved_at / closed_at / follow_up_on.
"""

from datetime import date, datetime, timedelta

from supportdesk.demo.context import Batch, DemoContext, Row
from supportdesk.models import EntryKind, Status
from supportdesk.services.transitions import ALLOWED, is_reopen

# The services' own wording for the transitions they make by themselves.
FIRST_RESPONSE_REASON = "first response"
CUSTOMER_REPLIED_REASON = "customer replied"


class Thread:
    def __init__(self, ctx: DemoContext, batch: Batch, ticket_id: int, received_at: datetime) -> None:
        self.ctx = ctx
        self.batch = batch
        self.ticket_id = ticket_id
        self.t = received_at
        self.status: Status | None = None
        self.first_response_at: datetime | None = None
        self.resolved_at: datetime | None = None
        self.closed_at: datetime | None = None
        self.follow_up_on: date | None = None
        self.resolution_note: str | None = None
        self.entries = 0
        # Who the service would record as changing pending → open when a customer writes: the assignee.
        self.owner_id: int | None = None

    def wait(self, seconds: float) -> None:
        # Whole seconds: what a person sees, and what every backend stores the same way.
        self.t += timedelta(seconds=max(0, int(seconds)))

    def open_ticket(self, actor_id: int | None) -> None:
        self._change(None, Status.NEW, actor_id, None)

    def entry(self, kind: EntryKind, author_id: int | None, body: str, duration: int | None = None) -> None:
        if self.status == Status.CLOSED and kind != EntryKind.INTERNAL_NOTE:
            raise ValueError(f"ticket {self.ticket_id} is closed; only internal notes may be added")
        self._entry(kind, author_id, body, duration, None)
        if kind in (EntryKind.REPLY, EntryKind.CALL_LOG):
            if self.first_response_at is None:
                self.first_response_at = self.t
            if self.status == Status.NEW:
                self.transition(Status.OPEN, author_id, FIRST_RESPONSE_REASON)
        elif kind == EntryKind.CUSTOMER_MESSAGE and self.status == Status.PENDING:
            self.transition(Status.OPEN, self.owner_id, CUSTOMER_REPLIED_REASON)

    def transition(
        self, target: Status, actor_id: int | None, reason: str | None, follow_up: date | None = None
    ) -> None:
        current = self.status
        if current is None or target not in ALLOWED[current]:
            raise ValueError(f"ticket {self.ticket_id}: {current} → {target} is not an allowed transition")
        if target == Status.PENDING:
            if follow_up is None:
                raise ValueError("a pending ticket needs a follow-up date")
            self.follow_up_on = follow_up
        if target == Status.RESOLVED:
            if not reason:
                raise ValueError("resolving needs a resolution note")
            self.resolution_note = reason
            self.resolved_at = self.t
        elif target == Status.CLOSED:
            self.closed_at = self.t
        elif is_reopen(current, target):
            self.resolved_at = None
            self.closed_at = None
        if target != Status.PENDING:
            self.follow_up_on = None
        self._change(current, target, actor_id, reason)

    def _change(self, current: Status | None, target: Status, actor_id: int | None, reason: str | None) -> None:
        change_id = self.ctx.ids.next("status_change")
        self.batch.add(
            "status_change",
            {
                "id": change_id,
                "ticket_id": self.ticket_id,
                "from_status": current.value if current else None,
                "to_status": target.value,
                "actor_id": actor_id,
                "reason": reason,
                "at": self.t,
            },
        )
        self._entry(EntryKind.STATUS_CHANGE, actor_id, reason or "", None, change_id)
        self.status = target

    def _entry(
        self, kind: EntryKind, author_id: int | None, body: str, duration: int | None, change_id: int | None
    ) -> None:
        row: Row = {
            "id": self.ctx.ids.next("ticket_entry"),
            "ticket_id": self.ticket_id,
            "kind": kind.value,
            "author_id": author_id,
            "body": body,
            "call_duration_seconds": duration,
            "status_change_id": change_id,
            "created_at": self.t,
        }
        self.batch.add("ticket_entry", row)
        self.entries += 1
