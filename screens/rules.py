"""Rules, for leads: the triggers (in the order they run) and macros of the desk, each edited as the text of a
rules file, saved with one clear line when something is wrong. Every change is audited with what the rule became."""

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Static, TextArea

from screens.base import AppScreen
from screens.dialogs.confirm import ConfirmDialog
from screens.formatting import local
from screens.safe_text import SafeDataTable, SafeTextArea
from screens.widgets.key_bar import KeyBar
from screens.workers import fetch
from supportdesk.errors import SupportDeskError
from supportdesk.i18n import N_, t, tn
from supportdesk.services.automation.store import RuleView
from supportdesk.untrusted import visible

TRIGGER_TEMPLATE = """name = "{name}"
when = ["created"]

[if]
channel = ["email"]

[then]
assign_team = "{team}"
assign_by = "round_robin"
"""
MACRO_TEMPLATE = """name = "{name}"
key = "1"
reply = \"\"\"
{{customer_name}} 様

\"\"\"
status = "pending"
follow_up_days = 3
"""

# What a rule may say, in the reader's language around the file's own keys.
REFERENCE = (
    N_("trigger when: created | updated | customer_replied"),
    N_("[if] channel inquiry_type priority status customer_rank rfm_segment team words business_hours assigned"),
    N_("[then] assign_team + assign_by (round_robin | least_loaded) | assign_agent, priority inquiry_type tags"),
    N_("       note (internal) acknowledge (mail to the customer)"),
    N_("macro: key (1–9) reply note status follow_up_days priority tags remove_tags"),
)


def attempt(call: Callable[[], object]) -> Callable[[], object]:
    """Run `call` and hand back its result or the desk's refusal, so the screen can say it beside the editor."""

    def run() -> object:
        try:
            return call()
        except SupportDeskError as exc:
            return exc

    return run


class RulesScreen(AppScreen[None]):
    CSS_PATH = "rules.tcss"
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="rules.back"),
        Binding("ctrl+s", "save", N_("Save"), priority=True, id="rules.save"),
        Binding("n", "new('trigger')", N_("New trigger"), id="rules.new_trigger"),
        Binding("m", "new('macro')", N_("New macro"), id="rules.new_macro"),
        Binding("space", "switch", N_("On/off"), id="rules.switch"),
        Binding("minus", "move(-1)", N_("Up"), key_display="-", id="rules.up"),
        Binding("plus", "move(1)", N_("Down"), key_display="+", id="rules.down"),
        Binding("delete", "delete", N_("Delete"), id="rules.delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rules: dict[str, RuleView] = {}
        self.editing: tuple[str, int | None, int | None] = ("trigger", None, None)  # kind, rule id, version

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="rules-body"):
            yield SafeDataTable(id="rules", cursor_type="row", zebra_stripes=True)
            with Vertical(id="rules-editor"):
                yield Static("", id="rule-title")
                yield SafeTextArea("", id="rule-text", soft_wrap=False, show_line_numbers=True)
                yield Static("", id="rule-problem")
                yield Static(Text("\n".join(t(line) for line in REFERENCE)), id="rule-reference")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#rules", DataTable)
        for label in (N_("Kind"), N_("On"), N_("Rule name"), N_("Fired")):
            table.add_column(t(label), key=label)
        self.load()

    def load(self, select: int | None = None) -> None:
        fetch(self, self.desk.rules, partial(self.show, select), group="rules")

    def show(self, select: int | None, rules: list[RuleView]) -> None:
        table = self.query_one("#rules", DataTable)
        keep = table.cursor_row
        table.clear()
        self.rules = {str(r.id): r for r in rules}
        for r in rules:
            table.add_row(
                t("trigger") if r.kind == "trigger" else t("macro"),
                "●" if r.active else "",
                Text(visible(r.name, one_line=True)),
                tn("{count} time", "{count} times", r.fired) if r.kind == "trigger" else "",
                key=str(r.id),
            )
        if not rules:
            self.action_new("trigger")
            return
        row = next((i for i, r in enumerate(rules) if r.id == select), min(max(keep, 0), len(rules) - 1))
        table.move_cursor(row=row)
        self.edit(rules[row])

    def edit(self, rule: RuleView) -> None:
        self.editing = (rule.kind, rule.id, rule.version)
        kind = t("trigger") if rule.kind == "trigger" else t("macro")
        changed = t("changed {when} by {who}", when=local(rule.updated_at), who=rule.updated_by or "—")
        self.query_one("#rule-title", Static).update(Text(f"{kind} #{rule.id} · {changed}"))
        self.query_one("#rule-text", TextArea).load_text(rule.text)
        self.query_one("#rule-problem", Static).update("")

    @on(DataTable.RowHighlighted, "#rules")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        rule = self.rules.get(str(event.row_key.value))
        if rule is not None and self.editing[1] != rule.id:
            self.edit(rule)

    @on(DataTable.RowSelected, "#rules")
    def _selected(self) -> None:
        self.query_one("#rule-text", TextArea).focus()

    def _current(self) -> RuleView | None:
        rule_id = self.editing[1]
        return self.rules.get(str(rule_id)) if rule_id is not None else None

    def action_back(self) -> None:
        if self.focused is self.query_one("#rule-text", TextArea):
            self.query_one("#rules", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_new(self, kind: str) -> None:
        self.editing = (kind, None, None)
        if kind == "trigger":
            title, text = (
                t("New trigger"),
                TRIGGER_TEMPLATE.format(name=t("New trigger"), team=self.desk.actor.team or ""),
            )
        else:
            title, text = t("New macro"), MACRO_TEMPLATE.format(name=t("New macro"))
        self.query_one("#rule-title", Static).update(title)
        editor = self.query_one("#rule-text", TextArea)
        editor.load_text(text)
        editor.focus()
        self.query_one("#rule-problem", Static).update(t("Write the rule, then ctrl+s to save it."))

    def action_save(self) -> None:
        kind, rule_id, version = self.editing
        text = self.query_one("#rule-text", TextArea).text
        call = partial(self.desk.save_rule, kind, text, rule_id=rule_id, expected_version=version)
        fetch(self, attempt(call), self._saved, group="rules-save")

    def _saved(self, result: object) -> None:
        if isinstance(result, SupportDeskError):
            self.query_one("#rule-problem", Static).update(Text(visible(str(result), one_line=True), "bold red"))
            return
        assert isinstance(result, int)
        self.notify(t("Rule saved."))
        self.load(select=result)

    def action_switch(self) -> None:
        rule = self._current()
        if rule is not None:
            call = partial(self.desk.set_rule_active, rule.id, not rule.active, rule.version)
            fetch(self, attempt(call), lambda result: self._changed(result, rule.id), group="rules-save")

    def action_move(self, step: int) -> None:
        rule = self._current()
        if rule is not None:
            call = partial(self.desk.move_rule, rule.id, step)
            fetch(self, attempt(call), lambda result: self._changed(result, rule.id), group="rules-save")

    def action_delete(self) -> None:
        rule = self._current()
        if rule is None:
            return

        def answered(sure: bool | None) -> None:
            if sure:
                call = partial(self.desk.delete_rule, rule.id, rule.version)
                fetch(self, attempt(call), lambda result: self._changed(result, None), group="rules-save")

        question = t(
            "Delete the rule {name}? Its history stays in the audit log.", name=visible(rule.name, one_line=True)
        )
        self.app.push_screen(ConfirmDialog(t("Delete"), question, t("Delete")), answered)

    def _changed(self, result: object, select: int | None) -> None:
        if isinstance(result, SupportDeskError):
            self.notify(str(result), severity="error", markup=False)
        self.load(select=select)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letter keys type into the editor; they act on the list only when the list has the focus.
        return not (action in ("new", "switch", "move", "delete") and isinstance(self.focused, TextArea))
