"""No theme's name says a person (review 27, item 2): the calls' speakers, attendees, our reps
and any first name the project knows, in any case. A question put to the rep Dana had named
a theme "Buyer worries (dana)"; one naming a buyer's colleague "Can you send me something I can
show Ruth's sister". The person spoken to ("Dana, can you...", "..., Callum?") is dropped
before naming; a place, a product or a rival spelled like a name stays."""

from __future__ import annotations

import re

import pytest

from pipeline.cluster.label import label_clusters, name_clusters
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.people import names_a_person, person_words, without_vocatives
from pipeline.cluster.relabel import label_edited
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention

# Our reps and their buyers, as a call's speakers and attendees list them.
PEOPLE = [
    "Dana Whitcombe", "Callum Reid", "Gareth Hosken", "Nia Evans", "Rhys Bellamy", "Priya Nair",
    "Tomasz Nowak", "Imogen Carver", "Marcus Delgado", "Adaeze Okafor", "Ruth Pennick",
]  # fmt: skip
WORDS = person_words(PEOPLE)

# One question per industry, put to or naming one of the people.
QUESTIONS = {
    "pest control": "Can Dana put together what the bait stations would have saved us last spring?",
    "marina": "Callum, can you send the berth pricing for the winter?",
    "software agency": "Does the client portal show budgets per project, Gareth?",
    "dairy farm": "Can Rhys show my brother the milk records on his phone?",
    "charity": "Nia, does it claim gift aid on event tickets?",
    "clinic": "Could Priya walk our nurses through the recall lists next week?",
    "school": "Can you run the training for Mrs Okafor's team in the holidays?",
    "brewery": "Does the keg tracking work offline, Tomasz?",
    "law firm": "Can Imogen send the conflict check demo to our partners?",
    "hvac": "Will Marcus be our contact for setting up the parts vans?",
    "funeral home": "Can you send me something I can show Ruth's sister, like a one-pager?",
}


def _people_in(name: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", name)} & (WORDS | {"ruth"})


@pytest.mark.parametrize("industry", sorted(QUESTIONS))
def test_a_question_theme_is_never_named_by_whom_it_asks_or_names(industry: str) -> None:
    quote = QUESTIONS[industry]
    [name] = name_clusters([[quote]], [[1.0]], kind="question", people=WORDS)
    assert name and not _people_in(name), name


@pytest.mark.parametrize("industry", sorted(QUESTIONS))
def test_a_themes_keywords_say_no_person(industry: str) -> None:
    quote = QUESTIONS[industry]
    other = ["Is the data hosted in the UK?", "Where is the data stored?"]
    [label, _] = label_clusters(
        [[quote], other], [[1.0], [1.0, 1.0]], kind="question", people=WORDS
    )
    assert not [k for k in label.keywords if _people_in(k)], label.keywords
    assert not _people_in(label.name), label.name


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Dana, can you send the pricing over?", "Can you send the pricing over?"),
        ("Can you send the pricing over, Callum?", "Can you send the pricing over?"),
        ("Well, Nia, the thing is the fuel dock.", "Well, the thing is the fuel dock."),
        ("Hi Gareth, does it do gift aid?", "Does it do gift aid?"),
        ("Thanks. Rhys, can it print the spray logs?", "Thanks. Can it print the spray logs?"),
        ("ok dana, what about payroll for the vets?", "What about payroll for the vets?"),
        ("Does it cover the school buses, Priya?", "Does it cover the school buses?"),
        ("Marcus, is the keg count live?", "Is the keg count live?"),
        ("Would the trustees see it too, Imogen?", "Would the trustees see it too?"),
        ("Tomasz, how long is the parts van setup?", "How long is the parts van setup?"),
    ],
)
def test_the_person_spoken_to_is_dropped_before_naming(said: str, asked: str) -> None:
    assert without_vocatives(said, WORDS) == asked


@pytest.mark.parametrize(
    "said",
    [
        "So, does it work offline?",
        "Skipton, maybe, they're the most switched on.",
        "Does it handle Sage, Xero and QuickBooks?",
        "The crem fee, the minister, the organist, the flowers.",
        "Honestly, the berth list is a mess.",
        "Look, we need it before lambing.",
        "Right, what does it cost per vet?",
        "Spring, summer, autumn, it's all busy.",
    ],
)
def test_a_word_set_off_by_commas_that_names_no_one_stays(said: str) -> None:
    assert without_vocatives(said, WORDS) == said


@pytest.mark.parametrize(
    ("quote", "kept", "rivals"),
    [
        ("Does it work in Georgia?", "Georgia", []),
        ("Does it sync with Sage?", "Sage", []),
        ("Grant funding runs out in March for the shop.", "Grant", []),
        ("Jane App already does our bookings.", "Jane", ["Jane App"]),
        ("Will it print the spray records?", "print", []),
        ("Does it work in Falmouth, the signal's awful there?", "Falmouth", []),
        ("Can it do the Texas pre-need trust reports?", "Texas", []),
        ("Does it work with QuickBooks Desktop?", "QuickBooks", []),
    ],
)
def test_a_place_a_product_or_a_rival_spelled_like_a_name_still_names(
    quote: str, kept: str, rivals: list[str]
) -> None:
    assert not names_a_person(quote, [quote], WORDS, rivals)
    [name] = name_clusters([[quote]], [[1.0]], competitors=rivals, kind="question", people=WORDS)
    assert kept.lower() in name.lower(), name


@pytest.mark.parametrize(
    "name",
    [
        "Can you send me something I can show Ruth's sister",
        "Buyer worries (dana)",
        "Can Callum put the quote together",
        "Questions for Gareth",
    ],
)
def test_a_name_that_says_a_person_no_longer_holds(name: str) -> None:
    quotes = [f"{name}?", f"{name}, please.", f"So, {name}."]
    assert not still_fits(name, quotes, [], people=WORDS)


def test_a_rep_of_the_calls_is_no_theme_name_whatever_the_first_name_list_says(
    workspace: Workspace,
) -> None:
    """ "Callum" is on no first-name list (it is a word of the embedder's vocabulary): the
    calls' speakers say he is a person."""
    lines = [
        "Can Callum send the berth pricing for next winter?",
        "Could Callum show the harbour master the waiting list?",
    ]
    with workspace.session() as session:
        theme = Cluster(kind="question", name="Questions", auto_name="Questions")
        session.add(theme)
        session.flush()
        _, turns = _call(
            session, 1, "Harbour Lights Marina", "open", "2026-05-04",
            [("Callum Reid", "rep", "Hello."), *[("Ada Quinn", "buyer", line) for line in lines]],
        )  # fmt: skip
        mentions = [_mention(session, turn, "question", None, theme) for turn in turns[1:]]
        for mention in mentions:
            mention.confidence = 0.9
        session.flush()
        [label] = label_edited(workspace, session, [mentions], "question")
    assert "callum" not in label.name.lower() and "callum" not in label.keywords, label
