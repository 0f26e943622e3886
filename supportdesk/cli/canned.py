"""`supportdesk canned list|show|add|edit|retire`: the team's canned responses (定型文), kept by leads.

A lead keeps their own team's responses and the desk-wide ones, an administrator any team's (services/canned.py).
Errors are raised (cli/failures.py prints them).
"""

import sys
from typing import Annotated

import typer

from supportdesk.cli.output import cell, print_json
from supportdesk.cli.params import MAX_ID, JsonOpt
from supportdesk.cli.state import CliState
from supportdesk.errors import NotFound
from supportdesk.i18n import msg, t
from supportdesk.untrusted import visible

app = typer.Typer(
    help="Canned responses: list, add, edit and retire your team's texts with placeholders.",
    no_args_is_help=True,
)

CannedId = Annotated[
    int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="The response's number (see `canned list`).")
]
TeamOpt = Annotated[
    str | None, typer.Option(help="The team it is for (default: yours); --every-team for the whole desk.")
]
EveryTeamOpt = Annotated[bool, typer.Option("--every-team", help="For every team of the desk.")]
LangOpt = Annotated[
    str | None, typer.Option("--language", help="ja or en (default: ja when the text holds Japanese, else en).")
]
BodyHelp = "The text with placeholders such as {customer_name} ('-' reads stdin)."


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


def _body(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def _lang_line(lang: str) -> str:
    return t("Japanese") if lang == "ja" else t("English")


def _team_line(team: str | None) -> str:
    return visible(team, one_line=True) if team is not None else t("every team")


@app.command("list")
def list_canned(
    ctx: typer.Context,
    retired: Annotated[bool, typer.Option("--retired", help="Also list retired responses.")] = False,
    json: JsonOpt = False,
) -> None:
    """The responses you keep, with how often agents used each."""
    responses = _state(ctx).open_desk().manage_canned(include_retired=retired)
    if json:
        print_json(responses)
        return
    if not responses:
        typer.echo(t("No canned responses yet: add one with `supportdesk canned add`."))
        return
    for r in responses:
        state = t("retired") if r.retired else ""
        uses = t("used {count}×", count=r.uses)
        lang = cell(_lang_line(r.lang), 8)
        line = f"{r.id:>5}  {cell(r.title, 30)} {lang} {cell(_team_line(r.team), 16)} {cell(uses, 12)} {state}"
        typer.echo(line.rstrip())


@app.command("show")
def show(
    ctx: typer.Context,
    canned_id: CannedId,
    preview: Annotated[bool, typer.Option("--preview", help="Fill the placeholders with example values.")] = False,
    json: JsonOpt = False,
) -> None:
    """One response's text (or its preview)."""
    from supportdesk.services.canned import preview as fill

    desk = _state(ctx).open_desk()
    found = next((r for r in desk.manage_canned(include_retired=True) if r.id == canned_id), None)
    if found is None:
        raise NotFound(msg("There is no canned response {id}.", id=canned_id))
    if json:
        print_json(found)
        return
    title = visible(found.title, one_line=True)
    typer.echo(f"{found.id} {title} ({_lang_line(found.lang)}, {_team_line(found.team)})")
    typer.echo(visible(fill(found.body, desk.actor.name) if preview else found.body))


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What agents pick it by.")],
    body: Annotated[str, typer.Argument(help=BodyHelp)],
    lang: LangOpt = None,
    team: TeamOpt = None,
    every_team: EveryTeamOpt = False,
    json: JsonOpt = False,
) -> None:
    """Add a response (e.g. canned add Thanks 'Dear {customer_name}, thank you for your patience.')."""
    from supportdesk.services.canned import CannedDraft, guess_lang

    text = _body(body)
    desk = _state(ctx).open_desk()
    draft = CannedDraft(title, text, lang or guess_lang(text))
    number = desk.add_canned(draft, None if every_team else (team if team is not None else desk.actor.team))
    if json:
        print_json({"id": number})
    else:
        typer.echo(t("Added canned response {id}.", id=number))


@app.command("edit")
def edit(
    ctx: typer.Context,
    canned_id: CannedId,
    title: Annotated[str | None, typer.Option(help="A new title.")] = None,
    body: Annotated[str | None, typer.Option(help=BodyHelp)] = None,
    lang: LangOpt = None,
    team: TeamOpt = None,
    every_team: EveryTeamOpt = False,
    expect_version: Annotated[
        int | None,
        typer.Option("--expect-version", min=1, max=MAX_ID, help="Refuse if it changed since this version."),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Change a response's title, text, language or team (what is not given stays)."""
    from supportdesk.services.canned import KEEP, Keep

    text = _body(body) if body is not None else None
    chosen: str | Keep | None = None if every_team else (team if team is not None else KEEP)
    version = (
        _state(ctx)
        .open_desk()
        .edit_canned(canned_id, title=title, body=text, lang=lang, team=chosen, expected_version=expect_version)
    )
    if json:
        print_json({"id": canned_id, "version": version})
    else:
        typer.echo(t("Saved canned response {id}.", id=canned_id))


@app.command("retire")
def retire(
    ctx: typer.Context,
    canned_id: CannedId,
    restore: Annotated[bool, typer.Option("--restore", help="Offer a retired response again.")] = False,
    json: JsonOpt = False,
) -> None:
    """Take a response out of the agents' list (its use count stays); --restore puts it back."""
    version = _state(ctx).open_desk().retire_canned(canned_id, not restore)
    if json:
        print_json({"id": canned_id, "retired": not restore, "version": version})
    elif restore:
        typer.echo(t("Canned response {id} is offered again.", id=canned_id))
    else:
        typer.echo(t("Retired canned response {id}.", id=canned_id))
