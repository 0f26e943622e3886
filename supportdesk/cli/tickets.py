"""`supportdesk ticket …`: list, show, create and work tickets from the shell."""

import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from supportdesk.cli import ticket_records
from supportdesk.cli.output import cell, local_time, print_json
from supportdesk.cli.params import MAX_ID, JsonOpt, TicketNumber, VersionOpt
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, pt, t, v
from supportdesk.models.enums import Channel, EntryKind, InquiryType, Priority, Status
from supportdesk.services import sla
from supportdesk.services.entry_display import change_line, entry_body
from supportdesk.services.mail_display import attachment_line, mail_line
from supportdesk.services.readmodels import RELATION_LABELS, TicketDetail
from supportdesk.services.ticket_queries import TicketFilter, TicketSort
from supportdesk.services.tickets import MAX_CALL_SECONDS, TicketCreate
from supportdesk.untrusted import visible

FieldOpt = Annotated[
    list[str] | None,
    typer.Option("--field", help="Only where the team's own field holds this: part_no=A-100 (repeatable)."),
]

app = typer.Typer(help="Work with tickets (inquiries).", no_args_is_help=True)


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


def _parse_date(value: str | None, field: str) -> date | None:
    """A date as 2026-12-24, or +N: N days after today where the desk works (`--follow-up +3`)."""
    if value is None:
        return None
    if re.fullmatch(r"\+\d{1,4}", value.strip()):
        from supportdesk.config import load_settings
        from supportdesk.services.sla import local_today

        return local_today(load_settings().sla) + timedelta(days=int(value.strip()[1:]))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(
            field, msg("{value!r} is not a date like 2026-12-01, or +N days from today", value=value)
        ) from None


def _body(text: str) -> str:
    """'-' reads the text from standard input, so long replies can be piped in."""
    return sys.stdin.read() if text == "-" else text


@app.command("list")
def list_(
    ctx: typer.Context,
    status: Annotated[list[Status] | None, typer.Option("--status", "-s", help="Only these statuses.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include resolved and closed tickets.")] = False,
    mine: Annotated[bool, typer.Option("--mine", help="Only tickets assigned to me.")] = False,
    unassigned: Annotated[bool, typer.Option("--unassigned", help="Only tickets nobody owns.")] = False,
    sort: Annotated[TicketSort, typer.Option(help="Sort order.")] = TicketSort.UPDATED,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
    field: FieldOpt = None,
    field_contains: Annotated[
        list[str] | None,
        typer.Option(
            "--field-contains", metavar="NAME=TEXT", help="A text field of the team's holding TEXT anywhere (any case)."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """List tickets; by default the open ones (new, open, pending, on hold), most recently updated first."""
    wanted = ticket_records.field_filters(field)
    parts = ticket_records.field_filters(field_contains)
    desk = _state(ctx).open_desk()
    flt = TicketFilter(
        statuses=tuple(status or ()),
        open_only=not status and not all_,
        assignee_id=desk.actor.id if mine else None,
        unassigned=unassigned,
        custom=tuple(desk.field_filter("tickets", name, value) for name, value in wanted),
        custom_contains=tuple(desk.field_filter("tickets", name, text, contains=True) for name, text in parts),
    )
    rows = desk.list_tickets(flt, sort=sort, limit=limit)
    if json:
        print_json(rows)
        return
    if not rows:
        typer.echo(t("No tickets match."))
        return
    now = datetime.now(UTC)
    soon = sla.soon_limit(now, desk.settings.sla)
    for r in rows:
        # ! overdue, ~ due soon (services/sla.py), as the app colours them red and yellow.
        state = sla.sla_state(r.status, r.first_response_at, r.first_response_due, r.resolution_due, now, soon)
        mark = {sla.SlaState.OVERDUE: "!", sla.SlaState.DUE_SOON: "~"}.get(state, " ")
        typer.echo(
            f"{mark}#{r.number:<6} {cell(v(r.status), 9)} {cell(v(r.priority), 7)} {cell(v(r.inquiry_type), 13)} "
            f"{cell(r.customer_name, 14)} {cell(r.subject, 40)} {r.assignee_login or '-'}"
        )


@app.command()
def show(ctx: typer.Context, number: TicketNumber, json: JsonOpt = False) -> None:
    """Show one ticket with its whole thread."""
    detail = _state(ctx).open_desk().get_ticket(number)
    if json:
        print_json(detail)
        return
    r = detail.row
    typer.echo(f"#{r.number} {r.subject}")
    typer.echo(
        "  "
        + t(
            "status {status} · priority {priority} · type {type} · channel {channel} · assignee {assignee} · "
            "version {version}",
            status=v(r.status),
            priority=v(r.priority),
            type=v(r.inquiry_type),
            channel=v(r.channel),
            assignee=r.assignee_login or "-",
            version=r.version,
        )
    )
    company = detail.customer.company_name or t("individual")
    typer.echo("  " + t("customer {name} ({company})", name=detail.customer.full_name, company=company))
    if r.follow_up_on:
        typer.echo("  " + t("follow up on {date}", date=r.follow_up_on))
    _records(detail)
    for e in detail.entries:
        who = t("customer") if e.kind == "customer_message" else (e.author_name or "-")
        extra = f" {v(e.from_status) if e.from_status else '-'}→{v(e.to_status)}" if e.kind == "status_change" else ""
        if e.changes:
            extra = " " + pt("list", ", ").join(change_line(c) for c in e.changes)
        if e.call_duration_seconds is not None:
            extra = f" {e.call_duration_seconds // 60}:{e.call_duration_seconds % 60:02d}"
        by_rule = " (" + t("rule {rule}", rule=visible(e.rule, one_line=True)) + ")" if e.rule else ""
        typer.echo(f"\n[{local_time(e.created_at)}] {v(e.kind)}{extra} — {who}{by_rule}")
        if e.mail is not None:
            typer.echo(f"  {visible(mail_line(e.mail), one_line=True)}")
        body = entry_body(e)
        if body:
            typer.echo(f"  {visible(body)}")
        for file in e.attachments:
            typer.echo("  " + t("attachment {file}", file=visible(attachment_line(file), one_line=True)))


def _records(detail: TicketDetail) -> None:
    """Tags, links, a merge and the team's own fields under the ticket's heading."""
    if detail.tags:
        typer.echo(t("  tags: {tags}", tags=" ".join(visible(tag, one_line=True) for tag in detail.tags)))
    if detail.merged_into is not None:
        typer.echo(t("  merged into #{number}", number=detail.merged_into))
    for link in detail.links:
        typer.echo(
            t(
                "  {relation} #{number} {subject} ({status})",
                relation=t(RELATION_LABELS[link.relation]),
                number=link.number,
                subject=visible(link.subject, one_line=True),
                status=v(link.status),
            )
        )
    for value in detail.custom:
        typer.echo(f"  {visible(value.name, one_line=True)}: {visible(value.value or '-', one_line=True)}")


@app.command()
def new(
    ctx: typer.Context,
    customer: Annotated[int, typer.Option(min=1, max=MAX_ID, help="Customer number (see `customer find`).")],
    subject: Annotated[str, typer.Option(help="One line saying what it is about.")],
    inquiry_type: Annotated[InquiryType, typer.Option("--type")] = InquiryType.QUESTION,
    channel: Annotated[Channel, typer.Option()] = Channel.PHONE,
    priority: Annotated[Priority, typer.Option()] = Priority.NORMAL,
    body: Annotated[str, typer.Option(help="The customer's words ('-' reads stdin).")] = "",
    purchase: Annotated[int | None, typer.Option(min=1, max=MAX_ID, help="Purchase id this is about.")] = None,
    field: Annotated[
        list[str] | None, typer.Option("--field", help="The team's own field: part_no=A-100 (repeatable).")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Open a new ticket for a customer."""
    custom = dict(ticket_records.field_filters(field))
    desk = _state(ctx).open_desk()
    number = desk.create_ticket(
        TicketCreate(
            customer_id=customer,
            subject=subject,
            inquiry_type=inquiry_type,
            channel=channel,
            priority=priority,
            body=_body(body),
            purchase_id=purchase,
            custom=custom,
        )
    )
    if json:
        print_json({"number": number})
    else:
        typer.echo(t("Created ticket #{number}.", number=number))


def _add(ctx: typer.Context, number: int, kind: EntryKind, text: str, version: int | None, json: bool) -> None:
    new_version = _state(ctx).open_desk().add_entry(number, kind, _body(text), expected_version=version)
    if json:
        print_json({"number": number, "version": new_version})
    else:
        typer.echo(t("Added to #{number}: {kind}.", number=number, kind=v(kind)))


@app.command()
def reply(
    ctx: typer.Context,
    number: TicketNumber,
    text: str,
    mail: Annotated[bool, typer.Option("--mail", help="Send it to the customer by mail (queued, then sent).")] = False,
    attach: Annotated[list[Path] | None, typer.Option("--attach", help="A file to send with it (with --mail).")] = None,
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record a reply to the customer ('-' reads the text from stdin); --mail also sends it by mail."""
    if not mail:
        if attach:
            raise Invalid("attach", msg("files go out by mail: add --mail"))
        _add(ctx, number, EntryKind.REPLY, text, expect_version, json)
        return
    files = tuple(_attachment(path) for path in attach or ())
    desk = _state(ctx).open_desk()
    queued = desk.reply_by_mail(number, _body(text), files=files, expected_version=expect_version)
    if json:
        print_json({"number": number, "version": queued.version, "message_id": queued.message_id, "to": queued.to})
    else:
        typer.echo(
            t(
                "Reply on #{number} queued for {to} (`supportdesk mail send` sends it).",
                number=number,
                to=visible(queued.to, one_line=True),
            )
        )


def _attachment(path: Path) -> tuple[str, str, bytes]:
    import mimetypes

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Invalid("attach", msg("{path} cannot be read ({why})", path=str(path), why=exc.strerror)) from exc
    return path.name, mimetypes.guess_type(path.name)[0] or "application/octet-stream", data


attachment_app = typer.Typer(help="Files on a ticket's thread.", no_args_is_help=True)
app.add_typer(attachment_app, name="attachment")


@attachment_app.command("save")
def attachment_save(
    ctx: typer.Context,
    number: TicketNumber,
    attachment: Annotated[
        int, typer.Argument(metavar="ATT", min=1, max=MAX_ID, help="The number shown as [N] in `ticket show`.")
    ],
    out: Annotated[Path, typer.Option("--out", help="A file to create, or a folder to save it in.")],
    json: JsonOpt = False,
) -> None:
    """Save a file from a ticket (never over an existing file; readable by you only)."""
    saved = _state(ctx).open_desk().save_attachment(number, attachment, out)
    if json:
        print_json({"number": number, "attachment": attachment, "path": str(saved)})
        return
    typer.echo(t("Saved {path}.", path=visible(str(saved), one_line=True)))


@attachment_app.command("safe")
def attachment_safe(
    ctx: typer.Context,
    number: TicketNumber,
    attachment: Annotated[int, typer.Argument(metavar="ATT", min=1, max=MAX_ID)],
    undo: Annotated[bool, typer.Option("--undo", help="Take the mark away again.")] = False,
    json: JsonOpt = False,
) -> None:
    """Mark a file as holding no personal data, so trainers may open it (administrators)."""
    _state(ctx).open_desk().mark_attachment_safe(number, attachment, not undo)
    if json:
        print_json({"number": number, "attachment": attachment, "open_to_trainers": not undo})
        return
    if undo:
        typer.echo(
            t("Attachment {attachment} on #{number} is closed to trainers.", attachment=attachment, number=number)
        )
    else:
        typer.echo(t("Attachment {attachment} on #{number} is open to trainers.", attachment=attachment, number=number))


@app.command()
def note(
    ctx: typer.Context, number: TicketNumber, text: str, expect_version: VersionOpt = None, json: JsonOpt = False
) -> None:
    """Add an internal note (never shown to the customer)."""
    _add(ctx, number, EntryKind.INTERNAL_NOTE, text, expect_version, json)


@app.command()
def call(
    ctx: typer.Context,
    number: TicketNumber,
    minutes: Annotated[
        float, typer.Option(help="How long the call took (up to a day).", min=0, max=MAX_CALL_SECONDS // 60)
    ],
    text: Annotated[str, typer.Argument()] = "",
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Log a phone call with its duration."""
    desk = _state(ctx).open_desk()
    new_version = desk.add_entry(
        number,
        EntryKind.CALL_LOG,
        _body(text),
        call_duration_seconds=round(minutes * 60),
        expected_version=expect_version,
    )
    if json:
        print_json({"number": number, "version": new_version})
    else:
        typer.echo(t("Logged a {minutes:g}-minute call on #{number}.", minutes=minutes, number=number))


@app.command()
def status(
    ctx: typer.Context,
    number: TicketNumber,
    new_status: Annotated[Status, typer.Argument(metavar="STATUS")],
    reason: Annotated[str | None, typer.Option(help="Why; required when resolving.")] = None,
    follow_up: Annotated[
        str | None, typer.Option(help="Follow-up date (YYYY-MM-DD, or +N days from today); required for pending.")
    ] = None,
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Change a ticket's status through the allowed transitions."""
    follow_up_on = _parse_date(follow_up, "follow-up date")  # a mistyped date is refused before signing in
    desk = _state(ctx).open_desk()
    new_version = desk.change_status(
        number, new_status, reason=reason, follow_up_on=follow_up_on, expected_version=expect_version
    )
    if json:
        print_json({"number": number, "status": str(new_status), "version": new_version})
    else:
        typer.echo(t("#{number} is now {status}.", number=number, status=v(new_status)))


@app.command()
def assign(
    ctx: typer.Context,
    number: TicketNumber,
    login: Annotated[str | None, typer.Argument(help="Agent's login; omit with --unassign.")] = None,
    unassign: Annotated[bool, typer.Option(help="Leave the ticket with nobody.")] = False,
    team: Annotated[str | None, typer.Option(help="Also move it to this team.")] = None,
    note: Annotated[str | None, typer.Option(help="A handover note for the next person.")] = None,
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Give a ticket to an agent (or to nobody), with an optional handover note."""
    if (login is None) == (not unassign):
        raise Invalid("assignee", msg("give an agent's login, or --unassign"))
    desk = _state(ctx).open_desk()
    assignee_id = desk.user_by_login(login).id if login else None
    new_version = desk.assign(number, assignee_id, team=team, note=note, expected_version=expect_version)
    if json:
        print_json({"number": number, "assignee": login, "version": new_version})
    else:
        if login:
            typer.echo(t("#{number} is now assigned to {login}.", number=number, login=login))
        else:
            typer.echo(t("#{number} is now assigned to nobody.", number=number))


ticket_records.register(app)
