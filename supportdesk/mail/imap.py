"""Reading folders on the IMAP server: which UIDs a folder holds, and each message's bytes as stored.

imap-tools opens the connection (TLS or STARTTLS, certificates checked) and waits with IDLE; messages are read
with BODY.PEEK[] so fetching never changes the \\Seen flags people rely on in their own mailer.
"""

import imaplib
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import ImapToolsError
from imap_tools.mailbox import BaseMailBox

from supportdesk.errors import Invalid, MailServerError
from supportdesk.i18n import msg
from supportdesk.mail.settings import MailSettings
from supportdesk.mail.transport import tls_context


def mailbox_key(settings: MailSettings, folder: str) -> str:
    """The name a folder's UIDs are remembered under: the account, the server and the folder."""
    return f"{settings.imap_user}@{settings.imap_host}/{folder}"[:300]


IMAP_FAILURES = (OSError, EOFError, imaplib.IMAP4.error, ImapToolsError)


def describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _open(settings: MailSettings, host: str, port: int, timeout: int) -> BaseMailBox:
    if settings.imap_security == "tls":
        return MailBox(host, port, timeout=timeout, ssl_context=tls_context(settings))
    if settings.imap_security == "starttls":
        return MailBoxStartTls(host, port, timeout=timeout, ssl_context=tls_context(settings))
    return MailBoxUnencrypted(host, port, timeout=timeout)


@contextmanager
def connect(settings: MailSettings, password: str) -> Iterator[BaseMailBox]:
    """A logged-in connection; MailServerError (one clear line) when the server cannot be reached or refuses."""
    if not settings.imap_host:
        raise Invalid("mail.imap_host", msg("no IMAP server is set in [mail]"))
    host, port, timeout = settings.imap_host, settings.imap_port_or_default(), settings.timeout
    try:
        box = _open(settings, host, port, timeout)
        box.login(settings.imap_user, password, initial_folder=None)
    except IMAP_FAILURES as exc:
        raise MailServerError(
            msg("IMAP server {host}:{port}: {problem}", host=host, port=port, problem=describe(exc))
        ) from exc
    try:
        yield box
    finally:
        with suppress(Exception):  # the connection may be gone already; nothing to tidy then
            box.logout()


def select(box: BaseMailBox, folder: str) -> int:
    """Open `folder` read-only; returns its UIDVALIDITY (UIDs mean the same messages only while it holds)."""
    status = box.folder.status(folder, ["UIDVALIDITY"])
    box.folder.set(folder, readonly=True)
    return int(status["UIDVALIDITY"])


def uids(box: BaseMailBox) -> list[int]:
    return sorted(int(uid) for uid in box.uids("ALL"))


def raw_message(box: BaseMailBox, uid: int) -> bytes | None:
    """The message's bytes exactly as the server stores them; None when it was expunged meanwhile."""
    status, data = box.client.uid("fetch", str(uid), "(BODY.PEEK[])")
    if status != "OK":
        raise ConnectionError(f"the server refused to fetch UID {uid}: {data!r}")
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def wait_for_mail(box: BaseMailBox, seconds: int) -> bool:
    """Wait with IMAP IDLE until the server says something changed (True) or `seconds` pass (False)."""
    responses = box.idle.wait(timeout=seconds)
    return bool(responses)
