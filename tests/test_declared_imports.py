"""Every third-party module the code imports is declared in pyproject (.ci/undeclared_imports.py, run by make test)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _checker():
    spec = importlib.util.spec_from_file_location("undeclared_imports", ROOT / ".ci" / "undeclared_imports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.undeclared


def _project(tmp_path: Path, bench_imports: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["typer>=0.29,<1"]\n'
        '[project.optional-dependencies]\ndev = ["pytest>=8,<9"]\nbench = ["tantivy_like_engine>=0.1,<0.2"]\n',
        encoding="utf-8",
    )
    (tmp_path / "supportdesk").mkdir()
    (tmp_path / "supportdesk" / "cli.py").write_text("import typer\n", encoding="utf-8")
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "engines.py").write_text(bench_imports, encoding="utf-8")
    return tmp_path


def test_this_project_declares_every_import():
    assert _checker()(ROOT) == []


def test_a_module_of_an_extra_that_is_not_installed_counts_as_declared(tmp_path: Path):
    assert _checker()(_project(tmp_path, "import tantivy_like_engine\nimport pytest\n")) == []


def test_an_undeclared_module_is_named_with_the_file_that_imports_it(tmp_path: Path):
    found = _checker()(_project(tmp_path, "import tantivy_like_engine\nimport nosuchengine\n"))
    assert found == ["nosuchengine (imported in bench/engines.py) is not in the dev extra"]
