"""`supportdesk search` and `supportdesk reindex`: past cases from the shell."""

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from search_index import QueryError
from supportdesk.cli.output import HIGHLIGHT_OFF, HIGHLIGHT_ON, cell, print_json, progress_console
from supportdesk.cli.state import CliState
from supportdesk.errors import Invalid
from supportdesk.i18n import msg, t, v


def search(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help='Words, "phrases", OR, -exclude, status: type: agent: created:>2026-01-01 …')
    ],
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Search every past case in full text (Japanese and English)."""
    state: CliState = ctx.find_root().obj
    desk = state.open_desk()
    desk.sync_index()
    try:
        result = desk.search_cases(query, limit=limit)
    except QueryError as exc:
        raise Invalid("query", msg(exc.template, **exc.params)) from None
    if json:
        print_json(
            {
                "query": result.query,
                "total": result.total,
                "total_exact": result.total_exact,
                "hits": [
                    {
                        "number": h.hit.ticket_id,
                        "subject": h.hit.subject,
                        "status": h.hit.status,
                        "inquiry_type": h.hit.inquiry_type,
                        "score": round(h.hit.score, 3),
                        "customer_name": h.customer_name,
                        "snippets": [s.marked("**", "**") for s in h.hit.snippets],
                    }
                    for h in result.hits
                ],
            }
        )
        return
    if not result.hits:
        typer.echo(t("No past case matches {query!r}.", query=query))
        return
    if result.total_exact:
        typer.echo(t("{total:,} cases match; the best {shown}:", total=result.total, shown=len(result.hits)))
    else:
        typer.echo(t("More than {total:,} cases match; the best {shown}:", total=result.total, shown=len(result.hits)))
    for h in result.hits:
        typer.echo(
            f"\n#{h.hit.ticket_id:<6} {cell(v(h.hit.status), 9)} {cell(v(h.hit.inquiry_type), 13)} "
            + cell(h.hit.subject, 50)
        )
        for snippet in h.hit.snippets:
            typer.echo("    " + snippet.marked(HIGHLIGHT_ON, HIGHLIGHT_OFF))


def reindex(ctx: typer.Context) -> None:
    """Rebuild the full-text index from the database (the old index serves searches until the new one is ready)."""
    state: CliState = ctx.find_root().obj
    desk = state.open_desk()
    with Progress(
        TextColumn(t("Indexing tickets")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=progress_console(),
    ) as bar:
        task = bar.add_task("index", total=None)
        count = desk.rebuild_index(lambda done, total: bar.update(task, completed=done, total=total))
    typer.echo(t("Indexed {count} tickets into {path}.", count=count, path=desk.search_index().path))
