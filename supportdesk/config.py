"""Where the desk keeps its files and what a user may configure.

The config file is TOML at `<config dir>/config.toml`. Unknown keys are refused with a clear message, so a typo
never silently does nothing. No secret ever goes in this file (see the secret store).
"""

import hashlib
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from supportdesk.errors import Invalid

APP_NAME = "supportdesk"


def data_dir() -> Path:
    """The user's data directory (database, search index); SUPPORTDESK_DATA_DIR overrides it."""
    override = os.environ.get("SUPPORTDESK_DATA_DIR")
    return Path(override) if override else platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    override = os.environ.get("SUPPORTDESK_CONFIG_DIR")
    return Path(override) if override else platformdirs.user_config_path(APP_NAME)


def ensure_private_dir(path: Path) -> Path:
    """Create a directory readable by its owner only (0700): it holds personal data."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


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
        return db_path.with_name(db_path.stem + ".index")
    safe = parsed.render_as_string(hide_password=True)
    return data_dir() / "index" / hashlib.sha256(safe.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SlaHours:
    """Hours from receipt to the first response and to resolution, per priority."""

    first_response: dict[str, int] = field(default_factory=lambda: {"urgent": 1, "high": 4, "normal": 8, "low": 24})
    resolution: dict[str, int] = field(default_factory=lambda: {"urgent": 8, "high": 24, "normal": 72, "low": 168})


@dataclass(frozen=True)
class Settings:
    db: str | None = None
    user: str | None = None
    lang: str | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    sla: SlaHours = field(default_factory=SlaHours)


def _typed(cls: type, raw: dict[str, object], where: str) -> dict[str, object]:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise Invalid(where, f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return raw


def _check(ok: bool, where: str, why: str) -> None:
    # A value of the wrong kind would otherwise surface much later, far from the file (db = 5 as a URL).
    if not ok:
        raise Invalid(where, why)


def _sla_hours(raw: object, where: str) -> SlaHours:
    if not isinstance(raw, dict):
        raise Invalid(where, "must be a table ([sla])")
    defaults = SlaHours()
    hours: dict[str, dict[str, int]] = {}
    for name, given in _typed(SlaHours, raw, where).items():
        if not isinstance(given, dict):
            raise Invalid(f"{where}.{name}", "must be a table of hours per priority")
        for priority, value in given.items():
            _check(priority in defaults.first_response, f"{where}.{name}", f"{priority!r} is not a priority")
            ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
            _check(ok, f"{where}.{name}.{priority}", "must be a whole number of hours above 0")
        # Naming one priority changes that one; the others keep their defaults (due times need all four).
        hours[name] = {**getattr(defaults, name), **given}
    return SlaHours(**hours)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file means defaults, a broken one a clear Invalid error."""
    path = path or config_dir() / "config.toml"
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(str(path), f"not valid TOML ({exc})") from exc
    raw = dict(_typed(Settings, raw, str(path)))
    for name in ("db", "user", "lang", "theme"):
        _check(isinstance(raw.get(name, ""), str), f"{path} {name}", "must be text in quotes")
    keymap = raw.get("keymap", {})
    ok = isinstance(keymap, dict) and all(isinstance(v, str) for v in keymap.values())
    _check(ok, f"{path} [keymap]", 'must be a table of binding id = "keys"')
    sla = raw.pop("sla", None)
    sla_settings = SlaHours() if sla is None else _sla_hours(sla, f"{path} [sla]")
    return Settings(**raw, sla=sla_settings)  # type: ignore[arg-type]


def resolve_db_url(explicit: str | None, settings: Settings | None = None) -> str:
    """--db beats SUPPORTDESK_DB beats the config file beats the embedded default."""
    if explicit:
        return explicit
    if env := os.environ.get("SUPPORTDESK_DB"):
        return env
    settings = settings or load_settings()
    return settings.db or default_db_url()
