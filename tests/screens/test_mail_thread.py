"""An agent reads a customer's mail in the ticket workspace and answers it by mail."""

from dataclasses import replace

from sqlmodel import Session, select
from textual.widgets import Checkbox, Collapsible, Static, TextArea

from screens.app import SupportDeskApp
from screens.ticket_view import TicketScreen
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.mail.settings import MailSettings
from supportdesk.models import MailMessage
from supportdesk.services.actor import Actor
from supportdesk.services.mail_display import state_name
from supportdesk.services.mail_in import receive
from tests.screens.conftest import settle
from tests.supportdesk import factories
from tests.supportdesk.mail.build import mail

QUOTED = "届きました。\n\n2026年12月1日 10:00 サポート <support@desk.example.jp>:\n> 発送しました。\n> 以上"


async def test_agent_reads_a_mail_with_its_file_and_answers_it_by_mail(desk: Desk, session: Session, agent: Actor):
    got = receive(session, agent, mail(body=QUOTED, files=[("レシート.jpg", "image/jpeg", b"\xff\xd8")]))
    assert got.ticket is not None
    desk = replace(desk, settings=replace(desk.settings, mail=MailSettings(address="support@desk.example.jp")))
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(got.ticket))
        await settle(pilot)
        screen = app.screen
        text = "\n".join(str(s.render()) for s in screen.query(".entry").results(Static))
        assert t("mail from {sender} · {subject}", sender="山田 太郎 <taro@example.jp>", subject="返品したい") in text
        assert "レシート.jpg (image/jpeg, 2 B)" in text
        assert "届きました。" in text and "発送しました" not in text
        quoted = screen.query_one(".quoted", Collapsible)
        assert quoted.collapsed and "> 発送しました。" in str(quoted.query_one(".quoted-text", Static).render())

        box = screen.query_one("#send-by-mail", Checkbox)
        assert box.display and box.value  # a mail ticket is answered by mail unless the agent says otherwise
        screen.query_one("#draft", TextArea).text = "ご確認ありがとうございます。"
        await pilot.press("ctrl+s")
        await settle(pilot)
        out = session.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
        assert out.state == "queued" and out.to_addresses == "taro@example.jp"
        assert t("mail to {to} · {state}", to="taro@example.jp", state=state_name("queued")) in "\n".join(
            str(s.render()) for s in screen.query(".entry").results(Static)
        )


async def test_a_phone_customer_without_an_address_is_not_offered_mail(desk: Desk, session: Session, agent: Actor):
    customer = factories.customer(session, agent, "電話 だけ", email=None)
    number = factories.ticket(session, agent, customer)
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(TicketScreen(number))
        await settle(pilot)
        assert not app.screen.query_one("#send-by-mail", Checkbox).display
