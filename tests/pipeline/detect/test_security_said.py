"""A security guess stays only when the sentence, or the one just before it, says security in a
phrase: bare "access", "track", "certificate", "servers", "hosted" or "data" are every trade's
words, and a security word elsewhere in a long turn says nothing of this sentence. Sentences
from a bakery, a window cleaner, a restaurant, an events venue, a vet and a driving school."""

from __future__ import annotations

import pytest

from pipeline.detect.security_said import says_security, unless_security_unsaid

RANKED = ["security", "competitor", "adoption", "integrations"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Can the crews access their rota from the van?",
        "Will it track our jobs across sites?",
        "Do the staff get a certificate after the training?",
        "Our servers keep forgetting table orders.",
        "Hosted events are half our bookings.",
        "We pull the data off the oven controllers by hand.",
        "The locations are spread over three towns.",
        "A virus went through the kennels last spring.",
        "The back-up instructor covers Saturdays.",
        "Do I need permission from head office first?",
    ],
)
def test_a_wrong_security_guess_is_demoted(sentence: str) -> None:
    assert not says_security(sentence)
    assert unless_security_unsaid("security", RANKED, sentence, sentence) == "adoption"


@pytest.mark.parametrize(
    "sentence",
    [
        "Can we set access levels so the juniors only see their own clients?",
        "Who at your end can see our customer details?",
        "Where's it all hosted?",
        "Is the booking data stored in the UK?",
        "Is it encrypted?",
        "Are you GDPR compliant?",
        "Do you have SOC 2 or ISO 27001?",
        "Has anyone done a pen test on it?",
        "What if you get hacked?",
        "The passwords get passed round on a sticky note.",
        "Do you do single sign-on and two-factor?",
        "The pet owners' addresses can't go anywhere near a marketing list.",
        "And if we leave, will you wipe the pupil records?",
        "Staff won't like an app tracking their location.",
        "Can you keep the member files in Ireland?",
        "What bothers me is the pupils' data being in the US.",
    ],
)
def test_security_said_in_a_phrase_keeps_it(sentence: str) -> None:
    assert unless_security_unsaid("security", RANKED, sentence, sentence) == "security"


def test_the_sentence_before_counts_and_the_rest_of_the_turn_does_not() -> None:
    turn = (
        "Our IT lady will want a full vendor review. That takes about six weeks. "
        "Then the bakers need to learn it. Most of them have never used a tablet."
    )
    follow_on, later = "That takes about six weeks.", "Most of them have never used a tablet."
    assert unless_security_unsaid("security", RANKED, follow_on, turn) == "security"
    assert unless_security_unsaid("security", RANKED, later, turn) == "adoption"


def test_no_other_category_is_none() -> None:
    """Objections and questions alike: no category rather than a security one nobody said."""
    said = "Can the crews access their rota from the van?"
    assert unless_security_unsaid("security", ["security", "competitor"], said, said) is None
