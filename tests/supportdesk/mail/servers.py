"""Real mail servers for the tests: Dovecot (started by .ci/mail-servers.sh) and aiosmtpd (started here).

The SMTP server keeps every message it accepts, and can be told to refuse, to fail for a while, to stall past
the client's timeout, or to kill the sending process at the moment the message data has arrived.
"""

import asyncio
import imaplib
import os
import signal
import socket
import ssl
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

from supportdesk.mail.settings import MailSettings

ROOT = Path(__file__).resolve().parents[3]
SMTP_USER, SMTP_PASSWORD = "desk-smtp", "smtp-secret-for-tests"


@dataclass(frozen=True)
class MailServers:
    host: str
    imap_starttls_port: int
    imap_tls_port: int
    user: str
    password: str
    ca: str
    cert: str
    key: str


def from_environment() -> MailServers | None:
    spec = os.environ.get("SUPPORTDESK_TEST_IMAP")
    if not spec:
        return None
    host, starttls, tls = spec.split(":")
    env = os.environ
    return MailServers(
        host,
        int(starttls),
        int(tls),
        env["SUPPORTDESK_TEST_IMAP_USER"],
        env["SUPPORTDESK_TEST_IMAP_PASSWORD"],
        env["SUPPORTDESK_TEST_MAIL_CA"],
        env["SUPPORTDESK_TEST_MAIL_CERT"],
        env["SUPPORTDESK_TEST_MAIL_KEY"],
    )


def start_servers() -> tuple[MailServers, str] | None:
    """Start Dovecot through the .ci script (as CI does); None when it cannot run here."""
    done = subprocess.run([str(ROOT / ".ci" / "mail-servers.sh"), "start"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    values = dict(
        line.removeprefix("export ").split("=", 1) for line in done.stdout.splitlines() if line.startswith("export ")
    )
    os.environ.update(values)
    servers = from_environment()
    assert servers is not None
    return servers, values["MAIL_SERVERS_DIR"]


def stop_servers(folder: str) -> None:
    subprocess.run([str(ROOT / ".ci" / "mail-servers.sh"), "stop", folder], check=False)
    for name in [
        n for n in os.environ if n.startswith("SUPPORTDESK_TEST_IMAP") or n.startswith("SUPPORTDESK_TEST_MAIL")
    ]:
        del os.environ[name]


class ImapBox:
    """One test's own folder in the Dovecot mailbox (tests and the two passes of CI never share one)."""

    def __init__(self, servers: MailServers) -> None:
        self.servers = servers
        self.folder = f"t-{uuid.uuid4().hex[:12]}"
        with self.connect() as imap:
            imap.create(self.folder)

    def connect(self) -> imaplib.IMAP4_SSL:
        context = ssl.create_default_context(cafile=self.servers.ca)
        imap = imaplib.IMAP4_SSL(self.servers.host, self.servers.imap_tls_port, ssl_context=context)
        imap.login(self.servers.user, self.servers.password)
        return imap

    def append(self, *messages: bytes) -> None:
        """Deliver mail into the folder as a mail server would (IMAP APPEND)."""
        with self.connect() as imap:
            for raw in messages:
                status, _ = imap.append(self.folder, None, None, raw)
                assert status == "OK"

    def settings(self, **overrides: object) -> dict[str, object]:
        values: dict[str, object] = {
            "imap_host": self.servers.host,
            "imap_port": self.servers.imap_tls_port,
            "imap_security": "tls",
            "imap_user": self.servers.user,
            "folders": (self.folder,),
            "ca_file": self.servers.ca,
        }
        values.update(overrides)
        return values


@dataclass
class Behaviour:
    """What the SMTP server does with the next messages."""

    refuse: str | None = None  # e.g. "550 5.1.1 User unknown": a permanent no to every recipient
    tempfail_times: int = 0  # answer "451" to DATA this many times, then accept
    stall_seconds: float = 0  # wait this long before answering DATA (past the client's timeout)
    kill_pid: int | None = None  # SIGKILL this process once the data has arrived, before answering


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes


@dataclass
class KeepingHandler:
    behaviour: Behaviour = field(default_factory=Behaviour)
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope: Envelope, address: str, options):  # type: ignore[no-untyped-def]
        if self.behaviour.refuse:
            return self.behaviour.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope: Envelope):  # type: ignore[no-untyped-def]
        if self.behaviour.tempfail_times > 0:
            self.behaviour.tempfail_times -= 1
            return "451 4.3.0 Try again later"
        assert isinstance(envelope.content, bytes)
        self.received.append(Received(str(envelope.mail_from), list(envelope.rcpt_tos), envelope.content))
        if self.behaviour.kill_pid is not None:
            # The server has the message; the sender dies before it hears so.
            os.kill(self.behaviour.kill_pid, signal.SIGKILL)
            self.behaviour.kill_pid = None
            await asyncio.sleep(0.5)
        if self.behaviour.stall_seconds:
            await asyncio.sleep(self.behaviour.stall_seconds)
        return "250 2.0.0 Ok: queued as TEST"


def _authenticate(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class SmtpServer:
    """aiosmtpd on 127.0.0.1: submission with STARTTLS required and AUTH, keeping what it accepts."""

    def __init__(self, servers: MailServers) -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(servers.cert, servers.key)
        self.handler = KeepingHandler()
        self.ca = servers.ca
        self.controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=_free_port(),
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            authenticator=_authenticate,
            server_hostname="127.0.0.1",
        )

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    @property
    def behaviour(self) -> Behaviour:
        return self.handler.behaviour

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def settings(self, **overrides: object) -> dict[str, object]:
        values: dict[str, object] = {
            "smtp_host": "127.0.0.1",
            "smtp_port": self.port,
            "smtp_security": "starttls",
            "smtp_user": SMTP_USER,
            "ca_file": self.ca,
        }
        values.update(overrides)
        return values


def desk_settings(*parts: dict[str, object], **overrides: object) -> MailSettings:
    values: dict[str, object] = {"address": "support@desk.example.jp", "name": "サポートセンター"}
    for part in parts:
        values.update(part)
    values.update(overrides)
    return MailSettings(**values)  # type: ignore[arg-type]


def running_smtp(servers: MailServers) -> Iterator[SmtpServer]:
    server = SmtpServer(servers).start()
    try:
        yield server
    finally:
        server.stop()
