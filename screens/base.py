"""What every screen of the desk shares: access to the desk, keys in the desk's language, plain-words errors."""

from dataclasses import replace
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from textual import events, on
from textual.app import App
from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from supportdesk.errors import SessionEnded, SupportDeskError
from supportdesk.i18n import N_, knows, t

if TYPE_CHECKING:
    from screens.app import SupportDeskApp
    from supportdesk.desk import Desk

ResultType = TypeVar("ResultType")


def describe_error(error: BaseException | None) -> str:
    if isinstance(error, SupportDeskError):
        return error.in_app  # the app's words where the CLI's name a command
    return t("Something went wrong: {error}", error=error)


class _InApp(Protocol):
    """A widget, screen or command provider: anything that knows its app."""

    @property
    def app(self) -> App[object]: ...


def desk_app(node: _InApp) -> "SupportDeskApp":
    """The running SupportDesk app, typed: Textual types `node.app` as any App (Posting's `cast` pattern)."""
    return cast("SupportDeskApp", node.app)


def failure_to_show(node: _InApp, event: Worker.StateChanged) -> str | None:
    """For a widget that runs its own workers (Worker.StateChanged does not bubble, so no screen hears of them):
    what to show in place of what a failed worker was to bring, in the person's language. None when the worker did
    not fail, or when the session ended: the app has then signed the person out, as a screen's failure would."""
    if event.state != WorkerState.ERROR:
        return None
    error = event.worker.error
    if isinstance(error, SessionEnded):
        desk_app(node).session_ended(str(error))
        return None
    return describe_error(error)


# Textual's own words in the footer (the command palette's key), translated like ours when shown.
TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"))


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Binding descriptions are catalog texts (N_), shown in the language current now rather than at import.

    The desk's own bindings (ids like "home.refresh") must be in the catalog; Textual's widget keys (cursor
    moves, copy and paste in an input) are not the desk's and are left out of the footer and F1 list.
    """

    def say(text: str, ours: bool) -> str:
        return t(text) if text and (ours or knows(text)) else ""

    out = {}
    for key, active in bindings.items():
        binding = active.binding
        ours = "." in (binding.id or "")
        out[key] = active._replace(
            binding=replace(binding, description=say(binding.description, ours), tooltip=say(binding.tooltip, ours)),
            tooltip=say(active.tooltip, ours),
        )
    return out


class DeskScreen(Screen[ResultType], Generic[ResultType]):
    """A screen whose footer, F1 list and key panel read the keys in the desk's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)


class DeskModal(ModalScreen[ResultType], Generic[ResultType]):
    """A modal screen (dialog, help) whose keys read in the desk's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)


class AppScreen(DeskScreen[ResultType], Generic[ResultType]):
    @property
    def desk_app(self) -> "SupportDeskApp":
        return desk_app(self)

    @property
    def desk(self) -> "Desk":
        return desk_app(self).desk

    _left_for_another = False

    @on(events.ScreenSuspend)
    def _left(self) -> None:
        self._left_for_another = True

    _styled_at: int | None = None  # the app's CSS update count when this screen's styles were last applied

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every node of a screen each time it is shown again. A kept screen (screens/kept_screens.py)
        # comes back styled as it left unless the app's CSS changed meanwhile (a theme chosen while it was closed),
        # and restyling its whole tree was ~15% of reopening a ticket or a search (bench/bench_app.py profile).
        css_now = desk_app(self)._css_update_count
        if self._styled_at == css_now:
            event.refresh_styles = False
        super()._on_screen_resume(event)
        self._styled_at = css_now

    @on(events.ScreenResume)
    def _back(self) -> None:
        # Textual also sends ScreenResume when a screen is first shown, while the load its on_mount started may
        # still be running or already done: reloading then did every first load twice, and a 360 refilled its
        # tables while they were being laid out (its snapshot caught that half-drawn).
        if self._left_for_another:
            self._left_for_another = False
            self.came_back()

    def came_back(self) -> None:
        """Shown again after a screen or dialog above this one closed (not on its first showing)."""

    def shown_anew(self) -> None:
        """A kept screen about to show something else (screens/kept_screens.py): its next showing is a first one,
        not a return, so it does not reload on top of the load its `reopen` starts."""
        self._left_for_another = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker.StateChanged does not bubble, so each screen reports its own workers' failures.
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[object]) -> None:
        if isinstance(worker.error, SessionEnded):
            desk_app(self).session_ended(str(worker.error))
            return
        self.notify(describe_error(worker.error), severity="error", timeout=8)
