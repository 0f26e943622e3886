"""The disclosure document (開示): what `privacy export --text` writes, a document a person reads in the desk's
language, with labels for every field, dates as dates and yes/no for the flags; no field names or 'None'."""

from datetime import date, datetime
from typing import Any

from supportdesk import clock
from supportdesk.i18n import N_, field_label, knows, pN_, t, v
from supportdesk.services.audit_display import action_label
from supportdesk.services.entry_display import system_body

# The customer record's fields in the order a person reads them, with their labels. Bookkeeping (ids, versions,
# lookup keys, the merge pointer) is left out.
_CUSTOMER_FIELDS: tuple[tuple[str, str], ...] = (
    ("full_name", N_("Name")),
    ("name_kana", N_("Reading")),
    ("email", N_("E-mail")),
    ("phone", N_("Phone")),
    ("mobile", N_("Mobile")),
    ("postal_code", N_("Postal code")),
    ("address", N_("Address")),
    ("gender", N_("Gender")),
    ("birth_date", N_("Date of birth")),
    ("occupation", N_("Occupation")),
    ("department", N_("Department")),
    ("job_title", N_("Job title")),
    ("is_decision_maker", N_("Decision maker")),
    ("rank", N_("Customer rank")),
    ("acquisition_channel", N_("How they found us")),
    ("contact_consent", N_("Agreed to be contacted")),
    ("consent_at", N_("Agreed on")),
    ("notes", N_("Notes")),
    ("external_ref", N_("Reference in other systems")),
    ("created_at", N_("Registered on")),
    ("updated_at", N_("Last changed on")),
    ("anonymised_at", N_("Anonymised on")),
)
_VOCABULARY = {"gender", "rank", "acquisition_channel"}
# Audit actions as a person reads them; anything else is shown as recorded.
_ACTIONS = {
    "customer.view": N_("viewed the customer profile"),
    "ticket.view": N_("viewed an inquiry"),
    "customer.create": N_("registered the customer"),
    "customer.update": N_("changed the customer's details"),
    "customer.merge": N_("merged a duplicate record"),
    "ticket.create": N_("recorded an inquiry"),
    "ticket.update": N_("changed an inquiry"),
    "ticket.status": N_("changed an inquiry's status"),
    "ticket.assign": N_("assigned an inquiry"),
    "privacy.export": N_("exported this data (disclosure)"),
    "privacy.export_files": N_("copied out the files held (disclosure)"),
    "privacy.correct": N_("corrected the data"),
    "privacy.anonymise": N_("anonymised the data (erasure)"),
}


def _when(value: Any, with_time: bool = False) -> str:
    """An ISO date or time from the export as the reader's date (and local time)."""
    if not value:
        return "—"
    text = str(value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if with_time:
        return clock.when(moment) if moment.tzinfo else moment.strftime("%Y-%m-%d %H:%M")
    return moment.date().isoformat() if isinstance(moment, datetime) else date.fromisoformat(text).isoformat()


_DIRECTIONS = {"in": pN_("mail", "received"), "out": pN_("mail", "sent")}


def _value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if name in _VOCABULARY:
        return v(str(value))
    if name == "direction" and value in _DIRECTIONS:  # a mail: received or sent (mail_erasure.disclose_mail)
        return t(_DIRECTIONS[value])
    if name == "delivery" and knows(str(value)):  # a mail's state (queued, sent, failed …), words in ja_mail
        return t(str(value))
    if name.endswith(("_at", "_date")):
        return _when(value)
    return str(value)


def _yen(amount: int) -> str:
    return t("¥{amount}", amount=f"{amount:,}")


def _section(title: str, items: list[str], empty: str) -> list[str]:
    return ["", f"## {title}", "", *(items or [f"- {empty}"])]


def person_as_text(data: dict[str, Any]) -> str:
    """The export (`privacy.export_person`) as a readable document in the chosen language."""
    c = data["customer"]
    lines = [t("# Personal data held about {name} (customer {id})", name=c["full_name"], id=c["id"])]
    lines += ["", t("Printed from SupportDesk on {day}.", day=clock.today().isoformat())]
    details = [
        f"- {t(label)}: {_value(name, c.get(name))}"
        for name, label in _CUSTOMER_FIELDS
        if c.get(name) not in (None, "") and not (name == "is_decision_maker" and not c.get(name))
    ]
    if data.get("company"):
        company = t("Company")
        details.append(f"- {company}: {data['company']['name']}")
    lines += _section(t("Customer details"), details, t("nothing held"))
    lines += _section(t("Purchases"), [_purchase(p) for p in data["purchases"]], t("none"))
    lines += _section(t("Subscriptions"), [_subscription(s) for s in data["subscriptions"]], t("none"))
    inquiries = t("Inquiries")
    lines += ["", f"## {inquiries}"]
    if not data["tickets"]:
        lines += ["", f"- {t('none')}"]
    for ticket in data["tickets"]:
        lines += _ticket(ticket)
    for kind, records in (data.get("other") or {}).items():
        lines += _section(field_label(kind), [_record(r) for r in records], t("none"))
    access = [_access(e) for e in data["access_log"]]
    lines += _section(t("Who viewed or changed this data"), access, t("nothing recorded"))
    return "\n".join(lines) + "\n"


def _purchase(p: dict[str, Any]) -> str:
    return t(
        "- {day} {product} × {quantity}, {amount}",
        day=_when(p["purchased_on"]),
        product=p["product"],
        quantity=p["quantity"],
        amount=_yen(int(p["amount"])),
    )


def _subscription(s: dict[str, Any]) -> str:
    status = (
        t("cancelled on {day}", day=_when(s["cancelled_on"]))
        if s.get("cancelled_on")
        else t("renews on {day}", day=_when(s["renewal_on"]))
        if s.get("renewal_on")
        else t("active")
    )
    return t("- {product}: since {start}, {status}", product=s["product"], start=_when(s["contract_on"]), status=status)


def _ticket(ticket: dict[str, Any]) -> list[str]:
    head = t(
        "### Inquiry #{id}: {subject} ({status}, received {day})",
        id=ticket["id"],
        subject=ticket["subject"],
        status=v(str(ticket["status"])),
        day=_when(ticket["received_at"]),
    )
    lines = ["", head, ""]
    for entry in ticket["entries"]:
        if entry.get("body"):
            body = system_body(str(entry["kind"]), entry["body"])  # the desk's own words in the reader's language
            lines.append(f"- {_when(entry['created_at'], with_time=True)} {v(str(entry['kind']))}: {body}")
    for change in ticket["status_changes"]:
        if change.get("reason"):
            moved = t(
                "- {when} {before} → {after}: {reason}",
                when=_when(change["at"], with_time=True),
                before=v(change.get("from_status")),
                after=v(str(change["to_status"])),
                reason=system_body("status_change", change["reason"]),  # the desk's own reasons in words
            )
            lines.append(moved)
    if ticket.get("resolution_note"):
        resolution = t("Resolution")
        lines.append(f"- {resolution}: {ticket['resolution_note']}")
    return lines


def _record(record: dict[str, Any]) -> str:
    shown = (f"{field_label(str(k))}: {_value(str(k), val)}" for k, val in record.items() if val not in (None, ""))
    return "- " + ", ".join(shown)


def _access(event: dict[str, Any]) -> str:
    label = _ACTIONS.get(event["action"])
    return (
        f"- {_when(event['at'], with_time=True)} {event['by']} {t(label) if label else action_label(event['action'])}"
    )
