"""The app around the screens: help, the command palette, the user's keymap, the header and failed work."""

from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input
from textual.widgets._header import HeaderTitle
from textual.widgets._toast import Toast

from screens.app import SupportDeskApp
from screens.help import HelpScreen
from screens.home import HomeScreen
from screens.messages import OpenTicket
from screens.ticket_view import TicketScreen
from supportdesk.config import Settings
from supportdesk.desk import Desk
from supportdesk.errors import NotAllowed
from supportdesk.i18n import msg, t, v
from supportdesk.services.tickets import TicketCreate
from tests.screens.conftest import settle


def help_keys(app: SupportDeskApp) -> dict[str, str]:
    """Description → key, as the help screen lists them."""
    assert isinstance(app.screen, HelpScreen)
    table = app.screen.query_one("#keys", DataTable)
    return {str(table.get_row_at(i)[1]): str(table.get_row_at(i)[0]) for i in range(table.row_count)}


def notices_of(app: SupportDeskApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    notices: list[tuple[str, dict[str, Any]]] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        notices.append((message, kwargs))
        original(message, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return notices


async def test_f1_lists_the_keys_of_the_screen_underneath(desk: Desk) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        keys = help_keys(app)
        assert keys[t("Find caller")] == "/"
        assert keys[t("New customer")] == "^n"
        assert keys[t("Help")] == "f1"
        assert t("Send") not in keys  # the workspace's keys are not the home screen's
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        number = desk.list_tickets()[0].number
        app.post_message(OpenTicket(number))
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        await pilot.press("f1")
        await settle(pilot)
        keys = help_keys(app)
        assert keys[t("Send")] == "^s"
        assert keys[t("Call timer")] == "f3"
        assert keys[t("Status")] == "f5"
        assert t("Find caller") not in keys
        await pilot.press("f1")  # f1 again closes it
        assert isinstance(app.screen, TicketScreen)


async def test_palette_goes_to_a_ticket_by_its_number(desk: Desk) -> None:
    number = desk.list_tickets()[-1].number
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*f"#{number}")
        await pilot.pause(0.3)  # the palette searches asynchronously
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.number == number
        assert app.screen.detail is not None and app.screen.detail.number == number


async def test_palette_finds_a_customer_from_what_was_typed(desk: Desk) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.post_message(OpenTicket(desk.list_tickets()[0].number))
        await settle(pilot)  # from another screen: the palette brings the agent back home to the lookup
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ササキ")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        lookup = home.query_one("#lookup", Input)
        assert lookup.value == "ササキ"
        assert lookup.has_focus
        assert [m.customer.full_name for m in home.matches] == ["佐々木 花子"]


async def test_a_keymap_from_the_config_moves_a_binding_by_its_id(desk: Desk) -> None:
    remapped = Desk(engine=desk.engine, actor=desk.actor, settings=Settings(keymap={"home.refresh": "f9"}))
    app = SupportDeskApp(remapped)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.query_one("#tickets", DataTable).focus()  # a letter typed in the lookup box is text, not a key
        customer = desk.list_tickets()[0].customer_id
        desk.create_ticket(TicketCreate(customer_id=customer, subject="電話がつながらない"))

        await pilot.press("r")  # the old key does nothing now
        await settle(pilot)
        assert "電話がつながらない" not in [r.subject for r in home.rows]

        await pilot.press("f9")
        await settle(pilot)
        assert "電話がつながらない" in [r.subject for r in home.rows]

        await pilot.press("f1")
        await settle(pilot)
        assert help_keys(app)[t("Refresh")] == "f9"


async def test_the_header_names_the_signed_in_agent(desk: Desk) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert str(app.screen.query_one(HeaderTitle).render()) == f"SupportDesk — 佐藤 美咲 ({v('agent')})"
        app.post_message(OpenTicket(desk.list_tickets()[0].number))
        await settle(pilot)
        assert f"佐藤 美咲 ({v('agent')})" in str(app.screen.query_one(HeaderTitle).render())


async def test_a_failing_screen_worker_is_a_notification_not_a_crash(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = SupportDeskApp(desk)
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def refused(*args: object, **kwargs: object) -> None:
            raise NotAllowed(msg("Ticket #{number} is closed; reopen it first or open a new ticket.", number=7))

        monkeypatch.setattr(desk, "queue_page", refused)
        home = app.screen
        home.query_one("#tickets", DataTable).focus()
        await pilot.press("r")
        await settle(pilot)
        refusal = t("Ticket #{number} is closed; reopen it first or open a new ticket.", number=7)
        assert [(m, kw["severity"]) for m, kw in notices] == [(refusal, "error")]

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk I/O error")

        monkeypatch.setattr(desk, "queue_page", broken)
        await pilot.press("r")
        await settle(pilot)
        assert any(message == t("Something went wrong: {error}", error="disk I/O error") for message, _ in notices)
        assert app.is_running and app.screen is home


async def test_a_failing_index_sync_is_a_notification_not_a_crash(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise OSError("index directory is read-only")

    monkeypatch.setattr(desk, "sync_index", broken)
    app = SupportDeskApp(desk)
    notices = notices_of(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert [(m, kw["severity"]) for m, kw in notices] == [
            (t("Something went wrong: {error}", error="index directory is read-only"), "error")
        ]
        assert isinstance(app.screen, HomeScreen) and app.is_running


async def test_a_notice_quoting_square_brackets_shows_them_as_written(desk: Desk) -> None:
    # The mail refusal quotes the config ([mail] address = "…"); as markup, "[mail]" would vanish from the notice.
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.notify('add [mail] address = "…" and [b]not bold[/b]', severity="error")
        await pilot.pause()
        shown = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert shown == ['add [mail] address = "…" and [b]not bold[/b]']
