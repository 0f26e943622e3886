"""Mail fetched from a real Dovecot: each message taken once, whatever happens to the fetch or the connection."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from supportdesk.cli.main import main
from supportdesk.errors import MailServerError
from supportdesk.mail.settings import IMAP_PASSWORD
from supportdesk.models import MailMessage, MailSeen, Ticket
from supportdesk.secrets import get
from supportdesk.services.actor import Actor
from supportdesk.services.mail_fetch import fetch_folders
from tests.supportdesk import factories
from tests.supportdesk.mail.build import mail
from tests.supportdesk.mail.corpus import SAMPLES
from tests.supportdesk.mail.servers import ImapBox, SmtpServer, desk_settings

REPO = Path(__file__).resolve().parents[3]


def _fetch(session: Session, agent: Actor, settings: object) -> int:
    return fetch_folders(session, agent, settings, get(IMAP_PASSWORD)).added  # type: ignore[arg-type]


def test_mail_delivered_to_the_folder_becomes_tickets_once(session: Session, agent: Actor, imap_box: ImapBox):
    imap_box.append(*(s.raw for s in SAMPLES[:5]))
    settings = desk_settings(imap_box.settings())
    assert _fetch(session, agent, settings) == 5
    assert _fetch(session, agent, settings) == 0
    imap_box.append(SAMPLES[5].raw)
    assert _fetch(session, agent, settings) == 1
    assert factories.count(session, Ticket) == 6
    subjects = set(session.exec(select(Ticket.subject)).all())
    assert {s.subject for s in SAMPLES[:6]} == subjects


def test_starttls_works_like_tls(session: Session, agent: Actor, imap_box: ImapBox):
    imap_box.append(SAMPLES[0].raw)
    settings = desk_settings(imap_box.settings(imap_port=imap_box.servers.imap_starttls_port, imap_security="starttls"))
    assert _fetch(session, agent, settings) == 1


def test_a_copy_in_a_second_folder_is_the_same_message(session: Session, agent: Actor, imap_box: ImapBox):
    other = ImapBox(imap_box.servers)
    imap_box.append(SAMPLES[0].raw)
    other.append(SAMPLES[0].raw)
    settings = desk_settings(imap_box.settings(folders=(imap_box.folder, other.folder)))
    report = fetch_folders(session, agent, settings, get(IMAP_PASSWORD))
    assert [r.outcome for r in report.taken] == ["ticket", "duplicate"]
    # Both UIDs are remembered, so neither folder is read again.
    assert factories.count(session, MailSeen) == 2


def test_a_wrong_password_is_one_clear_line(capsys, db_url, agent: Actor, imap_box: ImapBox, tmp_path: Path):
    _write_config(imap_box.settings())
    from supportdesk.secrets import store

    store(IMAP_PASSWORD, "not-the-password", to_file=True)
    code = main(["--db", db_url, "--user", "sato", "mail", "fetch"])
    _out, err = capsys.readouterr()
    assert code == 7
    assert err.count("\n") == 1 and "IMAP" in err and "Traceback" not in err


class DroppingProxy:
    """A TCP relay to the server that cuts the connection after the server has sent `budget` bytes."""

    def __init__(self, port: int, budget: int) -> None:
        self.target = port
        self.budget = budget
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.target))
        threading.Thread(target=self._pipe, args=(client, server, None), daemon=True).start()
        self._pipe(server, client, self.budget)

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket, budget: int | None) -> None:
        sent = 0
        with contextlib.suppress(OSError):
            while data := source.recv(4096):
                if budget is not None and sent + len(data) > budget:
                    break
                sink.sendall(data)
                sent += len(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()


def test_a_connection_dropped_mid_fetch_keeps_what_was_taken_and_the_next_fetch_takes_the_rest(
    session: Session, agent: Actor, imap_box: ImapBox
):
    big = [mail(subject=f"添付付き {n}", files=[(f"写真{n}.jpg", "image/jpeg", os.urandom(60_000))]) for n in range(4)]
    imap_box.append(*big)
    proxy = DroppingProxy(imap_box.servers.imap_tls_port, budget=150_000)
    broken = desk_settings(imap_box.settings(imap_port=proxy.port))
    with pytest.raises(MailServerError, match="stopped after"):
        fetch_folders(session, agent, broken, get(IMAP_PASSWORD))
    taken = factories.count(session, Ticket)
    assert 0 < taken < 4
    assert _fetch(session, agent, desk_settings(imap_box.settings())) == 4 - taken
    assert factories.count(session, Ticket) == 4


def _write_config(values: dict[str, object], **extra: object) -> None:
    lines = ["[mail]", 'address = "support@desk.example.jp"']
    for key, value in {**values, **extra}.items():
        if isinstance(value, tuple | list):
            lines.append(f"{key} = {json.dumps(list(value))}")
        elif isinstance(value, int):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    folder = Path(os.environ["SUPPORTDESK_CONFIG_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _tickets(engine: Engine) -> list[str]:
    with Session(engine) as fresh:
        return list(fresh.exec(select(MailMessage.message_id).where(col(MailMessage.ticket_id).is_not(None))).all())


def test_a_fetch_killed_midway_takes_each_message_exactly_once_when_run_again(
    db_url: str, engine: Engine, agent: Actor, imap_box: ImapBox
):
    messages = [mail(subject=f"問い合わせ {n}", message_id=f"<kill-{n}@example.jp>") for n in range(30)]
    imap_box.append(*messages)
    _write_config(imap_box.settings())
    command = [sys.executable, "-m", "supportdesk.cli.main", "--db", db_url, "--user", "sato", "mail", "fetch"]
    proc = subprocess.Popen(command, cwd=REPO, env=os.environ.copy(), stderr=subprocess.PIPE)
    # Wait for progress (some messages taken), never on a clock; then kill it hard.
    while len(_tickets(engine)) < 3 and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    taken = len(_tickets(engine))
    assert taken >= 3
    again = subprocess.run(command, cwd=REPO, env=os.environ.copy(), capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    ids = _tickets(engine)
    assert sorted(ids) == sorted(f"kill-{n}@example.jp" for n in range(30))
    with Session(engine) as fresh:
        assert factories.count(fresh, Ticket) == 30


def test_a_sender_killed_after_the_server_took_the_mail_never_sends_it_again(
    db_url: str, engine: Engine, session: Session, agent: Actor, smtp_server: SmtpServer
):
    from supportdesk.services.mail_in import receive
    from supportdesk.services.mail_out import queue_reply
    from supportdesk.services.mail_sender import deliver_due

    got = receive(session, agent, mail())
    assert got.ticket is not None
    settings = desk_settings(smtp_server.settings())
    queue_reply(session, agent, got.ticket, "お返事です", settings)
    _write_config(smtp_server.settings())
    command = [sys.executable, "-m", "supportdesk.cli.main", "--db", db_url, "--user", "sato", "mail", "send"]
    proc = subprocess.Popen(command, cwd=REPO, env=os.environ.copy(), stderr=subprocess.PIPE)
    smtp_server.behaviour.kill_pid = proc.pid  # killed once the server holds the data, before it hears "250"
    assert proc.wait() == -signal.SIGKILL
    assert len(smtp_server.received) == 1
    from supportdesk.secrets import get as secret

    report = deliver_due(session, settings, secret("mail-smtp-password"))
    assert dict(report.counts) == {}
    assert len(smtp_server.received) == 1
    with Session(engine) as fresh:
        sent = fresh.exec(select(MailMessage).where(MailMessage.direction == "out")).one()
    assert sent.state == "unconfirmed"
    assert "may have been delivered" in (sent.server_answer or "")


def test_idle_wakes_when_new_mail_arrives(imap_box: ImapBox):
    from supportdesk.services.mail_fetch import wait_for_new_mail

    settings = desk_settings(imap_box.settings())
    arrived = threading.Event()

    def deliver() -> None:
        # Keep delivering until the waiting side has woken: no guess about when IDLE has started.
        for n in range(120):
            if arrived.wait(0.5):
                return
            imap_box.append(mail(subject=f"新着 {n}"))

    threading.Thread(target=deliver, daemon=True).start()
    try:
        assert wait_for_new_mail(settings, get(IMAP_PASSWORD), 120)
    finally:
        arrived.set()
