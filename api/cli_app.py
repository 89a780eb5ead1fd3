"""The shared Typer app and the helpers every command module uses."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from pipeline.config import get_settings
from pipeline.errors import CallmineError
from pipeline.workspace import Workspace

app = typer.Typer(
    name="callmine",
    help="Turn what buyers say on sales calls into marketing content.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


@contextmanager
def open_workspace() -> Iterator[Workspace]:
    """The workspace from the environment; a CallmineError becomes a message and exit 1."""
    workspace: Workspace | None = None
    try:
        workspace = Workspace(get_settings())
        yield workspace
    except CallmineError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        err_console.print(f"[red]error:[/red] {where}{exc.detail}", markup=True, highlight=False)
        raise typer.Exit(1) from exc
    finally:
        if workspace is not None:
            workspace.close()


def page_table(name: str, page: int, total: int, columns: Sequence[str]) -> Table:
    """An empty table for one page of a paged listing, titled with where it is."""
    table = Table(title=f"{name} (page {page}, {total} in all)")
    for column in columns:
        table.add_column(column)
    return table


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, default=str, ensure_ascii=False) + "\n")
