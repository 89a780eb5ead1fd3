"""A use case's proof is our profile's proof points and what buyers in won deals said of us,
never our side's words.

Why: a Hospitality use case's "Proof" quoted two rep lines from won deals ("A rep in a won deal:
“Totally fair. It's forty-nine a month base...”"): the seller's own pitch, proof of nothing."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# Per industry: a worry a rep answered in a won deal, the answer, and a buyer's praise of us.
CASES = [
    (
        "Trades",
        "Nine dollars a head is a lot for a crew of six.",
        "Most crews make that back in the first month on overtime alone, and you can go monthly.",
        "The timesheets just come in now, honestly it just works.",
    ),
    (
        "Veterinary",
        "Forty a vet is more than we pay for the old system.",
        "Most practices cover that in the first month from the no-shows the reminders save them.",
        "The reminders have been great, our no-shows dropped by half since we started.",
    ),
]


_PROFILE = ProductProfile(
    name="Crewly", pricing=[], plans=[], features=[], integrations=[], security=[],
    onboarding=[], proof_points=["Most teams go live in a week."],
)  # fmt: skip


def _proof(ws: Workspace, industry: str, worry: str, reply: str, praise: str) -> list[Any]:
    with ws.session() as db:
        set_profile(db, _PROFILE)
        theme = add_theme(db, "Price per head", "price")
        _, turns = _call(
            db, 1, "Acme", "won", "2026-05-04",
            [("Pat", "buyer", worry), ("Sam Rivera", "rep", reply), ("Pat", "buyer", praise)],
            industry=industry,
        )  # fmt: skip
        _mention(db, turns[0], "objection", "price", theme).confidence = 0.9
        _mention(db, turns[2], "objection", "price", theme).confidence = 0.2
        # A second worry of the theme, answered too: its reply is left over for the proof.
        _, again = _call(
            db, 2, "Bolt", "won", "2026-05-11",
            [("Lee", "buyer", f"Like I said, {worry[0].lower()}{worry[1:]}"),
             ("Sam Rivera", "rep", f"Again, {reply[0].lower()}{reply[1:]}")],
            industry=industry,
        )  # fmt: skip
        _mention(db, again[0], "objection", "price", theme).confidence = 0.8
        db.flush()
        document = generate_document(
            db, ws.settings, doc_type="use-case", industry=industry, use_llm=False
        )
        content = document.structured["content"]
        quotes = {q["id"]: q for q in document.structured["evidence"]["quotes"]}
        return [(p, [quotes[i] for i in p["citations"]]) for p in content["proof"]]


@pytest.mark.parametrize(("industry", "worry", "reply", "praise"), CASES)
def test_proof_is_never_a_reps_words(
    ws: Workspace, industry: str, worry: str, reply: str, praise: str
) -> None:
    proof = _proof(ws, industry, worry, reply, praise)
    texts = " ".join(p["text"] for p, _ in proof)
    assert reply[1:] not in texts, proof
    assert all(q["role"] == "buyer" and q["outcome"] == "won" for _, qs in proof for q in qs)
    assert "Most teams go live in a week." in texts and praise in texts, proof
