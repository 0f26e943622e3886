"""Running the leads' triggers on the desk's changes.

For each change a person (or a customer's mail) made, the active triggers are tried in their order; each sees the
ticket as the triggers before it left it. A trigger fires at most once per change: it claims the change
(`rule_firing`) before it acts, so neither a second service instance nor a restart can fire it again. Changes the
desk made by itself (a trigger's actions, a timed rule) are never answered by triggers, so rules cannot loop.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from supportdesk.config import SlaPolicy
from supportdesk.models import Customer, RuleFiring, Ticket
from supportdesk.models.base import utcnow
from supportdesk.services import notifications, rfm, sla
from supportdesk.services.actor import Actor
from supportdesk.services.automation.account import acting_for
from supportdesk.services.automation.actions import apply_trigger
from supportdesk.services.automation.conditions import Facts, fold, is_open, matches
from supportdesk.services.automation.definitions import Trigger
from supportdesk.services.automation.feed import Change
from supportdesk.services.automation.mailing import Mailer


@dataclass
class TriggerReport:
    fired: int = 0
    actions: int = 0
    failed: int = 0
    unsent: int = 0


def facts_for(session: Session, account: Actor, change: Change, policy: SlaPolicy, today: date) -> Facts | None:
    """The ticket as the triggers see it now; None when it is gone."""
    ticket = session.get(Ticket, change.ticket_id, populate_existing=True)
    if ticket is None:
        return None
    customer = session.get(Customer, ticket.customer_id)
    customer_id = ticket.customer_id
    segment: list[str] = []

    def rfm_segment() -> str:
        if not segment:
            segment.append(str(rfm.customer_rfm(session, account, customer_id, today).segment))
        return segment[0]

    return Facts(
        channel=str(ticket.channel),
        inquiry_type=str(ticket.inquiry_type),
        priority=str(ticket.priority),
        status=str(ticket.status),
        team=ticket.team,
        assigned=ticket.assignee_id is not None,
        customer_rank=str(customer.rank) if customer is not None and customer.rank else None,
        text=fold(f"{ticket.subject}\n{change.customer_words()}"),
        in_business_hours=is_open(sla.calendar(policy), change.at),
        segment=rfm_segment,
    )


def _claim(session: Session, rule_id: int, trigger: Trigger, change: Change) -> bool:
    session.add(
        RuleFiring(rule_id=rule_id, ticket_id=change.ticket_id, change_id=change.change_id, rule_name=trigger.name)
    )
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # fired already (an earlier run, or another instance)
        return False
    return True


def _done(session: Session, rule_id: int, change: Change, actions: int) -> None:
    firing = session.get(RuleFiring, (rule_id, change.ticket_id, change.change_id), populate_existing=True)
    assert firing is not None
    firing.done = True
    firing.actions = actions
    session.add(firing)
    session.commit()


def run_triggers(
    session: Session,
    account: Actor,
    change: Change,
    triggers: list[tuple[int, Trigger]],
    *,
    policy: SlaPolicy,
    mailer: Mailer | None,
    now: datetime | None = None,
) -> TriggerReport:
    """Try each trigger on one change, in order, and carry out those whose conditions hold."""
    now = now or utcnow()
    today = sla.local_today(policy, now)
    report = TriggerReport()
    events = change.events()
    for rule_id, trigger in triggers:
        if not events & set(trigger.when):
            continue
        facts = facts_for(session, account, change, policy, today)
        session.rollback()  # end the read: each action below runs in a transaction of its own
        if facts is None or not matches(trigger.conditions, facts):
            continue
        if not _claim(session, rule_id, trigger, change):
            continue
        outcome = apply_trigger(
            session, acting_for(account, trigger.name), change.ticket_id, trigger, policy=policy, mailer=mailer, now=now
        )
        report.fired += 1
        report.actions += len(outcome.changed)
        report.failed += len(outcome.failed)
        report.unsent += outcome.unsent
        told = [name for name in outcome.changed if name != "assignee"]  # the new assignee hears of it anyway
        ticket = session.get(Ticket, change.ticket_id, populate_existing=True)
        if told and ticket is not None:
            changed = ",".join(told)
            notifications.notify(
                session,
                [ticket.assignee_id],
                notifications.RULE,
                ticket_id=change.ticket_id,
                rule=trigger.name,
                changed=changed,
            )
        _done(session, rule_id, change, len(outcome.changed))
    return report
