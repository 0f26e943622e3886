"""Writing to the append-only audit log. Callers add the event in the same transaction as the change."""

import json
from typing import Any

from sqlmodel import Session

from supportdesk.models import AuditEvent
from supportdesk.services.actor import Actor


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: int | None,
    **detail: Any,
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_login=actor.login if actor else "system",
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
    )
    session.add(event)
    return event
