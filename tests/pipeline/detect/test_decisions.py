"""Authority and timing is a decision, who makes it, or when (review 27 section C, shapes 1 and
3; ``pipeline/detect/decisions.py``): the category head had filed worries about people as
authority because they name someone ("Honestly, I think the branch managers will be the hardest
part." at 0.88), and a decision said with no reason as security ("we talked it through and it's a
no for now" at 0.80). Sentences from other trades than the review's."""

from __future__ import annotations

import pytest

from pipeline.detect.classify import SentenceInput
from pipeline.detect.decisions import (
    model_ranking,
    names_a_decision_or_time,
    names_people,
    says_a_verdict,
)
from pipeline.detect.model import KindScore
from pipeline.detect.verdict import sentence_verdict

PEOPLE_NOT_A_DECISION = [
    "Honestly, the shift supervisors will be the hardest part.",  # pest control
    "The dock hands are the ones I'm worried about.",  # marina
    "Our junior developers already grumble about every new tool.",  # software agency
    "Dermot has already asked me whether this means he's losing his clipboard.",  # farm
    "The volunteers at the Thursday drop-in are a different story.",  # charity
    "The practice nurses will want to know what happens to their own lists.",  # clinic
    "The other thing is the teaching assistants.",  # school
    "Priya in the lab is very attached to the way she does it.",  # laboratory
    "The drivers are the sticking point, honestly.",  # courier
    "Our older stylists are the ones who'll push back.",  # salon
    "Siobhan keeps asking whether she'll still have her own notebook.",  # dental practice
]

PEOPLE_WITH_A_DECISION_OR_TIME = [
    "Marcus has to sign off anything over a grand.",
    "The partners only meet about software in March.",
    "I'd need to run it past the harbour master first.",
    "Our trustees decide on new spending at the AGM.",
    "The head teacher won't look at anything until after Easter.",
    "It's really the practice manager's call, not mine, I'm afraid.",
    "Dermot holds the purse strings for the whole farm.",
    "Let me talk it over with my business partner.",
    "The lads won't have time to learn anything new before the end of the season.",
    "Our MD wants to revisit it next quarter.",
    "I'll mention it to Tomasz in the warehouse, he's the one to convince.",
]


def _head(lead: str, second: str = "switching") -> dict[str, float]:
    """Category probabilities with ``lead`` first, ``second`` next, adoption third."""
    rest = [c for c in ("price", "security", "adoption", "contract") if c not in (lead, second)]
    return {lead: 0.4, second: 0.25, **{c: 0.35 / len(rest) for c in rest}}


def _category(text: str, probabilities: dict[str, float]) -> tuple[str, str | None]:
    top = max(probabilities, key=lambda name: probabilities[name])
    score = KindScore(
        "objection",
        top,
        0.8,
        0.8,
        probabilities={"objection": 0.8},
        category_probabilities=probabilities,
    )
    verdict = sentence_verdict(SentenceInput(text, text), "buyer", score, {}, [])
    return verdict.kind, verdict.category


@pytest.mark.parametrize("text", PEOPLE_NOT_A_DECISION)
def test_a_person_named_is_no_decision(text: str) -> None:
    """The head's authority with nobody deciding nothing and no time named: the people who'd use
    it, adoption (the head's next category, switching here, is not it either)."""
    assert not names_a_decision_or_time(text)
    assert names_people(text)
    assert _category(text, _head("authority_timing")) == ("objection", "adoption")


@pytest.mark.parametrize("text", PEOPLE_WITH_A_DECISION_OR_TIME)
def test_a_decision_an_approver_or_a_time_keeps_authority(text: str) -> None:
    assert names_a_decision_or_time(text)
    assert _category(text, _head("authority_timing")) == ("objection", "authority_timing")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the topic its own words name comes first
        ("The site managers will want it to sync with the payroll.", "integrations"),
        ("The foremen will say it costs too much.", "price"),
        # nobody named and no topic: the head's next category
        ("That's the bit that worries me.", "switching"),
        ("That's the part I'd lose sleep over.", "switching"),
    ],
)
def test_without_a_decision_the_words_or_the_head_choose(text: str, category: str) -> None:
    assert _category(text, _head("authority_timing"))[1] == category


def test_authority_goes_last_and_other_leads_stay() -> None:
    text = "The drivers are the sticking point, honestly."
    ranked = model_ranking(_head("authority_timing", "price"), text)
    assert ranked[0] == "adoption" and ranked[-1] == "authority_timing"
    assert model_ranking(_head("price", "authority_timing"), text)[:2] == [
        "price",
        "authority_timing",
    ]


def test_eleven_years_of_records_is_an_amount_not_a_time() -> None:
    assert not names_a_decision_or_time("Who's typing eleven years of plans in?")
    assert names_a_decision_or_time("Maybe in a couple of years.")


VERDICTS = [
    "So, um, we talked it through and it's a no for now, I'm afraid.",  # school
    "We're going to hold off.",  # marina
    "We've decided not to go ahead this year.",  # charity
    "Honestly, it's a no from us.",  # pest control
    "We're putting it on hold for now.",  # clinic
    "I think we'll pass on this one.",  # software agency
    "The committee talked about it and the answer's no.",  # sports club
    "We're not going ahead, sorry.",  # farm
    "We've decided against it for the moment.",  # garage
    "Let's park it for now.",  # school trust
    "We talked it over and the answer is no for now, sorry.",  # dental practice
]


@pytest.mark.parametrize("text", VERDICTS)
def test_a_decision_said_with_no_topic_is_authority(text: str) -> None:
    assert says_a_verdict(text)
    assert _category(text, _head("security", "contract")) == ("objection", "authority_timing")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a topic named: the head's category (integrations here), or the topic's own words
        ("Honestly, it's a no-brainer for the vets.", "integrations"),
        ("It's a no on the twelve-month contract.", "integrations"),
        ("We're going to hold off because of the subscription cost.", "integrations"),
        ("It's a no for now, the crew just won't use another app.", "adoption"),
        # no decision said
        ("I'll pass it on to Dev.", "integrations"),
        ("We'd hold on to the old tablets either way.", "integrations"),
    ],
)
def test_a_topic_named_or_no_decision_keeps_its_category(text: str, category: str) -> None:
    assert _category(text, _head("integrations", "contract"))[1] == category


@pytest.mark.parametrize(
    "text",
    [
        "Außerdem hat der Betriebsrat seine Sitzung erst im Mai.",
        "El dueño tiene que verlo primero.",
        "Le conseil doit d'abord en parler.",
    ],
)
def test_another_language_keeps_the_heads_authority(text: str) -> None:
    """The cues are English: a German works council's meeting names none of them."""
    assert model_ranking(_head("authority_timing"), text)[0] == "authority_timing"
