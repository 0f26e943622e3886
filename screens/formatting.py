"""How values look on screen: local times, ages, durations, yen."""

from datetime import UTC, datetime, timedelta

from supportdesk.services.readmodels import TicketRow

PRIORITY_STYLES = {"urgent": "bold red", "high": "yellow", "normal": "", "low": "dim"}
DUE_SOON = timedelta(hours=2)
OPEN_STATUSES = {"new", "open", "pending", "on_hold"}


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


def due_style(row: TicketRow, now: datetime) -> str:
    """Red when an open ticket is past its resolution time, yellow when it is due within two hours."""
    if row.status not in OPEN_STATUSES or row.resolution_due is None or row.status == "pending":
        return ""
    if row.resolution_due <= now:
        return "bold red"
    return "yellow" if row.resolution_due - now <= DUE_SOON else ""
