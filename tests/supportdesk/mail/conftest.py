"""Fixtures with real mail servers: Dovecot for IMAP (from .ci/mail-servers.sh) and aiosmtpd for SMTP."""

from collections.abc import Iterator

import pytest

from supportdesk.mail.settings import IMAP_PASSWORD, SMTP_PASSWORD
from supportdesk.secrets import store
from tests.supportdesk.mail.servers import (
    SMTP_PASSWORD as SMTP_SECRET,
)
from tests.supportdesk.mail.servers import (
    ImapBox,
    MailServers,
    SmtpServer,
    from_environment,
    running_smtp,
    start_servers,
    stop_servers,
)


@pytest.fixture(scope="session")
def mail_servers() -> Iterator[MailServers]:
    """The servers CI started, or ones started now through the same script; skipped only without Dovecot."""
    servers = from_environment()
    if servers is not None:
        yield servers
        return
    started = start_servers()
    if started is None:
        pytest.skip("Dovecot is not installed here (apt-get install dovecot-imapd); CI installs and starts it")
    yield started[0]
    stop_servers(started[1])


@pytest.fixture
def imap_box(mail_servers: MailServers) -> ImapBox:
    box = ImapBox(mail_servers)
    store(IMAP_PASSWORD, mail_servers.password, to_file=True)
    return box


@pytest.fixture
def smtp_server(mail_servers: MailServers) -> Iterator[SmtpServer]:
    store(SMTP_PASSWORD, SMTP_SECRET, to_file=True)
    yield from running_smtp(mail_servers)
