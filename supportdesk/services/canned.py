"""Canned responses (定型文): texts with placeholders an agent picks from a filterable list, kept by the leads.

Each belongs to a team (or to every team) and is Japanese or English. Leads add, edit and retire them (a lead the
responses of their own team and the desk-wide ones, an administrator any); every use is counted.

Placeholders: {customer_name} {company} {product} {ticket_number} {agent_name}. A placeholder with no value (no
company, no linked product) renders as an empty string. Saving refuses an unknown placeholder; `render` leaves
one as typed (an older text), so a typo shows rather than vanishing.
"""

import re
import string
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from supportdesk.errors import Conflict, Invalid, NotAllowed, NotFound
from supportdesk.i18n import msg
from supportdesk.models import CannedResponse as CannedRow
from supportdesk.models import Role
from supportdesk.models.base import utcnow
from supportdesk.normalize import clean
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.unit import commit, flush
from supportdesk.untrusted import check_block, check_line, shorten

PLACEHOLDERS = ("customer_name", "company", "product", "ticket_number", "agent_name")
LANGS = ("ja", "en")
MAX_TITLE = 100
MAX_TEAM = 100
MAX_CANNED = 10_000
PREVIEW_VALUES: dict[str, object] = {
    "customer_name": "山田 太郎",
    "company": "株式会社さくら商事",
    "product": "スマート家計簿 Pro",
    "ticket_number": 1042,
    "agent_name": "佐藤 美咲",
}


class Keep(Enum):
    """Leave a value as it is (an edit that does not mention it); None means "every team" for a team."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class CannedDraft:
    """What a lead writes: a title agents pick by, the text with placeholders, its language."""

    title: str
    body: str
    lang: str = "ja"


@dataclass(frozen=True)
class CannedResponse:
    id: int
    title: str
    body: str
    lang: str
    team: str | None  # None: every team
    uses: int
    retired: bool
    version: int


def _view(row: CannedRow) -> CannedResponse:
    assert row.id is not None
    return CannedResponse(
        row.id, row.title, row.body, row.lang, row.team, row.uses, row.retired_at is not None, row.version
    )


def check_template(body: str) -> str:
    """A canned text as it will be stored: no control characters, at most MAX_CANNED characters, and every
    placeholder one the desk fills (a typo like {costomer_name} is refused with the ones it knows)."""
    text = check_block("body", body, MAX_CANNED)
    if not text:
        raise Invalid("body", msg("write the text of the response"))
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        raise Invalid("body", msg("a brace is not closed; write two braces for a brace itself")) from None
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        known = " ".join("{" + p + "}" for p in PLACEHOLDERS)
        raise Invalid("body", msg("{name} is not a placeholder; use {known}", name="{" + unknown[0] + "}", known=known))
    return text


# Kana and kanji (and their full-width punctuation): a text holding any of them is a Japanese text.
_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def guess_lang(body: str) -> str:
    """The language of a text written without saying: Japanese when it holds any kana or kanji, else English."""
    return "ja" if _JAPANESE.search(body) else "en"


def preview(body: str, agent_name: str = "") -> str:
    """The text filled with example values, as a lead checks it before saving."""
    return render(body, **{**PREVIEW_VALUES, "agent_name": agent_name or PREVIEW_VALUES["agent_name"]})


def _team(actor: Actor, team: str | None) -> str | None:
    """Leads keep their own team's responses (and the desk-wide ones); administrators any team's."""
    cleaned = check_line("team", team, MAX_TEAM) or None
    if actor.role == Role.LEAD and cleaned not in (None, actor.team):
        raise NotAllowed(msg("{name} may keep canned responses of their own team only.", name=actor.name))
    return cleaned


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise Invalid("language", msg("{value} is not one of ja, en", value=shorten(lang)))
    return lang


def _editable(session: Session, actor: Actor, canned_id: int) -> CannedRow:
    row = session.get(CannedRow, canned_id, populate_existing=True)
    if row is None:
        raise NotFound(msg("There is no canned response {id}.", id=canned_id))
    _team(actor, row.team)
    return row


def add_canned(session: Session, actor: Actor, draft: CannedDraft, team: str | None = None) -> int:
    """A new canned response for `team` (None: every team); returns its id. Leads and administrators."""
    require(actor, Action.MANAGE_CANNED)
    title = check_line("title", draft.title, MAX_TITLE)
    if not title:
        raise Invalid("title", msg("give the response a title agents can pick it by"))
    row = CannedRow(
        title=title,
        body=check_template(draft.body),
        lang=_lang(draft.lang),
        team=_team(actor, team),
        created_by_id=actor.id,
    )
    session.add(row)
    flush(session, lambda: "The canned response could not be saved; try again.")
    audit.record(session, actor, "canned.create", "canned_response", row.id, team=row.team is not None)
    commit(session, lambda: "The canned response could not be saved; try again.")
    assert row.id is not None
    return row.id


def edit_canned(
    session: Session,
    actor: Actor,
    canned_id: int,
    *,
    title: str | None = None,
    body: str | None = None,
    lang: str | None = None,
    team: str | Keep | None = KEEP,
    expected_version: int | None = None,
) -> int:
    """Change a canned response; returns its new version. A stale edit (someone saved meanwhile) is refused."""
    require(actor, Action.MANAGE_CANNED)
    row = _editable(session, actor, canned_id)
    stale = "The canned response was changed by someone else meanwhile. Nothing was saved; reload."
    if expected_version is not None and row.version != expected_version:
        raise Conflict(stale)
    if title is not None:
        row.title = check_line("title", title, MAX_TITLE) or row.title
    if body is not None:
        row.body = check_template(body)
    if lang is not None:
        row.lang = _lang(lang)
    if not isinstance(team, Keep):
        row.team = _team(actor, team)
    if not session.is_modified(row):
        return row.version
    row.updated_at = utcnow()
    session.add(row)
    audit.record(session, actor, "canned.update", "canned_response", canned_id)
    commit(session, lambda: stale)
    return row.version


def retire_canned(session: Session, actor: Actor, canned_id: int, retired: bool = True) -> int:
    """Take a response out of the agents' list (or put it back); its use count stays."""
    require(actor, Action.MANAGE_CANNED)
    row = _editable(session, actor, canned_id)
    if (row.retired_at is not None) == retired:
        return row.version
    row.retired_at = utcnow() if retired else None
    row.updated_at = utcnow()
    session.add(row)
    audit.record(session, actor, "canned.retire" if retired else "canned.restore", "canned_response", canned_id)
    commit(session, lambda: "The canned response was changed by someone else meanwhile; reload.")
    return row.version


def list_canned(
    session: Session, actor: Actor, text: str = "", *, manage: bool = False, include_retired: bool = False
) -> list[CannedResponse]:
    """The responses an agent may pick (their team's and the desk-wide ones, live only), filtered by `text`.

    `manage`: the lead's list — every team's for administrators, retired ones too when asked.
    """
    if manage:
        require(actor, Action.MANAGE_CANNED)
    else:
        require(actor, Action.WORK_TICKETS)
    query = select(CannedRow)
    if not (manage and actor.role == Role.ADMIN):
        query = query.where(or_(col(CannedRow.team).is_(None), col(CannedRow.team) == actor.team))
    if not (manage and include_retired):
        query = query.where(col(CannedRow.retired_at).is_(None))
    rows = session.exec(query.order_by(col(CannedRow.title), col(CannedRow.id))).all()
    return filter_canned(text, tuple(_view(r) for r in rows))


def use_canned(session: Session, actor: Actor, canned_id: int) -> None:
    """Count one use of a response (an agent put it in a reply), for the lead's list."""
    require(actor, Action.WORK_TICKETS)
    # A plain increment in the database: counting must never collide with a lead editing the text.
    done = session.execute(
        update(CannedRow)
        .where(col(CannedRow.id) == canned_id, col(CannedRow.retired_at).is_(None))
        .values(uses=CannedRow.uses + 1)
        .execution_options(synchronize_session=False)
    )
    if not done.rowcount:  # type: ignore[attr-defined]
        raise NotFound(msg("There is no canned response {id}.", id=canned_id))
    commit(session, lambda: "")


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **values: object) -> str:
    """Fill the placeholders of a template; missing values are empty, unknown placeholders stay visible."""
    known = _Values({k: "" if values.get(k) is None else str(values[k]) for k in PLACEHOLDERS})
    known.update({k: str(v) for k, v in values.items() if k not in PLACEHOLDERS and v is not None})
    try:
        return string.Formatter().vformat(template, (), known)
    except (ValueError, IndexError):
        # A stray brace in a hand-written template: give it back untouched rather than failing the reply.
        return template


def filter_canned(text: str, responses: tuple[CannedResponse, ...]) -> list[CannedResponse]:
    """Responses whose title or body contains every word typed (NFKC, case-insensitive)."""
    words = clean(text).lower().split()
    return [r for r in responses if all(w in f"{clean(r.title)} {clean(r.body)}".lower() for w in words)]
