"""Leads keep their team's canned responses (定型文): add, edit, retire; agents pick what their team may use."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlmodel import select

from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.models import AuditEvent, Role
from supportdesk.services.actor import Actor
from supportdesk.services.canned import (
    CannedDraft,
    add_canned,
    edit_canned,
    guess_lang,
    list_canned,
    preview,
    retire_canned,
    use_canned,
)
from tests.conftest import _add_user
from tests.words import in_english

GREETING = CannedDraft("ご挨拶", "{customer_name} 様\nお問い合わせありがとうございます。担当の{agent_name}です。")


@contextmanager
def refused(kind: type[Exception], words: str) -> Iterator[None]:
    """The call is refused with `words` in its English text (rendered in the pass's language too)."""
    with pytest.raises(kind) as caught:
        yield
    assert words in in_english(caught.value)


@pytest.fixture
def osaka_agent(session) -> Actor:
    return _add_user(session, "tanaka", "田中 一郎", Role.AGENT, team="大阪サポート")


def titles(responses) -> list[str]:
    return [r.title for r in responses]


def test_a_lead_adds_a_response_for_the_team_and_its_agents_pick_it(session, lead, agent, osaka_agent):
    add_canned(session, lead, GREETING, team=lead.team)
    add_canned(session, lead, CannedDraft("Thanks", "Dear {customer_name}, thank you.", lang="en"))  # every team
    assert titles(list_canned(session, agent)) == ["Thanks", "ご挨拶"]
    assert titles(list_canned(session, osaka_agent)) == ["Thanks"]
    assert [r.lang for r in list_canned(session, agent)] == ["en", "ja"]


def test_a_lead_keeps_only_their_own_teams_responses(session, lead, admin):
    with refused(NotAllowed, "own team"):
        add_canned(session, lead, GREETING, team="大阪サポート")
    theirs = add_canned(session, admin, GREETING, team="大阪サポート")
    with refused(NotAllowed, "own team"):
        edit_canned(session, lead, theirs, title="変更")
    assert titles(list_canned(session, admin, manage=True)) == ["ご挨拶"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{costomer_name} 様", "{costomer_name} is not a placeholder"),
        ("{customer_name} 様 {", "brace is not closed"),
        ("   ", "write the text"),
        ("本文\x1b[31m", "contains"),
    ],
)
def test_a_text_the_desk_could_not_fill_is_refused_on_saving(session, lead, body, words):
    with refused(Invalid, words):
        add_canned(session, lead, CannedDraft("タイトル", body))


def test_the_preview_fills_example_values(session, lead):
    assert preview(GREETING.body, "高橋 由美") == (
        "山田 太郎 様\nお問い合わせありがとうございます。担当の高橋 由美です。"
    )


def test_retired_responses_leave_the_agents_list_and_keep_their_count(session, lead, agent):
    canned_id = add_canned(session, lead, GREETING)
    use_canned(session, agent, canned_id)
    use_canned(session, agent, canned_id)
    retire_canned(session, lead, canned_id)
    assert list_canned(session, agent) == []
    (kept,) = list_canned(session, lead, manage=True, include_retired=True)
    assert (kept.uses, kept.retired) == (2, True)
    with refused(Exception, "no canned response"):
        use_canned(session, agent, canned_id)
    retire_canned(session, lead, canned_id, retired=False)
    assert titles(list_canned(session, agent)) == ["ご挨拶"]


def test_counting_a_use_never_collides_with_a_leads_edit(session, lead, agent):
    canned_id = add_canned(session, lead, GREETING)
    (seen,) = list_canned(session, lead, manage=True)
    use_canned(session, agent, canned_id)
    edit_canned(
        session, lead, canned_id, body="{customer_name} 様\nいつもありがとうございます。", expected_version=seen.version
    )
    (now,) = list_canned(session, agent)
    assert now.uses == 1 and "いつも" in now.body


def test_a_stale_edit_is_refused(session, lead, admin):
    canned_id = add_canned(session, lead, GREETING)
    (seen,) = list_canned(session, lead, manage=True)
    edit_canned(session, admin, canned_id, title="ご挨拶(新)")
    with pytest.raises(Conflict):
        edit_canned(session, lead, canned_id, title="ご挨拶(旧)", expected_version=seen.version)


def test_changes_to_canned_responses_are_audited(session, lead):
    canned_id = add_canned(session, lead, GREETING)
    edit_canned(session, lead, canned_id, title="ご挨拶2")
    retire_canned(session, lead, canned_id)
    actions = session.exec(select(AuditEvent.action).where(AuditEvent.object_type == "canned_response")).all()
    assert actions == ["canned.create", "canned.update", "canned.retire"]


def test_the_agents_list_filters_by_what_they_type(session, lead, agent):
    add_canned(session, lead, GREETING)
    add_canned(session, lead, CannedDraft("返金のご案内", "{customer_name} 様\n返金手続きを承りました。"))
    assert titles(list_canned(session, agent, "返金")) == ["返金のご案内"]


@pytest.mark.parametrize(
    ("role", "keeps", "picks"),
    [("agent", False, True), ("lead", True, True), ("admin", True, True), ("trainer", False, False)],
)
def test_each_role_keeps_and_picks_canned_responses_as_its_permissions_say(request, session, lead, role, keeps, picks):
    """Leads and administrators keep them; agents, leads and administrators pick them (trainers write no replies)."""
    actor: Actor = request.getfixturevalue(role)
    canned_id = add_canned(session, lead, CannedDraft("共通", "{customer_name} 様"))  # every team: anyone's to keep
    calls = {
        "add": lambda: add_canned(session, actor, CannedDraft("新規", "本文")),
        "edit": lambda: edit_canned(session, actor, canned_id, title="共通(改)"),
        "retire": lambda: retire_canned(session, actor, canned_id),
        "restore": lambda: retire_canned(session, actor, canned_id, retired=False),
        "manage": lambda: list_canned(session, actor, manage=True, include_retired=True),
    }
    for call in calls.values():
        if keeps:
            call()
        else:
            with pytest.raises(NotAllowed):
                call()
    if picks:
        assert "共通" in titles(list_canned(session, actor)) or "共通(改)" in titles(list_canned(session, actor))
        use_canned(session, actor, canned_id)
    else:
        with pytest.raises(NotAllowed):
            list_canned(session, actor)
        with pytest.raises(NotAllowed):
            use_canned(session, actor, canned_id)


def test_the_language_of_a_text_written_without_saying_is_guessed():
    assert guess_lang("{customer_name} 様 ありがとうございます") == "ja"
    assert guess_lang("ｱﾘｶﾞﾄｳ") == "ja"
    assert guess_lang("Dear {customer_name}, thank you.") == "en"
