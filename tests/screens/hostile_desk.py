"""What a screen showing hostile text must pass, and the list of screens the hostile-text walk must visit.

The desk itself (every text field sprayed with hostile text) is built by tests/hostile_text.py.
"""

import importlib
import inspect
import pkgutil

from textual.app import App
from textual.geometry import Region
from textual.screen import Screen

import screens
from tests.hostile_text import NEVER_SHOWN


def all_screen_classes() -> set[type[Screen]]:
    """Every screen and dialog the app defines: the hostile-text test must visit each one."""
    found: set[type[Screen]] = set()
    for info in pkgutil.walk_packages(screens.__path__, "screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == info.name:
                found.add(cls)
    return found


def check_screen(app: App[object], where: str) -> None:
    """What is on screen now shows data as text: no control code, no action, link or style from data, app still up."""
    assert app.is_running and app.return_code is None, f"{where}: the app stopped"
    for widget in app.screen.walk_children(with_self=True):
        if not widget.display or not widget.size.area:
            continue
        for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
            for segment in strip:
                shown = set(segment.text) & NEVER_SHOWN
                assert not shown, f"{where}: {type(widget).__name__} shows {sorted(map(hex, map(ord, shown)))}"
                style = segment.style
                if style is not None:
                    assert "@click" not in (style.meta or {}), f"{where}: {type(widget).__name__} has a click action"
                    assert not style.link, f"{where}: {type(widget).__name__} links to {style.link}"
                    # Nothing in the desk blinks: a blinking segment is `[blink]` from data read as markup.
                    assert not style.blink, f"{where}: {type(widget).__name__} applies markup from data"
