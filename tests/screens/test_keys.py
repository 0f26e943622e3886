"""Keys that do what the footer says: each fix an agent asked for, pressed as they would press it."""

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Select, Tabs

from screens.app import SupportDeskApp, screen_keys
from screens.customer_360 import Customer360Screen
from screens.home import HomeScreen
from screens.notifications import NotificationsScreen
from screens.search import HitList, SearchScreen
from screens.ticket_view import TicketScreen
from screens.widgets.key_bar import KeyBar
from supportdesk.config import Settings, config_dir, load_settings
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from supportdesk.services.views import ViewFilters
from tests.screens.conftest import Morning, settle


async def _home(pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    return home


async def test_escape_leaves_the_lookup_so_4_switches_the_queue(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(pilot)
        await pilot.press(*"山田", "escape", "4")
        await settle(pilot)
        assert home.query_one("#lookup", Input).value == ""
        assert home.query_one("#queue-tabs", Tabs).active == "all_open"
        assert len(home.rows) == 7


async def test_slash_goes_back_to_the_lookup_and_is_never_typed_into_it(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(pilot)
        await pilot.press("escape", "slash")
        assert home.focused is home.query_one("#lookup", Input)
        await pilot.press("slash", *"0312")
        assert home.query_one("#lookup", Input).value == "0312"


async def test_saved_views_are_on_keys_5_to_9_and_show_what_they_filter(busy_desk: Morning) -> None:
    desk = busy_desk.desk
    desk.save_view("至急", ViewFilters(base="all_open", priorities=("urgent",)), "due")
    desk.save_view("請求", ViewFilters(base="all_open", inquiry_types=("billing",)), "updated")
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(160, 40)) as pilot:
        home = await _home(pilot)
        await pilot.press("escape", "6")
        await settle(pilot)
        assert str(home.query_one("#queue-tabs", Tabs).active_tab.label).startswith("6 請求")  # type: ignore[union-attr]
        assert home.query_one("#f-type", Select).value == "billing"
        assert home.query_one("#f-priority", Select).is_blank()
        assert {r.inquiry_type for r in home.rows} <= {"billing"}
        await pilot.press("5")
        await settle(pilot)
        assert home.query_one("#f-priority", Select).value == "urgent"
        assert home.query_one("#f-type", Select).is_blank()


async def test_down_from_the_search_box_lands_on_the_first_result(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _home(pilot)
        app.push_screen(SearchScreen("請求"))
        await settle(pilot)
        search = app.screen
        hits = search.query_one("#hits", HitList)
        assert len(hits.numbers) >= 1
        await pilot.press("down")
        await settle(pilot)
        assert search.focused is hits and hits.highlighted == 0


async def test_enter_in_the_search_box_opens_the_best_match(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _home(pilot)
        app.push_screen(SearchScreen("請求"))
        await settle(pilot)
        first = app.screen.query_one("#hits", HitList).numbers[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen.number == first


async def test_f1_lists_the_screens_own_keys_first_in_the_users_language(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(pilot)
        keys = screen_keys(app, home)
        descriptions = [d for _, d in keys]
        assert descriptions[0] == "発信者検索"  # the home screen's first key, not the app's or an editor's
        assert "終了" in descriptions and descriptions.index("終了") > descriptions.index("新規顧客"), descriptions
        # Text-editing keys of the lookup box (Textual's own, in English) are not the screen's.
        assert not any(d.isascii() for d in descriptions), descriptions


async def test_the_palette_lists_each_command_once(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _home(pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        results = palette.query_one(OptionList)
        for _ in range(50):  # the palette gathers its commands asynchronously
            await pilot.pause(0.05)
            if results.option_count:
                break
        prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert prompts and len(prompts) == len(set(prompts)), prompts


async def test_a_theme_picked_is_kept_for_next_time(desk: Desk) -> None:
    app = SupportDeskApp(desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert load_settings().theme == "nord"
    config: Path = config_dir() / "config.toml"
    assert config.stat().st_mode & 0o077 == 0
    again = SupportDeskApp(Desk(engine=desk.engine, actor=desk.actor, settings=load_settings()), lang="en")
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        assert isinstance(again.screen.query_one("#tickets", DataTable), DataTable)


async def test_at_100_columns_the_ticket_footer_shows_whole_keys_and_f1_and_f1_lists_the_rest(
    busy_desk: Morning,
) -> None:
    for lang, help_text in (("en", "f1 Help"), ("ja", "f1 ヘルプ")):
        app = SupportDeskApp(busy_desk.desk, lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            await _home(pilot)
            app.push_screen(TicketScreen(next(iter(busy_desk.tickets.values()))))
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            line = str(bar.render())
            shown = bar.fitted(bar.size.width)
            assert len(shown) < len(bar.offered())  # not everything fits at 100 columns …
            assert line.startswith("^s ") and line.rstrip().endswith(help_text), line  # … Send first, F1 always
            assert all(f"{k.display} {k.description}" in line for k in shown), line  # each shown key whole
            listed = {d for _, d in screen_keys(app, app.screen)}
            assert {k.description for k in bar.offered()} - {k.description for k in shown} <= listed  # F1 has the rest


async def test_f12_lists_the_notifications_and_the_header_names_the_key_a_keymap_gives(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _home(pilot)
        await pilot.press("f12")  # F10 opens GNOME Terminal's menu: it never reaches the app there
        await settle(pilot)
        assert isinstance(app.screen, NotificationsScreen)
    remapped = Desk(
        engine=busy_desk.desk.engine,
        actor=busy_desk.desk.actor,
        settings=Settings(keymap={"app.notifications": "ctrl+e"}),
    )
    app = SupportDeskApp(remapped, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await _home(pilot)
        app.notices.unread = 2
        assert app.notices.heading().endswith("2 unread notifications (^e)")


async def test_at_100_columns_a_lead_on_the_queue_sees_the_bulk_keys_and_f1_lists_the_screens_own(
    busy_desk: Morning, lead: Actor
) -> None:
    """The queue's own keys (space, b, g) act on the rows the lead is on: they claim the footer's room before the
    home screen's many keys; what is left out is in F1's list."""
    desk = Desk(engine=busy_desk.desk.engine, actor=lead)
    for lang in ("en", "ja"):
        app = SupportDeskApp(desk, lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            home = await _home(pilot)
            await pilot.press("escape", "4")  # out of the lookup, all open tickets
            await settle(pilot)
            home.query_one("#tickets", DataTable).focus()
            await settle(pilot)
            bar = home.query_one(KeyBar)
            line = str(bar.render())
            for description in ("Select", "Bulk change", "Macro", "Find caller", "Help"):
                assert t(description) in line, (lang, line)
            assert bar.size.width == 100 and cell_len(line) <= 100
            listed = {d for _, d in screen_keys(app, home)}
            assert {k.description for k in bar.offered()} <= listed | {t("Commands")}  # F1 lists every key


@pytest.mark.parametrize("role", ["agent", "admin"])
async def test_at_100_columns_the_360_shows_every_key_it_offers_and_f1_lists_the_privacy_keys(
    request: pytest.FixtureRequest, busy_desk: Morning, role: str
) -> None:
    actor = request.getfixturevalue(role)
    for lang in ("en", "ja"):
        app = SupportDeskApp(Desk(engine=busy_desk.desk.engine, actor=actor), lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.push_screen(Customer360Screen(next(iter(busy_desk.customers.values()))))
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            line = str(bar.render())
            own = [k for k in bar.offered() if k.rank[0] == 0]  # the 360's keys, not the app's
            assert {k.action for k in own} == {
                "app.pop_screen", "new_ticket", "edit", "edit_company", "purchase", "subscription",
                "cancel_subscription",
            }  # fmt: skip
            assert all(f"{k.display} {k.description}" in line for k in own), (lang, line)
            listed = {description for _, description in screen_keys(app, app.screen)}
            privacy = {t("Export personal data"), t("Anonymise")}
            assert privacy <= listed if role == "admin" else not privacy & listed
