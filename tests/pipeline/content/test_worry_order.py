"""A page's worries lead with the surest, plainest ones; a won deal's reply only breaks a tie.
A quote takes the question the buyer asked before it only where it shares the question's topic.

Why: a marina's pricing explainer led "What buyers ask about price" with "Do the work orders do
the antifouling by the metre? That's how we price it, by boat length." and the rep's "Yes, a
price item can be per metre of length." as what worked in a won deal, above "more than double"
and "forty-nine pounds a month is nearly six hundred a year": the price line leaned back, took
the feature question before it, and the reply had put it first."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.detect.sentences import quote_text
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, add_theme

# (a feature question, the buyer's own way of pricing that leans back on it, the rep's yes)
ASKED = [
    (
        "Can the portal show which shade each crown is?",
        "That's how we charge the dentists, per unit.",
        "Yes, each crown carries its shade on the docket.",
    ),
    (
        "Does it track the kegs out to each pub?",
        "That's what we bill the pubs by, per keg.",
        "Yes, every keg is scanned out against the pub.",
    ),
    (
        "Can parents book the after-school clubs on it?",
        "That's how we price the clubs, per term.",
        "Yes, parents book and pay for a term of clubs in one go.",
    ),
    (
        "Does it show the pallets in each bay?",
        "That's how we charge our customers, by the pallet.",
        "Yes, the bay view counts pallets live.",
    ),
    (
        "Can the stylists see their own columns?",
        "That's how we price the cuts, by stylist level.",
        "Yes, each stylist gets a column and a level.",
    ),
    (
        "Does it send the recall letters?",
        "That's where the cost goes, on postage.",
        "Yes, recalls go out by text and email first.",
    ),
    (
        "Do the work orders do the antifouling by the metre?",
        "That's how we price it, by boat length.",
        "Yes, a price item can be per metre of length.",
    ),
    (
        "Can it book the consult rooms?",
        "That's how we price them, by the hour.",
        "Yes, rooms book by the hour.",
    ),
    (
        "Can it log the spray records for each field?",
        "That's what the contractor charges us for, per hectare.",
        "Yes, every field keeps its spray log.",
    ),
    (
        "Can drivers see the delivery windows?",
        "That's what our customers pay extra for, a named hour.",
        "Yes, drivers see each drop's window on the app.",
    ),
    (
        "Does the app handle the class passes?",
        "That's how we price it, ten classes for sixty pounds.",
        "Yes, a pass can hold any number of classes.",
    ),
]
# Price worries said surely and plainly, one per page, by industry as ``ASKED``.
PLAIN = [
    "Your price is more than double what the lab pays for its current system.",
    "Forty pounds a month is too much for a brewery our size.",
    "The school can't justify the cost out of this year's budget.",
    "It's too expensive for a warehouse with our margins.",
    "Ninety pounds a month is nearly eleven hundred a year, that's too much for a salon.",
    "The clinic can't afford another monthly subscription this year.",
    "Forty-nine pounds a month is nearly six hundred a year for something we do for nothing.",
    "It's too expensive for a two-vet practice.",
    "The farm can't justify that cost for a few fields.",
    "The per-driver price is too steep for a fleet our size.",
    "It's too expensive for a gym with one studio.",
]


def _turn_quote(before: str, sentence: str) -> str:
    text = f"{before} {sentence}"
    start = text.index(sentence)
    return quote_text(text, sentence, start, start + len(sentence))


@pytest.mark.parametrize(("question", "sentence", "_reply"), ASKED)
def test_a_quote_does_not_take_a_question_on_another_topic(
    question: str, sentence: str, _reply: str
) -> None:
    assert _turn_quote(question, sentence) == sentence


# The question before is the quote's context: no topic of its own, or the question's.
KEEPS_THE_QUESTION = [
    ("Does it work with the Sage desktop version?", "We never moved to the cloud one."),
    ("How much is the per-seat price?", "That's more than we pay now."),
    ("What does the group plan cost?", "That's the price our finance director will ask about."),
    ("Is the booking page free for parents?", "That's what the head will want to know."),
]


@pytest.mark.parametrize(("question", "sentence"), KEEPS_THE_QUESTION)
def test_a_quote_keeps_a_question_it_shares_a_topic_with(question: str, sentence: str) -> None:
    assert _turn_quote(question, sentence) == f"{question} {sentence}"


def test_a_statement_before_is_taken_as_before() -> None:
    before = "Right now the price list lives in a Word doc."
    sentence = "We got a complaint about that."
    assert _turn_quote(before, sentence) == f"{before} {sentence}"


PROFILE = ProductProfile(
    name="Tallyway",
    pricing=["£39 a month per site, billed monthly."],
    plans=["Monthly plans roll month to month; there is no minimum term."],
    features=["Price items can be per unit, per hour or per metre."],
    proof_points=["A customer cut unpaid invoices by half."],
)


def _seed(db: Session, question: str, sentence: str, reply: str, plain: str) -> int:
    """A price theme: a won call where the buyer's pricing line (read 0.57) got the rep's yes,
    and a lost call's plain price worry (read 0.93) no won deal answered."""
    set_profile(db, PROFILE)
    theme = add_theme(db, "Price", "price")
    _, won = _call(
        db, 1, "Won Account", "won", "2026-10-20",
        [("Pat", "buyer", f"{question} {sentence}"), ("Sam Rivera", "rep", reply)],
    )  # fmt: skip
    _, lost = _call(db, 2, "Lost Account", "lost", "2026-10-21", [("Kim", "buyer", plain)])
    start = won[0].text.index(sentence)
    for turn, text, at, confidence in ((won[0], sentence, start, 0.57), (lost[0], plain, 0, 0.93)):
        db.add(
            Mention(
                utterance_id=turn.id, call_id=turn.call_id, kind="objection", category="price",
                text=text, char_start=at, char_end=at + len(text), cluster_id=theme.id,
                confidence=confidence,
            )
        )  # fmt: skip
    db.flush()
    return theme.id


def _explainer(ws: Workspace, case: int, **kw: Any) -> dict[str, Any]:
    question, sentence, reply = ASKED[case]
    with ws.session() as db:
        theme = _seed(db, question, sentence, reply, PLAIN[case])
        document = generate_document(
            db, ws.settings, doc_type="pricing-explainer", cluster_ids=[theme], use_llm=False, **kw
        )
        content: dict[str, Any] = document.structured["content"]
    return content


@pytest.mark.parametrize("case", range(len(ASKED)))
def test_the_surest_plainest_worry_leads_whatever_was_replied_to(ws: Workspace, case: int) -> None:
    question, sentence, reply = ASKED[case]
    page = _explainer(ws, case)
    concerns = page["concerns"]
    assert concerns[0]["question"] == PLAIN[case], concerns
    shown = " ".join([page["summary"]["text"], *(c["question"] for c in concerns)])
    assert question not in shown, shown


def test_a_reply_breaks_a_tie_between_worries_as_sure_and_plain(ws: Workspace) -> None:
    """Two plain worries read alike: the one a won deal answered comes first, with its reply."""
    answered, other = "It's too expensive for a lab our size.", "It's too expensive for us."
    reply = "Most labs our size pay it back in a month on remakes alone."
    with ws.session() as db:
        set_profile(db, PROFILE)
        theme = add_theme(db, "Price", "price")
        _, won = _call(
            db, 1, "Won Lab", "won", "2026-10-20",
            [("Pat", "buyer", answered), ("Sam Rivera", "rep", reply)],
        )  # fmt: skip
        _, lost = _call(db, 2, "Lost Lab", "lost", "2026-10-21", [("Kim", "buyer", other)])
        for turn, confidence in ((lost[0], 0.92), (won[0], 0.9)):
            db.add(
                Mention(
                    utterance_id=turn.id, call_id=turn.call_id, kind="objection",
                    category="price", text=turn.text, char_start=0, char_end=len(turn.text),
                    cluster_id=theme.id, confidence=confidence,
                )
            )  # fmt: skip
        db.flush()
        document = generate_document(
            db, ws.settings, doc_type="pricing-explainer", cluster_ids=[theme.id], use_llm=False
        )
        first = document.structured["content"]["concerns"][0]
    assert first["question"] == answered and reply in first["answer"], first


@pytest.mark.parametrize("case", [0, 6, 9])
def test_the_published_price_section_leads_with_the_plain_worry(
    workspace: Workspace, embedder: Embedder, case: int
) -> None:
    """End to end, real embedder and SQLite: generated with the embedder and exported for
    publishing, the page's first entry is the plain worry, and the feature question is
    nowhere on it."""
    question, sentence, reply = ASKED[case]
    with workspace.session() as db:
        theme = _seed(db, question, sentence, reply, PLAIN[case])
        document = generate_document(
            db, workspace.settings, doc_type="pricing-explainer", cluster_ids=[theme],
            use_llm=False, embedder=embedder,
        )  # fmt: skip
        page = export_document(db, workspace.settings, document.id, "md").content.decode()
    entries = page.split("## What buyers ask about price", 1)[1]
    # the first entry, headed by the worry or by its question with the worry quoted under it
    assert PLAIN[case] in entries.split("### ")[1], page
    assert question not in page, page
