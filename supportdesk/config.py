"""Where the desk keeps its files and what a user may configure.

The config file is TOML at `<config dir>/config.toml`. Unknown keys are refused with a clear message, so a typo
never silently does nothing. No secret ever goes in this file (see the secret store).
"""

import hashlib
import json
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TextIO, TypeGuard

import platformdirs

from supportdesk.errors import Invalid
from supportdesk.i18n import LANGUAGES, Msg, msg
from supportdesk.mail.settings import MailSettings, mail_settings
from supportdesk.service_settings import ServiceSettings, service_settings

APP_NAME = "supportdesk"


def data_dir() -> Path:
    """The user's data directory (database, search index); SUPPORTDESK_DATA_DIR overrides it."""
    override = os.environ.get("SUPPORTDESK_DATA_DIR")
    return Path(override) if override else platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    override = os.environ.get("SUPPORTDESK_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP_NAME)


def ensure_private_dir(path: Path) -> Path:
    """Create a directory readable by its owner only (0700): it holds personal data.

    Missing parents are created 0700 too (mkdir's `parents=True` would give them the umask's 0755), so a fresh
    data or config dir is private all the way down; existing directories are left as their owner set them.
    """
    missing = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    return path


def open_private(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> TextIO:
    """Open `path` for writing as a file only its owner can read (0600): exports, reports and disclosures hold
    personal data. An existing file is emptied and made 0600 too (a mode given at creation does not change it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "w", encoding=encoding, newline=newline)
    except BaseException:
        os.close(fd)
        raise


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (0600), also over an existing file with wider permissions."""
    with open_private(path) as handle:
        handle.write(text)


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'supportdesk.db'}"


def demo_db_url() -> str:
    return f"sqlite:///{data_dir() / 'demo' / 'supportdesk-demo.db'}"


def index_dir_for(db_url: str) -> Path:
    """The search index lives beside its database: <name>.index/ next to a SQLite file, else in the data dir."""
    from sqlalchemy import make_url

    parsed = make_url(db_url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        db_path = Path(parsed.database).expanduser()
        index = db_path.with_name(db_path.stem + ".index")
    else:
        safe = parsed.render_as_string(hide_password=True)
        index = data_dir() / "index" / hashlib.sha256(safe.encode()).hexdigest()[:16]
    # The index holds ticket text (personal data) in plain files: the directory is the owner's alone.
    ensure_private_dir(index)
    if index.stat().st_mode & 0o077 and index.stat().st_uid == os.getuid():
        index.chmod(0o700)
    return index


PRIORITY_NAMES = ("urgent", "high", "normal", "low")
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SLA_TARGETS = ("first_response", "resolution")
# 年末年始: most Japanese companies close from 29 December to 3 January (1 January is a public holiday anyway).
YEAR_END_CLOSURE = ("12-29", "12-30", "12-31", "01-02", "01-03")


@dataclass(frozen=True)
class SlaPolicy:
    """Service levels: business hours from receipt to the first response and to resolution.

    Targets are per priority, optionally overridden per inquiry type (`by_type`). The clock runs only within
    `business_hours` on `business_days` in `timezone`, never on the public holidays of the `holidays` country
    ("" for none) nor on the yearly `closed_days` (MM-DD). A ticket is due soon within `due_soon_hours` business
    hours of its next due time.
    """

    first_response: dict[str, int] = field(default_factory=lambda: {"urgent": 1, "high": 4, "normal": 8, "low": 24})
    resolution: dict[str, int] = field(default_factory=lambda: {"urgent": 8, "high": 24, "normal": 72, "low": 168})
    by_type: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    timezone: str = "Asia/Tokyo"
    business_hours: tuple[str, str] = ("09:00", "18:00")
    business_days: tuple[str, ...] = WEEKDAY_NAMES[:5]
    holidays: str = "JP"
    closed_days: tuple[str, ...] = YEAR_END_CLOSURE
    due_soon_hours: int = 2

    def target_hours(self, target: str, priority: str, inquiry_type: str | None = None) -> int:
        """Business hours allowed for `target` ("first_response" or "resolution") of such a ticket."""
        override = self.by_type.get(inquiry_type or "", {}).get(target, {})
        return override.get(priority) or getattr(self, target)[priority]


# The name the settings used when targets were wall-clock hours per priority only.
SlaHours = SlaPolicy


@dataclass(frozen=True)
class Settings:
    db: str | None = None
    user: str | None = None
    lang: str | None = None
    theme: str | None = None
    # The desk's clock: every time a person reads, "today" on every screen, and the service levels.
    timezone: str = "Asia/Tokyo"
    keymap: dict[str, str] = field(default_factory=dict)
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    mail: MailSettings = field(default_factory=MailSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)


def _typed(cls: type, raw: dict[str, object], where: str) -> dict[str, object]:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise Invalid(
            where,
            msg("unknown setting(s) {names}; known: {known}", names=", ".join(unknown), known=", ".join(sorted(known))),
        )
    return raw


def _check(ok: bool, where: str, why: Msg) -> None:
    # A value of the wrong kind would otherwise surface much later, far from the file (db = 5 as a URL).
    if not ok:
        raise Invalid(where, why)


def _hours_table(given: object, where: str) -> dict[str, int]:
    if not isinstance(given, dict):
        raise Invalid(where, msg("must be a table of hours per priority"))
    for priority, value in given.items():
        _check(priority in PRIORITY_NAMES, where, msg("{value!r} is not a priority", value=priority))
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        _check(ok, f"{where}.{priority}", msg("must be a whole number of hours above 0"))
    return dict(given)


def _by_type(raw: object, where: str) -> dict[str, dict[str, dict[str, int]]]:
    from supportdesk.models.enums import InquiryType

    _check(isinstance(raw, dict), where, msg("must be a table of inquiry types ([sla.by_type.complaint])"))
    assert isinstance(raw, dict)
    out: dict[str, dict[str, dict[str, int]]] = {}
    for kind, targets in raw.items():
        known = ", ".join(InquiryType)
        _check(kind in set(InquiryType), f"{where}.{kind}", msg("not an inquiry type; known: {known}", known=known))
        _check(isinstance(targets, dict), f"{where}.{kind}", msg("must be a table with first_response / resolution"))
        unknown = sorted(set(targets) - set(SLA_TARGETS))
        _check(
            not unknown,
            f"{where}.{kind}",
            msg("unknown setting(s) {names}; known: {known}", names=", ".join(unknown), known=", ".join(SLA_TARGETS)),
        )
        out[kind] = {name: _hours_table(hours, f"{where}.{kind}.{name}") for name, hours in targets.items()}
    return out


def _clock_time(value: object) -> bool:
    if not isinstance(value, str) or len(value) != 5 or value[2] != ":":
        return False
    hours, minutes = value[:2], value[3:]
    return hours.isdigit() and minutes.isdigit() and int(hours) <= 24 and int(minutes) < 60


def _month_day(value: object) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(f"2024-{value}")  # a leap year, so 02-29 is a day one may close on
    except (TypeError, ValueError):
        return False
    return True


def _strings(value: object) -> TypeGuard[list[str] | tuple[str, ...]]:
    return isinstance(value, list | tuple) and all(isinstance(item, str) for item in value)


def _calendar_settings(raw: dict[str, object], where: str) -> dict[str, object]:
    """The business-calendar keys of [sla], checked one by one so a mistake names its key."""
    out: dict[str, object] = {}
    if "timezone" in raw:
        zone = raw["timezone"]
        _check(
            isinstance(zone, str) and _known_zone(zone), f"{where}.timezone", msg("must be a time zone like Asia/Tokyo")
        )
        out["timezone"] = zone
    if "business_hours" in raw:
        hours = raw["business_hours"]
        if not (_strings(hours) and len(hours) == 2 and all(_clock_time(h) for h in hours) and hours[0] < hours[1]):
            raise Invalid(f"{where}.business_hours", msg('must be ["HH:MM", "HH:MM"], opening before closing'))
        out["business_hours"] = tuple(hours)
    if "business_days" in raw:
        days = raw["business_days"]
        if not (_strings(days) and days and all(d in WEEKDAY_NAMES for d in days)):
            raise Invalid(
                f"{where}.business_days", msg("must be a list of days from {days}", days=", ".join(WEEKDAY_NAMES))
            )
        out["business_days"] = tuple(dict.fromkeys(days))
    if "holidays" in raw:
        country = raw["holidays"]
        _check(
            isinstance(country, str) and _known_country(country),
            f"{where}.holidays",
            msg('must be a country code like JP, or ""'),
        )
        out["holidays"] = country
    if "closed_days" in raw:
        closed = raw["closed_days"]
        if not (_strings(closed) and all(_month_day(day) for day in closed)):
            raise Invalid(f"{where}.closed_days", msg('must be a list of yearly dates like "12-31"'))
        out["closed_days"] = tuple(closed)
    if "due_soon_hours" in raw:
        soon = raw["due_soon_hours"]
        ok = isinstance(soon, int) and not isinstance(soon, bool) and soon >= 0
        _check(ok, f"{where}.due_soon_hours", msg("must be a whole number of hours, 0 or more"))
        out["due_soon_hours"] = soon
    return out


def _known_zone(name: str) -> bool:
    from supportdesk.clock import known_zone

    return known_zone(name)


def _known_country(code: str) -> bool:
    if not code:
        return True
    import holidays

    return code in holidays.list_supported_countries()


def _sla_policy(raw: object, where: str) -> SlaPolicy:
    if not isinstance(raw, dict):
        raise Invalid(where, msg("must be a table ([sla])"))
    raw = _typed(SlaPolicy, raw, where)
    defaults = SlaPolicy()
    values: dict[str, Any] = {}  # each value checked by the helper that read it
    for name in SLA_TARGETS:
        if name in raw:
            # Naming one priority changes that one; the others keep their defaults (due times need all four).
            values[name] = {**getattr(defaults, name), **_hours_table(raw[name], f"{where}.{name}")}
    if "by_type" in raw:
        values["by_type"] = _by_type(raw["by_type"], f"{where}.by_type")
    values.update(_calendar_settings(raw, where))
    return SlaPolicy(**values)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file means defaults, a broken one a clear Invalid error."""
    path = path or config_dir() / "config.toml"
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(str(path), msg("not valid TOML ({error})", error=exc)) from exc
    raw = dict(_typed(Settings, raw, str(path)))
    for name in ("db", "user", "lang", "theme"):
        _check(isinstance(raw.get(name, ""), str), f"{path} {name}", msg("must be text in quotes"))
    keymap = raw.get("keymap", {})
    ok = isinstance(keymap, dict) and all(isinstance(v, str) for v in keymap.values())
    _check(ok, f"{path} [keymap]", msg('must be a table of binding id = "keys"'))
    if "lang" in raw:
        given = raw["lang"]
        _check(
            given in LANGUAGES, f"{path} lang", msg("must be ja (Japanese) or en (English), not {given!r}", given=given)
        )
    _check_no_password(raw.get("db"), f"{path} db")
    if "timezone" in raw:
        zone = raw["timezone"]
        _check(
            isinstance(zone, str) and _known_zone(zone), f"{path} timezone", msg("must be a time zone like Asia/Tokyo")
        )
    sla = raw.pop("sla", None)
    sla_settings = SlaPolicy() if sla is None else _sla_policy(sla, f"{path} [sla]")
    mail = raw.pop("mail", None)
    mail_config = MailSettings() if mail is None else mail_settings(mail, f"{path} [mail]")
    service = raw.pop("service", None)
    service_config = ServiceSettings() if service is None else service_settings(service, f"{path} [service]")
    # One clock: [sla] timezone (where older files set it) and the top-level key name the same zone.
    zone = raw.get("timezone")
    if isinstance(sla, dict) and "timezone" in sla:
        _check(
            zone in (None, sla_settings.timezone),
            f"{path} timezone",
            msg("differs from [sla] timezone; the desk has one clock: set timezone once, at the top"),
        )
        zone = sla_settings.timezone
    raw["timezone"] = zone or Settings.timezone
    return Settings(
        **raw,
        sla=replace(sla_settings, timezone=raw["timezone"]),
        mail=mail_config,
        service=service_config,
    )


_TOP_LEVEL_KEY = re.compile(r"^(\w+)\s*=")


def remember_setting(name: str, value: str, path: Path | None = None) -> None:
    """Keep a choice made in the app (the theme) in the config file, changing only its own line.

    The person's other settings, tables and comments stay as they wrote them; a missing file is created (0600).
    """
    if name not in ("theme", "lang"):
        raise ValueError(f"{name} is not a setting the app keeps")
    path = path or config_dir() / "config.toml"
    ensure_private_dir(path.parent)
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    line = f"{name} = {json.dumps(value, ensure_ascii=False)}"  # a JSON string is a valid TOML basic string
    top = next((i for i, text in enumerate(lines) if text.lstrip().startswith("[")), len(lines))
    for index, text in enumerate(lines[:top]):
        if (found := _TOP_LEVEL_KEY.match(text.strip())) and found.group(1) == name:
            lines[index] = line
            break
    else:
        lines.insert(top, line)
    write_private(path, "\n".join(lines) + "\n")


def _check_no_password(url: object, where: str) -> None:
    """A config file is read by editors, backups and support chats: a password in it is refused, not used."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    if not isinstance(url, str) or not url:
        return
    try:
        password = make_url(url).password
    except (ArgumentError, ValueError):
        return  # not a URL at all: the engine reports that, with the URL in view
    if password is not None:
        raise Invalid(
            where,
            msg(
                "the URL holds a password; remove it (user@host) and run `supportdesk secret set db-password`, "
                "which keeps it in the OS keyring and supplies it at connect time"
            ),
        )


def resolve_db_url(explicit: str | None, settings: Settings | None = None) -> str:
    """--db beats SUPPORTDESK_DB beats the config file beats the embedded default."""
    if explicit:
        return explicit
    if env := os.environ.get("SUPPORTDESK_DB"):
        return env
    settings = settings or load_settings()
    return settings.db or default_db_url()
