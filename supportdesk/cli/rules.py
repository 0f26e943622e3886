"""`supportdesk rules …` (triggers and macros, for leads) and `supportdesk macro …` (applying one)."""

from pathlib import Path
from typing import Annotated

import typer

from supportdesk.cli.output import cell, local_time, print_json
from supportdesk.cli.params import MAX_ID, JsonOpt
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, t, tn
from supportdesk.untrusted import visible

app = typer.Typer(
    help="Triggers and macros: list them, keep them in a file, see who changed what.", no_args_is_help=True
)
macro_app = typer.Typer(help="Apply a macro to tickets.", no_args_is_help=True)

RuleId = Annotated[int, typer.Argument(metavar="RULE", min=1, max=MAX_ID, help="The rule's number (rules list).")]


def _state(ctx: typer.Context) -> CliState:
    state: CliState = ctx.find_root().obj
    return state


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Invalid(str(path), msg("cannot be read as UTF-8 text ({problem})", problem=type(exc).__name__)) from exc


@app.command("list")
def list_rules(ctx: typer.Context, json: JsonOpt = False) -> None:
    """Triggers in the order they run, then macros."""
    rules = _state(ctx).open_desk().rules()
    if json:
        print_json([{k: v for k, v in r.__dict__.items() if k != "rule"} for r in rules])
        return
    if not rules:
        typer.echo(t("No rules yet."))
    for r in rules:
        state = t("on") if r.active else t("off")
        kind = t("trigger") if r.kind == "trigger" else t("macro")
        fired = tn("fired {count} time", "fired {count} times", r.fired) if r.kind == "trigger" else ""
        typer.echo(f"{r.id:>5}  {cell(kind, 10)} {cell(state, 6)} {visible(r.name, one_line=True)}  {fired}")


@app.command("show")
def show(ctx: typer.Context, rule: RuleId) -> None:
    """One rule as its editor shows it (TOML)."""
    for r in _state(ctx).open_desk().rules():
        if r.id == rule:
            typer.echo(visible(r.text))
            return
    raise Invalid("rule", msg("There is no rule {rule}.", rule=rule))


@app.command("export")
def export(ctx: typer.Context, path: Annotated[Path, typer.Argument(metavar="FILE")]) -> None:
    """Write every rule to a rules file (TOML), to keep in version control."""
    from supportdesk.config import write_private

    text = _state(ctx).open_desk().export_rules()
    write_private(path, text)
    typer.echo(t("Rules written to {path}.", path=path))


@app.command("import")
def import_rules(ctx: typer.Context, path: Annotated[Path, typer.Argument(metavar="FILE")]) -> None:
    """Make the desk's rules what a rules file says (rules it does not name are deleted; every change audited)."""
    result = _state(ctx).open_desk().import_rules(_read(path), source="file")
    typer.echo(
        t(
            "Rules: {created} created, {changed} changed, {deleted} deleted, {unchanged} unchanged.",
            created=result.created,
            changed=result.changed,
            deleted=result.deleted,
            unchanged=result.unchanged,
        )
    )


@app.command("history")
def history(
    ctx: typer.Context,
    rule: Annotated[int | None, typer.Argument(metavar="RULE", min=1, max=MAX_ID)] = None,
    json: JsonOpt = False,
) -> None:
    """Every change to the rules (or to one rule): who, when, from where, and what the rule became."""
    found = _state(ctx).open_desk().rule_history(rule)
    if json:
        print_json(found)
        return
    for h in found:
        typer.echo(
            f"{local_time(h.at)}  {h.actor_login or '-'}  {h.change:<8} {h.source:<4} #{h.rule_id} "
            f"{visible(h.name, one_line=True)}"
        )


@app.command("enable")
def enable(ctx: typer.Context, rule: RuleId) -> None:
    """Switch a rule on."""
    _state(ctx).open_desk().set_rule_active(rule, True)
    typer.echo(t("Rule {rule} is on.", rule=rule))


@app.command("disable")
def disable(ctx: typer.Context, rule: RuleId) -> None:
    """Switch a rule off (it keeps its place and history)."""
    _state(ctx).open_desk().set_rule_active(rule, False)
    typer.echo(t("Rule {rule} is off.", rule=rule))


@app.command("delete")
def delete(ctx: typer.Context, rule: RuleId) -> None:
    """Delete a rule (its history stays)."""
    _state(ctx).open_desk().delete_rule(rule)
    typer.echo(t("Rule {rule} deleted.", rule=rule))


@macro_app.command("apply")
def apply(
    ctx: typer.Context,
    macro: Annotated[str, typer.Argument(metavar="MACRO", help="The macro's number or name.")],
    numbers: Annotated[list[int], typer.Argument(metavar="NUMBER", min=1, max=MAX_ID, help="Ticket numbers.")],
) -> None:
    """Apply a macro to one ticket, or to several at once (leads)."""
    desk = _state(ctx).open_desk()
    found = [r for r in desk.rules("macro") if str(r.id) == macro or r.name == macro]
    if not found:
        raise Invalid("macro", msg("There is no macro {rule}.", rule=visible(macro, one_line=True)))
    rule_id = found[0].id
    if len(numbers) == 1:
        desk.apply_macro(rule_id, numbers[0])
        typer.echo(t("Macro applied to #{number}.", number=numbers[0]))
        return
    result = desk.apply_macro_bulk(rule_id, dict.fromkeys(numbers))
    typer.echo(tn("Macro applied to {count} ticket.", "Macro applied to {count} tickets.", len(result.changed)))
    for failure in result.failed:
        typer.echo(f"  #{failure.number}: {visible(failure.reason, one_line=True)}", err=True)
    if result.failed:
        raise typer.Exit(1)
