"""How values look on screen: local times, ages, durations, yen."""

from datetime import UTC, datetime

from supportdesk import clock
from supportdesk.i18n import t
from supportdesk.services import sla
from supportdesk.services.readmodels import TicketRow

PRIORITY_STYLES = {"urgent": "bold red", "high": "yellow", "normal": "", "low": "dim"}
DUE_STYLES = {sla.SlaState.OVERDUE: "bold red", sla.SlaState.DUE_SOON: "yellow"}


def local(value: datetime | None, fmt: str = "%m-%d %H:%M") -> str:
    """A time on the desk's clock (config `timezone`), whatever the machine's zone."""
    return clock.when(value, fmt)


def age(since: datetime, now: datetime | None = None) -> str:
    """Compact age of a ticket: 45m, 5h, 3d (45分, 5時間, 3日)."""
    seconds = ((now or datetime.now(UTC)) - since).total_seconds()
    if seconds < 3600:
        return t("{minutes}m", minutes=max(0, int(seconds // 60)))
    if seconds < 86400:
        return t("{hours}h", hours=int(seconds // 3600))
    return t("{days}d", days=int(seconds // 86400))


def duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def yen(amount: int) -> str:
    return f"¥{amount:,}"


def due_style(row: TicketRow, now: datetime, soon: datetime | None = None) -> str:
    """Red when an open ticket is past its next due time, yellow when due soon (the rule of services/sla.py).

    `soon` is `sla.soon_limit(now, policy)` for the desk's policy; without it the default policy's.
    """
    state = sla.sla_state(
        row.status,
        row.first_response_at,
        row.first_response_due,
        row.resolution_due,
        now,
        soon or sla.soon_limit(now),
    )
    return DUE_STYLES.get(state, "")
