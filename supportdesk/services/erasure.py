"""Erasing a person (削除): the one place where every kind of per-customer data says how it is erased.

A kind of data registers an `erase` step (and, optionally, a `disclose` step for the 開示 export) with `register`.
The core kinds are registered by `services/erasure_core.py`; a module that keeps more per-customer data (mail
records and attachments, for instance) registers its own and adds its module name to PROVIDERS, so
`privacy.anonymise_person` erases it in the same transaction without knowing it exists.

An erase step gets the session and an `Erasure`: who is erased (the customer and every duplicate merged into them),
their tickets, and `scrub(text)`, which replaces the person's values in any form (services/personal_values.py).
It rewrites its rows in place, adds the ids of tickets whose searchable text changed to `touched_tickets`, files to
delete once the transaction commits to `files`, and returns how many rows it changed. It never commits.
"""

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from supportdesk.services.personal_values import PersonalValues

# Modules that register kinds of personal data. Imported on first use, so the core never imports its plug-ins.
PROVIDERS: list[str] = [
    "supportdesk.services.erasure_core",
    "supportdesk.services.drafts",
    "supportdesk.services.mail_erasure",
    "supportdesk.services.records_erasure",
]


@dataclass
class Erasure:
    customer_id: int
    customer_ids: tuple[int, ...]  # the person and every record merged into them
    ticket_ids: tuple[int, ...]  # their tickets
    values: PersonalValues  # every value and form: for the person's own rows
    strong_values: PersonalValues  # full names, readings, e-mail, phones, address: for rows about others
    touched_tickets: set[int] = field(default_factory=set)
    files: list[Path] = field(default_factory=list)

    def scrub(self, text: str | None) -> str | None:
        return self.values.scrub(text)

    def scrub_json(self, text: str | None) -> str | None:
        """A JSON document with the person's values replaced in every string (keys included); not JSON: as text."""
        return scrub_json(text, self.values)

    def scrub_strong_json(self, text: str | None) -> str | None:
        return scrub_json(text, self.strong_values)


def scrub_json(text: str | None, values: PersonalValues) -> str | None:
    if not text:
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return values.scrub(text)
    cleaned = _scrub_data(data, values)
    return text if cleaned == data else json.dumps(cleaned, ensure_ascii=False)


def _scrub_data(data: Any, values: PersonalValues) -> Any:
    if isinstance(data, str):
        return values.scrub(data)
    if isinstance(data, list):
        return [_scrub_data(item, values) for item in data]
    if isinstance(data, dict):
        return {_scrub_data(k, values): _scrub_data(v, values) for k, v in data.items()}
    return data


EraseStep = Callable[[Session, Erasure], int]
# (session, customer ids, ticket ids) -> JSON-ready records for the disclosure export
DiscloseStep = Callable[[Session, tuple[int, ...], tuple[int, ...]], list[dict[str, Any]]]


@dataclass(frozen=True)
class PersonalDataKind:
    name: str
    erase: EraseStep
    disclose: DiscloseStep | None = None
    order: int = 100  # lower runs first: the customer record, whose values the others use, runs last


_KINDS: dict[str, PersonalDataKind] = {}


def register(name: str, erase: EraseStep, disclose: DiscloseStep | None = None, *, order: int = 100) -> None:
    """Say how one kind of per-customer data is erased (and disclosed). Registering a name again replaces it."""
    _KINDS[name] = PersonalDataKind(name, erase, disclose, order)


def kinds() -> list[PersonalDataKind]:
    """Every registered kind, in the order their erase steps run."""
    for module in PROVIDERS:
        importlib.import_module(module)
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.name))


def erase(session: Session, erasure: Erasure) -> dict[str, int]:
    """Run every kind's erase step in one transaction (the caller commits); rows changed per kind."""
    return {kind.name: kind.erase(session, erasure) for kind in kinds()}


def disclose(session: Session, customer_ids: tuple[int, ...], ticket_ids: tuple[int, ...]) -> dict[str, Any]:
    """What the plug-in kinds hold about the person, for the disclosure export (core kinds export themselves)."""
    return {
        kind.name: kind.disclose(session, customer_ids, ticket_ids) for kind in kinds() if kind.disclose is not None
    }
