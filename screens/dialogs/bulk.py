"""Bulk changes: what to do to the selected tickets, a confirmation with how many change, and what failed."""

from datetime import date, timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Input, Label, Select, Static

from screens.dialogs.base import Dialog
from screens.dialogs.status import parse_date
from screens.safe_text import SafeInput, data_content, data_text
from supportdesk import clock
from supportdesk.i18n import N_, t, v
from supportdesk.models.enums import Priority, Status
from supportdesk.services.actor import Actor
from supportdesk.services.bulk import BulkChange, BulkKind, BulkPlan, BulkResult

KIND_LABELS = {
    BulkKind.ASSIGN: N_("Reassign"),
    BulkKind.PRIORITY: N_("Change priority"),
    BulkKind.STATUS: N_("Change status"),
    BulkKind.TAG: N_("Add a tag"),
}
NOBODY = -1


# Scoped to each dialog class (DEFAULT_CSS of a screen applies under its own type).
BULK_CSS = """
#values, #values > Vertical { height: auto; }
.failures { height: auto; max-height: 12; }
.failure { color: $error; }
"""


class BulkDialog(Dialog[BulkChange | None]):
    """Choose one change for every selected ticket."""

    DEFAULT_CSS = BULK_CSS

    def __init__(self, count: int, users: list[Actor], today: date | None = None) -> None:
        super().__init__()
        self.count = count
        self.users = [u for u in users if u.role in ("agent", "lead", "admin")]
        self.today = today or clock.today()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Change {count} selected tickets", count=self.count), classes="title")
            yield Select([(t(label), str(kind)) for kind, label in KIND_LABELS.items()], value="assign", id="kind")
            with ContentSwitcher(initial="assign", id="values"):
                with Vertical(id="assign"):
                    yield Label(t("Assignee"), classes="field-label")
                    people = [(t("Nobody (unassigned)"), NOBODY)] + [
                        (data_text(f"{u.name} ({u.login})"), u.id) for u in self.users
                    ]
                    yield Select(people, prompt=t("Assignee"), id="assignee")
                with Vertical(id="priority"):
                    yield Label(t("Priority"), classes="field-label")
                    yield Select([(v(p), p.value) for p in reversed(Priority)], prompt=t("Priority"), id="to-priority")
                with Vertical(id="status"):
                    yield Label(t("Status"), classes="field-label")
                    yield Select([(v(s), s.value) for s in Status], prompt=t("Status"), id="to-status")
                    yield Label(t("Follow-up date (YYYY-MM-DD)"), classes="field-label")
                    yield SafeInput((self.today + timedelta(days=3)).isoformat(), id="follow-up")
                    yield Label(t("Reason (required to resolve)"), classes="field-label")
                    yield SafeInput(id="reason")
                with Vertical(id="tag"):
                    yield Label(t("Tags, separated by spaces"), classes="field-label")
                    yield SafeInput(id="tags")
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Next"), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#values", ContentSwitcher).current = event.value

    @on(Input.Submitted)
    def _entered(self) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        kind = BulkKind(str(self.query_one("#kind", Select).value))
        change = self._change(kind)
        if change is not None:
            self.dismiss(change)

    def _change(self, kind: BulkKind) -> BulkChange | None:
        if kind == BulkKind.ASSIGN:
            who = self.query_one("#assignee", Select).value
            if not isinstance(who, int):
                return self._missing(t("Assignee"))
            return BulkChange(kind, assignee_id=None if who == NOBODY else who)
        if kind == BulkKind.PRIORITY:
            priority = self.query_one("#to-priority", Select).value
            return BulkChange(kind, priority=priority) if isinstance(priority, str) else self._missing(t("Priority"))
        if kind == BulkKind.TAG:
            tags = self.query_one("#tags", Input).value.split()
            return BulkChange(kind, tags=tuple(tags)) if tags else self._missing(t("Tags, separated by spaces"))
        status = self.query_one("#to-status", Select).value
        if not isinstance(status, str):
            return self._missing(t("Status"))
        follow_up = parse_date(self.query_one("#follow-up", Input).value) if status == "pending" else None
        if status == "pending" and follow_up is None:
            return self._missing(t("Follow-up date (YYYY-MM-DD)"))
        reason = self.query_one("#reason", Input).value.strip() or None
        if status == "resolved" and not reason:
            return self._missing(t("Reason (required to resolve)"))
        return BulkChange(kind, status=status, reason=reason, follow_up_on=follow_up)

    def _missing(self, what: str) -> BulkChange | None:
        """No change yet: say what is missing."""
        self.show_error(t("Fill in: {what}", what=what))
        return None


def describe(change: BulkChange, users: list[Actor]) -> str:
    """The change in words, for the confirmation and the result."""
    if change.kind == BulkKind.ASSIGN:
        name = next((u.name for u in users if u.id == change.assignee_id), t("Nobody (unassigned)"))
        return t("Reassign to {name}", name=name)
    if change.kind == BulkKind.PRIORITY:
        return t("Set priority to {value}", value=v(change.priority))
    if change.kind == BulkKind.STATUS:
        return t("Change status to {value}", value=v(change.status))
    return t("Add tags {tags}", tags=" ".join(change.tags))


class ConfirmBulkDialog(Dialog[bool]):
    """Say how many tickets the change will change, and which it cannot, before anything is written."""

    DEFAULT_CSS = BULK_CSS

    def __init__(self, plan: BulkPlan, users: list[Actor]) -> None:
        super().__init__()
        self.plan = plan
        self.users = users

    def compose(self) -> ComposeResult:
        plan = self.plan
        with Vertical():
            yield Static(data_content(describe(plan.change, self.users)), classes="title")
            yield Static(t("{count} tickets will change.", count=len(plan.will_change)), id="will-change")
            if plan.unchanged:
                numbers = ", ".join(f"#{n}" for n in plan.unchanged)
                yield Static(t("Already so, left as they are: {numbers}", numbers=numbers), id="unchanged")
            if plan.refused:
                yield Static(t("Cannot change {count}:", count=len(plan.refused)), classes="field-label")
                with VerticalScroll(classes="failures"):
                    for failure in plan.refused:
                        yield Static(data_content(str(failure.reason)), classes="failure")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(
                    t("Change {count} tickets", count=len(plan.will_change)),
                    id="ok",
                    variant="primary",
                    disabled=not plan.will_change,
                )

    def on_mount(self) -> None:
        self.query_one("#ok" if self.plan.will_change else "#cancel", Button).focus()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_submit(self) -> None:
        if self.plan.will_change:
            self.dismiss(True)


class BulkResultDialog(Dialog[None]):
    """What a bulk change did, naming every ticket it could not change and why."""

    DEFAULT_CSS = BULK_CSS

    def __init__(self, result: BulkResult, users: list[Actor]) -> None:
        super().__init__()
        self.result = result
        self.users = users

    def compose(self) -> ComposeResult:
        result = self.result
        with Vertical():
            yield Static(data_content(describe(result.change, self.users)), classes="title")
            yield Static(
                t("{changed} changed, {failed} not changed.", changed=len(result.changed), failed=len(result.failed))
            )
            with VerticalScroll(classes="failures"):
                for failure in result.failed:
                    yield Static(data_content(str(failure.reason)), classes="failure")
            with Horizontal(classes="buttons"):
                yield Button(t("Close"), id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def action_submit(self) -> None:
        self.dismiss(None)
