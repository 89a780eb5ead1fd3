"""Small talk asked or answered, a nod before a plain fact, concerns announced before they are
said, a won deal's reason and politeness formulas (``pipeline/detect/asides.py``): reviews 22h,
22i and 22j had filed "Did you watch Friday night?" as a question theme, the buyer's answer to the
rep's "How was the snow?" as a pain at 1.00, "Mm-hm, <site> is one of our busier buildings." as a
security objection three times, "a few concerns came up" as an authority objection and "the QR
checkout sold it" from a won deal as an objection; real questions, pains and worries in the same
words keep their kind."""

from __future__ import annotations

import pytest

from pipeline.cluster.questions import worth_a_theme
from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.asides import announces_concerns, nods_to_a_fact, praises_us
from pipeline.detect.classify import SentenceInput
from pipeline.detect.rules import only_acknowledges, says_nothing
from pipeline.detect.small_talk import answers_small_talk, asks_small_talk, makes_small_talk
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

SMALL_TALK_QUESTIONS = [
    "Did you watch Friday night?",
    "Did you see the match on Saturday?",
    "Did you find the place alright?",
    "Did you catch the Lions game?",
    "Did you see the footy on the weekend?",
    "Did you watch the hurling at the weekend?",
    "Did you find us okay?",
    "Did you get here alright?",
    "How was the drive down from Leeds?",
    "How was your flight?",
    "Are you keeping well?",
    "Did you get much snow up in Calgary?",
    "Is it still raining in Galway?",
    "Did you catch the Cowboys game last night?",
]
REAL_QUESTIONS = [
    "Did you see the price went up?",
    "How much is it?",
    "Did you see the integration list I sent?",
    "Do you support offline mode?",
    "Did you find the export I mentioned?",
    "Can it handle the weather stations' data?",
    "How was the pilot for the other clinics?",
    "Did you watch the recording of the demo with our partners?",
]


@pytest.mark.parametrize("sentence", SMALL_TALK_QUESTIONS)
def test_small_talk_asked_is_small_talk(sentence: str) -> None:
    assert asks_small_talk(sentence)


@pytest.mark.parametrize("sentence", REAL_QUESTIONS)
def test_a_real_question_is_not(sentence: str) -> None:
    assert not asks_small_talk(sentence)


@pytest.mark.parametrize(
    "sentence", ["And how much is it?", "How much is it?", "Grand. How much would that be?"]
)
def test_the_price_asked_with_no_topic_word_is_worth_a_theme(sentence: str) -> None:
    assert worth_a_theme(sentence)


WORLD = [
    "Shame about the Hurricanes last night eh",
    "Gutted about the Blues on Saturday.",
    "Go the Raiders on the weekend",
    "It's been a crazy week with court deadlines.",
    "Bit flat out, it's been a hectic week.",
    "Honestly it's been a mad few days here.",
    "My kids were up at five this morning.",
    "My kids have been off sick all week, so it's been chaos at home.",
    "What a finish for the Eagles on Sunday.",
    "It's been a long week, glad it's Friday.",
]
NOT_WORLD = [
    "The weather delays our crews every winter and we lose jobs",
    "It's been a crazy week because your app went down twice.",
    "It rains every spring and we can't get the trucks on site, so we lose a month.",
    "We've had a hectic month and the price is still too high.",
    "The kids' club software we use is too expensive.",
]


@pytest.mark.parametrize("sentence", WORLD)
def test_sport_the_week_and_the_family_are_small_talk(sentence: str) -> None:
    assert makes_small_talk(sentence)


@pytest.mark.parametrize("sentence", NOT_WORLD)
def test_a_worry_for_the_work_or_about_us_is_not(sentence: str) -> None:
    assert not makes_small_talk(sentence)


ANSWERS = [
    (
        "How was the snow up in Denver this weekend?",
        "Honestly we barely got any, which my kids were very upset about.",
    ),
    ("Did you have a good weekend?", "Not bad, we were up at the lake."),
    ("How was the drive over?", "Awful, they've closed the bridge again."),
    ("Did you see the match on Saturday?", "Don't get me started, we were robbed."),
    ("How was your holiday?", "Too short, as usual."),
    ("Hi Aoife, how are you?", "Grand, barely survived the week."),
    ("How was the flight back from Perth?", "Long, I didn't sleep a wink."),
    ("Is it still raining up there?", "It hasn't stopped since Tuesday."),
    ("Did you catch the rugby on the weekend?", "Only the highlights, I was out at a wedding."),
    ("How's things in Offaly?", "Ah not bad, wet."),
]
NOT_ANSWERS = [
    # a pain, a buying topic or the product in the reply; a reply to a discovery question
    ("Did you have a good weekend?", "Not really, I spent it chasing unpaid invoices again."),
    ("How was your week?", "Busy, we always lose a day to the rota every week."),
    ("How was the weekend?", "Fine, but I looked at your price and it's steep."),
    ("How was the drive over?", "Fine, but honestly the app kept crashing on the way."),
    ("How do you handle intake today?", "Honestly we barely get any, and the forms get lost."),
]


def _reply(asked: str, said: str, index: int = 0) -> SentenceInput:
    return SentenceInput(said, said, context=asked, index_in_turn=index)


@pytest.mark.parametrize(("asked", "said"), ANSWERS)
def test_the_answer_to_small_talk_is_small_talk(asked: str, said: str) -> None:
    assert answers_small_talk(_reply(asked, said))


@pytest.mark.parametrize(("asked", "said"), NOT_ANSWERS)
def test_a_pain_or_a_buying_topic_in_the_answer_is_not(asked: str, said: str) -> None:
    assert not answers_small_talk(_reply(asked, said))


def test_only_the_first_sentence_answers() -> None:
    assert not answers_small_talk(_reply(*ANSWERS[0], index=1))


NODS = [
    "Mm-hm, Bethesda is one of our busier buildings.",
    "Okay, that matches what the property team told me about Bethesda.",
    "Right, Leeds is our oldest depot.",
    "Yeah, we've got forty staff at the Cork site.",
    "Mm-hmm, that's the clinic on the high street.",
    "Sure, the Auckland store opens at seven.",
    "Okay, that's about what I expected for Frederick.",
    "Yep, that's the one by the motorway.",
    "Right, the Brisbane crew are mostly on nights.",
    "Okay, Dunedin is our smallest branch.",
    "Mm-hm, we run two shifts there.",
]
NOT_NODS = [
    "Yeah, that's a lot of money.",
    "Okay, so we'd need to retrain everyone.",
    "Right, the partners will want to see it first.",
    "Mm-hm, but the contract is three years.",
    "Okay, that's more than we pay Crewboard.",
    "Yeah, I'm worried the crews won't use it.",
    "Right, and does it work offline?",
    "Bethesda is one of our busier buildings.",
    "Yeah, your app is the problem there.",
]


@pytest.mark.parametrize("sentence", NODS)
def test_a_nod_before_a_plain_fact(sentence: str) -> None:
    assert nods_to_a_fact(sentence, ["Crewboard"])


@pytest.mark.parametrize("sentence", NOT_NODS)
def test_a_nod_before_a_worry_a_topic_or_a_question_is_not(sentence: str) -> None:
    assert not nods_to_a_fact(sentence, ["Crewboard"])


ANNOUNCED = [
    "I shared it with the partners on Monday, and a few concerns came up.",
    "We have a couple of questions to go through.",
    "I ran it past the board and a few questions came up.",
    "There are a few things I want to raise.",
    "The directors had a look, and some concerns came up.",
    "I've got three questions I'd like to go through.",
    "Our committee met last night and a couple of points came up.",
    "I've a few queries to run through, if that's alright.",
    "We've got a handful of issues to flag before Friday.",
    "Showed it to the practice managers and a few worries came up.",
    "Second thing, and my boss asked me to ask.",
    "One more, our practice manager wanted me to check.",
    "Oh, and the owner told me to ask.",
    "Our finance director asked me to raise this.",
    "My partner reminded me to ask.",
]
NOT_ANNOUNCED = [
    "A few concerns came up about the price.",
    "The partners raised a few concerns and they won't sign.",
    "A couple of questions came up with the contract length.",
    "Some concerns came up, mainly that it's too expensive.",
    "We have a few concerns about moving our data.",
    "My boss asked me to ask about the cancellation terms.",
    "The board asked me to check whether we can leave after a year.",
    "My boss wants me to find out why you're twice the price of Tempo.",
]


@pytest.mark.parametrize("sentence", ANNOUNCED)
def test_concerns_announced_before_they_are_said(sentence: str) -> None:
    assert announces_concerns(sentence)


@pytest.mark.parametrize("sentence", NOT_ANNOUNCED)
def test_concerns_named_are_not_an_announcement(sentence: str) -> None:
    assert not announces_concerns(sentence)


WON_DEAL_REASONS = [
    "This was the easiest vendor decision we've made all year, the QR checkout sold it.",
    "Honestly the offline mode sold it for us.",
    "The rota view is what sold me.",
    "It was the simplest buying decision I've made.",
    "The audit export sold them.",
    "Best software decision we've ever made.",
    "The dashboard sold it for the partners, to be fair.",
    "The quickest decision we've taken, the integrations sold it.",
    "That's what sold us.",
    "The easiest call I've made this year.",
]
NOT_PRAISE = [
    "We sold it last year.",
    "It wasn't the easiest decision we've made.",
    "They sold us a system that never worked.",
    "The demo didn't sell it for the partners.",
    "You sold it to us as unlimited, and now there's a cap.",
    "It's not the easiest decision we've made, the price is a problem.",
]


@pytest.mark.parametrize("sentence", WON_DEAL_REASONS)
def test_a_won_deals_reason_is_praise(sentence: str) -> None:
    assert praises_us(sentence)


@pytest.mark.parametrize("sentence", NOT_PRAISE)
def test_the_same_words_denied_or_against_us_are_not(sentence: str) -> None:
    assert not praises_us(sentence)


@pytest.mark.parametrize(
    "sentence", ["No offence to you.", "No offense meant.", "Nothing personal.", "None taken."]
)
def test_a_politeness_formula_is_no_statement(sentence: str) -> None:
    assert only_acknowledges(sentence)


@pytest.mark.parametrize("sentence", ["Jaysus.", "Crikey.", "Blimey!", "Strewth.", "Geez."])
def test_an_interjection_is_never_quoted_but_keeps_its_turn(sentence: str) -> None:
    assert says_nothing(sentence) and not only_acknowledges(sentence)


def test_no_offence_before_a_worry_says_something() -> None:
    assert not says_nothing("No offence, but the price is steep.")


def test_the_detector_files_them_as_other(embedder: Embedder) -> None:
    """Each after the rep's line, as in a call: small talk, announcements and a won deal's reason
    are ``other``, a nod before a fact no objection; the real question and the worries keep
    their kind (``kind``: the kinds allowed; "other" in "other" is a match too)."""
    detector = RuleEmbeddingDetector(embedder, competitors=["Crewboard"])
    said = [
        (
            "How was the snow up in Calgary this weekend?",
            "Honestly we barely got any, which my kids were very upset about.",
            "other",
        ),
        ("Morning, thanks for having me out.", "Did you watch Friday night?", "other"),
        ("Setup takes about an hour.", "Did you see the match on Saturday?", "other"),
        (
            "Hi Siobhan, thanks for making time.",
            "It's been a crazy week with court deadlines.",
            "other",
        ),
        (
            "Utilisation at Leeds was 64 percent.",
            "Mm-hm, Leeds is one of our busier depots.",
            ("other", "current_setup"),
        ),
        (
            "Thanks for sending the proposal over.",
            "I shared it with the board on Tuesday, and a few concerns came up.",
            "other",
        ),
        (
            "So what made the difference for you?",
            "This was the easiest vendor decision we've made all year, the rota view sold it.",
            "other",
        ),
        ("The app works offline and syncs later.", "And how much is it?", "question"),
        (
            "It's ninety a month per site.",
            "Did you see the price went up?",
            ("objection", "question"),
        ),
        (
            "How do you schedule today?",
            "The weather delays our crews every winter and we lose jobs.",
            ("pain", "objection"),  # a worry, never small talk
        ),
        (
            "Any worries?",
            "I shared it with the partners and they think the contract is too long.",
            "objection",
        ),
    ]
    lines: list[Line] = []
    for i, (rep, buyer, _) in enumerate(said):
        lines += [Line(2 * i, "rep", rep, call_id=i), Line(2 * i + 1, "buyer", buyer, call_id=i)]
    found = detector.detect_utterances(lines)
    for i, (_, text, kind) in enumerate(said):
        kinds = [d.kind for d in found[2 * i + 1] if d.kind not in ("competitor", "why_now")]
        assert len(kinds) == 1 and kinds[0] in kind, text
    tags = [d.kind for d in found[7]]
    assert "why_now" not in tags  # "court deadlines" in small talk is no trigger
