"""Which quotes cannot stand alone (a short sentence carrying on, pointing back or saying
little), the lead-in a turn gives them, and that one with none gives way on a theme page to
another of its role: a buyer's fragment never lets a rep's note in."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from pipeline.cluster.lead_ins import lead_in, needs_lead_in
from pipeline.cluster.queries import get_cluster
from pipeline.store.models import Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call

LEANING = [
    "And then the price.",  # vets
    "Plus the contract.",  # warehousing
    "Also the audit fee.",  # accountants
    "But the colour booking, though.",  # salons
    "Or the kennel cards.",
    "That's why we stayed with paper.",
    "That's the problem.",
    "It's too much for us.",
    "Those are the main things.",
    "Well, so not this quarter.",
]
STANDING = [
    "The kennel software crashes every Monday morning.",
    "Our pickers lose an hour a shift to the scanner.",
    "It's too expensive for a salon our size.",
    "What does the payroll module cost?",
    "The bookkeeping fee doubled last year.",
    "And the vans never turn up on time at the depot, honestly.",
]


@pytest.mark.parametrize("text", LEANING)
def test_a_fragment_needs_a_lead_in(text: str) -> None:
    assert needs_lead_in(text)


@pytest.mark.parametrize("text", STANDING)
def test_a_sentence_that_says_what_stands_alone(text: str) -> None:
    assert not needs_lead_in(text)


def test_a_lead_in_is_the_turns_words_before_it_verbatim() -> None:
    turn = "The dye stock count took me all Sunday. Yeah. Plus the contract."
    assert lead_in(turn, turn.index("Plus")) == "The dye stock count took me all Sunday. Yeah."
    turn = "Exactly. And then the price."
    assert lead_in(turn, turn.index("And")) == ""  # nothing said before it in the turn


def test_a_question_is_no_lead_in() -> None:
    """What a buyer asked (a feature) is not what they worry about: a fragment after it has no
    lead-in, so a published page never quotes the question."""
    for turn in (
        "Do the work orders handle antifouling by the metre? That's how we price it.",
        "The rota's fine. Can it split tips by hours worked? Because that's the bit I hate.",
        "Does it read the pallet labels? Also the annual contract.",
    ):
        fragment = turn.rsplit("? ", 1)[1]
        assert needs_lead_in(fragment), fragment
        assert lead_in(turn, turn.index(fragment)) == "", turn


def test_a_fragment_with_no_lead_in_gives_way_to_a_buyer_not_a_note(workspace: Workspace) -> None:
    said = [
        ("vets", "Exactly. And then the price.", "And then the price.", 0.99),
        ("depot", "The scanner licence costs more than the forklifts.", None, 0.97),
        ("salon", "Owner says the per-seat price is too high for four chairs.", None, 0.95),
        ("books", "Per-seat fees are too steep for a six-person practice.", None, 0.9),
    ]
    with workspace.session() as db:
        theme = Cluster(kind="objection", name="Price")
        db.add(theme)
        db.flush()
        theme_id = theme.id
    for key, turn, part, confidence in said:
        call_id = add_call(workspace, [turn], key=key)
        with workspace.session() as db:
            utterance = db.scalars(
                select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
            ).one()
            if key == "salon":  # the rep's note of the call, not the buyer's words
                db.execute(
                    update(Utterance).where(Utterance.id == utterance.id).values(role="rep_note")
                )
            text = part or turn
            start = turn.index(text)
            db.add(
                Mention(
                    utterance_id=utterance.id, call_id=call_id, kind="objection",
                    category="price", text=text, char_start=start, char_end=start + len(text),
                    confidence=confidence, cluster_id=theme_id,
                )
            )  # fmt: skip
            db.commit()
    with workspace.session() as db:
        quotes = get_cluster(db, theme_id, quotes=2)["quotes"]
    assert [q["text"] for q in quotes] == [said[1][1], said[3][1]]


def test_a_bare_pronoun_with_only_a_verdict_needs_a_lead_in() -> None:
    """A bare pronoun and a verdict ("It's the only thing that matters to me.") says no more
    than "It's too much for us." does; "It's too expensive." and "They never log in." say what."""
    assert needs_lead_in("It's the only thing that matters to me.")
    assert needs_lead_in("It's a big deal for us.")
    assert needs_lead_in("They're the main reason.")
    assert not needs_lead_in("It's too expensive.")
    assert not needs_lead_in("They never log in.")
    assert not needs_lead_in("The stock count is the main reason.")
