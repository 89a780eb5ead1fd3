"""A rival someone else uses and is happy with (a friend, a relative, another business like
theirs, named by where it is or how the buyer knows it) is no reason of the buyer's not to buy,
nor their pain or set-up (``asides.names_a_rival_only``, ``asides.tells_of_others_use``,
``[aside] rival_hearsay`` in ``cues.toml``): ``other``, the rival's tag kept. Review 27: "A
friend at Woodvale uses MemorialPress for their tribute pages and he's perfectly happy with
it." had been a competitor objection at 0.99 and the comparison page's "Why buyers stay with
MemorialPress". The buyer's own contentment ("We use MemorialPress and we're perfectly happy
with it.") is the status quo, and a friend's comparison ("and says it's half your price")
weighs it against us."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.asides import names_a_rival_only, tells_of_others_use
from pipeline.detect.competitors import find_competitors
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, kinds_after_the_rep

RIVALS = ["MemorialPress", "Dockwa", "PestPac", "AgriWebb", "Arbor", "Cliniko", "Beacon",
          "Monday", "Jobber", "Harvest", "Schoolbase", "MoorUp", "LabTrac", "Ekos", "Fresha",
          "Mandata", "Dentally", "Timely"]  # fmt: skip
USED_BY_OTHERS = [
    "A friend at Woodvale uses MemorialPress for their tribute pages and he's perfectly happy"
    " with it.",
    "My cousin in Galway runs Dockwa at his marina and he's happy with it.",
    "Another pest control firm in Leeds uses PestPac and they're very happy with it.",
    "A mate from the young farmers uses AgriWebb for his cattle and he's chuffed with it.",
    "A friend at Hillside Primary uses Arbor for their parents' evenings and she's really pleased"
    " with it.",
    "A friend at Oakfield Surgery uses Cliniko and she swears by it.",
    "A colleague at another charity uses Beacon for their donors and they seem happy.",
    "A friend at Harbour Studio uses Monday and he loves it.",
    "My brother-in-law uses Jobber for his landscaping crew and he's more than happy with it.",
    "Another agency down the road uses Harvest and they're perfectly content with it.",
    "A school near us uses Schoolbase and they're happy with it.",
]
# Another business by where it is or how the buyer knows it (a marina buyer's "The Deben club
# down the road use MoorUp for their visitor moorings and they seem happy enough with it." had
# been a competitor objection at 0.99).
OTHER_BUSINESSES = [
    "The Orwell club down the road use MoorUp for their visiting yachts and they seem happy enough"
    " with it.",
    "Harbour Marine across the estuary use MoorUp and they've had no complaints.",
    "A lab we know uses LabTrac and they love it.",
    "The brewery over in Leeds runs everything on Ekos and they're pretty happy with it.",
    "My cousin's salon uses Fresha and she swears by it.",
    "The school next door uses Arbor and they rate it highly.",
    "Another haulier we work with uses Mandata, and they're very pleased with it.",
    "Lots of other practices use Dentally and seem happy.",
    "The clinic round the corner uses Timely and they seem pleased with it.",
    "My sister's practice uses Cliniko and she's perfectly happy with it.",
]
# The buyer's own site or use, and another business's move that costs the buyer.
THEIRS = [
    "We use MoorUp and we're happy with it.",
    "Our other site uses MoorUp and they seem happy.",
    "The club down the road switched to MoorUp and now we're losing visitors to them.",
    "Another reason we use Fresha is the app.",
    "We work with Xero and use MoorUp.",
]
# The buyer's own use, a friend's comparison, a preference drawn from it: weighed against us.
WEIGHED = [
    "We use MemorialPress and we're perfectly happy with it.",
    "We've been on Dockwa for years and we're very happy with it.",
    "Our office uses PestPac and we're happy with it.",
    "A friend at Woodvale uses MemorialPress and says it's half your price.",
    "A friend at Woodvale uses MemorialPress, so we'd probably go with them.",
    "A friend at Woodvale uses MemorialPress and he's happy with it, which is why we're leaning"
    " that way.",
]


@pytest.mark.parametrize("sentence", USED_BY_OTHERS)
def test_a_rival_others_use_happily_is_only_named(sentence: str) -> None:
    assert names_a_rival_only(sentence, RIVALS)


@pytest.mark.parametrize("sentence", WEIGHED)
def test_the_buyers_own_use_or_a_comparison_is_weighed(sentence: str) -> None:
    assert not names_a_rival_only(sentence, RIVALS)


@pytest.mark.parametrize("sentence", OTHER_BUSINESSES)
def test_another_business_using_a_rival_happily_is_only_named(sentence: str) -> None:
    assert names_a_rival_only(sentence, RIVALS) and tells_of_others_use(sentence, RIVALS)


@pytest.mark.parametrize("sentence", THEIRS)
def test_the_buyers_own_use_or_loss_is_not_anothers(sentence: str) -> None:
    assert not tells_of_others_use(sentence, RIVALS)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def test_the_detector_reads_no_objection_and_keeps_the_tag(
    detector: RuleEmbeddingDetector,
) -> None:
    lines: list[Line] = []
    for i, said in enumerate(USED_BY_OTHERS):
        rep = Line(2 * i, "rep", "Who else have you looked at?")
        lines += [rep, Line(2 * i + 1, "buyer", said)]
    found = detector.detect_utterances(lines)
    for i, said in enumerate(USED_BY_OTHERS):
        kinds = {d.kind for d in found[2 * i + 1]}
        assert kinds == {"other", "competitor"}, said


def test_another_business_happy_with_a_rival_is_no_objection_pain_or_set_up(
    detector: RuleEmbeddingDetector,
) -> None:
    turns = [("Who else have you looked at?", said) for said in OTHER_BUSINESSES]
    found = kinds_after_the_rep(detector, turns)
    assert {s: k for s, k in found.items() if k != "other"} == {}
    alone = detector.detect_utterances(
        [Line(i, "buyer", said) for i, said in enumerate(OTHER_BUSINESSES)]
    )
    for i, said in enumerate(OTHER_BUSINESSES):
        assert {d.kind for d in alone[i]} - {"why_now"} == {"other", "competitor"}, said


def test_another_business_whose_move_costs_the_buyer_is_no_aside(
    detector: RuleEmbeddingDetector,
) -> None:
    found = kinds_after_the_rep(detector, [("Who else is around you?", THEIRS[2])])
    assert found[THEIRS[2]] != "other"


def test_the_buyers_own_contentment_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    turns = [("What are you using today?", said) for said in WEIGHED[:3]]
    found = kinds_after_the_rep(detector, turns)
    assert {s: k for s, k in found.items() if k != "objection"} == {}


# Someone else's use of a rival no list names (issue 16: "A friend of mine used Mintsoft at her
# old place and liked it." had been a status-quo objection): the name is guessed from the
# hearsay (``competitors._HEARSAY``), a mention, and the sentence is ``other`` with its tag.
UNLISTED = [
    "A friend of mine used Cliniko at her last clinic and liked it.",  # physio
    "My brother-in-law used Removalist Pro at his old firm and swore by it.",  # removals
    "An old colleague used Karbon at her previous practice and rated it highly.",  # accountants
]


@pytest.mark.parametrize("sentence", UNLISTED)
def test_a_rival_no_list_names_is_guessed_from_the_hearsay(sentence: str) -> None:
    hits = find_competitors(sentence, ())
    assert [(h.relation, h.known) for h in hits] == [("mention", False)]
    assert hits[0].name in sentence


def test_the_detector_reads_unlisted_hearsay_as_other_with_its_tag(embedder: Embedder) -> None:
    detector = RuleEmbeddingDetector(embedder)
    found = detector.detect_utterances(
        [Line(i, "buyer", said, call_id=i) for i, said in enumerate(UNLISTED)]
    )
    for i, said in enumerate(UNLISTED):
        assert {d.kind for d in found[i]} - {"why_now"} == {"other", "competitor"}, said
