"""The footer: the current screen's keys on one line that fits the terminal, drawn as one widget.

Textual's Footer makes a widget per key and composes them again on every focus change (each time styled and laid
out: a good part of opening a screen, bench/bench_app.py), and at 100 columns it cut the ticket screen's keys off
mid-word. KeyBar draws the keys as one line of text: the screen's own keys first, in the order the screen declares
them (the most used first), then those of the focused widget, then the app's. What does not fit is left out whole,
and F1 (which lists every key of the screen) is always shown. A click on a key presses it, as in Textual's footer.
"""

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget

from supportdesk.i18n import t
from supportdesk.i18n.catalog import JA

HELP_ACTION = "help"
WIDGET = 1  # Shown.rank[0] of the focused widget's keys (0: the screen's, 2: the app's, 3: the palette's)
GAP = "  "


def declared_order(node: DOMNode, binding: Binding) -> int:
    """Where `binding` is among its node's bindings, in the order they were declared. Matched by id or action, not
    by key: a [keymap] in the config moves a binding to another key."""
    for index, bindings in enumerate(node._bindings.key_to_bindings.values()):
        if any(b.action == binding.action and b.id == binding.id for b in bindings):
            return index
    return len(node._bindings.key_to_bindings)


@dataclass(frozen=True)
class Shown:
    key: str  # what simulate_key presses
    action: str
    display: str
    description: str
    enabled: bool
    rank: tuple[int, int]  # who owns it (screen, widget, app), then its place among its owner's keys

    @property
    def width(self) -> int:
        return cell_len(self.display) + 1 + cell_len(self.description)


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # cells start, end and key, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def offered(self) -> list[Shown]:
        """Every key the footer would show on a wide enough terminal, most important first."""
        screen, app = self.screen, self.app
        shown: dict[str, Shown] = {}
        for active in screen.active_bindings.values():
            binding, node = active.binding, active.node
            palette = binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE
            if not (palette or (binding.show and binding.description)) or binding.action in shown:
                continue
            owner = 3 if palette else 0 if node is screen else 2 if node is app else WIDGET
            order = declared_order(node, binding) if not palette else 0
            display = app.get_key_display(binding)
            # Descriptions were fixed in the language screens/ was imported in; shown in the user's (as F1 does).
            # Textual's palette key says "palette" in English: ours says it in the user's language.
            description = t(binding.description) if binding.description in JA else binding.description
            description = t("Commands") if palette else description
            shown[binding.action] = Shown(
                binding.key, binding.action, display, description, active.enabled, (owner, order)
            )
        return sorted(shown.values(), key=lambda item: item.rank)

    def fitted(self, width: int) -> list[Shown]:
        """The keys that fit in `width` cells, in their order; F1 always.

        The focused widget's keys claim their room first (shown after the screen's all the same): they act on what
        the agent is on, such as space/b/g on a queue, which at 100 columns a screen with many keys of its own
        left out. What does not fit is in F1's list."""
        keys = self.offered()
        help_key = next((k for k in keys if k.action == HELP_ACTION and k.rank[0] == 2), None)
        room = width - (help_key.width + len(GAP) if help_key else 0)
        chosen: list[Shown] = []
        for key in sorted(keys, key=lambda item: (item.rank[0] != WIDGET, item.rank)):
            if key is help_key:
                continue
            needed = key.width + (len(GAP) if chosen else 0)
            if needed <= room:
                chosen.append(key)
                room -= needed
        if help_key is not None:
            chosen.append(help_key)
        return sorted(chosen, key=lambda item: item.rank)

    def render(self) -> RenderResult:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        dim = self.get_component_rich_style("key-bar--disabled")
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for index, key in enumerate(self.fitted(self.size.width)):
            if index:
                line.append(GAP)
            start = line.cell_len
            line.append(key.display, key_style if key.enabled else key_style + dim)
            line.append(" ")
            line.append(key.description, text_style if key.enabled else text_style + dim)
            self._spans.append((start, line.cell_len, key.key))
        return line

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
