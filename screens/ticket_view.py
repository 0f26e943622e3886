"""The ticket workspace: header, the thread, the customer beside it, and the composer below.

The screen assembles widgets (ThreadView, CustomerCard, Composer) and does the desk work for them through
`screens.workers.fetch`. It is live: every few seconds a heartbeat tells the desk this agent has the ticket open
(and is typing) and answers with the ticket's version and who else is on it, so a colleague's change appears
without a reload and "鈴木さんが閲覧中 / 入力中" shows above the thread. Every change is sent with the version on
screen; if a colleague got there first the service refuses it (Conflict) and one notice names them in local time,
the ticket reloads, and the draft (kept in the database) and any dialog's inputs are kept.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from screens.base import AppScreen, describe_error
from screens.dialogs.assign import AssignChoice, AssignDialog
from screens.dialogs.attachments import AttachmentDialog, downloads_folder
from screens.dialogs.canned import CannedChoice, CannedDialog
from screens.dialogs.fields import FieldsChoice, FieldsDialog
from screens.dialogs.links import LinkChoice, LinkDialog
from screens.dialogs.macros import MacroDialog
from screens.dialogs.status import StatusChoice, StatusDialog
from screens.dialogs.tags import TagChange, TagsDialog, records_lines
from screens.formatting import local
from screens.messages import OpenCase, OpenCustomer, TicketChanged
from screens.safe_text import data_text, safe_text, shown
from screens.widgets.composer import Composer, received_moment
from screens.widgets.customer_card import CustomerCard
from screens.widgets.key_bar import KeyBar
from screens.widgets.thread_view import ThreadView
from screens.workers import fetch
from supportdesk import clock
from supportdesk.errors import Conflict, Invalid, NotAllowed
from supportdesk.i18n import N_, t, v
from supportdesk.services.actor import Actor
from supportdesk.services.drafts import DraftView
from supportdesk.services.mail_sender import DeliveryReport
from supportdesk.services.presence import HEARTBEAT_SECONDS, Colleague, TicketPulse
from supportdesk.services.readmodels import PurchaseView, TicketDetail
from supportdesk.services.search import CaseHit
from supportdesk.untrusted import visible

if TYPE_CHECKING:
    from supportdesk.desk import Desk

__all__ = ["TicketScreen"]

# A draft is saved this long after the last keystroke (and when leaving the ticket).
DRAFT_SAVE_SECONDS = 1.0


def conflict_notice(error: Conflict) -> str:
    """One sentence naming the colleague and the time in the user's local time and language."""
    if error.changed_by and error.changed_at:
        said = t(
            "{name} changed this ticket at {time} while you had it open.",
            name=error.changed_by,
            time=local(error.changed_at, "%H:%M"),
        )
    else:
        said = t("Someone changed this ticket while you had it open.")
    return said + " " + t("Nothing was saved; the ticket was reloaded and your input is kept.")


def presence_line(others: tuple[Colleague, ...]) -> str:
    return "  ".join(
        t("{name} is typing", name=c.name) if c.typing else t("{name} is viewing", name=c.name) for c in others
    )


_Choice = TypeVar("_Choice")  # what a dialog dismisses with


@dataclass(frozen=True)
class Opening:
    detail: TicketDetail
    draft: DraftView | None
    pulse: TicketPulse


def opening(desk: "Desk", number: int) -> Opening:
    """What a ticket screen shows first, fetched in one worker: the ticket, the agent's draft of a reply, and who
    else has it open (the first heartbeat)."""
    return Opening(desk.get_ticket(number), desk.get_draft(number), desk.heartbeat(number, False))


class TicketScreen(AppScreen[None]):
    CSS_PATH = "ticket_view.tcss"
    BINDINGS = [
        # Back and Reload are in F1's list; the footer keeps its room for the keys of the work at 100 columns.
        Binding("escape", "back", N_("Back"), show=False, id="ticket.back"),
        Binding("ctrl+s", "send", N_("Send"), priority=True, id="ticket.send"),
        Binding("f2", "cycle_kind", N_("Kind"), priority=True, id="ticket.kind"),
        Binding("f3", "toggle_timer", N_("Call timer"), priority=True, id="ticket.timer"),
        Binding("f4", "canned", N_("Canned"), priority=True, id="ticket.canned"),
        Binding("f5", "status", N_("Status"), priority=True, id="ticket.status"),
        Binding("f6", "assign", N_("Assign"), priority=True, id="ticket.assign"),
        Binding("f7", "fields", N_("Fields"), priority=True, id="ticket.fields"),
        Binding("f8", "open_customer", N_("Customer"), priority=True, id="ticket.customer"),
        Binding("ctrl+r", "reload", N_("Reload"), priority=True, show=False, id="ticket.reload"),
        Binding("ctrl+o", "save_file", N_("Save file"), priority=True, id="ticket.save_file"),
        Binding("ctrl+t", "tags", N_("Tags"), priority=True, id="ticket.tags"),
        Binding("ctrl+l", "link", N_("Link"), priority=True, id="ticket.link"),
        Binding("ctrl+g", "macro", N_("Macro"), priority=True, id="ticket.macro"),
    ]
    HEARTBEAT = HEARTBEAT_SECONDS

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.detail: TicketDetail | None = None
        self.pulse: TicketPulse | None = None
        self._similar_for: int | None = None
        self._typing = False
        self._pending_draft: tuple[str, str, int | None] | None = None
        self._retry: Callable[[str], None] | None = None  # reopens the dialog whose change was refused
        self._here = False  # on the ticket (between arriving and leaving)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"#{self.number} " + t("Loading…"), id="ticket-header")
        with Horizontal(id="ticket-body"):
            with Vertical(id="main"):
                yield Static("", id="presence")
                yield ThreadView(id="thread")
                yield Composer(id="composer")
            with VerticalScroll(id="side"):
                yield CustomerCard("", id="customer-card")
                yield Static(t("Similar past cases"), classes="section", id="similar-title")
                yield OptionList(id="similar")
        yield KeyBar()

    @property
    def composer(self) -> Composer:
        return self.query_one(Composer)

    @property
    def kind(self) -> str:
        """What the composer will send: reply, internal_note or call_log."""
        return self.composer.kind

    def on_mount(self) -> None:
        self.query_one("#presence").display = False
        self._heartbeat = self.set_interval(self.HEARTBEAT, self.beat, pause=True)
        self._draft_timer = self.set_interval(DRAFT_SAVE_SECONDS, self.save_draft_now, pause=True)
        self._arrive()

    def _arrive(self) -> None:
        """On `self.number`: the ticket with the agent's draft and who else has it open, and a heartbeat."""
        self._here = True
        fetch(self, partial(opening, self.desk, self.number), self._opened, group="ticket")
        self._heartbeat.reset()
        self._heartbeat.resume()
        self.composer.focus_text()

    def reopen(self, number: int) -> None:
        """This screen, closed, on another ticket: the app keeps one ticket screen and opens the next ticket in it
        (composing a new screen was most of the time of opening a ticket, bench/bench_app.py). Called before the
        app shows it again; nothing of the last ticket stays."""
        self.number = number
        self.detail, self.pulse, self._similar_for = None, None, None
        self._typing, self._pending_draft, self._retry = False, None, None
        with self.app.batch_update():
            self.query_one("#ticket-header", Static).update(f"#{number} {t('Loading…')}")
            self.query_one("#presence").display = False
            self.query_one(ThreadView).clear()
            self.query_one(CustomerCard).update("")
            self._show_similar([])
            self.composer.clear()
        self._arrive()

    def _leave(self) -> None:
        """The agent left the ticket (closed the screen): keep the draft, stop the heartbeat, say we are gone."""
        if not self._here:
            return
        self._here = False
        self.save_draft_now()
        self._heartbeat.pause()
        self.workers.cancel_node(self)  # a late answer about this ticket must not land on the next one
        desk, number = self.desk, self.number
        fetch(self.app, partial(desk.leave_ticket, number), group=f"leave-{number}", exclusive=False)

    def on_screen_suspend(self) -> None:
        if self not in self.app.screen_stack:  # closed, not covered by a dialog or another screen
            self._leave()

    def on_unmount(self) -> None:
        self._leave()

    # ---- loading and the live desk ------------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.load()

    def load(self) -> None:
        fetch(self, partial(self.desk.get_ticket, self.number), self.show, group="ticket")

    def beat(self) -> None:
        """Tell the desk we are here (and typing); learn the ticket's version and who else is on it."""
        typing, self._typing = self._typing, False
        fetch(self, partial(self.desk.heartbeat, self.number, typing), self._pulse, group="pulse")

    def _pulse(self, pulse: TicketPulse) -> None:
        self.pulse = pulse
        others = self.query_one("#presence", Static)
        others.update(data_text(presence_line(pulse.others), style="bold"))  # colleagues' names are data
        others.display = bool(pulse.others)
        if self.detail is not None and pulse.changed_since(self.detail.version):
            self.load()  # a colleague changed it: show their change now, not after a reload by hand

    def _opened(self, first: Opening) -> None:
        # One update for all three: each shown on its own cost the screen a layout and a render more.
        with self.app.batch_update():
            self.show(first.detail)
            self._restore_draft(first.draft)
            self._pulse(first.pulse)

    def show(self, detail: TicketDetail) -> None:
        self.detail = detail
        r = detail.row
        header = Text.assemble(
            (f"#{r.number} ", "bold"),
            (shown(r.subject, one_line=True), "bold"),  # shown: Rich would drop a BEL or BS without a trace
            "\n",
            (v(r.status), "bold reverse"),
            "  "
            + t("priority")
            + f" {v(r.priority)} · {v(r.inquiry_type)} · {v(r.channel)} · "
            + t("assignee")
            + f" {shown(r.assignee_name or '—', one_line=True)} · "
            + t("team")
            + f" {shown(r.team or '—', one_line=True)} · "
            + t("due")
            + f" {local(r.resolution_due)}"
            + (" · " + t("follow up") + f" {r.follow_up_on}" if r.follow_up_on else ""),
        )
        for line in records_lines(detail):
            header.append("\n")
            header.append_text(line)
        self.query_one("#ticket-header", Static).update(safe_text(header))
        self.query_one(CustomerCard).show(detail.customer, detail.purchase)
        self.query_one(ThreadView).show(detail.entries)
        self._show_mail_choice()
        if self._similar_for != detail.number:
            self._similar_for = detail.number
            fetch(self, partial(self.desk.similar_cases, self.number, 6), self._show_similar, group="similar")

    def _show_similar(self, found: list[CaseHit]) -> None:
        cases = [c for c in found if c.hit.ticket_id != self.number][:5]
        options = self.query_one("#similar", OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(data_text(f"#{c.hit.ticket_id} {c.hit.subject} ({v(c.hit.status)})"), id=str(c.hit.ticket_id))
                for c in cases
            ]
        )
        self.query_one("#similar-title").display = bool(cases)
        options.display = bool(cases)

    @on(OptionList.OptionSelected, "#similar")
    def _open_similar(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(OpenCase(int(event.option.id)))

    # ---- the composer and its draft -----------------------------------------------------------------------------

    def _restore_draft(self, draft: DraftView | None) -> None:
        if draft is not None and not self.composer.has_draft:
            self.composer.fill(draft.kind, draft.body, draft.call_seconds)

    @on(Composer.DraftChanged)
    def _draft_changed(self, event: Composer.DraftChanged) -> None:
        self._typing = True
        self._pending_draft = (event.kind, event.body, event.call_seconds)
        self._draft_timer.reset()
        self._draft_timer.resume()

    def save_draft_now(self) -> None:
        self._draft_timer.pause()
        if self._pending_draft is None:
            return
        kind, body, seconds = self._pending_draft
        self._pending_draft = None
        desk, number = self.desk, self.number
        # On the app, not the screen: a draft saved as the screen closes must still reach the database.
        fetch(self.app, partial(desk.save_draft, number, kind, body, seconds), group=f"draft-{number}")

    @property
    def has_unsent_draft(self) -> bool:
        return self.composer.has_draft

    def action_cycle_kind(self) -> None:
        self.composer.cycle_kind()

    def action_toggle_timer(self) -> None:
        self.composer.toggle_timer()

    def action_send(self) -> None:
        self.composer.send()

    @on(Composer.Send)
    def _send(self, event: Composer.Send) -> None:
        kind, body, seconds = event.kind, event.body, event.call_seconds
        if kind == "call_log" and seconds is None:
            self.notify(t("Give the call's minutes, or time the call with F3."), severity="warning")
            return
        duration = {"call_duration_seconds": seconds} if kind == "call_log" else {}
        if kind == "customer_message":
            self._enter_message(body)
            return
        self._pending_draft = None
        self._draft_timer.pause()
        if kind == "reply" and self._by_mail():
            self._change(
                lambda version: self.desk.reply_by_mail(self.number, body, expected_version=version).version,
                sent=True,
                then=self._deliver_if_configured,
            )
            return
        self._change(
            lambda version: self.desk.add_entry(self.number, kind, body, expected_version=version, **duration),
            sent=True,
        )

    def _enter_message(self, body: str) -> None:
        """A customer's letter, fax or passed-on message, with how it came and when (the composer's fields)."""
        try:
            received = received_moment(self.composer.message_received)
        except ValueError:
            self.notify(t("Write the time received like 2026-12-01 14:30."), severity="warning")
            return
        channel = self.composer.message_channel
        self._pending_draft = None
        self._draft_timer.pause()
        self._change(
            lambda version: self.desk.add_customer_message(
                self.number, body, channel=channel, received_at=received, expected_version=version
            ),
            sent=True,
        )

    # ---- changes and their refusals -----------------------------------------------------------------------------

    def _change(
        self,
        call: Callable[[int], int],
        sent: bool = False,
        retry: Callable[[str], None] | None = None,
        then: Callable[[], None] | None = None,
    ) -> None:
        if self.detail is None:
            return
        self._retry = retry
        version = self.detail.version
        fetch(self, partial(call, version), partial(self._changed, sent, then), group="change")

    def _changed(self, sent: bool, then: Callable[[], None] | None, _version: int) -> None:
        self._retry = None
        if then is not None:
            then()
        if sent:
            self.composer.clear()
        self.notify(t("Saved."), timeout=2)
        self.post_message(TicketChanged(self.number))
        self.load()

    def worker_failed(self, worker: Worker[object]) -> None:
        error, retry = worker.error, self._retry
        if worker.group != "change":
            super().worker_failed(worker)
            return
        self._retry = None
        if isinstance(error, Conflict):
            self.load()
            if retry is not None:
                retry(conflict_notice(error))  # the dialog again, with what was typed, and why
            else:
                self.notify(conflict_notice(error), severity="warning", timeout=10)
            return
        if isinstance(error, Invalid | NotAllowed) and retry is not None:
            retry(describe_error(error))
            return
        super().worker_failed(worker)

    def action_canned(self) -> None:
        if self.detail is None:
            return
        d = self.detail
        # Names go into the draft's text, so they are inserted as shown (a stray control character visible).
        values = {
            "customer_name": shown(d.customer.full_name, one_line=True),
            "company": shown(d.customer.company_name, one_line=True) or None,
            "product": shown(d.purchase.product_name, one_line=True) if d.purchase else None,
            "ticket_number": d.number,
            "agent_name": self.desk.actor.name,
        }
        self.app.push_screen(CannedDialog(values), self._insert_canned)

    def _insert_canned(self, choice: CannedChoice | None) -> None:
        if choice is not None:
            self.composer.insert(choice.text)
            fetch(self, partial(self.desk.use_canned, choice.canned_id), group="canned-use", exclusive=False)

    def action_tags(self) -> None:
        if self.detail is None:
            return
        seen = self.detail.version
        self.app.push_screen(TagsDialog(self.number, self.detail.tags), partial(self._tags_chosen, seen))

    def _tags_chosen(self, seen: int, change: TagChange | None) -> None:
        if change is not None:
            call = partial(self.desk.change_tags, self.number, change.add, change.remove, seen)
            fetch(self, call, lambda _: self.load(), group="tags")

    def action_link(self) -> None:
        if self.detail is not None:
            self.app.push_screen(LinkDialog(self.number), self._link_chosen)

    def _link_chosen(self, choice: LinkChoice | None) -> None:
        if choice is None:
            return
        number, other, desk = self.number, choice.other, self.desk
        if choice.action == "merge":
            self._change(lambda version: desk.merge_tickets(number, other, expected_versions=(version, None)).version)
        elif choice.action == "child":  # the other ticket is the parent of this one
            self._change(lambda _version: desk.link_tickets(other, number, "parent"))
        else:
            self._change(lambda version: desk.link_tickets(number, other, choice.action, version))

    def action_status(self, initial: StatusChoice | None = None, error: str = "") -> None:
        if self.detail is None:
            return
        d = self.detail
        dialog = StatusDialog(d.number, d.row.status, d.allowed_next, clock.today(), initial=initial, error=error)
        self._push(dialog, self._status_chosen)

    def _status_chosen(self, choice: StatusChoice | None) -> None:
        if choice is not None:
            self._change(
                lambda version: self.desk.change_status(
                    self.number,
                    choice.status,
                    reason=choice.reason,
                    follow_up_on=choice.follow_up_on,
                    expected_version=version,
                ),
                retry=lambda error: self.action_status(choice, error),
            )

    def action_assign(self, initial: AssignChoice | None = None, error: str = "") -> None:
        if self.detail is not None:
            fetch(self, self.desk.users, partial(self._pick_assignee, initial, error), group="users")

    def _pick_assignee(self, initial: AssignChoice | None, error: str, users: list[Actor]) -> None:
        if self.detail is None:
            return
        row = self.detail.row
        current = next((u.id for u in users if u.login == row.assignee_login), None)
        dialog = AssignDialog(self.number, users, current, row.team, initial=initial, error=error)
        self._push(dialog, self._assigned)

    def _assigned(self, choice: AssignChoice | None) -> None:
        if choice is not None:
            self._change(
                lambda version: self.desk.assign(
                    self.number, choice.assignee_id, team=choice.team, note=choice.note, expected_version=version
                ),
                retry=lambda error: self.action_assign(choice, error),
            )

    def action_fields(self, initial: FieldsChoice | None = None, error: str = "") -> None:
        if self.detail is not None:
            customer = self.detail.customer.id
            fetch(self, partial(self.desk.purchases, customer), partial(self._pick_fields, initial, error), group="p")

    def _pick_fields(self, initial: FieldsChoice | None, error: str, purchases: list[PurchaseView]) -> None:
        if self.detail is None:
            return
        d = self.detail
        purchase = d.purchase.id if d.purchase else None
        dialog = FieldsDialog(
            d.number, d.row.priority, d.row.inquiry_type, purchase, purchases, initial=initial, error=error
        )
        self._push(dialog, self._fields_chosen)

    def _fields_chosen(self, choice: FieldsChoice | None) -> None:
        if choice is None or self.detail is None:
            return
        unlink = choice.purchase_id is None and self.detail.purchase is not None

        def save(version: int) -> int:
            # The team's own fields first: a value the desk refuses leaves the ticket as it was.
            if choice.custom:
                version = self.desk.set_ticket_fields(self.number, choice.custom, version)
            return self.desk.update_ticket(
                self.number,
                priority=choice.priority,
                inquiry_type=choice.inquiry_type,
                purchase_id=choice.purchase_id,
                unlink_purchase=unlink,
                expected_version=version,
            )

        self._change(save, retry=lambda error: self.action_fields(choice, error))

    def action_macro(self) -> None:
        """Pick a macro (its key applies it) and apply it to this ticket, as the version on screen."""
        if self.detail is not None:
            pick = lambda found: self._push(MacroDialog(found), self._macro)  # noqa: E731
            fetch(self, partial(self.desk.rules, "macro"), pick, group="macros")

    def _macro(self, rule_id: int | None) -> None:
        if rule_id is not None:
            self._change(lambda version: self.desk.apply_macro(rule_id, self.number, expected_version=version))

    def _push(self, dialog: ModalScreen[_Choice | None], done: Callable[[_Choice | None], None]) -> None:
        # One dialog at a time: a refused change reopens its dialog, never stacks a second one.
        if isinstance(self.app.screen, ModalScreen):
            self.app.pop_screen()
        self.app.push_screen(dialog, done)

    # ---- mail -----------------------------------------------------------------------------------------------

    def _mail_possible(self) -> bool:
        detail = self.detail
        return detail is not None and (detail.row.channel == "email" or bool(detail.customer.email))

    def _by_mail(self) -> bool:
        box = self.composer.query_one("#send-by-mail", Checkbox)
        return box.display and box.value

    @on(Composer.DraftChanged)
    def _kind_may_have_changed(self) -> None:
        self._show_mail_choice()

    def _show_mail_choice(self) -> None:
        """ "Send by mail" for replies where the customer can be written to; on by default for mail tickets."""
        box = self.composer.query_one("#send-by-mail", Checkbox)
        shown = self.composer.kind == "reply" and self._mail_possible()
        if shown and not box.display and self.detail is not None:
            box.value = self.detail.row.channel == "email"
        box.display = shown

    def _deliver_if_configured(self) -> None:
        if self.desk.settings.mail.smtp_host:
            fetch(self, self.desk.deliver_mail, self._delivered, group="deliver")

    def _delivered(self, report: DeliveryReport) -> None:
        """The queued reply went to the mail server (the queue keeps it if that failed)."""
        self.load()
        if report.answers:
            self.notify("\n".join(visible(a) for a in report.answers), severity="warning")

    def action_save_file(self) -> None:
        files = [f for e in (self.detail.entries if self.detail else ()) for f in e.attachments if f.kept]
        if not files:
            self.notify(t("This ticket has no files."))
            return
        self.app.push_screen(AttachmentDialog(files), self._save_chosen)

    def _save_chosen(self, attachment_id: int | None) -> None:
        if attachment_id is not None:
            call = partial(self.desk.save_attachment, self.number, attachment_id, downloads_folder())
            fetch(self, call, lambda path: self.notify(t("Saved to {path}", path=str(path))), group="save-file")

    def action_open_customer(self) -> None:
        if self.detail is not None:
            self.post_message(OpenCustomer(self.detail.customer.id))

    def action_back(self) -> None:
        self.app.pop_screen()
