"""CLI for teaching the detector: ``callmine detections queue`` lists the sentences to answer,
``callmine label UTTERANCE_ID KIND --utterance --text SENTENCE`` answers one (``label
--from-file`` many at once), ``detections refit`` re-fits the detector on the answers now."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any, cast, get_args

import typer
from rich.markup import escape
from rich.table import Table

from api.cli_app import (
    ID_COMMAND,
    app,
    console,
    no_such_id,
    open_workspace,
    print_json,
    show_result,
    theme_named,
)
from pipeline.analysis import corrections
from pipeline.analysis.answers import apply_answers, read_answers
from pipeline.detect import learning as detections
from pipeline.errors import BadInput
from pipeline.store.models import Cluster
from pipeline.wording import plural

detections_app = typer.Typer(
    help="The review queue: answer the sentences that teach the detector most.",
    no_args_is_help=True,
)
app.add_typer(detections_app, name="detections")


@detections_app.command("queue")
def queue(
    limit: Annotated[int, typer.Option(min=1, max=200, help="How many sentences.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The next sentences to answer, the most informative first. Re-fits the detector first
    when enough answers came since the last fit."""
    with open_workspace() as workspace:
        with workspace.session() as session:
            due = detections.refit_due(workspace, session)
        if due:
            detections.refit(workspace)
        with workspace.session() as session:
            entries = detections.review_queue(workspace, session, limit)
            progress = detections.queue_progress(workspace, session)
    if as_json:
        print_json([e.item.model_dump() for e in entries])
        return
    if progress.unscored and not entries:
        console.print("No scored sentences yet: run `callmine redetect` first.")
        return
    table = Table("utterance", "call", "sentence", "suggested", "confidence")
    for entry in entries:
        item = entry.item
        suggested = item.suggested.kind + (
            f" ({item.suggested.category})" if item.suggested.category else ""
        )
        table.add_row(
            str(item.utterance_id), str(item.call_id), escape(item.sentence), suggested,
            f"{item.confidence:.2f}",
        )  # fmt: skip
    console.print(table)
    console.print(
        f"{progress.answered} answered, {progress.uncertain} uncertain left. Answer with "
        "`callmine label UTTERANCE_ID objection|pain|question|current_setup|other --utterance "
        '--text "SENTENCE" [--category C]`.'
    )


@detections_app.command("refit")
def refit(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Re-fit the detector on every answer now (``redetect`` applies it to every call)."""
    with open_workspace() as workspace:
        result = detections.refit(workspace)
    if as_json:
        print_json(result)
        return
    console.print(
        f"Re-fitted on {plural(result['answers'], 'answer')}; "
        f"{plural(result['rescored'], 'sentence')} re-scored."
    )


VerdictChoice = enum.StrEnum("VerdictChoice", {v: v for v in get_args(corrections.Verdict)})  # type: ignore[misc]


@app.command(**ID_COMMAND)
def label(
    target_id: Annotated[
        int | None,
        typer.Argument(
            help="A mention id (cluster-show, search).",
            callback=no_such_id("mention or utterance"),
        ),
    ] = None,
    verdict: Annotated[
        VerdictChoice | None,
        typer.Argument(help="objection, pain, question, current_setup or other."),
    ] = None,
    category: Annotated[str | None, typer.Option(help="The objection's category.")] = None,
    utterance: Annotated[
        bool, typer.Option("--utterance", help="TARGET_ID is an utterance id (call-show).")
    ] = False,
    text: Annotated[str | None, typer.Option(help="Which sentence of the utterance.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from-file",
            help="Many answers: a CSV (utterance_id,kind,text,category) or JSON Lines file.",
        ),
    ] = None,
) -> None:
    """Say which kind one buyer sentence is (a review-queue answer, or a correction); it is
    kept in objection_labels.csv and learnt (``detections queue`` re-fits, ``redetect``
    applies it to every call). ``--from-file`` applies a file of answers in one go, then
    re-fits once when enough answers came. Says what it did in a line; ``--json`` prints the
    result."""
    if from_file is not None:
        _label_from_file(from_file, as_json)
        return
    with open_workspace() as workspace, workspace.session() as session:
        if target_id is None or verdict is None:
            raise BadInput("say TARGET_ID and KIND, or --from-file FILE")
        if utterance:
            result = corrections.label_sentence(
                workspace,
                session,
                target_id,
                text=text,
                label=cast(corrections.Verdict, verdict.value),
                category=category,
            )
        else:
            result = corrections.label_mention(
                workspace,
                session,
                target_id,
                label=cast(corrections.Verdict, verdict.value),
                category=category,
            )
        theme = result["cluster_id"] and theme_named(
            session.get(Cluster, result["cluster_id"]), result["cluster_id"]
        )
    show_result(result, _answered(result, theme), as_json)


def _answered(result: dict[str, Any], theme: str | None) -> str:
    """One answer as a line: the sentence, its kind now, where it went, where it is kept."""
    kind = result["label"] + (f" ({result['category']})" if result["category"] else "")
    placed = f", in theme {theme}" if theme else ""
    return (
        f"“{result['text']}” (utterance {result['utterance_id']}) is now {kind}{placed}; "
        f"kept in {result['labels_file']} and learnt at the next re-fit "
        "(`callmine detections queue` when due, or `callmine redetect`)."
    )


def _label_from_file(path: Path, as_json: bool) -> None:
    """Every answer in one transaction (none kept when one is bad), then one re-fit if due."""
    with open_workspace() as workspace:
        answers = read_answers(path)
        with workspace.session() as session:
            results = apply_answers(workspace, session, answers)
        with workspace.session() as session:
            due = detections.refit_due(workspace, session)
        refitted: dict[str, Any] | None = detections.refit(workspace) if due else None
    kept = f" in {results[0]['labels_file']}" if results else ""
    fitted = (
        f"re-fitted on {plural(refitted['answers'], 'answer')}, "
        f"{plural(refitted['rescored'], 'sentence')} re-scored"
        if refitted
        else "learnt at the next re-fit (`callmine detections queue` when due)"
    )
    line = f"Recorded {plural(len(results), 'answer')}{kept}; {fitted}."
    summary = {"answers": len(results), "labelled": results, "refit": refitted}
    show_result(summary, line, as_json)
