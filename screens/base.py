"""What every screen of the desk shares: access to the desk and plain-words reporting of failed work."""

from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from supportdesk.errors import SessionEnded, SupportDeskError
from supportdesk.i18n import t

if TYPE_CHECKING:
    from screens.app import SupportDeskApp
    from supportdesk.desk import Desk

ResultType = TypeVar("ResultType")


def describe_error(error: BaseException | None) -> str:
    if isinstance(error, SupportDeskError):
        return str(error)
    return t("Something went wrong: {error}", error=error)


class _InApp(Protocol):
    """A widget, screen or command provider: anything that knows its app."""

    @property
    def app(self) -> App[object]: ...


def desk_app(node: _InApp) -> "SupportDeskApp":
    """The running SupportDesk app, typed: Textual types `node.app` as any App (Posting's `cast` pattern)."""
    return cast("SupportDeskApp", node.app)


class AppScreen(Screen[ResultType], Generic[ResultType]):
    @property
    def desk_app(self) -> "SupportDeskApp":
        return desk_app(self)

    @property
    def desk(self) -> "Desk":
        return desk_app(self).desk

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker.StateChanged does not bubble, so each screen reports its own workers' failures.
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[object]) -> None:
        if isinstance(worker.error, SessionEnded):
            desk_app(self).session_ended(str(worker.error))
            return
        self.notify(describe_error(worker.error), severity="error", timeout=8)
