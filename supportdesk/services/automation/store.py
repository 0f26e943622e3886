"""Keeping the rules: leads create, change, switch off, reorder and delete triggers and macros, in the app, with the
CLI or through a rules file. Every change writes a revision (the rule as it now is) and an audit event, so who
changed which rule, when and to what is always on record."""

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from sqlalchemy import func
from sqlmodel import Session, col, select

from supportdesk.errors import Invalid, NotFound
from supportdesk.i18n import msg
from supportdesk.models import AutomationRule, RuleFiring, RuleRevision, User
from supportdesk.models.base import utcnow
from supportdesk.services import audit
from supportdesk.services.actor import Action, Actor, require
from supportdesk.services.automation.definitions import (
    KINDS,
    Macro,
    Rule,
    RuleSet,
    Trigger,
    parse,
    parse_one,
    to_data,
    to_toml_one,
)
from supportdesk.services.unit import commit

Source = Literal["app", "cli", "file"]


@dataclass(frozen=True)
class RuleView:
    id: int
    kind: str
    name: str
    position: int
    active: bool
    rule: Rule
    text: str  # the rule as the editor shows it (TOML)
    version: int
    updated_at: datetime
    updated_by: str | None
    fired: int = 0  # triggers: how many changes it answered
    last_fired_at: datetime | None = None


@dataclass(frozen=True)
class RevisionView:
    id: int
    rule_id: int
    kind: str
    name: str
    change: str
    source: str
    actor_login: str | None
    at: datetime
    text: str


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise Invalid("kind", msg("{value!r} is not one of {choices}", value=kind, choices=", ".join(KINDS)))
    return kind


def rule_of(row: AutomationRule) -> Rule:
    """The rule a row holds (its definition was checked when it was saved)."""
    data = {"name": row.name, "active": row.active, **json.loads(row.definition)}
    return parse(row.kind, data)


def definition_json(rule: Rule) -> str:
    data = to_data(rule)
    data.pop("name", None)
    data.pop("active", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _revise(session: Session, actor: Actor, row: AutomationRule, change: str, source: Source) -> None:
    assert row.id is not None
    revision = RuleRevision(
        rule_id=row.id,
        kind=row.kind,
        name=row.name,
        change=change,
        definition=row.definition,
        active=row.active,
        position=row.position,
        source=source,
        actor_id=actor.id,
    )
    session.add(revision)
    session.flush()
    # Ids, not the rule's words: the revision holds those.
    audit.record(session, actor, f"rule.{change}", "rule", row.id, kind=row.kind, revision=revision.id, source=source)


def _row(session: Session, rule_id: int, expected_version: int | None) -> AutomationRule:
    row = session.get(AutomationRule, rule_id, populate_existing=True)
    if row is None:
        raise NotFound(msg("There is no rule {rule}.", rule=rule_id))
    if expected_version is not None and row.version != expected_version:
        raise Invalid("rule", msg("someone changed this rule since you opened it; open it again"))
    return row


def _name_taken(session: Session, kind: str, name: str, but: int | None) -> bool:
    query = select(AutomationRule.id).where(AutomationRule.kind == kind, AutomationRule.name == name)
    found = session.exec(query).first()
    return found is not None and found != but


def _save(session: Session) -> None:
    commit(session, lambda: str(msg("someone changed this rule since you opened it; open it again")))


def _put(
    session: Session, actor: Actor, kind: str, rule: Rule, rule_id: int | None, expected: int | None, source: Source
) -> tuple[AutomationRule, str | None]:
    """Create or change one rule (uncommitted); returns the row and the change written (None: nothing changed)."""
    if _name_taken(session, kind, rule.name, rule_id):
        if kind == "trigger":
            raise Invalid("name", msg("a trigger named {name!r} exists already", name=rule.name))
        raise Invalid("name", msg("a macro named {name!r} exists already", name=rule.name))
    definition = definition_json(rule)
    if isinstance(rule, Macro) and rule.key:
        for other in session.exec(select(AutomationRule).where(AutomationRule.kind == "macro")).all():
            if other.id != rule_id and isinstance(theirs := rule_of(other), Macro) and theirs.key == rule.key:
                taken = msg("the macro {name!r} already uses the key {key}", name=other.name, key=rule.key)
                raise Invalid("key", taken)
    if rule_id is None:
        last = session.exec(select(func.max(AutomationRule.position)).where(AutomationRule.kind == kind)).one()
        row = AutomationRule(
            kind=kind,
            name=rule.name,
            position=(last or 0) + 1,
            active=rule.active,
            definition=definition,
            updated_by_id=actor.id,
        )
        session.add(row)
        session.flush()
        _revise(session, actor, row, "created", source)
        return row, "created"
    row = _row(session, rule_id, expected)
    if row.kind != kind:
        raise Invalid("kind", msg("a rule keeps its kind"))
    if (row.name, row.active, row.definition) == (rule.name, rule.active, definition):
        return row, None
    row.name, row.active, row.definition = rule.name, rule.active, definition
    row.updated_at, row.updated_by_id = utcnow(), actor.id
    session.add(row)
    session.flush()
    _revise(session, actor, row, "changed", source)
    return row, "changed"


def save_rule(
    session: Session,
    actor: Actor,
    kind: str,
    text: str,
    *,
    rule_id: int | None = None,
    expected_version: int | None = None,
    source: Source = "app",
) -> int:
    """Create (rule_id None) or change a rule from its editor text; returns its id."""
    require(actor, Action.MANAGE_RULES)
    rule = parse_one(_kind(kind), text)
    row, _change = _put(session, actor, kind, rule, rule_id, expected_version, source)
    assert row.id is not None
    rule_id = row.id
    _save(session)
    return rule_id


def set_active(
    session: Session, actor: Actor, rule_id: int, active: bool, *, expected_version: int | None = None
) -> None:
    """Switch a rule on or off (it keeps its place and its history)."""
    require(actor, Action.MANAGE_RULES)
    row = _row(session, rule_id, expected_version)
    if row.active == active:
        return
    row.active, row.updated_at, row.updated_by_id = active, utcnow(), actor.id
    session.add(row)
    _revise(session, actor, row, "enabled" if active else "disabled", "app")
    _save(session)


def move_rule(session: Session, actor: Actor, rule_id: int, step: int) -> None:
    """Move a rule up (step -1) or down (+1) in its list: triggers run in this order."""
    require(actor, Action.MANAGE_RULES)
    row = _row(session, rule_id, None)
    rows = list(
        session.exec(
            select(AutomationRule)
            .where(AutomationRule.kind == row.kind)
            .order_by(col(AutomationRule.position), col(AutomationRule.id))
        ).all()
    )
    at = next(i for i, r in enumerate(rows) if r.id == rule_id)
    to = max(0, min(len(rows) - 1, at + step))
    if to == at:
        return
    rows.insert(to, rows.pop(at))
    for position, each in enumerate(rows, start=1):
        if each.position != position:
            each.position = position
            session.add(each)
    session.flush()
    _revise(session, actor, row, "moved", "app")
    _save(session)


def delete_rule(session: Session, actor: Actor, rule_id: int, *, expected_version: int | None = None) -> None:
    """Delete a rule; its revisions stay, the last one saying what it was."""
    require(actor, Action.MANAGE_RULES)
    row = _row(session, rule_id, expected_version)
    _revise(session, actor, row, "deleted", "app")
    session.delete(row)
    _save(session)


def _fired(session: Session) -> dict[int, tuple[int, datetime | None]]:
    query = select(RuleFiring.rule_id, func.count(), func.max(RuleFiring.fired_at)).group_by(col(RuleFiring.rule_id))
    return {rule_id: (int(n), last) for rule_id, n, last in session.exec(query).all()}


def _view(row: AutomationRule, by: str | None, fired: tuple[int, datetime | None]) -> RuleView:
    assert row.id is not None
    rule = rule_of(row)
    return RuleView(
        id=row.id,
        kind=row.kind,
        name=row.name,
        position=row.position,
        active=row.active,
        rule=rule,
        text=to_toml_one(rule),
        version=row.version,
        updated_at=row.updated_at,
        updated_by=by,
        fired=fired[0],
        last_fired_at=fired[1],
    )


def list_rules(session: Session, actor: Actor, kind: str | None = None) -> list[RuleView]:
    """Triggers in the order they run, then macros (everyone who works tickets may read them)."""
    require(actor, Action.WORK_TICKETS)
    query = select(AutomationRule, User.name).outerjoin(User, col(User.id) == AutomationRule.updated_by_id)
    if kind is not None:
        query = query.where(AutomationRule.kind == _kind(kind))
    query = query.order_by(col(AutomationRule.kind).desc(), col(AutomationRule.position), col(AutomationRule.id))
    fired = _fired(session)
    return [_view(row, by, fired.get(row.id or 0, (0, None))) for row, by in session.exec(query).all()]


def active_triggers(session: Session) -> list[tuple[int, Trigger]]:
    """The triggers that run, in order (for the desk service)."""
    query = (
        select(AutomationRule)
        .where(AutomationRule.kind == "trigger", col(AutomationRule.active).is_(True))
        .order_by(col(AutomationRule.position), col(AutomationRule.id))
    )
    found = []
    for row in session.exec(query).all():
        rule = rule_of(row)
        assert row.id is not None and isinstance(rule, Trigger)
        found.append((row.id, rule))
    return found


def rule_history(session: Session, actor: Actor, rule_id: int | None = None, limit: int = 200) -> list[RevisionView]:
    """Every change to the rules (or to one rule), newest first."""
    require(actor, Action.MANAGE_RULES)
    query = select(RuleRevision, User.login).outerjoin(User, col(User.id) == RuleRevision.actor_id)
    if rule_id is not None:
        query = query.where(RuleRevision.rule_id == rule_id)
    rows = session.exec(query.order_by(col(RuleRevision.id).desc()).limit(limit)).all()
    views = []
    for rev, login in rows:
        assert rev.id is not None
        data = {"name": rev.name, "active": rev.active, **json.loads(rev.definition)}
        views.append(
            RevisionView(
                rev.id,
                rev.rule_id,
                rev.kind,
                rev.name,
                rev.change,
                rev.source,
                login,
                rev.at,
                to_toml_one(parse(rev.kind, data)),
            )
        )
    return views


def export_rules(session: Session, actor: Actor) -> RuleSet:
    """Every rule, as a rules file holds them."""
    require(actor, Action.MANAGE_RULES)
    rows = list_rules(session, actor)
    triggers = tuple(r.rule for r in rows if isinstance(r.rule, Trigger))
    macros = tuple(r.rule for r in rows if isinstance(r.rule, Macro))
    return RuleSet(triggers, macros)


def import_rules(session: Session, actor: Actor, rules: RuleSet, *, source: Source = "cli") -> ImportResult:
    """Make the desk's rules what `rules` says, in one transaction: rules are matched by kind and name, those the
    file does not name are deleted, and the triggers take the file's order. Each change is a revision."""
    require(actor, Action.MANAGE_RULES)
    counts = {"created": 0, "changed": 0, "deleted": 0, "unchanged": 0}
    lists: tuple[tuple[str, tuple[Rule, ...]], ...] = (("trigger", rules.triggers), ("macro", rules.macros))
    for kind, wanted in lists:
        have = {r.name: r for r in session.exec(select(AutomationRule).where(AutomationRule.kind == kind)).all()}
        names = {rule.name for rule in wanted}
        for name, row in have.items():
            if name not in names:
                _revise(session, actor, row, "deleted", source)
                session.delete(row)
                counts["deleted"] += 1
        session.flush()
        for rule in wanted:
            existing = have.get(rule.name)
            # Keys move between macros in one file: free them first, so the order of the file does not matter.
            if isinstance(rule, Macro) and existing is not None:
                old = rule_of(existing)
                if isinstance(old, Macro) and old.key and old.key != rule.key:
                    existing.definition = definition_json(replace(old, key=None))
                    session.add(existing)
        session.flush()
        for position, rule in enumerate(wanted, start=1):
            existing = have.get(rule.name)
            row, change = _put(session, actor, kind, rule, existing.id if existing else None, None, source)
            if row.position != position:
                row.position = position
                session.add(row)
                if change is None:
                    change = "moved"
                    _revise(session, actor, row, change, source)
            counts["changed" if change == "moved" else change or "unchanged"] += 1
    commit(session, lambda: str(msg("someone changed the rules meanwhile; import again")))
    return ImportResult(**counts)
