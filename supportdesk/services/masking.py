"""Personal data hidden from trainers: who is involved in each ticket, and their ticket texts masked.

The rules of what is recognised live in `supportdesk.masking` (pure text). Here the services learn, from the
database, whose data a ticket holds — the customer, every colleague at their company, the company itself — and the
desk's own agents, whose names stay. Every trainer read path (ticket list and show, the case reader and library,
the manual export, search, tags) masks through `ticket_masking`, so a colleague is masked the same in every view.
Masking always runs on a whole text, before anything cuts it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from supportdesk.masking import (
    NOBODY,
    Author,
    Masker,
    Organisation,
    Person,
    PersonalData,
    label,
    masker_for,
    render,
)
from supportdesk.masking.kinds import COMPANY, NAME
from supportdesk.models import Company, Customer, Role, Ticket, User
from supportdesk.services.actor import Actor

# A company's people are all masked in each of its tickets; beyond this many the oldest records are used (a masker
# over thousands of names would cost more to build than it saves).
MAX_COLLEAGUES = 2000


def masks_personal_data(actor: Actor) -> bool:
    """Trainers read cases as manuals: with names, phones, e-mails, addresses and companies masked."""
    return actor.role == Role.TRAINER


def name_label() -> str:
    return label(NAME)


def company_label() -> str:
    return label(COMPANY)


@dataclass(frozen=True)
class TicketMasking:
    """Masks one ticket's texts: its people's data in every spelling, the agents' own names left as written."""

    masker: Masker
    staff: dict[int, str] = field(default_factory=dict)  # user id → name, to tell who wrote an entry

    def author(self, kind: str, author_id: int | None) -> Author:
        if kind == "customer_message":
            return Author(customer=True)
        return Author(staff_name=self.staff.get(author_id)) if author_id is not None else NOBODY

    def marked(self, text: str | None, author: Author = NOBODY) -> str:
        """Masked with markers (language-neutral, for the search index)."""
        return self.masker.mask(text or "", author)

    def shown(self, text: str | None, author: Author = NOBODY) -> str:
        """Masked, with labels in the reader's language."""
        return render(self.masker.mask(text or "", author)) if text else ""

    def entry(self, kind: str, author_id: int | None, body: str) -> str:
        return self.shown(body, self.author(kind, author_id))


def _person(c: Customer) -> Person:
    return Person(
        name=c.full_name,
        kana=c.name_kana,
        emails=tuple(v for v in (c.email,) if v),
        phones=tuple(v for v in (c.phone, c.mobile) if v),
        addresses=tuple(v for v in (c.address,) if v),
        postal_codes=tuple(v for v in (c.postal_code,) if v),
    )


def _organisation(c: Company) -> Organisation:
    return Organisation(
        name=c.name,
        kana=c.name_kana,
        phones=tuple(v for v in (c.phone,) if v),
        addresses=tuple(v for v in (c.address,) if v),
        postal_codes=tuple(v for v in (c.postal_code,) if v),
        websites=tuple(v for v in (c.website,) if v),
    )


def staff_names(session: Session) -> dict[int, str]:
    """Every user's name by id (the agents' names are not customers' personal data)."""
    return {uid: name for uid, name in session.exec(select(User.id, User.name)) if uid is not None}


def personal_data(session: Session, customer_ids: Iterable[int]) -> dict[int, PersonalData]:
    """What to mask for each customer: them, every colleague at their company, and the company itself."""
    ids = sorted(set(customer_ids))
    if not ids:
        return {}
    customers = {c.id: c for c in session.exec(select(Customer).where(col(Customer.id).in_(ids)))}
    company_ids = sorted({c.company_id for c in customers.values() if c.company_id})
    companies = {c.id: c for c in session.exec(select(Company).where(col(Company.id).in_(company_ids)))}
    people: dict[int, list[Customer]] = defaultdict(list)
    if company_ids:
        query = select(Customer).where(col(Customer.company_id).in_(company_ids)).order_by(col(Customer.id))
        for colleague in session.exec(query):
            if colleague.company_id is not None and len(people[colleague.company_id]) < MAX_COLLEAGUES:
                people[colleague.company_id].append(colleague)
    staff = tuple(sorted(set(staff_names(session).values())))
    out: dict[int, PersonalData] = {}
    for customer_id, customer in customers.items():
        assert customer_id is not None
        company = companies.get(customer.company_id) if customer.company_id else None
        if company is not None:
            group = people[company.id or 0]
            if customer not in group:
                group = [*group, customer]
            out[customer_id] = PersonalData(
                people=tuple(_person(p) for p in group), companies=(_organisation(company),), staff=staff
            )
        else:
            out[customer_id] = PersonalData(people=(_person(customer),), staff=staff)
    return out


def ticket_masking(session: Session, ticket_ids: Iterable[int]) -> dict[int, TicketMasking]:
    """The masking of each ticket (tickets of one company share one masker)."""
    ids = sorted(set(ticket_ids))
    if not ids:
        return {}
    owners = dict(session.exec(select(Ticket.id, Ticket.customer_id).where(col(Ticket.id).in_(ids))).all())
    data = personal_data(session, owners.values())
    staff = staff_names(session)
    return {
        ticket_id: TicketMasking(masker_for(data[customer_id]), staff)
        for ticket_id, customer_id in owners.items()
        if ticket_id is not None and customer_id in data
    }
