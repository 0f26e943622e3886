"""The desk as the UI and the CLI see it: one object per signed-in user, one fresh session per call.

Every method opens its own session, calls the services of one use case and returns plain read models, so it is
safe to call from a worker thread and nothing live from the ORM escapes to a screen. Sessions stay inside: the app
and the CLI reach the services only through these methods.
"""

import getpass
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TextIO, TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from search_index import IndexBusy, SearchIndex
from supportdesk import secrets
from supportdesk.config import Settings, index_dir_for, resolve_db_url, write_private
from supportdesk.db import (
    checkpoint,
    make_engine,
    migrate,
    needs_migration,
    open_session,
    reading_engine,
    translate_errors,
)
from supportdesk.desk_automation import AutomationCalls
from supportdesk.desk_records import RecordsDesk
from supportdesk.errors import Invalid, NotAllowed, SessionEnded
from supportdesk.i18n import msg
from supportdesk.importing import Mapping as ColumnMapping
from supportdesk.mail.settings import IMAP_PASSWORD, SMTP_PASSWORD
from supportdesk.models import EntryKind, InquiryType, Priority, Role, Status
from supportdesk.normalize import login_key
from supportdesk.services import (
    attachments,
    audit,
    audit_log,
    auth,
    bulk,
    caller_lookup,
    case_library,
    cases,
    commerce,
    customer_360,
    customers,
    drafts,
    lead_view,
    mail_fetch,
    mail_in,
    mail_out,
    mail_sender,
    mail_status,
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
    AttachmentView,
    CustomerMatch,
    PurchaseView,
    SubscriptionView,
    TicketDetail,
    TicketRow,
)
from supportdesk.services.ticket_queries import TicketFilter, TicketSort

if TYPE_CHECKING:  # supportdesk.backup brings alembic: loaded only when a backup runs
    from supportdesk.backup import BackupResult

T = TypeVar("T")
P = ParamSpec("P")

__all__ = ["Desk", "Entrance", "TicketFilter", "TicketSort", "open_engine"]


def open_engine(url: str) -> Engine:
    """An engine on `url` with the schema brought up to date (an older desk is upgraded on start)."""
    engine = make_engine(url)
    with translate_errors():
        if needs_migration(engine):
            migrate(engine)
    return engine


@dataclass
class Desk(RecordsDesk, AutomationCalls):
    engine: Engine
    actor: Actor
    settings: Settings = field(default_factory=Settings)
    _index: SearchIndex | None = field(default=None, repr=False)
    _reader: Engine | None = field(default=None, init=False, repr=False)

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
                    raise NotAllowed(msg("This desk needs a password: sign in (SUPPORTDESK_PASSWORD for scripts)."))
                actor = auth.sign_in(session, login or getpass.getuser(), password)
            else:
                actor = users.resolve_actor(session, login)
        return cls(engine=engine, actor=actor, settings=settings)

    @classmethod
    def first_admin(cls, engine: Engine, login: str, name: str, password: str | None, settings: Settings) -> "Desk":
        """Create the administrator of an empty desk and sign in as them."""
        with cls._session_on(engine) as session:
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
    def _session(self) -> Iterator[Session]:
        """A session for one call, after checking the signed-in user may still act (SessionEnded if not)."""
        with self._session_on(self.engine) as session:
            self.actor = users.current_actor(session, self.actor)
            session.rollback()  # the check's read is not part of the call's transaction
            yield session

    @staticmethod
    @contextmanager
    def _session_on(engine: Engine) -> Iterator[Session]:
        with open_session(engine) as session, translate_errors():
            yield session

    def _call(self, fn: Callable[Concatenate[Session, Actor, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """One service call as the signed-in user, in a session of its own (arguments checked against `fn`)."""
        with self._session() as session:
            return fn(session, self.actor, *args, **kwargs)

    def _reading_engine(self) -> Engine:
        if self._reader is None:
            self._reader = reading_engine(self.engine)
        return self._reader

    def _read(self, fn: Callable[Concatenate[Session, Actor, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A call that only reads (`db.reading_engine`: on PostgreSQL without a transaction around it, the same
        answers with four round trips fewer; a statement that writes is refused).

        The account is checked in the call's first statement when its service takes the check there (a caller
        lookup: users.account_columns), else by a statement of its own after the call. Either way nothing is
        answered to an account that may no longer act (SessionEnded, whatever else the call raised), and a call
        made as the user was before a change that may alter its answer (a new team) is made again as they are now."""
        reader = self._reading_engine()
        if reader is self.engine:
            return self._call(fn, *args, **kwargs)
        with self._session_on(reader) as session:
            asked = self.actor
            users.check_account_in_first_read(session, asked)
            try:
                found = fn(session, asked, *args, **kwargs)
            except SessionEnded:
                raise
            except Exception:
                self.actor = users.checked_actor(session, asked)
                if self.actor == asked:
                    raise
                return fn(session, self.actor, *args, **kwargs)
            self.actor = users.checked_actor(session, asked)
            return found if self.actor == asked else fn(session, self.actor, *args, **kwargs)

    def _read_then_record(
        self, fn: Callable[Concatenate[Session, Actor, P], audit.Viewed[T]], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """A read of personal data whose look is audited. On PostgreSQL the read runs as `_read` (no transaction)
        and the look, when it must be recorded (not seen within the view window), is written after it by one INSERT
        on the same path (audit.insert_view): no BEGIN, ROLLBACK or COMMIT, for a reopen or a first look. On SQLite,
        which reads in-process, both in one session as any other call."""
        reader = self._reading_engine()
        if reader is self.engine:
            with self._session() as session:
                return audit.recorded(session, self.actor, fn(session, self.actor, *args, **kwargs))
        viewed = self._read(fn, *args, **kwargs)
        if viewed.view is not None:
            # The account was read by `_read` a moment ago; the record is not a second call to check it for.
            with self._session_on(reader) as session:
                audit.insert_view(session, self.actor, viewed.view)
        return viewed.found

    # Queues and tickets
    def list_tickets(
        self,
        flt: TicketFilter = TicketFilter(),
        *,
        sort: TicketSort = TicketSort.UPDATED,
        descending: bool = True,
        limit: int = 200,
        offset: int = 0,
    ) -> list[TicketRow]:
        return self._read(
            ticket_queries.list_tickets, flt, sort=sort, descending=descending, limit=limit, offset=offset
        )

    def queue_page(
        self,
        flt: TicketFilter,
        counts: Mapping[str, TicketFilter],
        *,
        sort: TicketSort = TicketSort.UPDATED,
        descending: bool = True,
        limit: int = 200,
    ) -> ticket_queries.QueuePage:
        """The first `limit` tickets of a queue and how many tickets each of `counts` holds, read as one snapshot."""
        return self._call(ticket_queries.queue_page, flt, counts, sort=sort, descending=descending, limit=limit)

    def count_tickets(self, flt: TicketFilter = TicketFilter()) -> int:
        return self._read(ticket_queries.count_tickets, flt)

    def get_ticket(self, number: int) -> TicketDetail:
        return self._read_then_record(ticket_queries.read_ticket, number)

    def create_ticket(self, data: tickets.TicketCreate) -> int:
        return self._call(tickets.create_ticket, data, self.settings.sla)

    def add_entry(
        self,
        number: int,
        kind: EntryKind | str,
        body: str,
        *,
        call_duration_seconds: int | None = None,
        expected_version: int | None = None,
    ) -> int:
        return self._call(
            tickets.add_entry,
            number,
            kind,
            body,
            call_duration_seconds=call_duration_seconds,
            expected_version=expected_version,
            policy=self.settings.sla,
        )

    def change_status(
        self,
        number: int,
        target: Status | str,
        *,
        reason: str | None = None,
        follow_up_on: date | None = None,
        expected_version: int | None = None,
        today: date | None = None,
    ) -> int:
        return self._call(
            tickets.change_status,
            number,
            target,
            reason=reason,
            follow_up_on=follow_up_on,
            expected_version=expected_version,
            today=today,
            policy=self.settings.sla,
        )

    def assign(
        self,
        number: int,
        assignee_id: int | None,
        *,
        team: str | None = None,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        return self._call(tickets.assign, number, assignee_id, team=team, note=note, expected_version=expected_version)

    def update_ticket(
        self,
        number: int,
        *,
        priority: Priority | str | None = None,
        inquiry_type: InquiryType | str | None = None,
        purchase_id: int | None = None,
        unlink_purchase: bool = False,
        subject: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        return self._call(
            tickets.update_fields,
            number,
            priority=priority,
            inquiry_type=inquiry_type,
            purchase_id=purchase_id,
            unlink_purchase=unlink_purchase,
            subject=subject,
            expected_version=expected_version,
            policy=self.settings.sla,
        )

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

    # Mail and attachments
    def receive_mail(self, raw: bytes, seen: mail_in.SeenKey | None = None) -> mail_in.Received:
        """Take one received message into the desk (a new ticket, or an entry on the ticket it answers)."""
        with self._session() as session:
            return mail_in.receive(session, self.actor, raw, seen=seen, settings=self.settings.mail,
                                   policy=self.settings.sla)  # fmt: skip

    def reply_by_mail(
        self,
        number: int,
        body: str,
        *,
        files: tuple[tuple[str, str, bytes], ...] = (),
        expected_version: int | None = None,
    ) -> mail_out.QueuedReply:
        """Record a reply and queue it as a mail to the customer (delivered by `deliver_mail`)."""
        with self._session() as session:
            return mail_out.queue_reply(session, self.actor, number, body, self.settings.mail, files=files,
                                        expected_version=expected_version, policy=self.settings.sla)  # fmt: skip

    def deliver_mail(self, limit: int = 20) -> mail_sender.DeliveryReport:
        """Send what is due in the outbound queue over SMTP (password from the secret store)."""
        settings = self.settings.mail
        password = secrets.get(SMTP_PASSWORD) if settings.smtp_user else None
        with self._session() as session:
            return mail_sender.deliver_due(session, settings, password, limit)

    def fetch_mail(self, progress: Callable[[mail_in.Received], None] | None = None) -> mail_fetch.FetchReport:
        """Take every new message from the configured IMAP folders (password from the secret store)."""
        password = secrets.get(IMAP_PASSWORD)
        with self._session() as session:
            return mail_fetch.fetch_folders(session, self.actor, self.settings.mail, password,
                                            policy=self.settings.sla, progress=progress)  # fmt: skip

    def wait_for_mail(self, seconds: int) -> bool:
        """Block until the IMAP server reports new mail (IDLE) or `seconds` pass; for `mail run`."""
        return mail_fetch.wait_for_new_mail(self.settings.mail, secrets.get(IMAP_PASSWORD), seconds)

    def mail_status(self) -> mail_status.MailStatus:
        return self._call(mail_status.mail_status)

    def resend_mail(self, mail_id: int) -> None:
        self._call(mail_out.resend, mail_id)

    def save_attachment(self, number: int, attachment_id: int, out: Path) -> Path:
        return self._call(attachments.save_attachment, number, attachment_id, out)

    def read_attachment(self, number: int, attachment_id: int) -> tuple[AttachmentView, bytes]:
        return self._call(attachments.read_attachment, number, attachment_id)

    def mark_attachment_safe(self, number: int, attachment_id: int, safe: bool = True) -> None:
        self._call(attachments.mark_trainer_safe, number, attachment_id, safe)

    # Full-text search of past cases
    def search_index(self) -> SearchIndex:
        """The index beside this desk's database, opened once per Desk (searchers are reused)."""
        if self._index is None:
            self._index = SearchIndex.open(index_dir_for(self.engine.url.render_as_string(hide_password=False)))
        return self._index

    def sync_index(self) -> int | None:
        """Apply queued changes; None when another process is writing the index (it will catch up)."""
        try:
            with self._session() as session:
                return search.ensure_index(session, self.search_index())
        except IndexBusy:
            return None

    def rebuild_index(self, progress: Callable[[int, int], None] | None = None) -> int:
        with self._session() as session:
            return search.rebuild_index(session, self.search_index(), progress)

    def search_cases(self, query: str, limit: int = 20) -> search.CaseSearch:
        return self._call(search.search_cases, self.search_index(), query, limit)

    def similar_cases(self, number: int, limit: int = 5) -> list[search.CaseHit]:
        return self._call(search.similar_cases, self.search_index(), number, limit)

    # Case library
    def list_exemplary(self, inquiry_type: str | None = None, tag: str | None = None) -> list[case_library.CaseRow]:
        return self._call(case_library.list_exemplary, inquiry_type, tag)

    def library_tags(self) -> list[tuple[str, int]]:
        return self._call(case_library.library_tags)

    def read_case(self, number: int) -> case_library.CaseDocument:
        return self._call(case_library.read_case, number)

    def export_manual(self, numbers: list[int], path: Path, title: str | None = None) -> int:
        return self._call(case_library.export_manual, numbers, path, title)

    def mark_exemplary(self, number: int, summary: str | None, tags: list[str], expected_version: int | None) -> int:
        """`summary=None` keeps the case's summary; `tags` are added to the ticket's own."""
        return self._call(cases.mark_exemplary, number, summary, tags, expected_version=expected_version)

    def set_tags(self, number: int, tags: list[str], expected_version: int | None) -> int:
        return self._call(cases.set_tags, number, tags, expected_version=expected_version)

    def ticket_tags(self, number: int) -> list[str]:
        return self._call(cases.visible_tags, number)

    # Customers
    def find_customers(self, text: str, limit: int = 20) -> list[CustomerMatch]:
        return self._read(caller_lookup.find_customers, text, limit)

    def customer_360(self, customer_id: int, today: date) -> customer_360.Customer360:
        return self._read_then_record(customer_360.read_customer_360, customer_id, today)

    def create_customer(self, data: customers.CustomerCreate, custom: Mapping[str, str] | None = None) -> int:
        """`custom`: the team's own fields by name (custom:品番 or 品番); required ones must be given."""
        return self._call(customers.create_customer, data, custom=custom)

    def update_customer(
        self,
        customer_id: int,
        changes: dict[str, Any],
        expected_version: int | None,
        custom: Mapping[str, str] | None = None,
    ) -> int:
        return self._call(
            customers.update_customer, customer_id, changes, expected_version=expected_version, custom=custom
        )

    def duplicate_candidates(self, data: customers.CustomerCreate) -> list[customers.DuplicateCandidate]:
        return self._call(customers.duplicate_candidates, data)

    def purchases(self, customer_id: int) -> list[PurchaseView]:
        return self._call(commerce.list_purchases, customer_id)

    def subscriptions(self, customer_id: int) -> list[SubscriptionView]:
        return self._call(commerce.list_subscriptions, customer_id)

    def rfm(self, customer_id: int, today: date) -> rfm.Rfm:
        return self._call(rfm.customer_rfm, customer_id, today)

    # Privacy requests (administrators)
    def person_document(self, customer_id: int, readable: bool = False) -> str:
        """Everything held about one person (開示): JSON, or a document a person can read."""
        return privacy.person_document(self._call(privacy.export_person, customer_id), readable)

    def export_person(self, customer_id: int, path: Path, readable: bool | None = None) -> None:
        """Write `person_document` to `path`, created 0600; readable by default for .md and .txt files."""
        readable = path.suffix in (".md", ".txt") if readable is None else readable
        write_private(path, self.person_document(customer_id, readable))

    def save_person_files(self, customer_id: int, folder: Path) -> list[Path]:
        """Copy the files the person's tickets hold into `folder` (created owner-only) for their 開示 request."""
        return self._call(privacy.save_person_files, customer_id, folder)

    def correct_person(self, customer_id: int, changes: Mapping[str, str | None]) -> int:
        """Correct a person's data on their request (訂正); returns the record's new version."""
        return self._call(privacy.correct_person, customer_id, dict(changes))

    def anonymise_person(self, customer_id: int, confirmation: str) -> privacy.Anonymised:
        """Erase a person, then at once purge their old text from this machine's search index and fold the WAL into
        the database file, so no copy is left on disk (other machines' indexes purge on their next sync)."""
        result = self._call(privacy.anonymise_person, customer_id, confirmation)
        purged = False
        for _attempt in range(10):  # another process may be syncing the index: its turn first
            try:
                with self._session() as session:
                    search.ensure_index(session, self.search_index())
                purged = True
                break
            except IndexBusy:
                continue
        return replace(result, index_purged=purged, wal_cleared=checkpoint(self.engine))

    def audit_events(
        self,
        *,
        customer_id: int | None = None,
        login: str | None = None,
        since: datetime | None = None,
        action: str | None = None,
        limit: int = 500,
    ) -> list[audit_log.AuditView]:
        return self._call(
            audit_log.audit_events, customer_id=customer_id, login=login, since=since, action=action, limit=limit
        )

    # The desk as a whole (administrators)
    def backup(
        self, dest: Path, *, force: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> "BackupResult":
        """A consistent copy of the desk in use, written to `dest` (0600); see supportdesk/backup.py."""
        from supportdesk import backup

        return backup.backup_desk(self.engine, self.actor, dest, force=force, progress=progress)

    def close(self) -> None:
        """Let go of the database and the search index (before the desk's files are replaced by a restore)."""
        if self._index is not None:
            self._index.close()
            self._index = None
        self.engine.dispose()

    # Accounts (administrators, and everyone's own password)
    def create_user(
        self, login: str, name: str, role: Role | str, team: str | None = None, password: str | None = None
    ) -> Actor:
        return self._call(users.create_user, login, name, role, team, password)

    def set_user_active(self, login: str, active: bool) -> None:
        self._call(users.set_active, login, active)

    def set_user_role(self, login: str, role: Role | str) -> None:
        self._call(users.set_role, login, role)

    def set_password(self, login: str, new_password: str, current_password: str | None = None) -> None:
        self._call(auth.set_password, login, new_password, current_password)

    def user_accounts(self) -> list[users.UserView]:
        return self._call(users.user_accounts)

    def users(self) -> list[Actor]:
        with self._session() as session:
            return users.list_users(session)

    def user_by_login(self, login: str) -> Actor:
        key = login_key(login)
        for user in self.users():
            if user.login == key:
                return user
        raise Invalid("user", msg("no active user {login!r}", login=login))

    # The lead's view: dashboard, reports, charts, bulk changes, saved views
    def overview(self, days: int, now: datetime | None = None) -> lead_view.Overview:
        """The dashboard and the reports of the last `days` days, as one snapshot."""
        return self._call(lead_view.overview, days, self.settings.sla, now)

    def charts(self, days: int, now: datetime | None = None) -> lead_view.Charts:
        """The charts of the last `days` days, as one snapshot."""
        return self._call(lead_view.charts, days, self.settings.sla, now)

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

    def apply_bulk(
        self,
        versions: Mapping[int, int | None],
        change: bulk.BulkChange,
        *,
        today: date | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> bulk.BulkResult:
        return self._call(bulk.apply_bulk, versions, change, policy=self.settings.sla, today=today, progress=progress)

    def saved_views(self) -> list[views.ViewRow]:
        return self._call(views.list_views)

    def save_view(self, name: str, filters: views.ViewFilters, sort: str, shared: bool = False) -> int:
        return self._call(views.save_view, name, filters, sort, shared=shared)

    def delete_view(self, view_id: int) -> None:
        self._call(views.delete_view, view_id)

    # Data in and out: CSV import and export, duplicate customers and their merge
    def preview_import(
        self,
        kind: str,
        data: bytes,
        mapping: ColumnMapping | None = None,
        source: str = "",
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportPlan:
        return self._call(
            imports.preview_import,
            kind,
            data,
            mapping=mapping,
            source=source,
            policy=self.settings.sla,
            progress=progress,
        )

    def run_import(
        self,
        kind: str,
        data: bytes,
        mapping: ColumnMapping | None = None,
        source: str = "",
        progress: Callable[[int, int], None] | None = None,
        checking: Callable[[int, int], None] | None = None,
    ) -> ImportSummary:
        return self._call(
            imports.run_import,
            kind,
            data,
            mapping=mapping,
            source=source,
            policy=self.settings.sla,
            progress=progress,
            checking=checking,
        )

    def export_file(self, kind: str, path: Path, *, language: str = "en", bom: bool = False) -> int:
        return self._call(exports.export_file, kind, path, language=language, bom=bom)

    def write_csv(self, kind: str, out: TextIO, *, language: str = "en", bom: bool = False) -> int:
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


@dataclass(frozen=True)
class Entrance:
    """A desk before anyone is signed in: what the app's sign-in screen holds instead of a database engine."""

    engine: Engine
    settings: Settings = field(default_factory=Settings)

    @classmethod
    def to(cls, desk: Desk) -> "Entrance":
        """The way back in to `desk` (after the signed-in user's session ended)."""
        return cls(desk.engine, desk.settings)

    def has_users(self) -> bool:
        return Desk.has_users(self.engine)

    def sign_in(self, login: str | None, password: str | None) -> Desk:
        return Desk.sign_in(self.engine, login, password, self.settings)

    def first_admin(self, login: str, name: str, password: str | None) -> Desk:
        """Create the administrator of an empty desk and sign in as them."""
        return Desk.first_admin(self.engine, login, name, password, self.settings)
