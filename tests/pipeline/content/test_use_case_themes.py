"""A use case is built from the themes its industry's buyers raised in their own words: the
clusters list for Music showed Bayside's "If every parent has to put their card in again"
while the use case had picked the four largest themes, all of reps' notes and of chat lines
no speaker was named for (which a document never quotes), and answered "no buyer objections
in Music calls to build a use case from"."""

from __future__ import annotations

from pipeline.cluster.queries import list_clusters
from pipeline.content.generate import generate_document
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

CARDS = "If every parent has to put their card in again, half of them won't and we'll lose fees."
# What the rep wrote down, or a chat line read with no speaker: counted, never quoted.
SECONDHAND = [
    ("rep_note", "Worried the monthly price is more than their current tool."),
    ("unknown", "Our committee wants to know where the data is held."),
    ("rep_note", "Teachers already know My Music Staff, switching is a hard sell."),
    ("unknown", "Twelve months is a long contract for a charity like us."),
]


def _seed(ws: Workspace) -> int:
    """Four Music themes of two second-hand mentions each, and the buyer's own one-mention
    worry; returns that worry's theme."""
    with ws.session() as db:
        turns = [("", role, text) for role, text in SECONDHAND for _ in range(2)]
        _, said = _call(db, 1, "Harmony House", "lost", "2026-08-04", turns, industry="Music")
        for n, (_, text) in enumerate(SECONDHAND):
            theme = add_theme(db, name=text[:30], keyword=f"theme{n}")
            for utterance in said[2 * n : 2 * n + 2]:
                _mention(db, utterance, "objection", None, theme)
        cards = add_theme(db, name="Parents re-entering cards", keyword="card")
        _, [worry] = _call(
            db, 2, "Bayside Music Studio", "won", "2026-09-25", [("Kate", "buyer", CARDS)],
            industry="Music",
        )  # fmt: skip
        _mention(db, worry, "objection", None, cards)
        db.flush()
        return cards.id


def test_the_use_case_is_built_from_what_its_buyers_said(ws: Workspace) -> None:
    cards = _seed(ws)
    with ws.session() as db:
        listed = {c["id"] for c in list_clusters(db, kind="objection", industry="Music")}
        document = generate_document(db, ws.settings, doc_type="use-case", industry="music")
        worries = [w["objection"] for w in document.structured["content"]["objections"]]
    assert cards in listed and len(listed) == 5
    assert document.cluster_ids == [cards]
    assert worries == [CARDS]
