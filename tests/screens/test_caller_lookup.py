"""The caller lookup as an agent uses it on a call: the matches replace the queue while the box has text, phones
read in one national format whatever was stored, ↓ and Enter reach the customer without the mouse, Esc goes back."""

from sqlmodel import Session
from textual.widgets import DataTable, Static

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.home import HomeScreen
from screens.widgets.caller_lookup import CallerLookup
from screens.widgets.ticket_table import TicketTable
from supportdesk.desk import Desk
from supportdesk.i18n import t
from supportdesk.services.actor import Actor
from supportdesk.services.caller_lookup import MAX_LOOKUP
from tests.screens.conftest import settle
from tests.supportdesk import factories


async def _home(app: SupportDeskApp, pilot) -> HomeScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    return app.screen


async def test_matches_replace_the_queue_and_esc_brings_it_back(desk: Desk, session: Session, agent: Actor) -> None:
    stored = "０３－３３１２－５３５２"  # full width, as an old import left it
    suzuki = factories.customer(session, agent, "鈴木 一郎", name_kana="スズキ イチロウ", phone=stored)
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(app, pilot)
        lookup = home.query_one(CallerLookup)
        assert home.query_one("#queues").display and not lookup.query_one("#results").display
        await pilot.press(*"5352")  # the last four digits, as the caller reads them out
        await settle(pilot)
        assert lookup.matches_for == "5352"
        assert [m.customer.id for m in home.matches] == [suzuki]
        table = lookup.query_one("#matches", DataTable)
        assert str(table.get_cell_at((0, table.get_column_index("Phone")))) == "03-3312-5352"
        assert not home.query_one("#queues").display and lookup.query_one("#results").display
        await pilot.press("escape")
        await settle(pilot)
        assert lookup.box.value == "" and home.matches == []
        assert home.query_one("#queues").display and not lookup.query_one("#results").display
        assert home.focused is home.query_one(TicketTable)


async def test_down_reaches_the_matches_and_enter_opens_the_callers_360(desk: Desk) -> None:
    hanako = desk.find_customers("090-1111-2222")[0].customer.id
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(app, pilot)
        await pilot.press(*"ササキ")
        await settle(pilot)
        await pilot.press("down")
        assert home.focused is home.query_one("#matches", DataTable)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
        assert app.screen.customer_id == hanako


async def test_enter_typed_before_the_answer_opens_the_top_match_and_down_without_text_goes_to_the_queue(
    desk: Desk,
) -> None:
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(app, pilot)
        await pilot.press("down")
        assert home.focused is home.query_one(TicketTable)
        await pilot.press("slash", *"090-1111-2222", "enter")  # Enter right after the last digit
        await settle(pilot)
        assert isinstance(app.screen, Customer360Screen)
        assert app.screen.view is not None and app.screen.view.profile.full_name == "佐々木 花子"


async def test_typing_a_closing_tag_that_matches_nobody_is_quoted_as_typed(desk: Desk) -> None:
    """The 'no customer matches' line quotes what the agent typed; as markup, [/bold] stopped the app."""
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(app, pilot)
        home.query_one(CallerLookup).box.value = "[/bold][@click=app.quit]x"  # pasted ("/" is a key of its own)
        await settle(pilot)
        assert app.is_running and home.query_one(CallerLookup).matches_for == "[/bold][@click=app.quit]x"
        empty = str(home.query_one("#results-empty").render())
        typed = "[/bold][@click=app.quit]x"
        assert t("No customer matches {text!r}. Press ctrl+n to create one from what you typed.", text=typed) in empty
        await pilot.click("#results-empty", offset=(25, 1))
        assert app.is_running


async def test_a_pasted_page_is_refused_in_place_of_the_matches_not_left_under_the_last_answer(desk: Desk) -> None:
    """Past MAX_LOOKUP characters the desk refuses the lookup; the box says why where the matches were (the
    lookup's worker is the widget's own, so no screen would have heard of it), in the agent's language."""
    app = SupportDeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        home = await _home(app, pilot)
        lookup = home.query_one(CallerLookup)
        await pilot.press(*"ササキ")
        await settle(pilot)
        assert lookup.matches
        lookup.box.insert_text_at_cursor("田" * MAX_LOOKUP)  # as a paste: one change, past the limit
        await settle(pilot)
        assert lookup.matches == [] and lookup.query_one("#matches", DataTable).row_count == 0
        shown = str(lookup.query_one("#results-empty", Static).render())
        assert f"{MAX_LOOKUP + 3:,}" in shown and f"{MAX_LOOKUP:,}" in shown, shown
        assert t("query") in shown
