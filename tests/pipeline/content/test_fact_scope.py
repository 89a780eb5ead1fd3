"""A worry is answered by what addresses it, on a small dental-software workspace with the real
embedder: a worry filed under a rival but about being locked into its contract is answered by
the plans fact written for it, not a feature sharing a word; a fact or won-deal reply for one
market (a country, its currency) or one industry is said only to that market's or industry's
buyers; and a worry nothing answers is left to write."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy.orm import Session

from pipeline import market_evidence
from pipeline.content import scope
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.scope import audience, foreign_words, regions_named, speaks_to
from pipeline.content.topics import quoted_topic, worry_topic
from pipeline.embed import Embedder
from pipeline.market_evidence import markets_shown
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention

DEFERRED = "Billing starts when your current practice-software contract ends, up to 6 months later."
MODULE = "The recall module can be bought alone, without the charting tool."
CHART = "Canadian clinics: provincial billing codes are filled from the chart automatically."
SEATS = "Solo plan: $79 per chair a month; Group plan: five chairs for $299 (CAD 399)."
ORTHO = "Orthodontics practices cut aligner check-in no-shows by a third."
PROFILE = ProductProfile(
    name="Chairside",
    pricing=[SEATS],
    plans=[MODULE, DEFERRED],
    features=[
        CHART,
        "The patient app books, confirms and reschedules recall visits.",
        "Charting by voice while gloved.",
    ],
    integrations=["Two-way sync with the main imaging bridges."],
    security=["HIPAA compliant, data hosted in the US."],
    onboarding=["Patient records are imported from your old system for free."],
    proof_points=[ORTHO],
)
LOCKED = [
    "We're on DentaSoft and we signed an annual contract in March, so we're locked in.",
    "Okay, but we signed a two-year deal with DentaSoft last spring.",
    "We're mid-contract with DentaSoft through 2027 and our hygienists love the charting.",
]
PRICE = [
    "That's more than we budgeted for the front desk.",
    "Seventy-nine a chair adds up fast for a practice our size.",
    "I can't get that past my partner at that price.",
]
CAD_REPLY = (
    "Totally fair. We bill Canadian clinics in CAD now, it's ninety-nine a chair, less than a "
    "day of hygiene time."
)
PLAIN_REPLY = (
    "Totally fair. Most practices your size start on the Group plan, five chairs for two "
    "ninety-nine a month in total."
)


def _theme(db: Session, name: str, said: list[str], embedder: Embedder) -> Cluster:
    centre = embedder.encode(said).mean(axis=0)
    theme = Cluster(
        kind="objection",
        name=name,
        keywords=["contract", "charting", "locked"],
        centroid=(centre / np.linalg.norm(centre)).astype(np.float32).tobytes(),
    )
    db.add(theme)
    db.flush()
    return theme


def _seed(ws: Workspace, embedder: Embedder) -> tuple[int, int]:
    """A rival's-contract theme (three general dentistry calls) and a price theme answered in
    two won deals: a Canadian one (its reply in CAD) and one naming no market."""
    with ws.session() as db:
        set_profile(db, PROFILE)
        locked = _theme(db, LOCKED[0], LOCKED, embedder)
        price = _theme(db, PRICE[0], PRICE, embedder)
        for n, text in enumerate(LOCKED, start=1):
            _, [u] = _call(db, n, f"Smile {n}", "open", "2026-03-01", [("Pat", "buyer", text)],
                           industry="General dentistry")  # fmt: skip
            _mention(db, u, "objection", "competitor", locked, competitor="DentaSoft")
        replies = [
            (PRICE[0], CAD_REPLY, "Maple Dental"),
            (PRICE[1], PLAIN_REPLY, "Bright Teeth"),
        ]
        for n, (worry, reply, account) in enumerate(replies, start=10):
            turns = [("Lee", "buyer", worry), ("Sam Rivera", "rep", reply)]
            _, [u, _r] = _call(db, n, account, "won", "2026-03-02", turns,
                               industry="General dentistry")  # fmt: skip
            _mention(db, u, "objection", "price", price).confidence = 0.9
        _, [u] = _call(db, 20, "Align Co", "open", "2026-03-03", [("Kim", "buyer", PRICE[2])],
                       industry="Orthodontics")  # fmt: skip
        _mention(db, u, "objection", "price", price).confidence = 0.9
        return locked.id, price.id


def test_a_worry_under_a_rival_is_answered_for_what_it_is_about(
    ws: Workspace, embedder: Embedder
) -> None:
    locked, price = _seed(ws, embedder)
    with ws.session() as db:
        faq = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=[locked, price],
        )  # fmt: skip
        stated = {p["id"]: p["text"] for p in faq.structured["evidence"]["profile"]}
        items = faq.structured["content"]["items"]
    rival = next(i for i in items if "DentaSoft" in i["question"])
    answers = [stated[i] for i in rival["profile"]]
    assert answers and answers[0] == DEFERRED
    assert CHART not in answers  # a feature sharing "charting", for another market
    dear = next(i for i in items if i is not rival)
    assert PLAIN_REPLY[:40] in dear["answer"] and "Canadian clinics" not in dear["answer"]


def test_a_page_for_one_industry_borrows_no_other_markets_reply_or_industrys_fact(
    ws: Workspace, embedder: Embedder
) -> None:
    """The orthodontics page has no won reply of its own to the price worry: it quotes no
    dentistry deal's reply (neither the Canadian clinics' CAD one nor the plain one), states no
    Canadian fact; and the dentistry page does not state the orthodontics proof."""
    _seed(ws, embedder)
    with ws.session() as db:
        ortho = generate_document(
            db, ws.settings, doc_type="use-case", industry="Orthodontics", use_llm=False,
            embedder=embedder,
        )  # fmt: skip
        general = generate_document(
            db, ws.settings, doc_type="use-case", industry="General dentistry", use_llm=False,
            embedder=embedder,
        )  # fmt: skip
        ortho_body, general_body = ortho.body_markdown, general.body_markdown
    assert CAD_REPLY[:40] not in ortho_body and PLAIN_REPLY[:40] not in ortho_body
    assert "Canadian" not in ortho_body
    assert ORTHO not in general_body


def test_the_market_a_sentence_is_for() -> None:
    assert regions_named(CHART) == {"Canada"}
    assert regions_named("Let us know, we'll send it to US-based staff") == {"United States"}
    assert regions_named("Give us a call") == frozenset()
    assert not speaks_to(CHART, frozenset())
    assert speaks_to(CHART, frozenset({"Canada"}))
    assert speaks_to(SEATS, frozenset())  # dollars and CAD: written for both
    assert speaks_to("Pro is $99 (US) or AUD 129 in Australia.", frozenset())
    assert not speaks_to("Price is £49 a month.", frozenset({"Canada"}))
    calls = ["We bill in CAD", "Our Toronto clinic", "no market here", "nor here"]
    assert audience(calls) == frozenset()  # one Canadian call of four
    assert audience(["Canadian clinic", "our CAD budget", "plain"]) == {"Canada"}


def test_a_documents_audiences_read_each_call_once(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {1: "We bill in CAD", 2: "Our Toronto clinic", 3: "no market here", 4: "Canadian"}
    pools = [{1: texts[1], 2: texts[2], 3: texts[3]}, texts, {4: texts[4], 1: texts[1]}]
    expected = [audience(pool.values()) for pool in pools]
    read: list[str] = []

    def counted(lines: list[str]) -> frozenset[str]:
        read.extend(lines)
        return markets_shown(lines)

    monkeypatch.setattr(scope, "markets_shown", counted)
    audiences = scope.Audiences()
    assert [audiences(pool) for pool in pools] == expected
    assert audiences({3: texts[3], 4: texts[4]}) == frozenset()  # one of two is no majority
    assert sorted(read) == sorted(texts.values())


def test_the_words_of_the_calls_other_industries() -> None:
    assert foreign_words("Orthodontics", ["General dentistry", "Orthodontics"]) == {
        "general",
        "dentistry",
    }
    assert foreign_words(None, ["General dentistry"]) == frozenset()


def test_what_a_worry_filed_under_a_rival_is_about() -> None:
    assert quoted_topic(LOCKED) == "contract"
    assert quoted_topic(["We tried DentaSoft and nobody opened it.", "DentaSoft is fine."]) is None
    assert worry_topic("competitor", LOCKED) == "contract"
    assert worry_topic("price", LOCKED) == "price"  # a category with a topic keeps it


def test_a_texts_markets_are_read_once_whoever_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page asks for each call's markets three times (buyer, scope, offers), and each page of
    a run for the same calls: the second ask is answered without reading the text again."""
    calls = [
        ["Our Toronto dental clinic is billed in CAD.", "Four chairs, two hygienists."],
        ["We're a plumbing firm in Leeds, £40 a seat is steep.", "Six vans on the road."],
        ["Our practice in Brisbane does BAS for tradies.", "It's AUD 129 a month?"],
    ]
    first = [markets_shown(lines) for lines in calls]
    reads: list[str] = []
    found = market_evidence._found

    def counted(sign: market_evidence._Sign, text: str) -> int:
        reads.append(text)
        return found(sign, text)

    monkeypatch.setattr(market_evidence, "_found", counted)
    assert [markets_shown(lines) for lines in calls] == first
    assert first == [{"Canada"}, {"United Kingdom"}, {"Australia"}]
    assert reads == []
    markets_shown(["A funeral home in Ohio, $95 a month."])  # a new text is read
    assert reads
