"""How a thread entry's system parts read (field changes, reasons the desk writes itself) — plain functions the
ticket screen's thread, the case reader and `supportdesk ticket show` share, in the reader's language.

Values that people typed (names, subjects, tags) come back as they are: callers show them through
`untrusted.visible` and, in Textual, as Text, never as markup.
"""

from supportdesk.fields import CUSTOM_PREFIX
from supportdesk.i18n import N_, t, v
from supportdesk.models.enums import SYSTEM_KINDS
from supportdesk.services.readmodels import RELATION_LABELS, EntryChange, EntryView
from supportdesk.services.tickets import SYSTEM_NOTES

FIELD_LABELS = {
    "assignee": N_("assignee"),
    "team": N_("team"),
    "priority": N_("priority"),
    "inquiry_type": N_("type"),
    "purchase": N_("purchase"),
    "subject": N_("subject"),
    "tags": N_("tags"),
    **RELATION_LABELS,  # links and merges: the other ticket's number
}
# Values of these fields are vocabulary (high, billing) and are translated; the rest are names or text.
VOCABULARY_FIELDS = {"priority", "inquiry_type"}


def _value(change: EntryChange, value: str | None) -> str:
    if value is None:
        return "—"
    return v(value) if change.field in VOCABULARY_FIELDS else value


def change_line(change: EntryChange) -> str:
    """ "priority normal → high" / 「優先度 通常 → 高」."""
    # A field outside the list is one a team defined: its name is their words, shown as written.
    label = t(FIELD_LABELS[change.field]) if change.field in FIELD_LABELS else change.field.removeprefix(CUSTOM_PREFIX)
    return f"{label} {_value(change, change.before)} → {_value(change, change.after)}"


def system_body(kind: str, body: str | None) -> str:
    """A body; the fixed words the desk writes itself (status reasons, what a rule did) in the reader's language."""
    if body and kind in SYSTEM_KINDS and body in SYSTEM_NOTES:
        return t(SYSTEM_NOTES[body])
    return body or ""


def entry_body(entry: EntryView) -> str:
    """The entry's text; the reasons the desk writes itself are shown in the reader's language."""
    return system_body(entry.kind, entry.body)
