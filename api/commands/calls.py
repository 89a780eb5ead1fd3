"""CLI commands: ingest files and folders; list, show, correct and delete calls."""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.cli_app import app, console, err_console, open_workspace, print_json
from pipeline import analysis
from pipeline.calls import (
    CallMetadata,
    CallUpdate,
    IngestResult,
    correct_call,
    created_ids,
    delete_call,
    display_name,
    get_call,
    ingest_bytes,
    list_calls,
    list_utterances,
    parse_column_map,
    read_limited,
    rejected,
    split_names,
    too_large,
)
from pipeline.errors import BadInput, CallmineError
from pipeline.ingest import SUPPORTED_EXTENSIONS
from pipeline.store import OUTCOMES
from pipeline.workspace import Workspace

MANIFEST_COLUMNS = ("file", "date", "account", "outcome", "our_speakers", "competitors")


class OutcomeChoice(enum.StrEnum):
    won = "won"
    lost = "lost"
    open = "open"
    unknown = "unknown"


class RoleChoice(enum.StrEnum):
    buyer = "buyer"
    rep = "rep"
    unknown = "unknown"
    rep_note = "rep_note"


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)
    analysis: dict[str, Any] | None = None

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def duplicates(self) -> int:
        return self.count("duplicate")

    @property
    def rejected(self) -> int:
        return self.count("rejected")

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "analysis": self.analysis,
            "results": [r.model_dump(exclude_none=True) for r in self.results],
        }


def _parse_date(value: str | None, what: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise BadInput(f"{what}: {value!r} is not a date (use YYYY-MM-DD)") from exc


def _unsafe(relative: str) -> bool:
    path = PurePosixPath(relative.replace("\\", "/"))
    return "\x00" in relative or path.is_absolute() or ".." in path.parts


@dataclass
class Manifest:
    """Per-file metadata from a CSV, matched by path relative to the manifest or by file name."""

    path: Path
    by_path: dict[str, CallMetadata] = field(default_factory=dict)
    by_name: dict[str, CallMetadata | None] = field(default_factory=dict)
    problems: list[IngestResult] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise BadInput("manifest not found", filename=str(path)) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"cannot read the manifest: {exc}", filename=str(path)) from exc
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise BadInput(
                f"manifest needs a header with the columns {', '.join(MANIFEST_COLUMNS)}",
                filename=str(path),
            )
        manifest = cls(path=path.resolve())
        for line, row in enumerate(reader, start=2):
            manifest._add(line, row)
        return manifest

    def _add(self, line: int, row: dict[str, str | None]) -> None:
        relative = (row.get("file") or "").strip()
        if not relative:
            return
        if _unsafe(relative):
            error = BadInput(
                f"manifest line {line}: unsafe file name (absolute, '..' or NUL); row ignored",
                filename=display_name(relative),
            )
            self.problems.append(rejected(display_name(relative), error))
            return
        outcome = (row.get("outcome") or "").strip().lower() or None
        if outcome is not None and outcome not in OUTCOMES:
            raise BadInput(
                f"manifest line {line}: outcome {outcome!r} is not one of {', '.join(OUTCOMES)}",
                filename=str(self.path),
            )
        metadata = CallMetadata(
            date=_parse_date(row.get("date"), f"manifest line {line}"),
            account=(row.get("account") or "").strip() or None,
            outcome=outcome,
            our_speakers=split_names(row.get("our_speakers")),
            competitors=split_names(row.get("competitors")),
        )
        key = PurePosixPath(relative.replace("\\", "/")).as_posix()
        self.by_path[key] = metadata
        name = PurePosixPath(key).name
        # A file name listed twice in different folders is ambiguous: match those by path only.
        self.by_name[name] = None if name in self.by_name else metadata

    def lookup(self, file: Path) -> CallMetadata | None:
        try:
            relative = file.resolve().relative_to(self.path.parent).as_posix()
        except ValueError:
            relative = None
        if relative is not None and relative in self.by_path:
            return self.by_path[relative]
        return self.by_name.get(file.name)


def merge_metadata(specific: CallMetadata | None, general: CallMetadata) -> CallMetadata:
    """Field by field, the manifest row wins over the command-line flags."""
    if specific is None:
        return general
    values = general.model_dump()
    values.update({k: v for k, v in specific.model_dump().items() if v not in (None, [])})
    return CallMetadata(**values)


def collect_files(paths: Sequence[Path], *, skip: Sequence[Path] = ()) -> list[Path]:
    """Files named directly, plus known transcript types found recursively in folders."""
    skipped = {p.resolve() for p in skip}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_EXTENSIONS  # named files are always tried
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name.lower() not in {"readme.md", "readme.txt"}
            )
        elif path.exists():
            candidates = [path]
        else:
            continue  # reported by the caller as a rejected path
        found.extend(p for p in candidates if p.resolve() not in skipped and p not in found)
    return found


def read_file(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing anything over ``limit`` before and while reading."""
    if path.stat().st_size > limit:
        raise too_large(limit, path.name)
    with path.open("rb") as stream:
        return read_limited(stream, limit, path.name)


def ingest_file(
    workspace: Workspace,
    path: Path,
    metadata: CallMetadata,
    column_map: dict[str, str] | None,
) -> list[IngestResult]:
    try:
        data = read_file(path, workspace.settings.max_upload_bytes)
    except CallmineError as exc:
        return [rejected(display_name(path.name), exc)]
    except OSError as exc:
        return [rejected(display_name(path.name), BadInput(f"cannot read: {exc.strerror}"))]
    return ingest_bytes(workspace, data, path.name, metadata, column_map=column_map, analyse=False)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def ingest_paths(
    workspace: Workspace,
    paths: Sequence[Path],
    *,
    metadata: CallMetadata | None = None,
    manifest: Path | None = None,
    column_map: dict[str, str] | None = None,
    analyse: bool = True,
) -> IngestSummary:
    """Ingest every file under ``paths`` (a transaction per call), then analyse the new calls."""
    general = metadata or CallMetadata()
    rows = Manifest.load(manifest) if manifest is not None else None
    files = collect_files(paths, skip=[manifest] if manifest is not None else [])
    summary = IngestSummary(results=list(rows.problems) if rows else [])
    missing = BadInput("no such file or folder")
    summary.results += [rejected(str(p), missing) for p in paths if not p.exists()]
    with _progress() as progress:
        task = progress.add_task("ingesting", total=len(files))
        for path in files:
            progress.update(task, description=f"ingesting {path.name}")
            specific = rows.lookup(path) if rows else None
            summary.results.extend(
                ingest_file(workspace, path, merge_metadata(specific, general), column_map)
            )
            progress.advance(task)
        if analyse and (created := created_ids(summary.results)):
            step = progress.add_task("analysing", total=100)

            def report(fraction: float, message: str) -> None:
                progress.update(step, completed=fraction * 100, description=message or "analysing")

            summary.analysis = analysis.analyse_calls(workspace, created, progress=report)
    return summary


def _summary_table(summary: IngestSummary) -> Table:
    table = Table(title="ingest summary")
    for column in ("file", "status", "call", "utterances", "reason"):
        table.add_column(column)
    colours = {"created": "green", "duplicate": "yellow", "rejected": "red"}
    for r in summary.results:
        name = r.filename if r.index is None else f"{r.filename} #{r.index + 1}"
        table.add_row(
            name,
            f"[{colours[r.status]}]{r.status}[/]",
            "" if r.call_id is None else str(r.call_id),
            str(r.utterances) if r.status != "rejected" else "",
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
    outcome: Annotated[
        OutcomeChoice | None, typer.Option(help="Deal outcome for every file.")
    ] = None,
    account: Annotated[str | None, typer.Option(help="Account name for every file.")] = None,
    date: Annotated[str | None, typer.Option(help="Call date YYYY-MM-DD for every file.")] = None,
    our_speakers: Annotated[
        str | None, typer.Option(help="Our people (reps), comma/semicolon separated.")
    ] = None,
    competitors: Annotated[
        str | None, typer.Option(help="Competitors, comma/semicolon separated.")
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option(help="CSV: file,date,account,outcome,our_speakers,competitors (';' lists)."),
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
            date=_parse_date(date, "--date"),
            account=account,
            outcome=outcome.value if outcome else None,
            our_speakers=split_names(our_speakers),
            competitors=split_names(competitors),
        )
        summary = ingest_paths(
            workspace,
            paths,
            metadata=metadata,
            manifest=manifest,
            column_map=_column_map(column_map),
        )
    if as_json:
        print_json(summary.as_json())
    else:
        console.print(_summary_table(summary))
        counts = (summary.created, summary.duplicates, summary.rejected)
        console.print("{} created, {} duplicate, {} rejected".format(*counts))
    if summary.rejected:
        for r in summary.results:
            if r.status == "rejected":
                err_console.print(f"[red]rejected:[/red] {r.filename}: {r.reason}", highlight=False)
        raise typer.Exit(1)


@app.command("calls")
def calls_command(
    outcome: Annotated[OutcomeChoice | None, typer.Option()] = None,
    account: Annotated[str | None, typer.Option(help="Substring of the account name.")] = None,
    date_from: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    page: Annotated[int, typer.Option(min=1)] = 1,
    page_size: Annotated[int, typer.Option(min=1, max=500)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List calls, newest first."""
    with open_workspace() as workspace, workspace.session() as db:
        result = list_calls(
            db,
            outcome=outcome.value if outcome else None,
            account=account,
            date_from=_parse_date(date_from, "--date-from"),
            date_to=_parse_date(date_to, "--date-to"),
            page=page,
            page_size=page_size,
        )
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    table = Table(title=f"calls (page {result.page}, {result.total} in all)")
    for column in ("id", "date", "account", "outcome", "format", "utterances", "file"):
        table.add_column(column)
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
    call: Annotated[int | None, typer.Option("--call", help="Only this call id.")] = None,
    role: Annotated[RoleChoice | None, typer.Option(help="Only this speaker role.")] = None,
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
    for column in ("id", "call", "start", "speaker", "role", "kinds", "text"):
        table.add_column(column)
    for u in rows:
        table.add_row(
            str(u.id),
            str(u.call_id),
            "" if u.start is None else f"{u.start:.0f}s",
            u.speaker or "",
            u.role,
            ",".join(u.kinds),
            u.text,
        )
    console.print(table)


@app.command("call-show")
def call_show(
    call_id: Annotated[int, typer.Argument(help="Call id.")],
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
        ("outcome", detail.outcome),
        ("deal", " / ".join(filter(None, [detail.deal_id, detail.deal_stage]))),
        ("our speakers", ", ".join(detail.our_speakers)),
        ("competitors", ", ".join(detail.competitors)),
    ):
        console.print(f"  {label}: {value or '-'}", highlight=False)
    for u in detail.utterances:
        start = "" if u.start is None else f"[{u.start:.0f}s] "
        console.print(
            f"{start}[bold]{u.speaker or '-'}[/bold] ({u.role}): {u.text}", highlight=False
        )


@app.command("call-update")
def call_update(
    call_id: Annotated[int, typer.Argument(help="Call id.")],
    outcome: Annotated[OutcomeChoice | None, typer.Option()] = None,
    account: Annotated[str | None, typer.Option()] = None,
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    role: Annotated[
        list[str] | None, typer.Option(help="NAME=ROLE (buyer, rep, unknown), repeatable.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Correct a call's metadata or a speaker's role."""
    with open_workspace() as workspace:
        values: dict[str, Any] = {"speaker_roles": dict(_speaker_roles(role or []))}
        if outcome:
            values["outcome"] = outcome.value
        if account is not None:
            values["account"] = account
        if date is not None:
            values["date"] = _parse_date(date, "--date")
        detail = correct_call(workspace, call_id, CallUpdate.model_validate(values))
    if as_json:
        print_json(detail.model_dump(mode="json"))
    else:
        console.print(f"updated call {call_id}")


def _speaker_roles(pairs: Sequence[str]) -> Iterator[tuple[str, str]]:
    for pair in pairs:
        name, sep, value = pair.rpartition("=")
        if not sep or not name.strip() or value.strip() not in {r.value for r in RoleChoice}:
            raise BadInput(f"--role {pair!r}: use NAME=ROLE with ROLE buyer, rep or unknown")
        yield name.strip(), value.strip()


@app.command("call-delete")
def call_delete(call_id: Annotated[int, typer.Argument(help="Call id.")]) -> None:
    """Delete a call with its utterances and detections."""
    with open_workspace() as workspace, workspace.session() as db:
        delete_call(db, call_id)
    console.print(f"deleted call {call_id}")
