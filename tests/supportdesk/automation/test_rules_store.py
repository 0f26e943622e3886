"""Leads keep the rules: every change audited with what the rule became; agents read them; files round-trip."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.models import AuditEvent, RuleRevision
from supportdesk.normalize import clean
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.automation.definitions import (
    Macro,
    RuleSet,
    Trigger,
    parse_file,
    parse_one,
    to_toml_file,
    to_toml_one,
)
from tests.words import in_english

VIP_RULE = """
name = "VIP のクレームは高優先度"
[if]
customer_rank = ["vip"]
inquiry_type = ["complaint"]
[then]
priority = "high"
tags = ["VIP", "#要注意"]
note = "VIP のお客様です。\\n折り返しは30分以内に。"
"""

RULES_FILE = """
[[trigger]]
name = "メールは東京へ"
when = ["created"]
[trigger.if]
channel = ["email"]
[trigger.then]
assign_team = "東京サポート"
assign_by = "least_loaded"

[[trigger]]
name = "返金の語は請求へ"
[trigger.if]
words = ["返金", "ＲＥＦＵＮＤ"]
[trigger.then]
inquiry_type = "billing"

[[macro]]
name = "返品案内"
key = "1"
reply = "{customer_name} 様\\n返品の手順をご案内します。"
status = "pending"
follow_up_days = 3
tags = ["返品"]
"""


def audit_actions(session: Session) -> list[str]:
    query = select(AuditEvent.action).where(col(AuditEvent.action).startswith("rule."))
    rows = session.exec(query.order_by(col(AuditEvent.id)))
    return list(rows.all())


def test_a_lead_writes_a_trigger_and_every_change_to_it_is_audited_with_what_it_became(session: Session, lead: Actor):
    rule_id = store.save_rule(session, lead, "trigger", VIP_RULE)
    [view] = store.list_rules(session, lead)
    assert view.name == "VIP のクレームは高優先度"
    assert isinstance(view.rule, Trigger)
    assert view.rule.actions.tags == ("vip", "要注意")  # tags as the tag field makes them
    assert parse_one("trigger", view.text) == view.rule  # the editor's text reads back as the same rule

    store.save_rule(
        session, lead, "trigger", view.text.replace('"high"', '"urgent"'), rule_id=rule_id, expected_version=1
    )
    store.save_rule(session, lead, "trigger", view.text.replace('"high"', '"urgent"'), rule_id=rule_id)  # no change
    store.set_active(session, lead, rule_id, False)
    store.delete_rule(session, lead, rule_id)

    assert audit_actions(session) == ["rule.created", "rule.changed", "rule.disabled", "rule.deleted"]
    history = store.rule_history(session, lead, rule_id)
    assert [h.change for h in history] == ["deleted", "disabled", "changed", "created"]
    assert 'priority = "urgent"' in history[0].text and "active = false" in history[0].text
    assert 'priority = "high"' in history[-1].text
    assert all(h.actor_login == "takahashi" for h in history)
    details = [json.loads(d) for d in session.exec(select(AuditEvent.detail).where(AuditEvent.object_type == "rule"))]
    assert all(set(d) == {"kind", "revision", "source"} for d in details)  # ids, not the rule's words


def test_agents_read_the_rules_but_only_leads_change_them(session: Session, lead: Actor, agent: Actor):
    rule_id = store.save_rule(session, lead, "trigger", VIP_RULE)
    assert [r.id for r in store.list_rules(session, agent)] == [rule_id]
    with pytest.raises(NotAllowed):
        store.save_rule(session, agent, "trigger", VIP_RULE.replace("VIP の", "別の"))
    with pytest.raises(NotAllowed):
        store.delete_rule(session, agent, rule_id)
    with pytest.raises(NotAllowed):
        store.rule_history(session, agent)


def test_a_stale_edit_or_a_taken_name_is_refused(session: Session, lead: Actor):
    rule_id = store.save_rule(session, lead, "trigger", VIP_RULE)
    store.set_active(session, lead, rule_id, False)
    with pytest.raises(Invalid) as stale:
        store.save_rule(session, lead, "trigger", VIP_RULE, rule_id=rule_id, expected_version=1)
    assert "someone changed this rule" in in_english(stale.value)
    with pytest.raises(Invalid) as taken:
        store.save_rule(session, lead, "trigger", VIP_RULE)
    assert "exists already" in in_english(taken.value)
    assert audit_actions(session) == ["rule.created", "rule.disabled"]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('name = "x"\n[then]\npriority = "highest"', "'highest' is not one of"),
        ('name = "x"\n[then]\nassign_team = "A"\nassign_agent = "sato"', "not both"),
        ('name = "x"\n[if]\nchanel = ["email"]\n[then]\npriority = "high"', "unknown setting(s) chanel"),
        ('name = "x"\n[if]\nchannel = ["email"]', "at least one action"),
        ('name = "x"\nwhen = ["deleted"]\n[then]\npriority = "high"', "'deleted' is not one of"),
        ('[then]\npriority = "high"', "every rule needs a name"),
        ('name = "x\\u0007"\n[then]\npriority = "high"', "control character"),
        ('name = "x"\n[then\n', "not valid TOML"),
    ],
)
def test_a_broken_trigger_gets_one_clear_line(session: Session, lead: Actor, text: str, complaint: str):
    with pytest.raises(Invalid) as refused:
        store.save_rule(session, lead, "trigger", text)
    assert complaint in in_english(refused.value) and "\n" not in str(refused.value)
    assert store.list_rules(session, lead) == []


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('name = "m"\nstatus = "pending"', "needs follow_up_days"),
        ('name = "m"\nstatus = "resolved"', "needs a reply or a note"),
        ('name = "m"\nkey = "0"\nnote = "x"', "keys 1 to 9"),
        ('name = "m"', "at least one change"),
    ],
)
def test_a_broken_macro_gets_one_clear_line(session: Session, lead: Actor, text: str, complaint: str):
    with pytest.raises(Invalid) as refused:
        store.save_rule(session, lead, "macro", text)
    assert complaint in in_english(refused.value)


def test_two_macros_cannot_share_a_key(session: Session, lead: Actor):
    store.save_rule(session, lead, "macro", 'name = "a"\nkey = "1"\nnote = "x"')
    with pytest.raises(Invalid) as refused:
        store.save_rule(session, lead, "macro", 'name = "b"\nkey = "1"\nnote = "y"')
    assert "already uses the key 1" in in_english(refused.value)


def test_a_rules_file_makes_the_desks_rules_what_it_says_and_reads_back(session: Session, lead: Actor):
    first = store.import_rules(session, lead, parse_file(RULES_FILE), source="file")
    assert (first.created, first.changed, first.deleted) == (3, 0, 0)
    exported = store.export_rules(session, lead)
    assert [t.name for t in exported.triggers] == ["メールは東京へ", "返金の語は請求へ"]
    assert exported.triggers[1].conditions.words == ("返金", "refund")  # folded as the ticket's text is
    assert parse_file(to_toml_file(exported)) == exported

    again = store.import_rules(session, lead, exported, source="file")
    assert (again.created, again.changed, again.deleted, again.unchanged) == (0, 0, 0, 3)

    reordered = RuleSet(tuple(reversed(exported.triggers)), ())
    third = store.import_rules(session, lead, reordered, source="file")
    assert (third.changed, third.deleted) == (2, 1)  # both triggers moved, the macro is gone
    assert [t.name for t in store.export_rules(session, lead).triggers] == ["返金の語は請求へ", "メールは東京へ"]
    sources = set(session.exec(select(RuleRevision.source)).all())
    assert sources == {"file"}


def test_triggers_run_in_the_order_leads_put_them(session: Session, lead: Actor):
    a = store.save_rule(session, lead, "trigger", 'name = "a"\n[then]\npriority = "high"')
    b = store.save_rule(session, lead, "trigger", 'name = "b"\n[then]\npriority = "low"')
    store.move_rule(session, lead, b, -1)
    assert [t.name for _id, t in store.active_triggers(session)] == ["b", "a"]
    store.set_active(session, lead, a, False)
    assert [t.name for _id, t in store.active_triggers(session)] == ["b"]
    assert audit_actions(session)[-2:] == ["rule.moved", "rule.disabled"]


_texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"), min_size=1
).filter(lambda s: s.strip() and len(s.strip()) <= 100 and s == s.strip() and "  " not in s)


@settings(max_examples=60, deadline=None)
@given(name=_texts, note=st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and "\r" not in s))
def test_any_name_and_note_survive_the_editor_and_the_file(name: str, note: str):
    try:
        macro = Macro(name=name, note=note)
        parsed = parse_one("macro", to_toml_one(macro))
    except Invalid:
        return  # control characters and the like are refused, never written back mangled
    assert parsed.name == clean(name)  # one-line texts are kept NFKC-normalised, as names everywhere are
    assert isinstance(parsed, Macro) and parsed.note == note.strip()
    assert parse_file(to_toml_file(RuleSet((), (parsed,)))).macros == (parsed,)
