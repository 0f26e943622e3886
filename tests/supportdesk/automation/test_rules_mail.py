"""Rules' mail goes through the desk's outbound queue and its sender to a real SMTP server: a trigger's
acknowledgement, a reminder to a customer who has not answered, an agent's daily digest."""

from datetime import date
from email import message_from_bytes, policy

import time_machine
from sqlmodel import Session, col, select

from supportdesk.config import Settings
from supportdesk.i18n import t
from supportdesk.models import EntryKind, MailMessage, TicketEntry
from supportdesk.models.base import utcnow
from supportdesk.service.jobs import JobContext, digest_job, feed_job, mail_send_job, timed_job
from supportdesk.service_settings import ServiceSettings
from supportdesk.services import notifications
from supportdesk.services.actor import Actor
from supportdesk.services.automation import store
from supportdesk.services.automation.mail_hook import mailer_for
from supportdesk.services.mail_in import receive
from supportdesk.services.tickets import NOTE_ACKNOWLEDGED, NOTE_REMINDED, add_entry, assign, change_status
from tests.supportdesk import factories
from tests.supportdesk.automation.conftest import jst
from tests.supportdesk.mail.build import mail
from tests.supportdesk.mail.servers import SmtpServer, desk_settings

ACKNOWLEDGE = """
name = "メールの受付"
[if]
channel = ["email"]
[then]
acknowledge = "お問い合わせ「{subject}」を受け付けました(受付番号 #{number})。"
"""


def settings_for(server: SmtpServer, **service: object) -> Settings:
    return Settings(mail=desk_settings(server.settings()), service=ServiceSettings(**service))  # type: ignore[arg-type]


def run(job, engine, settings: Settings, account: Actor) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ctx = JobContext(engine, settings, account, now=utcnow(), mailer=mailer_for(settings.mail))
    return dict(job(ctx))


def test_a_trigger_acknowledges_a_mail_and_the_service_sends_it_once(
    clock: time_machine.Traveller, engine, session: Session, lead: Actor, desk_account: Actor, smtp_server: SmtpServer
):
    clock.move_to(jst(2026, 12, 1, 10, 0))
    settings = settings_for(smtp_server)
    store.save_rule(session, lead, "trigger", ACKNOWLEDGE)
    run(feed_job, engine, settings, desk_account)
    got = receive(session, desk_account, mail(subject="返品したい"), settings=settings.mail)
    assert run(feed_job, engine, settings, desk_account)["fired"] == 1
    entry = session.exec(select(TicketEntry).where(TicketEntry.kind == EntryKind.AUTOMATION)).one()
    assert (entry.ticket_id, entry.body, entry.via_rule) == (got.ticket, NOTE_ACKNOWLEDGED, "メールの受付")
    queued = session.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
    assert (queued.entry_id, queued.automatic, queued.to_addresses) == (entry.id, True, "taro@example.jp")

    assert run(mail_send_job, engine, settings, desk_account) == {"sent": 1}
    assert run(mail_send_job, engine, settings, desk_account) == {}
    [sent] = smtp_server.received
    message = message_from_bytes(sent.data, policy=policy.default)
    assert message["Auto-Submitted"] == "auto-replied"
    assert f"[#{got.ticket}]" in message["Subject"]
    assert f"お問い合わせ「返品したい」を受け付けました(受付番号 #{got.ticket})" in message.get_content()


def test_a_customer_who_has_not_answered_gets_one_reminder_per_wait_in_business_hours(
    clock: time_machine.Traveller, engine, session: Session, agent: Actor, desk_account: Actor, smtp_server: SmtpServer
):
    settings = settings_for(smtp_server, remind_after_days=2)
    clock.move_to(jst(2026, 12, 3, 16, 0))  # Thursday
    customer = factories.customer(session, agent, email="hanako@example.jp")
    number = factories.ticket(session, agent, customer, subject="設定方法")
    add_entry(session, agent, number, EntryKind.REPLY, "設定画面のスクリーンショットをお送りください。")
    change_status(session, agent, number, "pending", follow_up_on=date(2026, 12, 11))

    for moment in (jst(2026, 12, 5, 12, 0), jst(2026, 12, 7, 15, 59)):  # Saturday; Monday before two working days
        clock.move_to(moment)
        assert run(timed_job, engine, settings, desk_account)["reminded"] == 0
    clock.move_to(jst(2026, 12, 7, 16, 0))
    assert run(timed_job, engine, settings, desk_account)["reminded"] == 1
    assert run(timed_job, engine, settings, desk_account)["reminded"] == 0
    line = session.exec(select(TicketEntry).where(TicketEntry.kind == EntryKind.AUTOMATION)).one()
    assert (line.ticket_id, line.body) == (number, NOTE_REMINDED)
    assert run(mail_send_job, engine, settings, desk_account) == {"sent": 1}
    text = message_from_bytes(smtp_server.received[0].data, policy=policy.default).get_content()
    assert f"#{number}" in text and "設定方法" in text

    add_entry(session, agent, number, EntryKind.CUSTOMER_MESSAGE, "送りました")  # the customer answered
    change_status(session, agent, number, "pending", follow_up_on=date(2026, 12, 18))  # a new wait
    clock.move_to(jst(2026, 12, 10, 16, 0))
    assert run(timed_job, engine, settings, desk_account)["reminded"] == 1  # one per wait


def test_the_daily_digest_lists_numbers_and_what_happened_never_a_subject(
    clock: time_machine.Traveller,
    engine,
    session: Session,
    agent: Actor,
    lead: Actor,
    desk_account: Actor,
    smtp_server: SmtpServer,
):
    settings = settings_for(smtp_server, digest_at="08:30")
    clock.move_to(jst(2026, 12, 7, 17, 0))
    run(feed_job, engine, settings, desk_account)
    notifications.set_digest(session, agent, True, "sato@desk.example.jp")
    customer = factories.customer(session, agent)
    number = factories.ticket(session, lead, customer, subject="山田様の解約", assign_to_me=False)
    assign(session, lead, number, agent.id)
    run(feed_job, engine, settings, desk_account)

    clock.move_to(jst(2026, 12, 8, 8, 29))
    assert run(digest_job, engine, settings, desk_account) == {"sent": 0, "unsent": 0}
    clock.move_to(jst(2026, 12, 8, 8, 30))
    assert run(digest_job, engine, settings, desk_account) == {"sent": 1, "unsent": 0}
    assert run(digest_job, engine, settings, desk_account) == {"sent": 0, "unsent": 0}  # once a day
    assert run(mail_send_job, engine, settings, desk_account) == {"sent": 1}
    [sent] = smtp_server.received
    assert sent.rcpt_tos == ["sato@desk.example.jp"]
    text = message_from_bytes(sent.data, policy=policy.default).get_content()
    assert t("#{number} was assigned to you by {who}", number=number, who="高橋 由美") in text
    assert "山田" not in text
    unread = notifications.list_notifications(session, agent, unread_only=True)
    assert len(unread) == 1  # the digest tells; reading is still the agent's
    mailed = session.exec(select(col(MailMessage.id)).where(col(MailMessage.ticket_id).is_(None))).all()
    assert len(mailed) == 1
