"""Due times for a new ticket from the configured hours per priority (wall-clock hours for now)."""

from datetime import datetime, timedelta

from supportdesk.config import SlaHours
from supportdesk.models import Priority


def due_times(received_at: datetime, priority: Priority | str, hours: SlaHours) -> tuple[datetime, datetime]:
    """(first response due, resolution due)."""
    key = str(Priority(priority))
    return (
        received_at + timedelta(hours=hours.first_response[key]),
        received_at + timedelta(hours=hours.resolution[key]),
    )
