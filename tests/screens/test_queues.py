"""The agent works the queues on the home screen: tabs with counts, 1–4, filters, sorting, refresh, empty queues.

The busy desk (see conftest) at its frozen morning: mine 4, unassigned 2, follow-up due 1, all open 7.
"""

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static, Tab, Tabs

from screens.app import SupportDeskApp
from screens.home import HomeScreen
from supportdesk.desk import Desk
from supportdesk.services.actor import Actor
from supportdesk.services.sla import next_due
from tests.screens.conftest import Morning, settle


@pytest.fixture
def desk_without_tickets(engine: Engine, agent: Actor) -> Desk:
    return Desk(engine=engine, actor=agent)


async def start(pilot: Pilot) -> HomeScreen:
    """The home screen with the ticket list focused, so digits and letters are keys rather than lookup text."""
    await settle(pilot)
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.query_one("#tickets", DataTable).focus()
    await pilot.pause()
    return home


def numbers(home: HomeScreen) -> list[int]:
    return [row.number for row in home.rows]


def cursor_number(home: HomeScreen) -> int:
    table = home.query_one("#tickets", DataTable)
    return int(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))


async def test_tabs_show_how_many_tickets_each_queue_holds(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        labels = [str(tab.label) for tab in home.query(Tab)]
        assert labels == ["My open (4)", "Unassigned (2)", "Follow-up due (1)", "All open (7)"]


async def test_digits_switch_between_the_four_queues(busy_desk: Morning) -> None:
    tickets = busy_desk.tickets
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        assert set(numbers(home)) == {tickets[k] for k in ("double_charge", "refund", "login", "delivery")}
        assert {row.assignee_login for row in home.rows} == {"sato"}

        await pilot.press("2")
        await settle(pilot)
        assert home.query_one("#queue-tabs", Tabs).active == "unassigned"
        assert set(numbers(home)) == {tickets["receipt"], tickets["change"]}
        table = home.query_one("#tickets", DataTable)
        assert {str(table.get_row_at(i)[table.get_column_index("Assignee")]) for i in range(table.row_count)} == {
            "—"
        }  # nobody owns them

        await pilot.press("3")
        await settle(pilot)
        assert numbers(home) == [tickets["delivery"]]  # pending, follow-up due today

        await pilot.press("4")
        await settle(pilot)
        assert len(home.rows) == 7 and tickets["address"] in numbers(home)  # a colleague's ticket too
        assert not set(numbers(home)) & {tickets["past_billing"], tickets["past_password"]}  # resolved ones are not

        await pilot.press("1")
        await settle(pilot)
        assert home.query_one("#queue-tabs", Tabs).active == "mine" and len(home.rows) == 4


async def test_a_digit_typed_in_the_lookup_box_is_text_not_a_queue(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("2")
        await settle(pilot)
        assert home.query_one("#lookup").value == "2"  # type: ignore[attr-defined]
        assert home.query_one("#queue-tabs", Tabs).active == "mine"


async def test_the_priority_filter_is_picked_with_the_keyboard(busy_desk: Morning) -> None:
    tickets = busy_desk.tickets
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        await pilot.press("4")
        await settle(pilot)
        home.query_one("#f-priority", Select).focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # Any priority, low, normal, high
        await settle(pilot)
        assert home.query_one("#f-priority", Select).value == "high"
        assert set(numbers(home)) == {tickets["double_charge"], tickets["address"]}


async def test_filters_by_status_type_and_agent_narrow_the_queue_and_x_clears_them(busy_desk: Morning) -> None:
    tickets = busy_desk.tickets
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        await pilot.press("4")
        await settle(pilot)

        home.query_one("#f-status", Select).value = "new"
        await settle(pilot)
        assert {row.status for row in home.rows} == {"new"} and len(home.rows) == 5

        home.query_one("#f-status", Select).value = "resolved"  # a status filter reaches past the open ones
        await settle(pilot)
        assert set(numbers(home)) == {tickets["past_billing"], tickets["past_password"]}

        home.query_one("#f-status", Select).clear()
        home.query_one("#f-type", Select).value = "billing"
        await settle(pilot)
        assert numbers(home) == [tickets["double_charge"]]

        home.query_one("#f-type", Select).clear()
        agents = home.query_one("#f-agent", Select)
        suzuki = next(u.id for u in busy_desk.desk.users() if u.login == "suzuki")
        agents.value = suzuki
        await settle(pilot)
        assert numbers(home) == [tickets["address"]]

        home.query_one("#tickets", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
        assert all(s.is_blank() for s in home.query("#filters Select").results(Select))
        assert len(home.rows) == 7


async def test_o_cycles_the_sort_order_with_the_most_pressing_first(busy_desk: Morning) -> None:
    tickets = busy_desk.tickets
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        await pilot.press("4")
        await settle(pilot)
        label = home.query_one("#sort-label", Static)
        assert str(label.render()) == "Sorted by updated  (o)"
        assert numbers(home)[0] == tickets["change"]  # received 45 minutes ago, the latest change

        await pilot.press("o")
        await settle(pilot)
        assert str(label.render()) == "Sorted by priority  (o)"
        assert [row.priority for row in home.rows] == ["urgent", "high", "high", "normal", "normal", "normal", "low"]

        await pilot.press("o")
        await settle(pilot)
        assert str(label.render()) == "Sorted by due  (o)"
        dues = [
            (due, row.number)
            for row in home.rows
            if (due := next_due(row.status, row.first_response_at, row.first_response_due, row.resolution_due))
        ]
        assert dues[0][1] == tickets["login"]  # overdue since this morning: the agent must see it first
        assert dues == sorted(dues, key=lambda d: d[0])

        await pilot.press("o")
        await settle(pilot)
        assert str(label.render()) == "Sorted by received  (o)"
        received = [row.received_at for row in home.rows]
        assert received == sorted(received, reverse=True)

        await pilot.press("o")
        await settle(pilot)
        assert str(label.render()) == "Sorted by number  (o)"
        assert numbers(home) == sorted(numbers(home), reverse=True)

        await pilot.press("o")
        await settle(pilot)
        assert str(label.render()) == "Sorted by updated  (o)"


async def test_refresh_keeps_the_cursor_on_the_same_ticket(busy_desk: Morning) -> None:
    tickets = busy_desk.tickets
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        await pilot.press("down")
        chosen = cursor_number(home)
        before = numbers(home).index(chosen)

        # Meanwhile a note on the oldest ticket of the queue brings it to the top.
        busy_desk.desk.add_entry(tickets["delivery"], "internal_note", "配送業者から連絡あり")
        await pilot.press("r")
        await settle(pilot)
        assert numbers(home)[0] == tickets["delivery"]
        assert numbers(home).index(chosen) == before + 1
        assert cursor_number(home) == chosen


async def test_an_empty_queue_says_so(busy_desk: Morning) -> None:
    app = SupportDeskApp(busy_desk.desk, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        empty = home.query_one("#queue-empty", Static)
        assert not empty.display

        await pilot.press("3")
        await settle(pilot)
        home.query_one("#f-priority", Select).value = "urgent"
        await settle(pilot)
        assert home.rows == [] and home.query_one("#tickets", DataTable).row_count == 0
        assert empty.display and str(empty.render()) == "No tickets in this queue."

        home.query_one("#f-priority", Select).clear()
        await settle(pilot)
        assert len(home.rows) == 1 and not empty.display


async def test_a_new_desk_shows_empty_queues_with_zero_counts(desk_without_tickets: Desk) -> None:
    app = SupportDeskApp(desk_without_tickets, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        home = await start(pilot)
        assert [str(tab.label) for tab in home.query(Tab)] == [
            "My open (0)",
            "Unassigned (0)",
            "Follow-up due (0)",
            "All open (0)",
        ]
        assert str(home.query_one("#queue-empty", Static).render()) == "No tickets in this queue."
