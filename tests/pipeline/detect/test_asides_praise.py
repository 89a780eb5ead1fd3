"""Praise, results, won deals' reasons, sign-offs and rivals only named, read after the kind model
(``pipeline/detect/asides.py``, ``[arranging]`` in ``cues.toml``): review 21e had filed a won
customer's "The Shopify sync is the part I was nervous about and it just works." as an
integrations objection (and named the theme after it), "I'd recommend you to anyone ..." and
"the per-order pricing was what sold my CFO" as objections, a result ("Our mis-picks dropped
from about forty a week to maybe three") as a pain, "Send us the proposal and we'll talk again in
two weeks." as an authority objection and "we also looked at <rival> last year" as a competitor
objection."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.acceptance import accepts_a_limit
from pipeline.detect.asides import names_a_rival_only, praises_us, takes_back_a_hint
from pipeline.detect.early_start import wants_an_early_start
from pipeline.detect.rules import ARRANGING, lowered, ruled_other, settles_it
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# Praise and a won deal's reason, across industries and languages; a worry that has passed.
PRAISE = [
    "We're never going back to paper.",
    "Honestly, I'm not going back, the team loves it.",
    "The Shopify sync is the part I was nervous about and it just works.",
    "Honestly, I'd recommend you to anyone running Shopify out of their own warehouse.",
    "Honestly, the per-order pricing was what sold my CFO — it’s predictable.",
    "Eli (owner) said the Shopify + Amazon sync was the deciding factor.",
    "Honestly we just needed something our part-timers could learn in an afternoon.",
    "I was worried about the Xero connection, but it just works.",
    "We had our doubts about the offline mode and it hasn't missed a beat since.",
    "The rota works like a charm for the night shift.",
    "I've already recommended you to two other clinics.",
    "The audit trail was exactly what sold the partners.",
    "Text reminders were the deciding factor for our practice manager.",
    "Honestly, the route planning sealed the deal for us.",
    "We're so glad we switched, the drivers love the app.",
    "Best decision we made this year, to be honest.",
    "The support team has never let us down.",
    "Couldn't be happier with the onboarding.",
    "The payroll export is worth every penny.",
    "Honestly it's been a game-changer for our front desk.",
    "All we really wanted was something the volunteers could pick up in a morning.",
    "La integración con Shopify simplemente funciona.",
    "Se lo recomiendo a cualquier bodega que venda en Amazon.",
    "Franchement, la synchro avec Sage, ça marche tout seul.",
]
# Results the buyer got: something bad fell or something good rose.
RESULTS = [
    "Our mis-picks dropped from about forty a week to maybe three, and the team actually likes"
    " scanning now.",
    "Chargebacks from our retail clients have all but disappeared.",
    "No-shows went down by a third since the reminders started.",
    "Late deliveries dropped to almost nothing in March.",
    "Our pick accuracy went up to 99.8 percent.",
    "Overtime hours are down forty percent this quarter.",
    "Billing errors fell from twelve a month to one.",
    "Customer complaints have dropped since go-live.",
    "Same-day shipping went up from 70 to 95 percent.",
    "Returns for wrong items came down by half.",
    "Our throughput has doubled on the night shift.",
    "Support tickets about passwords have basically stopped.",
    "Spoilage in the cold room is down to a couple of cases a month.",
    "Stock-outs on the top sellers dropped from weekly to maybe once a quarter.",
    "Our write-offs at stocktake fell by two thirds.",
]
# The same words turned to a worry, denied, asked, set on a condition or said of a rival.
NOT_PRAISE = [
    # a task they refuse to do again: a requirement as often as praise
    "I'm not going back to scanning lab PDFs into a chart.",
    "We're not going back to retyping every order by hand.",
    "It just works, except the Shopify sync keeps dropping orders.",
    "I'd recommend you if the price were lower.",
    "The per-order pricing is what worries my CFO.",
    "I wouldn't recommend you to anyone right now.",
    "Our sales dropped from forty a week to three.",
    "Mis-picks dropped at first, but they're back up to forty a week.",
    "ShipHero just works for us, so why would we switch?",
    "Our current system just works.",
    "It just works, but the renewal price doubled.",
    "The deciding factor will be price.",
    "Nothing has sold my CFO on it yet.",
    "Was the sync what sold them?",
    "I was nervous about the Shopify sync and it keeps dropping orders.",
    "We were worried about the migration and we still are.",
    "No lo recomiendo, la integración falla cada semana.",
]
# A polite sign-off or next step: no objection.
SIGN_OFFS = [
    "Send us the proposal and we'll talk again in two weeks.",
    "Mándame la propuesta en pesos y en dólares, por favor.",
    "Sure, run it by our marketing lead first.",
    "Send over the updated quote and we'll regroup next week.",
    "Just send me the deck, I'll share it with the partners.",
    "Envíanos la cotización y hablamos la próxima semana.",
    "Send me the case study and let's catch up on Friday.",
    "Please send through the pricing breakdown.",
    "Let's reconnect on Thursday once I've read it through.",
    "Yes, check it with our ops manager first.",
    "Of course, clear it with our brand team before you publish.",
    "Envoyez-nous la proposition et on en reparle.",
    "Me manda a proposta por e-mail, por favor.",
    "Send me the SOW and I'll get it to legal this week.",
    "Happy to chat again next Tuesday.",
]
# A next step with a worry in it, or the buyer's own approval still to come: not settled.
NOT_SIGN_OFFS = [
    "Send us the proposal, but I can't see the board agreeing to per-order pricing.",
    "I'll run it by our CFO first.",
    "Send me the pricing, though I doubt we can afford it.",
    "We'll talk again in two weeks, but honestly the price is a problem.",
]
RIVALS = ["Deposco", "Extensiv", "ShipHero", "Crewboard", "RotaPro", "PalletPilot", "Logiwa",
          "Karbon", "Fieldwire", "Clinko", "Procore"]  # fmt: skip
# A rival named and nothing said of it against us.
NAMED_ONLY = [
    "A friend at another distributor uses Deposco and likes it, but that's all I know about them.",
    "For what it's worth, we also looked at Extensiv last year.",
    "We had a demo with Crewboard a while back.",
    "Our sister company runs RotaPro.",
    "Someone at the trade show mentioned PalletPilot.",
    "I've heard of Logiwa, but I don't know much about them.",
    "We also spoke to ShipHero briefly in the spring.",
    "A colleague of mine used Karbon at her last firm.",
    "Years ago we trialled Clinko at the old practice.",
    "A lot of 3PLs in Ohio are on Extensiv.",
    "My old boss swore by Deposco.",
    "We looked at Procore once, years ago.",
    "Our accountant mentioned Karbon.",
    "We demoed Fieldwire in 2023.",
    "For what it's worth, a couple of clinics near us use Clinko.",
]
# A rival compared, preferred, priced, offered or run by the buyer: the model's to read.
WEIGHED = [
    "We looked at Extensiv last year and they were half your price.",
    "Deposco is cheaper for a warehouse our size.",
    "We're leaning towards ShipHero.",
    "We use Extensiv today and it does the job.",
    "Logiwa offered us three months free.",
    "A friend uses Deposco and says it's better for EDI.",
    "Why would we pick you over Extensiv?",
    "We looked at ShipHero, but their pricing didn't work.",
    "Our team loves Crewboard.",
    "Honestly RotaPro already does all of this.",
    "We're on Procore and the contract runs to June.",
]


@pytest.mark.parametrize("sentence", [*PRAISE, *RESULTS])
def test_praise_results_and_won_reasons_say_no_concern(sentence: str) -> None:
    assert praises_us(sentence, RIVALS)


@pytest.mark.parametrize("sentence", NOT_PRAISE)
def test_a_worry_denial_condition_or_rival_is_no_praise(sentence: str) -> None:
    assert not praises_us(sentence, RIVALS)


@pytest.mark.parametrize("sentence", SIGN_OFFS)
def test_a_sign_off_or_next_step_is_no_statement(sentence: str) -> None:
    assert ruled_other(sentence, "buyer")


@pytest.mark.parametrize("sentence", NOT_SIGN_OFFS)
def test_a_next_step_with_a_worry_is_not_settled(sentence: str) -> None:
    assert not ruled_other(sentence, "buyer")


@pytest.mark.parametrize("sentence", NAMED_ONLY)
def test_a_rival_only_named_is_no_objection(sentence: str) -> None:
    assert names_a_rival_only(sentence, RIVALS)


@pytest.mark.parametrize("sentence", WEIGHED)
def test_a_rival_weighed_against_us_is_left_to_the_model(sentence: str) -> None:
    assert not names_a_rival_only(sentence, RIVALS)
    assert not praises_us(sentence, RIVALS)


# Where a set's labels and a rule's convention differ, said here rather than either changed to
# fit: FarmGrid's expected.md calls a rival's fault found in a look years ago a pain; the rules
# read a criticism from a past look as no worry about us (rival_remarks.py: `other`).
KNOWN_DISAGREEMENTS = {
    "We tried AgriWebb a couple of years back and it kept spinning when there was no reception.",
}


def test_no_labelled_objection_or_pain_reads_as_praise_a_sign_off_or_a_rival_only_named() -> None:
    """The built-in labels (all the sets): none of their sentences labelled an objection or a
    pain is taken for praise, a next step, a rival only named, a limitation accepted, a start
    wished for or a hint taken back (but the known disagreements)."""
    path = resources.files("pipeline").joinpath("data", "objection_labels.csv")
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    worries = [row for row in rows if row["label"] in ("objection", "pain")]
    assert len(worries) > 900
    taken = [
        row["text"]
        for row in worries
        if praises_us(row["text"], row["competitors"].split(";"))
        or names_a_rival_only(row["text"], row["competitors"].split(";"))
        or (ARRANGING.search(lowered(row["text"])) and settles_it(row["text"]))
        or accepts_a_limit(row["text"])
        or wants_an_early_start(row["text"])
        or takes_back_a_hint(row["text"])
    ]
    assert set(taken) <= KNOWN_DISAGREEMENTS, taken


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["Deposco", "Extensiv", "ShipHero"])


# Each after the rep's line it followed in review 21e's calls; the worries stay objections.
AFTER_THE_REP = [
    ("Hannah, Leo, this is our ninety-day check-in, so I mostly want to hear how it's going.",
     "The Shopify sync is the part I was nervous about and it just works.", "other"),
    ("Temps can be on flex seats billed by the month.",
     "Honestly, I'd recommend you to anyone running Shopify out of their own warehouse.",
     "other"),
    ("Yes, eight weeks puts you live mid-May.",
     "Honestly, the per-order pricing was what sold my CFO — it’s predictable.", "other"),
    ("So how has the first quarter gone?",
     "Our mis-picks dropped from about forty a week to maybe three.", "other"),
    ("It's an order-volume tier plus a per-user fee.",
     "For what it's worth, we also looked at Extensiv last year.", "other"),
    ("It's an order-volume tier plus a per-user fee.",
     "Send us the proposal and we'll talk again in two weeks.", "other"),
    ("Who else are you talking to?",
     "A friend at another distributor uses Deposco and likes it, but that's all I know about"
     " them.", "other"),
    ("It's an order-volume tier plus a per-user fee.",
     "We looked at Extensiv last year and they were half your price.", "objection"),
    ("It's an order-volume tier plus a per-user fee.",
     "The per-order pricing is what worries my CFO.", "objection"),
    ("The Shopify sync runs every minute.",
     "It just works, except the Shopify sync keeps dropping orders.", "objection"),
    ("It's an order-volume tier plus a per-user fee.",
     "Send us the proposal, but I can't see the board agreeing to per-order pricing.",
     "objection"),
]  # fmt: skip


def test_the_detector_reads_them_so_and_keeps_the_rival_tag(
    detector: RuleEmbeddingDetector,
) -> None:
    lines: list[Line] = []
    for i, (rep, said, _) in enumerate(AFTER_THE_REP):
        lines += [Line(2 * i, "rep", rep), Line(2 * i + 1, "buyer", said)]
    found = detector.detect_utterances(lines)
    for i, (_, said, expected) in enumerate(AFTER_THE_REP):
        kinds = [d.kind for d in found[2 * i + 1] if d.kind not in ("competitor", "why_now")]
        assert kinds == [expected], said
    named = {d.competitor for i in (4, 6) for d in found[2 * i + 1] if d.kind == "competitor"}
    assert named == {"Extensiv", "Deposco"}
