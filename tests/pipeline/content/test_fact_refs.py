"""A fact an FAQ has stated in full under one question is referred to under the next, not
written out again, unless it is that question's only answer.

Why: a review's marina FAQ answered "Will my staff actually use it?" and "How long does it take
to get up and running?" with the same two facts, word for word."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.fact_refs import facts_told
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, ProfileFact, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import objection_themes

SETUP = ProfileFact(1, "onboarding", "Set-up takes about three weeks, your data moved for free.")
TRAINING = ProfileFact(2, "onboarding", "Two training sessions with a named onboarding lead.")
SHARED = ProfileFact(3, "features", "Staff apps work on shared devices.")
STAFF = "Will my staff actually use it?"
SETTING_UP = "How long does it take to get up and running?"


def _see(question: str) -> str:
    return f"See also the answer above to *{question}*"


@pytest.mark.parametrize(
    ("facts", "before", "answered", "told"),
    [
        # Nothing stated before: each in full.
        ([SETUP, TRAINING], {}, False, [SETUP.text, TRAINING.text]),
        # A fresh fact in full, the one stated before referred to.
        ([SETUP, TRAINING], {2: STAFF}, False, [SETUP.text, _see(STAFF)]),
        ([TRAINING, SHARED], {2: STAFF}, False, [_see(STAFF), SHARED.text]),
        # Only facts stated before and no reply: the first is the only answer, in full.
        ([SETUP, TRAINING], {1: STAFF, 2: STAFF}, False, [SETUP.text, _see(STAFF)]),
        ([TRAINING], {2: STAFF}, False, [TRAINING.text]),
        # A reply beside it answers: the facts stated before are referred to.
        ([SETUP, TRAINING], {1: STAFF, 2: STAFF}, True, [_see(STAFF)]),
        ([TRAINING], {2: STAFF}, True, [_see(STAFF)]),
        # Stated under two questions: a reference to each, once.
        ([SETUP, TRAINING, SHARED], {1: STAFF, 2: SETTING_UP}, True,
         [_see(STAFF), _see(SETTING_UP), SHARED.text]),
        ([SETUP, TRAINING, SHARED], {1: STAFF, 2: STAFF}, False,
         [_see(STAFF), SHARED.text]),
    ],
)  # fmt: skip
def test_a_fact_stated_before_is_referred_to(
    facts: list[ProfileFact], before: dict[int, str], answered: bool, told: list[str]
) -> None:
    first = dict(before)
    said = facts_told(facts, "Where is our data stored?", first, answered)
    assert [s.rstrip(".") for s in said] == [t.rstrip(".") for t in told]
    for fact in facts:  # the question that states a fact first keeps it
        assert first[fact.id] == before.get(fact.id, "Where is our data stored?")


@dataclass(frozen=True)
class Trade:
    industry: str
    staff: tuple[str, str]  # an adoption theme's worries
    setup: tuple[str, str]  # a setup theme's worries


TRADES = [
    Trade("Dental labs",
          ("Will the technicians actually use it? They hate training.",
           "Our older technicians won't learn a new app without training."),
          ("How long before we're up and running? The set-up can't take months.",
           "We can't spend weeks on set-up and training.")),
    Trade("Breweries",
          ("Will the bar staff actually use it, or will it need training?",
           "Half the brewers won't learn a new app without training."),
          ("How long does set-up take before we're live?",
           "We can't spend weeks setting it up and training people.")),
    Trade("Schools",
          ("Will teachers actually use it? They've no time for training.",
           "The office staff won't learn another app without training."),
          ("How long before we're up and running? Set-up in term time is hard.",
           "We can't spend weeks on set-up and training.")),
    Trade("Logistics",
          ("Will the drivers actually use it? They skip training.",
           "Our planners won't learn a new app without training."),
          ("How long does set-up take before the depot is live?",
           "We can't spend weeks setting it up and training people.")),
    Trade("Salons",
          ("Will the stylists actually use it, or need training?",
           "The juniors won't learn a new app without training."),
          ("How long before we're up and running? Set-up can't close the salon.",
           "We can't spend weeks on set-up and training.")),
    Trade("Clinics",
          ("Will the physios actually use it? Training time is scarce.",
           "Reception won't learn a new app without training."),
          ("How long does set-up take before the clinic is live?",
           "We can't spend weeks setting it up and training people.")),
]  # fmt: skip


def _faq(ws: Workspace, embedder: Embedder, trade: Trade) -> list[dict]:
    with ws.session() as db:
        set_profile(db, ProductProfile(
            name="Tideway", features=["Bookings and invoices in one place."],
            onboarding=[SETUP.text, TRAINING.text],
        ))  # fmt: skip
        said = {"adoption": list(trade.staff), "setup_time": list(trade.setup)}
        ids = objection_themes(db, embedder, trade.industry, said)
        page = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=ids,
        )  # fmt: skip
        return list(page.structured["content"]["items"])


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_an_faq_states_a_fact_in_full_once(ws: Workspace, embedder: Embedder, trade: Trade) -> None:
    items = _faq(ws, embedder, trade)
    assert len(items) == 2, items
    first, second = (item["answer"] for item in items)
    both = [f.text for f in (SETUP, TRAINING) if f.text in first and f.text in second]
    assert len(both) <= 1, items  # never the same facts twice, word for word
    for text in both:  # stated twice only as the later entry's only answer, leading it
        assert second.startswith(text), items
    if set(items[0]["profile"]) & set(items[1]["profile"]):  # the rest referred to
        assert f"*{items[0]['question']}*" in second, items
