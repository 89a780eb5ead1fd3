"""Questions worth a theme: small talk, clarifications, asking for the floor and meeting
logistics are not; questions about the product, price, integrations, security and onboarding
are (sentences from the example calls)."""

from __future__ import annotations

import pytest

from pipeline.cluster.questions import question_core, stored_kind, worth_a_theme

NOT_THEMES = [
    "Say that again?",
    "Next Tuesday morning?",
    "Actually, um, can I say something first?",
    "Could you do eight thirty?",
    "Is this email okay?",
    "Do you do that?",
    "How bad is that?",
    "In the contract?",
    "A free one?",
    "Two days, honestly?",
    "Um, not really?",
    "Which is, um, my Sunday.",
    "Sorry, what?",
    "Can you hear me?",
]
THEMES = [
    "But what does it cost?",
    "Is it per location?",
    "Does it talk to LedgerLeaf?",
    "Is there an API?",
    "Where is the data stored, and who has access?",
    "What certifications have you got?",
    "Can we do onboarding the week of August tenth?",
    "Sorry, before I forget, how does time tracking work?",
    "— sorry, can I ask, does it do the room bookings?",
    'Carla\u2019s first question: "why would I pay for this on top of ClockBee?"',
    "What is it you do exactly?",
    "Can managers approve swaps from their phone?",
    "Is it month to month?",
    "Is that per month or per year?",
]


@pytest.mark.parametrize("text", NOT_THEMES)
def test_small_talk_and_clarifications_are_not_themes(text: str) -> None:
    assert not worth_a_theme(text)


@pytest.mark.parametrize("text", THEMES)
def test_substantive_questions_are(text: str) -> None:
    assert worth_a_theme(text)


def test_a_short_echo_counts_when_the_detector_gave_it_a_topic() -> None:
    assert not worth_a_theme("And the staff's bank details?")
    assert worth_a_theme("And the staff's bank details?", "security")
    assert not worth_a_theme("Next Tuesday morning?", "authority_timing")  # no topic word
    # ... and only when its own words name that topic: a clarification of what the rep just said
    # is no theme whatever category the detector guessed (the example calls' "By text?")
    for echo, guessed in [("By text? Like normal SMS?", "adoption"), ("On the tablet?", "price")]:
        assert not worth_a_theme(echo, guessed), echo


def test_the_core_drops_lead_ins_and_reported_speech() -> None:
    assert question_core("Sorry, before I forget, how does it work?") == "how does it work?"
    assert question_core('She asked "does it talk to Xero?" twice') == "does it talk to xero?"


def test_a_question_not_worth_a_theme_is_stored_as_small_talk() -> None:
    assert stored_kind("question", "Say that again?", None, "model") == ("other", None)
    assert stored_kind("question", "Is there an API?", "integrations", "model") == (
        "question",
        "integrations",
    )
    assert stored_kind("question", "Say that again?", None, "user") == ("question", None)
    assert stored_kind("pain", "Say that again?", None, "model") == ("pain", None)


# Review 26: a short question after a lead-in of its own ("So, first thing, do you support SSO?")
# and a follow-up asking how far the product reaches ("Including the history?") had been stored
# as small talk.
AFTER_A_LEAD_IN = [
    "So, first thing, do you support SSO?",  # software agency
    "Last thing, is VAT included?",  # funeral home
    "Second thing, do you do SMS?",  # clinic
    "Quick one, is it encrypted?",  # clinic
    "Random one, can vets book?",  # vet practice
    "First thing, does it sync?",
    "Next thing, is it cloud?",
    "One more, does it invoice?",  # pest control
    "Okay, final one, is it encrypted?",
    "Oh, last one, can families pay?",  # funeral home
    "Sorry, random one, are farms covered?",  # farm
    "Last one, can trustees approve?",  # charity
]
ASKS_HOW_FAR = [
    "Including the history?",
    "Including the archived jobs?",  # pest control
    "Even the old patient notes?",  # clinic
    "The Gift Aid records too?",  # charity
    "Across all three surgeries?",  # clinic
    "For every branch?",  # funeral home
    "Plus the recurring donations?",  # charity
    "Past invoices as well?",  # software agency
    "Including the spray records?",  # farm
    "Both depots?",  # couriers
    "Even the ones on paper?",
    "Photos included?",  # estate agency
]
STILL_NOT_THEMES = [
    "Okay, last thing, how long?",
    "Right, quick one, can you hear me?",
    "First thing, is that okay?",
    "Sorry, one sec, can I say something?",
    "All of them?",
    "Even now?",
    "Both?",
    "Me too?",
    "Every day?",
    "Like normal SMS?",
]


@pytest.mark.parametrize("text", AFTER_A_LEAD_IN)
def test_a_short_question_after_a_lead_in_is_a_theme(text: str) -> None:
    assert worth_a_theme(text)


@pytest.mark.parametrize("text", ASKS_HOW_FAR)
def test_a_follow_up_asking_how_far_it_reaches_is_a_theme(text: str) -> None:
    assert worth_a_theme(text)


@pytest.mark.parametrize("text", STILL_NOT_THEMES)
def test_lead_ins_and_scope_words_alone_make_no_theme(text: str) -> None:
    assert not worth_a_theme(text)


def test_the_detected_questions_of_review_26_are_stored_as_questions() -> None:
    for text in ("So, first thing, do you support SSO?", "Including the history?"):
        assert stored_kind("question", text, None, "model") == ("question", None), text


# How long setting up or learning takes, asked with time words alone (a marina's "How long does
# it take to get going?" had been stored as small talk), across trades; clock-time questions stay
# small talk.
HOW_LONG = [
    "How long does it take to get going?",
    "How long would it take to move over from the spreadsheet?",
    "So how long did it take the last lab to go live?",
    "How long does onboarding take?",
    "How long will it take my stylists to learn it?",
    "How long's it take to switch?",
    "How quickly can we get the brewhouse on it?",
    "How fast could the drivers be up and running?",
    "How soon can we start?",
    "How long would setup take for three sites?",
]
NOT_HOW_LONG = [
    "How long have you got?",
    "How long will you be?",
    "How long ago was that?",
]


@pytest.mark.parametrize("text", HOW_LONG)
def test_how_long_it_takes_is_a_theme(text: str) -> None:
    assert worth_a_theme(text)
    assert stored_kind("question", text, None, "model") == ("question", None)


@pytest.mark.parametrize("text", NOT_HOW_LONG)
def test_how_long_the_call_lasts_is_not(text: str) -> None:
    assert not worth_a_theme(text)
