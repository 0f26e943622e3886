"""The trainer's case library: exemplary cases listed by type and tag, read as documents, exported as a manual.

Personal data is masked here, for trainers, in everything returned — so no screen or export can forget it.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from supportdesk.config import write_private
from supportdesk.errors import Invalid, NotFound
from supportdesk.models import Company, Customer, Product, Purchase, Ticket, TicketEntry, TicketTag, User
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import NAME_MASK, PersonalData, mask_text, masks_personal_data
from supportdesk.services.tickets import REASON_CUSTOMER_REPLIED, REASON_FIRST_RESPONSE


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


def _tags(session: Session, numbers: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {n: [] for n in numbers}
    query = select(TicketTag.ticket_id, TicketTag.tag).where(col(TicketTag.ticket_id).in_(numbers))
    for number, tag in session.exec(query.order_by(col(TicketTag.tag))):
        found[number].append(tag)
    return {n: tuple(tags) for n, tags in found.items()}


def list_exemplary(
    session: Session, actor: Actor, inquiry_type: str | None = None, tag: str | None = None, limit: int = 500
) -> list[CaseRow]:
    """Exemplary cases, newest first, optionally of one inquiry type and/or carrying one tag."""
    require(actor, Action.VIEW_TICKETS)
    query = select(Ticket).where(col(Ticket.is_exemplary).is_(True))
    if inquiry_type:
        query = query.where(Ticket.inquiry_type == inquiry_type)
    if tag:
        query = query.where(col(Ticket.id).in_(select(TicketTag.ticket_id).where(TicketTag.tag == tag)))
    tickets = session.exec(query.order_by(col(Ticket.exemplary_at).desc()).limit(limit)).all()
    tags = _tags(session, [t.id for t in tickets if t.id is not None])
    masked = masks_personal_data(actor)
    people = _people(session, [t.customer_id for t in tickets]) if masked else {}
    return [
        CaseRow(
            number=t.id or 0,
            subject=mask_text(t.subject, people.get(t.customer_id, PersonalData())) if masked else t.subject,
            inquiry_type=str(t.inquiry_type),
            status=str(t.status),
            summary=mask_text(t.exemplary_summary or "", people.get(t.customer_id, PersonalData()))
            if masked
            else t.exemplary_summary or "",
            tags=tags.get(t.id or 0, ()),
            resolved_at=t.resolved_at,
        )
        for t in tickets
    ]


def library_tags(session: Session, actor: Actor) -> list[tuple[str, int]]:
    """Tags used on exemplary cases with how many cases carry each, most used first."""
    require(actor, Action.VIEW_TICKETS)
    query = (
        select(TicketTag.tag, func.count())
        .join(Ticket, col(Ticket.id) == TicketTag.ticket_id)
        .where(col(Ticket.is_exemplary).is_(True))
        .group_by(TicketTag.tag)
        .order_by(func.count().desc(), TicketTag.tag)
    )
    return [(tag, int(count)) for tag, count in session.exec(query)]


def _people(session: Session, customer_ids: list[int]) -> dict[int, PersonalData]:
    """What to mask per customer: their own name, kana and address, and those of their colleagues."""
    rows = session.exec(
        Select[int, int | None, str, str | None, str | None](
            col(Customer.id),
            col(Customer.company_id),
            col(Customer.full_name),
            col(Customer.name_kana),
            col(Customer.address),
        ).where(col(Customer.id).in_(customer_ids))
    ).all()
    company_ids = {company_id for _, company_id, *_ in rows if company_id}
    colleagues: dict[int, list[tuple[str, str | None]]] = {}
    if company_ids:
        for their_company, name, kana in session.exec(
            Select[int, str, str | None](
                col(Customer.company_id), col(Customer.full_name), col(Customer.name_kana)
            ).where(col(Customer.company_id).in_(company_ids))
        ):
            colleagues.setdefault(their_company, []).append((name, kana))
    out = {}
    for customer_id, company_id, name, kana, address in rows:
        names: list[str | None] = [name, kana]
        for other, other_kana in colleagues.get(company_id, []) if company_id else ():
            names += [other, other_kana]
        out[customer_id] = PersonalData.of(names, [address])
    return out


def read_case(session: Session, actor: Actor, number: int) -> CaseDocument:
    """One ticket as a clean document to learn from; masked for trainers. Reading it is audited."""
    require(actor, Action.VIEW_TICKETS)
    ticket = session.get(Ticket, number)
    if ticket is None:
        raise NotFound(f"Case #{number} does not exist.")
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
    personal = _people(session, [customer.id or 0]).get(customer.id or 0, PersonalData()) if masked else None

    def text(value: str | None) -> str:
        return mask_text(value or "", personal) if personal is not None else value or ""

    entries = session.exec(
        select(TicketEntry, User.name)
        .outerjoin(User, col(User.id) == TicketEntry.author_id)
        .where(TicketEntry.ticket_id == number)
        .order_by(col(TicketEntry.created_at), col(TicketEntry.id))
    ).all()
    audit.record(session, actor, "case.view", "ticket", number, masked=masked)
    session.commit()
    return CaseDocument(
        number=number,
        subject=text(ticket.subject),
        inquiry_type=str(ticket.inquiry_type),
        channel=str(ticket.channel),
        status=str(ticket.status),
        received_at=ticket.received_at,
        resolved_at=ticket.resolved_at,
        customer=NAME_MASK if masked else customer.full_name,
        company=company.name if company else "",
        product=product,
        summary=text(ticket.exemplary_summary),
        tags=_tags(session, [number])[number],
        resolution_note=text(ticket.resolution_note),
        entries=tuple(
            CaseEntry(
                kind=str(e.kind),
                author="customer" if str(e.kind) == "customer_message" else (author or ""),
                at=e.created_at,
                body=text(e.body),
                call_duration_seconds=e.call_duration_seconds,
            )
            for e, author in entries
        ),
        masked=masked,
    )


_SYSTEM_REASONS_JA = {REASON_FIRST_RESPONSE: "初回対応", REASON_CUSTOMER_REPLIED: "お客様から返信あり"}
_KIND_HEADINGS = {
    "customer_message": "お客様",
    "reply": "返信",
    "internal_note": "社内メモ",
    "call_log": "通話",
    "status_change": "状態変更",
    "assignment": "担当変更",
    "field_change": "項目変更",
}


def case_markdown(case: CaseDocument) -> str:
    """A case as a Markdown chapter of a manual."""
    lines = [f"## #{case.number} {case.subject}", ""]
    facts = [
        f"- 種別: {case.inquiry_type} / 受付: {case.channel} / 状態: {case.status}",
        f"- 受付日時: {case.received_at.astimezone():%Y-%m-%d %H:%M}"
        + (f" / 解決: {case.resolved_at.astimezone():%Y-%m-%d %H:%M}" if case.resolved_at else ""),
        f"- お客様: {case.customer}" + (f"({case.company})" if case.company else ""),
    ]
    if case.product:
        facts.append(f"- 商品: {case.product}")
    if case.tags:
        facts.append("- タグ: " + " ".join(f"#{t}" for t in case.tags))
    lines += [*facts, ""]
    if case.summary:
        lines += ["### ポイント", "", case.summary, ""]
    lines += ["### 対応履歴", ""]
    for e in case.entries:
        duration = (
            f" ({e.call_duration_seconds // 60}分{e.call_duration_seconds % 60}秒)" if e.call_duration_seconds else ""
        )
        heading = f"**{_KIND_HEADINGS.get(e.kind, e.kind)}**{duration} — {e.author} {e.at.astimezone():%m/%d %H:%M}"
        lines += [heading, ""]
        body = _SYSTEM_REASONS_JA.get(e.body, e.body) if e.kind == "status_change" else e.body
        if body:
            lines += ["> " + line if line else ">" for line in body.splitlines()]
            lines.append("")
    if case.resolution_note:
        lines += ["### 解決内容", "", case.resolution_note, ""]
    return "\n".join(lines)


def manual_markdown(cases: list[CaseDocument], title: str = "対応事例集") -> str:
    toc = [f"- [#{c.number} {c.subject}](#{c.number}-{c.subject.replace(' ', '-')})" for c in cases]
    return "\n".join([f"# {title}", "", *toc, "", *(case_markdown(c) for c in cases)])


def export_manual(session: Session, actor: Actor, numbers: list[int], path: Path, title: str = "対応事例集") -> int:
    """Write the chosen cases as one Markdown manual (file created 0600); returns how many cases."""
    require(actor, Action.VIEW_TICKETS)
    if not numbers:
        raise Invalid("cases", "choose at least one case to export")
    path = Path(path).expanduser()
    if path.is_dir():
        raise Invalid("file", f"{path} is a folder; give a file name such as manual.md")
    if not path.parent.exists():
        raise Invalid("file", f"the folder {path.parent} does not exist")
    cases = [read_case(session, actor, n) for n in numbers]
    text = manual_markdown(cases, title)
    write_private(path, text)
    audit.record(session, actor, "case.export", "ticket", None, cases=numbers, file=str(path))
    session.commit()
    return len(cases)
