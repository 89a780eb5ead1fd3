"""Fill the derived columns of every labelled set from the calls they label, and write the
detector's built-in training labels (``pipeline/data/objection_labels.csv``) from the sets in
``TRAINED``.

The labelled sets: ``examples/labels.csv`` (the example calls, one product) and
``examples/labelled/<set>/labels.csv`` (calls of other products and voices; each folder's README
says what it holds). Held-out calls (``bench/data/``) never come in. The shipped model trains on
every set: leaving each set out in turn, it read the left-out product's objection categories
0.56-0.65 right against 0.44-0.50 for a model of the example calls alone, with better
objection precision and twice the pain recall on the held-out calls (README "Detection").

Run from the repository root after a call, a label or the parser changes:
``.venv/bin/python examples/label_columns.py`` (``make detector-model`` runs it). The hand-made
columns (``label``, ``category``, ``note``) are never touched; the script fails when a labelled
sentence is no longer where the file says, rather than guess. Derived columns, per labelled
buyer sentence:

- ``context``: the end of the rep's turn before it (what the detector reads), ``reply``: the
  start of the rep's turn after it;
- ``position``: its turn's index in the call / (turns - 1), ``turn_size``: sentences in the turn;
- ``competitors``: the call's competitors (the file's own and the manifest's), ``;``-separated.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

from pipeline.detect.labels import context_text, reply_text
from pipeline.detect.sentences import split_sentences
from pipeline.ingest import parse_file

HERE = Path(__file__).resolve().parent
CALLS = HERE / "calls"
LABELS = HERE / "labels.csv"
LABELLED = HERE / "labelled"
TRAINING = HERE.parent / "pipeline" / "data" / "objection_labels.csv"
TRAINED = (  # the names of the sets the shipped model learns from ("" = the example calls)
    "",
    "brewbase",
    "chairtime",
    "crateops",
    "crewcall_tablesense_gymflow",
    "docketdesk",
    "farmgrid",
    "fleetpulse",
    "hirespark",
    "ledgerloop",
    "lettingloop",
    "menumate",
    "nurserynest",
    "patchpilot",
    "signly_fundly_campusly",
    "stock_keyhold_parcel_desk",
    "sunquote",
    "sitesure",
    "tally_clinic_shift",
    "trailtix",
    "vetdesk",
    "voltyard",
)  # the names of the sets the shipped model learns from ("" = the example calls)
DERIVED = ("context", "reply", "position", "turn_size", "competitors")


def derived_columns(calls_dir: Path = CALLS) -> dict[tuple[str, int, int], dict[str, str]]:
    """The derived columns per ``(file, utterance index in the file, sentence index)``."""
    with (calls_dir / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        manifest = {row["file"]: row for row in csv.DictReader(fh)}
    out: dict[tuple[str, int, int], dict[str, str]] = {}
    for path in sorted(calls_dir.iterdir()):
        if path.name == "manifest.csv" or not path.is_file():
            continue
        meta = manifest.get(path.name, {})
        ours = [n.strip() for n in meta.get("our_speakers", "").split(";") if n.strip()]
        listed = [n.strip() for n in meta.get("competitors", "").split(";") if n.strip()]
        index = 0
        for call in parse_file(path.read_bytes(), path.name, our_speakers=ours):
            turns = call.utterances
            competitors = ";".join(dict.fromkeys([*call.competitors, *listed]))
            for seq, utterance in enumerate(turns):
                if utterance.role == "buyer":
                    before = [u for u in turns[:seq] if u.role == "rep"]
                    after = [u for u in turns[seq + 1 :] if u.role == "rep"]
                    spans = split_sentences(utterance.text)
                    for number in range(len(spans)):
                        out[(path.name, index, number)] = {
                            "context": context_text(before[-1].text) if before else "",
                            "reply": reply_text(after[0].text) if after else "",
                            "position": f"{seq / max(1, len(turns) - 1):.4f}",
                            "turn_size": str(len(spans)),
                            "competitors": competitors,
                        }
                index += 1
    return out


def labelled_sets() -> list[tuple[str, Path, Path]]:
    """``(name, calls folder, labels file)`` of every set; the example calls' name is empty."""
    extra = sorted(p for p in LABELLED.iterdir() if (p / "labels.csv").is_file())
    return [("", CALLS, LABELS), *((p.name, p / "calls", p / "labels.csv") for p in extra)]


def refreshed(labels: Path, calls_dir: Path) -> tuple[list[str], list[dict[str, str]]]:
    """``labels``' columns and rows with the derived columns computed from ``calls_dir``."""
    text = labels.read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = list(reader.fieldnames or [])
    for name in DERIVED:
        if name not in columns:
            columns.insert(columns.index("note") if "note" in columns else len(columns), name)
    derived = derived_columns(calls_dir)
    rows = []
    for row in reader:
        key = (row["file"], int(row["utterance"]), int(row["sentence"]))
        if key not in derived:
            raise SystemExit(f"{labels} row {key} is not a buyer sentence of the calls")
        rows.append({**row, **derived[key]})
    return columns, rows


def as_csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def training_csv(sets: list[tuple[str, list[str], list[dict[str, str]]]]) -> str:
    """The built-in training labels: the rows of the sets in ``TRAINED``, a set's files named
    ``<set>/<file>`` so calls of different sets never share a turn or a cross-validation fold."""
    columns: list[str] = []
    rows: list[dict[str, str]] = []
    for name, set_columns, set_rows in sets:
        if name not in TRAINED:
            continue
        columns += [c for c in set_columns if c not in columns]
        rows += [{**r, "file": f"{name}/{r['file']}" if name else r["file"]} for r in set_rows]
    return as_csv(columns, rows)


def refreshed_sets() -> list[tuple[str, list[str], list[dict[str, str]]]]:
    """Every labelled set as ``(name, columns, rows)``, derived columns recomputed."""
    return [(name, *refreshed(labels, calls)) for name, calls, labels in labelled_sets()]


def main() -> int:
    sets = refreshed_sets()
    for (_, _, labels), (_, columns, rows) in zip(labelled_sets(), sets, strict=True):
        labels.write_text(as_csv(columns, rows), "utf-8", newline="")
    TRAINING.write_text(training_csv(sets), "utf-8", newline="")
    total = sum(len(rows) for _, _, rows in sets)
    sys.stdout.write(f"{total} labelled sentences from {len(sets)} sets\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
