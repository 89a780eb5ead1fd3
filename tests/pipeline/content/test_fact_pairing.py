"""Each worry gets the fact that answers that worry, chosen for all worries at once and by the
words that set facts apart: a pricing explainer had answered "our jobs last two hours" with
the per-site price and "nearly double for our twelve sites" with the short-site proration."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.content.generate import generate_document
from pipeline.content.pairing import best_pairing, names_their_rival, shared_weight, word_weights
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention

CLEANING = [
    "$14 per home per month; a home paused between tenancies is not billed.",
    "One-off jobs under 3 weeks are prorated by the week.",
    "Cleaners get their rota by text, no app to install.",
    "Works offline in basements and syncs when signal returns.",
    "Data hosted in Frankfurt (EU); SOC 2 report under NDA.",
    "Xero: invoices pushed into Xero every night.",
]
CLEANING_SAID = [
    "Most of our cleans last three hours, so a per-home price makes no sense for us.",
    "Your per-home pricing came to nearly double for our forty homes.",
    "Our board will ask where the data is hosted.",
]
CLEANING_ANSWER = [1, 0, 4]

VET = [
    "$30 per vet per month; locums working under ten hours a week are half price.",
    "Annual plan: two months free, paid up front.",
    "Reminders by SMS and email, sent from your clinic's own number.",
    "VetHub: appointments and invoices synced both ways with VetHub.",
    "Patient records imported from your old system in one weekend.",
]
VET_SAID = [
    "We use a lot of part-time locums, so paying the full seat for them hurts.",
    "We'd rather pay once a year than every month.",
    "Honestly we'll just stick with VetHub.",
    "Moving ten years of patient history scares me.",
]
VET_ANSWER = [0, 1, 3, 4]

EVENT_HIRE = [
    "£2 per booking, nothing for a cancelled one.",
    "Weekend-only hires are charged by the day.",
    "Deposits taken by card when the customer books.",
    "Stock counts update as vans are loaded.",
    "Setup by our team in two weeks, with your price list imported.",
    "Sage: invoices and deposits pushed into Sage.",
    "Data hosted in Dublin; GDPR data processing agreement included.",
]
EVENT_SAID = [
    "Our hires are done in two days, so paying for a full month is silly.",
    "A fee on every booking adds up when we take four hundred a month.",
    "Chasing deposits by phone eats my Fridays.",
]
EVENT_ANSWER = [1, 0, 2]

RIVALS = ["VetHub", "Sage", "Xero"]


@pytest.mark.parametrize(
    ("facts", "said", "answer"),
    [(CLEANING, CLEANING_SAID, CLEANING_ANSWER), (VET, VET_SAID, VET_ANSWER),
     (EVENT_HIRE, EVENT_SAID, EVENT_ANSWER)],
    ids=["cleaning", "vets", "event-hire"],
)  # fmt: skip
def test_each_worry_gets_the_fact_that_answers_it(
    facts: list[str], said: list[str], answer: list[int]
) -> None:
    weights = word_weights(facts, RIVALS)
    scores = [[shared_weight(s, f, weights, RIVALS) for f in facts] for s in said]
    assert best_pairing(scores) == dict(enumerate(answer))


def test_the_best_pairing_is_over_all_worries_at_once() -> None:
    # The first worry fits both facts a little; the second only the first fact.
    assert best_pairing([[2.0, 1.5], [1.8, 0.0]]) == {0: 1, 1: 0}
    assert best_pairing([[0.0, 0.0], [1.0, 0.0]]) == {1: 0}  # a pair scoring nothing is none
    assert best_pairing([]) == {}


def test_words_in_most_facts_weigh_least() -> None:
    weights = word_weights(EVENT_HIRE, RIVALS)
    assert weights["deposit"] < weights["weekend"]


def test_a_fact_naming_the_buyers_rival_speaks_to_them() -> None:
    said = ["Honestly we'll just stick with VetHub for now."]
    assert names_their_rival(VET[3], said, RIVALS)
    assert not names_their_rival(VET[0], said, RIVALS)
    assert not names_their_rival(EVENT_HIRE[5], said, RIVALS)


def test_the_pricing_explainer_pairs_two_price_worries_with_their_own_facts(
    ws: Workspace, embedder: Embedder
) -> None:
    with ws.session() as db:
        set_profile(db, ProductProfile(name="Sparkrota", pricing=CLEANING[:2], plans=[],
                    features=CLEANING[2:4], integrations=[], security=[], onboarding=[],
                    proof_points=[]))  # fmt: skip
        said = CLEANING_SAID[:2]
        centre = embedder.encode(said).mean(axis=0)
        theme = Cluster(kind="objection", name="Per-home price", keywords=[],
                        centroid=(centre / np.linalg.norm(centre)).astype(np.float32).tobytes())  # fmt: skip  # noqa: E501
        db.add(theme)
        db.flush()
        for n, text in enumerate(said, start=1):
            _, [utterance] = _call(db, n, f"Cleaners {n}", "lost", f"2026-0{n}-01",
                                   [("Robin", "buyer", text)], "Home cleaning")  # fmt: skip
            _mention(db, utterance, "objection", "price", theme).confidence = 0.9
        db.flush()
        explainer = generate_document(
            db, ws.settings, doc_type="pricing-explainer", use_llm=False, embedder=embedder,
            cluster_ids=[theme.id],
        )  # fmt: skip
        answers = {c["question"]: c["answer"] for c in explainer.structured["content"]["concerns"]}
    assert answers == {said[0]: CLEANING[1], said[1]: CLEANING[0]}
