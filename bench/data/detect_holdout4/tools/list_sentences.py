"""List every utterance (all roles) and the buyer-side sentences of the review26 calls,
using only pipeline.ingest.parse_file and pipeline.detect.sentences.split_sentences."""
import csv, sys
from pathlib import Path
from pipeline.ingest import parse_file
from pipeline.detect.sentences import split_sentences

calls = Path("/work/review26/calls")
manifest = {r["file"]: r for r in csv.DictReader(open(calls / "manifest.csv"))}
out = csv.writer(open("/work/review26/tools/sentences.csv", "w", newline=""))
out.writerow(["file", "utterance", "sentence", "role", "speaker", "text"])
for path in sorted(calls.iterdir()):
    if path.name == "manifest.csv":
        continue
    ours = [s for s in manifest.get(path.name, {}).get("our_speakers", "").split(";") if s]
    parsed = parse_file(path.read_bytes(), path.name, our_speakers=ours)
    print(f"===== {path.name}: {len(parsed)} call(s)")
    index = 0
    for call in parsed:
        print(f"  -- call fmt={call.format} account={call.account!r} date={call.call_date} ours={call.our_speakers} people={[p.as_json() for p in call.people]} notice={call.notice!r}")
        for u in call.utterances:
            print(f"  [{index}] {u.role:8} {u.speaker!r} start={u.start_seconds} quoted={u.quoted}: {u.text!r}")
            if u.role in ("buyer", "unknown", "rep_note"):
                for s, (_a, _b, sent) in enumerate(split_sentences(u.text)):
                    print(f"      ({s}) {sent}")
                    out.writerow([path.name, index, s, u.role, u.speaker, sent])
            index += 1
