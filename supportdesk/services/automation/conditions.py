"""Whether a trigger's conditions hold for a ticket as it is now (pure: the facts are gathered by triggers.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from supportdesk.normalize import clean
from supportdesk.services.automation.definitions import Conditions
from supportdesk.services.sla import BusinessCalendar


def fold(text: str) -> str:
    """Width and case folded (ＶＩＰ = vip, ﾍﾝｷﾝ = ヘンキン), as the rules' words are."""
    return clean(text).lower()


def is_open(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Whether the desk is working at `moment` (a business day, within business hours)."""
    local = moment.astimezone(calendar.zone)
    if not calendar.is_business_day(local.date()):
        return False
    opens, closes = calendar.window(local.date())
    return opens <= local < closes


@dataclass(frozen=True)
class Facts:
    channel: str
    inquiry_type: str
    priority: str
    status: str
    team: str | None
    assigned: bool
    customer_rank: str | None
    text: str  # the subject and the customer's words of the change, folded
    in_business_hours: bool
    segment: Callable[[], str]  # RFM segment, worked out only when a rule asks


def matches(conditions: Conditions, facts: Facts) -> bool:
    """Every condition given holds (a list: any of its values)."""
    c = conditions
    plain = (
        (c.channel, facts.channel),
        (c.inquiry_type, facts.inquiry_type),
        (c.priority, facts.priority),
        (c.status, facts.status),
        (c.team, facts.team),
        (c.customer_rank, facts.customer_rank),
    )
    if any(wanted and have not in wanted for wanted, have in plain):
        return False
    if c.business_hours is not None and c.business_hours != facts.in_business_hours:
        return False
    if c.assigned is not None and c.assigned != facts.assigned:
        return False
    if c.words and not any(word in facts.text for word in c.words):
        return False
    return not (c.rfm_segment and facts.segment() not in c.rfm_segment)
