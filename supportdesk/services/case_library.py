"""The trainer's case library: exemplary cases listed by type and tag, read as documents, exported as a manual.

Personal data is masked here, for trainers, in everything returned — so no screen or export can forget it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.config import write_private
from supportdesk.errors import Invalid, NotFound
from supportdesk.models import Company, Customer, Product, Purchase, Ticket, TicketEntry, TicketTag, User
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.masking import (
    TicketMasking,
    company_label,
    masks_personal_data,
    name_label,
    ticket_masking,
)
from supportdesk.services.tickets import (
    NOTE_ACKNOWLEDGED,
    NOTE_NOBODY_SIGNED_IN,
    NOTE_REMINDED,
    REASON_AUTO_CLOSE,
    REASON_CUSTOMER_REPLIED,
    REASON_FIRST_RESPONSE,
    REASON_FOLLOW_UP,
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
    for t in tickets:
        number = t.id or 0
        masking = maskings.get(number)
        row = CaseRow(
            number=number,
            subject=masking.shown(t.subject) if masking else t.subject,
            inquiry_type=str(t.inquiry_type),
            status=str(t.status),
            summary=masking.shown(t.exemplary_summary) if masking else t.exemplary_summary or "",
            tags=_masked_tags(masking, tags.get(number, ())),
            resolved_at=t.resolved_at,
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


_SYSTEM_REASONS_JA = {
    REASON_FIRST_RESPONSE: "初回対応",
    REASON_CUSTOMER_REPLIED: "お客様から返信あり",
    REASON_FOLLOW_UP: "フォロー日到来",
    REASON_AUTO_CLOSE: "解決から所定の日数が経過したため自動クローズ",
    NOTE_ACKNOWLEDGED: "受付メールを送信",
    NOTE_REMINDED: "確認のお願いメールを送信",
    NOTE_NOBODY_SIGNED_IN: "サインイン中の担当者がいないためチーム対応待ち",
}
_KIND_HEADINGS = {
    "customer_message": "お客様",
    "reply": "返信",
    "internal_note": "社内メモ",
    "call_log": "通話",
    "status_change": "状態変更",
    "assignment": "担当変更",
    "field_change": "項目変更",
    "automation": "自動処理",
}


def case_markdown(case: CaseDocument) -> str:
    """A case as a Markdown chapter of a manual. Every word from data is escaped (`markdown_literal`): a body's
    `[text](https://…)` or `<img>` stays text in any Markdown viewer."""
    md = markdown_literal
    lines = [f"## #{case.number} {md(case.subject, one_line=True)}", ""]
    facts = [
        f"- 種別: {case.inquiry_type} / 受付: {case.channel} / 状態: {case.status}",
        f"- 受付日時: {case.received_at.astimezone():%Y-%m-%d %H:%M}"
        + (f" / 解決: {case.resolved_at.astimezone():%Y-%m-%d %H:%M}" if case.resolved_at else ""),
        f"- お客様: {md(case.customer, one_line=True)}"
        + (f"({md(case.company, one_line=True)})" if case.company else ""),
    ]
    if case.product:
        facts.append(f"- 商品: {md(case.product, one_line=True)}")
    if case.tags:
        facts.append("- タグ: " + " ".join(f"#{md(t, one_line=True)}" for t in case.tags))
    lines += [*facts, ""]
    if case.summary:
        lines += ["### ポイント", "", md(case.summary), ""]
    lines += ["### 対応履歴", ""]
    for e in case.entries:
        duration = (
            f" ({e.call_duration_seconds // 60}分{e.call_duration_seconds % 60}秒)" if e.call_duration_seconds else ""
        )
        author = md(e.author, one_line=True)
        heading = f"**{_KIND_HEADINGS.get(e.kind, e.kind)}**{duration} — {author} {e.at.astimezone():%m/%d %H:%M}"
        lines += [heading, ""]
        body = _SYSTEM_REASONS_JA.get(e.body, e.body) if e.kind in ("status_change", "automation") else e.body
        if body:
            lines += ["> " + line if line else ">" for line in md(body).split("\n")]
            lines.append("")
    if case.resolution_note:
        lines += ["### 解決内容", "", md(case.resolution_note), ""]
    return "\n".join(lines)


def manual_markdown(cases: list[CaseDocument], title: str = "対応事例集") -> str:
    toc = [f"- #{c.number} {markdown_literal(c.subject, one_line=True)}" for c in cases]
    return "\n".join([f"# {markdown_literal(title, one_line=True)}", "", *toc, "", *(case_markdown(c) for c in cases)])


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
