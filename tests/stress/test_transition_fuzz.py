"""Random sequences of what agents do to a ticket keep the workflow's invariants (hypothesis state machine).

Each step is a status change, a thread entry or an assignment, sometimes from a stale version, with reasons and
follow-up dates that may be missing or wrong. A model predicts whether the desk accepts the step and which typed
error refuses it; after every step the ticket's history and timestamps must be as the rules say.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import Engine
from sqlmodel import col, select

from supportdesk.db import open_session
from supportdesk.errors import Conflict, Invalid, NotAllowed, SupportDeskError
from supportdesk.models import AuditEvent, EntryKind, Status, StatusChange, Ticket, TicketEntry
from supportdesk.models.enums import SYSTEM_KINDS
from supportdesk.normalize import clean
from supportdesk.services.actor import Actor
from supportdesk.services.tickets import add_entry, assign, change_status
from supportdesk.services.transitions import ALLOWED, is_reopen
from tests.stress.checks import chain_problems
from tests.supportdesk import factories

TODAY = date.today()
FOLLOW_UPS = (None, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=14))
# Words agents type, blanks that clean() removes, and full-width forms it folds.
TEXT = st.text(alphabet=st.sampled_from("返品の件 確認済み　ｶﾞＡa1\n\t "), max_size=12)
TICKET_FIELDS = (
    "status",
    "version",
    "assignee_id",
    "resolved_at",
    "closed_at",
    "resolution_note",
    "follow_up_on",
    "pending_since",
    "sla_paused_seconds",
    "first_response_at",
)
STOPPED = {Status.PENDING, Status.RESOLVED, Status.CLOSED}  # the resolution clock is paused


@dataclass(frozen=True)
class Seen:
    """One ticket as read from the database, with its whole history."""

    ticket: dict[str, Any]
    entries: tuple[tuple[int, str, str, datetime], ...]
    changes: tuple[tuple[int, str | None, str, str | None], ...]
    audit: int

    @property
    def status(self) -> Status:
        return Status(self.ticket["status"])

    @property
    def version(self) -> int:
        return int(self.ticket["version"])


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _read(engine: Engine, number: int) -> Seen:
    with open_session(engine) as s:
        ticket = s.get(Ticket, number)
        assert ticket is not None
        entries = s.exec(select(TicketEntry).where(TicketEntry.ticket_id == number).order_by(col(TicketEntry.id)))
        changes = s.exec(select(StatusChange).where(StatusChange.ticket_id == number).order_by(col(StatusChange.id)))
        audit = s.exec(select(AuditEvent.id).where(AuditEvent.object_type == "ticket", AuditEvent.object_id == number))
        return Seen(
            ticket={name: getattr(ticket, name) for name in TICKET_FIELDS},
            entries=tuple((e.id or 0, str(e.kind), e.body, e.created_at) for e in entries),
            changes=tuple((c.id or 0, _str(c.from_status), str(c.to_status), c.reason) for c in changes),
            audit=len(audit.all()),
        )


def _expected_refusal_of_status_change(
    seen: Seen, target: Status, reason: str | None, follow_up: date | None, stale: bool
) -> type[SupportDeskError] | None:
    """The error the rules give, checked in the order the service checks them; None when the change is allowed."""
    if stale:
        return Conflict
    if target == seen.status:
        return Invalid
    if target not in ALLOWED[seen.status]:
        return NotAllowed
    if target == Status.PENDING and (follow_up is None or follow_up < TODAY):
        return Invalid
    if target == Status.RESOLVED and not clean(reason):
        return Invalid
    return None


def _expected_refusal_of_entry(seen: Seen, kind: EntryKind, body: str, stale: bool) -> type[SupportDeskError] | None:
    if kind in SYSTEM_KINDS:  # status changes, handovers, field changes and rule lines are the desk's own
        return Invalid
    if not body.strip() and kind != EntryKind.CALL_LOG:
        return Invalid
    if stale:
        return Conflict
    if seen.status == Status.CLOSED and kind != EntryKind.INTERNAL_NOTE:
        return NotAllowed
    return None


def _attempt(call: Any) -> type[SupportDeskError] | None:
    try:
        call()
    except SupportDeskError as exc:
        return type(exc)
    return None


def test_random_sequences_of_work_keep_the_ticket_rules(engine: Engine, session, agent: Actor) -> None:
    caller = factories.customer(session, agent)

    class TicketLife(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.number = factories.ticket(session, agent, caller, "請求書の再発行")
            self.seen = _read(engine, self.number)

        def _version(self, stale: bool) -> int:
            return self.seen.version - 1 if stale else self.seen.version

        def _after(self, refused: type[SupportDeskError] | None, new_statuses: list[Status]) -> Seen:
            before, after = self.seen, _read(engine, self.number)
            if refused is not None:
                assert after == before, "a refused change writes nothing"
                return after
            assert after.version == before.version + 1, "one accepted change, one version"
            assert after.entries[: len(before.entries)] == before.entries, "the thread is append-only"
            assert after.changes[: len(before.changes)] == before.changes, "the status history is append-only"
            added = after.changes[len(before.changes) :]
            walk = [before.status, *new_statuses]
            assert [(c[1], c[2]) for c in added] == [(str(a), str(b)) for a, b in pairwise(walk)]
            assert after.audit > before.audit, "every change is audited"
            return after

        @rule(to=st.sampled_from(Status), reason=st.one_of(st.none(), TEXT), follow_up=st.sampled_from(FOLLOW_UPS))
        def move(self, to: Status, reason: str | None, follow_up: date | None, stale: bool = False) -> None:
            target = to
            expected = _expected_refusal_of_status_change(self.seen, target, reason, follow_up, stale)
            refused = _attempt(
                lambda: change_status(
                    session,
                    agent,
                    self.number,
                    target,
                    reason=reason,
                    follow_up_on=follow_up,
                    expected_version=self._version(stale),
                    today=TODAY,
                )
            )
            assert refused == expected, f"{self.seen.status} → {target}: expected {expected}, got {refused}"
            before = self.seen
            self.seen = self._after(refused, [target])
            if refused is None:
                t = self.seen.ticket
                if target == Status.RESOLVED:
                    assert t["resolution_note"] == clean(reason)
                if is_reopen(before.status, target):
                    assert t["resolved_at"] is None and t["closed_at"] is None and t["resolution_note"] is None

        @rule(to=st.sampled_from(Status), follow_up=st.sampled_from(FOLLOW_UPS))
        def move_from_a_stale_view(self, to: Status, follow_up: date | None) -> None:
            self.move(to, "古い画面から", follow_up, stale=True)

        @rule(kind=st.sampled_from(EntryKind), body=TEXT, stale=st.booleans())
        def write_in_the_thread(self, kind: EntryKind, body: str, stale: bool) -> None:
            expected = _expected_refusal_of_entry(self.seen, kind, body, stale)
            duration = 90 if kind == EntryKind.CALL_LOG else None
            refused = _attempt(
                lambda: add_entry(
                    session,
                    agent,
                    self.number,
                    kind,
                    body,
                    call_duration_seconds=duration,
                    expected_version=self._version(stale),
                )
            )
            assert refused == expected, f"{kind} on a {self.seen.status} ticket: expected {expected}, got {refused}"
            moves = []
            if kind in (EntryKind.REPLY, EntryKind.CALL_LOG) and self.seen.status == Status.NEW:
                moves = [Status.OPEN]  # the first response opens a new ticket
            if kind == EntryKind.CUSTOMER_MESSAGE and self.seen.status in (Status.PENDING, Status.RESOLVED):
                moves = [Status.OPEN]  # the ball is back in our court
            before = self.seen
            self.seen = self._after(refused, moves)
            if refused is None:
                assert len(self.seen.entries) == len(before.entries) + 1 + len(moves)

        @rule(mine=st.booleans())
        def take_or_hand_back(self, mine: bool) -> None:
            wanted = agent.id if mine else None
            unchanged = self.seen.ticket["assignee_id"] == wanted
            assert _attempt(lambda: assign(session, agent, self.number, wanted)) is None
            if unchanged:  # giving a ticket to whoever already has it changes nothing: no version, no line
                assert _read(engine, self.number) == self.seen
                return
            self.seen = self._after(None, [])
            assert self.seen.ticket["assignee_id"] == (agent.id if mine else None)

        @invariant()
        def history_and_timestamps_follow_the_rules(self) -> None:
            t, status = self.seen.ticket, self.seen.status
            with open_session(engine) as s:
                changes = list(
                    s.exec(select(StatusChange).where(StatusChange.ticket_id == self.number).order_by(StatusChange.id))
                )
            assert chain_problems(changes, str(status)) == []
            done = status in (Status.RESOLVED, Status.CLOSED)
            assert (t["resolved_at"] is not None) == done
            assert (t["resolution_note"] is not None) == done
            assert (t["closed_at"] is not None) == (status == Status.CLOSED)
            assert (t["follow_up_on"] is not None) == (status == Status.PENDING)
            assert (t["pending_since"] is not None) == (status in STOPPED)
            answered = any(kind in ("reply", "call_log") for _, kind, _, _ in self.seen.entries)
            assert (t["first_response_at"] is not None) == answered

    run_state_machine_as_test(
        TicketLife,
        settings=settings(
            max_examples=60,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
