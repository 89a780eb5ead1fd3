"""CLI commands: generate, list, review, check, edit and export documents; competitor facts."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, get_args

import typer
from rich.markup import escape
from rich.table import Table

from api.cli_app import (
    ID_COMMAND,
    app,
    console,
    err_console,
    id_argument,
    id_option,
    open_workspace,
    print_json,
)
from pipeline.content import documents as service
from pipeline.content.choose import NoSuitableClusters
from pipeline.content.generate import (
    generate_document,
    get_document,
    regenerate_document,
    retry_generation,
)
from pipeline.content.types import CONTENT_TYPES
from pipeline.errors import BadInput
from pipeline.publish.export import FORMATS, export_document
from pipeline.publish.review import (
    ReviewState,
    edit_document,
    mark_accuracy,
    set_state,
    version_diff,
)

DocTypeChoice = enum.StrEnum("DocTypeChoice", {name: name for name in CONTENT_TYPES})  # type: ignore[misc]
FormatChoice = enum.StrEnum("FormatChoice", {name: name for name in FORMATS})  # type: ignore[misc]


StateChoice = enum.StrEnum("StateChoice", {s: s for s in get_args(ReviewState)})  # type: ignore[misc]


class VerdictChoice(enum.StrEnum):
    accurate = "accurate"
    needs_fix = "needs-fix"


facts_app = typer.Typer(
    help="Facts about competitors that comparison pages may cite.", no_args_is_help=True
)
app.add_typer(facts_app, name="facts")


@contextmanager
def _cluster_advice() -> Iterator[None]:
    """No theme suits the type: the CLI's way to make or name some (the API says none)."""
    try:
        yield
    except NoSuitableClusters as exc:
        advice = (
            "pass --cluster ID to write it from another theme (`callmine clusters` lists them)"
            if exc.clustered
            else "run `callmine cluster` first or pass --cluster ID"
        )
        raise BadInput(f"{exc.detail}: {advice}", field=exc.field) from exc


def _show(document: service.DocumentDetail | service.DocumentSummary, as_json: bool) -> None:
    if as_json:
        print_json(document.model_dump(mode="json"))
        return
    colour = {"failed_generation": "red", "approved": "green"}.get(document.state, "yellow")
    console.print(
        f"document [bold]{document.id}[/bold] {document.doc_type} "
        f"[{colour}]{document.state}[/{colour}] v{document.current_version} "
        f"({document.generator}): {escape(document.title)}",
        highlight=False,
    )
    # What they say is the page's own text: a quote's "[name]" is no markup (rich had dropped
    # it, leaving “ wasn't willing to sign…”).
    for change in document.out_of_date:
        err_console.print(
            f"[yellow]out of date:[/yellow] {escape(change)} (`callmine regenerate {document.id}`)",
            highlight=False,
        )
    for warning in document.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", highlight=False)
    if document.error:
        err_console.print(
            f"[red]generation failed:[/red] {escape(document.error)}\n"
            f"run `callmine retry {document.id}` when the LLM server is back",
            highlight=False,
        )


@app.command()
def generate(
    type: Annotated[DocTypeChoice, typer.Option("--type", "-t", help="Content type.")],
    cluster: Annotated[
        list[int] | None,
        id_option("cluster", "--cluster", "-c", help="Cluster id (repeat); default: best fits."),
    ] = None,
    competitor: Annotated[str | None, typer.Option(help="Competitor (comparison pages).")] = None,
    industry: Annotated[
        str | None,
        typer.Option(help="Only this industry's calls (use-case: default the largest)."),
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Never call the LLM.")] = False,
    llm: Annotated[bool, typer.Option("--llm", help="Require the configured LLM.")] = False,
    author: Annotated[str, typer.Option(help="Recorded as the version's author.")] = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print the document as JSON.")] = False,
) -> None:
    """Generate a cited draft from clusters (LLM when configured, else offline)."""
    use_llm = False if offline else (True if llm else None)
    with open_workspace() as workspace, workspace.session() as session, _cluster_advice():
        document = generate_document(
            session,
            workspace.settings,
            doc_type=str(type),
            cluster_ids=list(cluster or []),
            competitor=competitor,
            industry=industry,
            use_llm=use_llm,
            author=author,
            embedder=workspace.embedder,
        )
        detail = service.detail(document)
    _show(detail, as_json)
    if not as_json and detail.state != "failed_generation":
        console.print(detail.body_markdown, markup=False, highlight=False)
    if detail.state == "failed_generation":
        raise typer.Exit(1)


@app.command()
def documents(
    state: Annotated[str | None, typer.Option(help="Only this state.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Only this content type.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List documents, newest first."""
    with open_workspace() as workspace, workspace.session() as session:
        rows = service.list_documents(session, state=state, doc_type=type)
    if as_json:
        print_json([row.model_dump(mode="json") for row in rows])
        return
    table = Table(
        "id", "type", "state", "accuracy", "ver", "generator", "updated", "out of date", "title"
    )
    for row in rows:
        table.add_row(
            str(row.id),
            row.doc_type,
            row.state,
            row.accuracy or "",
            str(row.current_version),
            row.generator,
            f"{row.updated_at:%Y-%m-%d %H:%M}",
            f"yes ({len(row.out_of_date)})" if row.out_of_date else "",
            escape(row.title),
        )
    console.print(table)
    if any(row.out_of_date for row in rows):
        console.print(
            "out of date: `callmine document ID` says what changed, `callmine regenerate ID`"
        )


@app.command("document", **ID_COMMAND)
def show_document(
    document_id: Annotated[int, id_argument("document")],
    diff: Annotated[
        bool, typer.Option("--diff", help="Diff of the last edit instead of the body.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Only the Markdown body, to edit and save back.")
    ] = False,
) -> None:
    """Show one document: body, versions, comments (or the diff of the last edit)."""
    with open_workspace() as workspace, workspace.session() as session:
        detail = service.detail(get_document(session, document_id))
        patch = (
            version_diff(
                session, document_id, max(1, detail.current_version - 1), detail.current_version
            )
            if diff
            else ""
        )
    if as_json:
        print_json(detail.model_dump(mode="json") | ({"diff": patch} if diff else {}))
        return
    if markdown:
        typer.echo(detail.body_markdown, nl=False)
        return
    _show(detail, False)
    console.print(patch or detail.body_markdown, markup=False, highlight=False)
    for comment in detail.comments:
        move = f" {comment.from_state} → {comment.to_state}" if comment.to_state else ""
        console.print(
            f"[dim]{comment.created_at:%Y-%m-%d %H:%M} {escape(comment.author)} "
            f"({comment.kind}{move}):[/dim] {escape(comment.body)}"
        )


@app.command(**ID_COMMAND)
def review(
    document_id: Annotated[int, id_argument("document")],
    state: Annotated[StateChoice, typer.Option(help="New state.")],
    comment: Annotated[str, typer.Option(help="Why (required for changes_requested).")] = "",
    reviewer: Annotated[str, typer.Option(help="Who reviews.")] = "cli",
) -> None:
    """Move a document through draft → in_review → approved / changes_requested."""
    with open_workspace() as workspace, workspace.session() as session:
        detail = service.detail(
            set_state(session, document_id, str(state), reviewer=reviewer, comment=comment)
        )
    _show(detail, False)


@app.command(**ID_COMMAND)
def accuracy(
    document_id: Annotated[int, id_argument("document")],
    verdict: Annotated[VerdictChoice, typer.Argument(help="accurate or needs-fix.")],
    comment: Annotated[str, typer.Option(help="What is wrong (required for needs-fix).")] = "",
    reviewer: Annotated[str, typer.Option(help="Who checked.")] = "sales",
) -> None:
    """Sales' factual check of a draft."""
    with open_workspace() as workspace, workspace.session() as session:
        detail = service.detail(
            mark_accuracy(session, document_id, str(verdict), comment=comment, reviewer=reviewer)
        )
    _show(detail, False)


@app.command(**ID_COMMAND)
def edit(
    document_id: Annotated[int, id_argument("document")],
    body: Annotated[
        Path,
        typer.Option(
            "--body", help="Markdown file with the new body.", exists=True, dir_okay=False
        ),
    ],
    author: Annotated[str, typer.Option(help="Who edited.")] = "cli",
    note: Annotated[str | None, typer.Option(help="What changed.")] = None,
) -> None:
    """Save an edited body as a new version (back to draft)."""
    with open_workspace() as workspace, workspace.session() as session:
        text = body.read_text("utf-8")
        detail = service.detail(edit_document(session, document_id, text, author=author, note=note))
    _show(detail, False)


@app.command(**ID_COMMAND)
def retry(
    document_id: Annotated[int, id_argument("document")],
    offline: Annotated[
        bool, typer.Option("--offline", help="Use the offline draft this time.")
    ] = False,
) -> None:
    """Run a failed generation again."""
    _again(retry_generation, document_id, offline)


def _again(action: Callable[..., Any], document_id: int, offline: bool) -> None:
    with open_workspace() as workspace, workspace.session() as session, _cluster_advice():
        document = action(
            session,
            workspace.settings,
            document_id,
            use_llm=False if offline else None,
            author="cli",
            embedder=workspace.embedder,
        )
        detail = service.detail(document)
    _show(detail, False)
    if detail.state == "failed_generation":
        raise typer.Exit(1)


@app.command(**ID_COMMAND)
def regenerate(
    document_id: Annotated[int, id_argument("document")],
    offline: Annotated[bool, typer.Option("--offline", help="Never call the LLM.")] = False,
) -> None:
    """Build an out-of-date document again from the calls as they are now (a new version)."""
    _again(regenerate_document, document_id, offline)


@app.command(**ID_COMMAND)
def export(
    document_id: Annotated[int, id_argument("document")],
    format: Annotated[
        FormatChoice, typer.Option("--format", "-f", help="md, html, pdf, jsonld or brief.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="File to write (default: stdout for text)."),
    ] = None,
    internal: Annotated[
        bool,
        typer.Option(
            "--internal",
            help="Keep each quote's full source (account, call, date, outcome): not to publish.",
        ),
    ] = False,
) -> None:
    """Export a document (DRAFT-marked unless approved), for publishing unless --internal."""
    with open_workspace() as workspace, workspace.session() as session:
        result = export_document(
            session, workspace.settings, document_id, str(format), internal=internal
        )
    if output is None and str(format) == "pdf":
        output = Path(result.filename)
    if output is None:
        typer.echo(result.content.decode("utf-8"), nl=False)
        return
    if output.is_dir():
        err_console.print(f"[red]error:[/red] {output} is a folder: give a file name with -o")
        raise typer.Exit(1)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(result.content)
    except OSError as exc:
        err_console.print(f"[red]error:[/red] cannot write {output}: {exc.strerror}")
        raise typer.Exit(1) from exc
    pages = f", {result.pages} page(s)" if result.pages else ""
    err_console.print(f"wrote {output} ({len(result.content)} bytes{pages})", highlight=False)


@facts_app.command("add")
def facts_add(
    competitor: Annotated[str, typer.Argument(help="Competitor name.")],
    fact: Annotated[str, typer.Argument(help="The fact, as it should be cited.")],
    source: Annotated[str | None, typer.Option(help="http(s) URL backing the fact.")] = None,
) -> None:
    """Add a fact about a competitor."""
    with open_workspace() as workspace, workspace.session() as session:
        row = service.FactRead.model_validate(
            service.add_fact(session, competitor, fact, source=source)
        )
    console.print(f"fact {row.id} about {row.competitor} stored", highlight=False)


@facts_app.command("list")
def facts_list(
    competitor: Annotated[str, typer.Argument(help="Competitor name.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List the facts entered about a competitor."""
    with open_workspace() as workspace, workspace.session() as session:
        rows = [service.FactRead.model_validate(f) for f in service.list_facts(session, competitor)]
    if as_json:
        print_json([row.model_dump(mode="json") for row in rows])
        return
    for row in rows:
        console.print(
            f"{row.id}. {row.fact}" + (f"  ({row.source})" if row.source else ""), highlight=False
        )


@facts_app.command("import")
def facts_import(
    path: Annotated[
        Path,
        typer.Argument(help=r"TOML file with \[\[facts]] entries.", exists=True, dir_okay=False),
    ],
) -> None:
    """Load facts from a TOML file (see examples/competitor_facts.toml)."""
    with open_workspace() as workspace, workspace.session() as session:
        count = len(service.import_facts(session, path))
    console.print(f"{count} new fact(s) stored")
