"""Building a demo desk: staff, catalogue, customers with their purchases, then tickets, written in bulk."""

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from argon2 import PasswordHasher
from sqlalchemy import Engine, Table, func, insert, select, text
from sqlmodel import SQLModel, col
from sqlmodel.sql.expression import Select

from supportdesk.db import translate_errors
from supportdesk.demo import showcase, showcase_tickets
from supportdesk.demo.canned_seed import canned_rows
from supportdesk.demo.commerce import PurchaseRef, buy_history, product_rows, rank_for
from supportdesk.demo.context import Batch, DemoContext, Ids
from supportdesk.demo.people import PeopleMaker, Person
from supportdesk.demo.rules_seed import rule_rows
from supportdesk.demo.tickets import TicketMaker, plan_headers
from supportdesk.demo.vocab import DEMO_USERS
from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.models import (
    AuditEvent,
    AutomationRule,
    CannedResponse,
    Company,
    Customer,
    Product,
    Purchase,
    RuleRevision,
    SearchOutbox,
    StatusChange,
    Subscription,
    Ticket,
    TicketEntry,
    TicketTag,
    User,
)
from supportdesk.normalize import company_key

Progress = Callable[[str, int, int], None]

# Parents before children, so every chunk can be written with foreign keys checked.
TABLES: tuple[Table, ...] = tuple(
    SQLModel.metadata.tables[str(model.__tablename__)]
    for model in (
        User,
        CannedResponse,
        AutomationRule,
        RuleRevision,
        Product,
        Company,
        Customer,
        Purchase,
        Subscription,
        Ticket,
        TicketTag,
        StatusChange,
        TicketEntry,
        AuditEvent,
        SearchOutbox,
    )
)
# The demo only adds to a desk that has none of these yet (an admin created on first start is fine).
_MUST_BE_EMPTY = ("customer", "ticket", "company", "product", "purchase", "subscription")
CUSTOMER_CHUNK = 2_000
TICKET_CHUNK = 1_000
CUSTOMER_HISTORY_DAYS = 1_095
# The showcase records plus one customer of the crowd, so that every ticket has someone to come from.
MIN_CUSTOMERS = showcase.SHOWCASE_PEOPLE + 1
MIN_TICKETS = showcase.SHOWCASE_TICKETS


@dataclass(frozen=True)
class DemoSummary:
    """What a demo build wrote, per table, and how long it took."""

    seed: int
    today: date
    elapsed_seconds: float
    users: int
    products: int
    companies: int
    customers: int
    purchases: int
    subscriptions: int
    tickets: int
    ticket_tags: int
    status_changes: int
    ticket_entries: int
    audit_events: int
    search_outbox: int

    @property
    def counts(self) -> dict[str, int]:
        names = (
            "users",
            "products",
            "companies",
            "customers",
            "purchases",
            "subscriptions",
            "tickets",
            "ticket_tags",
            "status_changes",
            "ticket_entries",
            "audit_events",
            "search_outbox",
        )
        return {name: getattr(self, name) for name in names}


class _Writer:
    """Writes a batch in one transaction, table by table, with SQLAlchemy Core executemany (no ORM objects)."""

    def __init__(self, engine: Engine, progress: Progress | None) -> None:
        self.engine = engine
        self.progress = progress
        self.counts: Counter[str] = Counter()

    def write(self, batch: Batch, stage: str, done: int, total: int) -> None:
        with translate_errors(), self.engine.begin() as connection:
            for table in TABLES:
                rows = batch.rows.get(table.name)
                if rows:
                    connection.execute(insert(table), rows)
                    self.counts[table.name] += len(rows)
        batch.rows.clear()
        self.report(stage, done, total)

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)


def _first_ids(engine: Engine) -> tuple[Ids, dict[str, int]]:
    """Where each table's keys start, after refusing a desk that already has customer data."""
    with translate_errors(), engine.connect() as connection:
        counts = {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}
        if any(counts[name] for name in _MUST_BE_EMPTY):
            raise Invalid(
                "demo",
                msg(
                    "this desk already has {customers} customers and {tickets} tickets; "
                    "build the demo into a new, empty database",
                    customers=counts["customer"],
                    tickets=counts["ticket"],
                ),
            )
        starts = {
            t.name: (connection.execute(select(func.max(t.c.id))).scalar_one() or 0) + 1 for t in TABLES if "id" in t.c
        }
        users = {
            login: user_id for login, user_id in connection.execute(Select[str, int](col(User.login), col(User.id)))
        }
    return Ids(starts), users


# Light Argon2 parameters keep demo builds fast; sign-in rehashes with the full ones (check_needs_rehash).
_DEMO_HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


def demo_password(login: str) -> str:
    """Every demo user's password is their login followed by -demo (documented in the README)."""
    return f"{login}-demo"


def _staff(ctx: DemoContext, batch: Batch, existing: dict[str, int]) -> None:
    joined = ctx.now - timedelta(days=800)
    for login, name, role, team in DEMO_USERS:
        if login in existing:  # e.g. an admin created when the desk was first opened keeps its row
            ctx.user_ids[login] = existing[login]
            continue
        user_id = ctx.ids.next("user")
        ctx.user_ids[login] = user_id
        batch.add(
            "user",
            {
                "id": user_id,
                "login": login,
                "name": name,
                "role": role.value,
                "team": team,
                "active": True,
                # A salt derived from the seed keeps the demo byte-for-byte reproducible; demo passwords are public.
                "password_hash": _DEMO_HASHER.hash(
                    demo_password(login), salt=hashlib.sha256(f"{ctx.seed}:{login}".encode()).digest()[:16]
                ),
                "created_at": joined,
            },
        )


def _customers(ctx: DemoContext, writer: _Writer, count: int) -> tuple[list[Person], dict[int, list[PurchaseRef]]]:
    """Customers in order of sign-up (ids rise with created_at), each with the company and purchases they have."""
    rng = ctx.rng
    batch = Batch()
    purchases: dict[int, list[PurchaseRef]] = {}
    people = showcase.add_people(ctx, batch, purchases)
    maker = PeopleMaker(ctx, {company_key(showcase.SHOWCASE_COMPANY_NAME)})
    # More sign-ups lately than three years ago, as a growing business has.
    ages = sorted((CUSTOMER_HISTORY_DAYS * rng.random() ** 1.4 for _ in range(count - len(people))), reverse=True)
    if ages:
        ages[0] = CUSTOMER_HISTORY_DAYS  # someone was there before the oldest ticket, whatever the seed
    total = count
    for index, days in enumerate(ages, start=len(people) + 1):
        at = ctx.now - timedelta(seconds=int(days * 86400))
        b2b = rng.random() < 0.5
        row, person = maker.person(at, b2b)
        customer_id = ctx.ids.next("customer")
        row["id"] = customer_id
        first_member = False
        if b2b:
            company, first_member = maker.company_for_next_member(batch, at)
            maker.join_company(row, company, first_member)
            person = person._replace(company=company.name, team=company.region.team)
        refs = buy_history(ctx, batch, customer_id, at, b2b, buyer=first_member)
        row["rank"] = rank_for(refs, at, ctx.today).value
        batch.add("customer", row)
        ctx.audit(batch, "customer.create", "customer", customer_id, at, None)
        people.append(person._replace(id=customer_id))
        if refs:
            purchases[customer_id] = refs
        if index % CUSTOMER_CHUNK == 0:
            writer.write(batch, "customers", index, total)
    writer.write(batch, "customers", total, total)
    return people, purchases


def _reset_sequences(engine: Engine, writer: _Writer) -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not advance; move them past the demo's rows."""
    if engine.dialect.name != "postgresql":
        return
    with translate_errors(), engine.begin() as connection:
        for table in TABLES:
            if writer.counts[table.name] and "id" in table.c:
                quoted = f'"{table.name}"'
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence(:name, 'id'), (SELECT max(id) FROM {quoted}))"),
                    {"name": quoted},
                )


def check_size(customers: int, tickets: int) -> None:
    """Refuse a demo desk too small for its showcase records (before anything is built or thrown away)."""
    if customers < MIN_CUSTOMERS:
        raise Invalid(
            "customers",
            msg("at least {limit} (the showcase records need {need})", limit=MIN_CUSTOMERS, need=MIN_CUSTOMERS - 1),
        )
    if tickets < MIN_TICKETS:
        raise Invalid("tickets", msg("at least {limit} (the showcase tickets)", limit=MIN_TICKETS))


def build_demo(
    engine: Engine,
    *,
    customers: int = 250,
    tickets: int = 400,
    seed: int = 20261123,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty, migrated desk with a realistic, reproducible Japanese support desk.

    The same seed and `today` give the same rows, byte for byte. `progress(stage, done, total)` is called after
    each chunk written (stages: "staff", "customers", "tickets", "done").
    """
    started = time.perf_counter()
    check_size(customers, tickets)
    today = today or date.today()
    ids, existing_users = _first_ids(engine)
    ctx = DemoContext.create(seed, today, ids)
    writer = _Writer(engine, progress)

    batch = Batch()
    _staff(ctx, batch, existing_users)
    canned_rows(ctx, batch)
    rule_rows(ctx, batch)
    product_rows(ctx, batch)
    writer.write(batch, "staff", 1, 1)

    people, purchases = _customers(ctx, writer, customers)

    maker = TicketMaker(ctx, people, purchases, showcase.SHOWCASE_PEOPLE)
    headers = plan_headers(ctx, tickets, showcase_tickets.add_tickets(ctx, maker, purchases))
    for index, header in enumerate(headers, start=1):
        maker.make(batch, ctx.ids.next("ticket"), header)
        if index % TICKET_CHUNK == 0 or index == len(headers):
            writer.write(batch, "tickets", index, len(headers))

    detail = json.dumps({"seed": seed, "today": today.isoformat(), "customers": customers, "tickets": tickets})
    ctx.audit(batch, "demo.build", "desk", None, ctx.now, detail)
    writer.write(batch, "done", 1, 1)
    _reset_sequences(engine, writer)

    counts = writer.counts
    return DemoSummary(
        seed=seed,
        today=today,
        elapsed_seconds=round(time.perf_counter() - started, 3),
        users=counts["user"],
        products=counts["product"],
        companies=counts["company"],
        customers=counts["customer"],
        purchases=counts["purchase"],
        subscriptions=counts["subscription"],
        tickets=counts["ticket"],
        ticket_tags=counts["ticket_tag"],
        status_changes=counts["status_change"],
        ticket_entries=counts["ticket_entry"],
        audit_events=counts["audit_event"],
        search_outbox=counts["search_outbox"],
    )
