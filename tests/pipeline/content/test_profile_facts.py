"""Which product-profile facts answer a worry: those of the lists made for its category, the
ones sharing words with what sets the worry apart first; a general list (features, proof
points) only where it shares a word, and never a fact that repeats the reply beside it."""

from __future__ import annotations

import dataclasses

import numpy as np

from pipeline.content.generate import generate_document
from pipeline.content.profile import (
    ProductProfile,
    ProfileFact,
    content_words,
    facts_for,
    profile_facts,
    set_profile,
)
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

PRICING = "$49 a month base plus $4 per active user."
ANNUAL = "Annual billing takes 15% off the monthly price."
MONTHLY = "Monthly plan: same price, no annual commitment, cancel whenever."
GUESTS = "Guest users (agency or cover staff) get shifts by SMS without a full login."
APP = "Staff get shifts, swaps and reminders in the mobile app or by text."
EXPORT = "Payroll export to LedgerLeaf in one click."
PROOF = "Most cafe customers get weekly rota time under thirty minutes."
PROFILE = [
    ProfileFact(n, section, text)
    for n, (section, text) in enumerate(
        [
            ("pricing", PRICING),
            ("plans", ANNUAL),
            ("plans", MONTHLY),
            ("plans", GUESTS),
            ("features", EXPORT),
            ("features", APP),
            ("proof_points", PROOF),
        ],
        start=1,
    )
]


def texts(facts: list[ProfileFact]) -> list[str]:
    return [fact.text for fact in facts]


def test_a_general_list_answers_only_a_worry_it_shares_words_with() -> None:
    staffly = "A competitor already has everyone's contracts in it staffly rotapro contracts hr"
    assert facts_for(PROFILE, "competitor", about=staffly) == []
    apps = "Staff won't use it use staff use app half smartphones apps"
    assert texts(facts_for(PROFILE, "adoption", about=apps)) == [APP]


def test_a_fact_the_reply_already_says_is_left_out_with_the_rest_of_its_list() -> None:
    locked = "Locked into twelve months months locked contract annual"
    reply = "Then do monthly. Same price, no annual commitment, cancel whenever."
    assert texts(facts_for(PROFILE, "contract", about=locked)) == [ANNUAL, MONTHLY]
    assert texts(facts_for(PROFILE, "contract", about=locked, besides=reply)) == [ANNUAL]


def test_the_lists_made_for_a_category_answer_it_one_fact_each_without_shared_words() -> None:
    dear = "price too high for a small team price expensive"
    assert texts(facts_for(PROFILE, "price", about=dear)) == [PRICING, ANNUAL]
    assert facts_for(PROFILE, None, about=dear) == []


def test_words_are_compared_without_stop_words_or_plurals() -> None:
    assert content_words("The apps and the reminders, when we need them") == {"app", "reminder"}


def test_an_industry_tag_is_read_off_and_keeps_the_fact_to_its_industry(
    ws: Workspace, seeded: Seeded
) -> None:
    """A Healthcare use case had cited "Most cafe customers..." as its proof."""
    profile = ProductProfile(
        name="Bookly",
        pricing=[],
        plans=[],
        features=[],
        integrations=[],
        security=[],
        onboarding=[],
        proof_points=[
            "[Health & fitness] Most gyms fill their class rota in ten minutes.",
            "Customers answer a booking request within the hour.",
            "[ Trades ] Most builders book their first job the day they sign up.",
        ],
    )
    facts = profile_facts(profile)
    assert [(f.industry, f.text) for f in facts] == [
        ("Health & fitness", "Most gyms fill their class rota in ten minutes."),
        (None, "Customers answer a booking request within the hour."),
        ("Trades", "Most builders book their first job the day they sign up."),
    ]
    assert facts[2].fits("trades") and facts[2].fits(None) and not facts[2].fits("Retail")
    with ws.session() as db:
        set_profile(db, profile)
        document = generate_document(db, ws.settings, doc_type="use-case", industry="Trades")
        proof = document.structured["content"]["proof"]
        stated = {p["text"] for p in document.structured["evidence"]["profile"]}
    assert [p["text"] for p in proof][:2] == [
        "Most builders book their first job the day they sign up.",
        "Customers answer a booking request within the hour.",
    ]
    assert "Most gyms fill their class rota in ten minutes." not in stated


def test_by_meaning_a_lists_closest_fact_answers_not_its_first() -> None:
    """Sharing no word with "Partners have to sign off", the plans' first fact ("Annual
    billing...") had answered it; by meaning the monthly plan does. A general list's fact
    answers when it is closer than every fact of the category's own lists."""
    sign_off = "The partners have to sign off first partners sign"
    near = {2: 0.20, 3: 0.45, 4: 0.10, 7: 0.30}
    assert texts(facts_for(PROFILE, "authority_timing", about=sign_off)) == [ANNUAL]
    assert texts(facts_for(PROFILE, "authority_timing", about=sign_off, near=near)) == [MONTHLY]
    assert texts(facts_for(PROFILE, "authority_timing", about=sign_off, near=near | {7: 0.6})) == [
        MONTHLY,
        PROOF,
    ]


def test_a_fact_sharing_no_word_answers_only_the_theme_it_is_nearest() -> None:
    """On a page of several themes, the plans' closest fact to "sign-off" was "Annual
    billing" only because sign-off is the plans' category; nearer the price theme, it answers
    that one, and sign-off is left for a writer. A theme's own list gives two facts it owns."""
    sign_off = "The partners have to sign off first partners sign"
    near = {2: 0.40, 3: 0.35, 4: 0.10, 7: 0.30}
    assert texts(facts_for(PROFILE, "authority_timing", about=sign_off, near=near)) == [ANNUAL]
    owned_elsewhere: frozenset[int] = frozenset()  # every plan is nearer another theme
    assert (
        facts_for(PROFILE, "authority_timing", about=sign_off, near=near, owned=owned_elsewhere)
        == []
    )
    both = frozenset({2, 3})
    assert texts(facts_for(PROFILE, "authority_timing", about=sign_off, near=near, owned=both)) == [
        ANNUAL,
        MONTHLY,
    ]


def test_the_facts_a_theme_owns_on_a_page() -> None:
    from pipeline.content.evidence import ClusterEvidence, Evidence

    def theme(cid: int, closeness: dict[int, float]) -> ClusterEvidence:
        return ClusterEvidence(
            id=cid, name=f"t{cid}", kind="objection", category="price", size=1, calls=1,
            call_ids=[1], accounts=1, outcomes={}, keywords=[], quote_ids=[], answer_ids=[],
            first_seen=None, last_seen=None, fact_closeness=closeness,
        )  # fmt: skip

    price, security = theme(1, {2: 0.5, 3: 0.2}), theme(2, {2: 0.1, 3: 0.6})
    page = Evidence(clusters=[price, security], quotes=[], phrases=[], facts=[])
    assert page._owned(price) == frozenset({2})
    assert page._owned(security) == frozenset({3})
    alone = Evidence(clusters=[price], quotes=[], phrases=[], facts=[])
    assert alone._owned(price) is None  # nothing to compare with


def test_facts_are_chosen_by_meaning_with_the_real_embedder(
    ws: Workspace, seeded: Seeded, embedder: Embedder
) -> None:
    """A worry about staff and the app shares no word with the profile's facts; its theme's
    centroid is nearest the app fact."""
    from pipeline.content.collect import collect_evidence
    from pipeline.store.models import Cluster

    worry = ["My older techs will never touch a smartphone.", "The crew hates new gadgets."]
    with ws.session() as session:
        set_profile(
            session,
            ProductProfile(
                name="Shiftwise",
                pricing=[PRICING],
                plans=[],
                features=[EXPORT, APP],
                integrations=[],
                security=[],
                onboarding=[
                    "We migrate your spreadsheet of customers for free.",
                    "A trainer walks your team through the phone app on day one.",
                ],
                proof_points=[],
            ),
        )
        theme = session.get(Cluster, seeded.setup)
        assert theme is not None
        centroid = embedder.encode(worry).mean(axis=0)
        theme.centroid = (centroid / np.linalg.norm(centroid)).astype(np.float32).tobytes()
        session.flush()
        plain = collect_evidence(session, [seeded.setup])
        meant = collect_evidence(session, [seeded.setup], embedder=embedder)
    [cluster] = meant.clusters
    cluster = dataclasses.replace(cluster, category="adoption", name="Crew", keywords=[])
    [blind] = plain.clusters
    blind = dataclasses.replace(blind, category="adoption", name="Crew", keywords=[])
    # Its quoted buyer lines ("Setting it up would take weeks", "two weeks of downtime")
    # share no word or topic with any fact: neither the list's first nor the nearest by
    # meaning answers them; a gap to write beats a wrong answer.
    assert texts(plain.profile_for(blind, 1)) == []
    assert len(cluster.fact_closeness) == 5
    assert texts(meant.profile_for(cluster, 1)) == []


def test_a_use_case_helps_with_what_the_product_does_not_its_prices(
    ws: Workspace, seeded: Seeded, embedder: Embedder
) -> None:
    """A use case's "How it helps" had listed the prices; with the embedder its facts are the
    ones nearest the segment's themes."""
    profile = ProductProfile(
        name="Bookly",
        pricing=[PRICING],
        plans=[MONTHLY],
        features=[EXPORT, "Clients book and reschedule their own appointments online."],
        integrations=[],
        security=[],
        onboarding=[],
        proof_points=[],
    )
    with ws.session() as db:
        set_profile(db, profile)
        document = generate_document(
            db, ws.settings, doc_type="use-case", industry="Trades", embedder=embedder
        )
        helps = [p["text"] for p in document.structured["content"]["how_it_helps"]]
    assert helps and not {PRICING, MONTHLY} & set(helps)


def test_a_page_states_a_fact_again_only_when_a_theme_has_no_other() -> None:
    """ "Starter is month to month" had answered both the sign-off and the contract worry."""
    from pipeline.content.evidence import ClusterEvidence, Evidence

    def theme(cid: int, category: str) -> ClusterEvidence:
        return ClusterEvidence(
            id=cid, name="Too dear", kind="objection", category=category, size=2, calls=1,
            call_ids=[1], accounts=1, outcomes={}, keywords=[], quote_ids=[], answer_ids=[],
            first_seen=None, last_seen=None,
        )  # fmt: skip

    evidence = Evidence(clusters=[], quotes=[], phrases=[], facts=[], profile=PROFILE)
    stated: set[int] = set()
    assert texts(evidence.fresh_facts(theme(1, "price"), 1, stated)) == [PRICING]
    assert texts(evidence.fresh_facts(theme(2, "price"), 1, stated)) == [ANNUAL]
    only = evidence.fresh_facts(theme(3, "contract"), 1, stated)  # its one fact: said again
    assert texts(only) == [ANNUAL]
    assert texts(evidence.fresh_facts(theme(4, "setup_time"), 1, stated)) == []


def test_a_title_spells_a_phrase_as_the_buyer_did() -> None:
    """An SEO brief had been titled "Housecall pro: what buyers ask before they buy"."""
    import datetime as dt

    from pipeline.content.evidence import Evidence, Quote

    said = Quote(
        id=1, text="We looked at Housecall Pro last year.", role="buyer", kind="objection",
        call_id=1, utterance_id=1, mention_id=1, call_date=dt.date(2026, 3, 1), account=None,
        outcome="lost", speaker="buyer", cluster_id=1,
    )  # fmt: skip
    evidence = Evidence(clusters=[], quotes=[said], phrases=[], facts=[])
    assert evidence.as_spelled("housecall pro") == "Housecall Pro"
    assert evidence.as_spelled("double bookings") == "Double bookings"
