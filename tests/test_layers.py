"""The three rooms stay apart: checked in a clean interpreter, as the import-linter contract also does."""

import json
import subprocess
import sys

import pytest

CORE_MODULES = [
    "supportdesk.models",
    "supportdesk.normalize",
    "supportdesk.services.tickets",
    "supportdesk.services.customers",
    "supportdesk.desk",
    "supportdesk.cli.main",
]


def _loaded_after_import(module: str) -> set[str]:
    code = f"import json, sys, {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out))


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_never_loads_textual_or_screens(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert not {m for m in loaded if m == "textual" or m.startswith(("textual.", "screens"))}


def test_search_index_loads_no_sql_core_or_ui() -> None:
    loaded = _loaded_after_import("search_index")
    forbidden = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "supportdesk", "screens", "textual")
    assert not {m for m in loaded if m.split(".")[0] in forbidden}


def test_no_engine_is_created_at_import_time() -> None:
    code = (
        "import sqlalchemy.engine.create as c; calls = []\n"
        "orig = c.create_engine\n"
        "import sqlalchemy, sqlmodel\n"
        "sqlalchemy.create_engine = sqlmodel.create_engine = lambda *a, **k: calls.append(a) or orig(*a, **k)\n"
        "import supportdesk.desk, supportdesk.cli.main, supportdesk.db\n"
        "print(len(calls))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "0"
