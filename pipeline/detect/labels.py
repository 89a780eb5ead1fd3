"""Labelled buyer sentences the kind model learns from: the built-in labels, the seed phrasings,
and the verdicts a user records (``<data_dir>/objection_labels.csv``, kept under its old name).

A row is ``label,category,text`` plus, where known, where it was said: ``file``/``utterance``
(sentences sharing both form a turn), ``turn``, ``context`` (the rep's turn before), ``reply``
(the rep's turn after), ``position`` (of the turn in the call, 0..1), ``sentence`` (its index in
the turn), ``competitors`` (``;``-separated names from the call). A user's older file with only
``objection``/``question``/``other`` labels reads as before: those are kinds too.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pipeline.detect.classify import KINDS, SentenceInput
from pipeline.detect.seeds import SEEDED_KINDS
from pipeline.errors import BadInput
from pipeline.store.files import locked, write_text_atomically

LABELS_FILENAME = "objection_labels.csv"
CONTEXT_CHARS = 300  # the end of the rep's turn is what the buyer answers
REPLY_CHARS = 300  # the start of the rep's next turn is how the rep took it
SEED_WEIGHT = (
    1.0  # as much as a labelled sentence (leave-one-set-out: 1.0 read new products better than 0.3)
)
ANSWER_WEIGHT = 10.0  # a user's verdict counts as ten built-in labels in a re-fit
LABEL_VALUES: tuple[str, ...] = KINDS
REQUIRED_COLUMNS = ("label", "category", "text")


def context_text(rep_turn: str) -> str:
    """The part of the rep's last turn before a sentence that the model reads."""
    return rep_turn.strip()[-CONTEXT_CHARS:]


def reply_text(rep_turn: str) -> str:
    """The part of the rep's next turn after a sentence that the model reads."""
    return rep_turn.strip()[:REPLY_CHARS]


@dataclass(frozen=True)
class LabelledSentence:
    """A training example; ``group`` names where it came from (a call file, ``seeds``)."""

    sentence: SentenceInput
    label: str
    category: str
    group: str
    weight: float = 1.0


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


def parse_labelled(text: str, *, filename: str, weight: float = 1.0) -> list[LabelledSentence]:
    """Read a labels CSV (see the module docstring for its columns)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadInput(f"missing column(s) {', '.join(missing)}", filename=filename)
    rows = list(reader)
    turns: dict[tuple[str, str], list[str]] = {}
    for number, row in enumerate(rows, start=2):
        if row["label"] not in LABEL_VALUES:
            raise BadInput(f"line {number}: label must be one of {LABEL_VALUES}", filename=filename)
        if row["label"] == "objection" and not row["category"]:
            raise BadInput(f"line {number}: an objection needs a category", filename=filename)
        key = (row.get("file") or filename, row.get("utterance") or str(number))
        turns.setdefault(key, []).append(row["text"].strip())
    examples = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=2):
        key = (row.get("file") or filename, row.get("utterance") or str(number))
        index = seen[key] = seen.get(key, -1) + 1
        turn = (row.get("turn") or "").strip() or " ".join(turns[key])
        sentence = SentenceInput(
            row["text"].strip(),
            turn,
            context_text(row.get("context") or ""),
            tuple(n.strip() for n in (row.get("competitors") or "").split(";") if n.strip()),
            reply=reply_text(row.get("reply") or ""),
            position=_float(row.get("position"), 0.5),
            index_in_turn=int(_float(row.get("sentence"), index)),
            turn_size=int(_float(row.get("turn_size"), len(turns[key]))),
        )
        category = row["category"] if row["label"] == "objection" else ""
        examples.append(LabelledSentence(sentence, row["label"], category, key[0], weight))
    return examples


def seed_examples(
    objection: dict[str, list[str]], kinds: dict[str, list[str]]
) -> list[LabelledSentence]:
    """Seed phrasings as context-free training sentences with a lower weight."""
    examples = [
        LabelledSentence(SentenceInput(text, text), "objection", category, "seeds", SEED_WEIGHT)
        for category, texts in objection.items()
        for text in texts
    ]
    examples += [
        LabelledSentence(SentenceInput(text, text), kind, "", "seeds", SEED_WEIGHT)
        for kind in SEEDED_KINDS
        for text in kinds.get(kind, [])
    ]
    return examples


def builtin_labelled() -> list[LabelledSentence]:
    """The labelled example-call sentences that ship with callmine."""
    return list(_builtin_rows())


@functools.cache  # package data: read once a process, not at every detector's creation
def _builtin_rows() -> tuple[LabelledSentence, ...]:
    text = resources.files("pipeline").joinpath("data", LABELS_FILENAME).read_text("utf-8")
    return tuple(parse_labelled(text, filename=LABELS_FILENAME))


def user_labelled(data_dir: Path | None) -> list[LabelledSentence]:
    """``<data_dir>/objection_labels.csv`` when a user keeps one (each row weighs
    ``ANSWER_WEIGHT``: the user said so about their own calls), else nothing."""
    path = data_dir / LABELS_FILENAME if data_dir is not None else None
    if path is None or not path.is_file():
        return []
    return parse_labelled(path.read_text("utf-8-sig"), filename=str(path), weight=ANSWER_WEIGHT)


USER_LABEL_COLUMNS = (
    "file", "utterance", "label", "category", "text", "turn", "context", "reply", "position",
    "sentence", "turn_size", "competitors",
)  # fmt: skip


def label_row(example: LabelledSentence, *, utterance: str) -> dict[str, str]:
    """One labels-file row for ``example`` (the columns ``parse_labelled`` reads back)."""
    s = example.sentence
    return {
        "file": example.group,
        "utterance": utterance,
        "label": example.label,
        "category": example.category if example.label == "objection" else "",
        "text": s.text.strip(),
        "turn": s.turn.strip(),
        "context": s.context,
        "reply": s.reply,
        "position": f"{s.position:.4f}",
        "sentence": str(s.index_in_turn),
        "turn_size": str(s.turn_size),
        "competitors": ";".join(s.competitors),
    }


def _where(row: dict[str, str]) -> tuple[str, str, str]:
    """Which sentence a labels-file row answers: its call, utterance and words."""
    return row.get("file") or "", row.get("utterance") or "", (row.get("text") or "").strip()


def _rewrite_rows(
    data_dir: Path, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]
) -> int:
    """Apply ``change`` to the user's label rows, under the lock, atomically; the other columns
    are kept. Returns how many rows went (negative: came). No file and no rows: nothing."""
    path = data_dir / LABELS_FILENAME
    with locked(path):
        rows: list[dict[str, str]] = []
        columns = list(USER_LABEL_COLUMNS)
        if path.is_file():
            reader = csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))
            columns += [c for c in reader.fieldnames or [] if c not in columns]
            rows = list(reader)
        changed = change(rows)
        if changed == rows:
            return 0
        write_text_atomically(path, csv_text(changed, columns))
    return len(rows) - len(changed)


def record_user_label(data_dir: Path, example: LabelledSentence, *, utterance: str) -> Path:
    """Add a user's verdict on one sentence to ``<data_dir>/objection_labels.csv``.

    A newer verdict on the same sentence (same ``group``, utterance and text) replaces the
    older one; the user's other rows and columns are kept. Written atomically, under a lock.
    """
    if example.label not in LABEL_VALUES:
        raise BadInput(f"label must be one of {LABEL_VALUES}")
    put_user_label_row(data_dir, label_row(example, utterance=utterance))
    return data_dir / LABELS_FILENAME


def put_user_label_row(data_dir: Path, new: dict[str, str]) -> None:
    """Write one labels-file row as it is (an undo puts back the verdict it had replaced)."""
    _rewrite_rows(data_dir, lambda rows: [*(r for r in rows if _where(r) != _where(new)), new])


def user_label_row(
    data_dir: Path, *, group: str, utterance: str, text: str
) -> dict[str, str] | None:
    """The user's recorded verdict on one sentence, as its row, or None."""
    path = data_dir / LABELS_FILENAME
    if not path.is_file():
        return None
    wanted = (group, utterance, text.strip())
    rows = csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))
    return next((dict(r) for r in rows if _where(r) == wanted), None)


def drop_user_label(data_dir: Path, *, group: str, utterance: str, text: str) -> bool:
    """Remove the user's verdict on one sentence (an undone answer); True when there was one."""
    wanted = (group, utterance, text.strip())
    return _rewrite_rows(data_dir, lambda rows: [r for r in rows if _where(r) != wanted]) > 0


def drop_user_labels(data_dir: Path, groups: set[str]) -> int:
    """Remove the user's verdicts recorded from these calls (``file`` is ``call-<id>``);
    returns how many rows went. The other rows and columns are kept, as written."""
    if not groups or not (data_dir / LABELS_FILENAME).is_file():
        return 0
    return _rewrite_rows(
        data_dir, lambda rows: [r for r in rows if (r.get("file") or "") not in groups]
    )


def csv_text(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def sentence_key(text: str, context: str) -> tuple[str, str]:
    """What identifies a labelled sentence where it was said: its words and the end of the
    rep's turn before it (spacing ignored, so a re-read transcript still matches)."""
    return " ".join(text.split()), " ".join(context.split())[-200:]


def user_verdicts(
    labelled: Sequence[LabelledSentence],
) -> dict[tuple[str, str], tuple[str, str]]:
    """A user's verdicts by where the sentence was said (``sentence_key``); the last wins.
    The detector follows them on those exact sentences, whatever the model scores."""
    return {
        sentence_key(e.sentence.text, e.sentence.context): (e.label, e.category) for e in labelled
    }
