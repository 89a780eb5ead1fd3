"""An uncertain mention (below ``confident_at``) never opens a document while a confident one is
left: review 20d's pricing explainer had opened "What buyers ask about price: “We signed off on
the budget yesterday, so this is really about rollout.”", a won deal's buying signal read as a
price objection at 0.23, while two confident price worries headed its sections."""

from __future__ import annotations

from pipeline.content.choose import suitable_clusters
from pipeline.content.generate import generate_document
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

SURE = [
    "Paying per room for the quiet season makes no sense for a twelve-room guesthouse.",
    "Your per-room price came out at nearly double what we pay for the booking engine.",
]
UNSURE = "The owners said yes last week, so now it's all about the changeover date."
ALSO_SURE = "Three hundred a month is more than our whole laundry contract."


def _seed(ws: Workspace, embedder: Embedder, themes: list[list[tuple[str, float]]]) -> list[int]:
    ids = []
    with ws.session() as db:
        for n, said in enumerate(themes, start=1):
            theme = theme_around(db, embedder, [text for text, _ in said])
            for m, (text, confidence) in enumerate(said):
                turns = [("Morgan Tell", "buyer", text)]
                call_no = 10 * n + m
                _, [utterance] = _call(
                    db, call_no, f"Inn {call_no}", "open", f"2026-02-{call_no % 28 + 1:02d}", turns
                )
                _mention(db, utterance, "objection", "price", theme).confidence = confidence
            ids.append(theme.id)
        db.flush()
    return ids


def _explainer(ws: Workspace, embedder: Embedder, ids: list[int]) -> tuple[str, list[str]]:
    with ws.session() as db:
        doc = generate_document(
            db, ws.settings, doc_type="pricing-explainer", use_llm=False, embedder=embedder,
            cluster_ids=ids,
        )  # fmt: skip
        content = doc.structured["content"]
        return content["summary"]["text"], [c["question"] for c in content["concerns"]]


def test_an_uncertain_quote_does_not_open_the_page(ws: Workspace, embedder: Embedder) -> None:
    """One theme of two confident worries and an uncertain one: the page opens with a
    confident worry, or (its worries all quoted below it, the uncertain line about no price)
    with no quote, never the uncertain line."""
    ids = _seed(ws, embedder, [[(SURE[0], 0.9), (SURE[1], 0.8), (UNSURE, 0.23)]])
    summary, questions = _explainer(ws, embedder, ids)
    assert UNSURE not in summary and UNSURE not in questions
    assert any(text in summary for text in SURE) or "“" not in summary


def test_sections_open_with_confident_worries_first(ws: Workspace, embedder: Embedder) -> None:
    """A theme whose every mention is uncertain comes after the confident ones, and the opening
    line is a confident worry not yet quoted."""
    ids = _seed(
        ws,
        embedder,
        [[(UNSURE, 0.21)], [(SURE[0], 0.9), (SURE[1], 0.8)], [(ALSO_SURE, 0.7)]],
    )
    summary, questions = _explainer(ws, embedder, ids)
    assert UNSURE not in summary
    assert questions[0] in SURE
    assert UNSURE not in questions[:-1]  # if quoted at all, last


def test_a_theme_of_uncertain_mentions_only_is_chosen_last(
    ws: Workspace, embedder: Embedder
) -> None:
    """Left to choose its themes, a document takes a larger theme none of whose mentions is sure
    after every theme with a sure one (a 0.17 "why we picked you" had been a theme of its own)."""
    unsure_theme, small_sure_theme = _seed(
        ws,
        embedder,
        [[(UNSURE, 0.21), ("We signed off on the spend, it's about rollout now.", 0.3)],
         [(ALSO_SURE, 0.7)]],
    )  # fmt: skip
    with ws.session() as db:
        ranked = suitable_clusters(db, "objection", categories=["price"])
        assert ranked == [small_sure_theme, unsure_theme]
        # a user's stricter bar leaves no theme sure: then size decides, as before
        assert suitable_clusters(db, "objection", confident_at=0.95) == [
            unsure_theme,
            small_sure_theme,
        ]
