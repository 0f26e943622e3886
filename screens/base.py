"""What every screen of the desk shares: access to the desk and plain-words reporting of failed work."""

from typing import TYPE_CHECKING, Generic, TypeVar

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from supportdesk.errors import SessionEnded, SupportDeskError
from supportdesk.i18n import t

if TYPE_CHECKING:
    from supportdesk.desk import Desk

ResultType = TypeVar("ResultType")


def describe_error(error: BaseException | None) -> str:
    if isinstance(error, SupportDeskError):
        return str(error)
    return t("Something went wrong: {error}", error=error)


class AppScreen(Screen[ResultType], Generic[ResultType]):
    @property
    def desk(self) -> "Desk":
        return self.app.desk  # type: ignore[attr-defined,no-any-return]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker.StateChanged does not bubble, so each screen reports its own workers' failures.
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[object]) -> None:
        if isinstance(worker.error, SessionEnded):
            self.app.session_ended(str(worker.error))  # type: ignore[attr-defined]
            return
        self.notify(describe_error(worker.error), severity="error", timeout=8)
