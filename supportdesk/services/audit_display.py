"""How an audit event's action reads to a person (the audit screen, `supportdesk audit`), in the reader's language.

The log stores codes ("customer.view", "ticket.reply"): filters and --json keep them, people read these words.
`tests/supportdesk/test_audit_display.py` fails on a code the services write that has no words here.
"""

import re
from typing import Any

from supportdesk.fields import KIND_LABELS, Kind
from supportdesk.i18n import N_, t, v
from supportdesk.i18n.catalog import JA_VALUES

ACTIONS: dict[str, str] = {
    "auth.sign_in": N_("signed in"),
    "auth.failed": N_("sign-in failed"),
    "auth.locked": N_("sign-in locked"),
    "user.bootstrap": N_("first administrator created"),
    "user.create": N_("user added"),
    "user.enable": N_("user enabled"),
    "user.disable": N_("user disabled"),
    "user.role": N_("role changed"),
    "user.password": N_("password set"),
    "customer.view": N_("customer viewed"),
    "customer.create": N_("customer added"),
    "customer.update": N_("customer changed"),
    "customer.merge": N_("customers merged"),
    "company.view": N_("company viewed"),
    "company.create": N_("company added"),
    "company.update": N_("company changed"),
    "product.create": N_("product added"),
    "purchase.create": N_("purchase recorded"),
    "subscription.create": N_("subscription recorded"),
    "subscription.cancel": N_("subscription cancelled"),
    "ticket.view": N_("ticket viewed"),
    "ticket.create": N_("ticket created"),
    "ticket.update": N_("ticket changed"),
    "ticket.status": N_("status changed"),
    "ticket.assign": N_("ticket assigned"),
    "ticket.tags": N_("tags changed"),
    "ticket.custom": N_("team's fields changed"),
    "ticket.link": N_("tickets linked"),
    "ticket.unlink": N_("link removed"),
    "ticket.merge": N_("ticket merged in"),
    "ticket.merged_into": N_("ticket merged into another"),
    "ticket.bulk": N_("bulk change"),
    "ticket.macro_bulk": N_("macro on a selection"),
    "ticket.automation": N_("rule acted on the ticket"),
    "ticket.exemplary": N_("marked exemplary"),
    "case.view": N_("case read"),
    "case.export": N_("case manual exported"),
    "attachment.open": N_("attachment saved"),
    "attachment.trainer_safe": N_("attachment cleared for trainers"),
    "canned.create": N_("canned response added"),
    "canned.update": N_("canned response changed"),
    "canned.retire": N_("canned response retired"),
    "canned.restore": N_("canned response restored"),
    "custom_field.create": N_("team field added"),
    "custom_field.update": N_("team field changed"),
    "mail.receive": N_("mail received"),
    "mail.queue": N_("mail queued"),
    "mail.resend": N_("mail sent again"),
    "notifications.digest": N_("digest settings changed"),
    "privacy.export": N_("personal data disclosed"),
    "privacy.export_files": N_("personal files disclosed"),
    "privacy.correct": N_("personal data corrected"),
    "privacy.anonymise": N_("personal data erased"),
    "report.renewals": N_("renewals report"),
    "view.save": N_("view saved"),
    "view.delete": N_("view deleted"),
    "desk.backup": N_("desk backed up"),
    "desk.restore": N_("desk restored"),
    "rule.created": N_("rule created"),
    "rule.changed": N_("rule changed"),
    "rule.deleted": N_("rule deleted"),
    "rule.enabled": N_("rule switched on"),
    "rule.disabled": N_("rule switched off"),
    "rule.moved": N_("rule moved"),
}

# What an event is about (its object_type); import and export events name the kind of records (KIND_LABELS).
OBJECTS: dict[str, str] = {
    "ticket": N_("ticket"),
    "customer": N_("customer"),
    "company": N_("company"),
    "user": N_("user"),
    "product": N_("product"),
    "purchase": N_("purchase"),
    "subscription": N_("subscription"),
    "canned_response": N_("canned response"),
    "custom_field": N_("team field"),
    "rule": N_("rule"),
    "report": N_("report"),
    "saved_view": N_("saved view"),
    "desk": N_("desk"),
}


def target_label(object_type: str, object_id: int | None) -> str:
    """ "customer 12" / 「顧客 12」: what an event is about."""
    if object_type in OBJECTS:
        name = t(OBJECTS[object_type])
    elif object_type in {k.value for k in Kind}:
        name = t(KIND_LABELS[Kind(object_type)])
    else:
        name = object_type
    return f"{name} {object_id}" if object_id is not None else name


def action_label(code: str) -> str:
    """The words for an audit action; a code without words (a newer desk's) is shown as it is."""
    if code in ACTIONS:
        return t(ACTIONS[code])
    area, _, rest = code.partition(".")
    if area == "ticket" and rest in {"reply", "internal_note", "call_log", "customer_message"}:
        return t("{kind} added", kind=v(rest))  # an entry written on a ticket (tickets.add_entry)
    if area in ("import", "export") and rest in {k.value for k in Kind}:
        what = t(KIND_LABELS[Kind(rest)])
        return t("imported: {kind}", kind=what) if area == "import" else t("exported: {kind}", kind=what)
    return code


# The details an event keeps (audit.record's keyword arguments), named in the reader's language.
DETAILS: dict[str, str] = {
    "added": N_("added"),
    "attachment": N_("attachment"),
    "by": N_("by"),
    "cases": N_("cases"),
    "category": N_("category"),
    "changed": N_("changed"),
    "chars": N_("characters"),
    "created": N_("created"),
    "customer": N_("customer"),
    "customers": N_("customers"),
    "days": N_("days"),
    "encoding": N_("encoding"),
    "encrypted": N_("encrypted"),
    "entries": N_("entries"),
    "entry": N_("entry"),
    "failed": N_("failed"),
    "fields": N_("fields"),
    "fields_from_merged": N_("fields from the merged record"),
    "file": N_("file"),
    "from": N_("from"),
    "holds": N_("holds"),
    "into": N_("into"),
    "kind": N_("kind"),
    "login": N_("login"),
    "mail": N_("mail"),
    "masked": N_("masked"),
    "merged": N_("merged"),
    "merged_records": N_("merged records"),
    "on": N_("on"),
    "os_user": N_("OS user"),
    "pages": N_("pages"),
    "priority": N_("priority"),
    "reason": N_("reason"),
    "reason_chars": N_("characters of the reason"),
    "removed": N_("removed"),
    "revision": N_("revision"),
    "role": N_("role"),
    "rows": N_("rows"),
    "safe": N_("safe"),
    "shared": N_("shared"),
    "skipped": N_("skipped"),
    "sku": N_("product code"),
    "source": N_("source"),
    "subject": N_("subject"),
    "tags": N_("tags"),
    "team": N_("team"),
    "tickets": N_("tickets"),
    "to": N_("to"),
    "unchanged": N_("unchanged"),
    "updated": N_("updated"),
    "users_needing_a_password": N_("users needing a password"),
}


def _detail_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, str) and value in JA_VALUES:  # a status, priority, role … the desk's own words
        return v(value)
    if isinstance(value, str) and (length := re.fullmatch(r"(\d+) chars", value)):  # a subject's length, not its text
        return t("{count} characters", count=length.group(1))
    if isinstance(value, list | tuple):
        return ", ".join(_detail_value(item) for item in value)
    return str(value)


def detail_text(detail: dict[str, Any]) -> str:
    """ "priority=high" / 「優先度=高」: an event's details; a key without words (a newer desk's) as it is."""
    return " ".join(f"{t(DETAILS[k]) if k in DETAILS else k}={_detail_value(value)}" for k, value in detail.items())
