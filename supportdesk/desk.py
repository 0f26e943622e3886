"""The desk as the UI and the CLI see it: one object per signed-in user, one fresh session per call.

Every method opens its own session, calls one service and returns plain read models, so it is safe to call from
a worker thread and nothing live from the ORM escapes to a screen.
"""

import getpass
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from search_index import IndexBusy, SearchIndex
from supportdesk.config import Settings, index_dir_for, resolve_db_url, write_private
from supportdesk.db import checkpoint, make_engine, migrate, needs_migration, open_session, translate_errors
from supportdesk.errors import Invalid, NotAllowed
from supportdesk.importing import Mapping
from supportdesk.models import EntryKind, Status
from supportdesk.normalize import login_key
from supportdesk.services import (
    audit_log,
    auth,
    bulk,
    case_library,
    cases,
    commerce,
    customer_360,
    customers,
    drafts,
    merge,
    presence,
    privacy,
    reports,
    rfm,
    search,
    ticket_queries,
    tickets,
    trends,
    users,
    views,
)
from supportdesk.services.actor import Actor
from supportdesk.services.datafiles import exports, imports
from supportdesk.services.datafiles.plan import ImportPlan, ImportSummary
from supportdesk.services.readmodels import (
    CustomerMatch,
    PurchaseView,
    SubscriptionView,
    TicketDetail,
    TicketRow,
)
from supportdesk.services.ticket_queries import TicketFilter, TicketSort

T = TypeVar("T")

__all__ = ["Desk", "TicketFilter", "TicketSort", "open_engine"]


def open_engine(url: str) -> Engine:
    """An engine on `url` with the schema brought up to date (an older desk is upgraded on start)."""
    engine = make_engine(url)
    with translate_errors():
        if needs_migration(engine):
            migrate(engine)
    return engine


@dataclass
class Desk:
    engine: Engine
    actor: Actor
    settings: Settings = field(default_factory=Settings)
    _index: SearchIndex | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls, db_url: str | None, login: str | None, settings: Settings | None = None, password: str | None = None
    ) -> "Desk":
        """Open the desk as `login`. A desk whose users have passwords needs the right one (NotAllowed if not)."""
        settings = settings or Settings()
        engine = open_engine(resolve_db_url(db_url, settings))
        return cls.sign_in(engine, login or settings.user, password, settings)

    @classmethod
    def sign_in(cls, engine: Engine, login: str | None, password: str | None, settings: Settings) -> "Desk":
        with open_session(engine) as session, translate_errors():
            if auth.needs_sign_in(session):
                if password is None:
                    raise NotAllowed("This desk needs a password: sign in (SUPPORTDESK_PASSWORD for scripts).")
                actor = auth.sign_in(session, login or getpass.getuser(), password)
            else:
                actor = users.resolve_actor(session, login)
        return cls(engine=engine, actor=actor, settings=settings)

    @classmethod
    def first_admin(cls, engine: Engine, login: str, name: str, password: str | None, settings: Settings) -> "Desk":
        """Create the administrator of an empty desk and sign in as them."""
        with cls.session_on(engine) as session:
            actor = auth.create_first_admin(session, login, name or login, password or None)
        return cls(engine=engine, actor=actor, settings=settings)

    @staticmethod
    def needs_password(engine: Engine) -> bool:
        with open_session(engine) as session, translate_errors():
            return auth.needs_sign_in(session)

    @staticmethod
    def has_users(engine: Engine) -> bool:
        with open_session(engine) as session, translate_errors():
            return auth.has_users(session)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one call, after checking the signed-in user may still act (SessionEnded if not)."""
        with self.session_on(self.engine) as session:
            self.actor = users.current_actor(session, self.actor)
            session.rollback()  # the check's read is not part of the call's transaction
            yield session

    @staticmethod
    @contextmanager
    def session_on(engine: Engine) -> Iterator[Session]:
        with open_session(engine) as session, translate_errors():
            yield session

    def _call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.session() as session:
            return fn(session, self.actor, *args, **kwargs)

    # Queues and tickets
    def list_tickets(self, flt: TicketFilter = TicketFilter(), **kwargs: Any) -> list[TicketRow]:
        return self._call(ticket_queries.list_tickets, flt, **kwargs)

    def count_tickets(self, flt: TicketFilter = TicketFilter()) -> int:
        return self._call(ticket_queries.count_tickets, flt)

    def get_ticket(self, number: int) -> TicketDetail:
        return self._call(ticket_queries.get_ticket, number)

    def create_ticket(self, data: tickets.TicketCreate) -> int:
        with self.session() as session:
            return tickets.create_ticket(session, self.actor, data, self.settings.sla)

    def add_entry(self, number: int, kind: EntryKind | str, body: str, **kwargs: Any) -> int:
        return self._call(tickets.add_entry, number, kind, body, policy=self.settings.sla, **kwargs)

    def change_status(self, number: int, target: Status | str, **kwargs: Any) -> int:
        return self._call(tickets.change_status, number, target, policy=self.settings.sla, **kwargs)

    def assign(self, number: int, assignee_id: int | None, **kwargs: Any) -> int:
        return self._call(tickets.assign, number, assignee_id, **kwargs)

    def update_ticket(self, number: int, **kwargs: Any) -> int:
        return self._call(tickets.update_fields, number, policy=self.settings.sla, **kwargs)

    # The live desk: who else is on a ticket, whether it changed, and unsent drafts
    def heartbeat(self, number: int, typing: bool = False) -> presence.TicketPulse:
        """Say this user has the ticket open (and is typing); returns its version and the colleagues on it."""
        return self._call(presence.heartbeat, number, typing=typing)

    def leave_ticket(self, number: int) -> None:
        self._call(presence.leave, number)

    def ticket_version(self, number: int) -> int:
        return self._call(presence.ticket_version, number)

    def save_draft(self, number: int, kind: str, body: str, call_seconds: int | None = None) -> None:
        self._call(drafts.save_draft, number, kind, body, call_seconds)

    def get_draft(self, number: int) -> drafts.DraftView | None:
        return self._call(drafts.get_draft, number)

    def list_drafts(self) -> list[drafts.DraftView]:
        return self._call(drafts.list_drafts)

    def discard_draft(self, number: int) -> None:
        self._call(drafts.discard_draft, number)

    # Full-text search of past cases
    def search_index(self) -> SearchIndex:
        """The index beside this desk's database, opened once per Desk (searchers are reused)."""
        if self._index is None:
            self._index = SearchIndex.open(index_dir_for(self.engine.url.render_as_string(hide_password=False)))
        return self._index

    def sync_index(self) -> int | None:
        """Apply queued changes; None when another process is writing the index (it will catch up)."""
        try:
            with self.session() as session:
                return search.ensure_index(session, self.search_index())
        except IndexBusy:
            return None

    def rebuild_index(self, progress: Callable[[int, int], None] | None = None) -> int:
        with self.session() as session:
            return search.rebuild_index(session, self.search_index(), progress)

    def search_cases(self, query: str, limit: int = 20) -> search.CaseSearch:
        with self.session() as session:
            return search.search_cases(session, self.actor, self.search_index(), query, limit)

    def similar_cases(self, number: int, limit: int = 5) -> list[search.CaseHit]:
        with self.session() as session:
            return search.similar_cases(session, self.actor, self.search_index(), number, limit)

    # Case library
    def list_exemplary(self, inquiry_type: str | None = None, tag: str | None = None) -> list[case_library.CaseRow]:
        return self._call(case_library.list_exemplary, inquiry_type, tag)

    def library_tags(self) -> list[tuple[str, int]]:
        return self._call(case_library.library_tags)

    def read_case(self, number: int) -> case_library.CaseDocument:
        return self._call(case_library.read_case, number)

    def export_manual(self, numbers: list[int], path: Path, title: str = "対応事例集") -> int:
        return self._call(case_library.export_manual, numbers, path, title)

    def mark_exemplary(self, number: int, summary: str, tags: list[str], expected_version: int | None) -> int:
        return self._call(cases.mark_exemplary, number, summary, tags, expected_version=expected_version)

    def set_tags(self, number: int, tags: list[str], expected_version: int | None) -> int:
        return self._call(cases.set_tags, number, tags, expected_version=expected_version)

    def ticket_tags(self, number: int) -> list[str]:
        return self._call(cases.visible_tags, number)

    # Customers
    def find_customers(self, text: str, limit: int = 20) -> list[CustomerMatch]:
        return self._call(customers.find_customers, text, limit)

    def customer_360(self, customer_id: int, today: date) -> customer_360.Customer360:
        return self._call(customer_360.customer_360, customer_id, today)

    def create_customer(self, data: customers.CustomerCreate) -> int:
        return self._call(customers.create_customer, data)

    def update_customer(self, customer_id: int, changes: dict[str, Any], expected_version: int | None) -> int:
        return self._call(customers.update_customer, customer_id, changes, expected_version=expected_version)

    def duplicate_candidates(self, data: customers.CustomerCreate) -> list[customers.DuplicateCandidate]:
        return self._call(customers.duplicate_candidates, data)

    def purchases(self, customer_id: int) -> list[PurchaseView]:
        return self._call(commerce.list_purchases, customer_id)

    def subscriptions(self, customer_id: int) -> list[SubscriptionView]:
        return self._call(commerce.list_subscriptions, customer_id)

    def rfm(self, customer_id: int, today: date) -> rfm.Rfm:
        return self._call(rfm.customer_rfm, customer_id, today)

    def export_person(self, customer_id: int, path: Path) -> None:
        """Write a person's data to `path` (0600): JSON, or a readable document for .md / .txt files."""
        with self.session() as session:
            data = privacy.export_person(session, self.actor, customer_id)
        text = (
            privacy.person_as_text(data)
            if path.suffix in (".md", ".txt")
            else json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        )
        write_private(path, text)

    def anonymise_person(self, customer_id: int, confirmation: str) -> privacy.Anonymised:
        """Erase a person, then at once purge their old text from this machine's search index and fold the WAL into
        the database file, so no copy is left on disk (other machines' indexes purge on their next sync)."""
        result = self._call(privacy.anonymise_person, customer_id, confirmation)
        purged = False
        for _attempt in range(10):  # another process may be syncing the index: its turn first
            try:
                with self.session() as session:
                    search.ensure_index(session, self.search_index())
                purged = True
                break
            except IndexBusy:
                continue
        return replace(result, index_purged=purged, wal_cleared=checkpoint(self.engine))

    def audit_events(self, **filters: Any) -> list[audit_log.AuditView]:
        return self._call(audit_log.audit_events, **filters)

    def user_accounts(self) -> list[users.UserView]:
        return self._call(users.user_accounts)

    def users(self) -> list[Actor]:
        with self.session() as session:
            return users.list_users(session)

    def user_by_login(self, login: str) -> Actor:
        key = login_key(login)
        for user in self.users():
            if user.login == key:
                return user
        raise Invalid("user", f"no active user {login!r}")

    # The lead's view: dashboard, reports, charts, bulk changes, saved views
    def dashboard(self, now: datetime | None = None) -> reports.Dashboard:
        return self._call(reports.dashboard, self.settings.sla, now)

    def report(self, kind: str, period: reports.Period, now: datetime | None = None) -> reports.Report:
        return self._call(reports.report, kind, period, self.settings.sla, now)

    def daily_flow(self, period: reports.Period) -> trends.Flow:
        return self._call(trends.daily_flow, period, self.settings.sla)

    def weekly_types(self, period: reports.Period) -> trends.WeeklyTypes:
        return self._call(trends.weekly_types, period, self.settings.sla)

    def plan_bulk(self, numbers: list[int], change: bulk.BulkChange) -> bulk.BulkPlan:
        return self._call(bulk.plan_bulk, numbers, change)

    def apply_bulk(self, versions: dict[int, int | None], change: bulk.BulkChange, **kwargs: Any) -> bulk.BulkResult:
        return self._call(bulk.apply_bulk, versions, change, policy=self.settings.sla, **kwargs)

    def saved_views(self) -> list[views.ViewRow]:
        return self._call(views.list_views)

    def save_view(self, name: str, filters: views.ViewFilters, sort: str, shared: bool = False) -> int:
        return self._call(views.save_view, name, filters, sort, shared=shared)

    def delete_view(self, view_id: int) -> None:
        self._call(views.delete_view, view_id)

    # Data in and out: CSV import and export, duplicate customers and their merge
    def preview_import(self, kind: str, data: bytes, mapping: Mapping | None = None, source: str = "") -> ImportPlan:
        return self._call(imports.preview_import, kind, data, mapping=mapping, source=source, policy=self.settings.sla)

    def run_import(
        self,
        kind: str,
        data: bytes,
        mapping: Mapping | None = None,
        source: str = "",
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportSummary:
        return self._call(
            imports.run_import, kind, data, mapping=mapping, source=source, policy=self.settings.sla, progress=progress
        )

    def export_file(self, kind: str, path: Path, *, language: str = "en", bom: bool = False) -> int:
        return self._call(exports.export_file, kind, path, language=language, bom=bom)

    def write_csv(self, kind: str, out: Any, *, language: str = "en", bom: bool = False) -> int:
        return self._call(exports.write_csv, kind, out, language=language, bom=bom)

    def find_duplicates(self, limit: int = 200) -> list[merge.DuplicatePair]:
        return self._call(merge.find_duplicates, limit)

    def merge_preview(self, keep_id: int, other_id: int) -> merge.MergePreview:
        return self._call(merge.merge_preview, keep_id, other_id)

    def merge_customers(
        self,
        keep_id: int,
        other_id: int,
        picks: dict[str, str] | None = None,
        expected_versions: tuple[int | None, int | None] = (None, None),
    ) -> merge.MergeResult:
        return self._call(merge.merge_customers, keep_id, other_id, picks, expected_versions=expected_versions)
