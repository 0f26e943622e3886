"""Every command prints text from people as text: no escape byte, C1 control or bidi override reaches the terminal.

Every text field of the desk holds hostile text (tests/hostile_text.py). Each command of the CLI (found by walking
the typer app, so a new command without a run here fails) runs in text and JSON form; what it writes to stdout and
stderr must hold no control character but newline, tab and CR LF, and JSON must read back the stored data exactly.
`ticket show` also runs as a real process through a pipe.
"""

import email.policy
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from supportdesk.cli.main import main
from supportdesk.models import Ticket
from supportdesk.services.actor import Actor
from tests.hostile_text import (
    ACTIVE_FRAGMENTS,
    FINDABLE,
    HOSTILE_SAMPLES,
    NEVER_SHOWN,
    HostileDesk,
    build_desk,
    hostile_text,
    spray,
    storable,
)
from tests.supportdesk.test_cli_errors import every_command

ALLOWED = {"\n", "\t", "\r"}  # "\r" only before "\n" (CSV rows), checked separately
HOSTILE = " ".join(HOSTILE_SAMPLES + ACTIVE_FRAGMENTS)


def all_commands() -> set[str]:
    """Every command the `supportdesk` CLI has, as typed ("ticket show"); groups left out."""
    paths = [p for p in every_command() if p]
    return {p for p in paths if not any(other.startswith(p + " ") for other in paths)}


@pytest.fixture
def hostile(engine: Engine, session: Session, admin: Actor, agent: Actor) -> HostileDesk:
    return build_desk(engine, session, admin, agent)


def assert_inert(output: str, where: str) -> None:
    shown = set(output) & (NEVER_SHOWN - ALLOWED)
    assert not shown, f"{where} printed {sorted(map(hex, map(ord, shown)))}"
    assert "\r" not in output.replace("\r\n", ""), f"{where} printed a lone CR"


class Cli:
    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
        self.capsys = capsys
        self.monkeypatch = monkeypatch
        self.db_url = db_url
        self.ran: set[str] = set()

    def __call__(self, command: str, *args: str, user: str = "admin", stdin: str = "") -> tuple[str, str]:
        self.monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        words = command.split()
        main(["--db", self.db_url, "--user", user, *words, *args])
        out, err = self.capsys.readouterr()
        where = f"`supportdesk {command} {' '.join(args)}`"
        assert_inert(out, where)
        assert_inert(err, where)
        self.ran.add(command)
        return out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_url: str) -> Iterator[Cli]:
    yield Cli(capsys, monkeypatch, db_url)


def run_every_command(cli: Cli, desk: HostileDesk, folder: Path, text: str) -> None:
    """Each command once or twice, with the hostile text in the desk and in what is typed."""
    typed = storable(text)[:200] or "x"
    number, customer, twin = str(desk.open_ticket), str(desk.customer), str(desk.twin)
    for json_flag in ((), ("--json",)):
        cli("ticket list", *json_flag)
        cli("ticket show", number, *json_flag)
        cli("customer find", "03-1234-5678", *json_flag)
        cli("customer duplicates", *json_flag)
        cli("search", FINDABLE, *json_flag)
        cli("audit", *json_flag)
        cli("report", "agents", *json_flag)
        cli("customer merge", customer, twin, "--dry-run", *json_flag)
    cli("ticket new", "--customer", customer, "--subject", typed, "--body", typed)
    cli("ticket reply", number, typed)
    cli("ticket note", number, typed)
    cli("ticket call", number, typed, "--minutes", "1")
    cli("ticket status", number, "pending", "--reason", typed, "--follow-up", "2099-01-01")
    cli("ticket assign", number, "admin", "--team", typed)
    cli("user add", "hostile", "--name", typed, "--team", typed, "--no-password")
    cli("user role", "hostile", "lead")
    cli("user list")
    cli("user disable", "hostile")
    cli("user enable", "hostile")
    cli("user passwd", "nobody-such", stdin="secret-password-1\n")
    cli("privacy export", customer)
    cli("privacy export", customer, "--text")
    cli("privacy correct", customer, f"notes={typed}")
    cli("export", "customers")
    cli("export", "tickets")
    csv = folder / "hostile.csv"
    cell = storable(text).replace('"', '""')
    csv.write_text(f'氏名,電話番号,"{cell}"\r\n"{cell}",03-1234-5678,x\r\n', encoding="utf-8")
    cli("import", "customers", str(csv), "--dry-run")
    cli("import", "customers", str(csv), "--dry-run", "--json")
    mail = folder / "hostile.eml"
    mail.write_bytes(hostile_mail(text))
    cli("mail import", str(mail))
    cli("mail import", str(mail), "--json")
    newest = str(max_ticket(desk))
    cli("ticket show", newest)
    cli("ticket attachment save", newest, "1", "--out", str(folder))
    cli("ticket attachment safe", newest, "1")
    cli("mail status")
    cli("mail status", "--json")
    for needs_a_server in ("mail fetch", "mail send", "mail run"):
        cli(needs_a_server, *(("--once",) if needs_a_server == "mail run" else ()))
    cli("mail resend", "1")
    case = str(desk.case)
    cli("ticket tag", number, f"+{typed[:40]}", "-事例")
    cli("ticket message", number, typed, "--channel", "phone")
    cli("ticket link", number, case)
    cli("ticket show", number)
    cli("ticket unlink", number, case)
    for json_flag in ((), ("--json",)):
        cli("customer show", customer, *json_flag)
        cli("company show", "1", *json_flag)
    cli("customer add", f"full_name={typed}", f"notes={typed}")
    cli("customer edit", customer, f"notes={typed}")
    cli("customer purchase", customer, "--product", "1", "--order", typed)
    cli("customer subscribe", customer, "--product", "1")
    cli("customer cancel", "1", "--reason", "price", "--words", typed)
    cli("company add", f"name={typed}")
    cli("company edit", "1", f"name={typed}")
    cli("ticket merge", number, newest, "--note", typed)
    # The desk service's commands: rules travel as a file (exported, read back), a macro named with hostile text,
    # the notifications of someone whose name and tickets are hostile text, the service's own status.
    rules = folder / "rules.toml"
    cli("rules export", str(rules))
    cli("rules import", str(rules))
    for json_flag in ((), ("--json",)):
        cli("rules list", *json_flag)
        cli("notifications", *json_flag)
        cli("service status", *json_flag)
    for rule_command in ("rules show", "rules history", "rules disable", "rules enable", "rules delete"):
        cli(rule_command, "1")
    cli("macro apply", typed, number)
    # Canned responses: a title and text of hostile text (refused or kept), listed, shown and previewed.
    cli("canned add", typed[:90], typed, "--language", "ja", "--every-team")
    cli("canned add", typed[:90], "{customer_name} 様", "--every-team")
    for json_flag in ((), ("--json",)):
        cli("canned list", "--retired", *json_flag)
        cli("canned show", "1", "--preview", *json_flag)
    cli("canned edit", "1", "--title", typed[:90], "--body", typed)
    cli("canned retire", "1")
    # The team's own fields: named, chosen and filled with hostile text, listed and filtered by.
    cli("field add", "tickets", typed[:40])
    cli("field add", "tickets", "窓口", "--type", "choice", "--choice", typed[:60], "--choice", "本社")
    cli("field add", "customers", "製造番号")
    for json_flag in ((), ("--json",)):
        cli("field list", "--retired", *json_flag)
        cli("ticket list", "--field", f"窓口={typed[:60]}", *json_flag)
        cli("customer list", "--field", f"製造番号={typed[:60]}", *json_flag)
    cli("ticket fields", number, f"窓口={typed[:60]}", f"{typed[:40]}={typed}")
    cli("customer edit", customer, f"製造番号={typed[:60]}")
    cli("ticket show", number)
    cli("field edit", "1", "--name", typed[:40] + "2")
    cli("field retire", "1")
    cli("notifications read")
    cli("notifications digest", "--on", "--email", "a@example.jp")
    cli("reindex")
    cli("upgrade")
    cli("secret where", "db-key")
    cli("backup", str(folder / "desk.backup"))
    cli("customer merge", customer, twin, "--keep", "full_name=B")
    cli("privacy anonymise", customer, "--yes")
    cli("restore", str(folder / "desk.backup"), "--force")


def hostile_mail(text: str) -> bytes:
    """A mail from a stranger: hostile display name, subject, body and attachment name."""
    message = EmailMessage()
    message["From"] = Address(storable(text)[:60].replace("\n", " "), addr_spec="stranger@example.com")
    message["To"] = "desk@example.jp"
    message["Subject"] = storable(text)[:120].replace("\n", " ")
    message["Message-ID"] = "<hostile-1@example.com>"
    message.set_content(storable(text) + "\n返品したい")
    message.add_attachment(b"x", maintype="text", subtype="plain", filename=storable(text)[:40] + ".txt")
    return message.as_bytes(policy=email.policy.SMTP)


def max_ticket(desk: HostileDesk) -> int:
    with Session(desk.desk.engine) as session:
        return int(session.exec(select(func.max(Ticket.id))).one() or 0)


# Commands that build or change things with no text from the desk in what they print.
NOT_RUN = {
    "demo": "builds its own demo desk and opens the app; prints only its own progress",
    "secret set": "reads a secret from the terminal; prints only the secret's name and where it went",
    "secret delete": "prints only the secret's name",
    "serve": "runs the app for browsers (the screens the hostile walks check); prints only its own words",
}


def test_every_command_prints_hostile_text_as_text(cli: Cli, hostile: HostileDesk, tmp_path: Path) -> None:
    spray(hostile.desk.engine, HOSTILE)
    hostile.desk.rebuild_index()
    run_every_command(cli, hostile, tmp_path, HOSTILE)
    missing = all_commands() - cli.ran - NOT_RUN.keys()
    assert not missing, f"commands the hostile-text test does not run: {sorted(missing)}"


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_generated_hostile_text_is_printed_as_text(cli: Cli, hostile: HostileDesk, text: str) -> None:
    spray(hostile.desk.engine, text)
    hostile.desk.rebuild_index()
    for json_flag in ((), ("--json",)):
        cli("ticket show", str(hostile.open_ticket), *json_flag)
        cli("ticket list", *json_flag)
        cli("search", FINDABLE, *json_flag)


def test_json_keeps_the_stored_text_exactly(cli: Cli, hostile: HostileDesk) -> None:
    stored = storable(HOSTILE, hostile.desk.engine)
    spray(hostile.desk.engine, stored)
    out, _ = cli("ticket show", str(hostile.open_ticket), "--json")
    detail = json.loads(out)
    assert detail["row"]["subject"] == f"{stored} {FINDABLE} {hostile.open_ticket}"[-300:]  # cut to the column
    assert stored in detail["entries"][0]["body"]


def test_ticket_show_through_a_pipe_has_no_escape_byte(hostile: HostileDesk, db_url: str, tmp_path: Path) -> None:
    """The issue's case: a body with ESC [2J and an OSC title sequence, read by `ticket show | cat`."""
    spray(hostile.desk.engine, "前\x1b[2J\x1b]0;title\x07後 \x9b31m赤 \u202eevil")
    env = {**os.environ, "SUPPORTDESK_DATA_DIR": str(tmp_path / "data"), "SUPPORTDESK_CONFIG_DIR": str(tmp_path)}
    for extra in ((), ("--json",)):
        command = ["--db", db_url, "--user", "admin", "ticket", "show", str(hostile.open_ticket), *extra]
        run = subprocess.run(
            [sys.executable, "-m", "supportdesk.cli.main", *command],
            capture_output=True,
            env=env,
            check=True,
        )
        assert b"\x1b" not in run.stdout and b"\x07" not in run.stdout and b"\xc2\x9b" not in run.stdout
        assert "前␛[2J␛]0;title␇後" in run.stdout.decode() or "\\u001b[2J" in run.stdout.decode()
