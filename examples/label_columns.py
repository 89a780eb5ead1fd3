"""Fill the derived columns of ``labels.csv`` from the calls they label.

Run from the repository root after a call or the parser changes:
``.venv/bin/python examples/label_columns.py``. The hand-made columns (``label``, ``category``,
``note``) are never touched; the script fails when a labelled sentence is no longer where the
file says, rather than guess. Derived columns, per labelled buyer sentence:

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


def main() -> int:
    text = LABELS.read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = list(reader.fieldnames or [])
    for name in DERIVED:
        if name not in columns:
            columns.insert(columns.index("note") if "note" in columns else len(columns), name)
    derived = derived_columns()
    rows = []
    for row in reader:
        key = (row["file"], int(row["utterance"]), int(row["sentence"]))
        if key not in derived:
            sys.stderr.write(f"labels.csv row {key} is not a buyer sentence of the calls\n")
            return 1
        rows.append({**row, **derived[key]})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    LABELS.write_text(out.getvalue(), "utf-8", newline="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
