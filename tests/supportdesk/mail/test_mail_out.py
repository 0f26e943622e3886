"""Replies leave by mail through the queue, reach a real SMTP server once, and thread in the customer's mailer."""

from email import message_from_bytes, policy

import pytest
from sqlmodel import Session, select

from supportdesk.errors import Invalid
from supportdesk.mail.parse import parse_message
from supportdesk.models import EntryKind, MailMessage, Ticket, TicketEntry
from supportdesk.services.actor import Actor
from supportdesk.services.mail_in import receive
from supportdesk.services.mail_out import automatic_allowed, queue_reply, resend
from supportdesk.services.mail_sender import deliver_due
from supportdesk.services.ticket_queries import get_ticket
from tests.supportdesk import factories
from tests.supportdesk.mail.build import mail
from tests.supportdesk.mail.servers import SMTP_PASSWORD, SmtpServer, desk_settings


def _inquiry(session: Session, agent: Actor, **kw: object) -> int:
    got = receive(session, agent, mail(message_id="<ask-1@example.jp>", references="<older@example.jp>", **kw))  # type: ignore[arg-type]
    assert got.ticket is not None
    return got.ticket


def test_reply_and_its_queued_mail_commit_together(session: Session, agent: Actor):
    number = _inquiry(session, agent)
    queued = queue_reply(session, agent, number, "ご連絡ありがとうございます。", desk_settings())
    record = session.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
    entry = session.get(TicketEntry, record.entry_id)
    assert entry is not None and entry.kind == EntryKind.REPLY
    assert (record.state, record.to_addresses, record.message_id) == ("queued", "taro@example.jp", queued.message_id)
    view = next(e for e in get_ticket(session, agent, number).entries if e.kind == "reply")
    assert view.mail is not None and view.mail.state == "queued"


def test_a_refused_reply_queues_nothing(session: Session, agent: Actor):
    customer = factories.customer(session, agent, email=None)
    number = factories.ticket(session, agent, customer)
    before = factories.history_counts(session)
    with pytest.raises(Invalid, match="no e-mail address"):
        queue_reply(session, agent, number, "お返事です", desk_settings())
    assert factories.history_counts(session) == before
    assert factories.count(session, MailMessage) == 0


def test_a_phone_ticket_whose_customer_has_an_address_can_be_answered_by_mail(session: Session, agent: Actor):
    customer = factories.customer(session, agent, email="hanako@example.jp")
    number = factories.ticket(session, agent, customer)
    assert queue_reply(session, agent, number, "お電話の件です", desk_settings()).to == "hanako@example.jp"


def test_the_sent_mail_threads_quotes_and_signs_as_configured(session: Session, agent: Actor, smtp_server: SmtpServer):
    number = _inquiry(session, agent, body="電源が入りません。\n型番はA-100です。")
    ticket = session.get(Ticket, number)
    assert ticket is not None
    settings = desk_settings(smtp_server.settings(), signatures={"東京サポート": "東京サポートセンター 03-0000-0000"})
    queue_reply(session, agent, number, "ご不便をおかけしております。", settings)
    report = deliver_due(session, settings, SMTP_PASSWORD)
    assert dict(report.counts) == {"sent": 1}
    [got] = smtp_server.received
    assert got.rcpt_tos == ["taro@example.jp"] and got.mail_from == "support@desk.example.jp"
    headers = message_from_bytes(got.data, policy=policy.default)
    assert headers["In-Reply-To"] == "<ask-1@example.jp>"
    assert headers["References"] == "<older@example.jp> <ask-1@example.jp>"
    assert headers["Subject"] == f"Re: [#{number}] 返品したい"
    assert headers["From"].addresses[0].display_name == "佐藤 美咲"
    assert headers["Auto-Submitted"] is None
    text = parse_message(got.data).text
    assert text.startswith("ご不便をおかけしております。\n\n--\n東京サポートセンター 03-0000-0000\n\n")
    assert "> 電源が入りません。\n> 型番はA-100です。" in text
    sent = session.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
    assert sent.state == "sent" and (sent.server_answer or "").startswith("250")
    assert headers["Message-ID"] == f"<{sent.message_id}>"


def test_the_customers_answer_to_our_mail_threads_back_to_the_ticket(
    session: Session, agent: Actor, smtp_server: SmtpServer
):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings())
    queued = queue_reply(session, agent, number, "ご確認ください。", settings)
    deliver_due(session, settings, SMTP_PASSWORD)
    answer = receive(session, agent, mail(subject="Re: 返品", in_reply_to=f"<{queued.message_id}>"))
    assert (answer.outcome, answer.ticket) == ("entry", number)


def test_iso_2022_jp_for_old_mobile_mailers_keeps_nec_characters(
    session: Session, agent: Actor, smtp_server: SmtpServer
):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings(), charset="iso-2022-jp")
    queue_reply(session, agent, number, "①の件、㈱髙﨑様へ手配しました。", settings)
    deliver_due(session, settings, SMTP_PASSWORD)
    [got] = smtp_server.received
    assert b'charset="ISO-2022-JP"' in got.data and got.data.isascii()
    assert parse_message(got.data).text.startswith("①の件、㈱髙﨑様へ手配しました。")


def test_an_emoji_reply_falls_back_to_utf8_rather_than_losing_it(
    session: Session, agent: Actor, smtp_server: SmtpServer
):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings(), charset="iso-2022-jp")
    queue_reply(session, agent, number, "ありがとうございます🙇", settings)
    deliver_due(session, settings, SMTP_PASSWORD)
    assert parse_message(smtp_server.received[0].data).text.startswith("ありがとうございます🙇")


def test_files_attached_to_a_reply_go_out_and_are_kept_once(session: Session, agent: Actor, smtp_server: SmtpServer):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings())
    queue_reply(
        session, agent, number, "返品伝票です。", settings, files=(("返品伝票①.pdf", "application/pdf", b"%PDF-1"),)
    )
    deliver_due(session, settings, SMTP_PASSWORD)
    sent = parse_message(smtp_server.received[0].data)
    assert [(a.name, a.data) for a in sent.attachments] == [("返品伝票①.pdf", b"%PDF-1")]
    reply = next(e for e in get_ticket(session, agent, number).entries if e.kind == "reply")
    assert [a.filename for a in reply.attachments] == ["返品伝票①.pdf"]


def test_a_permanent_refusal_is_failed_with_the_servers_answer(session: Session, agent: Actor, smtp_server: SmtpServer):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings())
    smtp_server.behaviour.refuse = "550 5.1.1 <taro@example.jp>: Recipient address rejected"
    queue_reply(session, agent, number, "お返事です", settings)
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {"failed": 1}
    view = next(e for e in get_ticket(session, agent, number).entries if e.kind == "reply").mail
    assert view is not None and view.state == "failed"
    assert "550 5.1.1" in (view.server_answer or "") and "Recipient address rejected" in (view.server_answer or "")
    assert smtp_server.received == []


def test_a_temporary_failure_is_retried_after_a_backoff(session: Session, agent: Actor, smtp_server: SmtpServer):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings())
    smtp_server.behaviour.tempfail_times = 1
    queue_reply(session, agent, number, "お返事です", settings)
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {"queued": 1}
    record = session.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
    assert record.attempts == 1 and "451" in (record.server_answer or "")
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {}  # not due yet
    record.next_attempt_at = record.created_at
    session.add(record)
    session.commit()
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {"sent": 1}
    assert len(smtp_server.received) == 1


def test_a_server_that_does_not_answer_after_the_data_leaves_the_mail_unconfirmed_never_resent(
    session: Session, agent: Actor, smtp_server: SmtpServer
):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings(), timeout=1)
    smtp_server.behaviour.stall_seconds = 3
    queue_reply(session, agent, number, "お返事です", settings)
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {"unconfirmed": 1}
    smtp_server.behaviour.stall_seconds = 0
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {}
    assert len(smtp_server.received) == 1
    record = session.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
    resend(session, agent, record.id or 0)
    assert dict(deliver_due(session, settings, SMTP_PASSWORD).counts) == {"sent": 1}


def test_an_unreachable_server_is_retried_later(session: Session, agent: Actor):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_host="127.0.0.1", smtp_port=1, smtp_security="starttls", smtp_user="")
    queue_reply(session, agent, number, "お返事です", settings)
    assert dict(deliver_due(session, settings, None).counts) == {"queued": 1}


def test_a_bounce_of_our_reply_marks_it_undelivered_with_the_reason(
    session: Session, agent: Actor, smtp_server: SmtpServer
):
    number = _inquiry(session, agent)
    settings = desk_settings(smtp_server.settings())
    queued = queue_reply(session, agent, number, "お返事です", settings)
    deliver_due(session, settings, SMTP_PASSWORD)
    bounce = (
        b"From: MAILER-DAEMON@mx.example.jp\r\nTo: support@desk.example.jp\r\nSubject: Undelivered Mail\r\n"
        b"Message-ID: <bounce-1@mx.example.jp>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
        b"--R\r\nContent-Type: text/plain\r\n\r\nThis is the mail system. Your message could not be delivered.\r\n"
        b"--R\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.jp\r\n\r\n"
        b"Final-Recipient: rfc822; taro@example.jp\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n"
        b"--R\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + f"Message-ID: <{queued.message_id}>\r\nSubject: Re: x\r\n".encode()
        + b"--R--\r\n"
    )
    got = receive(session, agent, bounce)
    assert (got.outcome, got.ticket) == ("bounce", number)
    view = next(e.mail for e in get_ticket(session, agent, number).entries if e.mail and e.mail.direction == "out")
    assert view is not None and view.state == "bounced" and "550 5.1.1 User unknown" in (view.server_answer or "")
    assert factories.count(session, Ticket) == 1


def test_the_loop_guard_allows_a_few_automatic_mails_per_address_per_hour(session: Session, agent: Actor):
    settings = desk_settings(auto_per_hour=2)
    number = _inquiry(session, agent)
    for _ in range(2):
        assert automatic_allowed(session, "taro@example.jp", settings)
        session.add(
            MailMessage(
                direction="out",
                kind="automatic",
                automatic=True,
                message_id=f"a{_}@d",
                ticket_id=number,
                to_addresses="taro@example.jp",
                state="sent",
            )
        )
        session.commit()
    assert not automatic_allowed(session, "taro@example.jp", settings)
    assert automatic_allowed(session, "other@example.jp", settings)


def test_a_new_mail_ticket_is_acknowledged_automatically_but_a_robot_never_is(session: Session, agent: Actor):
    settings = desk_settings(acknowledge=True, auto_per_hour=2)
    first = receive(session, agent, mail(subject="返品したい"), settings=settings)
    robot = receive(session, agent, mail(headers={"Auto-Submitted": "auto-replied"}), settings=settings)
    assert robot.outcome == "auto_reply"
    acks = session.exec(select(MailMessage).where(MailMessage.kind == "automatic")).all()
    assert [(a.ticket_id, a.to_addresses, a.subject) for a in acks] == [
        (first.ticket, "taro@example.jp", f"[#{first.ticket}] 返品したい")
    ]
    # The loop guard: a sender who keeps writing gets at most two automatic answers an hour.
    for n in range(3):
        receive(session, agent, mail(subject=f"別件 {n}"), settings=settings)
    assert factories.count(session, MailMessage, kind="automatic") == 2


def test_an_acknowledgement_says_it_is_automatic(session: Session, agent: Actor, smtp_server: SmtpServer):
    settings = desk_settings(smtp_server.settings(), acknowledge=True)
    receive(session, agent, mail(message_id="<first@example.jp>"), settings=settings)
    deliver_due(session, settings, SMTP_PASSWORD)
    [got] = smtp_server.received
    headers = message_from_bytes(got.data, policy=policy.default)
    assert headers["Auto-Submitted"] == "auto-replied" and headers["In-Reply-To"] == "<first@example.jp>"


def test_mail_from_the_desks_own_address_never_opens_a_ticket(session: Session, agent: Actor):
    settings = desk_settings()
    got = receive(session, agent, mail(sender="Desk <Support@desk.example.jp>"), settings=settings)
    assert got.outcome == "auto_reply" and factories.count(session, Ticket) == 0
