"""Notifications: assigned to you, the customer answered, @mentions; the unread count, new ones since the last
pulse, marking read; nothing personal stored in them."""

import json

import pytest
import time_machine
from sqlmodel import Session, select

from supportdesk.cli.main import main
from supportdesk.config import SlaPolicy
from supportdesk.i18n import set_language, t, tn
from supportdesk.models import EntryKind, Notification
from supportdesk.services import notifications
from supportdesk.services.actor import Actor
from supportdesk.services.automation.notices import mentioned_logins, process_feed
from supportdesk.services.tickets import add_entry, assign
from tests.supportdesk import factories
from tests.supportdesk.automation.conftest import jst

POLICY = SlaPolicy()


def feed(session: Session, account: Actor) -> int:
    return process_feed(session, account, policy=POLICY, mailer=None).notified


def test_mentions_are_logins_after_an_at_sign_in_any_width_but_not_mail_addresses():
    assert mentioned_logins("@suzuki 確認お願いします、＠ＳＡＴＯさんも") == {"suzuki", "sato"}
    assert mentioned_logins("sato@example.jp に送付済み。@tanaka.") == {"tanaka"}


def test_an_agent_hears_of_a_ticket_handed_to_them_a_customers_answer_and_a_mention(
    clock: time_machine.Traveller, session: Session, agent: Actor, other_agent: Actor, lead: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    number = factories.ticket(session, lead, customer, assign_to_me=False)
    assign(session, lead, number, agent.id)
    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "自分で書き留めた電話の内容")  # no: it is hers
    add_entry(session, lead, number, EntryKind.CUSTOMER_MESSAGE, "お客様からの追加情報です")
    add_entry(session, lead, number, EntryKind.INTERNAL_NOTE, "@sato @suzuki 対応方針を確認してください")
    assert feed(session, desk_account) == 4

    mine = notifications.list_notifications(session, agent)
    assert [(n.kind, n.ticket_id, n.actor_name) for n in mine] == [
        (notifications.MENTIONED, number, "高橋 由美"),
        (notifications.CUSTOMER_REPLIED, number, None),
        (notifications.ASSIGNED, number, "高橋 由美"),
    ]
    assert mine[0].subject == "ログインできない"
    assert [n.kind for n in notifications.list_notifications(session, other_agent)] == [notifications.MENTIONED]
    assert feed(session, desk_account) == 0  # told once


def test_the_header_count_and_what_arrived_since_the_last_pulse(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    feed(session, desk_account)  # the service is running
    first = notifications.pulse(session, agent, None)
    assert (first.unread, first.new) == (0, ())
    customer = factories.customer(session, agent)
    numbers = [factories.ticket(session, lead, customer, assign_to_me=False) for _ in range(3)]
    for number in numbers:
        assign(session, lead, number, agent.id)
    feed(session, desk_account)
    later = notifications.pulse(session, agent, first.latest_id)
    assert later.unread == 3
    assert [n.ticket_id for n in later.new] == numbers
    assert notifications.pulse(session, agent, later.latest_id).new == ()

    assert notifications.mark_read(session, agent, [later.new[0].id]) == 1
    assert notifications.mark_read(session, lead, [later.new[1].id]) == 0  # not the lead's to mark
    assert notifications.unread_count(session, agent) == 2
    assert notifications.mark_read(session, agent) == 2
    assert notifications.unread_count(session, agent) == 0
    assert len(notifications.list_notifications(session, agent)) == 3
    assert notifications.list_notifications(session, agent, unread_only=True) == []


def test_notifications_hold_ids_and_values_never_what_people_wrote(
    clock: time_machine.Traveller, session: Session, agent: Actor, lead: Actor, desk_account
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer, subject="山田様の解約")
    add_entry(session, lead, number, EntryKind.INTERNAL_NOTE, "@sato 山田様から再度お電話あり")
    feed(session, desk_account)
    stored = session.exec(select(Notification)).one()
    assert "山田" not in f"{stored.detail}{stored.rule}{stored.kind}"


def test_words_in_both_languages(clock: time_machine.Traveller, session: Session, agent: Actor, lead, desk_account):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    number = factories.ticket(session, lead, customer, assign_to_me=False)
    assign(session, lead, number, agent.id)
    feed(session, desk_account)
    [note] = notifications.list_notifications(session, agent)
    try:
        set_language("ja")
        assert notifications.describe(note) == f"#{number} が高橋 由美さんによりあなたの担当になりました"
        set_language("en")
        assert notifications.describe(note) == f"#{number} was assigned to you by 高橋 由美"
    finally:
        set_language("en")


def test_signed_in_means_the_app_pulsed_lately_or_a_ticket_is_open(
    clock: time_machine.Traveller, session: Session, agent: Actor, other_agent: Actor, lead: Actor
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    customer = factories.customer(session, agent)
    number = factories.ticket(session, agent, customer)
    notifications.pulse(session, agent, None)
    from supportdesk.services.presence import heartbeat

    heartbeat(session, other_agent, number)
    everyone = [agent.id, other_agent.id, lead.id]
    assert notifications.signed_in(session, everyone) == {agent.id, other_agent.id}
    clock.move_to(jst(2026, 7, 1, 10, 3))
    assert notifications.signed_in(session, everyone) == set()


def test_notifications_from_the_command_line_as_json_and_marked_read(
    clock: time_machine.Traveller,
    db_url: str,
    session: Session,
    agent: Actor,
    lead: Actor,
    desk_account,
    capsys: pytest.CaptureFixture[str],
):
    clock.move_to(jst(2026, 7, 1, 10, 0))
    feed(session, desk_account)
    customer = factories.customer(session, agent)
    number = factories.ticket(session, lead, customer, "画面が\u202e赤い", assign_to_me=False)
    assign(session, lead, number, agent.id)
    add_entry(session, lead, number, EntryKind.INTERNAL_NOTE, "@sato 至急お願いします")
    assert feed(session, desk_account) == 2

    def run(*args: str) -> str:
        assert main(["--db", db_url, "--user", "sato", "notifications", *args]) == 0
        return capsys.readouterr().out

    found = json.loads(run("--json"))
    assert [(n["kind"], n["ticket_id"], n["unread"]) for n in found] == [
        (notifications.MENTIONED, number, True),
        (notifications.ASSIGNED, number, True),
    ]
    assert found[1]["text"] == t("#{number} was assigned to you by {who}", number=number, who="高橋 由美")
    listed = run()
    assert "\u202e" not in listed and "画面が<U+202E>赤い" in listed  # a subject is text, never a terminal code
    one_read = tn("{count} notification marked read.", "{count} notifications marked read.", 1)
    assert one_read in run("read", str(found[0]["id"]))
    assert [n["id"] for n in json.loads(run("--unread", "--json"))] == [found[1]["id"]]
    assert one_read in run("read")
    assert json.loads(run("--unread", "--json")) == []
