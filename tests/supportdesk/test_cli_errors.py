"""A person who mistypes any command gets one line saying what is wrong and the right exit code — never a traceback.

Every case runs the installed `supportdesk` script in a subprocess, as a shell user or script does. The list of
commands comes from the typer app itself, so a new command without a case here fails the first test.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from supportdesk.cli.main import app, main
from supportdesk.services.actor import Actor
from tests.conftest import PG_URL
from tests.waiting import run_process

SUPPORTDESK = Path(sys.executable).with_name("supportdesk")

# A bad argument for every command and command group: (arguments, exit code, words the line must contain).
USAGE_CASES: dict[str, tuple[list[str], int, str]] = {
    "": (["nosuchcmd"], 2, "no such command 'nosuchcmd'"),
    "ticket": (["ticket", "shw"], 2, "did you mean show?"),
    "ticket list": (["ticket", "list", "--limit", "0"], 2, "--limit: '0' is below 1"),
    "ticket show": (["ticket", "show", "abc"], 2, "NUMBER: 'abc' is not a whole number"),
    "ticket new": (["ticket", "new", "--customer", "1"], 2, "--subject is missing"),
    "ticket reply": (["ticket", "reply", "12"], 2, "TEXT is missing"),
    "ticket note": (["ticket", "note", "x", "メモ"], 2, "NUMBER: 'x' is not a whole number"),
    "ticket call": (["ticket", "call", "12", "--minutes", "inf"], 2, "--minutes: 'inf' is not a finite number"),
    "ticket status": (["ticket", "status", "12", "bogus"], 2, "STATUS: 'bogus' is not one of new, open"),
    "ticket assign": (["ticket", "assign", "12", "--expect-version", "v7"], 2, "--expect-version: 'v7'"),
    "ticket attachment": (["ticket", "attachment", "open", "1", "1"], 2, "no such command 'open'"),
    "ticket attachment save": (["ticket", "attachment", "save", "12", "1"], 2, "--out is missing"),
    "ticket attachment safe": (["ticket", "attachment", "safe", "12", "0"], 2, "ATT: '0' is below 1"),
    "ticket tag": (["ticket", "tag", "12"], 2, "+TAG|-TAG is missing"),
    "ticket message": (["ticket", "message", "12", "手紙", "--channel", "pigeon"], 2, "--channel: 'pigeon' is not one"),
    "ticket link": (["ticket", "link", "12", "13", "--kind", "sibling"], 2, "--kind: 'sibling' is not one of"),
    "ticket unlink": (["ticket", "unlink", "12"], 2, "OTHER is missing"),
    "ticket merge": (["ticket", "merge", "12", "#13"], 2, "OTHER: '#13' is not a whole number"),
    "customer": (["customer", "fnd", "x"], 2, "did you mean find?"),
    "customer find": (["customer", "find", "x", "--limit", "1e308"], 2, "--limit: '1e308' is not a whole number"),
    "customer duplicates": (["customer", "duplicates", "--limit", "-5"], 2, "--limit: '-5' is below 1"),
    "customer merge": (["customer", "merge", "12"], 2, "B is missing"),
    "customer add": (["customer", "add"], 2, "FIELD=VALUE... is missing"),
    "customer show": (["customer", "show", "山田"], 2, "CUSTOMER: '山田' is not a whole number"),
    "customer edit": (["customer", "edit", "12"], 2, "FIELD=VALUE... is missing"),
    "customer purchase": (["customer", "purchase", "12"], 2, "--product is missing"),
    "customer subscribe": (["customer", "subscribe", "12", "--product", "0"], 2, "--product: '0' is below 1"),
    "customer cancel": (["customer", "cancel", "3", "--reason", "bored"], 2, "--reason: 'bored' is not one of"),
    "company": (["company", "list"], 2, "no such command 'list'"),
    "company add": (["company", "add"], 2, "FIELD=VALUE... is missing"),
    "company show": (["company", "show", "x"], 2, "COMPANY: 'x' is not a whole number"),
    "company edit": (["company", "edit", "1", "--expect-version", "0"], 2, "--expect-version: '0' is below 1"),
    "user": (["user", "remove", "sato"], 2, "no such command 'remove'"),
    "user add": (["user", "add", "mori", "--name", "森", "--role", "boss"], 2, "--role: 'boss' is not one of"),
    "user list": (["user", "list", "--all"], 2, "no such option --all"),
    "user disable": (["user", "disable"], 2, "LOGIN is missing"),
    "user enable": (["user", "enable", "mori", "sato"], 2, "unexpected extra argument 'sato'"),
    "user role": (["user", "role", "mori", "boss"], 2, "ROLE: 'boss' is not one of agent, lead, trainer, admin"),
    "user passwd": (["user", "passwd", "mori", "x"], 2, "unexpected extra argument 'x'"),
    "privacy": (["privacy", "delete", "1"], 2, "no such command 'delete'"),
    "privacy export": (["privacy", "export", "山田"], 2, "CUSTOMER: '山田' is not a whole number"),
    "privacy correct": (["privacy", "correct", "1"], 2, "CHANGES is missing"),
    "privacy anonymise": (["privacy", "anonymise", "1", "--yes=no"], 2, "--yes takes no value"),
    "secret": (["secret", "get", "db-key"], 2, "no such command 'get'"),
    "secret set": (["secret", "set"], 2, "NAME is missing"),
    "secret delete": (["secret", "delete", "a", "b"], 2, "unexpected extra argument 'b'"),
    "secret where": (["secret", "where", "--json"], 2, "no such option --json"),
    "audit": (["audit", "--since", "2026-13-45"], 2, "since: '2026-13-45' is not a date"),
    "demo": (["demo", "--customers", "0"], 2, "--customers: '0' is below 1"),
    "report": (["report", "foo"], 2, "KIND: 'foo' is not one of sla, agents, types, handle-time"),
    "search": (["search", "返品", "--limit"], 2, "--limit needs a value"),
    "reindex": (["reindex", "now"], 2, "unexpected extra argument 'now'"),
    "backup": (["backup"], 2, "FILE is missing"),
    "restore": (["restore", "a.db", "b.db"], 2, "unexpected extra argument 'b.db'"),
    "import": (["import", "people", "a.csv"], 2, "KIND: 'people' is not one of companies, customers"),
    "export": (["export", "tickets", "--headers"], 2, "--headers needs a value"),
    "upgrade": (["upgrade", "--to", "head"], 2, "no such option --to"),
    "serve": (["serve", "--port", "70000"], 2, "--port: '70000' is above 65535"),
    "mail": (["mail", "fetsh"], 2, "did you mean fetch?"),
    "mail fetch": (["mail", "fetch", "--all"], 2, "no such option --all"),
    "mail import": (["mail", "import"], 2, "PATHS is missing"),
    "mail resend": (["mail", "resend", "last"], 2, "MAIL: 'last' is not a whole number"),
    "mail run": (["mail", "run", "--once=yes"], 2, "--once takes no value"),
    "mail send": (["mail", "send", "1"], 2, "unexpected extra argument '1'"),
    "mail status": (["mail", "status", "--since", "2026-12-01"], 2, "no such option --since"),
    "service": (["service", "--onse"], 2, "no such option --onse"),
    "service status": (["service", "status", "--all"], 2, "no such option --all"),
    "notifications": (["notifications", "--limit", "0"], 2, "--limit: '0' is below 1"),
    "notifications read": (["notifications", "read", "x"], 2, "ID: 'x' is not a whole number"),
    "notifications digest": (["notifications", "digest"], 2, "--on is missing"),
    "rules": (["rules", "lst"], 2, "did you mean list?"),
    "rules list": (["rules", "list", "--all"], 2, "no such option --all"),
    "rules show": (["rules", "show", "x"], 2, "RULE: 'x' is not a whole number"),
    "rules export": (["rules", "export"], 2, "FILE is missing"),
    "rules import": (["rules", "import", "a", "b"], 2, "unexpected extra argument 'b'"),
    "rules history": (["rules", "history", "0"], 2, "RULE: '0' is below 1"),
    "rules enable": (["rules", "enable"], 2, "RULE is missing"),
    "rules disable": (["rules", "disable", "-1"], 2, "no such option -1"),
    "rules delete": (["rules", "delete", "1", "2"], 2, "unexpected extra argument '2'"),
    "macro": (["macro", "aply"], 2, "did you mean apply?"),
    "macro apply": (["macro", "apply", "返品案内"], 2, "NUMBER is missing"),
    "canned": (["canned", "lst"], 2, "did you mean list?"),
    "canned list": (["canned", "list", "--all"], 2, "no such option --all"),
    "canned show": (["canned", "show", "お礼"], 2, "ID: 'お礼' is not a whole number"),
    "canned add": (["canned", "add", "お礼"], 2, "BODY is missing"),
    "canned edit": (["canned", "edit", "0"], 2, "ID: '0' is below 1"),
    "canned retire": (["canned", "retire"], 2, "ID is missing"),
    "field": (["field", "ad"], 2, "did you mean add?"),
    "field list": (["field", "list", "--json", "x"], 2, "unexpected extra argument 'x'"),
    "field add": (["field", "add", "tickets", "品番", "--type", "colour"], 2, "--type: 'colour' is not one of"),
    "field edit": (["field", "edit", "品番"], 2, "ID: '品番' is not a whole number"),
    "field retire": (["field", "retire"], 2, "ID is missing"),
    "ticket fields": (["ticket", "fields", "12"], 2, "FIELD=VALUE... is missing"),
    "customer list": (["customer", "list", "--limit", "0"], 2, "--limit: '0' is below 1"),
}


# Dates are read by the command itself (typer has no plain date type): a clear line without the usage.
VALUE_CHECKED_BY_THE_COMMAND = {"audit"}


def _commands(command: typer.core.TyperGroup, ctx: typer.Context, path: str = "") -> Iterator[str]:
    yield path
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        assert sub is not None
        sub_path = f"{path} {name}".strip()
        if isinstance(sub, typer.core.TyperGroup):
            yield from _commands(sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True), sub_path)
        else:
            yield sub_path


def every_command() -> list[str]:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.core.TyperGroup)
    return list(_commands(root, root.make_context("supportdesk", [], resilient_parsing=True)))


def options_of(command: str) -> set[str]:
    """The options a command (\"ticket show\") accepts, read from the typer app."""
    root = typer.main.get_command(app)
    ctx = root.make_context("supportdesk", [], resilient_parsing=True)
    found: typer.core.TyperGroup | typer.core.TyperCommand = root
    for word in command.split():
        assert isinstance(found, typer.core.TyperGroup)
        sub = found.get_command(ctx, word)
        assert sub is not None, command
        ctx = sub.make_context(word, [], parent=ctx, resilient_parsing=True)
        found = sub
    return {opt for param in found.params for opt in getattr(param, "opts", []) if opt.startswith("--")}


def supportdesk(*args: str | bytes, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SUPPORTDESK_PASSWORD": "", "COLUMNS": "100"}
    env.pop("SUPPORTDESK_DEBUG", None)
    return run_process([str(SUPPORTDESK), *args], input=stdin, errors="replace", env=env)


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """The same entry point in this process: for cases about values rather than the command line's shape."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["supportdesk", *args], code, out, err)


def assert_one_line(result: subprocess.CompletedProcess[str], code: int, words: str) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {len(lines)}:\n{result.stderr}"
    assert result.returncode == code, lines[0]
    assert lines[0].startswith("supportdesk: "), lines[0]
    assert words in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


@pytest.fixture(autouse=True)
def _in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases below check English words; the Japanese test sets its own language."""
    monkeypatch.setenv("SUPPORTDESK_LANG", "en")


same_on_both_databases = pytest.mark.skipif(
    PG_URL is not None, reason="the command line parses the same on both databases; the SQLite pass covers it"
)


@same_on_both_databases
def test_every_command_has_a_bad_argument_case():
    assert sorted(every_command()) == sorted(USAGE_CASES), "add a case to USAGE_CASES for each new command"


@same_on_both_databases
@pytest.mark.parametrize("command", sorted(USAGE_CASES))
def test_a_mistyped_command_is_one_line_naming_the_problem_and_the_usage(command: str):
    args, code, words = USAGE_CASES[command]
    line = assert_one_line(supportdesk(*args), code, words)
    if command not in VALUE_CHECKED_BY_THE_COMMAND:
        assert f"usage: supportdesk {command}".strip() + " " in line


@same_on_both_databases
def test_no_command_offers_to_install_shell_completion_as_if_it_were_the_program():
    offering = [command for command in every_command() if "--install-completion" in options_of(command)]
    assert offering == []


@same_on_both_databases
def test_a_root_option_after_the_command_says_where_it_goes():
    assert_one_line(supportdesk("ticket", "list", "--demo"), 2, "--demo goes before the command")


@same_on_both_databases
def test_a_japanese_desk_hears_about_a_mistyped_command_in_japanese(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SUPPORTDESK_LANG", "ja")
    line = assert_one_line(supportdesk("ticket", "show", "abc"), 2, "NUMBER: 'abc' は整数ではありません")
    assert "使い方: supportdesk ticket show [OPTIONS] NUMBER" in line


@same_on_both_databases
def test_debug_shows_the_traceback_of_an_unexpected_error():
    # A desk URL of an unknown kind fails deep inside SQLAlchemy: one line without --debug, the details with it.
    plain = supportdesk("--db", "nosuchdb://x", "ticket", "list")
    assert_one_line(plain, 6, "the database could not be used")
    debug = supportdesk("--debug", "--db", "nosuchdb://x", "ticket", "list")
    assert "Traceback" in debug.stderr
    assert debug.stderr.splitlines()[-1] == plain.stderr.strip()


# ---- values that parse but make no sense, and files that cannot be read ----------------------------------------


@pytest.fixture
def lead_desk(db_url: str, lead: Actor, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SUPPORTDESK_DB", db_url)
    monkeypatch.setenv("SUPPORTDESK_USER", lead.login)
    return db_url


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ticket", "call", "1", "--minutes", "1e308"], "--minutes: '1e308' is above 1440"),
        (["ticket", "call", "1", "--minutes", "nan"], "--minutes: 'nan' is not a finite number"),
        (["ticket", "show", "99999999999999999999999"], "NUMBER: '99999999999999999999999' is above"),
        (["ticket", "status", "1", "pending", "--follow-up", "2026-02-30"], "'2026-02-30' is not a date"),
        (["report", "sla", "--from", "yesterday"], "--from: 'yesterday' is not a date"),
        (["customer", "find", "\U0010ffff"], "U+10FFFF, which is not a character"),
        (["search", "返品\x1b[31m\ufdd0"], "U+FDD0, which is not a character"),
    ],
    ids=["minutes-1e308", "minutes-nan", "huge-number", "no-such-day", "from-word", "u10ffff", "noncharacter"],
)
def test_an_impossible_value_is_one_line_and_exit_2(lead_desk: str, args: list[str], words: str, capsys):
    assert_one_line(run_main(capsys, *args), 2, words)


@same_on_both_databases
def test_an_argument_that_is_not_utf8_is_named():
    result = run_process([os.fsencode(SUPPORTDESK), b"search", b"\xff\xfe\xe8\xbf"], text=False, env=os.environ)
    lines = result.stderr.decode("utf-8").splitlines()
    assert result.returncode == 2
    assert lines == [
        "supportdesk: argument 2 '\\udcff\\udcfe\\udce8\\udcbf' is not valid UTF-8; check the terminal's encoding"
    ]


@pytest.mark.parametrize(
    ("kind", "content", "words"),
    [
        ("customers", b"\xef\xbb\xbf\xff\xfe\x80name\n", "byte-order mark but line 1 is not UTF-8"),
        ("customers", b"\xff\xfe" + "氏名\n".encode("utf-16-le") + b"\x41", "byte-order mark but line 2 is not UTF-16"),
        ("products", "sku,name,price\nX-1,テスト,123456789012345678901234567890\n".encode(), "1 problem in sheet.csv"),
    ],
    ids=["bom-then-invalid-utf8", "odd-length-utf16", "thirty-digit-price"],
)
def test_an_undecodable_or_impossible_import_file_is_one_line_and_imports_nothing(
    lead_desk: str, tmp_path: Path, kind: str, content: bytes, words: str, capsys
):
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(content)
    result = run_main(capsys, "import", kind, str(sheet))
    assert_one_line(result, 2, words)
    if kind == "products":
        assert "too large (more than 15 digits)" in result.stdout  # the preview names the row and the reason
    listed = run_main(capsys, "export", kind)
    assert listed.returncode == 0
    assert len(listed.stdout.splitlines()) == 1  # the header only: nothing was imported


def test_a_missing_import_file_is_named(lead_desk: str, tmp_path: Path):
    assert_one_line(
        supportdesk("import", "customers", str(tmp_path / "顧客一覧.csv")), 2, "顧客一覧.csv does not exist"
    )
