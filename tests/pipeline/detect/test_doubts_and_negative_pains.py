"""The classes the sixth borderline set found misread (issue 16), in other words and trades
than the set's: pains said in the negative, unease with one's own process, doubt said by a
question's form or a hypothetical feeling, a question about working offline, a rival's praise
told as a result, thanks after "no problem", a set-up's shrug and a price that met what was
expected. The old kind is in the comment where it was misread; the near-misses beside them
keep their kind."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_kinds


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


READ_AS = {
    # pains said in the negative, of their own work
    "We can never find the MOT certificates when a customer rings.": "pain",  # garages; objection
    "Nobody can tell me which rooms are free on a Saturday without ringing round.": "pain",  # other
    "Half the leads go cold because nobody follows them up.": "pain",  # estate agents; objection
    "We miss repeat prescriptions because no one logs them.": "pain",  # pharmacies
    "Stock runs out and we don't find out until a customer asks for it.": "pain",  # shops
    "We don't realise a room's been double-sold until the guests turn up.": "pain",  # hotels; other
    # unease with their own process (objections)
    "I'm not happy with how long it takes us to get quotes out.": "pain",  # roofing
    "It bothers me how long it takes us to turn a room round.": "pain",  # hotels
    # doubt said by a question's form (questions)
    "Do you honestly think my plasterers will fill in an app at the end of the day?": "objection",
    "How are we supposed to retrain forty carers before the inspection?": "objection",
    "How am I meant to get ten years of patient notes across by March?": "objection",
    # a feeling put on the deal to come (already objections here; the set's one had been small
    # talk)
    "We'd be nervous letting the apprentices loose on the live diary.": "objection",  # salons
    "I'd feel uncomfortable putting client passports on someone else's server.": "objection",
    "I'd be a touch uneasy giving the subcontractors a login.": "objection",  # builders
    # a question about working offline (adoption objections)
    "Does it work offline out in the top fields where there's no signal?": "question",  # farms
    "Will it work offline down in the cellar with no reception?": "question",  # pubs
    "Can the engineers use it offline in a basement plant room with no signal?": "question",
    # thanks after "no problem" (integrations objections)
    "Not a problem, it's been really helpful, cheers.": "other",
    "No problem at all, it was brilliant, thanks.": "other",
    # a set-up with a shrug (an objection; the first was right already)
    "Orders come in by email and we print the picking list, it's pretty straightforward.": (
        "current_setup"
    ),
    "The lads text me their hours and I key them into Sage, all pretty straightforward.": (
        "current_setup"
    ),
    # a price that met what they expected (price objections)
    "That's about what we'd budgeted for, to be honest.": "other",
    "It's pretty much what I was expecting to pay.": "other",
}
STILL = {
    "I'm not happy with how long it takes to set it up.": "objection",
    "No signal in half the fields, so it has to work offline.": "objection",
    "How do we get the patient notes across?": "question",
    "That's more than what we budgeted for.": "objection",
    "Nobody will use it if it needs a password every time.": "objection",
}


def test_the_sixth_sets_classes_read_as_labelled(detector: RuleEmbeddingDetector) -> None:
    found = buyer_kinds(detector, [*READ_AS, *STILL])
    assert {t: found[t] for t in READ_AS} == READ_AS
    assert {t: found[t] for t in STILL} == STILL


RIVAL_PRAISED = [
    ("How do you find Slotly?", "Slotly's been great, the clients love the reminders.", "Slotly"),
    (
        "How do the drivers get on with it?",
        "RouteHop has worked really well for us, the drivers love the app.",
        "RouteHop",
    ),
    ("What do you use for classes?", "The members love the app, Gymbo's been brilliant.", "Gymbo"),
]


@pytest.mark.parametrize(("asked", "said", "rival"), RIVAL_PRAISED)
def test_a_rivals_praise_told_as_a_result_is_a_competitor_objection(
    detector: RuleEmbeddingDetector, asked: str, said: str, rival: str
) -> None:
    """Praise of the tool they run, told as what it did for them, is a reason to stay (it had
    been ``other``, read as a report that our trial went well)."""
    lines = [Line(0, "rep", asked), Line(1, "buyer", said)]
    found = detector.detect_utterances(lines, competitors=[rival])[1]
    kinds = [(d.kind, d.category) for d in found if d.kind not in ("competitor", "why_now")]
    assert kinds == [("objection", "competitor")]
