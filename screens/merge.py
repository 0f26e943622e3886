"""Duplicate customers: the likely pairs with their evidence, and the merge of one pair field by field."""

from datetime import date
from functools import partial
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker

from screens.base import AppScreen
from screens.safe_text import SafeDataTable, data_content, data_text
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.fields import Kind, Type, Use, fields_of
from supportdesk.i18n import N_, listing, t, v
from supportdesk.services.actor import Action, can
from supportdesk.services.merge import DuplicatePair, MergePreview, MergeResult

EVIDENCE_LABELS = {
    "same phone": N_("same phone"),
    "same e-mail": N_("same e-mail"),
    "same name and company": N_("same name and company"),
    "same name": N_("same name"),
    "same kana": N_("same kana"),
    "similar kana": N_("similar kana"),
}
# What the merge screen calls each field, and which it shows as words of a vocabulary: from the registry.
FIELD_LABELS = {f.name: f.label for f in fields_of(Kind.CUSTOMERS, Use.MERGE)}
_VOCABULARY_FIELDS = {f.name for f in fields_of(Kind.CUSTOMERS, Use.MERGE) if f.holds is Type.CHOICE}


class DuplicatesScreen(AppScreen[None]):
    """Pairs of customers that are probably one person, strongest evidence first; Enter compares and merges."""

    CSS_PATH = "merge.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back"), id="duplicates.back"),
        Binding("r", "reload", N_("Reload"), id="duplicates.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("Looking for duplicate customers…"), id="d-title")
        yield SafeDataTable(id="pairs", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#pairs", DataTable)
        for key, label in (("a", "Customer"), ("a_contact", "Phone / e-mail"), ("b", "Customer")):
            table.add_column(t(label), key=key)
        table.add_column(t("Phone / e-mail"), key="b_contact")
        table.add_column(t("Evidence"), key="evidence")
        table.focus()
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="duplicates", exit_on_error=False)
    def load(self) -> None:
        pairs = self.desk.find_duplicates()
        self.app.call_from_thread(self.show, pairs)

    def show(self, pairs: list[DuplicatePair]) -> None:
        self.pairs = pairs
        table = self.query_one("#pairs", DataTable)
        table.clear()
        for index, pair in enumerate(pairs):
            a, b = pair.a, pair.b
            table.add_row(
                f"#{a.id} {a.full_name}",
                a.phone or a.mobile or a.email or "",
                f"#{b.id} {b.full_name}",
                b.phone or b.mobile or b.email or "",
                listing(t(EVIDENCE_LABELS[e]) for e in pair.evidence),
                key=str(index),
            )
        title = t("{count} likely duplicate pairs · Enter compares and merges", count=len(pairs))
        self.query_one("#d-title", Static).update(title if pairs else t("No likely duplicates."))

    @on(DataTable.RowSelected, "#pairs")
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not can(self.desk.actor, Action.MERGE_CUSTOMERS):
            self.notify(t("Only a lead or an administrator can merge customers."), severity="warning")
            return
        pair = self.pairs[int(str(event.row_key.value))]
        self.app.push_screen(MergeScreen(pair.a.id, pair.b.id), lambda merged: self.action_reload() if merged else None)


class MergeScreen(AppScreen[bool]):
    """Both records side by side: pick A or B for each field, then merge B into A (dismisses with True)."""

    CSS_PATH = "merge.tcss"
    BINDINGS = [
        Binding("escape", "cancel", N_("Back"), id="merge.back"),
        Binding("a", "pick('A')", N_("Keep A's value"), id="merge.pick_a"),
        Binding("b", "pick('B')", N_("Keep B's value"), id="merge.pick_b"),
        Binding("x", "swap", N_("Keep the other record"), id="merge.swap"),
        Binding("ctrl+s", "merge", N_("Merge"), priority=True, id="merge.merge"),
    ]

    def __init__(self, keep_id: int, other_id: int) -> None:
        super().__init__()
        self.keep_id = keep_id
        self.other_id = other_id
        self.preview: MergePreview | None = None
        self.picks: dict[str, str] = {}
        self.confirming = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="m-title")
        yield SafeDataTable(id="fields", cursor_type="row")
        yield Static("", id="m-counts")
        yield Static(t("a / b picks a field's value · x keeps the other record · ctrl+s merges"), id="m-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#fields", DataTable)
        table.add_column(t("Field"), key="field", width=20)
        table.add_column("A", key="a", width=34)
        table.add_column("B", key="b", width=34)
        table.add_column(t("Keep"), key="keep", width=6)
        table.focus()
        self.load()

    def load(self) -> None:
        fetch(self, partial(self.desk.merge_preview, self.keep_id, self.other_id), self.show, group="merge")

    def _shown(self, name: str, value: Any, preview: MergePreview) -> str:
        if value is None or value == "":
            return "—"
        if name == "company_id":
            return preview.company_names.get(value, f"#{value}")
        if isinstance(value, bool):
            return t("yes") if value else t("no")
        if isinstance(value, date):
            return value.isoformat()
        return v(str(value)) if name in _VOCABULARY_FIELDS else str(value)

    def show(self, preview: MergePreview) -> None:
        self.preview = preview
        self.picks = {f.name: f.pick for f in preview.fields}
        self.confirming = False
        a, b = preview.a, preview.b
        self.query_one("#m-title", Static).update(
            data_content(
                t(
                    "Keep A #{a} {a_name} and merge B #{b} {b_name} into it",
                    a=a.id,
                    a_name=a.full_name,
                    b=b.id,
                    b_name=b.full_name,
                )
            )
        )
        table = self.query_one("#fields", DataTable)
        table.clear()
        for f in preview.fields:
            same = f.a == f.b
            style = "dim" if same else ""
            table.add_row(
                t(FIELD_LABELS[f.name]),
                data_text(self._shown(f.name, f.a, preview), style=style),
                data_text(self._shown(f.name, f.b, preview), style=style),
                self._mark(f.name),
                key=f.name,
            )
        self._show_counts()

    def _mark(self, name: str) -> Text:
        return Text("◀ A", style="bold green") if self.picks[name] == "A" else Text("B ▶", style="bold yellow")

    def _show_counts(self, warning: str = "") -> None:
        assert self.preview is not None
        (at, ap, asub), (bt, bp, bsub) = self.preview.a_counts, self.preview.b_counts
        text = t(
            "A has {at} tickets, {ap} purchases, {asub} subscriptions; B has {bt}, {bp}, {bsub}: B's move to A.",
            at=at,
            ap=ap,
            asub=asub,
            bt=bt,
            bp=bp,
            bsub=bsub,
        )
        self.query_one("#m-counts", Static).update(text + (f"\n{warning}" if warning else ""))

    def action_pick(self, side: str) -> None:
        table = self.query_one("#fields", DataTable)
        if self.preview is None or not table.row_count:
            return
        name = self.preview.fields[table.cursor_row].name
        self.picks[name] = side
        self.confirming = False
        table.update_cell(name, "keep", self._mark(name))
        self._show_counts()

    def action_swap(self) -> None:
        self.keep_id, self.other_id = self.other_id, self.keep_id
        self.load()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_merge(self) -> None:
        if self.preview is None:
            return
        if not self.confirming:
            # Merging cannot be undone from the desk: the first ctrl+s says what will happen, the second does it.
            self.confirming = True
            self._show_counts(
                t(
                    "Press ctrl+s again to merge B #{b} into A #{a}. This cannot be undone.",
                    a=self.keep_id,
                    b=self.other_id,
                )
            )
            return
        versions = (self.preview.a.version, self.preview.b.version)
        self.merge(self.keep_id, self.other_id, dict(self.picks), versions)

    def merge(self, keep_id: int, other_id: int, picks: dict[str, str], versions: tuple[int, int]) -> None:
        fetch(self, partial(self.desk.merge_customers, keep_id, other_id, picks, versions), self.merged, group="merge")

    def merged(self, result: MergeResult) -> None:
        self.notify(
            t(
                "Merged #{b} into #{a}: {tickets} tickets, {purchases} purchases, {subscriptions} subscriptions moved.",
                a=result.survivor,
                b=result.merged,
                tickets=result.tickets,
                purchases=result.purchases,
                subscriptions=result.subscriptions,
            ),
            timeout=8,
        )
        self.dismiss(True)

    def worker_failed(self, worker: Worker[object]) -> None:
        self.confirming = False
        super().worker_failed(worker)
