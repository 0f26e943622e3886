"""The `[mail]` section of config.toml: where mail comes from and goes to. Passwords live in the secret store.

```toml
[mail]
address = "support@example.co.jp"      # the desk's address: From of replies, To of customers' mail
name = "サンプル株式会社 サポート"
imap_host = "imap.example.co.jp"        # imap_port, imap_security = "tls" | "starttls"
imap_user = "support@example.co.jp"     # password: supportdesk secret set mail-imap-password
folders = ["INBOX"]
smtp_host = "smtp.example.co.jp"        # smtp_port (587), smtp_security = "starttls" | "tls"
smtp_user = "support@example.co.jp"     # password: supportdesk secret set mail-smtp-password
charset = "utf-8"                       # or "iso-2022-jp" for old mobile mailers
[mail.signatures]
default = "サンプル株式会社 サポートセンター"
"東京サポート" = "..."
```
"""

import ipaddress
from dataclasses import dataclass, field, fields

from supportdesk.errors import Invalid
from supportdesk.i18n import Msg, msg

IMAP_PASSWORD = "mail-imap-password"
SMTP_PASSWORD = "mail-smtp-password"
SECURITY = ("tls", "starttls", "none")
CHARSETS = ("utf-8", "iso-2022-jp")
# What a setting of each type must be, said to whoever wrote the config file.
_TYPE_RULES: dict[type, Msg] = {
    str: msg("must be text in quotes"),
    int: msg("must be a whole number"),
    bool: msg("must be true or false"),
}


@dataclass(frozen=True)
class MailSettings:
    address: str = ""
    name: str = ""
    imap_host: str = ""
    imap_port: int = 0  # 0: 993 for tls, 143 otherwise
    imap_security: str = "tls"
    imap_user: str = ""
    folders: tuple[str, ...] = ("INBOX",)
    idle: bool = True  # wait for new mail with IMAP IDLE; otherwise poll every `interval` seconds
    interval: int = 60
    smtp_host: str = ""
    smtp_port: int = 0  # 0: 465 for tls, 587 otherwise
    smtp_security: str = "starttls"
    smtp_user: str = ""
    ca_file: str = ""  # a private CA for the servers' certificates (tests, company CAs)
    charset: str = "utf-8"
    max_attachment_mb: int = 25
    acknowledge: bool = False  # send an automatic "we received your inquiry" for each new mail ticket
    acknowledgement: str = (
        "お問い合わせを受け付けました(受付番号 #{number})。\n"
        "担当者より改めてご連絡いたします。このメールは自動送信です。\n\n"
        "We have received your inquiry (#{number}) and will reply soon. This message was sent automatically."
    )
    auto_per_hour: int = 3  # at most this many automatic mails to one address per hour (loop guard)
    retries: int = 8  # delivery attempts before a reply is marked failed
    timeout: int = 60  # seconds a server may take to answer
    signatures: dict[str, str] = field(default_factory=dict)

    @property
    def max_attachment_bytes(self) -> int:
        return self.max_attachment_mb * 1024 * 1024

    def imap_port_or_default(self) -> int:
        return self.imap_port or (993 if self.imap_security == "tls" else 143)

    def smtp_port_or_default(self) -> int:
        return self.smtp_port or (465 if self.smtp_security == "tls" else 587)

    def signature(self, team: str | None) -> str:
        return self.signatures.get(team or "", self.signatures.get("default", ""))


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is(kind: type, value: object) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def mail_settings(raw: object, where: str) -> MailSettings:
    """Check the [mail] table key by key, so a mistake names its key."""
    if not isinstance(raw, dict):
        raise Invalid(where, msg("must be a table ([mail])"))
    known = {f.name: f for f in fields(MailSettings)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise Invalid(
            where,
            msg("unknown setting(s) {names}; known: {known}", names=", ".join(unknown), known=", ".join(sorted(known))),
        )
    values: dict[str, object] = {}
    for name, value in raw.items():
        key = f"{where}.{name}"
        default = getattr(MailSettings(), name)
        if name == "folders":
            if not (isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)):
                raise Invalid(key, msg('must be a list of folder names, like ["INBOX"]'))
            value = tuple(value)
        elif name == "signatures":
            if not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
                raise Invalid(key, msg('must be a table of team = "signature text"'))
            value = dict(value)
        elif not _is(type(default), value):
            raise Invalid(key, _TYPE_RULES[type(default)])
        if name in ("imap_security", "smtp_security") and value not in SECURITY:
            raise Invalid(key, msg("must be one of {choices}", choices=", ".join(SECURITY)))
        if name == "charset" and str(value).lower() not in CHARSETS:
            raise Invalid(key, msg("must be one of {choices}", choices=", ".join(CHARSETS)))
        if name in ("imap_port", "smtp_port") and not 0 <= int(value) <= 65535:
            raise Invalid(key, msg("must be a port number"))
        least = 0 if name == "auto_per_hour" else 1
        if name in ("interval", "max_attachment_mb", "auto_per_hour", "retries", "timeout") and int(value) < least:
            raise Invalid(key, msg("must be a whole number above 0"))
        if name in ("address", "imap_user", "smtp_user") and value and "@" not in str(value) and name == "address":
            raise Invalid(key, msg("{value!r} is not an e-mail address", value=value))
        values[name] = str(value).lower() if name == "charset" else value
    settings = MailSettings(**values)  # type: ignore[arg-type]
    for host, security, side in (
        (settings.imap_host, settings.imap_security, "imap"),
        (settings.smtp_host, settings.smtp_security, "smtp"),
    ):
        if host and security == "none" and not is_loopback(host):
            # A password sent in clear over a network is a password given away.
            raise Invalid(f"{where}.{side}_security", msg('"none" is only for a server on this machine (127.0.0.1)'))
    return settings
