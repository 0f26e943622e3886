"""Tags on tickets and a few exemplary cases (模範事例), as leads and trainers curate the team's knowledge."""

import json
import random
from datetime import timedelta
from typing import Any

from supportdesk.demo.context import Batch, DemoContext
from supportdesk.demo.threads import Thread
from supportdesk.models import Status
from supportdesk.services.cases import normalise_tags

LESSONS: tuple[str, ...] = (
    "最初の返信で必要な情報をまとめて依頼し、やり取りを最小限にした好例。",
    "お客様の不安に先回りして、到着予定と伝票番号を伝えている。",
    "エスカレーションの判断が早く、解決まで短時間。",
    "社内メモで原因と再発防止策を共有しており、新人研修に使える。",
    "お詫びと事実確認の順序が適切で、クレームを円満に解決。",
)
EXEMPLARY_SHARE = 0.04
NOT_EXEMPLARY: dict[str, Any] = {
    "is_exemplary": False,
    "exemplary_summary": None,
    "exemplary_by_id": None,
    "exemplary_at": None,
}


def curate(
    ctx: DemoContext,
    thread: Thread,
    tags: tuple[str, ...],
    company: bool,
    curators: tuple[tuple[int, str], ...],
) -> dict[str, Any]:
    """Tag some tickets; mark a few resolved ones exemplary. Returns the ticket's exemplary columns."""
    rng: random.Random = ctx.rng
    chosen: list[str] = []
    if tags and rng.random() < 0.35:
        chosen += tags[: rng.randint(1, len(tags))]
    if company and rng.random() < 0.15:
        chosen.append("法人")
    values = dict(NOT_EXEMPLARY)
    if thread.status in (Status.RESOLVED, Status.CLOSED) and thread.resolved_at and rng.random() < EXEMPLARY_SHARE:
        curator_id, curator_login = rng.choice(curators)
        marked = min(ctx.now, thread.resolved_at + timedelta(seconds=rng.randint(2 * 3600, 72 * 3600)))
        values = {
            "is_exemplary": True,
            "exemplary_summary": f"{thread.resolution_note} {rng.choice(LESSONS)}",
            "exemplary_by_id": curator_id,
            "exemplary_at": marked,
        }
        chosen.append("模範事例")
        detail = json.dumps({"tags": normalise_tags(chosen)}, ensure_ascii=False)
        ctx.audit(
            thread.batch, "ticket.exemplary", "ticket", thread.ticket_id, marked, detail, curator_id, curator_login
        )
    add_tags(thread.batch, thread.ticket_id, chosen)
    return values


def add_tags(batch: Batch, ticket_id: int, tags: list[str]) -> None:
    for tag in normalise_tags(tags):
        batch.add("ticket_tag", {"ticket_id": ticket_id, "tag": tag})
