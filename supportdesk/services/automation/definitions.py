"""What a trigger or a macro says, read and checked from a TOML file, the app's editor or the database (pure).

A rules file (also the editor's text for one rule) looks like this:

```toml
[[trigger]]
name = "VIP のクレームは高優先度で東京へ"
when = ["created"]                 # created | updated | customer_replied
[trigger.if]                       # every condition given must hold; a list means "any of these"
channel = ["email", "phone"]
inquiry_type = ["complaint"]
priority = ["low", "normal"]
status = ["new"]
customer_rank = ["vip"]
rfm_segment = ["champion", "loyal"]
words = ["返金", "解約"]             # any of these in the subject or the customer's words (width and case folded)
business_hours = false             # true: only in business hours; false: only outside them
team = ["東京サポート"]
assigned = false                   # true: has an assignee; false: nobody has it
[trigger.then]
assign_team = "東京サポート"        # to an agent of the team who is signed in …
assign_by = "round_robin"          # … in turn, or "least_loaded" (fewest open tickets)
assign_agent = "suzuki"            # or to this agent
priority = "high"
inquiry_type = "complaint"
tags = ["vip"]
note = "VIP のお客様です。折り返しは30分以内に。"
acknowledge = "お問い合わせを受け付けました(#{number})。"   # a mail to the customer ({number}, {subject})

[[macro]]
name = "返品の案内を送って保留"
key = "1"                          # the key that applies it in the macro picker (1–9)
reply = "{customer_name} 様\n返品の手順は…"   # canned.render placeholders
note = "返品手順を案内済み"
status = "pending"
follow_up_days = 3                 # business days until the follow-up date (pending needs one)
priority = "normal"
tags = ["返品"]
remove_tags = ["未対応"]
```
"""

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from supportdesk.errors import Invalid
from supportdesk.i18n import msg
from supportdesk.models import Channel, CustomerRank, InquiryType, Priority, Status
from supportdesk.normalize import clean
from supportdesk.services.cases import normalise_tags
from supportdesk.services.rfm import Segment
from supportdesk.untrusted import MAX_NOTE, check_block, check_line

KINDS = ("trigger", "macro")
EVENTS = ("created", "updated", "customer_replied")
ASSIGN_BY = ("round_robin", "least_loaded")
MAX_NAME = 100
MAX_WORDS = 50
MAX_TAGS = 20
MAX_TAG = 50
MAX_TEAM = 100
MAX_FOLLOW_UP_DAYS = 90
MACRO_KEYS = tuple("123456789")


@dataclass(frozen=True)
class Conditions:
    channel: tuple[str, ...] = ()
    inquiry_type: tuple[str, ...] = ()
    priority: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    customer_rank: tuple[str, ...] = ()
    rfm_segment: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    business_hours: bool | None = None
    team: tuple[str, ...] = ()
    assigned: bool | None = None


@dataclass(frozen=True)
class TriggerActions:
    assign_team: str | None = None
    assign_by: str = "round_robin"
    assign_agent: str | None = None
    priority: str | None = None
    inquiry_type: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    acknowledge: str | None = None

    def count(self) -> int:
        """How many separate actions this is (assignment, fields, tags, note, mail)."""
        return sum(
            bool(x)
            for x in (
                self.assign_team or self.assign_agent,
                self.priority or self.inquiry_type,
                self.tags,
                self.note,
                self.acknowledge,
            )
        )


@dataclass(frozen=True)
class Trigger:
    name: str
    when: tuple[str, ...] = ("created",)
    conditions: Conditions = field(default_factory=Conditions)
    actions: TriggerActions = field(default_factory=TriggerActions)
    active: bool = True


@dataclass(frozen=True)
class Macro:
    name: str
    key: str | None = None
    reply: str | None = None
    note: str | None = None
    status: str | None = None
    follow_up_days: int | None = None
    priority: str | None = None
    tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    active: bool = True


Rule = Trigger | Macro

_CHOICES: dict[str, tuple[str, ...]] = {
    "channel": tuple(Channel),
    "inquiry_type": tuple(InquiryType),
    "priority": tuple(Priority),
    "status": tuple(Status),
    "customer_rank": tuple(CustomerRank),
    "rfm_segment": tuple(Segment),
}


def _keys(raw: Mapping[str, Any], known: Iterable[str], where: str) -> None:
    names = list(known)
    unknown = sorted(set(raw) - set(names))
    if unknown:
        raise Invalid(
            where, msg("unknown setting(s) {names}; known: {known}", names=", ".join(unknown), known=", ".join(names))
        )


def _text(value: object, where: str, limit: int, *, block: bool = False) -> str:
    if not isinstance(value, str):
        raise Invalid(where, msg("must be text in quotes"))
    text = check_block(where, value, limit) if block else check_line(where, value, limit)
    if not text:
        raise Invalid(where, msg("must not be empty"))
    return text


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid(where, msg("must be true or false"))
    return value


def _strings(value: object, where: str, limit: int, most: int) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise Invalid(where, msg("must be a list of texts in quotes"))
    if len(value) > most:
        raise Invalid(where, msg("at most {limit} items", limit=most))
    return tuple(dict.fromkeys(_text(item, where, limit) for item in value))


def _choices(value: object, where: str, name: str) -> tuple[str, ...]:
    given = _strings(value, where, 40, 20)
    allowed = _CHOICES[name]
    for item in given:
        if item not in allowed:
            raise Invalid(where, msg("{value!r} is not one of {choices}", value=item, choices=", ".join(allowed)))
    return given


def _choice(value: object, where: str, name: str) -> str:
    if isinstance(value, list):
        raise Invalid(where, msg("must be one value, not a list"))
    return _choices(value, where, name)[0]


def _tags(value: object, where: str) -> tuple[str, ...]:
    # The same tags the ticket's tag field would make of them (width, case, '#' and separators).
    return tuple(normalise_tags(_strings(value, where, MAX_TAG, MAX_TAGS)))


def _conditions(raw: object, where: str) -> Conditions:
    if not isinstance(raw, dict):
        raise Invalid(where, msg("must be a table"))
    _keys(raw, Conditions.__dataclass_fields__, where)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        key = f"{where}.{name}"
        if name in _CHOICES:
            values[name] = _choices(value, key, name)
        elif name == "words":
            values[name] = tuple(dict.fromkeys(clean(w).lower() for w in _strings(value, key, 100, MAX_WORDS)))
        elif name == "team":
            values[name] = _strings(value, key, MAX_TEAM, 20)
        else:  # business_hours, assigned
            values[name] = _flag(value, key)
    return Conditions(**values)


def _trigger_actions(raw: object, where: str) -> TriggerActions:
    if not isinstance(raw, dict) or not raw:
        raise Invalid(where, msg("a trigger needs at least one action"))
    _keys(raw, TriggerActions.__dataclass_fields__, where)
    values: dict[str, Any] = {}
    for name, value in raw.items():
        key = f"{where}.{name}"
        if name in ("priority", "inquiry_type"):
            values[name] = _choice(value, key, name)
        elif name == "assign_by":
            if value not in ASSIGN_BY:
                raise Invalid(key, msg('must be "round_robin" or "least_loaded"'))
            values[name] = value
        elif name == "tags":
            values[name] = _tags(value, key)
        elif name in ("note", "acknowledge"):
            values[name] = _text(value, key, MAX_NOTE, block=True)
        elif name == "assign_team":
            values[name] = _text(value, key, MAX_TEAM)
        else:  # assign_agent
            values[name] = _text(value, key, 64)
    if "assign_team" in values and "assign_agent" in values:
        raise Invalid(where, msg("assign to a team or to an agent, not both"))
    if "assign_by" in values and "assign_team" not in values:
        raise Invalid(f"{where}.assign_by", msg("goes with assign_team"))
    return TriggerActions(**values)


def _name(raw: Mapping[str, Any], where: str) -> str:
    if "name" not in raw:
        raise Invalid(where, msg("every rule needs a name"))
    return _text(raw["name"], f"{where}.name", MAX_NAME)


def parse_trigger(raw: object, where: str = "trigger") -> Trigger:
    if not isinstance(raw, dict):
        raise Invalid(where, msg("must be a table"))
    _keys(raw, ("name", "active", "when", "if", "then"), where)
    name = _name(raw, where)
    when: tuple[str, ...] = ("created",)
    if "when" in raw:
        when = _strings(raw["when"], f"{where}.when", 20, 3)
        for event in when:
            if event not in EVENTS:
                known = msg("{value!r} is not one of {choices}", value=event, choices=", ".join(EVENTS))
                raise Invalid(f"{where}.when", known)
    return Trigger(
        name=name,
        when=when,
        conditions=_conditions(raw.get("if", {}), f"{where}.if"),
        actions=_trigger_actions(raw.get("then"), f"{where}.then"),
        active=_flag(raw.get("active", True), f"{where}.active"),
    )


def parse_macro(raw: object, where: str = "macro") -> Macro:
    if not isinstance(raw, dict):
        raise Invalid(where, msg("must be a table"))
    _keys(raw, Macro.__dataclass_fields__, where)
    values: dict[str, Any] = {"name": _name(raw, where)}
    for name, value in raw.items():
        key = f"{where}.{name}"
        if name in ("name",):
            continue
        if name == "active":
            values[name] = _flag(value, key)
        elif name == "key":
            if value not in MACRO_KEYS:
                raise Invalid(key, msg("must be one of the keys 1 to 9"))
            values[name] = value
        elif name in ("reply", "note"):
            values[name] = _text(value, key, MAX_NOTE, block=True)
        elif name in ("status", "priority"):
            values[name] = _choice(value, key, name)
        elif name == "follow_up_days":
            if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_FOLLOW_UP_DAYS):
                raise Invalid(key, msg("must be a whole number of days from 1 to {most}", most=MAX_FOLLOW_UP_DAYS))
            values[name] = value
        else:  # tags, remove_tags
            values[name] = _tags(value, key)
    macro = Macro(**values)
    if macro.status == Status.PENDING and macro.follow_up_days is None:
        raise Invalid(f"{where}.follow_up_days", msg("a macro that sets pending needs follow_up_days"))
    if macro.follow_up_days is not None and macro.status != Status.PENDING:
        raise Invalid(f"{where}.follow_up_days", msg('goes with status = "pending"'))
    if macro.status == Status.RESOLVED and not (macro.reply or macro.note):
        raise Invalid(f"{where}.status", msg("a macro that resolves needs a reply or a note (the resolution note)"))
    if not any((macro.reply, macro.note, macro.status, macro.priority, macro.tags, macro.remove_tags)):
        raise Invalid(where, msg("a macro needs at least one change"))
    return macro


def parse(kind: str, raw: object, where: str | None = None) -> Rule:
    return parse_trigger(raw, where or kind) if kind == "trigger" else parse_macro(raw, where or kind)


@dataclass(frozen=True)
class RuleSet:
    triggers: tuple[Trigger, ...] = ()
    macros: tuple[Macro, ...] = ()


def _no_twins(rules: Iterable[Rule], kind: str) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise Invalid(kind, msg("two rules are named {name!r}", name=rule.name))
        seen.add(rule.name)


def parse_file(text: str, where: str = "rules") -> RuleSet:
    """A rules file: [[trigger]] and [[macro]] tables, in the order they run (triggers) or are listed (macros)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(where, msg("not valid TOML ({problem})", problem=str(exc))) from exc
    _keys(raw, KINDS, where)
    for kind in KINDS:
        if kind in raw and not isinstance(raw[kind], list):
            raise Invalid(f"{where}: {kind}", msg("write each one as [[{kind}]]", kind=kind))
    triggers = tuple(parse_trigger(t, f"{where}: trigger {i + 1}") for i, t in enumerate(raw.get("trigger", [])))
    macros = tuple(parse_macro(m, f"{where}: macro {i + 1}") for i, m in enumerate(raw.get("macro", [])))
    _no_twins(triggers, "trigger")
    _no_twins(macros, "macro")
    keys = [m.key for m in macros if m.key]
    if len(keys) != len(set(keys)):
        raise Invalid(where, msg("two macros use the same key"))
    return RuleSet(triggers, macros)


def parse_one(kind: str, text: str) -> Rule:
    """The editor's text for one rule: the table's keys at the top level (name = …, [if], [then] …)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(kind, msg("not valid TOML ({problem})", problem=str(exc))) from exc
    return parse(kind, raw)


# ---- back to data: JSON in the database, TOML in files and the editor --------------------------------------


def _pruned(values: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v != defaults.get(k)}


def to_data(rule: Rule) -> dict[str, Any]:
    """The rule as the table of a rules file (only what differs from the defaults; name first)."""
    if isinstance(rule, Trigger):
        data: dict[str, Any] = {"name": rule.name}
        if not rule.active:
            data["active"] = False
        if rule.when != ("created",):
            data["when"] = list(rule.when)
        conditions = _pruned(asdict(rule.conditions), asdict(Conditions()))
        if conditions:
            data["if"] = conditions
        data["then"] = _pruned(asdict(rule.actions), asdict(TriggerActions()))
        if rule.actions.assign_team and "assign_by" not in data["then"]:
            data["then"]["assign_by"] = rule.actions.assign_by
        return data
    macro = _pruned(asdict(rule), asdict(Macro(name="")))
    return {"name": rule.name, **{k: v for k, v in macro.items() if k != "name"}}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value)
    if "\n" in text:
        body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        return f'"""\n{body}"""' if not body.endswith('"') else f'"""\n{body}\n"""'
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{escaped}"'


def _toml_lines(data: Mapping[str, Any], prefix: str) -> list[str]:
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, dict)]
    for k, v in data.items():
        if isinstance(v, dict):
            lines += ["", f"[{prefix}{k}]"] + [f"{kk} = {_toml_value(vv)}" for kk, vv in v.items()]
    return lines


def to_toml_one(rule: Rule) -> str:
    """One rule as the editor shows it (what `parse_one` reads back)."""
    return "\n".join(_toml_lines(to_data(rule), "")) + "\n"


def to_toml_file(rules: RuleSet) -> str:
    """Every rule as a rules file (what `parse_file` reads back), triggers in the order they run."""
    parts = []
    for kind, items in (("trigger", rules.triggers), ("macro", rules.macros)):
        for rule in items:
            parts.append("\n".join([f"[[{kind}]]", *_toml_lines(to_data(rule), f"{kind}.")]))
    return "\n\n".join(parts) + ("\n" if parts else "")
