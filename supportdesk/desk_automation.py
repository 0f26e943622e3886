"""The Desk's calls for what the desk service brings: notifications, rules (triggers and macros), macros applied
by agents, and the service's status. A part of `Desk` (which inherits it), kept apart so desk.py stays small."""

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Concatenate, ParamSpec, TypeVar

from sqlmodel import Session

from supportdesk.config import Settings
from supportdesk.service.status import ServiceStatus, service_status
from supportdesk.services import notifications as notes
from supportdesk.services.actor import Actor
from supportdesk.services.automation import macros, store
from supportdesk.services.automation.definitions import parse_file, to_toml_file
from supportdesk.services.automation.store import ImportResult, RevisionView, RuleView, Source
from supportdesk.services.notifications import DigestSetting, NotificationPulse, NotificationView

T = TypeVar("T")
P = ParamSpec("P")


class AutomationCalls:
    settings: Settings
    actor: Actor

    def _call(self, fn: Callable[Concatenate[Session, Actor, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        raise NotImplementedError  # Desk's

    def _session(self) -> AbstractContextManager[Session]:
        raise NotImplementedError  # Desk's

    # Notifications
    def notification_pulse(self, since_id: int | None) -> NotificationPulse:
        """The app's heartbeat every few seconds: the unread count and what arrived since `since_id`."""
        return self._call(notes.pulse, since_id)

    def notifications(self, *, unread_only: bool = False, limit: int = 200) -> list[NotificationView]:
        return self._call(notes.list_notifications, unread_only=unread_only, limit=limit)

    def mark_notifications_read(self, ids: list[int] | None = None) -> int:
        """Mark these (or all) of the signed-in user's notifications read."""
        return self._call(notes.mark_read, ids)

    def sign_off(self) -> None:
        """The app is closing: the user stops counting as signed in (for round-robin assignment)."""
        self._call(notes.sign_off)

    def digest_setting(self) -> DigestSetting:
        return self._call(notes.digest_setting)

    def set_digest(self, on: bool, email: str | None = None) -> DigestSetting:
        return self._call(notes.set_digest, on, email)

    # Rules: triggers and macros
    def rules(self, kind: str | None = None) -> list[RuleView]:
        return self._call(store.list_rules, kind)

    def save_rule(
        self,
        kind: str,
        text: str,
        *,
        rule_id: int | None = None,
        expected_version: int | None = None,
        source: Source = "app",
    ) -> int:
        return self._call(
            store.save_rule, kind, text, rule_id=rule_id, expected_version=expected_version, source=source
        )

    def set_rule_active(self, rule_id: int, active: bool, expected_version: int | None = None) -> None:
        self._call(store.set_active, rule_id, active, expected_version=expected_version)

    def move_rule(self, rule_id: int, step: int) -> None:
        self._call(store.move_rule, rule_id, step)

    def delete_rule(self, rule_id: int, expected_version: int | None = None) -> None:
        self._call(store.delete_rule, rule_id, expected_version=expected_version)

    def rule_history(self, rule_id: int | None = None, limit: int = 200) -> list[RevisionView]:
        return self._call(store.rule_history, rule_id, limit)

    def export_rules(self) -> str:
        """Every rule as a rules file (TOML)."""
        return to_toml_file(self._call(store.export_rules))

    def import_rules(self, text: str, source: Source = "cli") -> ImportResult:
        """Make the desk's rules what a rules file says (checked whole before anything changes)."""
        return self._call(store.import_rules, parse_file(text), source=source)

    def apply_macro(self, rule_id: int, number: int, expected_version: int | None = None) -> int:
        """Apply a macro to one ticket; returns the ticket's new version."""
        return self._call(
            macros.apply_macro,
            rule_id,
            number,
            expected_version=expected_version,
            policy=self.settings.sla,
            mail=self.settings.mail,
        )

    def apply_macro_bulk(
        self,
        rule_id: int,
        versions: Mapping[int, int | None],
        progress: Callable[[int, int], None] | None = None,
    ) -> macros.MacroResult:
        settings = self.settings
        return self._call(
            macros.apply_macro_bulk, rule_id, versions, policy=settings.sla, progress=progress, mail=settings.mail
        )

    # The desk service
    def service_status(self) -> ServiceStatus:
        with self._session() as session:
            return service_status(session)
