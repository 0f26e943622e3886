"""Tickets of the demo desk: when they came in, from whom, about what, who works on them, and their threads."""

import json
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from supportdesk.config import SlaHours
from supportdesk.demo import text, wording
from supportdesk.demo.catalogue import PRODUCTS, DemoProduct
from supportdesk.demo.commerce import PurchaseRef
from supportdesk.demo.context import Batch, DemoContext, at_jst, jst_date
from supportdesk.demo.curation import NOT_EXEMPLARY, curate
from supportdesk.demo.people import Person
from supportdesk.demo.plans import Scene, plan, play
from supportdesk.demo.threads import Thread
from supportdesk.demo.topics import Topic
from supportdesk.demo.topics_commerce import COMMERCE_TOPICS
from supportdesk.demo.topics_service import SERVICE_TOPICS
from supportdesk.demo.vocab import DEMO_USERS, TEAMS
from supportdesk.models import Channel, InquiryType, Priority, Role, Status
from supportdesk.services.sla import due_times

TOPICS: tuple[Topic, ...] = COMMERCE_TOPICS + SERVICE_TOPICS

# Most of a real desk's history is closed; the rest gives every queue something to show.
_STATUSES = tuple(Status)
_STATUS_CUM = tuple(accumulate((10, 15, 10, 6, 14, 45)))  # new, open, pending, on_hold, resolved, closed
_AGE_DAYS: dict[Status, tuple[float, float]] = {
    Status.NEW: (0.02, 2.5),
    Status.OPEN: (0.2, 12),
    Status.PENDING: (1, 18),
    Status.ON_HOLD: (1, 20),
    Status.RESOLVED: (0.5, 6.5),  # resolved tickets close themselves after a week
    Status.CLOSED: (9, 540),
}
# Letters and faxes arrive as messages entered by hand on a ticket; the demo opens tickets by the other six.
_CHANNELS = tuple(c for c in Channel if c not in (Channel.LETTER, Channel.FAX))
_CHANNEL_CUM = tuple(accumulate((28, 30, 10, 12, 14, 3)))  # phone, email, chat, line, web form, in person
_PRIORITIES = tuple(Priority)
_PRIORITY_CUM: dict[int, tuple[int, ...]] = {  # low, normal, high, urgent by topic urgency
    -1: tuple(accumulate((40, 50, 8, 2))),
    0: tuple(accumulate((15, 60, 20, 5))),
    1: tuple(accumulate((8, 50, 32, 10))),
    2: tuple(accumulate((3, 30, 37, 30))),
}
_VOICE = (Channel.PHONE, Channel.IN_PERSON)
_FOLLOW_UP = ("overdue", "today", "future")


class Header(NamedTuple):
    """The facts fixed before ticket numbers are handed out, so that numbers rise with the time of receipt."""

    received_at: datetime
    final: Status
    topic: int
    channel: Channel
    priority: Priority
    showcase: str | None = None


def received_time(ctx: DemoContext, final: Status, channel: Channel) -> datetime:
    rng = ctx.rng
    low, high = _AGE_DAYS[final]
    moment = ctx.now - timedelta(seconds=int(rng.uniform(low, high) * 86400))
    if channel in _VOICE:  # phones and the counter are staffed 9:00–18:00 Tokyo time
        moment = at_jst(jst_date(moment), rng.randint(9, 17), rng.randint(0, 59), rng.randint(0, 59))
        if moment > ctx.now:
            moment -= timedelta(days=1)
    return moment


def plan_headers(ctx: DemoContext, count: int, fixed: list[Header]) -> list[Header]:
    """Headers for `count` tickets in order of receipt; the first few cover every status, topic, channel, priority."""
    rng = ctx.rng
    headers = list(fixed)
    for i in range(count - len(fixed)):
        final = _STATUSES[i] if i < len(_STATUSES) else rng.choices(_STATUSES, cum_weights=_STATUS_CUM)[0]
        topic = i if i < len(TOPICS) else rng.randrange(len(TOPICS))
        channel = _CHANNELS[i] if i < len(_CHANNELS) else rng.choices(_CHANNELS, cum_weights=_CHANNEL_CUM)[0]
        if i < len(_PRIORITIES):
            priority = _PRIORITIES[i]
        else:
            priority = rng.choices(_PRIORITIES, cum_weights=_PRIORITY_CUM[TOPICS[topic].urgency])[0]
        headers.append(Header(received_time(ctx, final, channel), final, topic, channel, priority))
    headers.sort(key=attrgetter("received_at"))  # stable: equal times keep their planned order
    return headers


class Agent(NamedTuple):
    id: int
    surname: str
    login: str
    team: str


def staff(ctx: DemoContext) -> tuple[dict[str, list[Agent]], Agent, Agent]:
    """Agents per team, the lead and the trainer."""
    agents: dict[str, list[Agent]] = {team: [] for team in TEAMS}
    others: dict[Role, Agent] = {}
    for login, name, role, team in DEMO_USERS:
        agent = Agent(ctx.user_ids[login], text.surname(name), login, team or TEAMS[0])
        if role == Role.AGENT:
            agents[agent.team].append(agent)
        else:
            others.setdefault(role, agent)
    return agents, others[Role.LEAD], others[Role.TRAINER]


def finish_ticket(ctx: DemoContext, thread: Thread, values: dict[str, object], opener: Agent | None) -> None:
    """Write the ticket row from its replayed thread, with its search-index work and creation audit row.

    `values` holds the ticket's own fields; the exemplary columns may be among them (not exemplary otherwise).
    """
    received = values["received_at"]
    assert isinstance(received, datetime)
    first_due, resolution_due = due_times(received, str(values["priority"]), SlaHours())
    assert thread.status is not None
    marked = values.get("exemplary_at")
    updated = max(thread.t, marked) if isinstance(marked, datetime) else thread.t
    row = {
        "id": thread.ticket_id,
        "purchase_id": None,
        "assignee_id": None,
        "external_ref": None,
        **NOT_EXEMPLARY,
        **values,
        "status": thread.status.value,
        "follow_up_on": thread.follow_up_on,
        "first_response_due": first_due,
        "resolution_due": resolution_due,
        "first_response_at": thread.first_response_at,
        "resolved_at": thread.resolved_at,
        "closed_at": thread.closed_at,
        "resolution_note": thread.resolution_note,
        "created_at": received,
        "updated_at": updated,
        "version": 1,
    }
    thread.batch.add("ticket", row)
    # Every ticket the services write is queued for the search index in the same transaction; so is every one here.
    thread.batch.add(
        "search_outbox", {"id": ctx.ids.next("search_outbox"), "ticket_id": row["id"], "queued_at": updated}
    )
    # As services.tickets.create_ticket writes it: ids only, never the words (audit details hold no personal text).
    detail = json.dumps({"customer": row["customer_id"]}, ensure_ascii=False)
    ctx.audit(
        thread.batch,
        "ticket.create",
        "ticket",
        thread.ticket_id,
        received,
        detail,
        actor_id=opener.id if opener else None,
        actor_login=opener.login if opener else "system",
    )


class TicketMaker:
    def __init__(
        self, ctx: DemoContext, people: list[Person], purchases: dict[int, list[PurchaseRef]], first_random: int
    ) -> None:
        self.ctx = ctx
        self.people = people
        # Random customers are numbered in order of sign-up, so "registered by then" is a prefix of them.
        self.created = [p.created_at.timestamp() for p in people[first_random:]]
        self.purchases = purchases
        self.first_random = first_random
        self.agents, self.lead, self.trainer = staff(ctx)
        self.curators = ((self.lead.id, self.lead.login), (self.trainer.id, self.trainer.login))
        self.by_sku = {p.sku: p for p in PRODUCTS}
        self.showcase: dict[str, Callable[[Batch, int], None]] = {}

    def make(self, batch: Batch, ticket_id: int, header: Header) -> None:
        if header.showcase:
            self.showcase[header.showcase](batch, ticket_id)
            return
        ctx, rng = self.ctx, self.ctx.rng
        topic = TOPICS[header.topic]
        person = self.pick_customer(header.received_at)
        purchase = self.pick_purchase(person, topic, header.received_at)
        assignee = self.pick_assignee(person, topic, header)
        product = self.by_sku[purchase.sku] if purchase else self.pick_product(topic)
        fields = self.fields(person, purchase, product, assignee, header.received_at, topic.recent)
        english = None
        if topic.english and header.channel in (Channel.EMAIL, Channel.WEB_FORM) and rng.random() < 0.08:
            english = rng.choice(topic.english)
        scene = Scene(
            ctx,
            topic,
            header.channel,
            header.priority,
            assignee.id if assignee else None,
            self.lead.id,
            fields,
            english,
        )
        thread = Thread(ctx, batch, ticket_id, header.received_at)
        thread.owner_id = scene.assignee
        opener = assignee if header.channel in _VOICE else None
        thread.open_ticket(opener.id if opener else None)
        play(thread, plan(scene, header.final), scene, rng.choices(_FOLLOW_UP, weights=(35, 20, 45))[0])
        # English writers often put their first sentence in the subject line.
        subject = wording.fill(english[0], fields).split(".")[0][:80] if english and rng.random() < 0.5 else None
        values: dict[str, object] = {
            "customer_id": person.id,
            "purchase_id": purchase.id if purchase else None,
            "channel": header.channel.value,
            "inquiry_type": topic.inquiry_type.value,
            "subject": subject or wording.subject(rng, rng.choice(topic.subjects), fields),
            "priority": header.priority.value,
            "assignee_id": assignee.id if assignee else None,
            "team": assignee.team if assignee else person.team,
            "received_at": header.received_at,
        }
        values |= curate(ctx, thread, topic.tags, person.company is not None, self.curators)
        finish_ticket(ctx, thread, values, opener)

    def pick_customer(self, received: datetime) -> Person:
        """A customer already registered when the inquiry came in (customers are numbered in order of sign-up)."""
        known = bisect_right(self.created, received.timestamp())
        return self.people[self.first_random + self.ctx.rng.randrange(max(1, known))]

    def pick_purchase(self, person: Person, topic: Topic, received: datetime) -> PurchaseRef | None:
        if not topic.skus or self.ctx.rng.random() < 0.25:
            return None
        day = jst_date(received)
        # An order that is late or still changeable was placed days ago, not last year.
        since = day - timedelta(days=14) if topic.recent else date.min
        bought = [r for r in self.purchases.get(person.id, ()) if since <= r.on <= day and r.sku.startswith(topic.skus)]
        if not bought:
            return None
        return bought[-1] if self.ctx.rng.random() < 0.6 else self.ctx.rng.choice(bought)

    def pick_product(self, topic: Topic) -> DemoProduct:
        fitting = [p for p in PRODUCTS if p.sku.startswith(topic.skus)] if topic.skus else list(PRODUCTS)
        return self.ctx.rng.choice(fitting)

    def pick_assignee(self, person: Person, topic: Topic, header: Header) -> Agent | None:
        rng = self.ctx.rng
        if header.final == Status.NEW and header.channel not in _VOICE and rng.random() < 0.55:
            return None  # still in the team's inbox
        urgent = header.priority in (Priority.HIGH, Priority.URGENT)
        if topic.inquiry_type == InquiryType.COMPLAINT and urgent and rng.random() < 0.4:
            return self.lead  # serious complaints go to the lead
        team = person.team if rng.random() < 0.85 else TEAMS[1 - TEAMS.index(person.team)]
        return rng.choice(self.agents[team])

    def fields(
        self,
        person: Person,
        purchase: PurchaseRef | None,
        product: DemoProduct,
        agent: Agent | None,
        received: datetime,
        recent: bool,
    ) -> wording.Fields:
        rng = self.ctx.rng
        received_day = jst_date(received)
        day = purchase.on if purchase else received_day - timedelta(days=rng.randint(1, 7 if recent else 60))
        month_end = date(received_day.year + received_day.month // 12, received_day.month % 12 + 1, 1) - timedelta(
            days=1
        )
        addressee = f"{person.company} {person.surname}様" if person.company else f"{person.surname}様"
        return {
            "name": person.surname,
            "full_name": person.full_name,
            "romaji": person.romaji,
            "company": person.company or "",
            "addressee": addressee,
            "product": product.name,
            "sku": product.sku,
            "order": purchase.order_ref
            if purchase and purchase.order_ref
            else f"SO-{day:%Y%m%d}-{rng.randint(1, 999_999):06d}",
            "date": text.jp_date(day.month, day.day),
            "amount": text.yen(product.unit_price),
            "agent": agent.surname if agent else "担当",
            "agent_romaji": agent.login.capitalize() if agent else "Support",
            "team": agent.team if agent else person.team,
            "code": f"E-{rng.randint(1000, 9999)}",
            "tracking": f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            "login": f"{person.romaji.split(' ')[-1].lower()}{rng.randint(1, 99):02d}",
            "days": rng.randint(2, 7),
            "eta": wording.ETA_MARK,
            "month_end": text.jp_date(month_end.month, month_end.day),
        }
