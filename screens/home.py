"""The agent's home: caller lookup on top (CallerLookup; its matches replace the queues while it has text), the
ticket queues below (TicketTable)."""

from collections.abc import Callable
from contextlib import suppress
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Select, Static, Tab, Tabs
from textual.widgets.select import InvalidSelectValueError

from screens.base import AppScreen
from screens.bulk_flow import apply_macro, change_in_bulk
from screens.dialogs.field_filter import FieldChoice, ask_ticket_field
from screens.messages import OpenCustomer, OpenTicket
from screens.safe_text import data_content, data_text
from screens.widgets.caller_lookup import CallerLookup
from screens.widgets.key_bar import KeyBar
from screens.widgets.ticket_table import TicketTable
from screens.workers import fetch
from supportdesk import clock
from supportdesk.i18n import N_, t, tn, v
from supportdesk.models.enums import InquiryType, Priority, Status
from supportdesk.services import sla
from supportdesk.services.actor import Action, Actor, can
from supportdesk.services.custom_fields import FieldDefinition
from supportdesk.services.readmodels import CustomerMatch, TicketRow
from supportdesk.services.ticket_queries import TicketFilter, TicketSort
from supportdesk.services.views import ViewFilters, ViewRow, base_filter

PAGE_SIZE = 500
QUEUES = ("mine", "unassigned", "follow_up", "all_open")
QUEUE_LABELS = {"mine": "My open", "unassigned": "Unassigned", "follow_up": "Follow-up due", "all_open": "All open"}
SORTS = (TicketSort.UPDATED, TicketSort.PRIORITY, TicketSort.DUE, TicketSort.RECEIVED, TicketSort.NUMBER)


VIEW_TAB = "view-"


class HomeScreen(AppScreen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        # Priority: "/" never belongs in a phone number, name or e-mail, so it works from the lookup box too.
        Binding("slash", "focus_lookup", N_("Find caller"), key_display="/", priority=True, id="home.lookup"),
        Binding("ctrl+n", "new_customer", N_("New customer"), priority=True, id="home.new_customer"),
        Binding("escape", "clear_lookup", N_("Back"), show=False, id="home.clear"),
        Binding("r", "refresh", N_("Refresh"), id="home.refresh"),
        Binding("o", "cycle_sort", N_("Sort"), id="home.sort"),
        Binding("f", "field_filter", N_("Filter by field"), id="home.field_filter"),
        Binding("x", "clear_filters", N_("Clear filters"), id="home.clear_filters"),
        Binding("1", "queue('mine')", N_("My open"), show=False, id="home.queue_mine"),
        Binding("2", "queue('unassigned')", N_("Unassigned"), show=False, id="home.queue_unassigned"),
        Binding("3", "queue('follow_up')", N_("Follow-up due"), show=False, id="home.queue_follow_up"),
        Binding("4", "queue('all_open')", N_("All open"), show=False, id="home.queue_all_open"),
        *(
            Binding(str(key), f"view({key - 5})", N_("Saved views"), show=False, id=f"home.view_{key - 4}")
            for key in range(5, 10)
        ),
        Binding("v", "save_view", N_("Save view"), id="home.save_view"),
        Binding("delete", "delete_view", N_("Delete view"), show=False, id="home.delete_view"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[TicketRow] = []
        self.queue = "mine"
        self.sort = TicketSort.UPDATED
        self.views: dict[str, ViewRow] = {}  # by tab id
        self.more = False  # the queue has rows beyond those loaded
        self.listing = 0  # counts reloads, so a late page of an old list is dropped
        self.field_choices: tuple[FieldChoice, ...] = ()  # the team's own fields the list is narrowed by
        self.field_names: dict[int, str] = {}  # the ticket fields by id, to name a saved view's field filters

    def compose(self) -> ComposeResult:
        yield Header()
        yield CallerLookup(id="caller-lookup")
        with Vertical(id="queues"):
            yield Tabs(*(Tab(t(QUEUE_LABELS[q]), id=q) for q in QUEUES), id="queue-tabs")
            with Horizontal(id="filters"):
                yield Select([(v(s), s.value) for s in Status], prompt=t("Any status"), id="f-status", compact=True)
                yield Select(
                    [(v(p), p.value) for p in Priority], prompt=t("Any priority"), id="f-priority", compact=True
                )
                yield Select([(v(i), i.value) for i in InquiryType], prompt=t("Any type"), id="f-type", compact=True)
                yield Select([], prompt=t("Any agent"), id="f-agent", compact=True)
                yield Static("", id="field-filter")
                yield Static("", id="sort-label")
            yield TicketTable(id="tickets", selectable=can(self.desk.actor, Action.BULK_CHANGE))
            yield Static(t("Loading…"), id="queue-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        policy = self.desk.settings.sla
        self.query_one(TicketTable).soon_after = lambda now: sla.soon_limit(now, policy)
        self._show_sort()
        self.load_agents()
        self.load_views()
        self.load_queue()
        self.lookup.focus_box()

    @property
    def lookup(self) -> CallerLookup:
        return self.query_one(CallerLookup)

    @property
    def matches(self) -> list[CustomerMatch]:
        """The callers the lookup shows now."""
        return self.lookup.matches

    # ---- queues -------------------------------------------------------------------------------------------

    def _filter(self) -> TicketFilter:
        return self._view_filters().to_filter(self.desk.actor.id, clock.today())

    def _view_filters(self) -> ViewFilters:
        """What the list shows now: the queue or saved view, narrowed by the filter boxes."""
        view = self.views.get(self.queue)
        start = view.filters if view else ViewFilters(base=self.queue)
        status = self.query_one("#f-status", Select).value
        priority = self.query_one("#f-priority", Select).value
        inquiry_type = self.query_one("#f-type", Select).value
        agent = self.query_one("#f-agent", Select).value
        return ViewFilters(
            base=start.base,
            statuses=(status,) if isinstance(status, str) else start.statuses,
            priorities=(priority,) if isinstance(priority, str) else start.priorities,
            inquiry_types=(inquiry_type,) if isinstance(inquiry_type, str) else start.inquiry_types,
            assignee_id=agent if isinstance(agent, int) else start.assignee_id,
            fields=tuple((c.field_id, c.value, c.contains) for c in self.field_choices) or start.fields,
        )

    def load_agents(self) -> None:
        fetch(self, self.desk.users, self._show_agents, group="agents")
        fetch(self, partial(self.desk.custom_fields, "tickets", include_retired=True), self._know_fields, group="f")

    def _know_fields(self, fields: list[FieldDefinition]) -> None:
        self.field_names = {f.id: f.name for f in fields}

    def _show_agents(self, users: list[Actor]) -> None:
        self.query_one("#f-agent", Select).set_options([(data_text(u.name), u.id) for u in users])

    def _descending(self) -> bool:
        # Newest first for the time sorts, but "due" means the most pressing first: the earliest due at the top.
        return self.sort != TicketSort.DUE

    def _page(self, limit: int, offset: int = 0) -> Callable[[], list[TicketRow]]:
        """The desk call for one page of what the list shows now (filters read here, on the UI thread)."""
        return partial(
            self.desk.list_tickets,
            self._filter(),
            sort=self.sort,
            descending=self._descending(),
            limit=limit,
            offset=offset,
        )

    def load_queue(self, first_page: bool = False) -> None:
        # A queue never loads whole (a desk may hold 100k open tickets): one page, and the next when the cursor
        # reaches the end. A refresh reloads the pages the agent already has, so their place in the list stays.
        limit = PAGE_SIZE * (1 if first_page else max(1, -(-len(self.rows) // PAGE_SIZE)))
        today, me = clock.today(), self.desk.actor.id
        tabs = {q: base_filter(q, me, today) for q in QUEUES}
        tabs |= {tab: view.filters.to_filter(me, today) for tab, view in list(self.views.items())}
        # One call, one snapshot: the tab counts agree with the list even while others work on tickets.
        call = partial(
            self.desk.queue_page, self._filter(), tabs, sort=self.sort, descending=self._descending(), limit=limit
        )
        fetch(
            self,
            call,
            lambda page: self.show_queue(list(page.rows), page.counts, len(page.rows) == limit),
            group="queue",
        )

    def show_queue(self, rows: list[TicketRow], counts: dict[str, int], more: bool = False) -> None:
        for queue, count in counts.items():
            label = t(QUEUE_LABELS[queue]) if queue in QUEUE_LABELS else self._view_label(queue)
            if label is not None and (tab := self.query(f"#{queue}").first(Tab)) is not None:
                tab.label = data_content(f"{label} ({count})", one_line=True)  # a saved view's name is data
        self.rows = rows
        self.more = more
        self.listing += 1  # a page still on its way belongs to the old list
        self.query_one(TicketTable).show_rows(rows)
        empty = self.query_one("#queue-empty", Static)
        empty.update(t("No tickets in this queue.") if not rows else "")
        empty.display = not rows

    @on(TicketTable.NearEnd)
    def _near_the_end(self) -> None:
        if self.more:
            self.more = False  # one page at a time
            self.load_next_page(len(self.rows), self.listing)

    def load_next_page(self, offset: int, listing: int) -> None:
        fetch(self, self._page(PAGE_SIZE, offset), partial(self.append_page, listing=listing), group="queue-page")

    def append_page(self, rows: list[TicketRow], listing: int) -> None:
        if listing != self.listing:
            return  # the queue was reloaded (another tab, filter or sort) meanwhile
        shown = {r.number for r in self.rows}
        fresh = [r for r in rows if r.number not in shown]  # a ticket updated meanwhile may move between pages
        self.rows += fresh
        self.more = len(rows) == PAGE_SIZE
        self.query_one(TicketTable).append_rows(fresh)

    @on(Tabs.TabActivated, "#queue-tabs")
    def _queue_changed(self, event: Tabs.TabActivated) -> None:
        if event.tab.id and event.tab.id != self.queue:
            self.queue = event.tab.id
            if view := self.views.get(self.queue):
                self.sort = TicketSort(view.sort)
                self._show_sort()
                self._show_view_filters(view.filters)
            self.query_one(TicketTable).select(set())
            self.load_queue(first_page=True)

    @on(TicketTable.BulkRequested)
    def _bulk(self, event: TicketTable.BulkRequested) -> None:
        change_in_bulk(self, event, self.load_queue)

    @on(TicketTable.MacroRequested)
    def _macro(self, event: TicketTable.MacroRequested) -> None:
        apply_macro(self, event, self.load_queue)

    # ---- saved views ----------------------------------------------------------------------------------------

    def _view_label(self, tab: str) -> str | None:
        view = self.views.get(tab)
        if view is None:
            return None
        key = list(self.views).index(tab) + 5
        return (f"{key} " if key <= 9 else "") + ("★ " if view.shared else "") + view.name

    def action_view(self, index: int) -> None:
        """Keys 5–9: the saved views, in the order of their tabs."""
        tabs = list(self.views)
        if index < len(tabs):
            self.query_one("#queue-tabs", Tabs).active = tabs[index]

    def _show_view_filters(self, filters: ViewFilters) -> None:
        """The filter boxes say what a saved view filters on, rather than "Any priority" while it filters."""
        boxes = {
            "#f-status": filters.statuses,
            "#f-priority": filters.priorities,
            "#f-type": filters.inquiry_types,
            "#f-agent": (filters.assignee_id,) if filters.assignee_id is not None else (),
        }
        with self.prevent(Select.Changed):
            for box, values in boxes.items():
                select = self.query_one(box, Select)
                select.clear()
                if len(values) == 1:
                    with suppress(InvalidSelectValueError):  # an agent no longer on the desk: "any" it is
                        select.value = values[0]
        self._show_field_filter(
            tuple(
                FieldChoice(i, self.field_names.get(i, "?"), value, contains) for i, value, contains in filters.fields
            )
        )

    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def load_views(self, activate: int | None = None) -> None:
        found = self.desk.saved_views()
        self.app.call_from_thread(self.show_views, found, activate)

    def show_views(self, found: list[ViewRow], activate: int | None = None) -> None:
        tabs = self.query_one("#queue-tabs", Tabs)
        for tab in list(self.views):
            tabs.remove_tab(tab)
        self.views = {f"{VIEW_TAB}{view.id}": view for view in found}
        for tab in self.views:
            tabs.add_tab(Tab(data_content(self._view_label(tab), one_line=True), id=tab))
        if activate is not None:
            tabs.active = f"{VIEW_TAB}{activate}"
        elif self.queue.startswith(VIEW_TAB) and self.queue not in self.views:
            tabs.active = "mine"
        self.load_queue(first_page=True)

    def action_save_view(self) -> None:
        from screens.dialogs.save_view import SaveViewDialog

        current = self.views.get(self.queue)
        may_share = can(self.desk.actor, Action.SHARE_VIEWS)
        dialog = SaveViewDialog(current.name if current and current.mine else "", may_share)
        self.app.push_screen(dialog, self._view_named)

    def _view_named(self, choice: object) -> None:
        from screens.dialogs.save_view import ViewChoice

        if isinstance(choice, ViewChoice):
            self.save_view(choice.name, choice.shared, self._view_filters(), self.sort.value)

    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def save_view(self, name: str, shared: bool, filters: ViewFilters, sort: str) -> None:
        view_id = self.desk.save_view(name, filters, sort, shared)
        found = self.desk.saved_views()
        self.app.call_from_thread(self._view_saved, name, found, view_id)

    def _view_saved(self, name: str, found: list[ViewRow], view_id: int) -> None:
        self.notify(t("View {name!r} saved.", name=name))
        with self.prevent(Select.Changed):
            self.action_clear_filters()
        self.show_views(found, view_id)

    def action_delete_view(self) -> None:
        view = self.views.get(self.queue)
        if view is not None:
            self.delete_view(view.id, view.name)

    @work(thread=True, exclusive=True, group="views", exit_on_error=False)
    def delete_view(self, view_id: int, name: str) -> None:
        self.desk.delete_view(view_id)
        found = self.desk.saved_views()
        self.app.call_from_thread(self._view_deleted, name, found)

    def _view_deleted(self, name: str, found: list[ViewRow]) -> None:
        self.notify(t("View {name!r} deleted.", name=name))
        self.query_one("#queue-tabs", Tabs).active = "mine"
        self.show_views(found)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_view":
            return self.queue in self.views
        return super().check_action(action, parameters)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.load_queue(first_page=True)

    def action_queue(self, queue: str) -> None:
        self.query_one("#queue-tabs", Tabs).active = queue

    def action_refresh(self) -> None:
        self.load_queue()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._show_sort()
        self.load_queue(first_page=True)

    def action_clear_filters(self) -> None:
        for select in self.query("#filters Select").results(Select):
            select.clear()
        if self.field_choices:
            self._show_field_filter(())
            self.load_queue(first_page=True)

    # ---- the team's own fields ------------------------------------------------------------------------------

    def action_field_filter(self) -> None:
        ask_ticket_field(self, self._fielded)

    def _fielded(self, choice: FieldChoice | None) -> None:
        if choice is not None:
            kept = tuple(c for c in self.field_choices if c.field_id != choice.field_id)  # one value per field
            self._show_field_filter((*kept, choice))
            self.load_queue(first_page=True)

    def _show_field_filter(self, choices: tuple[FieldChoice, ...]) -> None:
        self.field_choices = choices
        label = self.query_one("#field-filter", Static)
        label.update(data_content(" · ".join(c.label() for c in choices), one_line=True))
        label.display = bool(choices)

    def _show_sort(self) -> None:
        label = t("Sorted by {sort}", sort=v(self.sort.value)) + "  (o)"
        if marked := len(self.query_one(TicketTable).selected):  # first: at 100 columns the sort may be cut off
            label = tn("{count} ticket selected", "{count} tickets selected", marked) + "  · " + label
        self.query_one("#sort-label", Static).update(label)

    @on(TicketTable.SelectionChanged)
    def _selection_changed(self) -> None:
        self._show_sort()

    @on(TicketTable.Opened)
    def _ticket_selected(self, event: TicketTable.Opened) -> None:
        self.post_message(OpenTicket(event.number))

    def came_back(self) -> None:
        # Back from a ticket or a customer: what we changed there shows here, with the cursor where it was.
        self.load_queue()

    # ---- caller lookup ------------------------------------------------------------------------------------

    def action_focus_lookup(self) -> None:
        self.lookup.focus_box()

    def action_clear_lookup(self) -> None:
        # Esc leaves the lookup for the queue, so 1–9, o, x and r act on the list instead of being typed.
        self.lookup.clear()
        self.query_one(TicketTable).focus()

    @on(CallerLookup.Active)
    def _lookup_active(self, event: CallerLookup.Active) -> None:
        self.query_one("#queues").display = not event.active  # the matches take the queues' place

    @on(CallerLookup.Chosen)
    def _caller_chosen(self, event: CallerLookup.Chosen) -> None:
        self.post_message(OpenCustomer(event.customer_id))

    def key_down(self) -> None:
        # From the lookup box (no matches showing), ↓ goes to the queue.
        if self.focused is self.lookup.box:
            self.query_one(TicketTable).focus()

    def action_new_customer(self) -> None:
        from screens.dialogs.customer_form import CustomerForm

        self.app.push_screen(CustomerForm.prefilled(self.lookup.box.value), self._customer_created)

    def _customer_created(self, customer_id: int | None) -> None:
        if customer_id is not None:
            self.post_message(OpenCustomer(customer_id))
