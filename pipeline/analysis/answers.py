"""Many verdicts at once: a file of answers (``callmine label --from-file``) applied in one
transaction and one process, then one re-fit.

Why: one ``callmine label`` per answer pays a process start and the embedder's load each time
(about 8 s an answer on a laptop); thirty answers from a spreadsheet should not take minutes.
A CSV (header ``utterance_id,kind,text,category``) or JSON Lines (one object per line with
those keys, or the queue's own JSON objects with a ``kind`` added) file; ``label`` is read as
``kind``, ``sentence`` as ``text``. Any bad row stops the whole file before
anything is kept, naming the row.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy.orm import Session

from pipeline.analysis.corrections import Verdict, label_sentence
from pipeline.errors import BadInput, CallmineError
from pipeline.workspace import Workspace


@dataclass(frozen=True)
class Answer:
    utterance_id: int
    kind: str
    text: str | None
    category: str | None


def read_answers(path: Path) -> list[Answer]:
    """The answers in a CSV or JSON Lines file (JSON Lines when its first character is ``{``)."""
    try:
        raw = path.read_text("utf-8-sig")
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror or exc}") from exc
    if raw.lstrip().startswith("{"):
        rows = [_json_row(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
    else:
        rows = list(csv.DictReader(io.StringIO(raw)))
    return [_answer(n, row) for n, row in enumerate(rows, 1)]


def _json_row(number: int, line: str) -> dict[str, Any]:
    try:
        row = json.loads(line)
    except ValueError as exc:
        raise BadInput(f"line {number} is not JSON: {exc}") from exc
    if not isinstance(row, dict):
        raise BadInput(f"line {number} is not a JSON object")
    return row


def _answer(number: int, row: dict[str, Any]) -> Answer:
    fields = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    kind = str(fields.get("kind") or fields.get("label") or "").strip()
    try:
        utterance_id = int(str(fields.get("utterance_id", "")).strip())
    except ValueError as exc:
        raise BadInput(f"answer {number}: utterance_id must be a whole number") from exc
    if not kind:
        raise BadInput(f"answer {number}: no kind")
    # The queue's JSON (``detections queue --json``) names the sentence ``sentence``.
    text = str(fields.get("text") or fields.get("sentence") or "").strip() or None
    category = str(fields.get("category") or "").strip() or None
    return Answer(utterance_id, kind, text, category)


def apply_answers(
    workspace: Workspace, session: Session, answers: list[Answer]
) -> list[dict[str, Any]]:
    """Apply every answer as ``label_sentence`` does; a bad one raises naming its row (the
    caller's transaction then keeps none of them)."""
    results = []
    for number, answer in enumerate(answers, 1):
        try:
            results.append(
                label_sentence(
                    workspace,
                    session,
                    answer.utterance_id,
                    text=answer.text,
                    label=cast(Verdict, answer.kind),
                    category=answer.category,
                )
            )
        except CallmineError as exc:  # a bad kind, an unknown utterance: say which answer
            raise type(exc)(f"answer {number}: {exc.detail}") from exc
    return results
