"""Full-text search of past cases: type-ahead, ranked hits with highlighted snippets, filters as fields."""

import re

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Header, Input, ListItem, ListView, Select, Static
from textual.worker import get_current_worker

from screens.base import AppScreen
from screens.messages import OpenTicket
from screens.safe_text import SafeInput, data_content, safe_text, shown
from screens.widgets.key_bar import KeyBar
from search_index import QueryError, Snippet
from supportdesk.i18n import N_, t, v
from supportdesk.models.enums import InquiryType, Status
from supportdesk.services.search import CaseHit, CaseSearch

RESULTS = 30


def snippet_text(snippet: Snippet) -> Text:
    """A snippet with its matches highlighted."""
    text = Text(f"{v(snippet.kind)}: ", style="dim")
    for part, hit in snippet.segments:
        text.append(shown(re.sub(r"\s+", " ", part), one_line=True), style="bold black on yellow" if hit else "")
    return text


def compose_query(typed: str, status: object, inquiry_type: object, exemplary: bool) -> str:
    """The text query plus the filter fields, in the same syntax a person could type."""
    parts = [typed.strip()]
    if isinstance(status, str):
        parts.append(f"status:{status}")
    if isinstance(inquiry_type, str):
        parts.append(f"type:{inquiry_type}")
    if exemplary:
        parts.append("is:exemplary")
    return " ".join(p for p in parts if p)


class HitItem(ListItem):
    def __init__(self, case: CaseHit) -> None:
        hit = case.hit
        title = Text.assemble(
            (f"#{hit.ticket_id} ", "bold"),
            (shown(hit.subject, one_line=True), "bold"),
            (f"  {v(hit.status)} · {v(hit.inquiry_type)} · {shown(case.customer_name, one_line=True)}", "dim"),
        )
        lines = [title, *(snippet_text(s) for s in hit.snippets)]
        super().__init__(Static(safe_text(Text("\n").join(lines))))
        self.number = hit.ticket_id


class SearchScreen(AppScreen[None]):
    CSS_PATH = "search.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="search.back"),
        Binding("ctrl+l", "focus_query", N_("Search"), priority=True, id="search.focus"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.shown_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SafeInput(
            self.initial,
            placeholder=t('Search past cases: words, "phrases", OR, -exclude, status:, type:, created:>2026-01-01'),
            id="query",
        )
        with Horizontal(id="search-filters"):
            yield Select([(v(s), s.value) for s in Status], prompt=t("Any status"), id="s-status", compact=True)
            yield Select([(v(i), i.value) for i in InquiryType], prompt=t("Any type"), id="s-type", compact=True)
            yield Checkbox(t("Exemplary only"), id="s-exemplary", compact=True)
            yield Static("", id="search-summary")
        yield ListView(id="hits")
        yield Static(t("Type to search every past case."), id="search-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        if self.initial:
            self.run_search()

    def reopen(self, query: str = "") -> None:
        """This screen, closed, on a new search: the app keeps one search screen (composing it was most of the time
        of a search, bench/bench_app.py). Called before the app shows it again; it starts as a new one would, with
        `query` typed and no filters."""
        self.initial = query
        with self.app.batch_update(), self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            self.show(None, "")
            self.query_one("#query", Input).value = query
            self.query_one("#s-status", Select).clear()
            self.query_one("#s-type", Select).clear()
            self.query_one("#s-exemplary", Checkbox).value = False
        self.shown_for = None
        self.action_focus_query()
        if query:
            self.run_search()

    def action_focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    def current_query(self) -> str:
        return compose_query(
            self.query_one("#query", Input).value,
            self.query_one("#s-status", Select).value,
            self.query_one("#s-type", Select).value,
            self.query_one("#s-exemplary", Checkbox).value,
        )

    @on(Input.Changed, "#query")
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def run_search(self) -> None:
        query = self.current_query()
        if not query:
            self.show(None, "")
            return
        self.search(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, query: str) -> None:
        try:
            result = self.desk.search_cases(query, limit=RESULTS)
        except QueryError as exc:
            self.app.call_from_thread(self.show, None, t(exc.template, **exc.params))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, result, "")

    def show(self, result: CaseSearch | None, hint: str) -> None:
        self.shown_for = self.query_one("#query", Input).value  # what the hits shown answer (bench_app waits on it)
        hits = self.query_one("#hits", ListView)
        hits.clear()
        message = self.query_one("#search-hint", Static)
        summary = self.query_one("#search-summary", Static)
        if result is None:
            summary.update("")
            # A query error quotes what was typed.
            message.update(data_content(hint) if hint else t("Type to search every past case."))
            message.set_class(bool(hint), "error")
            message.display = True
            return
        if result.total_exact:
            summary.update(t("{total} cases match", total=f"{result.total:,}"))
        else:
            summary.update(t("More than {total} cases match", total=f"{result.total:,}"))
        for case in result.hits:
            hits.append(HitItem(case))
        message.display = not result.hits
        message.set_class(False, "error")
        message.update(t("No past case matches. Try fewer words or another spelling.") if not result.hits else "")

    @on(Input.Submitted, "#query")
    def _open_top(self) -> None:
        """Enter in the search box opens the best match (the highlighted one, if the agent moved there)."""
        hits = self.query_one("#hits", ListView)
        chosen = hits.highlighted_child or (hits.children[0] if hits.children else None)
        if isinstance(chosen, HitItem):
            self.post_message(OpenTicket(chosen.number))

    def _to_results(self) -> None:
        hits = self.query_one("#hits", ListView)
        if hits.children:
            hits.index = 0
            hits.focus()

    def key_down(self) -> None:
        if self.focused is self.query_one("#query", Input):
            # After this key is done: moved now, the list would take the same ↓ and skip the first result.
            self.call_after_refresh(self._to_results)

    @on(ListView.Selected, "#hits")
    def _open(self, event: ListView.Selected) -> None:
        if isinstance(event.item, HitItem):
            self.post_message(OpenTicket(event.item.number))
