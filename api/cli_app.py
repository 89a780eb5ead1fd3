"""The shared Typer app and the helpers every command module uses."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.config import get_settings
from pipeline.errors import CallmineError
from pipeline.jobs.runs import ProgressCallback
from pipeline.memory import collect_garbage_less_often
from pipeline.store.models import Cluster
from pipeline.types import MAX_PAGE, MAX_ROW_ID
from pipeline.workspace import Workspace

app = typer.Typer(
    name="callmine",
    help="Turn what buyers say on sales calls into marketing content.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
# Piped or redirected output is read by programs and copied whole: rich never wraps a line
# there (a path cut at 80 columns is a broken path), and a table is as wide as its content.
PIPED_WIDTH = 10_000


def _console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    piped = not stream.isatty()
    return Console(stderr=stderr, soft_wrap=piped, width=PIPED_WIDTH if piped else None)


console = _console()
err_console = _console(stderr=True)

# What the model libraries print while loading (tqdm bars such as "Loading weights", advisory
# warnings): silent unless --verbose. Set before they are imported (they are, lazily).
QUIET_ENV = {
    "TQDM_DISABLE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}
# Readers that log how they got round a malformed file as warnings: pypdf's "incorrect
# startxref pointer(1)" for a PDF renamed .txt had reached the terminal, though the file's own
# result already says what matters. Silent unless --verbose, as the model libraries are.
QUIET_LOGGERS = ("pypdf",)


# A command taking an id reads "-1" as that id, not as an unknown option ("No such option: -1").
ID_COMMAND: dict[str, Any] = {"context_settings": {"ignore_unknown_options": True}}


def no_such_id(noun: str) -> Any:
    """A parameter callback: an id no row can have (0, negative, past 64 bits) is "<noun> N
    not found" and exit 1, as an id that could exist but does not (never a database error)."""

    def check(value: int | list[int] | None) -> int | list[int] | None:
        for number in value if isinstance(value, list) else [value]:
            if number is not None and not 1 <= number <= MAX_ROW_ID:
                err_console.print(f"[red]error:[/red] {noun} {number} not found", highlight=False)
                raise typer.Exit(1)
        return value

    return check


def id_argument(noun: str) -> Any:
    """The argument of a command that takes the id of a ``noun`` (call, document, cluster)."""
    return typer.Argument(help=f"{noun.capitalize()} id.", callback=no_such_id(noun))


def id_option(noun: str, *names: str, help: str) -> Any:
    """An option holding the id of a ``noun``, checked as ``id_argument`` checks."""
    return typer.Option(*names, help=help, callback=no_such_id(noun))


PageOption = Annotated[int, typer.Option(min=1, max=MAX_PAGE)]


@app.callback()
def main(
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="Show the model libraries' progress bars and logs, and file readers' warnings.",
        ),
    ] = False,
) -> None:
    """Turn what buyers say on sales calls into marketing content."""
    collect_garbage_less_often()
    if not verbose:
        for name, value in QUIET_ENV.items():
            os.environ.setdefault(name, value)
    for logger in QUIET_LOGGERS:
        logging.getLogger(logger).setLevel(logging.NOTSET if verbose else logging.ERROR)


@contextmanager
def open_workspace() -> Iterator[Workspace]:
    """The workspace from the environment; a CallmineError becomes a message and exit 1."""
    workspace: Workspace | None = None
    try:
        workspace = Workspace(get_settings())
        yield workspace
    except CallmineError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        # Escaped: a name or file name in brackets ("Mia [front desk]") is not console markup.
        said = escape(f"{where}{exc.detail}")
        err_console.print(f"[red]error:[/red] {said}", markup=True, highlight=False)
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


def show_result(result: Any, line: str, as_json: bool) -> None:
    """What an edit did: a sentence for people, the service's result with ``--json``."""
    if as_json:
        console.print_json(data=result)
    else:
        console.print(line, markup=False, highlight=False)


def theme_named(cluster: Cluster | None, cluster_id: int) -> str:
    """A theme as a line names it: "#12 “Setup during busy season”"."""
    return f"#{cluster_id} “{cluster.name}”" if cluster is not None else f"#{cluster_id}"


@contextmanager
def progress_bar(description: str, *, hidden: bool) -> Iterator[ProgressCallback]:
    """A transient progress bar fed by a stage's ``(fraction, message)`` callback."""
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=hidden,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=1.0)

        def progress(fraction: float, message: str) -> None:
            bar.update(task, completed=fraction, description=message)

        yield progress


def table_of(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    """A table of ``rows`` (each cell shown as text) under ``columns``."""
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    return table
