"""Pick a macro: its key (1–9) applies it at once; ↑↓ and Enter too. What it will do is shown before."""

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from screens.dialogs.base import Dialog
from supportdesk.i18n import t, tn, v
from supportdesk.services.automation.definitions import Macro
from supportdesk.services.automation.store import RuleView
from supportdesk.untrusted import visible


def macro_summary(macro: Macro) -> str:
    """What a macro does, in the reader's language (the reply's first line shown as text)."""
    parts = []
    if macro.reply:
        first = macro.reply.strip().splitlines()[0] if macro.reply.strip() else ""
        parts.append(t("reply: {text}", text=visible(first, one_line=True)[:60]))
    if macro.note:
        parts.append(t("internal note"))
    if macro.priority:
        parts.append(t("priority {value}", value=v(macro.priority)))
    if macro.tags:
        parts.append(t("tags {tags}", tags=" ".join(f"#{tag}" for tag in macro.tags)))
    if macro.remove_tags:
        parts.append(t("removes {tags}", tags=" ".join(f"#{tag}" for tag in macro.remove_tags)))
    if macro.status:
        status = v(macro.status)
        if macro.follow_up_days:
            follow = tn("follow up in {count} business day", "follow up in {count} business days", macro.follow_up_days)
            status = f"{status} ({follow})"
        parts.append(t("status {value}", value=status))
    return " · ".join(parts)


class MacroDialog(Dialog[int | None]):
    """Returns the chosen macro's rule id."""

    def __init__(self, macros: list[RuleView], count: int = 1) -> None:
        super().__init__()
        self.macros = [m for m in macros if m.kind == "macro" and m.active and isinstance(m.rule, Macro)]
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical():
            title = t("Apply a macro") if self.count == 1 else t("Apply a macro to {count} tickets", count=self.count)
            yield Static(title, classes="title")
            yield OptionList(id="macros")
            yield Static("", id="macro-summary")
            yield Static("" if self.macros else t("No macros yet: a lead writes them in Rules."), classes="error")

    def on_mount(self) -> None:
        options = self.query_one("#macros", OptionList)
        for m in self.macros:
            key = m.rule.key if isinstance(m.rule, Macro) and m.rule.key else " "
            options.add_option(Option(Text(f"{key}  {visible(m.name, one_line=True)}"), id=str(m.id)))
        if self.macros:
            options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted)
    def _summary(self, event: OptionList.OptionHighlighted) -> None:
        chosen = next((m for m in self.macros if str(m.id) == event.option.id), None)
        text = macro_summary(chosen.rule) if chosen is not None and isinstance(chosen.rule, Macro) else ""
        self.query_one("#macro-summary", Static).update(Text(text))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(int(event.option.id))

    def on_key(self, event: Key) -> None:
        # The macro's own key applies it: one key from the picker.
        for m in self.macros:
            if isinstance(m.rule, Macro) and m.rule.key and event.key == m.rule.key:
                event.stop()
                self.dismiss(m.id)
                return

    def action_submit(self) -> None:
        index = self.query_one("#macros", OptionList).highlighted
        if index is not None and index < len(self.macros):
            self.dismiss(self.macros[index].id)
