"""`supportdesk service`: the one long-running process per desk that does what the desk does by itself.

- `leader.py`: only one instance acts — a PostgreSQL advisory lock, or a lock file beside a SQLite desk; a second
  instance waits as a standby and takes over when the first dies;
- `runner.py`: the loop that runs the jobs when they are due and keeps its own record (`service_node`,
  `service_job`) for `supportdesk service status` (`status.py`);
- `jobs.py`: the jobs — the change feed (triggers, notifications), timed rules, the search index, mail in and
  out, the daily digest, clean-up;
- `logs.py`: one JSON object per line on standard error (journald keeps them), without secrets or personal data.
"""
