"""CLI commands: ingest files and folders; list, show, correct and delete calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from api.cli_app import (
    ID_COMMAND,
    PageOption,
    app,
    console,
    err_console,
    id_argument,
    id_option,
    open_workspace,
    page_table,
    print_json,
)
from pipeline.calls.accounts import get_account, set_account_industry
from pipeline.calls.edits import correct_call, delete_call
from pipeline.calls.queries import get_call, list_calls, list_utterances
from pipeline.calls.schemas import CallUpdate, UtteranceRead
from pipeline.calls.speaker_names import said_renames, tidy_name
from pipeline.errors import BadInput
from pipeline.ingest.paths import FileCallback, ingest_paths
from pipeline.ingest.schemas import CallMetadata, IngestBatch, split_names
from pipeline.ingest.service import parse_column_map
from pipeline.ingest.values import iso_date
from pipeline.jobs.runs import ProgressCallback
from pipeline.store.models import Outcome, Role
from pipeline.types import MAX_SHORT_TEXT
from pipeline.wording import plural

SUMMARY_ROWS = 50  # rows of the ingest summary table; the counts line covers the rest


@contextmanager
def _progress() -> Iterator[tuple[FileCallback, ProgressCallback]]:
    """A transient bar on stderr: files read, then the analysis."""
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def on_file(done: int, total: int, name: str) -> None:
        if "files" not in tasks:
            tasks["files"] = bar.add_task("ingesting", total=total)
        bar.update(tasks["files"], completed=done, description=f"ingesting {name}")

    def on_analysis(fraction: float, message: str) -> None:
        if "analysis" not in tasks:
            tasks["analysis"] = bar.add_task("analysing", total=100)
        bar.update(tasks["analysis"], completed=fraction * 100, description=message or "analysing")

    with bar:
        yield on_file, on_analysis


def _summary_table(summary: IngestBatch, limit: int = SUMMARY_ROWS) -> Table:
    """The first ``limit`` results: a CRM export of 100k rows would print for minutes (rejected
    files are listed on stderr whatever the limit)."""
    left_out = max(len(summary.results) - limit, 0)
    caption = f"… and {left_out:,} more (--json lists every one)" if left_out else None
    table = Table(title="ingest summary", caption=caption)
    for column in ("file", "status", "call", "utterances", "read as", "reason"):
        table.add_column(column)
    colours = {
        "created": "green",
        "duplicate": "yellow",
        "resumed": "cyan",
        "rejected": "red",
        "skipped": "dim",
    }
    for r in summary.results[:limit]:
        name = r.filename if r.index is None else f"{r.filename} #{r.index + 1}"
        table.add_row(
            name,
            f"[{colours[r.status]}]{r.status}[/]",
            "" if r.call_id is None else str(r.call_id),
            str(r.utterances) if r.status in ("created", "duplicate", "resumed") else "",
            r.understood or "",
            r.reason or "",
        )
    return table


def _column_map(raw: str | None) -> dict[str, str] | None:
    """``--column-map`` as inline JSON or the path of a .json file."""
    path = Path(raw) if raw else None
    if path is not None and path.suffix == ".json" and path.is_file():
        raw = path.read_text(encoding="utf-8")
    return parse_column_map(raw)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    outcome: Annotated[Outcome | None, typer.Option(help="Deal outcome for every file.")] = None,
    account: Annotated[str | None, typer.Option(help="Account name for every file.")] = None,
    date: Annotated[str | None, typer.Option(help="Call date YYYY-MM-DD for every file.")] = None,
    our_speakers: Annotated[
        str | None, typer.Option(help="Our people (reps), comma/semicolon separated.")
    ] = None,
    competitors: Annotated[
        str | None, typer.Option(help="Competitors, comma/semicolon separated.")
    ] = None,
    industry: Annotated[
        str | None, typer.Option(help="The account's industry or segment for every file.")
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(
            help="CSV: file,date,account,outcome,our_speakers,competitors,industry (';' lists)."
        ),
    ] = None,
    column_map: Annotated[
        str | None,
        typer.Option(help='CSV column mapping as JSON or a .json file: {"text": "Notes"}.'),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Ingest call transcripts and notes. Metadata: manifest row > these flags > the file's own.

    Exits 1 when any file was rejected, after storing all the good ones.
    """
    with open_workspace() as workspace:
        metadata = CallMetadata(
            date=iso_date(date, "--date"),
            account=account,
            outcome=outcome.value if outcome else None,
            our_speakers=split_names(our_speakers),
            competitors=split_names(competitors),
            industry=industry,
        )
        with _progress() as (on_file, on_analysis):
            summary = ingest_paths(
                workspace,
                paths,
                metadata=metadata,
                manifest=manifest,
                column_map=_column_map(column_map),
                on_file=on_file,
                progress=on_analysis,
            )
    if as_json:
        print_json(summary.as_json())
    else:
        console.print(_summary_table(summary))
        counts = (summary.created, summary.duplicates, summary.resumed, summary.rejected)
        skipped = f", {summary.skipped} skipped" if summary.skipped else ""
        console.print("{} created, {} duplicate, {} resumed, {} rejected".format(*counts) + skipped)
        for said in summary.redated:
            console.print(said, highlight=False)
    if summary.rejected:
        for r in summary.results:
            if r.status == "rejected":
                err_console.print(f"[red]rejected:[/red] {r.filename}: {r.reason}", highlight=False)
        raise typer.Exit(1)


@app.command("calls")
def calls_command(
    outcome: Annotated[Outcome | None, typer.Option()] = None,
    account: Annotated[str | None, typer.Option(help="Substring of the account name.")] = None,
    date_from: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    page: PageOption = 1,
    page_size: Annotated[int, typer.Option(min=1, max=500)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List calls, newest first."""
    with open_workspace() as workspace, workspace.session() as db:
        result = list_calls(
            db,
            outcome=outcome.value if outcome else None,
            account=account,
            date_from=iso_date(date_from, "--date-from"),
            date_to=iso_date(date_to, "--date-to"),
            page=page,
            page_size=page_size,
        )
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    columns = ("id", "date", "account", "outcome", "format", "utterances", "file")
    table = page_table("calls", result.page, result.total, columns)
    for c in result.items:
        table.add_row(
            str(c.id),
            str(c.date or ""),
            c.account or "",
            c.outcome,
            c.format,
            str(c.utterance_count),
            c.filename,
        )
    console.print(table)


@app.command()
def utterances(
    call: Annotated[int | None, id_option("call", "--call", help="Only this call id.")] = None,
    role: Annotated[Role | None, typer.Option(help="Only this speaker role.")] = None,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Print utterances (with detections and clusters once analysed)."""
    with open_workspace() as workspace, workspace.session() as db:
        rows = list_utterances(db, call_id=call, role=role.value if role else None, limit=limit)
    if as_json:
        print_json([u.model_dump(mode="json") for u in rows])
        return
    table = Table()
    for column in ("id", "call", "start", "speaker", "role", "noted", "kinds", "text"):
        table.add_column(column)
    for u in (u for u in rows if not u.lead_in):  # "Lucy:" is shown with her quote's row
        table.add_row(
            str(u.id),
            str(u.call_id),
            "" if u.start is None else f"{u.start:.0f}s",
            u.speaker or "",
            u.role,
            _noted(u),  # the rep's own label in a note, out of the text: "objection (price)"
            ",".join(u.kinds),
            escape(u.text),  # "[inaudible]", "[name]" are no markup
        )
    console.print(table)


@app.command("call-show", **ID_COMMAND)
def call_show(
    call_id: Annotated[int, id_argument("call")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show one call's metadata and transcript."""
    with open_workspace() as workspace, workspace.session() as db:
        detail = get_call(db, call_id)
    if as_json:
        print_json(detail.model_dump(mode="json"))
        return
    console.print(
        f"[bold]call {detail.id}[/bold] {detail.title or detail.filename}", highlight=False
    )
    for label, value in (
        ("date", detail.date),
        ("account", detail.account),
        ("industry", detail.industry),
        ("outcome", detail.outcome),
        # The deal's id and its stage apart: "deal: Closed Won" had read as a deal id.
        ("deal", detail.deal_id),
        ("stage", detail.deal_stage),
        # Named in the metadata, else those the call's roles make reps (a roster name, say).
        ("our speakers", ", ".join(detail.our_speakers or _reps(detail.utterances))),
        ("competitors", ", ".join(detail.competitors)),
    ):
        console.print(f"  {label}: {value or '-'}", highlight=False)
    for u in (u for u in detail.utterances if not u.lead_in):  # its quote names who spoke
        start = "" if u.start is None else f"[{u.start:.0f}s] "
        console.print(
            f"{start}[bold]{u.speaker or '-'}[/bold] ({u.role}): {u.text}", highlight=False
        )


def _noted(utterance: UtteranceRead) -> str:
    """The kind a rep's label in a note gave the utterance, with the category it named."""
    if utterance.note_kind is None:
        return ""
    topic = f" ({utterance.note_category})" if utterance.note_category else ""
    return f"{utterance.note_kind}{topic}"


def _reps(utterances: Iterable[UtteranceRead]) -> list[str]:
    return list(dict.fromkeys(u.speaker for u in utterances if u.role == "rep" and u.speaker))


@app.command("call-update", **ID_COMMAND)
def call_update(
    call_id: Annotated[int, id_argument("call")],
    outcome: Annotated[Outcome | None, typer.Option()] = None,
    account: Annotated[str | None, typer.Option()] = None,
    industry: Annotated[str | None, typer.Option(help="Industry; '' clears it.")] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    role: Annotated[
        list[str] | None, typer.Option(help="NAME=ROLE (buyer, rep, unknown), repeatable.")
    ] = None,
    competitors: Annotated[
        str | None,
        typer.Option(help="The deal's competitors, comma/semicolon separated; '' clears them."),
    ] = None,
    rename_speaker: Annotated[
        list[str] | None,
        typer.Option(
            help="OLD=NEW: a speaker's name on this call ('Speaker 2=Ruth Okafor'), repeatable."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Correct a call's metadata, its competitors, a speaker's role or a speaker's name."""
    with open_workspace() as workspace:
        values: dict[str, Any] = {
            "speaker_roles": dict(_speaker_roles(role or [])),
            "speaker_names": dict(_speaker_names(rename_speaker or [])),
        }
        if outcome:
            values["outcome"] = outcome.value
        if account is not None:
            values["account"] = account
        if industry is not None:
            values["industry"] = industry
        if date is not None:
            values["date"] = iso_date(date, "--date")
        if competitors is not None:
            values["competitors"] = split_names(competitors)
        update = CallUpdate.model_validate(values)
        detail = correct_call(workspace, call_id, update)
    if as_json:
        print_json(detail.model_dump(mode="json"))
    else:
        renamed = said_renames(update.speaker_names)
        said = f": renamed {'; '.join(renamed)}" if renamed else ""
        console.print(f"updated call {call_id}{said}", markup=False, highlight=False)


def _speaker_roles(pairs: Sequence[str]) -> Iterator[tuple[str, str]]:
    for pair in pairs:
        name, sep, value = pair.rpartition("=")
        if not sep or not name.strip() or value.strip() not in {r.value for r in Role}:
            raise BadInput(f"--role {pair!r}: use NAME=ROLE with ROLE buyer, rep or unknown")
        yield name.strip(), value.strip()


def _speaker_names(pairs: Sequence[str]) -> Iterator[tuple[str, str]]:
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip():
            raise BadInput(f"--rename-speaker {pair!r}: use OLD=NEW, e.g. 'Speaker 2=Ruth Okafor'")
        if max(len(old.strip()), len(tidy_name(new))) > MAX_SHORT_TEXT:
            raise BadInput(f"--rename-speaker: a name is longer than {MAX_SHORT_TEXT} characters")
        yield old.strip(), tidy_name(new)


@app.command("account")
def account_command(
    name: Annotated[str, typer.Argument(help="Account name (any case).")],
    industry: Annotated[
        str | None, typer.Option(help="Set the industry on every call of it ('' clears it).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show an account (its industry and calls), or set its industry."""
    with open_workspace() as workspace, workspace.session() as db:
        if industry is None:
            account = get_account(db, name)
        else:
            account = set_account_industry(db, name, industry)
    if as_json:
        print_json(account.model_dump(mode="json"))
        return
    console.print(
        f"[bold]{account.name}[/bold]: {account.industry or 'no industry'}, "
        f"{plural(len(account.calls), 'call')}",
        highlight=False,
    )
    for c in account.calls:
        console.print(f"  call {c.id} {c.date or 'undated'} {c.outcome} {c.filename}")


@app.command("call-delete", **ID_COMMAND)
def call_delete(call_id: Annotated[int, id_argument("call")]) -> None:
    """Delete a call with its utterances and detections."""
    with open_workspace() as workspace, workspace.session() as db:
        delete_call(db, call_id)
    console.print(f"deleted call {call_id}")
