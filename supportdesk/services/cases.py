"""Exemplary cases (模範事例) and tags: how resolved tickets become the team's manual."""

from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from supportdesk.errors import Invalid, NotAllowed
from supportdesk.i18n import msg, term
from supportdesk.models import EntryKind, Status, TicketTag
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.case_library import library_tags
from supportdesk.services.masking import masks_personal_data, ticket_masking
from supportdesk.services.reindex import touch
from supportdesk.services.tickets import load_for_change, record_history, save_change
from supportdesk.untrusted import check_line, shorten

MAX_TAG = 50
MAX_SUMMARY = 2000
# What one tags field may hold before it is split into tags (several tags, separated by spaces or commas).
MAX_TAG_TEXT = 2000
MAX_TAGS = 30  # on one ticket


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """NFKC, lower case, no inner spaces, no duplicates, in the order given; '#' prefixes dropped."""
    seen: dict[str, None] = {}
    for raw in tags:
        for part in check_line("tag", raw, MAX_TAG_TEXT).replace(",", " ").replace("、", " ").split():
            tag = part.lstrip("#").lower()
            if not tag:
                continue
            if len(tag) > MAX_TAG:
                raise Invalid(
                    "tag", msg("{tag} is longer than {limit} characters", tag=shorten(tag, 20), limit=MAX_TAG)
                )
            seen.setdefault(tag, None)
    return list(seen)


def ticket_tags(session: Session, number: int) -> list[str]:
    return list(session.exec(select(TicketTag.tag).where(TicketTag.ticket_id == number).order_by(col(TicketTag.tag))))


def visible_tags(session: Session, actor: Actor, number: int, tags: list[str] | None = None) -> list[str]:
    """A ticket's tags as the actor may read them: a tag can name the customer (林様), masked for trainers.
    `tags`: the ticket's tags already read with it (as `ticket_tags` gives them), else read here."""
    require(actor, Action.VIEW_TICKETS)
    tags = ticket_tags(session, number) if tags is None else tags
    if not tags or not masks_personal_data(actor):
        return tags
    masking = ticket_masking(session, [number]).get(number)
    return [masking.shown(tag) for tag in tags] if masking else []


def _replace_tags(session: Session, actor: Actor, number: int, tags: list[str]) -> None:
    before = ticket_tags(session, number)
    if sorted(before) != sorted(tags):
        record_history(session, actor, number, EntryKind.FIELD_CHANGE, {"tags": [before, tags]})
    session.exec(delete(TicketTag).where(col(TicketTag.ticket_id) == number))
    session.add_all(TicketTag(ticket_id=number, tag=tag) for tag in tags)


def set_tags(
    session: Session, actor: Actor, number: int, tags: Iterable[str], *, expected_version: int | None = None
) -> int:
    """Replace a ticket's tags; returns the new version."""
    require(actor, Action.TAG_TICKETS)
    ticket = load_for_change(session, number, expected_version)
    cleaned = normalise_tags(tags)
    _replace_tags(session, actor, number, cleaned)
    touch(session, ticket)
    audit.record(session, actor, "ticket.tags", "ticket", number, tags=len(cleaned))
    save_change(session, ticket, expected_version)
    return ticket.version


def change_tags(
    session: Session,
    actor: Actor,
    number: int,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    *,
    expected_version: int | None = None,
) -> tuple[int, list[str]]:
    """Add and remove tags, keeping the others; returns the new version and the ticket's tags after.

    Removing a tag the ticket does not carry changes nothing. A ticket whose tags end up as they were is not
    touched (no history line, same version).
    """
    require(actor, Action.TAG_TICKETS)
    ticket = load_for_change(session, number, expected_version)
    adding, removing = normalise_tags(add), set(normalise_tags(remove))
    before = ticket_tags(session, number)
    after = [tag for tag in dict.fromkeys([*before, *adding]) if tag not in removing]
    if sorted(after) == sorted(before):
        return ticket.version, sorted(before)
    if len(after) > MAX_TAGS:
        raise Invalid("tag", msg("a ticket holds at most {limit} tags", limit=MAX_TAGS))
    _replace_tags(session, actor, number, after)
    touch(session, ticket)
    added, removed = len(set(after) - set(before)), len(set(before) - set(after))
    audit.record(session, actor, "ticket.tags", "ticket", number, added=added, removed=removed)
    save_change(session, ticket, expected_version)
    return ticket.version, sorted(after)


def known_tags(session: Session, actor: Actor, prefix: str = "", limit: int = 50) -> list[tuple[str, int]]:
    """Tags already on the desk's tickets that start with `prefix`, most used first, for completion.

    Trainers complete from the case library's tags as they see them (masked): a tag may name a customer.
    """
    require(actor, Action.TAG_TICKETS)
    start = normalise_tags([prefix])[0] if prefix.strip(" ,#、") else ""
    if masks_personal_data(actor):
        return [(tag, n) for tag, n in library_tags(session, actor) if tag.startswith(start)][:limit]
    uses = func.count().label("uses")
    query = select(TicketTag.tag, uses).group_by(col(TicketTag.tag))
    if start:
        query = query.where(col(TicketTag.tag).startswith(start, autoescape=True))
    rows = session.exec(query.order_by(uses.desc(), col(TicketTag.tag)).limit(limit)).all()
    return [(tag, int(n)) for tag, n in rows]


def mark_exemplary(
    session: Session,
    actor: Actor,
    number: int,
    summary: str | None,
    tags: Iterable[str] = (),
    *,
    expected_version: int | None = None,
) -> int:
    """Hold a resolved or closed ticket up as an exemplary case with a short summary, adding `tags` to its own.

    `summary=None` keeps the summary the case already has: a trainer who reads it masked and leaves it as it
    was must not replace the stored text with the masked one. The ticket's other tags stay.
    """
    require(actor, Action.CURATE_CASES)
    ticket = load_for_change(session, number, expected_version)
    if ticket.status not in (Status.RESOLVED, Status.CLOSED):
        raise NotAllowed(
            msg(
                "Ticket #{number} is {status}; only resolved or closed cases can be exemplary.",
                number=number,
                status=term(ticket.status),
            )
        )
    summary = ticket.exemplary_summary if summary is None else check_line("summary", summary, MAX_SUMMARY)
    if not summary:
        raise Invalid("summary", msg("say in a sentence or two what makes this case worth learning from"))
    cleaned = normalise_tags(tags)
    ticket.is_exemplary = True
    ticket.exemplary_summary = summary
    ticket.exemplary_by_id = actor.id
    ticket.exemplary_at = utcnow()
    before = ticket_tags(session, number)
    if set(cleaned) - set(before):
        _replace_tags(session, actor, number, list(dict.fromkeys([*before, *cleaned])))
    touch(session, ticket)
    audit.record(session, actor, "ticket.exemplary", "ticket", number, tags=len(cleaned))
    save_change(session, ticket, expected_version)
    return ticket.version
