"""Which agent of a team gets a ticket a rule hands to the team: only agents signed in right now, in turn
(round-robin) or the one with the fewest open tickets (least-loaded)."""

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.models import OPEN_STATUSES, AssignmentTurn, Role, Ticket, User
from supportdesk.services.notifications import signed_in


def team_agents(session: Session, team: str) -> list[int]:
    """The team's active agents, in a fixed order (by id)."""
    query = select(User.id).where(User.team == team, User.role == Role.AGENT, col(User.active).is_(True))
    return sorted(uid for uid in session.exec(query).all() if uid is not None)


def _after(candidates: list[int], last: int | None) -> list[int]:
    """The candidates in turn order: those after `last` first, then from the start."""
    if last is None:
        return candidates
    return [c for c in candidates if c > last] + [c for c in candidates if c <= last]


def open_load(session: Session, user_ids: list[int]) -> dict[int, int]:
    query = (
        select(Ticket.assignee_id, func.count())
        .where(col(Ticket.assignee_id).in_(user_ids), col(Ticket.status).in_([str(s) for s in OPEN_STATUSES]))
        .group_by(col(Ticket.assignee_id))
    )
    counts = {uid: int(n) for uid, n in session.exec(query).all() if uid is not None}
    return {uid: counts.get(uid, 0) for uid in user_ids}


def pick_agent(session: Session, team: str, how: str, now: datetime) -> int | None:
    """The agent who gets the next ticket of `team`, or None when none of its agents is signed in.

    The team's turn moves on in the session; it commits with the assignment.
    """
    candidates = sorted(signed_in(session, team_agents(session, team), now))
    if not candidates:
        return None
    turn = session.get(AssignmentTurn, team) or AssignmentTurn(team=team)
    ordered = _after(candidates, turn.last_user_id)
    if how == "least_loaded":
        load = open_load(session, ordered)
        fewest = min(load.values())
        chosen = next(uid for uid in ordered if load[uid] == fewest)  # ties go in turn
    else:
        chosen = ordered[0]
    turn.last_user_id = chosen
    session.add(turn)
    return chosen
