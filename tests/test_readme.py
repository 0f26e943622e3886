"""The README's shell examples run as written against a fresh demo desk, so the examples and the demo data stay true
together.

Each ```sh block that follows a `<!-- readme-test: … -->` line in README.md is run line by line with bash, in the
order written, through the installed `supportdesk` script: `demo` blocks against the demo desk, `own-desk` blocks
(`supportdesk --user admin …`, written for a person's own desk) against that same desk through SUPPORTDESK_DB. The
password is the demo one (`<login>-demo`), as a person following the README would type it; the few commands that
read an answer from the keyboard get it on stdin.
"""

import itertools
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PG_URL
from tests.waiting import run_process

README = Path(__file__).resolve().parents[1] / "README.md"
BIN = Path(sys.executable).parent

# What a person types when a README command asks (the command reads it from stdin when not at a terminal).
ANSWERS = {
    "user passwd": "admin-demo\n",  # the administrator sets their own password first
    "user add": "mori-demo-pass\n",  # the new account's first password
    "privacy anonymise": "1\n",  # the customer number, typed again to confirm
}

pytestmark = pytest.mark.skipif(PG_URL is not None, reason="the README's examples use the demo desk (SQLite)")


@dataclass(frozen=True)
class Example:
    block: str
    line: int
    command: str

    def __str__(self) -> str:
        return f"README.md:{self.line}: {self.command}"


def examples() -> list[Example]:
    found: list[Example] = []
    block: str | None = None
    in_code = False
    for number, text in enumerate(README.read_text(encoding="utf-8").splitlines(), start=1):
        if marker := re.fullmatch(r"<!-- readme-test: ([\w-]+) -->", text.strip()):
            block = marker[1]
        elif text.startswith("```"):
            in_code = not in_code and block is not None and text.strip() == "```sh"
            if not in_code:
                block = None
        elif in_code and block and text.strip() and not text.lstrip().startswith("#"):
            found.append(Example(block, number, text.strip()))
    return found


def login_of(command: str) -> str:
    words = shlex.split(command, comments=True)
    for before, word in itertools.pairwise(words):
        if before == "--user":
            return word
    return "sato"  # `supportdesk demo` and `--demo` act as sato unless told otherwise


def answer_for(command: str) -> str:
    return next((text for words, text in ANSWERS.items() if f" {words} " in f" {command} "), "")


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh demo desk in its own data directory, built by the installed command as `make demo` does."""
    home = tmp_path_factory.mktemp("readme")
    result = run("supportdesk demo --no-launch", home, stdin="", password=None)
    assert result.returncode == 0, result.stderr
    return home


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTDESK_")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        SUPPORTDESK_DATA_DIR=str(home / "data"),
        SUPPORTDESK_CONFIG_DIR=str(home / "config"),
        SUPPORTDESK_LANG="en",
        COLUMNS="120",
    )
    return env


def run(command: str, home: Path, stdin: str, password: str | None) -> subprocess.CompletedProcess[str]:
    env = environment(home)
    if password is not None:
        env["SUPPORTDESK_PASSWORD"] = password
    return run_process(["bash", "-o", "pipefail", "-c", command], cwd=home, input=stdin, env=env)


def test_the_readme_marks_its_runnable_examples():
    blocks = {example.block for example in examples()}
    assert blocks == {"demo", "own-desk"}
    assert len(examples()) >= 25


def test_every_readme_example_runs_against_a_fresh_demo_desk(demo_home: Path):
    demo_db = f"sqlite:///{demo_home / 'data' / 'demo' / 'supportdesk-demo.db'}"
    failures = []
    for example in examples():
        command = example.command
        if example.block == "own-desk":
            command = f"SUPPORTDESK_DB={shlex.quote(demo_db)} {command}"
        password = None if "--password-stdin" in command else f"{login_of(command)}-demo"
        result = run(command, demo_home, answer_for(command), password)
        if result.returncode != 0 or (result.stderr.strip() and "supportdesk:" in result.stderr):
            failures.append(f"{example}\n    exit {result.returncode}: {result.stderr.strip()}")
        elif "find" in command.split() and result.stdout.startswith("No customer matches"):
            failures.append(f"{example}\n    finds nobody on the demo desk")
    assert not failures, "README examples that fail on the demo desk:\n" + "\n".join(failures)


# ---- what the README promises about --json ----------------------------------------------------------------------

JSON_SENTENCE = re.compile(
    r"For\s+scripts,\s+every\s+(?P<groups>.+?)\s+command\s+and\s+(?P<single>`[^`]+`)\s+take\s+`--json`", re.S
)


def test_every_command_the_readme_says_takes_json_does():
    from tests.supportdesk.test_cli_errors import every_command, options_of

    found = JSON_SENTENCE.search(README.read_text(encoding="utf-8"))
    assert found, "the README's sentence on --json moved; keep this test in step with it"
    groups = re.findall(r"`([\w ]+)`", found["groups"])
    commands = every_command()
    leaves = [c for c in commands if not any(other.startswith(f"{c} ") for other in commands)]
    promised = [c for c in leaves if c.split(" ")[0] in groups] + [found["single"].strip("`")]
    assert len(promised) > 15
    lacking = [command for command in promised if "--json" not in options_of(command)]
    assert not lacking, f"the README says these take --json: {lacking}"
