"""Quote search stays fast as a workspace grows, counted in work rather than time: a buyers-only
search over many reps' notes reads only the rows it shows (it had read every mention's row, 3-5 s
a query at 20k notes), and an upload brings the loaded index up to date with the new mentions
alone (it had read the whole file again, or rebuilt it from every cached vector)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import faiss
import numpy as np
import pytest

from pipeline.cluster import index as mention_index
from pipeline.cluster import search
from pipeline.cluster.index import MentionIndex, update_index
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace

# A dental lab's CRM notes, written by its reps about the practices they call.
NOTES = [
    "Practice says the crown turnaround of {n} days is too slow for them",
    "Office manager worried the monthly fee for {n} chairs is too high",
    "Asked whether the scanner export works with their imaging software ({n} scans a week)",
    "Dentist wants remakes covered for {n} months before signing",
]
# What buyers said on a recorded call of a veterinary software deal.
SAID = [
    "The subscription costs more than our two clinics can carry.",
    "Does the reminder module send texts to pet owners?",
    "Migrating ten years of patient records sounds painful.",
]


def _seed(workspace: Workspace, notes: int = 40) -> None:
    with workspace.session() as db:
        for n in range(notes):
            call = Call(
                content_hash=f"note-{n}", filename=f"crm.csv #{n}", format="csv",
                title=f"Practice {n:03d}", raw_text="", call_date=dt.date(2026, 2, 1 + n % 27),
                account=f"Practice {n:03d}", outcome="lost",
            )  # fmt: skip
            db.add(call)
            db.flush()
            text = NOTES[n % len(NOTES)].format(n=n + 3)
            _say(db, call, 0, "Rep note", "rep_note", text)
        _add_buyer_call(db)


def _add_buyer_call(db: Any, lines: Sequence[str] = SAID) -> Call:
    call = Call(
        content_hash=f"vet-{len(lines)}", filename="vet.txt", format="txt", title="Harbor Vets",
        raw_text="", call_date=dt.date(2026, 3, 4), account="Harbor Vets", outcome="open",
    )  # fmt: skip
    db.add(call)
    db.flush()
    for seq, text in enumerate(lines):
        _say(db, call, seq, "Noor Adebayo", "buyer", text)
    return call


def _say(db: Any, call: Call, seq: int, speaker: str, role: str, text: str) -> Mention:
    turn = Utterance(call_id=call.id, seq=seq, speaker=speaker, role=role, text=text)
    db.add(turn)
    db.flush()
    kind = "question" if text.startswith(("Does", "Asked")) else "objection"
    mention = Mention(
        utterance_id=turn.id, call_id=call.id, kind=kind, category=None,
        text=text, char_start=0, char_end=len(text), confidence=0.9,
    )  # fmt: skip
    db.add(mention)
    db.flush()
    return mention


def test_buyers_only_search_reads_only_the_rows_it_shows(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(workspace)
    search.warm_search(workspace)
    asked: list[int] = []
    load_rows = search.load_rows  # type: ignore[attr-defined]

    def counted(session: Any, **filters: Any) -> Any:
        asked.extend(filters.get("mention_ids") or [])
        return load_rows(session, **filters)

    monkeypatch.setattr(search, "load_rows", counted)
    hits = search.search_quotes(workspace, "too expensive for our clinics", k=2)
    assert [h["text"] for h in hits][0] == SAID[0]
    assert {h["speaker"] for h in hits} == {"Noor Adebayo"}
    assert len(asked) <= 2, asked  # not every reps' note on the way down the index
    asked.clear()
    notes = search.search_quotes(workspace, "monthly fee", k=3, roles=["rep_note"])
    assert len(notes) == 3 and len(asked) <= 3
    assert all("fee" in h["text"] for h in notes)


def _work_counters(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    work = {"file_reads": 0, "vectors_read": 0}
    read_index = faiss.read_index
    embed_cached = mention_index.embed_cached  # type: ignore[attr-defined]

    def reading(*args: Any) -> Any:
        work["file_reads"] += 1
        return read_index(*args)

    def embedding(session: Any, embedder: Any, texts: Sequence[str]) -> Any:
        work["vectors_read"] += len(texts)
        return embed_cached(session, embedder, texts)

    monkeypatch.setattr(faiss, "read_index", reading)
    monkeypatch.setattr(mention_index, "embed_cached", embedding)
    return work


def test_an_upload_brings_the_loaded_index_up_to_date_with_its_mentions_alone(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(workspace)
    search.warm_search(workspace)
    work = _work_counters(monkeypatch)
    with workspace.session() as db:  # an analysis's commit, its delta not yet written
        call = _add_buyer_call(db, ["Training our nurses would take a whole quarter."])
        call_id = call.id
    hits = search.search_quotes(workspace, "staff training takes too long", k=1)
    assert hits[0]["text"] == "Training our nurses would take a whole quarter."
    assert work == {"file_reads": 0, "vectors_read": 1}, work  # not every mention again
    with workspace.session() as db:  # then the analysis records it in the index's delta
        added = list(db.query(Mention).filter(Mention.call_id == call_id))
        update_index(workspace, db, [], added, workspace.embedder.encode([m.text for m in added]))
    with workspace.session() as db:  # and the next upload commits
        _add_buyer_call(db, ["Our vets already chart in another system.", "x"])
    search.search_quotes(workspace, "charting system", k=1)
    assert work == {"file_reads": 0, "vectors_read": 3}, work


def test_a_filtered_ivf_search_finds_rare_mentions_beyond_its_usual_lists() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(600, 16)).astype(np.float32)
    ids = list(range(1000, 1600))
    ivf = MentionIndex.build(ids, vectors, model="m", dim=16, ivf_from=100)
    flat = MentionIndex.build(ids, vectors, model="m", dim=16)
    rare = np.asarray(ids[::97], dtype=np.int64)  # a few buyers' mentions among many notes
    query = vectors[3:4]
    expected = [h.mention_id for h in flat.search(query, 5, rare)]
    assert len(expected) == 5 and set(expected) <= set(rare.tolist())
    assert [h.mention_id for h in ivf.search(query, 5, rare)] == expected
