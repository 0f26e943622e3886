"""The trainer's case library: exemplary cases listed by type and tag, read as documents, exported as a manual.

Personal data is masked here, for trainers, in everything returned — so no screen or export can forget it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk import clock
from supportdesk.config import write_private
from supportdesk.errors import Invalid, NotFound
from supportdesk.i18n import N_, msg, t, v
from supportdesk.models import Company, Customer, Product, Purchase, Ticket, TicketEntry, TicketTag, User
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.entry_display import system_body
from supportdesk.services.masking import (
    TicketMasking,
    company_label,
    masks_personal_data,
    name_label,
    ticket_masking,
)
from supportdesk.untrusted import markdown_literal


@dataclass(frozen=True)
class CaseRow:
    number: int
    subject: str
    inquiry_type: str
    status: str
    summary: str
    tags: tuple[str, ...]
    resolved_at: datetime | None


@dataclass(frozen=True)
class CaseEntry:
    kind: str
    author: str
    at: datetime
    body: str
    call_duration_seconds: int | None


@dataclass(frozen=True)
class CaseDocument:
    number: int
    subject: str
    inquiry_type: str
    channel: str
    status: str
    received_at: datetime
    resolved_at: datetime | None
    customer: str
    company: str
    product: str | None
    summary: str
    tags: tuple[str, ...]
    resolution_note: str
    entries: tuple[CaseEntry, ...]
    masked: bool
    version: int  # the ticket's, as read: marking the case exemplary is refused if it changed meanwhile


def _tags(session: Session, numbers: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {n: [] for n in numbers}
    query = select(TicketTag.ticket_id, TicketTag.tag).where(col(TicketTag.ticket_id).in_(numbers))
    for number, tag in session.exec(query.order_by(col(TicketTag.tag))):
        found[number].append(tag)
    return {n: tuple(tags) for n, tags in found.items()}


def list_exemplary(
    session: Session, actor: Actor, inquiry_type: str | None = None, tag: str | None = None, limit: int = 500
) -> list[CaseRow]:
    """Exemplary cases, newest first, optionally of one inquiry type and/or carrying one tag.

    A trainer chooses among the tags as they see them (#〇〇様), so for them the tag is compared after masking.
    """
    require(actor, Action.VIEW_TICKETS)
    masked = masks_personal_data(actor)
    query = select(Ticket).where(col(Ticket.is_exemplary).is_(True))
    if inquiry_type:
        query = query.where(Ticket.inquiry_type == inquiry_type)
    if tag and not masked:
        query = query.where(col(Ticket.id).in_(select(TicketTag.ticket_id).where(TicketTag.tag == tag)))
    tickets = session.exec(query.order_by(col(Ticket.exemplary_at).desc()).limit(limit)).all()
    tags = _tags(session, [t.id for t in tickets if t.id is not None])
    maskings = ticket_masking(session, [t.id for t in tickets if t.id is not None]) if masked else {}
    rows = []
    for found in tickets:
        number = found.id or 0
        masking = maskings.get(number)
        row = CaseRow(
            number=number,
            subject=masking.shown(found.subject) if masking else found.subject,
            inquiry_type=str(found.inquiry_type),
            status=str(found.status),
            summary=masking.shown(found.exemplary_summary) if masking else found.exemplary_summary or "",
            tags=_masked_tags(masking, tags.get(number, ())),
            resolved_at=found.resolved_at,
        )
        if not (masked and tag and tag not in row.tags):
            rows.append(row)
    return rows


def _masked_tags(masking: TicketMasking | None, tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(masking.shown(tag) for tag in tags) if masking else tags


def library_tags(session: Session, actor: Actor) -> list[tuple[str, int]]:
    """Tags used on exemplary cases with how many cases carry each, most used first (as the reader sees them)."""
    require(actor, Action.VIEW_TICKETS)
    if masks_personal_data(actor):
        return _masked_library_tags(session)
    query = (
        select(TicketTag.tag, func.count())
        .join(Ticket, col(Ticket.id) == TicketTag.ticket_id)
        .where(col(Ticket.is_exemplary).is_(True))
        .group_by(TicketTag.tag)
        .order_by(func.count().desc(), TicketTag.tag)
    )
    return [(tag, int(count)) for tag, count in session.exec(query)]


def _masked_library_tags(session: Session) -> list[tuple[str, int]]:
    # A tag can name the customer (林様): masked with its own ticket's people, then counted as shown.
    pairs = session.exec(
        select(TicketTag.ticket_id, TicketTag.tag)
        .join(Ticket, col(Ticket.id) == TicketTag.ticket_id)
        .where(col(Ticket.is_exemplary).is_(True))
    ).all()
    maskings = ticket_masking(session, {number for number, _ in pairs})
    counts: Counter[str] = Counter()
    for number, tag in pairs:
        counts[_masked_tags(maskings.get(number), (tag,))[0] if number in maskings else tag] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def read_case(session: Session, actor: Actor, number: int) -> CaseDocument:
    """One ticket as a clean document to learn from; masked for trainers. Reading it is audited."""
    require(actor, Action.VIEW_TICKETS)
    ticket = session.get(Ticket, number)
    if ticket is None:
        raise NotFound(msg("Case #{number} does not exist.", number=number))
    customer = session.get(Customer, ticket.customer_id)
    assert customer is not None
    company = session.get(Company, customer.company_id) if customer.company_id else None
    product = None
    if ticket.purchase_id:
        product = session.exec(
            select(Product.name)
            .join(Purchase, col(Purchase.product_id) == Product.id)
            .where(Purchase.id == ticket.purchase_id)
        ).first()
    masked = masks_personal_data(actor)
    masking = ticket_masking(session, [number])[number] if masked else None

    def text(value: str | None) -> str:
        return masking.shown(value) if masking is not None else value or ""

    entries = session.exec(
        select(TicketEntry, User.name)
        .outerjoin(User, col(User.id) == TicketEntry.author_id)
        .where(TicketEntry.ticket_id == number)
        .order_by(col(TicketEntry.created_at), col(TicketEntry.id))
    ).all()
    audit.record(session, actor, "case.view", "ticket", number, masked=masked)
    session.commit()
    return CaseDocument(
        version=ticket.version,
        number=number,
        subject=text(ticket.subject),
        inquiry_type=str(ticket.inquiry_type),
        channel=str(ticket.channel),
        status=str(ticket.status),
        received_at=ticket.received_at,
        resolved_at=ticket.resolved_at,
        customer=name_label() if masked else customer.full_name,
        company=(company_label() if masked else company.name) if company else "",
        product=product,
        summary=text(ticket.exemplary_summary),
        tags=_masked_tags(masking, _tags(session, [number])[number]),
        resolution_note=text(ticket.resolution_note),
        entries=tuple(
            CaseEntry(
                kind=str(e.kind),
                author="customer" if str(e.kind) == "customer_message" else (author or ""),
                at=e.created_at,
                body=masking.entry(str(e.kind), e.author_id, e.body) if masking is not None else e.body,
                call_duration_seconds=e.call_duration_seconds,
            )
            for e, author in entries
        ),
        masked=masked,
    )


MANUAL_TITLE = N_("Case manual")


def case_markdown(case: CaseDocument) -> str:
    """A case as a Markdown chapter of a manual, in the reader's language and on the desk's clock. Every word from
    data is escaped (`markdown_literal`): a body's `[text](https://…)` or `<img>` stays text in any Markdown viewer."""
    md = markdown_literal
    lines = [f"## #{case.number} {md(case.subject, one_line=True)}", ""]
    kinds = {"type": v(case.inquiry_type), "channel": v(case.channel), "status": v(case.status)}
    received = t("Received: {when}", when=clock.when(case.received_at))
    resolved = " / " + t("Resolved: {when}", when=clock.when(case.resolved_at)) if case.resolved_at else ""
    company = f" ({md(case.company, one_line=True)})" if case.company else ""
    facts = [
        "- " + t("Type: {type} / Channel: {channel} / Status: {status}", **kinds),
        "- " + received + resolved,
        "- " + t("Customer: {name}", name=md(case.customer, one_line=True)) + company,
    ]
    if case.product:
        facts.append("- " + t("Product: {name}", name=md(case.product, one_line=True)))
    if case.tags:
        facts.append("- " + t("Tags: {tags}", tags=" ".join(f"#{md(tag, one_line=True)}" for tag in case.tags)))
    lines += [*facts, ""]
    if case.summary:
        lines += ["### " + t("Key points"), "", md(case.summary), ""]
    lines += ["### " + t("What was done"), ""]
    for e in case.entries:
        seconds = e.call_duration_seconds
        duration = (
            " " + t("({minutes} min {seconds} s)", minutes=seconds // 60, seconds=seconds % 60) if seconds else ""
        )
        author = t("customer") if e.author == "customer" else md(e.author, one_line=True)
        heading = f"**{v(e.kind)}**{duration} — {author} {clock.when(e.at, '%m/%d %H:%M')}"
        lines += [heading, ""]
        # Reasons the desk writes itself (stored in English), read in the manual's language.
        body = system_body(e.kind, e.body)
        if body:
            lines += ["> " + line if line else ">" for line in md(body).split("\n")]
            lines.append("")
    if case.resolution_note:
        lines += ["### " + t("Resolution"), "", md(case.resolution_note), ""]
    return "\n".join(lines)


def manual_markdown(cases: list[CaseDocument], title: str | None = None) -> str:
    title = title or t(MANUAL_TITLE)
    toc = [f"- #{c.number} {markdown_literal(c.subject, one_line=True)}" for c in cases]
    return "\n".join([f"# {markdown_literal(title, one_line=True)}", "", *toc, "", *(case_markdown(c) for c in cases)])


def export_manual(session: Session, actor: Actor, numbers: list[int], path: Path, title: str | None = None) -> int:
    """Write the chosen cases as one Markdown manual (file created 0600); returns how many cases."""
    require(actor, Action.VIEW_TICKETS)
    if not numbers:
        raise Invalid("cases", msg("choose at least one case to export"))
    path = Path(path).expanduser()
    if path.is_dir():
        raise Invalid(
            "file", msg("{path} is a folder; give a file name such as {example}", path=path, example="manual.md")
        )
    if not path.parent.exists():
        raise Invalid("file", msg("the folder {path} does not exist", path=path.parent))
    cases = [read_case(session, actor, n) for n in numbers]
    text = manual_markdown(cases, title)
    write_private(path, text)
    audit.record(session, actor, "case.export", "ticket", None, cases=numbers, file=str(path))
    session.commit()
    return len(cases)
