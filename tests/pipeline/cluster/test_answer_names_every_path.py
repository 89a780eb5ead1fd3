"""A theme of answers ("Twenty minutes.", "Twice a week.") is named from the rep's question they
answer on every path that names a theme, not only on a full re-cluster: a merge, a split's
halves and a theme that new calls open. Those paths had named it by a fragment or "Problems
buyers raise" (the demo's "How long payroll takes", relabelled after a merge)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster import edits
from pipeline.cluster.answered import asked_about, fragment_questions
from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.index import mention_vectors
from pipeline.cluster.relabel import label_edited
from pipeline.embed import Embedder, normalise
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings

# (the rep's question, the buyers' answers): none of the answers reads alone
VETS = (
    "How long does a vaccine clinic take you?",
    ["Twenty minutes.", "Half an hour, roughly.", "About forty minutes.", "An hour, easily.",
     "Fifteen minutes."],
)  # fmt: skip
SALONS = (
    "And how often do clients miss appointments?",
    ["Twice a week.", "Every Saturday.", "Most weekends.", "Three times a week.", "Constantly."],
)
BANKING = (
    "How long does a transfer take to clear?",
    ["Three days.", "A week, sometimes.", "Two days.", "Up to five days.", "Overnight, usually."],
)
WAREHOUSING = (
    "So how long does onboarding a new site take?",
    ["Three months.", "A full quarter.", "Six weeks at best.", "Two months, easily.", "Ages."],
)


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _answers(
    db: Session,
    question: str,
    answers: list[str],
    kind: str = "pain",
    category: str | None = None,
    cluster: Cluster | None = None,
) -> list[Mention]:
    """One call per answer: the rep asks, the buyer answers; the answer is a mention."""
    mentions = []
    for text in answers:
        n = db.scalar(select(Call.id).order_by(Call.id.desc()).limit(1)) or 0
        call = Call(
            content_hash=f"h{n + 1}", filename=f"c{n + 1}.txt", format="txt", raw_text=text,
            call_date=dt.date(2026, 1, 1 + n % 28),
        )  # fmt: skip
        db.add(call)
        db.flush()
        db.add(Utterance(call_id=call.id, seq=0, speaker="Rep", role="rep", text=question))
        said = Utterance(call_id=call.id, seq=1, speaker="Buyer", role="buyer", text=text)
        db.add(said)
        db.flush()
        mention = Mention(
            utterance_id=said.id, call_id=call.id, kind=kind, category=category, text=text,
            char_end=len(text), confidence=0.9, cluster_id=cluster.id if cluster else None,
        )  # fmt: skip
        db.add(mention)
        mentions.append(mention)
    db.flush()
    return mentions


@pytest.mark.parametrize("trade", [VETS, SALONS, BANKING])
def test_a_merged_theme_of_answers_is_named_from_the_question(
    workspace: Workspace, trade: tuple[str, list[str]]
) -> None:
    question, answers = trade
    with workspace.session() as db:
        first = Cluster(kind="pain", name=answers[0].rstrip("."), status="active")
        second = Cluster(kind="pain", name=answers[2].rstrip("."), status="active")
        db.add_all([first, second])
        db.flush()
        _answers(db, question, answers[:2], cluster=first)
        _answers(db, question, answers[2:], cluster=second)
        merged = edits.merge_clusters(workspace, db, [first.id, second.id])
    assert merged["name"] == asked_about(question)


def test_a_splits_halves_are_named_from_the_questions_they_answer(workspace: Workspace) -> None:
    """The halves of a split (``label_edited``, as ``split_cluster`` names them), each of
    answers to its own question; and the theme put back together keeps its name."""
    with workspace.session() as db:
        halves = [_answers(db, *VETS), _answers(db, *BANKING)]
        names = [label.name for label in label_edited(workspace, db, halves, "pain")]
    assert names == [asked_about(VETS[0]), asked_about(BANKING[0])]


def test_a_split_then_unsplit_theme_of_answers_keeps_the_questions_names(
    workspace: Workspace,
) -> None:
    with workspace.session() as db:
        theme = Cluster(kind="pain", name=asked_about(SALONS[0]) or "", status="active")
        db.add(theme)
        db.flush()
        _answers(db, *SALONS, cluster=theme)
        _answers(db, *WAREHOUSING, cluster=theme)
        split = edits.split_cluster(workspace, db, theme.id)
        halves = [db.get(Cluster, cid) for cid in split["children"]]
        named = [h.name for h in halves if h is not None]
        asked = {asked_about(SALONS[0]), asked_about(WAREHOUSING[0])}
        # each half holds most of one question's answers: it is named from that question
        assert set(named) <= asked, named
        back = edits.undo_split(db, split["children"][0])
    assert back["name"] == asked_about(SALONS[0])


def test_a_theme_new_calls_open_is_named_from_the_question(workspace: Workspace) -> None:
    """A category no theme holds yet gets a theme of its own on upload (``assign_incremental``):
    named from the rep's question, not "Setup time" (its category's label)."""
    with workspace.session() as db:
        price = Cluster(kind="objection", name="Price", status="active")
        db.add(price)
        db.flush()
        [held] = _answers(
            db, "What do you think of the price?", ["It's too expensive for us."], "objection",
            "price", price,
        )  # fmt: skip
        price.centroid = mention_vectors(workspace, db, [held])[0].astype(np.float32).tobytes()
        new = _answers(db, *WAREHOUSING, kind="objection", category="setup_time")
        vectors = normalise(mention_vectors(workspace, db, new))
        assign_incremental(db, new, vectors)
        homes = {m.cluster_id for m in new}
        assert len(homes) == 1 and price.id not in homes
        theme = db.get(Cluster, homes.pop())
        assert theme is not None and theme.name == asked_about(WAREHOUSING[0])


def test_only_a_fragments_question_is_read(workspace: Workspace) -> None:
    """A quote that reads alone names no theme from a question: its question is not looked up
    (a workspace's rep turns are most of its text), on every path alike."""
    whole = "Our vaccine clinics overrun every single Saturday morning."
    with workspace.session() as db:
        mentions = _answers(db, VETS[0], [VETS[1][0], whole])
        asked = fragment_questions(db, [[(m.text, m.utterance_id) for m in mentions]])
    assert asked == [[VETS[0], None]]
