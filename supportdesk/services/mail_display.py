"""How a mail entry reads in a thread — plain functions the ticket screen, a thread widget and the CLI share.

Everything returned is plain text from data: callers show it through `untrusted.visible` and, in Textual, as
Text/Content, never as markup.
"""

import re

from supportdesk.i18n import N_, listing, t
from supportdesk.services.readmodels import AttachmentView, MailView

# Where quoted history starts: "> " lines, or the header line mailers put above the quote.
_QUOTE_HEADERS = re.compile(
    r"^(-{2,}\s*(Original Message|元のメッセージ|Forwarded message|転送されたメッセージ)\s*-{2,}"
    r"|On .{4,200} wrote:"
    r"|\d{4}[年/-]\s*\d{1,2}[月/-]\s*\d{1,2}日?.{0,80}(wrote|書きました|のメッセージ)?[:：]"
    r"|(From|差出人|送信者)\s*[:：].+)\s*$",
    re.IGNORECASE,
)


def split_quoted(text: str) -> tuple[str, str]:
    """(the new text, the quoted history below it) — the history folds away in the thread view.

    Only a quote that runs to the end of the message is history; quotes answered inline stay in the new text.
    """
    lines = text.split("\n")
    start = len(lines)
    index = len(lines) - 1
    while index >= 0 and (lines[index].startswith(">") or not lines[index].strip()):
        if lines[index].startswith(">"):
            start = index
        index -= 1
    if start < len(lines) and index >= 0 and _QUOTE_HEADERS.match(lines[index].strip()):
        start = index
    if start == len(lines):
        for position, line in enumerate(lines):
            if position > 0 and _QUOTE_HEADERS.match(line.strip()) and line.strip().startswith(("-", "差出人", "From")):
                start = position
                break
    new = "\n".join(lines[:start]).rstrip()
    if not new:
        return text, ""  # all quote: show it rather than an empty message
    return new, "\n".join(lines[start:]).strip("\n")


def size_text(size: int) -> str:
    for unit, step in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= step:
            return f"{size / step:.1f} {unit}"
    return f"{size} B"


_KINDS_IN = {"auto_reply": N_("automatic reply"), "bounce": N_("bounce")}
STATES = {
    "queued": N_("queued"),
    "sending": N_("sending"),
    "handing_over": N_("handing over"),
    "sent": N_("sent"),
    "failed": N_("failed"),
    "unconfirmed": N_("unconfirmed"),
    "bounced": N_("bounced"),
}


def state_name(state: str) -> str:
    """A delivery state ("unconfirmed") as the reader says it (送信未確認)."""
    return t(STATES[state]) if state in STATES else state


def mail_line(view: MailView) -> str:
    """One line under the entry heading: who wrote to whom, the subject, and for our mail how delivery went."""
    if view.direction == "in":
        sender = f"{view.from_name} <{view.from_address}>" if view.from_name else view.from_address
        line = t("mail from {sender} · {subject}", sender=sender, subject=view.subject)
        return f"{line} ({t(_KINDS_IN[view.kind])})" if view.kind in _KINDS_IN else line
    state = state_name(view.state or "queued")
    line = t("mail to {to} · {state}", to=view.to, state=state)
    if view.server_answer and view.state != "queued":
        line += f" ({view.server_answer})"
    return line


def attachment_line(file: AttachmentView) -> str:
    flags = []
    if not file.kept:
        flags.append(t("not kept: over the size limit"))
    if file.undecodable:
        flags.append(t("text that could not be read"))
    extra = f" — {listing(flags)}" if flags else ""
    return f"[{file.id}] {file.filename} ({file.content_type}, {size_text(file.size)}){extra}"
