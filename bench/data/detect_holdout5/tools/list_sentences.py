"""List every utterance (all roles) and the buyer-side sentences of these calls, using only
pipeline.ingest.parse_file and pipeline.detect.sentences.split_sentences (how the labels were
written, before any detector ran). Usage: list_sentences.py CALLS_DIR OUT_CSV"""

import csv
import sys
from pathlib import Path

from pipeline.detect.sentences import split_sentences
from pipeline.ingest import parse_file


def main(calls: Path, out_csv: Path) -> None:
    with (calls / "manifest.csv").open(newline="") as handle:
        manifest = {row["file"]: row for row in csv.DictReader(handle)}
    with out_csv.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["file", "utterance", "sentence", "role", "speaker", "text"])
        for path in sorted(calls.iterdir()):
            if path.name == "manifest.csv":
                continue
            row = manifest.get(path.name, {})
            ours = [s for s in row.get("our_speakers", "").split(";") if s]
            parsed = parse_file(path.read_bytes(), path.name, our_speakers=ours)
            print(f"===== {path.name}: {len(parsed)} call(s)")
            index = 0
            for call in parsed:
                print(f"  -- call account={call.account!r} date={call.call_date}")
                for u in call.utterances:
                    print(f"  [{index}] {u.role:8} {u.speaker!r}: {u.text!r}")
                    if u.role in ("buyer", "unknown", "rep_note"):
                        for s, (_a, _b, sentence) in enumerate(split_sentences(u.text)):
                            print(f"      ({s}) {sentence}")
                            out.writerow([path.name, index, s, u.role, u.speaker, sentence])
                    index += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
