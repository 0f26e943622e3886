"""同時編集: two agents on the same record. A stale edit is refused with a clear message, never overwritten."""

import re
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event
from sqlmodel import Session

from supportdesk.db import open_session
from supportdesk.errors import Conflict
from supportdesk.models import Customer, EntryKind, Status, Ticket
from supportdesk.services.customers import update_customer
from supportdesk.services.ticket_queries import get_ticket
from supportdesk.services.tickets import add_entry, assign, change_status, update_fields
from tests.supportdesk import factories
from tests.supportdesk.factories import count, history_counts, move, soon, ticket_in
from tests.words import in_english


@pytest.fixture
def second_session(engine) -> Iterator[Session]:
    """A second agent's desk: its own session (and connection) on the same database."""
    with open_session(engine) as other:
        yield other


@pytest.fixture
def caller(session, agent):
    return factories.customer(session, agent)


def _fresh(engine, model, key):
    with open_session(engine) as look:
        return look.get(model, key)


def _everything(engine) -> tuple[int, ...]:
    """Counts of every kind of row a change writes, read through a third session."""
    with open_session(engine) as look:
        return (*history_counts(look), count(look, Ticket), count(look, Customer))


# What the second agent tries on a ticket they opened at an older version.
TICKET_EDITS: dict[str, Callable[..., int]] = {
    "reply": lambda s, actor, n, **kw: add_entry(s, actor, n, EntryKind.REPLY, "ご連絡ありがとうございます", **kw),
    "note": lambda s, actor, n, **kw: add_entry(s, actor, n, EntryKind.INTERNAL_NOTE, "確認中", **kw),
    "call log": lambda s, actor, n, **kw: add_entry(
        s, actor, n, EntryKind.CALL_LOG, "", call_duration_seconds=60, **kw
    ),
    "hold": lambda s, actor, n, **kw: change_status(s, actor, n, Status.ON_HOLD, **kw),
    "pending": lambda s, actor, n, **kw: change_status(s, actor, n, Status.PENDING, follow_up_on=soon(), **kw),
    "resolve": lambda s, actor, n, **kw: change_status(s, actor, n, Status.RESOLVED, reason="解決", **kw),
    "priority": lambda s, actor, n, **kw: update_fields(s, actor, n, priority="high", **kw),
    "hand back": lambda s, actor, n, **kw: assign(s, actor, n, None, **kw),
}


@pytest.mark.parametrize("edit", TICKET_EDITS, ids=list(TICKET_EDITS))
def test_an_agent_working_from_an_old_view_of_a_ticket_is_told_who_changed_it(
    engine, session, second_session, agent, other_agent, caller, edit
):
    number = factories.ticket(session, agent, caller)
    # Both agents have the ticket on screen at the same version.
    seen_by_sato = get_ticket(session, agent, number).version
    seen_by_suzuki = get_ticket(second_session, other_agent, number).version
    assert seen_by_sato == seen_by_suzuki

    add_entry(second_session, other_agent, number, EntryKind.REPLY, "担当の鈴木です", expected_version=seen_by_suzuki)
    before = _everything(engine)
    stored = _fresh(engine, Ticket, number)

    with pytest.raises(Conflict) as refused:
        TICKET_EDITS[edit](session, agent, number, expected_version=seen_by_sato)
    message = in_english(refused.value)
    # Who changed it, by the name colleagues know them by (once), at what time on the desk's clock.
    assert re.search(rf"Ticket #{number} was changed by 鈴木 健太 at \d\d:\d\d after you opened it", message)
    assert "suzuki" not in message
    # The screens can also name the colleague themselves from these.
    assert refused.value.changed_by == other_agent.name
    assert refused.value.changed_at is not None and refused.value.changed_at.tzinfo is not None
    assert "Nothing was saved" in message
    assert _everything(engine) == before
    after = _fresh(engine, Ticket, number)
    assert (after.version, after.status, after.priority, after.assignee_id) == (
        stored.version,
        stored.status,
        stored.priority,
        stored.assignee_id,
    )


@pytest.mark.parametrize("edit", TICKET_EDITS, ids=list(TICKET_EDITS))
def test_when_two_agents_save_at_the_same_moment_the_second_is_refused(
    engine, session, second_session, agent, lead, caller, edit
):
    """A true race: the other change commits after this one has read the ticket and before it writes."""
    number = factories.ticket(session, agent, caller)
    counts_after_theirs: list[tuple[int, ...]] = []

    def lead_saves_first(*_args: object) -> None:
        update_fields(second_session, lead, number, subject="二重請求について(高橋対応中)")
        counts_after_theirs.append(_everything(engine))

    event.listen(session, "before_flush", lead_saves_first, once=True)
    with pytest.raises(Conflict) as refused:
        TICKET_EDITS[edit](session, agent, number)
    assert "changed by 高橋 由美" in in_english(refused.value)
    assert refused.value.changed_by == lead.name
    assert _everything(engine) == counts_after_theirs[0]
    after = _fresh(engine, Ticket, number)
    assert (after.subject, after.status, after.priority, after.assignee_id) == (
        "二重請求について(高橋対応中)",
        Status.NEW,
        "normal",
        agent.id,
    )


def test_after_a_conflict_the_agent_reloads_and_saves(session, second_session, agent, other_agent, caller):
    number = factories.ticket(session, agent, caller)
    old = get_ticket(session, agent, number).version
    move(second_session, other_agent, number, Status.OPEN)
    with pytest.raises(Conflict):
        move(session, agent, number, Status.ON_HOLD, expected_version=old)
    current = get_ticket(session, agent, number)
    assert current.row.status == "open"
    new_version = move(session, agent, number, Status.ON_HOLD, expected_version=current.version)
    assert new_version == get_ticket(second_session, other_agent, number).version
    assert get_ticket(second_session, other_agent, number).row.status == "on_hold"


def test_an_edit_made_from_the_current_version_goes_through(session, agent, caller):
    number = ticket_in(session, agent, caller, Status.OPEN)
    version = get_ticket(session, agent, number).version
    assert add_entry(session, agent, number, EntryKind.REPLY, "回答します", expected_version=version) > version


def test_every_change_gives_the_ticket_a_new_version(session, agent, caller):
    number = factories.ticket(session, agent, caller)
    versions = [get_ticket(session, agent, number).version]
    versions.append(add_entry(session, agent, number, EntryKind.INTERNAL_NOTE, "メモ"))
    versions.append(move(session, agent, number, Status.OPEN))
    versions.append(update_fields(session, agent, number, priority="high"))
    versions.append(assign(session, agent, number, None))
    assert versions == sorted(set(versions))


# --- customers ------------------------------------------------------------------------------------------------


def test_a_stale_customer_correction_is_refused_and_the_first_one_kept(
    engine, session, second_session, agent, other_agent, caller
):
    seen_by_sato = session.get(Customer, caller).version  # type: ignore[union-attr]
    seen_by_suzuki = second_session.get(Customer, caller).version  # type: ignore[union-attr]
    update_customer(second_session, other_agent, caller, {"email": "new@example.jp"}, expected_version=seen_by_suzuki)
    before = _everything(engine)

    with pytest.raises(Conflict, match="Nothing was saved"):
        update_customer(session, agent, caller, {"phone": "03-9999-0000"}, expected_version=seen_by_sato)
    assert _everything(engine) == before
    stored = _fresh(engine, Customer, caller)
    assert (stored.email, stored.phone, stored.version) == ("new@example.jp", "03-1234-5678", seen_by_suzuki + 1)


def test_two_customer_corrections_at_the_same_moment_keep_the_first(
    engine, session, second_session, agent, lead, caller
):
    counts_after_theirs: list[tuple[int, ...]] = []

    def lead_saves_first(*_args: object) -> None:
        update_customer(second_session, lead, caller, {"notes": "VIP対応"})
        counts_after_theirs.append(_everything(engine))

    event.listen(session, "before_flush", lead_saves_first, once=True)
    with pytest.raises(Conflict):
        update_customer(session, agent, caller, {"full_name": "山田 太朗"})
    assert _everything(engine) == counts_after_theirs[0]
    stored = _fresh(engine, Customer, caller)
    assert (stored.full_name, stored.notes) == ("山田 太郎", "VIP対応")
