"""The service's jobs: what runs, how often, and what each one does (a plain function of a `JobContext`)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import col, delete

from search_index import IndexBusy, SearchIndex
from supportdesk import secrets
from supportdesk.config import Settings, config_dir
from supportdesk.db import open_session
from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.mail.settings import IMAP_PASSWORD, SMTP_PASSWORD
from supportdesk.models import Notification, Online, RuleFiring, ServiceJob, ServiceNode
from supportdesk.services import search
from supportdesk.services.actor import Actor
from supportdesk.services.automation.definitions import parse_file
from supportdesk.services.automation.digest import send_digests
from supportdesk.services.automation.feed import BATCH
from supportdesk.services.automation.mailing import Mailer
from supportdesk.services.automation.notices import FeedReport, process_feed
from supportdesk.services.automation.store import import_rules
from supportdesk.services.automation.timed import run_timed
from supportdesk.services.mail_fetch import fetch_folders
from supportdesk.services.mail_sender import deliver_due

# Read notifications, rule firings and stopped instances are kept this long, then removed.
KEEP = timedelta(days=90)
FEED_ROUNDS = 10  # batches of changes per run at most, so the other jobs get their turn


@dataclass
class JobContext:
    engine: Engine
    settings: Settings
    account: Actor
    now: datetime
    index: SearchIndex | None = None
    mailer: Mailer | None = None


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[JobContext], Mapping[str, int]]


def rules_file(settings: Settings) -> Path:
    """`[service] rules_file`; a relative path is beside config.toml."""
    path = Path(settings.service.rules_file).expanduser()
    return path if path.is_absolute() else config_dir() / path


def rules_file_job(ctx: JobContext) -> Mapping[str, int]:
    """Keep the desk's rules what the rules file says (a setup kept in version control): a change to the file
    reaches the desk within a minute, each one a revision by the desk's own account from "file"; a file that does
    not read or parse changes nothing and says why (the job's error in `service status` and the log)."""
    path = rules_file(ctx.settings)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Invalid(str(path), msg("cannot be read as UTF-8 text ({problem})", problem=type(exc).__name__)) from exc
    rules = parse_file(text, str(path))
    with open_session(ctx.engine) as session:
        result = import_rules(session, ctx.account, rules, source="file")
    return {"created": result.created, "changed": result.changed, "deleted": result.deleted}


def feed_job(ctx: JobContext) -> Mapping[str, int]:
    """Read the desk's changes: triggers answer them, people hear what concerns them."""
    total = FeedReport()
    with open_session(ctx.engine) as session:
        for _round in range(FEED_ROUNDS):
            report = process_feed(session, ctx.account, policy=ctx.settings.sla, mailer=ctx.mailer, limit=BATCH)
            for name, value in report.counts().items():
                setattr(total, name, getattr(total, name) + value)
            if report.changes == 0:
                break
    return total.counts()


def timed_job(ctx: JobContext) -> Mapping[str, int]:
    with open_session(ctx.engine) as session:
        # The first run on a desk: what was overdue before the service ever ran is recorded, not announced.
        first = session.get(ServiceJob, "timed") is None
        report = run_timed(
            session,
            ctx.account,
            policy=ctx.settings.sla,
            settings=ctx.settings.service,
            mailer=ctx.mailer,
            now=ctx.now,
            first=first,
        )
    return report.counts()


def index_job(ctx: JobContext) -> Mapping[str, int]:
    """Keep this machine's search index in step (a rebuild when it is missing or stale)."""
    if ctx.index is None:
        return {}
    try:
        with open_session(ctx.engine) as session:
            return {"indexed": search.ensure_index(session, ctx.index)}
    except IndexBusy:
        return {"busy": 1}  # the app on this machine is writing it; next time


def search_upkeep_job(ctx: JobContext) -> Mapping[str, int]:
    """Merge this machine's search index when a day of syncing has left it in many segments or with many deleted
    copies (searches check every deleted copy until a merge drops it): the small segments into one, a rebuild's
    big ones only when many of their copies are deleted (see SearchIndex.compact); searches go on meanwhile."""
    if ctx.index is None:
        return {}
    try:
        return ctx.index.compact()
    except IndexBusy:
        return {"busy": 1}  # the app on this machine is writing it; next time


def digest_job(ctx: JobContext) -> Mapping[str, int]:
    with open_session(ctx.engine) as session:
        return send_digests(session, ctx.settings.sla, ctx.settings.service, ctx.mailer, ctx.now).counts()


def cleanup_job(ctx: JobContext) -> Mapping[str, int]:
    """Forget what nobody needs any more: old read notifications and firings, stopped instances, stale pulses."""
    before = ctx.now - KEEP
    removals = {
        "notifications": delete(Notification).where(col(Notification.read_at) < before),
        "firings": delete(RuleFiring).where(col(RuleFiring.fired_at) < before),
        "instances": delete(ServiceNode).where(col(ServiceNode.stopped_at) < before),
        "pulses": delete(Online).where(col(Online.seen_at) < ctx.now - timedelta(days=1)),
    }
    counts = {}
    with open_session(ctx.engine) as session:
        for name, statement in removals.items():
            counts[name] = getattr(session.execute(statement), "rowcount", 0)
        session.commit()
    return {name: int(n or 0) for name, n in counts.items()}


def mail_fetch_job(ctx: JobContext) -> Mapping[str, int]:
    """Take new mail from the IMAP folders in [mail] (a new ticket, or an entry on the ticket it answers)."""
    password = secrets.get(IMAP_PASSWORD)
    with open_session(ctx.engine) as session:
        report = fetch_folders(session, ctx.account, ctx.settings.mail, password, policy=ctx.settings.sla)
    return {"taken": report.added, "duplicates": len(report.taken) - report.added}


def mail_send_job(ctx: JobContext) -> Mapping[str, int]:
    """Deliver what is due in the outbound queue: replies, acknowledgements, rules' mail, reminders, digests."""
    settings = ctx.settings.mail
    password = secrets.get(SMTP_PASSWORD) if settings.smtp_user else None
    with open_session(ctx.engine) as session:
        report = deliver_due(session, settings, password, limit=50)
    return dict(report.counts)


def jobs_for(settings: Settings) -> list[Job]:
    """The jobs of a desk, in the order they run when several are due at once (the rules file when [service] names
    one, mail when [mail] names servers)."""
    jobs = [Job("rules_file", timedelta(seconds=60), rules_file_job)] if settings.service.rules_file else []
    jobs.append(Job("changes", timedelta(seconds=5), feed_job))
    if settings.mail.imap_host:
        jobs.append(Job("mail_fetch", timedelta(seconds=settings.mail.interval), mail_fetch_job))
    if settings.mail.smtp_host:
        jobs.append(Job("mail_send", timedelta(seconds=15), mail_send_job))
    return [
        *jobs,
        Job("timed", timedelta(seconds=60), timed_job),
        Job("index", timedelta(seconds=10), index_job),
        Job("search_upkeep", timedelta(hours=1), search_upkeep_job),
        Job("digest", timedelta(seconds=60), digest_job),
        Job("cleanup", timedelta(hours=1), cleanup_job),
    ]
