"""`supportdesk ticket tag|message|link|unlink|merge`: the everyday records on a ticket (issue 18).

Registered on the `ticket` group by supportdesk/cli/tickets.py. Errors are raised (cli/failures.py prints them).
"""

from datetime import datetime
from typing import Annotated

import typer

from supportdesk import clock
from supportdesk.cli.output import print_json
from supportdesk.cli.params import MAX_ID, JsonOpt, TicketNumber, VersionOpt
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, t
from supportdesk.models.enums import Channel, LinkKind
from supportdesk.untrusted import visible

OtherNumber = Annotated[int, typer.Argument(metavar="OTHER", min=1, max=MAX_ID, help="The other ticket's number.")]


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


def split_tag_changes(changes: list[str]) -> tuple[list[str], list[str]]:
    """`+返品 -初期不良 交換` → tags to add (with + or bare) and to remove (with -)."""
    add: list[str] = []
    remove: list[str] = []
    for change in changes:
        if change.startswith("-"):
            remove.append(change[1:])
        else:
            add.append(change[1:] if change.startswith("+") else change)
    if not any(tag.strip() for tag in (*add, *remove)):
        raise Invalid("tags", msg("name a tag to add (+tag) or remove (-tag)"))
    return add, remove


def tag(
    ctx: typer.Context,
    number: TicketNumber,
    changes: Annotated[list[str], typer.Argument(metavar="+TAG|-TAG", help="+tag adds it, -tag removes it.")],
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Add and remove a ticket's tags; the others stay (e.g. ticket tag 12 +refund -defective)."""
    add, remove = split_tag_changes(changes)
    version, tags = _state(ctx).open_desk().change_tags(number, add, remove, expect_version)
    if json:
        print_json({"number": number, "tags": tags, "version": version})
    else:
        shown = " ".join(visible(tag, one_line=True) for tag in tags) or "-"
        typer.echo(t("#{number} tags: {tags}", number=number, tags=shown))


def _received(value: str | None) -> datetime | None:
    """An ISO date and time; without a zone it is the desk's local time."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid("received", msg("{value} is not a date and time like 2026-12-01T14:30", value=value)) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=clock.desk_zone())  # the desk's clock


def message(
    ctx: typer.Context,
    number: TicketNumber,
    text: Annotated[str, typer.Argument(help="What the customer wrote or said ('-' reads stdin).")],
    channel: Annotated[Channel | None, typer.Option(help="How it came (default: the ticket's channel).")] = None,
    received: Annotated[
        str | None, typer.Option(help="When the customer sent it (YYYY-MM-DDTHH:MM, local time; default: now).")
    ] = None,
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Enter a customer's message by hand (a letter, a fax, a chat transcript, a message passed on).

    A pending or resolved ticket waiting on the customer reopens, as when they write by mail.
    """
    import sys

    received_at = _received(received)  # a mistyped time is refused before signing in
    body = sys.stdin.read() if text == "-" else text
    version = (
        _state(ctx)
        .open_desk()
        .add_customer_message(number, body, channel=channel, received_at=received_at, expected_version=expect_version)
    )
    if json:
        print_json({"number": number, "version": version})
    else:
        typer.echo(t("Entered the customer's message on #{number}.", number=number))


def link(
    ctx: typer.Context,
    number: TicketNumber,
    other: OtherNumber,
    kind: Annotated[
        LinkKind, typer.Option("--kind", help="related, or parent: NUMBER is the parent of OTHER.")
    ] = LinkKind.RELATED,
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Link two tickets: related (both about one thing) or parent and child; both threads show it."""
    version = _state(ctx).open_desk().link_tickets(number, other, kind, expect_version)
    if json:
        print_json({"number": number, "other": other, "kind": str(kind), "version": version})
    else:
        typer.echo(t("Linked #{number} and #{other}.", number=number, other=other))


def unlink(
    ctx: typer.Context,
    number: TicketNumber,
    other: OtherNumber,
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Take the link between two tickets away."""
    version = _state(ctx).open_desk().unlink_tickets(number, other, expect_version)
    if json:
        print_json({"number": number, "other": other, "version": version})
    else:
        typer.echo(t("#{number} and #{other} are no longer linked.", number=number, other=other))


def merge(
    ctx: typer.Context,
    keep: Annotated[int, typer.Argument(metavar="KEEP", min=1, max=MAX_ID, help="The ticket that stays.")],
    other: Annotated[int, typer.Argument(metavar="OTHER", min=1, max=MAX_ID, help="The ticket merged into KEEP.")],
    note: Annotated[str, typer.Option(help="Why, for the thread (e.g. the customer called twice).")] = "",
    json: JsonOpt = False,
) -> None:
    """Merge OTHER into KEEP: its conversation moves over in time order and OTHER is closed pointing to KEEP."""
    result = _state(ctx).open_desk().merge_tickets(keep, other, note=note)
    if json:
        print_json(result)
    else:
        typer.echo(
            t(
                "Merged #{other} into #{keep}: {count} entries moved; #{other} is closed.",
                other=other,
                keep=keep,
                count=result.entries_moved,
            )
        )


def fields(
    ctx: typer.Context,
    number: TicketNumber,
    values: Annotated[
        list[str], typer.Argument(metavar="FIELD=VALUE...", help="e.g. part_no=A-100 warranty_end=2027/3/31")
    ],
    expect_version: VersionOpt = None,
    json: JsonOpt = False,
) -> None:
    """Set the team's own fields on a ticket (FIELD= with nothing after it clears one); see `field list`."""
    from supportdesk.importing.assignments import split_assignments

    pairs = split_assignments(values)  # a malformed pair is refused before signing in
    desk = _state(ctx).open_desk()
    version = desk.set_ticket_fields(number, pairs, expect_version)
    if json:
        print_json({"number": number, "version": version, "custom": desk.custom_values("tickets", number)})
    else:
        typer.echo(t("Saved the fields of #{number}.", number=number))


def field_filters(values: list[str] | None) -> list[tuple[str, str]]:
    """`--field 品番=A-100` options as (name, value) pairs; each must hold (checked by the desk)."""
    from supportdesk.importing.assignments import split_assignments

    return list(split_assignments(values or []).items())


def register(app: typer.Typer) -> None:
    """Add these commands to the `ticket` group."""
    app.command()(fields)
    app.command(context_settings={"ignore_unknown_options": True})(tag)  # -tag is a tag to remove, not an option
    app.command()(message)
    app.command()(link)
    app.command()(unlink)
    app.command()(merge)
