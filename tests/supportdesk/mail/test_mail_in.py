"""Mail in: each message becomes a ticket or an entry on the ticket it answers, once; robots never open tickets."""

import stat
from pathlib import Path

import pytest
from sqlmodel import Session, select

from supportdesk.errors import NotAllowed
from supportdesk.mail.settings import MailSettings
from supportdesk.models import AttachmentBlob, Customer, MailMessage, Status, Ticket
from supportdesk.services.actor import Actor
from supportdesk.services.attachments import save_attachment
from supportdesk.services.mail_in import SeenKey, receive
from supportdesk.services.ticket_queries import get_ticket
from tests.supportdesk import factories
from tests.supportdesk.mail.build import mail


def test_a_new_mail_opens_an_email_ticket_for_a_new_customer_named_from_the_sender(session: Session, agent: Actor):
    got = receive(session, agent, mail(sender="=?UTF-8?B?5bGx55SwIOWkqumDjg==?= <Taro@Example.JP>"))
    assert got.outcome == "ticket"
    ticket = session.get(Ticket, got.ticket)
    customer = session.get(Customer, got.customer)
    assert ticket is not None and customer is not None
    assert (ticket.channel, ticket.subject, ticket.status, ticket.assignee_id) == ("email", "返品したい", "new", None)
    assert (customer.full_name, customer.email) == ("山田 太郎", "taro@example.jp")
    detail = get_ticket(session, agent, ticket.id)
    assert detail.entries[0].body == "先週買った商品を返品したいです。"
    assert detail.entries[0].author_login is None
    assert detail.entries[0].mail is not None and detail.entries[0].mail.from_address == "taro@example.jp"


def test_a_known_customer_is_found_by_normalised_address_never_by_name(session: Session, agent: Actor):
    known = factories.customer(session, agent, "山田 太郎", email="ＴＡＲＯ@example.jp")
    namesake = receive(session, agent, mail(sender="山田 太郎 <other@example.jp>"))
    same = receive(session, agent, mail(sender="Taro <taro@EXAMPLE.jp>", subject="別件"))
    assert same.customer == known
    assert namesake.customer != known


def test_a_reply_threads_by_in_reply_to_and_reopens_a_pending_ticket(session: Session, agent: Actor):
    first = receive(session, agent, mail(message_id="<q1@example.jp>"))
    assert first.ticket is not None
    factories.move(session, agent, first.ticket, Status.PENDING)
    answer = receive(
        session, agent, mail(subject="Re: 返品したい", body="まだ届きません", in_reply_to="<q1@example.jp>")
    )
    assert (answer.outcome, answer.ticket) == ("entry", first.ticket)
    ticket = session.get(Ticket, first.ticket, populate_existing=True)
    assert ticket is not None and ticket.status == Status.OPEN


def test_references_thread_when_in_reply_to_names_an_unknown_message(session: Session, agent: Actor):
    first = receive(session, agent, mail(message_id="<root@example.jp>"))
    later = receive(
        session, agent, mail(in_reply_to="<not-ours@elsewhere>", references="<root@example.jp> <not-ours@elsewhere>")
    )
    assert later.ticket == first.ticket


@pytest.mark.parametrize("prefix", ["Re: ", "RE: ", "Fw: ", "Fwd: ", "返信: ", "転送: ", "AW: ", "Re: Re[2]: "])
def test_the_ticket_tag_in_the_subject_threads_after_any_prefix(session: Session, agent: Actor, prefix: str):
    first = receive(session, agent, mail())
    again = receive(session, agent, mail(subject=f"{prefix}[#{first.ticket}] 返品したい"))
    assert (again.outcome, again.ticket) == ("entry", first.ticket)


def test_a_stranger_typing_a_ticket_tag_writes_an_internal_note_not_the_customers_word(session: Session, agent: Actor):
    first = receive(session, agent, mail())
    assert first.ticket is not None
    factories.move(session, agent, first.ticket, Status.PENDING)
    stranger = receive(
        session,
        agent,
        mail(
            subject=f"Re: [#{first.ticket}] 返金先の変更", body="返金先を変更してください", sender="x <x@evil.example>"
        ),
    )
    assert (stranger.outcome, stranger.ticket, stranger.customer) == ("entry", first.ticket, None)
    thread = get_ticket(session, agent, first.ticket).entries
    note = next(entry for entry in thread if "返金先" in entry.body)
    assert note.kind == "internal_note"
    assert note.mail is not None and note.mail.from_address == "x@evil.example"  # the agent sees who wrote it
    ticket = session.get(Ticket, first.ticket, populate_existing=True)
    assert ticket is not None and ticket.status == Status.PENDING  # nothing reopened in the customer's name
    assert factories.count(session, Customer) == 1  # and the stranger is no customer of the desk


def test_a_tag_threads_from_a_colleague_at_the_customers_company(session: Session, agent: Actor):
    company = factories.company(session, agent, "株式会社さくら商事")
    taro = factories.customer(session, agent, "山田 太郎", email="taro@sakura.example", company_id=company)
    factories.customer(session, agent, "鈴木 花子", email="hanako@sakura.example", company_id=company)
    first = receive(session, agent, mail(sender="山田 太郎 <taro@sakura.example>"))
    assert first.customer == taro
    colleague = receive(session, agent, mail(subject=f"[#{first.ticket}] 代理で", sender="<HANAKO@sakura.example>"))
    assert (colleague.outcome, colleague.ticket) == ("entry", first.ticket)


def test_a_tag_threads_from_an_address_the_tickets_mail_was_copied_to(session: Session, agent: Actor):
    first = receive(session, agent, mail(sender="山田 太郎 <taro@example.jp>", headers={"Cc": "boss@example.jp"}))
    boss = receive(session, agent, mail(subject=f"Re: [#{first.ticket}] 返品したい", sender="<boss@example.jp>"))
    assert (boss.outcome, boss.ticket) == ("entry", first.ticket)


def test_the_same_subject_alone_never_threads(session: Session, agent: Actor):
    first = receive(session, agent, mail(subject="返品したい"))
    second = receive(session, agent, mail(subject="Re: 返品したい"))
    assert second.outcome == "ticket" and second.ticket != first.ticket


def test_an_answer_to_a_closed_ticket_opens_a_new_one(session: Session, agent: Actor):
    first = receive(session, agent, mail(message_id="<closed@example.jp>"))
    assert first.ticket is not None
    factories.move(session, agent, first.ticket, Status.RESOLVED)
    factories.move(session, agent, first.ticket, Status.CLOSED)
    again = receive(session, agent, mail(in_reply_to="<closed@example.jp>"))
    assert again.outcome == "ticket" and again.ticket != first.ticket


def test_the_same_message_id_or_folder_uid_is_never_added_twice(session: Session, agent: Actor):
    key = SeenKey("support@imap/INBOX", 7, 42)
    raw = mail(message_id="<once@example.jp>")
    assert receive(session, agent, raw, seen=key).outcome == "ticket"
    assert receive(session, agent, raw).outcome == "duplicate"
    assert receive(session, agent, mail(message_id="<other@example.jp>"), seen=key).outcome == "duplicate"
    assert factories.count(session, Ticket) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"Precedence": "auto_reply"},
        {"Precedence": "bulk"},
        {"Precedence": "list"},
        {"X-Autorespond": "1"},
    ],
)
def test_automatic_replies_never_create_a_customer_or_a_ticket(session: Session, agent: Actor, headers):
    got = receive(session, agent, mail(subject="自動応答: 不在です", headers=headers))
    assert got.outcome == "auto_reply"
    assert (factories.count(session, Ticket), factories.count(session, Customer)) == (0, 0)


def test_wording_alone_does_not_make_an_auto_reply(session: Session, agent: Actor):
    got = receive(session, agent, mail(subject="自動応答の設定方法を教えてください"))
    assert got.outcome == "ticket"


def test_an_out_of_office_answer_to_a_ticket_is_noted_without_reopening_it(session: Session, agent: Actor):
    first = receive(session, agent, mail(message_id="<ask@example.jp>"))
    assert first.ticket is not None
    factories.move(session, agent, first.ticket, Status.PENDING)
    got = receive(
        session,
        agent,
        mail(body="12月5日まで不在です。", in_reply_to="<ask@example.jp>", headers={"Auto-Submitted": "auto-replied"}),
    )
    assert (got.outcome, got.ticket) == ("auto_reply", first.ticket)
    ticket = session.get(Ticket, first.ticket, populate_existing=True)
    assert ticket is not None and ticket.status == Status.PENDING
    entries = get_ticket(session, agent, first.ticket).entries
    assert entries[-1].kind == "internal_note" and entries[-1].mail is not None
    assert entries[-1].mail.kind == "auto_reply"


def test_a_mailer_daemon_message_is_a_bounce_not_a_ticket(session: Session, agent: Actor):
    got = receive(session, agent, mail(sender="MAILER-DAEMON@mx.example.jp", subject="Undelivered Mail Returned"))
    assert got.outcome == "bounce"
    assert (factories.count(session, Ticket), factories.count(session, Customer)) == (0, 0)


def test_the_same_file_twice_is_stored_once(session: Session, agent: Actor):
    pdf = b"%PDF-1.4 the same estimate"
    receive(session, agent, mail(files=[("見積書.pdf", "application/pdf", pdf)]))
    receive(session, agent, mail(subject="再送", files=[("見積書(再送).pdf", "application/pdf", pdf)]))
    blobs = session.exec(select(AttachmentBlob)).all()
    # Two raw messages and one PDF.
    assert sorted(b.size for b in blobs if bytes(b.data) == pdf) == [len(pdf)]


def test_a_file_over_the_limit_is_listed_but_not_kept(session: Session, agent: Actor):
    small = MailSettings(max_attachment_mb=1)
    big = b"x" * (1024 * 1024 + 1)
    got = receive(session, agent, mail(files=[("ログ.zip", "application/zip", big)]), settings=small)
    assert got.ticket is not None
    files = get_ticket(session, agent, got.ticket).entries[0].attachments
    assert [(f.filename, f.size, f.kept) for f in files] == [("ログ.zip", len(big), False)]


def test_an_undecodable_part_is_kept_as_a_flagged_file_and_no_replacement_character_is_shown(
    session: Session, agent: Actor
):
    raw = (
        b"From: a@example.jp\r\nSubject: test\r\nMessage-ID: <bin@example.jp>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-unknown\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + bytes(range(0x80, 0x100))
        * 4
    )
    got = receive(session, agent, raw)
    assert got.ticket is not None and not got.exact
    entry = next(e for e in get_ticket(session, agent, got.ticket).entries if e.kind == "customer_message")
    assert "\ufffd" not in entry.body
    assert [(a.undecodable, a.size) for a in entry.attachments] == [(True, 512)]


def test_an_attachment_is_saved_under_a_safe_name_readable_by_its_owner_only(
    session: Session, agent: Actor, tmp_path: Path
):
    got = receive(session, agent, mail(files=[("../../etc/passwd", "text/plain", b"root:x")]))
    assert got.ticket is not None
    attachment = get_ticket(session, agent, got.ticket).entries[0].attachments[0]
    path = save_attachment(session, agent, got.ticket, attachment.id, tmp_path)
    assert path.parent == tmp_path and path.read_bytes() == b"root:x"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_trainers_cannot_open_files_unless_an_admin_marked_them_safe(
    session: Session, agent: Actor, trainer: Actor, admin: Actor, tmp_path: Path
):
    from supportdesk.services.attachments import mark_trainer_safe, read_attachment

    got = receive(session, agent, mail(files=[("山田様の領収書.pdf", "application/pdf", b"%PDF")]))
    assert got.ticket is not None
    seen = get_ticket(session, trainer, got.ticket).entries[0]
    assert "山田" not in seen.attachments[0].filename
    assert seen.mail is not None and seen.mail.from_address == ""
    with pytest.raises(NotAllowed):
        read_attachment(session, trainer, got.ticket, seen.attachments[0].id)
    mark_trainer_safe(session, admin, got.ticket, seen.attachments[0].id)
    assert read_attachment(session, trainer, got.ticket, seen.attachments[0].id)[1] == b"%PDF"


def test_every_received_message_is_recorded_with_its_raw_bytes(session: Session, agent: Actor):
    raw = mail(message_id="<raw@example.jp>")
    receive(session, agent, raw)
    record = session.exec(select(MailMessage)).one()
    assert record.raw_sha256 is not None
    assert bytes(session.get(AttachmentBlob, record.raw_sha256).data) == raw  # type: ignore[union-attr]


def test_a_mail_with_only_a_photo_keeps_an_empty_message_with_the_photo(session: Session, agent: Actor):
    got = receive(session, agent, mail(subject="写真", body="", files=[("IMG_0001.jpg", "image/jpeg", b"\xff\xd8")]))
    assert got.ticket is not None
    message = next(e for e in get_ticket(session, agent, got.ticket).entries if e.kind == "customer_message")
    assert message.body == "" and [a.filename for a in message.attachments] == ["IMG_0001.jpg"]
