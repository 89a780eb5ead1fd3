"""``callmine dashboard``: the dashboard's figures in the terminal, as the web page shows them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from api.cli_app import app, console, open_workspace, print_json, table_of
from api.commands.insights import JsonOption
from pipeline.cluster.queries import ONE_CALL
from pipeline.dashboard import dashboard_view
from pipeline.wording import plural


@app.command("dashboard")
def dashboard_command(
    since: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Period start (default: 30 days to --until)."),
    ] = None,
    until: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Period end (default: the latest call)."),
    ] = None,
    industry: Annotated[str | None, typer.Option(help="Only calls of this industry.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Top objections in a period vs the one before it, objections in lost deals, competitors,
    documents out of date."""
    with open_workspace() as workspace, workspace.session() as session:
        board = dashboard_view(
            workspace.views,
            session,
            date_from=since.date() if since else None,
            date_to=until.date() if until else None,
            industry=industry,
            confident_at=workspace.settings.confident_at,
        )
    if as_json:
        print_json(board.model_dump(mode="json"))
        return
    t = board.totals
    scope = f"{board.industry}: " if board.industry else ""
    console.print(
        f"{scope}{plural(t.calls, 'call')}, {t.won} won, {t.lost} lost, "
        f"{plural(t.objections, 'objection')}"
    )
    if board.period and board.previous:
        now, before = board.period, board.previous
        title = f"{now.start} to {now.end} vs {before.start} to {before.end}"
        rows = [
            (m.id, _marked(m.name, m.one_call), m.now, m.before, m.trend_label or "-", m.all_time)
            for m in board.trends
        ]
        columns = ("cluster", "name", "period", "before", "trend", "all time")
        console.print(table_of(title, columns, rows))
        if board.history_note:
            console.print(f"trend: {board.history_note}", highlight=False)
        if board.later_calls_note:
            console.print(f"note: {board.later_calls_note}", highlight=False)
    if board.undated_note:
        console.print(f"note: {board.undated_note}", highlight=False)
    lost = [(r.id, r.name, r.mentions, r.calls) for r in board.lost]
    console.print(
        table_of("Objections in lost deals", ("cluster", "name", "mentions", "calls"), lost)
    )
    rivals = [(c.name, c.mentions, c.calls, c.deals, c.won, c.lost) for c in board.competitors]
    rival_columns = ("competitor", "mentions", "calls", "deals", "won", "lost")
    console.print(table_of("Competitors named", rival_columns, rivals))
    stale = [(d.id, d.title, "; ".join(d.changes)) for d in board.out_of_date]
    if stale:
        title = "Out of date (regenerate: callmine regenerate ID)"
        console.print(table_of(title, ("document", "title", "what changed"), stale))


def _marked(name: str, one_call: bool) -> str:
    """A theme's name, marked as the cluster list marks it when all its mentions are one call's."""
    return f"{name} ({ONE_CALL})" if one_call else name
