"""Small helpers to write hand-made tickets in tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from search_index import EntryDoc, TicketDoc

WHEN = datetime(2026, 1, 15, 3, 0, tzinfo=UTC)


def ticket(ticket_id: int, subject: str = "ご相談", *bodies: str, **fields: Any) -> TicketDoc:
    """A ticket whose entries are ``bodies`` (entry ids ticket_id*100 + n)."""
    created = fields.pop("created", WHEN)
    kinds = fields.pop("kinds", None) or ["customer_message", "reply", "internal_note", "call_log"]
    entries = tuple(
        EntryDoc(ticket_id * 100 + n, kinds[n % len(kinds)], body, created) for n, body in enumerate(bodies)
    )
    values: dict[str, Any] = {
        "ticket_id": ticket_id,
        "subject": subject,
        "status": "open",
        "inquiry_type": "技術",
        "channel": "email",
        "priority": "normal",
        "customer_name": "田中 太郎",
        "company_name": "山田商事",
        "product_names": ("スマートルーター X200",),
        "agent": "sato",
        "created": created,
        "updated": fields.pop("updated", created),
        "entries": entries,
    }
    values.update(fields)
    return TicketDoc(**values)
