"""Macros: a named set of changes (a canned reply, a note, priority, tags, a status) an agent applies to a ticket
with one key, or a lead to many tickets at once. Each change goes through the service a person would use, as the
agent, and its thread entry names the macro."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlmodel import Session

from supportdesk.config import SlaPolicy
from supportdesk.errors import Invalid, NotFound, SupportDeskError
from supportdesk.i18n import msg
from supportdesk.mail.settings import MailSettings
from supportdesk.models import AutomationRule, Channel, Company, Customer, EntryKind, Product, Purchase, Status, Ticket
from supportdesk.services import audit, canned, cases, sla, tickets
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.automation.definitions import Macro
from supportdesk.services.automation.store import rule_of
from supportdesk.services.mail_out import queue_reply, reply_address
from supportdesk.services.unit import commit

MAX_TICKETS = 1_000


@dataclass(frozen=True)
class MacroFailure:
    number: int
    reason: str


@dataclass(frozen=True)
class MacroResult:
    macro: str
    changed: tuple[int, ...]
    failed: tuple[MacroFailure, ...]


def macro_by_id(session: Session, rule_id: int) -> Macro:
    row = session.get(AutomationRule, rule_id)
    if row is None or row.kind != "macro":
        raise NotFound(msg("There is no macro {rule}.", rule=rule_id))
    macro = rule_of(row)
    assert isinstance(macro, Macro)
    if not macro.active:
        raise Invalid("macro", msg("the macro {name!r} is switched off", name=macro.name))
    return macro


def follow_up_day(policy: SlaPolicy, today: date, business_days: int) -> date:
    """The date `business_days` business days after `today` (weekends, holidays and 年末年始 skipped)."""
    calendar = sla.calendar(policy)
    day, left = today, business_days
    while left:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            left -= 1
    return day


def reply_text(session: Session, actor: Actor, ticket: Ticket, template: str) -> str:
    """A macro's reply with the canned-response placeholders filled for this ticket."""
    customer = session.get(Customer, ticket.customer_id)
    company = session.get(Company, customer.company_id) if customer and customer.company_id else None
    product = None
    if ticket.purchase_id is not None:
        bought = session.get(Purchase, ticket.purchase_id)
        product = session.get(Product, bought.product_id) if bought else None
    return canned.render(
        template,
        customer_name=customer.full_name if customer else None,
        company=company.name if company else None,
        product=product.name if product else None,
        ticket_number=ticket.id,
        agent_name=actor.name,
    )


def _apply(
    session: Session,
    actor: Actor,
    macro: Macro,
    number: int,
    expected_version: int | None,
    policy: SlaPolicy,
    today: date,
    reply: Callable[[Session, Actor, int, str, int | None], int] | None,
    mail: MailSettings | None = None,
) -> int:
    """Every change of the macro on one ticket, in thread order; returns the ticket's new version."""
    ticket = tickets.load_for_change(session, number, expected_version)
    version = ticket.version
    if macro.reply:
        text = reply_text(session, actor, ticket, macro.reply)
        if mail is not None and mail.address and ticket.channel == Channel.EMAIL and reply_address(session, ticket):
            # A mail ticket is answered by mail, as the composer does by default.
            version = queue_reply(session, actor, number, text, mail, expected_version=version, policy=policy).version
        elif reply is not None:
            version = reply(session, actor, number, text, version)
        else:
            version = tickets.add_entry(
                session, actor, number, EntryKind.REPLY, text, expected_version=version, policy=policy
            )
    if macro.note:
        version = tickets.add_entry(
            session, actor, number, EntryKind.INTERNAL_NOTE, macro.note, expected_version=version, policy=policy
        )
    if macro.priority:
        version = tickets.update_fields(
            session, actor, number, priority=macro.priority, expected_version=version, policy=policy
        )
    if macro.tags or macro.remove_tags:
        have = cases.ticket_tags(session, number)
        wanted = [t for t in have if t not in macro.remove_tags] + [t for t in macro.tags if t not in have]
        if wanted != have:
            version = cases.set_tags(session, actor, number, wanted, expected_version=version)
    if macro.status:
        current = session.get(Ticket, number, populate_existing=True)
        assert current is not None
        if current.status != macro.status:
            follow_up = follow_up_day(policy, today, macro.follow_up_days or 0) if macro.follow_up_days else None
            reason = None
            if macro.status == Status.RESOLVED:  # the resolution note: the macro's note, else its reply
                reason = " ".join((macro.note or macro.reply or "").split())[: tickets.MAX_REASON]
            version = tickets.change_status(
                session,
                actor,
                number,
                macro.status,
                reason=reason,
                follow_up_on=follow_up,
                expected_version=version,
                today=today,
                policy=policy,
            )
    return version


def apply_macro(
    session: Session,
    actor: Actor,
    rule_id: int,
    number: int,
    *,
    expected_version: int | None = None,
    policy: SlaPolicy | None = None,
    today: date | None = None,
    reply: Callable[[Session, Actor, int, str, int | None], int] | None = None,
    mail: MailSettings | None = None,
) -> int:
    """Apply a macro to one ticket (the version the agent saw is checked first); returns the new version.

    The macro's reply goes by mail on a mail ticket when the desk has a mail address (`mail`), else it is recorded
    as a reply (or sent by `reply`).
    """
    require(actor, Action.WORK_TICKETS)
    macro = macro_by_id(session, rule_id)
    policy = policy or SlaPolicy()
    today = today or sla.local_today(policy)
    acting = replace(actor, via=macro.name)
    return _apply(session, acting, macro, number, expected_version, policy, today, reply, mail)


def apply_macro_bulk(
    session: Session,
    actor: Actor,
    rule_id: int,
    versions: Mapping[int, int | None],
    *,
    policy: SlaPolicy | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    mail: MailSettings | None = None,
) -> MacroResult:
    """Apply a macro to many tickets, each in its own transactions; a ticket refused is reported, the rest go on."""
    require(actor, Action.BULK_CHANGE)
    if len(versions) > MAX_TICKETS:
        raise Invalid("tickets", msg("at most {limit} tickets at once", limit=MAX_TICKETS))
    macro = macro_by_id(session, rule_id)
    policy = policy or SlaPolicy()
    today = today or sla.local_today(policy)
    acting = replace(actor, via=macro.name)
    changed: list[int] = []
    failed: list[MacroFailure] = []
    for done, (number, version) in enumerate(versions.items(), start=1):
        try:
            _apply(session, acting, macro, number, version, policy, today, None, mail)
        except SupportDeskError as exc:
            session.rollback()
            failed.append(MacroFailure(number, str(exc)))
        else:
            changed.append(number)
        if progress is not None:
            progress(done, len(versions))
    audit.record(
        session, actor, "ticket.macro_bulk", "rule", rule_id, changed=changed, failed=[f.number for f in failed]
    )
    commit(session, lambda: "The macro was applied; its summary could not be recorded.")
    return MacroResult(macro.name, tuple(changed), tuple(failed))
