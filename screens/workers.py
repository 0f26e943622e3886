"""The one way screens and widgets run desk calls off the event loop.

`fetch(node, call, show, group=...)` runs `call()` in a thread worker and hands its result to `show` on the UI
thread, only if the worker was not cancelled meanwhile (a newer lookup replaced it, the screen closed). The rules
it enforces, from Textual's guide (docs/guide/workers.md, "Thread workers"):

- inputs are read on the UI thread and bound into `call` before it starts (`partial(desk.find_customers, text)`),
  so a worker never reads a widget from its thread;
- `show` runs on the UI thread; it may build and push dialogs;
- nothing touches the database on the event loop: every Desk call goes through here.

tests/screens/test_worker_rules.py reads screens/ and fails on a widget read (`query_one`, `query`, `focused` …)
or a dialog built in any code that runs in a worker thread: fetch's `call`, a `@work(thread=True)` method (some
screens still have them), and every method or property of the class those reach.
"""

from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

T = TypeVar("T")


def fetch(
    node: DOMNode,
    call: Callable[[], T],
    show: Callable[[T], object] | None = None,
    *,
    group: str,
    exclusive: bool = True,
) -> Worker[T]:
    """Run `call` in a thread worker of `node`; `show(result)` on the UI thread unless the worker was cancelled.

    With `exclusive` (the default) a new fetch in the same group cancels the one before, so only the latest
    lookup or load is ever shown. Errors are reported by the node's `Worker.StateChanged` handler.
    """

    def work() -> T:
        result = call()
        worker = get_current_worker()
        if show is not None and not worker.is_cancelled:
            node.app.call_from_thread(_deliver, node, worker, show, result)
        return result

    return node.run_worker(work, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


def _deliver(node: DOMNode, worker: Worker[T], show: Callable[[T], object], result: T) -> None:
    # Cancelled while the result was on its way, or the screen is gone: nothing to show it on.
    if worker.is_cancelled or not node.is_attached:
        return
    show(result)
