"""Talking to the mail servers: TLS contexts and opening SMTP and IMAP connections as the settings say.

Passwords are passed in by the caller (read from the secret store), never read from settings.
"""

import smtplib
import ssl

from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.mail.settings import MailSettings, is_loopback


def tls_context(settings: MailSettings) -> ssl.SSLContext:
    """Certificates checked against the system's CAs, or the private CA in `ca_file`."""
    return ssl.create_default_context(cafile=settings.ca_file or None)


def open_smtp(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    """A connected, authenticated SMTP session (submission with STARTTLS, or TLS from the start)."""
    if not settings.smtp_host:
        raise Invalid("mail.smtp_host", msg("no SMTP server is set in [mail]"))
    host, port, timeout = settings.smtp_host, settings.smtp_port_or_default(), settings.timeout
    if settings.smtp_security == "tls":
        link: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls_context(settings))
    else:
        link = smtplib.SMTP(host, port, timeout=timeout)
        if settings.smtp_security == "starttls":
            link.starttls(context=tls_context(settings))
        elif not is_loopback(host):  # pragma: no cover - refused when the settings are read
            raise Invalid("mail.smtp_security", msg("a server off this machine needs TLS"))
    link.ehlo_or_helo_if_needed()
    if settings.smtp_user:
        link.login(settings.smtp_user, password or "")
    return link
