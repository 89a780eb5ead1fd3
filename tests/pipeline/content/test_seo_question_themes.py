"""An SEO brief on a worry takes in the recurring question themes on the same worry: "Questions
to answer" lists each theme's question as buyers asked it, with the buyers who asked it in
those words and the theme's calls, and
the outline's searched question ("How much does X cost?") cites the buyers who asked it, not
their worries.

Why: the demo's brief on pricing said "No buyer questions besides the outline's." while "But
what does it cost?" was a question theme of ten calls, and its "How much does scheduling
software cost?" cited "But honestly it's the money."."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention


@dataclass(frozen=True)
class Trade:
    industry: str
    pitch: str
    searched: str  # the outline's searched price question for the pitch's kind of product
    worries: tuple[str, ...]  # price worries, each on a call of its own
    asked: tuple[str, ...]  # price questions, each on a call of its own, the first the shortest


TRADES = [
    Trade(
        "Veterinary",
        "Practice management software for independent vet clinics.",
        "How much does practice management software cost?",
        (
            "Paying per vet is going to hurt us when the locums are in.",
            "Three hundred a month is more than our whole software budget.",
            "The per-vet price doubles our bill over the summer.",
        ),
        (
            "And what does it cost?",
            "Okay. What's the price for a two-vet practice?",
            "What would it cost with the locums included?",
        ),
    ),
    Trade(
        "Warehousing",
        "Warehouse management software for third-party logistics firms.",
        "How much does warehouse management software cost?",
        (
            "Per-order pricing is going to hurt us at peak.",
            "Paying per pallet on top of the licence is too much for us.",
            "Our budget for software this year is already spent.",
        ),
        (
            "But what does it cost?",
            "Sure. What's the price for two warehouses?",
            "What would it cost for the seasonal pickers?",
        ),
    ),
    Trade(
        "Accounting",
        "Practice management software for small accounting firms.",
        "How much does practice management software cost?",
        (
            "Forty a seat is a lot for a firm of our size.",
            "Paying per client on top of the seats is too much for us.",
            "The price goes up sharply once you pass ten users.",
        ),
        (
            "So what does it cost?",
            "Right. What's the price for eight partners?",
            "What would it cost with the juniors included?",
        ),
    ),
]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _brief(workspace: Workspace, trade: Trade) -> tuple[dict[str, Any], dict[int, str], int]:
    """The generated brief's content, its quotes' texts by id, and the question theme's id."""
    with workspace.session() as db:
        set_profile(
            db,
            ProductProfile(
                name="Tallyo", pitch=trade.pitch, pricing=["$49 a month per site."], plans=[],
                features=[], integrations=[], security=[], onboarding=[], proof_points=[],
            ),
        )  # fmt: skip
        worry = Cluster(kind="objection", name="Price", keywords=["price"])
        asked = Cluster(kind="question", name="What does it cost?", keywords=["cost"])
        db.add_all([worry, asked])
        db.flush()
        said = [(worry, "objection", t) for t in trade.worries]
        said += [(asked, "question", t) for t in trade.asked]
        for n, (theme, kind, text) in enumerate(said, start=1):
            _, [turn] = _call(
                db, n, f"{trade.industry} account {n}", "open", f"2026-05-{n:02d}",
                [("Robin", "buyer", text)], industry=trade.industry,
            )  # fmt: skip
            _mention(db, turn, kind, "price", theme).confidence = 0.9
        db.flush()
        document = generate_document(
            db, workspace.settings, doc_type="seo-brief", use_llm=False,
            embedder=workspace.embedder,
        )  # fmt: skip
        assert asked.id in document.cluster_ids, document.cluster_ids
        structured = document.structured
        quotes = {int(q["id"]): str(q["text"]) for q in structured["evidence"]["quotes"]}
        return structured["content"], quotes, asked.id


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_a_brief_lists_the_question_themes_on_its_worry(workspace: Workspace, trade: Trade) -> None:
    content, quotes, _ = _brief(workspace, trade)
    questions = content["questions"]
    shortest = trade.asked[0].split(" ", 1)[1].capitalize()  # "And what does it cost?"
    # One buyer asked it in these words; the theme's three calls are its pricing questions.
    [listed] = [q for q in questions if "pricing questions on 3 sales calls" in q["text"]]
    said = f"{shortest} (asked in these words by 1 buyer; pricing questions on 3 sales calls)"
    assert listed["text"] == said, questions
    assert [quotes[i] for i in listed["citations"]] == [trade.asked[0]], listed
    # The searched question cites the buyers who asked it, none of the worries.
    h3s = [h for s in content["outline"] for h in s["h3"]]
    [searched] = [h for h in h3s if h["text"] == trade.searched]
    cited = [quotes[i] for i in searched["citations"]]
    assert cited and all(text in trade.asked[1:] for text in cited), (cited, h3s)
