"""Audit events read in the reader's language: every action code the services write has words (the log keeps the
codes for filters and --json)."""

import ast
from pathlib import Path

from supportdesk.fields import Kind
from supportdesk.i18n import language, t
from supportdesk.services.audit_display import ACTIONS, OBJECTS, action_label, target_label

ROOT = Path(__file__).resolve().parents[2] / "supportdesk"
# Codes built from a value: what each part can be (tickets.add_entry, automation.store, datafiles).
BUILT = {
    "ticket.{kind}": [f"ticket.{k}" for k in ("reply", "internal_note", "call_log", "customer_message")],
    "rule.{change}": [f"rule.{c}" for c in ("created", "changed", "deleted", "enabled", "disabled", "moved")],
    "export.{kind}": [f"export.{k}" for k in Kind],
    "import.{kind}": [f"import.{k}" for k in Kind],
}


def written_codes() -> tuple[set[str], set[str]]:
    """(action codes, object types) in every audit.record / audit.record_view / audit.view_to_record call under
    supportdesk/."""
    actions: set[str] = set()
    objects: set[str] = set()
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "audit"):
                continue
            if node.func.attr in ("record_view", "view_to_record"):
                kind = node.args[2 if node.func.attr == "record_view" else 0]
                assert isinstance(kind, ast.Constant), f"{path}:{node.lineno}"
                actions.add(f"{kind.value}.view")
                objects.add(kind.value)
            elif node.func.attr == "record":
                code, kind = node.args[2], node.args[3]
                for part in (code.body, code.orelse) if isinstance(code, ast.IfExp) else (code,):
                    if isinstance(part, ast.Constant):
                        actions.add(part.value)
                    else:
                        shape = ast.unparse(part).strip("f'\"")
                        assert shape in BUILT, f"{path}:{node.lineno}: a code built as {shape}: add it to BUILT"
                        actions.update(BUILT[shape])
                if isinstance(kind, ast.Constant):
                    objects.add(kind.value)
    return actions, objects


def test_every_action_the_desk_writes_reads_as_words() -> None:
    actions, objects = written_codes()
    assert len(actions) > 50
    unnamed = sorted(code for code in actions if action_label(code) == code)
    assert not unnamed, f"add words for these audit codes to supportdesk/services/audit_display.py: {unnamed}"
    assert objects <= set(OBJECTS), sorted(objects - set(OBJECTS))
    assert set(ACTIONS) <= actions, "words for a code nothing writes"


def test_an_action_reads_in_the_language_chosen() -> None:
    shown = action_label("customer.view")
    assert shown == t("customer viewed")
    assert target_label("customer", 12) == f"{t('customer')} 12"
    assert action_label("ticket.reply") == t("{kind} added", kind="返信" if language() == "ja" else "reply")
    assert action_label("future.thing") == "future.thing"  # a newer desk's code is shown as it is
