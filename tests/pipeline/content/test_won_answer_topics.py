"""A won deal's reply answers an objection only on the objection's topic (its category, or
nearest in meaning to it of the buyer's turn); a reply to another line of the turn is left out.

Why: "I just don't love annual. What if the coaches hate it?" got "You can start monthly. If
after three months you want annual, we'll apply the discount from then.", and that contract
reply was shown as how a won deal answered the staff-adoption worry."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.won_answers import on_its_topic
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (objection's category, the objection, the buyer's whole turn, the rep's reply)
OFF_TOPIC = [
    (
        "adoption",
        "What if the coaches hate it?",
        "I just don't love annual. What if the coaches hate it?",
        "You can start monthly. If after three months you want annual, we'll apply the discount.",
    ),
    (
        "setup_time",
        "Setup would take weeks we don't have.",
        "The price is steep. Setup would take weeks we don't have.",
        "It's forty a month per vet, and annual billing takes fifteen percent off the price.",
    ),
    (
        "security",
        "Where is our client data stored?",
        "We'd want a monthly contract. Where is our client data stored?",
        "There's a monthly plan with no minimum term, cancel whenever you like.",
    ),
]
ON_TOPIC = [
    (
        "contract",
        "I just don't love annual.",
        "I just don't love annual. What if the coaches hate it?",
        "You can start monthly. If after three months you want annual, we'll apply the discount.",
    ),
    (
        "switching",
        "I don't want to lose it.",
        "We've got two years of history in there. I don't want to lose it.",
        "We'll migrate it for you, free: staff, PINs and the historical hours, and import them.",
    ),
    (
        "security",
        "I am not putting staff bank details into yet another system.",
        "I am not putting staff bank details into yet another system.",
        "You wouldn't. We never store bank details, only hours, rates and shifts.",
    ),
]


@pytest.mark.parametrize(("category", "quoted", "turn", "reply"), OFF_TOPIC)
def test_a_reply_on_another_topic_answers_no_objection(
    category: str, quoted: str, turn: str, reply: str
) -> None:
    assert not on_its_topic(category, quoted, turn, reply)


@pytest.mark.parametrize(("category", "quoted", "turn", "reply"), ON_TOPIC)
def test_a_reply_on_the_objections_topic_answers_it(
    category: str, quoted: str, turn: str, reply: str
) -> None:
    assert on_its_topic(category, quoted, turn, reply)


@pytest.mark.parametrize(("category", "quoted", "turn", "reply"), OFF_TOPIC)
def test_by_meaning_the_reply_answers_the_line_it_is_nearest(
    embedder: Embedder, category: str, quoted: str, turn: str, reply: str
) -> None:
    assert not on_its_topic(category, quoted, turn, reply, embedder)
    # Said alone, the objection is the only line the reply can answer.
    assert on_its_topic(category, quoted, quoted, reply, embedder)


def test_each_theme_gets_only_the_reply_on_its_topic(
    workspace: Workspace, embedder: Embedder
) -> None:
    """One buyer turn with a contract worry and an adoption worry (the last of the turn), the
    rep's reply about the contract: the contract theme cites it, the adoption theme does not."""
    _, quoted, turn, reply = OFF_TOPIC[0]
    with workspace.session() as db:
        adoption = add_theme(db, "Staff adoption", "staff")
        contract = add_theme(db, "Contract terms", "annual")
        _, turns = _call(
            db, 1, "Eastside Gym", "won", "2026-08-04",
            [("Jo", "buyer", turn), ("Sam Rivera", "rep", reply)],
        )  # fmt: skip
        annual = _mention(db, turns[0], "objection", "contract", contract)
        annual.char_start, annual.char_end, annual.text = 0, 25, turn[:25]
        coaches = _mention(db, turns[0], "objection", "adoption", adoption)
        coaches.char_start, coaches.char_end, coaches.text = 26, len(turn), quoted
        annual.confidence = coaches.confidence = 0.9
        db.flush()
        evidence = collect_evidence(db, [adoption.id, contract.id], embedder=embedder)
    answers = {c.id: [evidence.quote(i) for i in c.answer_ids] for c in evidence.clusters}
    assert answers[adoption.id] == [], answers
    assert [q.text for q in answers[contract.id] if q] == [reply], answers
