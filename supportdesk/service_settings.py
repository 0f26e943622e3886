"""The `[service]` section of config.toml: what the desk service does by itself (see `supportdesk service`).

```toml
[service]
follow_up = "reopen"        # a pending ticket whose follow-up date is reached reopens; "notify" only tells
close_after_days = 7        # resolved tickets close after this many days (0: never)
remind_after_days = 0       # mail a reminder to a customer who has not answered a pending ticket (0: never)
reminder = "…"              # its text; {number} and {subject} are filled in
sla_warnings = true         # tell the assignee when a due time is near or passed (and the team's leads)
digest_at = "08:30"         # when the daily digest goes to those who asked for it (business days)
rules_file = ""             # a TOML file of triggers and macros the service keeps the desk in step with
```
"""

from dataclasses import dataclass, fields

from supportdesk.errors import Invalid
from supportdesk.i18n import msg

FOLLOW_UP_ACTIONS = ("reopen", "notify")
MAX_DAYS = 365
MAX_TEMPLATE = 4000

DEFAULT_REMINDER = (
    "お問い合わせ(受付番号 #{number}「{subject}」)について、ご回答をお待ちしております。\n"
    "お手すきの際にこのメールへご返信ください。すでにご返信いただいている場合は、行き違いをご容赦ください。\n\n"
    "We are still waiting for your answer about your inquiry #{number} ({subject}). Please reply to this mail "
    "when you can; if you already have, please disregard this reminder."
)


@dataclass(frozen=True)
class ServiceSettings:
    follow_up: str = "reopen"
    close_after_days: int = 7
    remind_after_days: int = 0
    reminder: str = DEFAULT_REMINDER
    sla_warnings: bool = True
    digest_at: str = "08:30"
    rules_file: str = ""


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _clock(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return False
    hours, minutes = value[:2], value[3:]
    return hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60


def service_settings(raw: object, where: str) -> ServiceSettings:
    """Check the [service] table key by key, so a mistake names its key."""
    if not isinstance(raw, dict):
        raise Invalid(where, msg("must be a table ([service])"))
    known = [f.name for f in fields(ServiceSettings)]
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise Invalid(
            where, msg("unknown setting(s) {names}; known: {known}", names=", ".join(unknown), known=", ".join(known))
        )
    for name, value in raw.items():
        key = f"{where}.{name}"
        if name == "follow_up" and value not in FOLLOW_UP_ACTIONS:
            raise Invalid(key, msg('must be "reopen" or "notify"'))
        if name in ("close_after_days", "remind_after_days") and not (_whole(value) and 0 <= value <= MAX_DAYS):
            raise Invalid(key, msg("must be a whole number of days from 0 to {most}", most=MAX_DAYS))
        if name == "sla_warnings" and not isinstance(value, bool):
            raise Invalid(key, msg("must be true or false"))
        if name == "digest_at" and not _clock(value):
            raise Invalid(key, msg('must be a time of day like "08:30"'))
        if name in ("reminder", "rules_file") and not isinstance(value, str):
            raise Invalid(key, msg("must be text in quotes"))
        if name == "reminder" and not (0 < len(value) <= MAX_TEMPLATE):
            raise Invalid(key, msg("must be between 1 and {most} characters", most=MAX_TEMPLATE))
    return ServiceSettings(**raw)
