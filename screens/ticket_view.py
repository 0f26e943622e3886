"""One ticket: its header and the whole thread in order."""

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from screens.base import DeskScreen
from screens.formatting import duration, local
from supportdesk.services.readmodels import EntryView, TicketDetail

KIND_LABELS = {
    "customer_message": "Customer",
    "reply": "Reply",
    "internal_note": "Internal note",
    "call_log": "Call",
    "status_change": "Status",
}


def entry_heading(entry: EntryView) -> str:
    who = "customer" if entry.kind == "customer_message" else (entry.author_name or "—")
    label = KIND_LABELS.get(entry.kind, entry.kind)
    if entry.kind == "status_change":
        label = f"{label} {entry.from_status or ''} → {entry.to_status}"
    if entry.kind == "call_log":
        label = f"{label} {duration(entry.call_duration_seconds)}"
    return f"{label} · {who} · {local(entry.created_at, '%Y-%m-%d %H:%M')}"


class TicketScreen(DeskScreen[None]):
    CSS_PATH = "ticket_view.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="ticket.back"),
        Binding("r", "reload", "Reload", id="ticket.reload"),
    ]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.detail: TicketDetail | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"#{self.number} loading…", id="ticket-header")
        with Horizontal(id="ticket-body"):
            yield VerticalScroll(id="thread")
            yield Static("", id="customer-card")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="ticket", exit_on_error=False)
    def load(self) -> None:
        detail = self.app.desk.get_ticket(self.number)  # type: ignore[attr-defined]
        self.app.call_from_thread(self.show, detail)

    def show(self, detail: TicketDetail) -> None:
        self.detail = detail
        r = detail.row
        header = Text.assemble(
            (f"#{r.number} ", "bold"),
            (r.subject, "bold"),
            "\n",
            f"{r.status} · priority {r.priority} · {r.inquiry_type} · {r.channel} · "
            f"assignee {r.assignee_name or '—'} · team {r.team or '—'} · "
            f"due {local(r.resolution_due)}" + (f" · follow up {r.follow_up_on}" if r.follow_up_on else ""),
        )
        self.query_one("#ticket-header", Static).update(header)
        c = detail.customer
        card = [
            f"[b]{c.full_name}[/b]",
            c.name_kana or "",
            c.company_name or "",
            c.phone or c.mobile or "",
            c.email or "",
            f"rank {c.rank}",
        ]
        if detail.purchase:
            p = detail.purchase
            card += ["", "[b]Purchase[/b]", p.product_name, f"{p.purchased_on} ×{p.quantity} ¥{p.amount:,}"]
        self.query_one("#customer-card", Static).update("\n".join(line for line in card if line is not None))
        thread = self.query_one("#thread", VerticalScroll)
        thread.remove_children()
        widgets = []
        for entry in detail.entries:
            body = entry.body or ""
            widget = Static(Text.assemble((entry_heading(entry), "bold"), "\n", body), classes=f"entry {entry.kind}")
            widgets.append(widget)
        if not widgets:
            widgets.append(Static("No messages yet.", classes="entry"))
        thread.mount_all(widgets)
        thread.scroll_end(animate=False)
