"""CLI for the review queue: ``callmine detections queue`` lists the sentences to answer (answer
with ``callmine label UTTERANCE_ID KIND --utterance --text SENTENCE``), ``detections refit``
re-fits the detector on the answers now."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli_app import app, console, open_workspace, print_json
from pipeline.detect import learning as detections
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
    if progress["unscored"] and not entries:
        console.print("No scored sentences yet: run `callmine redetect` first.")
        return
    table = Table("utterance", "call", "sentence", "suggested", "confidence")
    for entry in entries:
        item = entry.item
        suggested = item.suggested.kind + (
            f" ({item.suggested.category})" if item.suggested.category else ""
        )
        table.add_row(
            str(item.utterance_id), str(item.call_id), item.sentence, suggested,
            f"{item.confidence:.2f}",
        )  # fmt: skip
    console.print(table)
    console.print(
        f"{progress['answered']} answered, {progress['uncertain']} uncertain left. Answer with "
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
