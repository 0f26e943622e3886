"""The ticket workspace: header, the thread, the customer beside it, and the composer below.

Every change is sent with the version on screen. If a colleague changed the ticket meanwhile the service refuses
it (Conflict): the screen says so, reloads the ticket and leaves the draft in the composer.
"""

import time
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Collapsible,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.worker import Worker

from screens.base import AppScreen, describe_error
from screens.dialogs.assign import AssignChoice, AssignDialog
from screens.dialogs.attachments import AttachmentDialog, downloads_folder
from screens.dialogs.canned import CannedDialog
from screens.dialogs.fields import FieldsChoice, FieldsDialog
from screens.dialogs.status import StatusChoice, StatusDialog
from screens.formatting import duration, local, yen
from screens.messages import OpenCase, OpenCustomer, TicketChanged
from supportdesk.errors import Conflict
from supportdesk.i18n import N_, t, v
from supportdesk.services.mail_display import attachment_line, mail_line, split_quoted
from supportdesk.services.readmodels import EntryView, TicketDetail
from supportdesk.services.search import CaseHit
from supportdesk.services.tickets import REASON_CUSTOMER_REPLIED, REASON_FIRST_RESPONSE
from supportdesk.untrusted import visible

KINDS = ("reply", "internal_note", "call_log")
SYSTEM_REASONS = {REASON_FIRST_RESPONSE: N_("First response"), REASON_CUSTOMER_REPLIED: N_("The customer replied")}
KIND_LABELS = {
    "customer_message": N_("Customer message"),
    "reply": N_("Reply"),
    "internal_note": N_("Internal note"),
    "call_log": N_("Call"),
    "status_change": N_("Status change"),
    "assignment": N_("Assignment"),
    "field_change": N_("Field change"),
}
PLACEHOLDERS = {
    "reply": N_("Write a reply…"),
    "internal_note": N_("Write an internal note (not sent to the customer)…"),
    "call_log": N_("What was said on the call…"),
}


def entry_heading(entry: EntryView) -> str:
    who = t("customer") if entry.kind == "customer_message" else (entry.author_name or "—")
    label = t(KIND_LABELS.get(entry.kind, entry.kind))
    if entry.kind == "status_change":
        label = (
            f"{label} {v(entry.from_status)} → {v(entry.to_status)}"
            if entry.from_status
            else f"{label} → {v(entry.to_status)}"
        )
    if entry.kind == "call_log":
        label = f"{label} {duration(entry.call_duration_seconds)}"
    return f"{label} · {who} · {local(entry.created_at, '%Y-%m-%d %H:%M')}"


def entry_body(entry: EntryView) -> str:
    """The entry's text; the reasons the desk writes itself are shown in the UI language."""
    if entry.kind == "status_change" and entry.body in SYSTEM_REASONS:
        return t(SYSTEM_REASONS[entry.body])
    return entry.body or ""


def entry_widgets(entry: EntryView) -> list[Widget]:
    """An entry of the thread; for mail, who wrote to whom, its files and delivery, the quoted history folded."""
    text, history = split_quoted(entry_body(entry)) if entry.mail is not None else (entry_body(entry), "")
    lines: list[str | tuple[str, str]] = [(entry_heading(entry), "bold")]
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


class TicketScreen(AppScreen[None]):
    CSS_PATH = "ticket_view.tcss"
    BINDINGS = [
        Binding("escape", "back", t("Back"), id="ticket.back"),
        Binding("ctrl+s", "send", t("Send"), priority=True, id="ticket.send"),
        Binding("f2", "cycle_kind", t("Kind"), priority=True, id="ticket.kind"),
        Binding("f3", "toggle_timer", t("Call timer"), priority=True, id="ticket.timer"),
        Binding("f4", "canned", t("Canned"), priority=True, id="ticket.canned"),
        Binding("f5", "status", t("Status"), priority=True, id="ticket.status"),
        Binding("f6", "assign", t("Assign"), priority=True, id="ticket.assign"),
        Binding("f7", "fields", t("Fields"), priority=True, id="ticket.fields"),
        Binding("f8", "open_customer", t("Customer"), priority=True, id="ticket.customer"),
        Binding("ctrl+r", "reload", t("Reload"), priority=True, id="ticket.reload"),
        Binding("ctrl+o", "save_file", t("Save file"), priority=True, id="ticket.save_file"),
    ]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.detail: TicketDetail | None = None
        self.kind = "reply"
        self.timer_started: float | None = None
        self.timer_seconds: int | None = None
        self._similar_for: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"#{self.number} " + t("Loading…"), id="ticket-header")
        with Horizontal(id="ticket-body"):
            with Vertical(id="main"):
                yield VerticalScroll(id="thread")
                with Vertical(id="composer"):
                    with Horizontal(id="composer-bar"):
                        with RadioSet(id="kind"):
                            for kind in KINDS:
                                yield RadioButton(t(KIND_LABELS[kind]), value=kind == "reply", id=f"kind-{kind}")
                        yield Checkbox(t("Send by mail"), id="send-by-mail")
                        yield Label(t("Call minutes"), id="minutes-label")
                        yield Input("", id="minutes", restrict=r"[0-9.]*")
                        yield Static("", id="timer")
                    yield TextArea(id="draft", placeholder=t(PLACEHOLDERS["reply"]))
            with VerticalScroll(id="side"):
                yield Static("", id="customer-card")
                yield Static("", id="purchase-card")
                yield Static(t("Similar past cases"), classes="section", id="similar-title")
                yield OptionList(id="similar")
        yield Footer(compact=True)  # the workspace has many keys; all fit at 120 columns

    def on_mount(self) -> None:
        draft = self.desk_app.drafts.get(self.number)
        if draft:
            self.query_one("#draft", TextArea).text = draft
        self._show_kind()
        self.load()
        self.query_one("#draft", TextArea).focus()

    # ---- loading ------------------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="ticket", exit_on_error=False)
    def load(self) -> None:
        detail = self.desk.get_ticket(self.number)
        self.app.call_from_thread(self.show, detail)

    def show(self, detail: TicketDetail) -> None:
        self.detail = detail
        r = detail.row
        header = Text.assemble(
            (f"#{r.number} ", "bold"),
            (r.subject, "bold"),
            "\n",
            (v(r.status), "bold reverse"),
            "  "
            + t("priority")
            + f" {v(r.priority)} · {v(r.inquiry_type)} · {v(r.channel)} · "
            + t("assignee")
            + f" {r.assignee_name or '—'} · "
            + t("team")
            + f" {r.team or '—'} · "
            + t("due")
            + f" {local(r.resolution_due)}"
            + (" · " + t("follow up") + f" {r.follow_up_on}" if r.follow_up_on else ""),
        )
        self.query_one("#ticket-header", Static).update(header)
        c = detail.customer
        card = [
            f"[b]{c.full_name}[/b]",
            c.name_kana,
            c.company_name,
            c.department,
            c.phone or c.mobile,
            c.email,
            t("Rank") + f": {v(c.rank)}",
        ]
        self.query_one("#customer-card", Static).update("\n".join(line for line in card if line))
        purchase = ""
        if detail.purchase:
            p = detail.purchase
            purchase = (
                "[b]" + t("Linked purchase") + f"[/b]\n{p.product_name}\n{p.product_sku}\n"
                f"{p.purchased_on} ×{p.quantity} {yen(p.amount)}" + (f"\n{p.order_ref}" if p.order_ref else "")
            )
        self.query_one("#purchase-card", Static).update(purchase)
        thread = self.query_one("#thread", VerticalScroll)
        thread.remove_children()
        widgets = [w for e in detail.entries for w in entry_widgets(e)] or [
            Static(t("No messages yet."), classes="entry")
        ]
        thread.mount_all(widgets)
        self._show_mail_choice()
        thread.scroll_end(animate=False)
        if self._similar_for != detail.number:
            self.load_similar()

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def load_similar(self) -> None:
        """How the same problem was answered before (more-like-this on this ticket's text)."""
        self._similar_for = self.number
        cases = [c for c in self.desk.similar_cases(self.number, limit=6) if c.hit.ticket_id != self.number][:5]
        self.app.call_from_thread(self._show_similar, cases)

    def _show_similar(self, cases: list[CaseHit]) -> None:
        options = self.query_one("#similar", OptionList)
        options.clear_options()
        options.add_options(
            [Option(f"#{c.hit.ticket_id} {c.hit.subject} ({v(c.hit.status)})", id=str(c.hit.ticket_id)) for c in cases]
        )
        self.query_one("#similar-title").display = bool(cases)
        options.display = bool(cases)

    @on(OptionList.OptionSelected, "#similar")
    def _open_similar(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenCase(int(event.option.id)))

    # ---- composer -----------------------------------------------------------------------------------------

    @on(TextArea.Changed, "#draft")
    def _keep_draft(self, event: TextArea.Changed) -> None:
        # Drafts live on the app, so leaving the ticket or a reload never loses what the agent typed.
        self.desk_app.drafts[self.number] = event.text_area.text

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        self.kind = KINDS[event.index]
        self._show_kind()

    def action_cycle_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.query_one(f"#kind-{self.kind}", RadioButton).value = True
        self._show_kind()

    def _show_kind(self) -> None:
        call = self.kind == "call_log"
        self.query_one("#minutes-label").display = call
        self.query_one("#minutes").display = call
        self.query_one("#draft", TextArea).placeholder = t(PLACEHOLDERS[self.kind])
        self.set_class(self.kind == "internal_note", "noting")
        self._show_mail_choice()

    def action_toggle_timer(self) -> None:
        if self.timer_started is None:
            self.timer_started = time.monotonic()
            self.timer_seconds = None
            self._timer = self.set_interval(1, self._tick)
            self._tick()
            return
        self.timer_seconds = int(time.monotonic() - self.timer_started)
        self.timer_started = None
        self._timer.stop()
        self.query_one("#timer", Static).update(
            t("Call timer stopped at {elapsed}", elapsed=duration(self.timer_seconds))
        )
        self.query_one("#minutes", Input).value = f"{self.timer_seconds / 60:.1f}"
        if self.kind != "call_log":
            self.kind = "call_log"
            self.query_one("#kind-call_log", RadioButton).value = True
            self._show_kind()

    def _tick(self) -> None:
        if self.timer_started is not None:
            elapsed = int(time.monotonic() - self.timer_started)
            self.query_one("#timer", Static).update(t("Timer running {elapsed}", elapsed=duration(elapsed)))

    def action_send(self) -> None:
        if self.detail is None:
            return
        body = self.query_one("#draft", TextArea).text
        kwargs: dict[str, Any] = {}
        if self.kind == "call_log":
            try:
                kwargs["call_duration_seconds"] = round(float(self.query_one("#minutes", Input).value or "nan") * 60)
            except ValueError:
                kwargs["call_duration_seconds"] = None
        if self.kind == "reply" and self._by_mail():
            self._change(lambda version: self.desk.reply_by_mail(self.number, body, expected_version=version).version,
                         clears_draft=True, sends_mail=True)  # fmt: skip
            return
        self._change(
            lambda version: self.desk.add_entry(self.number, self.kind, body, expected_version=version, **kwargs),
            clears_draft=True,
        )

    # ---- mail ---------------------------------------------------------------------------------------------

    def _mail_possible(self) -> bool:
        detail = self.detail
        return detail is not None and (detail.row.channel == "email" or bool(detail.customer.email))

    def _by_mail(self) -> bool:
        box = self.query_one("#send-by-mail", Checkbox)
        return box.display and box.value

    def _show_mail_choice(self) -> None:
        """ "Send by mail" for replies where the customer can be written to; on by default for mail tickets."""
        box = self.query_one("#send-by-mail", Checkbox)
        shown = self.kind == "reply" and self._mail_possible()
        if shown and not box.display and self.detail is not None:
            box.value = self.detail.row.channel == "email"
        box.display = shown

    @work(thread=True, exclusive=True, group="deliver", exit_on_error=False)
    def deliver(self) -> None:
        """Hand the queued reply to the mail server now (the queue keeps it if that fails)."""
        report = self.desk.deliver_mail()
        self.app.call_from_thread(self.load)
        if report.answers:
            self.app.call_from_thread(self.notify, "\n".join(visible(a) for a in report.answers), severity="warning")

    def action_save_file(self) -> None:
        files = [f for e in (self.detail.entries if self.detail else ()) for f in e.attachments if f.kept]
        if not files:
            self.notify(t("This ticket has no files."))
            return
        self.app.push_screen(AttachmentDialog(files), self._save_chosen)

    def _save_chosen(self, attachment_id: int | None) -> None:
        if attachment_id is not None:
            self.save_file(attachment_id)

    @work(thread=True, exclusive=True, group="save-file", exit_on_error=False)
    def save_file(self, attachment_id: int) -> None:
        folder = downloads_folder()
        path = self.desk.save_attachment(self.number, attachment_id, folder)
        self.app.call_from_thread(self.notify, t("Saved to {path}", path=str(path)))

    # ---- ticket actions -----------------------------------------------------------------------------------

    def _change(self, call: Callable[[int], int], clears_draft: bool = False, sends_mail: bool = False) -> None:
        if self.detail is None:
            return
        self.run_change(call, self.detail.version, clears_draft, sends_mail)

    @work(thread=True, exclusive=True, group="change", exit_on_error=False)
    def run_change(self, call: Callable[[int], int], version: int, clears_draft: bool, sends_mail: bool) -> bool:
        call(version)
        if sends_mail and self.desk.settings.mail.smtp_host:
            self.app.call_from_thread(self.deliver)
        return clears_draft

    def worker_failed(self, worker: Worker[object]) -> None:
        if isinstance(worker.error, Conflict):
            self.notify(
                describe_error(worker.error) + "\n" + t("Your draft is kept; the ticket was reloaded."),
                severity="warning",
                timeout=10,
            )
            self.load()
            return
        super().worker_failed(worker)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.worker.group == "change" and event.worker.is_finished and event.worker.error is None:
            if event.worker.result:
                self.query_one("#draft", TextArea).text = ""
                self.desk_app.drafts.pop(self.number, None)
                self.timer_seconds = None
                self.query_one("#timer", Static).update("")
                self.query_one("#minutes", Input).value = ""
                if self.kind == "call_log":
                    self.kind = "reply"
                    self.query_one("#kind-reply", RadioButton).value = True
                    self._show_kind()
            self.notify(t("Saved."), timeout=2)
            self.post_message(TicketChanged(self.number))
            self.load()

    def action_canned(self) -> None:
        if self.detail is None:
            return
        d = self.detail
        values = {
            "customer_name": d.customer.full_name,
            "company": d.customer.company_name,
            "product": d.purchase.product_name if d.purchase else None,
            "ticket_number": d.number,
            "agent_name": self.desk.actor.name,
        }
        self.app.push_screen(CannedDialog(values), self._insert_canned)

    def _insert_canned(self, text: str | None) -> None:
        if text:
            draft = self.query_one("#draft", TextArea)
            draft.insert(text)
            draft.focus()

    def action_status(self) -> None:
        if self.detail is not None:
            d = self.detail
            self.app.push_screen(StatusDialog(d.number, d.row.status, d.allowed_next), self._status_chosen)

    def _status_chosen(self, choice: StatusChoice | None) -> None:
        if choice is not None:
            self._change(
                lambda version: self.desk.change_status(
                    self.number,
                    choice.status,
                    reason=choice.reason,
                    follow_up_on=choice.follow_up_on,
                    expected_version=version,
                )
            )

    def action_assign(self) -> None:
        if self.detail is not None:
            self.pick_assignee()

    @work(thread=True, exclusive=True, group="users", exit_on_error=False)
    def pick_assignee(self) -> None:
        users = self.desk.users()
        assert self.detail is not None
        row = self.detail.row
        current = next((u.id for u in users if u.login == row.assignee_login), None)
        self.app.call_from_thread(
            self.app.push_screen, AssignDialog(self.number, users, current, row.team), self._assigned
        )

    def _assigned(self, choice: AssignChoice | None) -> None:
        if choice is not None:
            self._change(
                lambda version: self.desk.assign(
                    self.number, choice.assignee_id, team=choice.team, expected_version=version
                )
            )

    def action_fields(self) -> None:
        if self.detail is not None:
            self.pick_fields()

    @work(thread=True, exclusive=True, group="purchases", exit_on_error=False)
    def pick_fields(self) -> None:
        assert self.detail is not None
        d = self.detail
        purchases = self.desk.purchases(d.customer.id)
        dialog = FieldsDialog(
            d.number, d.row.priority, d.row.inquiry_type, d.purchase.id if d.purchase else None, purchases
        )
        self.app.call_from_thread(self.app.push_screen, dialog, self._fields_chosen)

    def _fields_chosen(self, choice: FieldsChoice | None) -> None:
        if choice is None or self.detail is None:
            return
        unlink = choice.purchase_id is None and self.detail.purchase is not None
        self._change(
            lambda version: self.desk.update_ticket(
                self.number,
                priority=choice.priority,
                inquiry_type=choice.inquiry_type,
                purchase_id=choice.purchase_id,
                unlink_purchase=unlink,
                expected_version=version,
            )
        )

    def action_open_customer(self) -> None:
        if self.detail is not None:
            self.post_message(OpenCustomer(self.detail.customer.id))

    def action_back(self) -> None:
        self.app.pop_screen()
