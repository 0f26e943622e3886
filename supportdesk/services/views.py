"""Saved views: a ticket list's filters and sort under a name, shown as a tab; leads share theirs with the team.

A view stores *which queue* it starts from rather than the rows' owner or today's date, so a shared "mine"
view shows each colleague their own tickets and a "follow-up due" view stays due-today tomorrow.
"""

import json
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, or_, select

from supportdesk.errors import Invalid, NotAllowed, NotFound
from supportdesk.i18n import msg
from supportdesk.models import InquiryType, Priority, SavedView, Status, User
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, can, require
from supportdesk.services.ticket_queries import TicketFilter, TicketSort
from supportdesk.services.unit import commit
from supportdesk.untrusted import check_line

BASES = ("mine", "unassigned", "follow_up", "all_open", "all")
MAX_NAME = 100


def base_filter(base: str, me: int, today: date) -> TicketFilter:
    """The queues every ticket list starts from."""
    return {
        "mine": TicketFilter(open_only=True, assignee_id=me),
        "unassigned": TicketFilter(open_only=True, unassigned=True),
        "follow_up": TicketFilter(follow_up_due_by=today),
        "all_open": TicketFilter(open_only=True),
        "all": TicketFilter(),
    }[base]


@dataclass(frozen=True)
class ViewFilters:
    """A list's filters as a person chose them: a base queue narrowed by status, priority, type and agent."""

    base: str = "all_open"
    statuses: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    inquiry_types: tuple[str, ...] = ()
    assignee_id: int | None = None
    # The team's own fields: (field id, value as the field keeps it, whether a text holding it anywhere will do).
    fields: tuple[tuple[int, str, bool], ...] = ()

    def to_filter(self, me: int, today: date) -> TicketFilter:
        base = base_filter(self.base, me, today)
        return TicketFilter(
            statuses=tuple(Status(s) for s in self.statuses) or base.statuses,
            open_only=base.open_only and not self.statuses,
            priorities=tuple(Priority(p) for p in self.priorities),
            inquiry_types=self.inquiry_types,
            assignee_id=self.assignee_id if self.assignee_id is not None else base.assignee_id,
            unassigned=base.unassigned,
            follow_up_due_by=base.follow_up_due_by,
            custom=tuple((field_id, value) for field_id, value, contains in self.fields if not contains),
            custom_contains=tuple((field_id, value) for field_id, value, contains in self.fields if contains),
        )

    def to_json(self) -> str:
        stored: dict[str, object] = {
            "base": self.base,
            "statuses": list(self.statuses),
            "priorities": list(self.priorities),
            "inquiry_types": list(self.inquiry_types),
            "assignee_id": self.assignee_id,
        }
        if self.fields:  # views saved before fields could be filtered read the same
            stored["fields"] = [list(f) for f in self.fields]
        return json.dumps(
            stored,
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> "ViewFilters":
        try:
            raw = json.loads(text or "{}")
        except json.JSONDecodeError:
            raw = {}
        names = ("base", "statuses", "priorities", "inquiry_types", "assignee_id", "fields")
        known = {k: raw[k] for k in names if k in raw}
        for name in ("statuses", "priorities", "inquiry_types"):
            known[name] = tuple(known.get(name) or ())
        # A stored field filter that is not (id, value, contains) is dropped rather than failing the whole list.
        known["fields"] = tuple(
            (f[0], f[1], bool(f[2]))
            for f in known.get("fields") or ()
            if isinstance(f, list) and len(f) == 3 and isinstance(f[0], int) and isinstance(f[1], str)
        )
        return cls(**known).checked()

    def checked(self) -> "ViewFilters":
        if self.base not in BASES:
            raise Invalid(
                "view", msg("{value!r} is not a queue; known: {known}", value=self.base, known=", ".join(BASES))
            )
        for name, vocabulary in (("statuses", Status), ("priorities", Priority), ("inquiry_types", InquiryType)):
            unknown = [v for v in getattr(self, name) if v not in set(vocabulary)]
            if unknown:
                raise Invalid("view", msg("not known {kind}: {values}", kind=name, values=", ".join(unknown)))
        return self


@dataclass(frozen=True)
class ViewRow:
    id: int
    name: str
    owner_login: str
    filters: ViewFilters
    sort: str
    shared: bool
    team: str | None
    mine: bool


def _row(view: SavedView, owner: str, actor: Actor) -> ViewRow:
    assert view.id is not None
    return ViewRow(
        id=view.id,
        name=view.name,
        owner_login=owner,
        filters=ViewFilters.from_json(view.filters),
        sort=view.sort,
        shared=view.shared,
        team=view.team,
        mine=view.owner_id == actor.id,
    )


def list_views(session: Session, actor: Actor) -> list[ViewRow]:
    """The user's own views, then the views shared with their team (or with everyone), by name."""
    require(actor, Action.SAVE_VIEWS)
    shared_here = col(SavedView.shared).is_(True) & or_(col(SavedView.team).is_(None), SavedView.team == actor.team)
    query = (
        select(SavedView, User.login)
        .join(User, col(User.id) == SavedView.owner_id)
        .where(or_(SavedView.owner_id == actor.id, shared_here))
    )
    rows = [_row(view, login, actor) for view, login in session.exec(query).all()]
    return sorted(rows, key=lambda r: (not r.mine, r.name, r.id))


def save_view(
    session: Session,
    actor: Actor,
    name: str,
    filters: ViewFilters,
    sort: str = TicketSort.UPDATED,
    *,
    shared: bool = False,
) -> int:
    """Save (or overwrite the user's own view of the same name); returns its id. Sharing is for leads."""
    require(actor, Action.SAVE_VIEWS)
    if shared:
        require(actor, Action.SHARE_VIEWS)
    name = check_line("name", name, MAX_NAME)
    if not name:
        raise Invalid("name", msg("give the view a name"))
    try:
        sort = TicketSort(sort).value
    except ValueError:
        raise Invalid(
            "sort", msg("{value!r} is not one of {choices}", value=sort, choices=", ".join(TicketSort))
        ) from None
    filters = filters.checked()
    query = select(SavedView).where(SavedView.owner_id == actor.id, SavedView.name == name)
    view = session.exec(query).first() or SavedView(owner_id=actor.id, name=name)
    view.filters = filters.to_json()
    view.sort = sort
    view.shared = shared
    view.team = actor.team if shared else None
    session.add(view)
    session.flush()
    assert view.id is not None
    audit.record(session, actor, "view.save", "saved_view", view.id, shared=shared)
    commit(session, lambda: msg("The view could not be saved; try again."))
    return view.id


def delete_view(session: Session, actor: Actor, view_id: int) -> None:
    """Remove a view: one's own, or as a lead a view shared with the team."""
    require(actor, Action.SAVE_VIEWS)
    view = session.get(SavedView, view_id)
    if view is None:
        raise NotFound(msg("View {id} does not exist.", id=view_id))
    if view.owner_id != actor.id and not (view.shared and can(actor, Action.SHARE_VIEWS)):
        raise NotAllowed(msg("{name} may not remove another person's view {view!r}.", name=actor.name, view=view.name))
    audit.record(session, actor, "view.delete", "saved_view", view_id)
    session.delete(view)
    commit(session, lambda: msg("The view could not be removed; try again."))
