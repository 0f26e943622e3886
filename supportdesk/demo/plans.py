"""How a ticket's thread unfolds: the steps from the customer's first message to the ticket's current status.

A plan is a list of (gap in seconds, step). Gaps follow how a desk works (a reply within the SLA hours, customers
answering in hours or days, auto-close seven days after resolution); `play` squeezes them proportionally when the
ticket is younger than its plan, so nothing happens after the demo's 'now'.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from supportdesk.demo import wording
from supportdesk.demo.context import DemoContext, jst_date
from supportdesk.demo.threads import Thread
from supportdesk.demo.topics import (
    CLOSE_REASONS,
    ENGLISH_FOLLOW_UPS,
    ENGLISH_REOPEN,
    ENGLISH_REPLIES,
    ENGLISH_THANKS,
    FOLLOW_UPS,
    LEAD_NOTES,
    PROGRESS_REPLIES,
    REOPEN_MESSAGES,
    REOPEN_REASONS,
    THANKS,
    UNASSIGNED_NOTES,
    Topic,
)
from supportdesk.models import Channel, EntryKind, InquiryType, Priority, Status

MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
_FIRST_REPLY = {  # seconds from receipt to the first answer, per priority (most within the default SLA hours)
    Priority.URGENT: (5 * MINUTE, 50 * MINUTE),
    Priority.HIGH: (15 * MINUTE, 3.5 * HOUR),
    Priority.NORMAL: (30 * MINUTE, 7 * HOUR),
    Priority.LOW: (1 * HOUR, 20 * HOUR),
}
_VOICE = (Channel.PHONE, Channel.IN_PERSON)


class Step(NamedTuple):
    gap: float
    kind: EntryKind | Status  # an entry to add, or a status to move to
    actor: int | None
    text: str
    duration: int | None = None


@dataclass
class Scene:
    ctx: DemoContext
    topic: Topic
    channel: Channel
    priority: Priority
    assignee: int | None
    lead: int
    fields: wording.Fields
    english: tuple[str, str, str] | None = None


class Planner:
    def __init__(self, scene: Scene) -> None:
        self.s = scene
        self.rng = scene.ctx.rng
        self.steps: list[Step] = []
        self.agent = scene.assignee
        self.replies = 0  # how far the agent's side of the topic's story has got
        self.answers = 0  # how far the customer's side has got

    def pick(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options)

    def add(
        self, gap: float, kind: EntryKind | Status, actor: int | None, body: str, duration: int | None = None
    ) -> None:
        self.steps.append(Step(gap, kind, actor, body, duration))

    def customer(self, gap: float, body: str, *, first: bool = False) -> None:
        s = self.s
        message = (
            wording.english_message(body, s.fields)
            if s.english
            else wording.customer_message(self.rng, body, s.channel, s.fields, first=first)
        )
        self.add(gap, EntryKind.CUSTOMER_MESSAGE, None, message)

    def reply(self, gap: float, body: str | None = None, *, final: bool = False) -> None:
        """The next answer of the story; the last one of the topic is kept for the reply that resolves it."""
        s = self.s
        story = s.english[1:] if s.english else s.topic.replies
        if body is None:
            if final:
                body = story[-1]
            elif self.replies < len(story) - 1:
                body = story[self.replies]
            else:
                body = self.pick(ENGLISH_REPLIES if s.english else PROGRESS_REPLIES)
        self.replies += 1
        if s.english:
            text = wording.english_reply(body, s.fields)
        else:
            text = wording.agent_reply(self.rng, body, s.channel, s.fields)
        self.add(gap, EntryKind.REPLY, self.agent, text)

    def answer(self, gap: float) -> None:
        """The customer's next message of the story, then generic ones."""
        s = self.s
        story = () if s.english else s.topic.follow_ups
        if self.answers < len(story):
            body = story[self.answers]
        else:
            body = self.pick(ENGLISH_FOLLOW_UPS if s.english else FOLLOW_UPS)
        self.answers += 1
        self.customer(gap, body)

    def call(self, gap: float, seconds: int) -> None:
        text = wording.call_log(self.rng, self.pick(self.s.topic.calls), self.s.fields, seconds)
        self.add(gap, EntryKind.CALL_LOG, self.agent, text, seconds)

    def note(self, gap: float, body: str, author: int | None = None) -> None:
        self.add(gap, EntryKind.INTERNAL_NOTE, author or self.agent, wording.fill(body, self.s.fields))

    def status(self, gap: float, target: Status, reason: str | None, actor: int | None = -1) -> None:
        text = wording.fill(reason, self.s.fields) if reason else ""
        self.add(gap, target, self.agent if actor == -1 else actor, text)

    # --- pieces of a thread -------------------------------------------------------------------------------
    def opening(self) -> None:
        s = self.s
        self.customer(0, s.english[0] if s.english else self.pick(s.topic.openings), first=True)

    def first_response(self) -> None:
        rng = self.rng
        if self.s.channel in _VOICE:
            self.replies += 1  # the first answer was given by voice
        if self.s.channel == Channel.PHONE:
            seconds = rng.randint(120, 1500)
            self.call(seconds, seconds)  # the call log is written when the call ends
            return
        if self.s.channel == Channel.IN_PERSON:  # answered at the counter; the agent writes down what was said
            summary = wording.fill(self.pick(self.s.topic.calls), self.s.fields)
            self.add(rng.uniform(5 * MINUTE, 40 * MINUTE), EntryKind.REPLY, self.agent, f"（窓口対応）{summary}")
            return
        if self.s.channel == Channel.CHAT:
            gap = rng.uniform(1 * MINUTE, 12 * MINUTE)
        else:
            low, high = _FIRST_REPLY[self.s.priority]
            gap = rng.uniform(low, high) * (rng.uniform(1.5, 3.0) if rng.random() < 0.12 else 1.0)
        self.reply(gap)

    def exchange(self) -> None:
        self.answer(self.rng.uniform(1 * HOUR, 2.5 * DAY))
        if self.s.channel == Channel.PHONE and self.rng.random() < 0.5:  # phone customers get called back
            self.replies += 1
            self.call(self.rng.uniform(20 * MINUTE, 20 * HOUR), self.rng.randint(60, 900))
        else:
            self.reply(self.rng.uniform(20 * MINUTE, 20 * HOUR))

    def wait_for_customer(self) -> None:
        """Pending and back: the customer answers, which reopens the ticket, and the agent replies."""
        self.status(self.rng.uniform(1 * MINUTE, 10 * MINUTE), Status.PENDING, self.pick(self.s.topic.waiting))
        self.exchange()

    def hold_and_resume(self) -> None:
        self.note(self.rng.uniform(5 * MINUTE, 2 * HOUR), self.pick(self.s.topic.notes))
        self.status(self.rng.uniform(1 * MINUTE, 30 * MINUTE), Status.ON_HOLD, self.pick(self.s.topic.holds))
        self.status(self.rng.uniform(3 * HOUR, 3 * DAY), Status.OPEN, "確認が取れたため対応再開")
        self.reply(self.rng.uniform(10 * MINUTE, 3 * HOUR))

    def middle(self, most: int) -> None:
        # Most inquiries are settled in one or two exchanges; a few go back and forth.
        for _ in range(self.rng.choices(range(most + 1), weights=(50, 35, 15)[: most + 1])[0]):
            roll = self.rng.random()
            if roll < 0.45:
                self.exchange()
            elif roll < 0.8:
                self.wait_for_customer()
            else:
                self.hold_and_resume()
        if self.rng.random() < 0.3:
            self.note(self.rng.uniform(5 * MINUTE, 5 * HOUR), self.pick(self.s.topic.notes))
        lead_share = 0.4 if self.s.topic.inquiry_type == InquiryType.COMPLAINT else 0.08
        if self.rng.random() < lead_share:
            self.note(self.rng.uniform(30 * MINUTE, 1 * DAY), self.pick(LEAD_NOTES), author=self.s.lead)

    def resolve(self, *, answer: bool = True) -> None:
        if answer:
            self.reply(self.rng.uniform(30 * MINUTE, 1 * DAY), final=True)
        self.status(self.rng.uniform(1 * MINUTE, 2 * HOUR), Status.RESOLVED, self.pick(self.s.topic.resolutions))
        if self.rng.random() < 0.3:
            self.customer(self.rng.uniform(1 * HOUR, 2 * DAY), self.pick(ENGLISH_THANKS if self.s.english else THANKS))

    def reopen(self) -> None:
        reopen = ENGLISH_REOPEN if self.s.english else REOPEN_MESSAGES
        self.customer(self.rng.uniform(1 * DAY, 4 * DAY), self.pick(reopen))
        self.status(self.rng.uniform(10 * MINUTE, 3 * HOUR), Status.OPEN, self.pick(REOPEN_REASONS))

    def close(self) -> None:
        if self.rng.random() < 0.6:  # the desk closes resolved tickets by itself after a week
            self.status(7 * DAY + self.rng.uniform(0, 3 * HOUR), Status.CLOSED, CLOSE_REASONS[0], actor=None)
        else:
            self.status(self.rng.uniform(1 * HOUR, 3 * DAY), Status.CLOSED, self.pick(CLOSE_REASONS[1:]))


def plan(scene: Scene, final: Status) -> list[Step]:
    p = Planner(scene)
    rng = p.rng
    p.opening()
    if final == Status.NEW:
        if rng.random() < 0.3:
            notes = UNASSIGNED_NOTES if scene.assignee is None else scene.topic.notes
            p.note(rng.uniform(5 * MINUTE, 3 * HOUR), p.pick(notes), author=scene.assignee or scene.lead)
        if rng.random() < 0.15:
            p.customer(rng.uniform(10 * MINUTE, 5 * HOUR), p.pick(FOLLOW_UPS))
        return p.steps
    p.first_response()
    quick = scene.channel in _VOICE and scene.topic.inquiry_type == InquiryType.QUESTION and rng.random() < 0.5
    if final == Status.OPEN:
        p.middle(1)
        if rng.random() < 0.06:
            p.resolve()
            p.reopen()
    elif final == Status.PENDING:
        p.middle(1)
        p.status(rng.uniform(1 * MINUTE, 10 * MINUTE), Status.PENDING, p.pick(scene.topic.waiting))
    elif final == Status.ON_HOLD:
        p.middle(1)
        p.note(rng.uniform(5 * MINUTE, 2 * HOUR), p.pick(scene.topic.notes))
        p.status(rng.uniform(1 * MINUTE, 30 * MINUTE), Status.ON_HOLD, p.pick(scene.topic.holds))
    else:
        if quick:  # answered during the call
            p.resolve(answer=False)
        else:
            p.middle(2)
            p.resolve()
        if final == Status.CLOSED:
            if rng.random() < 0.08:
                p.reopen()
                p.resolve()
            p.close()
            if rng.random() < 0.03:  # the customer comes back to a closed case
                p.status(rng.uniform(1 * DAY, 20 * DAY), Status.OPEN, "お客様から再度のお問い合わせ")
                p.exchange()
                p.resolve(answer=False)
                p.close()
    return p.steps


def play(thread: Thread, steps: list[Step], scene: Scene, pending_follow_up: str) -> None:
    """Run the plan into the thread, squeezed to fit between receipt and now."""
    ctx = scene.ctx
    total = sum(step.gap for step in steps)
    room = (ctx.now - thread.t).total_seconds() * 0.92
    scale = min(1.0, room / total) if total > 0 else 1.0
    last_pending = max((i for i, step in enumerate(steps) if step.kind == Status.PENDING), default=-1)
    for index, step in enumerate(steps):
        thread.wait(step.gap * scale)
        if wording.ETA_MARK in step.text:  # a promised date is counted from when it is promised
            eta = jst_date(thread.t) + timedelta(days=ctx.rng.randint(1, 3))
            step = step._replace(text=step.text.replace(wording.ETA_MARK, f"{eta.month}月{eta.day}日"))
        if isinstance(step.kind, Status):
            follow_up = None
            if step.kind == Status.PENDING:
                day = jst_date(thread.t)
                is_final = index == last_pending and index == len(steps) - 1
                follow_up = follow_up_date(ctx, day, pending_follow_up) if is_final else day + timedelta(days=3)
            thread.transition(step.kind, step.actor, step.text or None, follow_up)
        else:
            thread.entry(step.kind, step.actor, step.text, step.duration)


def follow_up_date(ctx: DemoContext, pending_day: date, wanted: str) -> date:
    """The follow-up date of a ticket left pending: overdue, due today, or ahead, as `wanted` asks when possible."""
    today = ctx.today
    if wanted == "overdue" and pending_day < today:
        return pending_day + timedelta(days=ctx.rng.randint(0, (today - pending_day).days - 1))
    if wanted == "future":
        return today + timedelta(days=ctx.rng.randint(1, 10))
    return today
