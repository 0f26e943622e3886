"""search_index stays a plain-data library that is cheap to import."""

from __future__ import annotations

import json
import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    full = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", full], check=True, capture_output=True, text=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_importing_search_index_loads_no_database_core_ui_or_dictionary() -> None:
    loaded = _modules_after("import search_index")
    forbidden = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "supportdesk", "screens", "textual", "sudachipy")
    assert not {m for m in loaded if m.split(".")[0] in forbidden}


def test_the_dictionary_loads_only_when_text_is_analysed() -> None:
    assert "sudachipy" in _modules_after(
        "from search_index.tokenizers import get_tokenizer\nlist(get_tokenizer('sudachi').tokens('返品'))"
    )
