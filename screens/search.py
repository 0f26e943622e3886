"""Full-text search of past cases: type-ahead, ranked hits with highlighted snippets, filters as fields."""

import re
from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
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


def hit_text(case: CaseHit) -> Text:
    """One result as the agent reads it: number, subject, status, type and customer, then its snippets."""
    hit = case.hit
    title = Text.assemble(
        (f"#{hit.ticket_id} ", "bold"),
        (shown(hit.subject, one_line=True), "bold"),
        (f"  {v(hit.status)} · {v(hit.inquiry_type)} · {shown(case.customer_name, one_line=True)}", "dim"),
    )
    return safe_text(Text("\n").join([title, *(snippet_text(s) for s in hit.snippets)]))


class HitList(OptionList):
    """The ranked results: one widget drawing every hit as lines of text. A widget per hit (a ListItem holding a
    Static, styled and laid out one by one) was most of a search's time in the app (bench/bench_app.py)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)  # prompts are Text built from data; never read as markup

    def show_hits(self, cases: Sequence[CaseHit]) -> None:
        options: list[Option | None] = []
        for case in cases:
            if options:
                options.append(None)  # a rule between two hits
            options.append(Option(hit_text(case), id=str(case.hit.ticket_id)))
        with self.app.batch_update():
            self.clear_options()
            self.add_options(options)
            self.highlighted = None

    @property
    def numbers(self) -> list[int]:
        """The tickets listed, best first."""
        return [int(option.id) for option in self.options if option.id]

    @property
    def chosen(self) -> int | None:
        """The highlighted hit's ticket, else the best one's."""
        option = self.highlighted_option
        if option is not None and option.id:
            return int(option.id)
        numbers = self.numbers
        return numbers[0] if numbers else None


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
        yield HitList(id="hits")
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
        hits = self.query_one("#hits", HitList)
        message = self.query_one("#search-hint", Static)
        summary = self.query_one("#search-summary", Static)
        if result is None:
            summary.update("")
            hits.show_hits([])
            # A query error quotes what was typed.
            message.update(data_content(hint) if hint else t("Type to search every past case."))
            message.set_class(bool(hint), "error")
            message.display = True
            return
        if result.total_exact:
            summary.update(t("{total} cases match", total=f"{result.total:,}"))
        else:
            summary.update(t("More than {total} cases match", total=f"{result.total:,}"))
        hits.show_hits(result.hits)
        message.display = not result.hits
        message.set_class(False, "error")
        message.update(t("No past case matches. Try fewer words or another spelling.") if not result.hits else "")

    @on(Input.Submitted, "#query")
    def _open_top(self) -> None:
        """Enter in the search box opens the best match (the highlighted one, if the agent moved there)."""
        chosen = self.query_one("#hits", HitList).chosen
        if chosen is not None:
            self.post_message(OpenTicket(chosen))

    def _to_results(self) -> None:
        hits = self.query_one("#hits", HitList)
        if hits.option_count:
            hits.highlighted = 0
            hits.focus()

    def key_down(self) -> None:
        if self.focused is self.query_one("#query", Input):
            # After this key is done: moved now, the list would take the same ↓ and skip the first result.
            self.call_after_refresh(self._to_results)

    @on(OptionList.OptionSelected, "#hits")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenTicket(int(event.option.id)))
