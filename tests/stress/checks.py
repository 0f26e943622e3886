"""What must hold after agents worked concurrently or a process was killed: the shared checks of the stress tests."""

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from supportdesk.db import open_session
from supportdesk.models import Status, StatusChange, Ticket, TicketEntry
from supportdesk.services.transitions import ALLOWED


@dataclass
class WorkLog:
    """The acknowledged writes and the end-of-run counts of every worker."""

    acks: list[dict[str, Any]] = field(default_factory=list)
    summaries: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, paths: Iterable[Path]) -> "WorkLog":
        log = cls()
        for path in paths:
            if not path.exists():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.endswith("}"):
                    continue  # the last line of a killed worker may be cut short: it was never acknowledged
                record = json.loads(line)
                if "summary" in record:
                    log.summaries[record["w"]] = record["summary"]
                else:
                    log.acks.append(record)
        return log

    def total(self, name: str) -> int:
        return sum(s.get(name, 0) for s in self.summaries.values())


def chain_problems(changes: list[StatusChange], status: str) -> list[str]:
    """A ticket's status history must start at new, follow the allowed transitions and end at its status."""
    problems = []
    if not changes or changes[0].from_status is not None or changes[0].to_status != Status.NEW:
        problems.append("the history does not start with → new")
    for before, after in pairwise(changes):
        if after.from_status != before.to_status:
            problems.append(f"change {after.id} starts at {after.from_status}, the ticket was {before.to_status}")
        elif Status(after.to_status) not in ALLOWED[Status(before.to_status)]:
            problems.append(f"change {after.id}: {before.to_status} → {after.to_status} is not allowed")
    if changes and changes[-1].to_status != status:
        problems.append(f"the history ends at {changes[-1].to_status}, the ticket is {status}")
    return problems


def verify(engine: Engine, numbers: list[int], start_versions: dict[int, int], log: WorkLog, *, complete: bool) -> None:
    """Compare the acknowledged writes with the database; raise AssertionError listing every problem.

    `complete` means every worker finished normally, so every write in the database was acknowledged (nothing
    more); after a kill -9 the last write of a killed process may have committed without its acknowledgement.
    """
    problems: list[str] = []
    with open_session(engine) as session:
        tickets = {t.id: t for t in session.exec(select(Ticket).where(col(Ticket.id).in_(numbers))).all()}
        changes: dict[int, list[StatusChange]] = defaultdict(list)
        for change in session.exec(
            select(StatusChange).where(col(StatusChange.ticket_id).in_(numbers)).order_by(col(StatusChange.id))
        ).all():
            changes[change.ticket_id].append(change)
        bodies = Counter(
            (entry.ticket_id, entry.body.split(" ", 1)[0], str(entry.kind))
            for entry in _entries(session, numbers)
            if entry.author_id is not None
        )
    reasons = Counter((c.ticket_id, c.reason, str(c.to_status)) for cs in changes.values() for c in cs)

    acked: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for ack in log.acks:
        acked[ack["t"]].append(ack)
    for number in numbers:
        ticket = tickets[number]
        problems += [f"#{number}: {p}" for p in chain_problems(changes[number], str(ticket.status))]
        versions = sorted(a["to"] for a in acked[number])
        duplicates = [v for v, n in Counter(versions).items() if n > 1]
        if duplicates:
            problems.append(f"#{number}: versions {duplicates} acknowledged twice (a lost update)")
        if any(a["to"] != a["from"] + 1 for a in acked[number]):
            problems.append(f"#{number}: a write moved the version by other than one")
        expected_all = list(range(start_versions[number] + 1, ticket.version + 1))
        if complete and versions != expected_all:
            problems.append(f"#{number}: version {ticket.version}, acknowledged {versions}: a write unaccounted for")
        if not set(versions) <= set(expected_all):
            problems.append(f"#{number}: acknowledged versions {versions} beyond the ticket's {ticket.version}")
        last_assign = max((a for a in acked[number] if a["op"] == "assign"), key=lambda a: a["to"], default=None)
        if complete and last_assign is not None and ticket.assignee_id != last_assign["assignee"]:
            problems.append(f"#{number}: assigned to {ticket.assignee_id}, last acknowledged {last_assign['assignee']}")
    for ack in log.acks:
        if "kind" in ack and bodies[(ack["t"], ack["marker"], ack["kind"])] != 1:
            problems.append(f"#{ack['t']}: acknowledged {ack['kind']} {ack['marker']} is missing or doubled")
        if "status" in ack and reasons[(ack["t"], ack["marker"], ack["status"])] != 1:
            problems.append(f"#{ack['t']}: acknowledged change to {ack['status']} ({ack['marker']}) missing")
    if complete:
        # A worker's marker is its login, a tag and the attempt: other text on the tickets (a desk that had a
        # history before the workers came, as the benchmark desk has) is nobody's acknowledgement.
        ours = tuple(f"{login}" for login in log.summaries) or ("",)
        written = {(t, m) for (t, m, _), n in bodies.items() if "-" in m and m.startswith(ours)} | {
            (t, r) for (t, r, _), n in reasons.items() if r and "-" in r and r.startswith(ours)
        }
        claimed = {(a["t"], a["marker"]) for a in log.acks}
        if written - claimed:
            problems.append(f"written but refused: {sorted(written - claimed)[:5]}")
    assert not problems, "\n".join(problems[:40])


def _entries(session: Session, numbers: list[int]) -> list[TicketEntry]:
    query = select(TicketEntry).where(col(TicketEntry.ticket_id).in_(numbers), TicketEntry.kind != "status_change")
    return list(session.exec(query).all())


def integrity_ok(engine: Engine) -> bool:
    """PRAGMA integrity_check on SQLite (a PostgreSQL server checks itself)."""
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as connection:
        return connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
