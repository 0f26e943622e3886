"""Fail when code imports a third-party module that pyproject does not declare.

The shipped packages must import only `[project] dependencies` and the optional extras (a plain `pip install .`
would lack anything else); tests and benchmarks may also use the dev extra. Run with the project's venv python
(it maps modules to the distributions installed there): `.venv/bin/python .ci/undeclared_imports.py .`
"""

import ast
import importlib.metadata as md
import re
import sys
import tomllib
from pathlib import Path

OWN = {"supportdesk", "screens", "search_index", "tests", "bench"}
SHIPPED = ("supportdesk", "screens", "search_index")
DEV_ONLY = ("tests", "bench")


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def undeclared(root: Path) -> list[str]:
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project.get("optional-dependencies", {})
    shipped = _names(project.get("dependencies", [])) | _names(
        [r for name, reqs in extras.items() if name != "dev" for r in reqs]
    )
    dev = shipped | _names(extras.get("dev", []))
    dists = md.packages_distributions()
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    problems: list[str] = []
    for folders, declared, where in ((SHIPPED, shipped, "dependencies"), (DEV_ONLY, dev, "the dev extra")):
        seen: set[str] = set()
        for folder in folders:
            for path in sorted((root / folder).rglob("*.py")):
                for top in sorted(_imports(path) - OWN - stdlib - seen):
                    if (path.parent / f"{top}.py").exists():  # a script's neighbour (bench/common.py)
                        continue
                    # A module of an extra that is not installed here (bench's tantivy) has no distribution to
                    # map it to: then its own name is the one that must be declared.
                    names = dists.get(top) or [top]
                    if not {d.lower().replace("_", "-") for d in names} & declared:
                        seen.add(top)
                        problems.append(f"{top} (imported in {path.relative_to(root)}) is not in {where}")
    return problems


if __name__ == "__main__":
    found = undeclared(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    print("\n".join(found) or "every import is declared in pyproject.toml")
    sys.exit(1 if found else 0)
