"""What every part of a demo build shares: the seeded randomness, the clock, id counters and the rows to write."""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from faker import Faker

JST = timezone(timedelta(hours=9), "JST")

Row = dict[str, Any]


def demo_now(today: date) -> datetime:
    """Noon in Tokyo on `today`, as aware UTC: the moment the demo desk is 'looked at'."""
    return datetime.combine(today, time(12, 0), tzinfo=JST).astimezone(UTC)


def jst_date(moment: datetime) -> date:
    return moment.astimezone(JST).date()


def at_jst(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=JST).astimezone(UTC)


class Ids:
    """Primary keys handed out in Python, so related rows can be written in bulk without a round trip each."""

    def __init__(self, start: dict[str, int] | None = None) -> None:
        self._next: dict[str, int] = dict(start or {})

    def next(self, table: str) -> int:
        value = self._next.get(table, 1)
        self._next[table] = value + 1
        return value


@dataclass
class Batch:
    """Rows waiting to be written, per table name."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, row: Row) -> None:
        self.rows[table].append(row)

    def __len__(self) -> int:
        return sum(len(r) for r in self.rows.values())


@dataclass
class DemoContext:
    seed: int
    today: date
    rng: random.Random
    fake: Faker
    ids: Ids
    now: datetime
    user_ids: dict[str, int] = field(default_factory=dict)
    product_ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def create(cls, seed: int, today: date, ids: Ids) -> "DemoContext":
        fake = Faker("ja_JP")
        fake.seed_instance(seed)
        return cls(seed=seed, today=today, rng=random.Random(seed), fake=fake, ids=ids, now=demo_now(today))

    def days_ago(self, days: float) -> datetime:
        return (self.now - timedelta(days=days)).replace(microsecond=0)

    def audit(
        self,
        batch: Batch,
        action: str,
        object_type: str,
        object_id: int | None,
        at: datetime,
        detail: str | None,
        actor_id: int | None = None,
        actor_login: str = "system",
    ) -> None:
        """An audit row as the services write it; 'system' when no person did it (an import, a mail intake)."""
        batch.add(
            "audit_event",
            {
                "id": self.ids.next("audit_event"),
                "actor_id": actor_id,
                "actor_login": actor_login,
                "action": action,
                "object_type": object_type,
                "object_id": object_id,
                "detail": detail,
                "at": at,
            },
        )
