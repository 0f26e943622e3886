"""The app keeps one customer 360 and one search screen and shows the next customer or search in it (opening
them was mostly composing the screen, docs/PERFORMANCE.md): the agent sees only what they asked for each time."""

from sqlmodel import Session
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from screens.app import SupportDeskApp
from screens.customer_360 import Customer360Screen
from screens.messages import OpenCustomer
from screens.search import HitList, SearchScreen
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from tests.screens.conftest import settle
from tests.supportdesk import factories


async def _until(pilot, done) -> None:  # type: ignore[no-untyped-def]
    """Wait on the screen's own progress (workers done, then a few rounds of messages), never on the clock."""
    for _ in range(100):
        if done():
            return
        await settle(pilot, rounds=1)
    raise AssertionError("never happened")


async def test_the_next_customer_opens_in_the_same_360_with_nothing_of_the_last(
    engine, session: Session, agent: Actor, monkeypatch
) -> None:
    sato = factories.customer(session, agent, full_name="佐藤 花子", email="hanako@example.jp")
    factories.ticket(session, agent, sato, "請求書の再発行")
    ito = factories.customer(session, agent, full_name="伊藤 健", email="ken@example.jp")
    loaded: list[int] = []
    load = Customer360Screen.load

    def counted(screen: Customer360Screen) -> None:
        loaded.append(screen.customer_id)
        load(screen)

    monkeypatch.setattr(Customer360Screen, "load", counted)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.post_message(OpenCustomer(sato))
        await _until(pilot, lambda: getattr(app.screen, "shown_for", None) == sato)
        first = app.screen
        assert isinstance(first, Customer360Screen)
        assert "佐藤 花子" in str(first.query_one("#person", Static).render())
        assert first.query_one("#c-tickets", DataTable).row_count == 1
        await pilot.press("escape")
        await settle(pilot)
        # Back on the queue, nothing of the 360 keeps running (its wait for a hidden, empty table once spun for ever).
        await _until(pilot, lambda: not app.screen._callbacks)

        app.post_message(OpenCustomer(ito))
        await _until(pilot, lambda: first.shown_for == ito)
        assert app.screen is first  # the same screen, reopened
        await settle(pilot)
        assert loaded == [sato, ito]  # once each: reopening is a first showing, not a return that reloads
        assert "伊藤 健" in str(first.query_one("#person", Static).render())
        assert "佐藤" not in str(first.query_one("#person", Static).render())
        assert first.query_one("#c-tickets", DataTable).row_count == 0
        assert all(not table._require_update_dimensions for table in first.query(DataTable))


async def test_a_colleague_opened_from_a_360_gets_a_360_of_their_own(engine, session: Session, agent: Actor) -> None:
    company = factories.company(session, agent, "株式会社さくら商事")
    sato = factories.customer(session, agent, full_name="佐藤 花子", company_id=company)
    ito = factories.customer(session, agent, full_name="伊藤 健", company_id=company)
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.post_message(OpenCustomer(sato))
        await _until(pilot, lambda: getattr(app.screen, "shown_for", None) == sato)
        first = app.screen
        app.post_message(OpenCustomer(ito))  # Enter on the colleague's row
        await _until(pilot, lambda: getattr(app.screen, "shown_for", None) == ito)
        assert app.screen is not first and first.shown_for == sato
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is first and "佐藤 花子" in str(first.query_one("#person", Static).render())


async def test_a_second_search_starts_without_the_last_ones_filters(engine, session: Session, agent: Actor) -> None:
    taro = factories.customer(session, agent, email="taro@example.jp")
    invoice = factories.ticket(session, agent, taro, "請求書の再発行", body="請求書をもう一度送ってください")
    factories.ticket(session, agent, taro, "返品したい", body="届いた品を返品したいです")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_search("返品")
        await _until(pilot, lambda: getattr(app.screen, "shown_for", None) == "返品")
        first = app.screen
        assert isinstance(first, SearchScreen)
        first.query_one("#s-status", Select).value = "resolved"  # nothing resolved: no hits
        first.query_one("#s-exemplary", Checkbox).value = True
        await settle(pilot)
        assert not first.query_one("#hits", HitList).numbers
        await pilot.press("escape")
        await settle(pilot)

        app.action_search("請求書")
        await _until(pilot, lambda: first.shown_for == "請求書")
        assert app.screen is first
        assert first.query_one("#query", Input).value == "請求書"
        assert first.query_one("#s-status", Select).is_blank() and not first.query_one("#s-exemplary", Checkbox).value
        assert first.query_one("#hits", HitList).numbers == [invoice]
        assert first.focused is first.query_one("#query", Input)


async def test_a_theme_chosen_while_the_search_was_closed_shows_when_it_opens_again(
    engine, session: Session, agent: Actor
) -> None:
    factories.ticket(session, agent, factories.customer(session, agent, full_name="林 一"), "返品したい")
    app = SupportDeskApp(Desk(engine=engine, actor=agent), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_search("返品")
        await _until(pilot, lambda: getattr(app.screen, "shown_for", None) == "返品")
        first = app.screen
        before = first.query_one("#hits", HitList).styles.background
        await pilot.press("escape")
        await settle(pilot)
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"  # while the search is closed
        await settle(pilot)

        app.action_search("返品")
        await _until(pilot, lambda: app.screen is first and first.shown_for == "返品")
        after = first.query_one("#hits", HitList).styles.background
        assert after != before and after == app.screen.styles.background  # the list is drawn on the new theme's
