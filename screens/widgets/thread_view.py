"""A ticket's thread: messages, replies, notes and calls as cards; status, assignment and field changes as one
line each, in the user's language. Text from people is shown as text (never markup).

`show(entries)` appends only what is new when the thread grew (a colleague's reply arriving while the agent reads),
so a live update neither rebuilds the thread nor moves the reader's place unless they were at the end.
"""

from collections.abc import Sequence

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Collapsible, Static

from screens.formatting import duration, local
from supportdesk.i18n import N_, t, v
from supportdesk.services.entry_display import change_line, entry_body
from supportdesk.services.mail_display import attachment_line, mail_line, split_quoted
from supportdesk.services.readmodels import EntryView
from supportdesk.untrusted import visible

KIND_LABELS = {
    "customer_message": N_("Customer message"),
    "reply": N_("Reply"),
    "internal_note": N_("Internal note"),
    "call_log": N_("Call"),
    "status_change": N_("Status change"),
    "assignment": N_("Assignment"),
    "field_change": N_("Field change"),
    "automation": N_("Automation"),
}


def entry_heading(entry: EntryView) -> str:
    who = t("customer") if entry.kind == "customer_message" else (entry.author_name or "—")
    if entry.kind == "customer_message" and entry.channel:  # entered by hand: how it came, and when
        who = f"{who} · {v(entry.channel)}"
        if entry.received_at is not None:
            who += " · " + t("received {time}", time=local(entry.received_at, "%Y-%m-%d %H:%M"))
    label = t(KIND_LABELS.get(entry.kind, entry.kind))
    if entry.kind == "status_change":
        label = (
            f"{label} {v(entry.from_status)} → {v(entry.to_status)}"
            if entry.from_status
            else f"{label} → {v(entry.to_status)}"
        )
    elif entry.changes:
        label = f"{label}: " + ", ".join(change_line(c) for c in entry.changes)
    if entry.kind == "call_log":
        label = f"{label} {duration(entry.call_duration_seconds)}"
    if entry.rule:  # a trigger or macro wrote it: name the rule (a lead's words, shown as text)
        by_rule = t("rule {rule}", rule=visible(entry.rule, one_line=True))
        label = f"{label} · {by_rule}"
    return f"{label} · {who} · {local(entry.created_at, '%Y-%m-%d %H:%M')}"


def entry_widgets(entry: EntryView) -> list[Widget]:
    """An entry of the thread; for mail, who wrote to whom, its files and delivery, the quoted history folded."""
    text, history = split_quoted(entry_body(entry)) if entry.mail is not None else (entry_body(entry), "")
    # The heading names people and quotes changed values (a subject): shown as text like the body.
    lines: list[str | tuple[str, str]] = [(visible(entry_heading(entry), one_line=True), "bold")]
    if entry.mail is not None:
        lines += ["\n", (visible(mail_line(entry.mail), one_line=True), "dim")]
    if text:
        lines += ["\n", visible(text)]
    for file in entry.attachments:
        lines += ["\n", (f"📎 {visible(attachment_line(file), one_line=True)}", "italic")]
    state = entry.mail.state if entry.mail is not None else None
    widgets: list[Widget] = [Static(Text.assemble(*lines), classes=f"entry {entry.kind} mail-{state or 'none'}")]
    if history:
        count = history.count("\n") + 1
        widgets.append(
            Collapsible(
                Static(Text(visible(history)), classes="quoted-text"),
                title=t("Quoted history ({count} lines)", count=count),
                collapsed=True,
                classes="quoted",
            )
        )
    return widgets


class ThreadView(VerticalScroll):
    DEFAULT_CSS = """
    ThreadView {
        height: 1fr;
        padding: 0 1;
    }
    ThreadView .entry {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: thick $primary;
    }
    ThreadView .entry.customer_message {
        border-left: thick $accent;
    }
    ThreadView .entry.internal_note {
        background: $warning 15%;
        border-left: thick $warning;
    }
    ThreadView .entry.call_log {
        border-left: thick $success;
    }
    ThreadView .entry.status_change, ThreadView .entry.assignment, ThreadView .entry.field_change,
    ThreadView .entry.automation {
        color: $text-muted;
        border-left: thick $secondary;
        margin: 0;
    }
    ThreadView .entry.assignment {
        color: $text;
    }
    ThreadView .quoted {
        margin: 0 0 1 2;
        padding: 0;
        border: none;
    }
    ThreadView .mail-failed, ThreadView .mail-bounced, ThreadView .mail-unconfirmed {
        border-left: thick $error;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown_ids: list[int] = []

    def clear(self) -> None:
        self.remove_children()
        self.shown_ids = []

    def show(self, entries: Sequence[EntryView]) -> None:
        ids = [e.id for e in entries]
        at_end = self.is_vertical_scroll_end or not self.shown_ids
        if self.shown_ids and ids[: len(self.shown_ids)] == self.shown_ids:
            fresh = list(entries[len(self.shown_ids) :])  # the thread grew: add only the new entries
        else:
            self.remove_children()
            fresh = list(entries)
        self.shown_ids = ids
        widgets = [w for e in fresh for w in entry_widgets(e)]
        if not entries:
            widgets = [Static(t("No messages yet."), classes="entry")]
        if widgets:
            self.mount_all(widgets)
        if at_end:
            self.call_after_refresh(self.scroll_end, animate=False)
