"""Workers never touch widgets from their thread (Textual's guide, "Thread workers"): a lint over screens/.

A thread worker is a method decorated `@work(thread=True)` or the `call` given to `screens.workers.fetch`. Inside
one — or in any method of the same class it calls, followed through — these are refused:

- reading a widget: `query_one`, `query`, `query_children`, `get_widget_by_id`, `focused`;
- building a screen or dialog (`…Dialog(…)`, `…Screen(…)`): dialogs are built on the UI thread;
- reading the screen's own state (an attribute its methods assign: `self.customer_id`, `self.view` …): it can
  change while the worker runs (a kept screen reopened on another customer, screens/kept_screens.py), so the
  worker would answer for something else. Only its desk, app and sign-in entrance, which stay, may be used there.

Inputs are read on the UI thread and passed in as arguments (`fetch(self, partial(desk.call, text), show)`).
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SCREENS = Path(__file__).resolve().parents[2] / "screens"
WIDGET_READS = {"query_one", "query", "query_children", "get_widget_by_id", "focused", "query_exactly_one"}
FIXED = {"desk", "app", "entrance"}  # what a worker may take from `self`: the same for the screen's whole life


@dataclass(frozen=True)
class Finding:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _is_thread_worker(node: ast.FunctionDef) -> bool:
    return any(
        isinstance(decorator, ast.Call)
        and getattr(decorator.func, "id", None) == "work"
        and any(k.arg == "thread" and getattr(k.value, "value", False) is True for k in decorator.keywords)
        for decorator in node.decorator_list
    )


def _problems(tree: ast.AST) -> Iterator[str]:
    """Widget reads and dialogs built in `tree` (not descending into nested functions' bodies, except lambdas)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in WIDGET_READS:
            yield f"reads a widget ({node.attr})"
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name.endswith(("Dialog", "Screen")) and name[:1].isupper():
                yield f"builds {name} off the UI thread"


def _self_calls(tree: ast.AST, properties: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Methods of `self` that `tree` calls, and its properties that it reads (a property runs code too)."""
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    }
    read = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
    }
    return called | (read & properties)


def _state_read(tree: ast.AST) -> set[str]:
    """Attributes of `self` that `tree` reads (not those it only assigns)."""
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
        and isinstance(node.ctx, ast.Load)
    }


def _state_kept(cls: ast.ClassDef) -> set[str]:
    """The screen's own state: attributes of `self` that its methods assign."""
    return {
        target.attr
        for node in ast.walk(cls)
        for target in (node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)])
        for target in (target.elts if isinstance(target, ast.Tuple) else [target])
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self"
    }


def _is_property(node: ast.FunctionDef) -> bool:
    return any(getattr(d, "id", None) in ("property", "cached_property") for d in node.decorator_list)


def _class_findings(path: Path, cls: ast.ClassDef) -> Iterator[Finding]:
    methods = {n.name: n for n in cls.body if isinstance(n, ast.FunctionDef)}
    properties = {name for name, node in methods.items() if _is_property(node)}
    state = _state_kept(cls) - FIXED

    def reach(start: ast.AST) -> Iterator[tuple[str, str]]:
        """Problems in `start` and in the methods of this class it calls, transitively."""
        seen: set[str] = set()
        todo: list[tuple[str, ast.AST]] = [("", start)]
        while todo:
            via, tree = todo.pop()
            for problem in _problems(tree):
                yield via, problem
            for name in sorted(_state_read(tree) & state):
                yield via, f"reads self.{name} in the thread (pass it in)"
            for name in _self_calls(tree, properties) - seen:
                if name in methods:
                    seen.add(name)
                    todo.append((f"{via} → {name}()" if via else f"via {name}()", methods[name]))

    for method in methods.values():
        if _is_thread_worker(method):
            for via, problem in reach(method):
                yield Finding(f"{path.name}:{method.lineno} {cls.name}.{method.name} {via}".strip(), problem)
        for node in ast.walk(method):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "fetch" and len(node.args) >= 2:
                for deferred in _runs_in_thread(node.args[1], methods):
                    for via, problem in reach(deferred):
                        where = f"{path.name}:{node.lineno} {cls.name}.{method.name} fetch(call) {via}"
                        yield Finding(where.strip(), problem)


def _runs_in_thread(call: ast.expr, methods: dict[str, ast.FunctionDef]) -> list[ast.AST]:
    """What of fetch's `call` runs in the thread: a lambda's body, or the method a partial or reference names.

    A partial's arguments are evaluated where fetch is called, on the UI thread: that is how inputs get in.
    """
    if isinstance(call, ast.Lambda):
        return [call.body]
    target = call.args[0] if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "partial" else call
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "self":
        return [methods[target.attr]] if target.attr in methods else []
    return []


def worker_findings(root: Path = SCREENS) -> list[Finding]:
    found: dict[Finding, None] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            found.update(dict.fromkeys(_class_findings(path, cls)))
    return list(found)


def test_no_screen_reads_a_widget_or_builds_a_dialog_from_a_worker_thread() -> None:
    findings = worker_findings()
    assert not findings, "move these onto the UI thread (pass inputs in; show results with fetch):\n" + "\n".join(
        map(str, findings)
    )


def test_the_lint_finds_a_widget_read_behind_a_property(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from textual import work\n"
        "class Bad:\n"
        "    @property\n"
        "    def typed(self):\n"
        "        return self.query_one('#lookup').value\n"
        "    def later(self):\n"
        "        fetch(self, lambda: self.desk.find_customers(self.typed), self.show, group='g')\n"
    )
    assert [f.what for f in worker_findings(tmp_path)] == ["reads a widget (query_one)"]


def test_the_lint_finds_a_widget_read_behind_a_helper_method(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from textual import work\n"
        "class Bad:\n"
        "    def _filters(self):\n"
        "        return self.query_one('#status').value\n"
        "    @work(thread=True)\n"
        "    def load(self):\n"
        "        self.desk.list(self._filters())\n"
        "    def later(self):\n"
        "        fetch(self, lambda: self.desk.users(AssignDialog()), self.show, group='g')\n"
    )
    found = {f.what for f in worker_findings(tmp_path)}
    assert found == {"reads a widget (query_one)", "builds AssignDialog off the UI thread"}


def test_the_lint_finds_a_worker_reading_the_screens_own_state(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from textual import work\n"
        "class Bad:\n"
        "    @work(thread=True)\n"
        "    def load(self):\n"
        "        self.app.call_from_thread(self.show, self.desk.customer_360(self.customer_id))\n"
        "    def later(self):\n"
        "        fetch(self, lambda: self.desk.get_ticket(self.number), self.show, group='g')\n"
        "        fetch(self, partial(self.desk.get_ticket, self.number), self.show, group='g')  # read here: fine\n"
        "    def show(self, found):\n"
        "        self.found = found\n"
        "    def reopen(self, number, customer_id):\n"
        "        self.number, self.customer_id = number, customer_id\n"
    )
    found = sorted(f.what for f in worker_findings(tmp_path))
    assert found == [
        "reads self.customer_id in the thread (pass it in)",
        "reads self.number in the thread (pass it in)",
    ]
