"""CLI command: the background jobs of this data dir (what the server ran, or is running)."""

from __future__ import annotations

import enum
from typing import Annotated, get_args

import typer

from api.cli_app import PageOption, app, console, open_workspace, page_table, print_json
from pipeline.jobs.runs import JobStatus, list_jobs

StatusChoice = enum.StrEnum("StatusChoice", {s: s for s in get_args(JobStatus)})  # type: ignore[misc]


@app.command("jobs")
def jobs_command(
    status: Annotated[StatusChoice | None, typer.Option(help="Only jobs in this status.")] = None,
    kind: Annotated[str | None, typer.Option(help="analyse, redetect or recover.")] = None,
    page: PageOption = 1,
    page_size: Annotated[int, typer.Option(min=1, max=500)] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Background jobs, newest first, with their progress and last message."""
    with open_workspace() as workspace:
        jobs = list_jobs(
            workspace,
            status=status.value if status else None,
            kind=kind,
            page=page,
            page_size=page_size,
        )
    if as_json:
        print_json(jobs.model_dump(mode="json"))
        return
    columns = ("id", "kind", "status", "progress", "message", "updated")
    table = page_table("jobs", jobs.page, jobs.total, columns)
    for job in jobs.items:
        table.add_row(
            job.id[:8],
            job.kind,
            job.status,
            f"{job.progress:.0%}",
            job.message,
            f"{job.updated_at:%Y-%m-%d %H:%M:%S}",
        )
    console.print(table)
