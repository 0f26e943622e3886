"""Reading the audit log: who viewed or changed which customer or ticket, when. Nothing here writes or deletes."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from supportdesk.models import AuditEvent, Ticket
from supportdesk.normalize import login_key
from supportdesk.services.actor import Action, Actor, require


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: int | None
    detail: dict[str, Any]


def audit_events(
    session: Session,
    actor: Actor,
    *,
    customer_id: int | None = None,
    login: str | None = None,
    since: datetime | None = None,
    action: str | None = None,
    limit: int = 500,
) -> list[AuditView]:
    """Newest first. `customer_id` covers the customer's record and every ticket of theirs."""
    require(actor, Action.READ_AUDIT)
    query = select(AuditEvent)
    if customer_id is not None:
        tickets = select(Ticket.id).where(Ticket.customer_id == customer_id)
        query = query.where(
            or_(
                and_(col(AuditEvent.object_type) == "customer", col(AuditEvent.object_id) == customer_id),
                and_(col(AuditEvent.object_type) == "ticket", col(AuditEvent.object_id).in_(tickets)),
            )
        )
    if login:
        query = query.where(AuditEvent.actor_login == login_key(login))
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if action:
        query = query.where(col(AuditEvent.action).startswith(action))
    events = session.exec(query.order_by(col(AuditEvent.id).desc()).limit(limit)).all()
    return [
        AuditView(
            id=e.id or 0,
            at=e.at,
            actor=e.actor_login,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            detail=json.loads(e.detail) if e.detail else {},
        )
        for e in events
    ]
