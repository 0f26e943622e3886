"""A ticket's tags: edit the list, with the desk's tags completing the word being typed (Tab or → accepts)."""

from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Static

from screens.dialogs.base import Dialog
from screens.safe_text import SafeInput
from screens.workers import fetch
from supportdesk.i18n import N_, t, v
from supportdesk.services.readmodels import RELATION_LABELS, TicketDetail


class LastWordSuggester(Suggester):
    """Completes the last word of the input from the tags already on the desk, most used first."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known: tuple[str, ...] = ()

    async def get_suggestion(self, value: str) -> str | None:
        head, _, word = value.rpartition(" ")
        word = word.lstrip("#")
        if not word:
            return None
        typed = set(head.split())
        for tag in self.known:
            if tag.startswith(word) and tag != word and tag not in typed:
                return f"{head} {tag}" if head else tag
        return None


@dataclass(frozen=True)
class TagChange:
    add: list[str]
    remove: list[str]


def tag_change(before: tuple[str, ...], typed: str) -> TagChange:
    """What to add and remove for the list as typed (spaces or commas between tags)."""
    after = [tag for tag in typed.replace(",", " ").replace("、", " ").split() if tag]
    return TagChange([tag for tag in after if tag not in before], [tag for tag in before if tag not in after])


class TagsDialog(Dialog[TagChange | None]):
    BINDINGS = [Binding("tab", "complete", N_("Complete"), priority=True, id="tags.complete")]

    def __init__(self, number: int, tags: tuple[str, ...]) -> None:
        super().__init__()
        self.number = number
        self.tags = tags
        self.suggester = LastWordSuggester()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("Tags of #{number}", number=self.number), classes="title")
            yield Label(t("Tags, separated by spaces (Tab completes a tag already in use)"), classes="field-label")
            yield SafeInput(" ".join(self.tags), id="tags", suggester=self.suggester)
            yield Static("", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("Cancel"), id="cancel")
                yield Button(t("Save") + " (ctrl+s)", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#tags", Input).focus()
        fetch(self, partial(self.desk.known_tags, "", 500), self._known, group="known-tags")

    def _known(self, known: list[tuple[str, int]]) -> None:
        self.suggester.known = tuple(tag for tag, _ in known)

    def action_complete(self) -> None:
        # Tab takes the suggestion, as → at the end does, rather than leaving the only field.
        field = self.query_one("#tags", Input)
        field.cursor_position = len(field.value)
        field.action_cursor_right()

    def action_submit(self) -> None:
        change = tag_change(self.tags, self.query_one("#tags", Input).value)
        if not change.add and not change.remove:
            self.dismiss(None)
            return
        self.dismiss(change)


def records_lines(detail: TicketDetail) -> list[Text]:
    """Tags, the team's own fields, links and a merge under a ticket's heading, as text (words people typed)."""
    lines = []
    if detail.tags:
        lines.append(Text.assemble((t("tags") + " ", "dim"), " ".join(f"#{tag}" for tag in detail.tags)))
    own = [(value.name, value.value) for value in detail.custom if value.value is not None]
    if own:
        parts: list[Text | str | tuple[str, str]] = []
        for name, value in own:
            parts += [" · "] if parts else []
            parts += [(name + " ", "dim"), value]
        lines.append(Text.assemble(*parts))
    if detail.merged_into is not None:
        lines.append(Text(t("Merged into #{number}; work on that ticket.", number=detail.merged_into), "bold"))
    for link in detail.links:
        lines.append(
            Text.assemble(
                (t(RELATION_LABELS[link.relation]) + " ", "dim"),
                f"#{link.number} ",
                link.subject,
                f" ({v(link.status)})",
            )
        )
    return lines
