"""Every word the UI shows has its Japanese, and the app switched to Japanese shows it.

The source scan reads screens/**/*.py with ast, so a new `t("…")` without a JA entry fails here rather than
showing English to a Japanese agent. Labels passed to t() through a table (QUEUE_LABELS[q], `for label in (...)`)
are followed back to their literals; a t() argument the scan cannot follow fails too, so nothing slips past.
"""

import ast
from enum import StrEnum
from functools import cache
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Tab

from screens.app import SupportDeskApp
from screens.home import HomeScreen
from screens.i18n import JA, JA_VALUES, language, set_language, t, v
from supportdesk.desk import Desk
from supportdesk.models import (
    AcquisitionChannel,
    Channel,
    CustomerRank,
    EntryKind,
    Gender,
    InquiryType,
    Priority,
    Role,
    Status,
)
from supportdesk.services.ticket_queries import TicketSort

SCREENS = Path(__file__).resolve().parents[2] / "screens"


# ---- following t() arguments back to their literals ----------------------------------------------------------


class _Scope:
    """Where names are bound: the module's top level and each enclosing function."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        self.parents = {child: node for node in ast.walk(self.module) for child in ast.iter_child_nodes(node)}

    def enclosing(self, node: ast.AST) -> list[ast.AST]:
        """The functions/lambdas around `node`, innermost first, then the module."""
        chain: list[ast.AST] = []
        current = self.parents.get(node)
        while current is not None:
            if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                chain.append(current)
            current = self.parents.get(current)
        return [*chain, self.module]

    def bindings(self, name: str, at: ast.AST) -> list[tuple[ast.AST, ast.expr]]:
        """(binding target, bound expression or the iterable it runs over) for `name` visible at `at`."""
        for scope in self.enclosing(at):
            found: list[tuple[ast.AST, ast.expr]] = []
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name) and target.id == name:
                            found.append((target, node.value))
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    if node.target.id == name and node.value is not None:
                        found.append((node.target, node.value))
                elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension) and _binds(node.target, name):
                    found.append((node.target, ast.Call(ast.Name("__iter__"), [node.iter], [])))
                elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("screens"):
                    for alias in node.names:
                        if (alias.asname or alias.name) == name:
                            found.append((node, ast.Call(ast.Name("__import__"), [ast.Constant(node.module)], [])))
            if found:
                return found
        return []

    def values(self, expr: ast.expr, at: ast.AST, depth: int = 0) -> list[ast.expr] | None:
        """The expressions `expr` can stand for; None when the scan cannot tell."""
        if depth > 12:
            return None
        if isinstance(expr, ast.Constant):
            return [expr]
        if isinstance(expr, ast.Name):
            out: list[ast.expr] = []
            bound = self.bindings(expr.id, at)
            if not bound:
                return None
            for target, value in bound:
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "__import__":
                    other = _scope_of(str(ast.literal_eval(value.args[0])), self.root)
                    imported = other.values(ast.Name(expr.id), other.module, depth + 1)
                    if imported is None:
                        return None
                    out.extend(imported)
                elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "__iter__":
                    elements = self.elements(value.args[0], at, depth + 1)
                    if elements is None:
                        return None
                    for element in elements:
                        part = _destructure(target, expr.id, element)
                        if part is None:
                            return None
                        out.extend(self.values(part, at, depth + 1) or [part])
                else:
                    out.append(value)
            return out
        if isinstance(expr, ast.Subscript):
            return self._dict_values(expr.value, at, depth)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get":
            return self._dict_values(expr.func.value, at, depth)
        return None

    def _dict_values(self, expr: ast.expr, at: ast.AST, depth: int) -> list[ast.expr] | None:
        for value in self.values(expr, at, depth + 1) or []:
            if isinstance(value, ast.Dict):
                return list(value.values)
        return None

    def elements(self, iterable: ast.expr, at: ast.AST, depth: int) -> list[ast.expr] | None:
        """What a for loop over `iterable` yields, element by element."""
        if isinstance(iterable, ast.Tuple | ast.List | ast.Set):
            return list(iterable.elts)
        if isinstance(iterable, ast.Dict):
            return [k for k in iterable.keys if k is not None]
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) and iterable.func.id == "zip":
            # zip(LABELS, other): the labels' positions are known even when the other sequence is not.
            columns = [self.elements(arg, at, depth + 1) for arg in iterable.args]
            known = [len(c) for c in columns if c is not None]
            if not known:
                return None
            unknown: ast.expr = ast.Name("<not a literal>")
            return [ast.Tuple([c[i] if c is not None else unknown for c in columns]) for i in range(min(known))]
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Attribute):
            method = iterable.func.attr
            for value in self.values(iterable.func.value, at, depth + 1) or []:
                if isinstance(value, ast.Dict) and method == "items":
                    return [ast.Tuple([k, v]) for k, v in zip(value.keys, value.values, strict=True) if k is not None]
                if isinstance(value, ast.Dict) and method == "values":
                    return list(value.values)
            return None
        if isinstance(iterable, ast.Name):
            out: list[ast.expr] = []
            for value in self.values(iterable, at, depth + 1) or []:
                elements = self.elements(value, at, depth + 1)
                if elements is None:
                    return None
                out.extend(elements)
            return out or None
        return None


@cache
def _scope_of(module: str, root: Path) -> _Scope:
    """The scope of a screens module by its dotted name (screens.home → <root>/home.py)."""
    path = root.parent.joinpath(*module.split("."))
    return _Scope(path / "__init__.py" if path.is_dir() else path.with_suffix(".py"), root)


def _binds(target: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(target))


def _destructure(target: ast.AST, name: str, element: ast.expr) -> ast.expr | None:
    """The part of `element` that lands in `name` when assigned to `target` (for a, b in ...)."""
    if isinstance(target, ast.Name):
        return element if target.id == name else None
    if isinstance(target, ast.Tuple) and isinstance(element, ast.Tuple) and len(target.elts) == len(element.elts):
        for sub_target, sub_element in zip(target.elts, element.elts, strict=True):
            if _binds(sub_target, name):
                return _destructure(sub_target, name, sub_element)
    return None


def ui_strings(root: Path = SCREENS) -> tuple[dict[str, list[str]], list[str]]:
    """Every text passed to t() under `root` with where it is, and the t() calls the scan could not follow."""
    found: dict[str, list[str]] = {}
    unknown: list[str] = []
    for path in sorted(root.rglob("*.py")):
        scope = _Scope(path, root)
        for node in ast.walk(scope.module):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"):
                continue
            where = f"{path.relative_to(root.parent)}:{node.lineno}"
            values = scope.values(node.args[0], node) if node.args else None
            if values is None or not values:
                unknown.append(f"{where}: {ast.unparse(node)}")
                continue
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(value.value, []).append(where)
                else:
                    unknown.append(f"{where}: {ast.unparse(node)} may be {ast.unparse(value)}")
    return found, list(dict.fromkeys(unknown))


# ---- the source -----------------------------------------------------------------------------------------------


def test_every_ui_text_has_a_japanese_translation() -> None:
    found, unknown = ui_strings()
    missing = {text: where for text, where in found.items() if text not in JA}
    assert not missing, "add these to screens.i18n.JA:\n" + "\n".join(f"  {k!r}  ({v[0]})" for k, v in missing.items())
    assert not unknown, "t() needs a literal or a table of literals the i18n test can read:\n" + "\n".join(unknown)


def test_the_scan_sees_literals_tables_and_loops() -> None:
    """Guard for the scan itself: texts reached in each way the screens use are found."""
    found, _ = ui_strings()
    assert "Find caller" in found  # t("…") in a Binding
    assert "My open" in found  # t(QUEUE_LABELS[q])
    assert "Subject" in found  # for label in ("#", "Status", …): t(label)
    assert "Kana" in found  # pairs = [("Kana", …)] … for label, value in pairs
    assert "Write an internal note (not sent to the customer)…" in found  # t(PLACEHOLDERS[self.kind])
    assert "The customer replied" in found  # t(SYSTEM_REASONS[entry.body])
    assert "Customer message" in found  # t(KIND_LABELS.get(entry.kind, entry.kind))
    assert "Unit price" in found  # for selector, labels in columns.items(): for label in labels
    assert "Postal code" in found  # for name, label in TEXT_FIELDS
    assert any(w.startswith("screens/commands.py") for w in found["All open"])  # imported from screens.home


def test_the_scan_catches_a_new_untranslated_text_and_an_argument_it_cannot_read(tmp_path: Path) -> None:
    root = tmp_path / "screens"
    root.mkdir()
    (root / "labels.py").write_text('LABELS = {"a": "Refund issued"}\nCOLUMNS = ("Open", "Overdue")\n')
    (root / "new_screen.py").write_text(
        "from screens.i18n import t\n"
        "from screens.labels import COLUMNS, LABELS\n"
        "def compose(kind, message, filters):\n"
        '    yield t("Brand-new words")\n'
        "    yield t(LABELS[kind])\n"
        "    yield t(message)\n"
        "    for column, flt in zip(COLUMNS, filters):\n"
        "        yield t(column), t(flt)\n"
    )
    found, unknown = ui_strings(root)
    assert set(found) == {"Brand-new words", "Refund issued", "Open", "Overdue"}
    assert unknown == ["screens/new_screen.py:6: t(message)", "screens/new_screen.py:8: t(flt) may be <not a literal>"]


def test_japanese_keeps_every_placeholder_of_the_english() -> None:
    """A translation that drops or renames {count} would raise KeyError, or say the wrong thing, at runtime."""
    from string import Formatter

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in Formatter().parse(text) if name}

    wrong = {en: ja for en, ja in JA.items() if fields(en) != fields(ja)}
    assert not wrong


# ---- vocabulary values ----------------------------------------------------------------------------------------

VOCABULARIES: list[type[StrEnum]] = [
    Status,
    Priority,
    InquiryType,
    Channel,
    CustomerRank,
    # Also shown through v(): the sort label, thread kinds, the assign dialog and the customer profile.
    TicketSort,
    EntryKind,
    Role,
    Gender,
    AcquisitionChannel,
]


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda e: e.__name__)
def test_every_vocabulary_value_has_japanese(vocabulary: type[StrEnum]) -> None:
    missing = [member.value for member in vocabulary if member.value not in JA_VALUES]
    assert not missing


def test_values_show_in_the_current_language() -> None:
    set_language("ja")
    assert (v("on_hold"), v("urgent"), v("web_form"), v("vip")) == ("保留", "緊急", "Webフォーム", "VIP")
    assert v(None) == "—"
    set_language("en")
    assert (v("on_hold"), v("web_form")) == ("on hold", "web form")
    assert t("{count} customers found", count=3) == "3 customers found"


def test_an_unknown_language_falls_back_to_english() -> None:
    set_language("fr")
    assert language() == "en"
    assert t("My open") == "My open"


# ---- the running app ------------------------------------------------------------------------------------------


async def settle(app: SupportDeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_the_app_in_japanese_shows_japanese_queues_columns_and_values(desk: Desk) -> None:
    app = SupportDeskApp(desk, lang="ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert str(home.query_one("#mine", Tab).label) == "自分の未完了 (2)"
        assert str(home.query_one("#unassigned", Tab).label) == "未割り当て (0)"
        assert str(home.query_one("#follow_up", Tab).label) == "フォロー期限 (0)"
        assert str(home.query_one("#all_open", Tab).label) == "すべての未完了 (2)"
        table = home.query_one("#tickets", DataTable)
        assert [str(c.label) for c in table.columns.values()][:4] == ["#", "状態", "優先度", "種別"]
        assert {str(table.get_row_at(i)[1]) for i in range(table.row_count)} <= {"新規", "対応中"}
        assert str(home.query_one("#sort-label").render()).startswith("並び順: 更新日時")
        assert home.query_one("#lookup", Input).placeholder.startswith("発信者を検索")

        await pilot.press(*"ササキ")
        await settle(app, pilot)
        assert str(home.query_one("#results-title").render()) == "1 件の顧客"
