"""Screens the app builds once and shows again and again: the ticket screen, the customer 360, the search.

Composing a screen (its widgets mounted, their styles matched) was most of the time of opening a ticket, a 360 or
a search (bench/bench_app.py, docs/PERFORMANCE.md). The app installs the first one it builds and, when it is
closed, shows the next ticket, customer or search in it (each screen's `reopen`). When the kept one is open beneath
(a ticket opened from a ticket, a colleague's 360 from a 360), a new one is built for the time it is open.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

from screens.base import AppScreen

S = TypeVar("S", bound=Screen[Any])


class KeptScreens:
    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._kept: dict[str, Screen[Any]] = {}

    def open(self, kind: type[S], make: Callable[[], S], reopen: Callable[[S], None]) -> S:
        """The screen to push: the kept `kind` reopened on what is asked for (`reopen`), or a new one (`make`)."""
        name = kind.__name__
        spare = self._kept.get(name)
        if isinstance(spare, kind) and spare.is_attached and spare not in self._app.screen_stack:
            if isinstance(spare, AppScreen):
                spare.shown_anew()
            reopen(spare)
            return spare
        screen = make()
        if spare is None:
            self._app.install_screen(screen, name=name)
            self._kept[name] = screen
        return screen

    def drop(self, closing: set[Screen[Any]]) -> None:
        """Forget every kept screen, after the screens were popped (the next person starts with nothing of this
        one's). A kept screen in `closing` was one of them, and Textual removes it as it closes once it is no longer
        installed; the others are removed here."""
        kept, self._kept = self._kept, {}
        for name, screen in kept.items():
            self._app.uninstall_screen(name)
            if screen not in closing and screen.is_attached:
                screen.remove()

    def __contains__(self, screen: object) -> bool:
        return any(kept is screen for kept in self._kept.values())
