"""Quote search on the real embedder: of the nearest quotes, the confident mentions come first;
a short fragment the detector doubts shares a short query's small words and had ranked above
the buyers' real price quotes ("Just not for us." first for "too expensive for us")."""

from __future__ import annotations

import datetime as dt

from pipeline.cluster import search
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace

# (the buyer's sentence, the detector's confidence that it is an objection)
SAID = [
    ("Just not for us.", 0.29),
    ("Cheaper.", 0.43),
    ("Honestly the monthly price is more than a bakery our size can justify.", 0.94),
    ("We pay our current rota tool less than that.", 0.94),
    ("Why would we pay for this on top of the payroll suite?", 0.93),
    ("The onboarding took our managers two full weeks.", 0.95),
]


def _seed(workspace: Workspace) -> None:
    with workspace.session() as db:
        call = Call(
            content_hash="search-order", filename="tidewater.txt", format="txt",
            title="Tidewater Bakes", raw_text="", call_date=dt.date(2026, 3, 4),
            account="Tidewater Bakes", outcome="lost",
        )  # fmt: skip
        db.add(call)
        db.flush()
        for seq, (text, confidence) in enumerate(SAID):
            turn = Utterance(call_id=call.id, seq=seq, speaker="Wen", role="buyer", text=text)
            db.add(turn)
            db.flush()
            db.add(
                Mention(
                    utterance_id=turn.id, call_id=call.id, kind="objection", category=None,
                    text=text, char_start=0, char_end=len(text), confidence=confidence,
                )
            )  # fmt: skip


def test_confident_quotes_come_before_doubted_fragments(workspace: Workspace) -> None:
    _seed(workspace)
    hits = search.search_quotes(workspace, "too expensive for us", k=5, kind="objection")
    texts = [hit["text"] for hit in hits]
    confident_at = workspace.settings.confident_at
    sure = [hit["confidence"] >= confident_at for hit in hits]
    assert sure == sorted(sure, reverse=True), texts  # every confident one first
    assert texts[0] == SAID[2][0] or texts[0] in (SAID[3][0], SAID[4][0]), texts
    first_doubted = sure.index(False)
    closest = max(hits, key=lambda hit: hit["similarity"])
    assert closest["confidence"] < confident_at  # the embedder alone puts a fragment first
    assert hits.index(closest) >= first_doubted
    sure_part = hits[:first_doubted]  # most similar first within each part
    assert [h["similarity"] for h in sure_part] == sorted(
        (h["similarity"] for h in sure_part), reverse=True
    )
