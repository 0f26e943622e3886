"""How values look on screen: local times, ages, durations, yen."""

from datetime import UTC, datetime

STATUS_STYLES = {
    "new": "bold $accent",
    "open": "bold $primary",
    "pending": "$warning",
    "on_hold": "$secondary",
    "resolved": "$success",
    "closed": "$text-muted",
}
PRIORITY_STYLES = {"urgent": "bold $error", "high": "$warning", "normal": "", "low": "$text-muted"}


def local(value: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    return value.astimezone().strftime(fmt) if value else "—"


def age(since: datetime, now: datetime | None = None) -> str:
    """Compact age of a ticket: 45m, 5h, 3d."""
    seconds = ((now or datetime.now(UTC)) - since).total_seconds()
    if seconds < 3600:
        return f"{max(0, int(seconds // 60))}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def yen(amount: int) -> str:
    return f"¥{amount:,}"
