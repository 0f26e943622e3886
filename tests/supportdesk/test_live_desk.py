"""The live desk: who else has a ticket open, whether it changed, drafts that survive, and a complete history."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from supportdesk.db import open_session
from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.models import Draft, EntryKind, Presence, Priority
from supportdesk.models.base import utcnow
from supportdesk.services import cases, drafts, presence
from supportdesk.services.ticket_queries import get_ticket
from supportdesk.services.tickets import add_entry, assign, update_fields
from tests.supportdesk import factories


@pytest.fixture
def second_session(engine) -> Iterator[Session]:
    with open_session(engine) as other:
        yield other


@pytest.fixture
def number(session, agent) -> int:
    return factories.ticket(session, agent, factories.customer(session, agent))


# --- presence -------------------------------------------------------------------------------------------------


def test_a_colleague_with_the_ticket_open_is_seen_by_name(session, second_session, agent, other_agent, number):
    presence.heartbeat(second_session, other_agent, number)
    pulse = presence.heartbeat(session, agent, number)
    assert [(c.name, c.typing) for c in pulse.others] == [("鈴木 健太", False)]


def test_nobody_sees_themselves_on_a_ticket(session, agent, number):
    assert presence.heartbeat(session, agent, number).others == ()


def test_a_colleague_typing_is_shown_as_typing_until_they_pause(session, second_session, agent, other_agent, number):
    now = utcnow()
    presence.heartbeat(second_session, other_agent, number, typing=True, now=now)
    assert [c.typing for c in presence.present(session, agent, number, now=now)] == [True]
    later = now + presence.TYPING_FOR + timedelta(seconds=1)
    presence.heartbeat(second_session, other_agent, number, typing=False, now=later)
    assert [c.typing for c in presence.present(session, agent, number, now=later)] == [False]


def test_a_colleague_whose_app_stopped_disappears_by_itself(session, second_session, agent, other_agent, number):
    now = utcnow()
    presence.heartbeat(second_session, other_agent, number, now=now)
    gone = now + presence.TIME_TO_LIVE + timedelta(seconds=1)
    assert presence.present(session, agent, number, now=gone) == ()
    # The next heartbeat anyone sends removes the stale row.
    presence.heartbeat(session, agent, number, now=gone)
    rows = session.exec(select(Presence.user_id)).all()
    assert rows == [agent.id]


def test_closing_the_ticket_takes_the_agent_off_it_at_once(session, second_session, agent, other_agent, number):
    presence.heartbeat(second_session, other_agent, number)
    presence.leave(second_session, other_agent, number)
    assert presence.present(session, agent, number) == ()


def test_a_second_window_of_the_same_agent_keeps_one_row(session, second_session, agent, number):
    presence.heartbeat(session, agent, number)
    presence.heartbeat(second_session, agent, number, typing=True)
    assert len(session.exec(select(Presence)).all()) == 1


def test_the_pulse_says_whether_the_ticket_changed_since_the_version_on_screen(
    session, second_session, agent, other_agent, number
):
    seen = presence.heartbeat(session, agent, number).version
    assert not presence.heartbeat(session, agent, number).changed_since(seen)
    add_entry(second_session, other_agent, number, EntryKind.INTERNAL_NOTE, "確認します")
    pulse = presence.heartbeat(session, agent, number)
    assert pulse.changed_since(seen) and pulse.version == presence.ticket_version(session, agent, number)


def test_a_heartbeat_does_not_change_the_ticket(session, agent, number):
    before = get_ticket(session, agent, number).version
    presence.heartbeat(session, agent, number, typing=True)
    assert get_ticket(session, agent, number).version == before


def test_trainers_do_not_appear_on_tickets(session, trainer, number):
    with pytest.raises(NotAllowed):
        presence.heartbeat(session, trainer, number)


def test_the_version_of_a_ticket_that_does_not_exist_is_not_found(session, agent):
    with pytest.raises(NotFound):
        presence.ticket_version(session, agent, 999)


# --- drafts ---------------------------------------------------------------------------------------------------


def test_a_draft_is_kept_per_agent_and_ticket_across_sessions(engine, session, agent, other_agent, number):
    drafts.save_draft(session, agent, number, EntryKind.CALL_LOG, "折り返しの件", call_seconds=95)
    drafts.save_draft(session, other_agent, number, EntryKind.REPLY, "鈴木の下書き")
    with open_session(engine) as after_restart:
        mine = drafts.get_draft(after_restart, agent, number)
        assert mine is not None
        assert (mine.kind, mine.body, mine.call_seconds) == ("call_log", "折り返しの件", 95)
        assert [d.body for d in drafts.list_drafts(after_restart, other_agent)] == ["鈴木の下書き"]


def test_sending_the_entry_removes_its_draft(session, agent, other_agent, number):
    drafts.save_draft(session, agent, number, EntryKind.REPLY, "送ります")
    drafts.save_draft(session, other_agent, number, EntryKind.REPLY, "鈴木の下書き")
    add_entry(session, agent, number, EntryKind.REPLY, "送ります")
    assert drafts.get_draft(session, agent, number) is None
    assert drafts.get_draft(session, other_agent, number) is not None


def test_emptying_the_composer_removes_the_draft(session, agent, number):
    drafts.save_draft(session, agent, number, EntryKind.REPLY, "書きかけ")
    drafts.save_draft(session, agent, number, EntryKind.REPLY, "  ")
    assert session.exec(select(Draft)).all() == []


def test_a_draft_beyond_the_limit_is_refused_and_the_old_one_kept(session, agent, number):
    drafts.save_draft(session, agent, number, EntryKind.REPLY, "短い")
    with pytest.raises(Invalid):
        drafts.save_draft(session, agent, number, EntryKind.REPLY, "長" * (drafts.MAX_DRAFT + 1))
    assert drafts.get_draft(session, agent, number).body == "短い"  # type: ignore[union-attr]


def test_a_status_change_is_not_a_draft(session, agent, number):
    with pytest.raises(Invalid):
        drafts.save_draft(session, agent, number, "status_change", "x")


def test_a_discarded_draft_is_gone(session, agent, number):
    drafts.save_draft(session, agent, number, EntryKind.INTERNAL_NOTE, "メモ")
    drafts.discard_draft(session, agent, number)
    assert drafts.list_drafts(session, agent) == []


# --- history: handovers and field changes in the thread -------------------------------------------------------


def test_a_handover_is_in_the_thread_with_its_note(session, lead, agent, other_agent, number):
    assign(session, lead, number, other_agent.id, note="お客様は午後のみ電話可")
    entry = get_ticket(session, lead, number).entries[-1]
    assert (entry.kind, entry.author_name, entry.body) == ("assignment", lead.name, "お客様は午後のみ電話可")
    assert [(c.field, c.before, c.after) for c in entry.changes] == [("assignee", agent.name, other_agent.name)]


def test_giving_a_ticket_to_nobody_and_to_another_team_is_recorded(session, lead, agent, number):
    assign(session, lead, number, None, team="大阪サポート")
    entry = get_ticket(session, lead, number).entries[-1]
    assert [(c.field, c.before, c.after) for c in entry.changes] == [
        ("assignee", agent.name, None),
        ("team", "東京サポート", "大阪サポート"),
    ]


def test_assigning_to_whoever_has_it_already_writes_nothing(session, agent, number):
    before = get_ticket(session, agent, number)
    assert assign(session, agent, number, agent.id) == before.version
    assert len(get_ticket(session, agent, number).entries) == len(before.entries)


def test_a_handover_note_alone_is_recorded_for_the_next_person(session, agent, number):
    assign(session, agent, number, agent.id, note="明日から休暇のため要注意")
    entry = get_ticket(session, agent, number).entries[-1]
    assert (entry.kind, entry.body, entry.changes) == ("assignment", "明日から休暇のため要注意", ())


def test_priority_type_and_purchase_changes_are_in_the_thread(session, agent, number):
    detail = get_ticket(session, agent, number)
    bought = factories.purchase(session, agent, detail.customer.id, on=factories.soon(-3))
    update_fields(session, agent, number, priority=Priority.HIGH, inquiry_type="billing", purchase_id=bought)
    entry = get_ticket(session, agent, number).entries[-1]
    assert entry.kind == "field_change"
    changes = {c.field: (c.before, c.after) for c in entry.changes}
    assert changes["priority"] == ("normal", "high")
    assert changes["inquiry_type"] == ("fault", "billing")
    assert changes["purchase"][0] is None and "スマート家計簿 Pro" in (changes["purchase"][1] or "")


def test_setting_fields_to_what_they_are_writes_nothing(session, agent, number):
    before = get_ticket(session, agent, number)
    assert update_fields(session, agent, number, priority=before.row.priority) == before.version
    assert len(get_ticket(session, agent, number).entries) == len(before.entries)


def test_tag_changes_are_in_the_thread(session, lead, number):
    cases.set_tags(session, lead, number, ["初期不良"])
    cases.set_tags(session, lead, number, ["初期不良", "法人"])
    entries = [e for e in get_ticket(session, lead, number).entries if e.kind == "field_change"]
    assert [(c.before, c.after) for e in entries for c in e.changes] == [
        (None, "#初期不良"),
        ("#初期不良", "#初期不良 #法人"),
    ]


def test_trainers_read_subject_changes_masked(session, agent, trainer, number):
    name = get_ticket(session, agent, number).customer.full_name
    update_fields(session, agent, number, subject=f"{name}様 返金")
    entry = get_ticket(session, trainer, number).entries[-1]
    assert name not in (entry.changes[0].after or "")


def test_erasing_a_person_scrubs_their_name_from_drafts_and_subject_changes(session, agent, admin, number):
    from supportdesk.models import TicketEntry
    from supportdesk.services.privacy import anonymise_person

    detail = get_ticket(session, agent, number)
    name = detail.customer.full_name
    update_fields(session, agent, number, subject=f"{name}様 返金の件")
    drafts.save_draft(session, agent, number, EntryKind.REPLY, f"{name}様、ご連絡ありがとうございます。")
    anonymise_person(session, admin, detail.customer.id, str(detail.customer.id))
    session.expire_all()
    assert all(name not in (d.body or "") for d in session.exec(select(Draft)).all())
    assert all(name not in (e.details or "") for e in session.exec(select(TicketEntry)).all())
