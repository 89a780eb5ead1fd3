"""A theme's name says what its most central quotes share, not one quote's aside, and never
reads as a clause cut before its verb (demo review: "Calling it the ugly app" had named a
pain theme whose two most central quotes say "too much admin"; "Isn't much money left?" a
theme of "There isn't much money left" on banking wording)."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.name_phrases import centrally_shared
from pipeline.cluster.name_shape import lost_its_subject, opens_a_question, reads_alone

# How typical each quote is, most central first: the two first share the complaint, the third
# to fifth say the topic word, the fifth with a nickname for it.
WEIGHTS = [0.66, 0.65, 0.64, 0.55, 0.50, 0.32, 0.28]
SHARED_COMPLAINTS: dict[str, tuple[str, list[str]]] = {
    "clinic": (
        "Too much paperwork",
        [
            "It's too much paperwork.",
            "It's become too much paperwork.",
            "And the nurses hate the portal.",
            "And the patient portal is, um, not great.",
            "They call it the broken portal.",
            "I'm spending my evenings on it instead of seeing patients.",
            "They tell me the times and I type them in.",
        ],
    ),
    "warehouse": (
        "Too many missed picks",
        [
            "Too many missed picks.",
            "We get too many missed picks every week.",
            "The pickers hate the scanner.",
            "And the scanner is, let's say, slow.",
            "They call the scanner the brick.",
            "I'm on the floor fixing orders instead of planning.",
            "They shout the bin numbers and I write them down.",
        ],
    ),
    "accounting": (
        "Month end takes forever",
        [
            "Month end takes forever.",
            "Honestly month end takes forever now.",
            "The partners hate the ledger.",
            "And the ledger is, um, clunky.",
            "Everyone calls the ledger the dinosaur.",
            "I'm reconciling on weekends instead of advising clients.",
            "Clients email me receipts and I key them in.",
        ],
    ),
    "salon": (
        "Too many no-shows",
        [
            "Too many no-shows.",
            "We just get too many no-shows.",
            "The stylists hate the booking book.",
            "And the book is, well, a mess.",
            "They call the booking book the bible.",
            "I'm ringing clients at night instead of cutting hair.",
            "They text me and I pencil it in.",
        ],
    ),
}


@pytest.mark.parametrize("trade", sorted(SHARED_COMPLAINTS))
def test_a_pain_is_named_by_the_phrase_its_most_central_quotes_share(trade: str) -> None:
    expected, quotes = SHARED_COMPLAINTS[trade]
    assert name_clusters([quotes], [WEIGHTS], kind="pain") == [expected]


def test_a_phrase_counts_as_shared_only_when_most_central_quotes_say_it() -> None:
    central = [
        "It's too much admin.",
        "The instructors hate the app.",
        "They call it the ugly app.",
        "Honestly it's too much admin on Sundays.",
    ]
    # one of the three most central says it: that quote's, however often the rest repeat it
    assert centrally_shared(["too much admin"], central) == []
    assert centrally_shared(["too much admin"], [central[0], central[3], central[1]]) == [
        "too much admin"
    ]


# Banking77-like wording: "There isn't much money left" cut at "there" reads as a question
# that lost its subject; the same in other trades.
CUT_SUBJECTS = [
    "Isn't much money left?",
    "Isn't much money left",
    "Isn't enough space on the racks?",
    "Are always late with the invoices?",
    "Is worth it for a small salon?",
    "Wasn't much time between patients",
]
WHOLE_QUESTIONS = [
    "Isn't there much money left?",
    "Does it talk to Xero?",
    "Can managers approve swaps from their phone?",
    "Do two sites share a login?",
    "Is 2FA supported?",
    "Don't you have a kiosk for the warehouse?",
    "Any discount for charities?",
    "What about payroll?",
    "Are the stylists paid by commission?",
]


@pytest.mark.parametrize("name", CUT_SUBJECTS)
def test_a_name_opening_on_a_verb_without_its_subject_does_not_read_alone(name: str) -> None:
    assert lost_its_subject(name)
    assert not reads_alone(name)


@pytest.mark.parametrize("name", WHOLE_QUESTIONS)
def test_a_question_with_its_subject_after_the_verb_reads_alone(name: str) -> None:
    assert opens_a_question(name)
    assert not lost_its_subject(name)
    assert reads_alone(name)


BALANCE_QUOTES = {
    "banking": [
        "Why is it that there isn't much money left after my top up?",
        "How come there isn't much money left in my account?",
        "There isn't much money left, was I charged twice?",
        "My balance looks wrong after the transfer.",
        "Where did my money go?",
        "The top up shows but the balance is lower.",
    ],
    "clinic": [
        "Why is it that there isn't much time left for each patient?",
        "How come there isn't much time left between appointments?",
        "There isn't much time left, can the reminders go out earlier?",
        "The diary looks full by nine.",
        "Where do the gaps go?",
        "Slots vanish before lunch.",
    ],
}


@pytest.mark.parametrize("kind", ["question", "pain"])
@pytest.mark.parametrize("trade", sorted(BALANCE_QUOTES))
def test_a_phrase_cut_before_its_verb_never_names_a_theme(trade: str, kind: str) -> None:
    quotes = BALANCE_QUOTES[trade]
    [name] = name_clusters([quotes], [[0.7, 0.68, 0.66, 0.6, 0.55, 0.5]], kind=kind)
    assert not lost_its_subject(name), name
    assert not name.lower().startswith("isn't"), name
