"""A rival the buyer runs, only described, is their set-up, not a competitor objection; and a
part of ours their people keep asking for is praise (review 24o item 1: "We use <rival> for the
website listings." and a note's "400 units, on <rival> since 2021." had made a whole objection
theme; "The arrears module is honestly the thing my branch managers keep asking about." had
been a competitor objection at 0.73, quoted under "Why pick you over <rival>"). A rival the
buyer is happy with, tied to or weighing against us stays the model's."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.asides import wants_our_part
from pipeline.detect.competitors import CompetitorHit, find_competitors
from pipeline.detect.rival_remarks import rival_remark
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["Crewboard", "ShiftPilot", "Dentrix", "Fleetio", "Toastly", "Clio", "Procore"]

# (a worry said just before, the set-up sentence after it): the worry's pull had made the
# set-up a competitor objection.
DESCRIBED = [
    ("Maybe, but the nurses are already flat out and I can't see them learning a whole new rota.",
     "We use Crewboard for the holiday requests."),
    ("Honestly the fee per seat is more than we make on a shift.",
     "We use ShiftPilot for the agency staff."),
    ("I can't see the hygienists learning another system this year.",
     "We use Dentrix for the imaging."),
    ("The drivers won't want another app on their phones.",
     "We run Fleetio for the fuel cards."),
    ("That's a lot per terminal for a forty-cover place.",
     "We use Toastly for the takeaway orders."),
    ("The partners will balk at a per-user price like that.",
     "We use Clio for the conflict checks."),
    ("The site managers are flat out and won't sit through training.",
     "We use Procore for the snagging lists."),
    ("I can't see the office learning a new system before summer.",
     "We're on Crewboard for the rotas."),
]  # fmt: skip
# A rep's note of who the buyer is and what they run (first line of the note; the next one
# states their worry).
NOTED = [
    ("Priya (ops lead) - 40 nurses, on Crewboard since 2021.",
     "Says they're locked into Crewboard for another 18 months and the exit fee is £6k."),
    ("Tom Reyes, practice manager, 3 surgeries, on Dentrix.",
     "Concern: Dentrix contract auto-renews in August, 3 year term."),
    ("Gary (MD) - 60 vans, on Fleetio since 2019.",
     "Worried the drivers won't use another app."),
    ("Ana Ruiz, GM, 2 sites, on Toastly.",
     "Worried about paying for Toastly and us at the same time."),
    ("Dev (managing partner) - 12 solicitors, on Clio since 2020.",
     "Concern: per-user pricing for the paralegals."),
]  # fmt: skip
# The rival run and something said of it: happy with it, tied to it, weighed against us.
KEPT = [
    "We use Crewboard and the team love it.",
    "We use Fleetio and it's half your price.",
    "We're locked in with Dentrix until 2027.",
    "We use Toastly and honestly it does the job.",
    "We use Clio, which is cheaper than you for six users.",
    "We use Procore and I'm not sure we need two systems.",
]
WANTED = [
    "The arrears module is honestly the thing my branch managers keep asking about.",
    "The shift swap is exactly what our nurses have been asking for.",
    "Honestly, the route view is the thing the drivers keep asking about.",
    "That dashboard is what my partners have been asking for.",
    "The table map is the one thing my floor managers keep asking for.",
    "The snagging app is really what the site managers have been crying out for.",
    "The recall reminders are the feature our receptionists keep asking about.",
]
NOT_WANTED = [
    "The price is the thing my CFO keeps asking about.",
    "Data security is the thing our IT lead keeps asking about.",
    "The contract length is what the partners keep asking about.",
    "The mobile app is the one thing our techs keep asking for, and you do not have it.",
    "That isn't what the team keeps asking for.",
    "Offline mode is the thing my engineers keep asking about, does it work without signal?",
]


def _hits(sentence: str) -> list[CompetitorHit]:
    return find_competitors(sentence, RIVALS)


@pytest.mark.parametrize(("_", "sentence"), DESCRIBED)
def test_a_rival_run_and_only_described_is_the_set_up(_: str, sentence: str) -> None:
    assert rival_remark(sentence, _hits(sentence)) == "current_setup"


@pytest.mark.parametrize("sentence", KEPT)
def test_a_rival_run_with_more_said_stays_the_models(sentence: str) -> None:
    assert rival_remark(sentence, _hits(sentence)) is None


@pytest.mark.parametrize(("sentence", "_"), NOTED)
def test_a_notes_clipped_on_rival_is_what_they_run(sentence: str, _: str) -> None:
    assert [h.relation for h in _hits(sentence)] == ["current"]


@pytest.mark.parametrize(
    "sentence", ["We spoke on Fleetio pricing.", "We did a webinar on Clio last week."]
)
def test_on_a_rival_mid_sentence_is_no_use(sentence: str) -> None:
    assert [h.relation for h in _hits(sentence)] == ["mention"]


@pytest.mark.parametrize("sentence", WANTED)
def test_a_part_their_people_keep_asking_for_is_praise(sentence: str) -> None:
    assert wants_our_part(sentence)


@pytest.mark.parametrize("sentence", NOT_WANTED)
def test_a_buying_topic_asked_about_or_a_turn_is_no_praise(sentence: str) -> None:
    assert not wants_our_part(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def _kinds(detector: RuleEmbeddingDetector, lines: list[Line]) -> dict[int, str]:
    found = detector.detect_utterances(lines)
    return {
        i: next(d.kind for d in found[i] if d.kind not in ("competitor", "why_now"))
        for i in found
        if found[i]
    }


def test_a_described_rival_after_a_worry_is_no_objection(detector: RuleEmbeddingDetector) -> None:
    lines: list[Line] = []
    for worry, said in DESCRIBED:
        lines += [
            Line(len(lines), "rep", "Most teams find it saves a day a month."),
            Line(len(lines) + 1, "buyer", worry),
            Line(len(lines) + 2, "buyer", said),
        ]
    kinds = _kinds(detector, lines)
    wrong = {lines[i].text: kinds[i] for i in range(2, len(lines), 3) if kinds[i] == "objection"}
    assert not wrong


def test_a_notes_rival_line_is_the_set_up_and_the_worry_stays(
    detector: RuleEmbeddingDetector,
) -> None:
    lines: list[Line] = []
    for said, worry in NOTED:
        lines += [Line(len(lines), "rep_note", said), Line(len(lines) + 1, "rep_note", worry)]
    kinds = _kinds(detector, lines)
    for i in range(0, len(lines), 2):
        assert kinds[i] != "objection", lines[i].text
        assert kinds[i + 1] == "objection", lines[i + 1].text


def test_a_wanted_part_after_a_rivals_price_is_no_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    """The turn named the rival and a price: the praise after it had been a competitor
    objection."""
    lines = [
        Line(0, "rep", "Understood. What would change that?"),
        *(
            Line(i + 1, "buyer", f"We'd move now if you could match what we pay Crewboard. {s}")
            for i, s in enumerate(WANTED)
        ),
    ]
    found = detector.detect_utterances(lines)
    for i, said in enumerate(WANTED, start=1):
        kinds = [d.kind for d in found[i] if d.text == said and d.kind != "why_now"]
        assert "objection" not in kinds, said
