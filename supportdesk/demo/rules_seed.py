"""The demo desk's rules: two macros the agents use with one key, and a trigger a lead can switch on.

The trigger starts switched off so the demo desk behaves as a desk with no rules until a lead decides otherwise
(and the week the service tests simulate on the demo desk stays the same).
"""

from supportdesk.demo.context import Batch, DemoContext
from supportdesk.services.automation.definitions import Rule, parse_file
from supportdesk.services.automation.store import definition_json

SEED = """
[[trigger]]
name = "返金の語は請求へ"
active = false
when = ["created"]
[trigger.if]
words = ["返金", "二重請求"]
[trigger.then]
inquiry_type = "billing"
tags = ["返金"]

[[macro]]
name = "返品案内"
key = "1"
reply = "{customer_name} 様\\n\\n返品の手順をご案内します。同梱の返送伝票にてご返送ください。\\n担当 {agent_name}"
status = "pending"
follow_up_days = 7
tags = ["返品"]

[[macro]]
name = "再設定URL送付"
key = "2"
reply = "{customer_name} 様\\n\\nパスワード再設定用のURLをお送りしました。30分以内に手続きをお願いいたします。"
status = "pending"
follow_up_days = 3
"""


def rule_rows(ctx: DemoContext, batch: Batch) -> None:
    """The seed as rules the lead wrote a while ago, each with its first revision (the rules history)."""
    rules = parse_file(SEED, "demo rules")
    written = ctx.days_ago(200)
    lead = ctx.user_ids.get("takahashi")
    groups: tuple[tuple[str, tuple[Rule, ...]], ...] = (("trigger", rules.triggers), ("macro", rules.macros))
    for kind, group in groups:
        for position, rule in enumerate(group, start=1):
            rule_id = ctx.ids.next("automation_rule")
            row = {
                "kind": kind,
                "name": rule.name,
                "position": position,
                "active": rule.active,
                "definition": definition_json(rule),
            }
            batch.add(
                "automation_rule",
                {
                    "id": rule_id,
                    **row,
                    "created_at": written,
                    "updated_at": written,
                    "updated_by_id": lead,
                    "version": 1,
                },
            )
            batch.add(
                "rule_revision",
                {
                    "id": ctx.ids.next("rule_revision"),
                    "rule_id": rule_id,
                    **{k: v for k, v in row.items() if k != "active"},
                    "change": "created",
                    "active": rule.active,
                    "source": "app",
                    "actor_id": lead,
                    "at": written,
                },
            )
