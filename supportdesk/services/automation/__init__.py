"""What the desk does by itself, run by `supportdesk service` (supportdesk/service/):

- `feed.py` reads the desk's changes (thread entries in id order) and turns each ticket's into one `Change`;
- `triggers.py` runs the leads' triggers on each change (`conditions.py`, `actions.py`, `assignment.py`);
- `notices.py` tells people what concerns them (assigned, the customer answered, @mentions, a rule's outcome);
- `timed.py` runs the timed rules on the business-hours clock (follow-up dates, service levels, auto-close,
  reminders);
- `store.py` keeps the rules (every change audited, with its revision), `definitions.py` reads and writes them,
  `macros.py` applies a macro for an agent.

Everything the desk does by itself is done as the desk's own account (`account.py`), and every thread entry a
rule writes names the rule (`TicketEntry.via_rule`).
"""
