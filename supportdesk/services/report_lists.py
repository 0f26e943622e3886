"""The list of tickets behind each number of a report row, defined once beside the figures.

A report row (services/reports.py: SlaRow, AgentRow, TypeRow) carries `lists`: for each of its countable figures,
keyed by the figure's field name, the TicketFilter of the tickets it counts. The dashboard screen opens them; it
does not restate what a number means. Like the dashboard's `Cell.filter`:

- "now" figures are of the open tickets at the moment of the report: `open_now` the open ones, `overdue_now` and
  `due_soon_now` those whose clock runs and whose next due time is past, or before the due-soon limit;
- `received` and `resolved` are of the period's cohort (tickets received in it), resolved or closed by now.
"""

from dataclasses import dataclass, replace
from datetime import datetime

from supportdesk.models import Status
from supportdesk.services.ticket_queries import TicketFilter

RESOLVED = (Status.RESOLVED, Status.CLOSED)
Lists = dict[str, TicketFilter]


@dataclass(frozen=True)
class ReportLists:
    """The moments a report's lists are drawn at: its period's bounds (desk time) and now / due soon."""

    received_from: datetime
    received_before: datetime
    now: datetime
    soon: datetime

    def of(self, only: TicketFilter, *figures: str) -> Lists:
        """The figures' lists (all of them when none are named) for the tickets `only` selects (one priority, type
        or assignee, or all)."""
        cohort = replace(only, received_from=self.received_from, received_before=self.received_before)
        lists = {
            "open_now": replace(only, open_only=True),
            "overdue_now": replace(only, due_before=self.now),
            "due_soon_now": replace(only, due_from=self.now, due_before=self.soon),
            "received": cohort,
            "resolved": replace(cohort, statuses=RESOLVED),
        }
        return {figure: lists[figure] for figure in figures} if figures else lists
