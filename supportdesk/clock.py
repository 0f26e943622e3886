"""One clock for everything a person reads: the desk's time zone (config `timezone`, default Asia/Tokyo).

Times are stored as aware UTC; only display converts. "Today" is the desk's date, whatever the machine's zone:
an agent in Tokyo at 08:30 is on Monday even when the server says it is Sunday 23:30 UTC.

    clock.today()                 # the desk's date now
    clock.when(ticket.updated_at) # "2026-11-02 19:00" in the desk's zone
    clock.csv_time(moment)        # "2026-11-02T19:00:00+09:00" (with offset, for spreadsheets and scripts)
    msg("… at {time}", time=clock.At(moment))   # a time in a message, rendered when shown

The entry points set the zone once from the config (`set_desk_zone`), before anything is shown.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from typing import Final

DEFAULT_ZONE: Final = "Asia/Tokyo"


@cache
def zone_named(name: str) -> tzinfo:
    """The time zone called `name`; Asia/Tokyo works even on a machine without time-zone data."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name == DEFAULT_ZONE:  # Japan has no daylight saving time
            return timezone(timedelta(hours=9), "JST")
        raise


def known_zone(name: str) -> bool:
    try:
        zone_named(name)
    except Exception:  # ZoneInfoNotFoundError, ValueError, or a malformed key
        return False
    return True


_zone_name = DEFAULT_ZONE


def set_desk_zone(name: str) -> None:
    """Show every later time in `name` (an IANA zone such as Asia/Tokyo)."""
    global _zone_name
    zone_named(name)  # refuse an unknown zone here rather than at the first time shown
    _zone_name = name


def desk_zone_name() -> str:
    return _zone_name


def desk_zone() -> tzinfo:
    return zone_named(_zone_name)


def now() -> datetime:
    """The current moment, aware UTC (what the desk stores)."""
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """`moment` on the desk's clock."""
    return moment.astimezone(desk_zone())


def today(moment: datetime | None = None) -> date:
    """The desk's date at `moment` (now by default)."""
    return local(moment or now()).date()


def start_of_day(day: date) -> datetime:
    """Midnight starting `day` on the desk's clock, as UTC (for 'since 2026-11-01' filters)."""
    return datetime.combine(day, datetime.min.time(), desk_zone()).astimezone(UTC)


def when(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M", empty: str = "—") -> str:
    """`moment` as a person reads it on the desk's clock."""
    return local(moment).strftime(fmt) if moment else empty


def csv_time(moment: datetime | None) -> str:
    """`moment` for a file: ISO 8601 on the desk's clock with its offset, to the second."""
    return local(moment).isoformat(sep=" ", timespec="seconds") if moment else ""


@dataclass(frozen=True)
class At:
    """A moment inside a message, shown on the desk's clock when the message is rendered."""

    moment: datetime
    fmt: str = "%H:%M"

    def __str__(self) -> str:
        return when(self.moment, self.fmt)
