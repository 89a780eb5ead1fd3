"""A pain theme's name reads as the problem, on the real embedder (review: "Crem", "Driver",
"Answering and night", "Except when I forget" had headed pain themes): a lone word only when it
names something going wrong ("No-shows"); else the verb phrase its central quotes say it in
("Ringing drivers"), trimmed to a clause; "X and Y" only of words said together; never the
tail of a sentence. Names most quotes share, and pairs said side by side, stay."""

from __future__ import annotations

import re

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.pain_names import gerund, verb_phrases
from pipeline.cluster.pain_shapes import a_fragment, a_problem_alone, english, thin_pain_name
from pipeline.cluster.topic_names import topic_terms
from pipeline.embed import Embedder
from tests.pipeline.cluster.test_name_rules import _named

# Per industry: the topic word a third or more of the pains say (never most), and the pains.
LONE_TOPICS: dict[str, tuple[str, list[str]]] = {
    "logistics": (
        "driver",
        [
            "Our controllers spend all day ringing drivers to ask where they are.",
            "A customer phones, we ring the driver, and he's on the motorway.",
            "The depot only finds out about a breakdown hours later.",
            "Nobody knows where the lorries are after lunch.",
            "The arrival time on the board is a guess.",
            "Trucks turn up late and we can't see them coming.",
        ],
    ),
    "marina": (
        "invoice",
        [
            "Every quarter I'm chasing berth holders for unpaid invoices.",
            "We send the invoices by hand from a spreadsheet.",
            "Half the invoices go to owners who sold their boats years ago.",
            "Berth fees come in weeks late.",
            "Nobody knows which visitor has paid for the pontoon.",
            "The fuel dock till never balances with the accounts.",
            "Owners dispute the winter storage charges every spring.",
        ],
    ),
    "dental lab": (
        "prescription",
        [
            "We're chasing dentists for missing prescriptions every morning.",
            "Half the prescriptions arrive without a shade.",
            "I re-key every prescription into the lab system.",
            "Couriers drop the boxes at the wrong door.",
            "Remakes eat our margin on crowns.",
            "The technicians can't see which case is urgent.",
            "Surgeries ring to ask when their case ships.",
        ],
    ),
    "brewery": (
        "keg",
        [
            "We lose kegs every year because nobody logs them.",
            "I spend Mondays ringing pubs about missing kegs.",
            "Kegs sit in pub cellars for months.",
            "Duty forms for the tax office take days.",
            "The taproom till and the stock sheet never agree.",
            "Trade orders come in by text, email and phone.",
            "Brew sheets get soaked on the clipboard.",
        ],
    ),
    "school": (
        "parent",
        [
            "The office spends every morning ringing parents about absences.",
            "We chase parents for trip money in envelopes.",
            "Parents never read the newsletter.",
            "Supply cover is arranged by text at seven.",
            "Detentions are logged in three places.",
            "Report cards take the whole half term.",
            "The register crashes on Mondays.",
        ],
    ),
    "clinic": (
        "result",
        [
            "I spend the afternoon chasing lab results by phone.",
            "Results arrive by fax and get scanned into the wrong file.",
            "Doctors can't find the results when the patient is in the room.",
            "Locum cover is arranged the night before.",
            "Patients phone twice a day about repeat prescriptions.",
            "The waiting room screen shows the wrong clinician.",
        ],
    ),
    "funeral home": (
        "crem",
        [
            "We're ringing the crem every morning to confirm the slots.",
            "The crem sends the forms back if one box is blank.",
            "Booking the crem takes three phone calls.",
            "Families pay the florist directly.",
            "Obituary notices go out late.",
            "The hearse rota lives in one person's head.",
        ],
    ),
    "vet practice": (
        "reminder",
        [
            "We probably miss half the vaccine reminders every month.",
            "Reminders bounce because the email addresses are years old.",
            "I send the reminders by hand on Fridays.",
            "The phones ring off the hook at eight.",
            "Insurance claims are typed up by hand.",
            "Two vets edit the calendar at once.",
            "Controlled drug counts never match the shelf.",
        ],
    ),
    "construction": (
        "drawing",
        [
            "We print the drawings every morning and they're out of date by lunch.",
            "Nobody on the job knows which drawings are current.",
            "I email drawings to the site one by one.",
            "Materials turn up on the wrong day.",
            "Subbies invoice for work we never saw.",
            "The daily diary is a soggy notebook.",
        ],
    ),
    "bakery": (
        "order",
        [
            "Every night I'm re-keying wholesale orders from the inbox into the sheet.",
            "Orders come by text, voicemail and email.",
            "Cafés change their orders after we've baked.",
            "The early shift starts at four and nobody covers sick days.",
            "Flour deliveries come short.",
            "The ovens need servicing and we keep putting it off.",
        ],
    ),
    "salon": (
        "deposit",
        [
            "I'm chasing clients for deposits on every bridal booking.",
            "Deposits get lost between the till and the diary.",
            "Half our deposits are taken by bank transfer and never matched.",
            "The stylists book their own holidays.",
            "Product orders get doubled.",
            "Walk-ins wait because the diary is full of gaps.",
            "Late arrivals push the whole afternoon back.",
        ],
    ),
}


@pytest.mark.parametrize("industry", sorted(LONE_TOPICS))
def test_a_pain_theme_is_named_by_what_goes_wrong_with_its_topic(
    embedder: Embedder, industry: str
) -> None:
    """ "Driver" says where it hurts; "Ringing drivers" what goes wrong."""
    word, quotes = LONE_TOPICS[industry]
    name = _named(embedder, quotes, None, "pain")
    assert len(name.split()) > 1 and word in name.lower(), name
    assert " and " not in name and not a_fragment(name), name


@pytest.mark.parametrize("industry", sorted(LONE_TOPICS))
def test_a_pain_name_said_of_its_topic_holds_across_re_clusters(
    embedder: Embedder, industry: str
) -> None:
    """Named of a word a share say, it holds; the lone word it had before does not."""
    word, quotes = LONE_TOPICS[industry]
    name = _named(embedder, quotes, None, "pain")
    assert still_fits(name, quotes, [], kind="pain"), name
    assert not still_fits(word.capitalize() + "s", quotes, [], kind="pain")


# Per industry: two words each said by a third of the pains, never by the same one.
APART: dict[str, tuple[tuple[str, str], list[str]]] = {
    "vet out of hours": (
        ("answering", "night"),
        [
            "The answering service loses half the messages.",
            "Our answering service reads out the wrong number.",
            "I'm driving in at night to look at a history.",
            "Every night I'm typing up the day's invoices.",
            "The big thing for me is the records.",
            "Nobody can reach the clinic notes from home.",
        ],
    ),
    "school office": (
        ("lunch", "register"),
        [
            "Lunch money still comes in envelopes.",
            "The lunch orders are counted on paper.",
            "The register takes twenty minutes every morning.",
            "Supply teachers can't open the register.",
            "Trips need six forms each.",
            "Parents ring about absences all day.",
        ],
    ),
}


@pytest.mark.parametrize("industry", sorted(APART))
def test_two_words_said_by_different_pains_never_name_a_theme_together(
    embedder: Embedder, industry: str
) -> None:
    (first, second), quotes = APART[industry]
    name = _named(embedder, quotes, None, "pain")
    said = set(re.findall(r"\w+", name.lower()))
    assert not {first, second} <= said, name
    assert topic_terms(quotes, [])[:2] != [first, second], topic_terms(quotes, [])


def test_two_words_said_together_may_still_name_a_theme() -> None:
    quotes = [
        "The lunch queue goes out the door.",
        "At lunch the queue blocks the entrance.",
        "People give up on the queue at lunch.",
        "The card machine drops out.",
        "Deliveries come during service.",
    ]
    assert sorted(w.lower() for w in topic_terms(quotes, [])) == ["lunch", "queue"]


@pytest.mark.parametrize(
    "name",
    [
        "Crem",
        "Driver",
        "Payroll",
        "Monat",
        "Answering and night",
        "Except when I forget",
        "Which in hindsight was probably a false economy",
        "Wants a battery",
        "I genuinely hate it",
        "We always get that wrong",
    ],
)
def test_thin_shapes_are_no_pain_names(name: str) -> None:
    quotes = [
        "The answering service loses messages.",
        "I'm driving in at night.",
        "Except when I forget.",
        "Payroll is a mess.",
    ]
    assert thin_pain_name(name, quotes, 1 / 3), name


@pytest.mark.parametrize(
    "name",
    [
        "No-shows",
        "Cancellations",
        "Ringing drivers",
        "Chasing timesheets every payday",
        "Missed calls after hours",
        "Double entry between systems",
        "Paper forms at the crematorium",
        "Timesheets are killing us",
        "The phone is killing us",
        "Permit paperwork",
    ],
)
def test_names_that_read_as_a_problem_pass(name: str) -> None:
    assert not thin_pain_name(name, ["Timesheets are killing us."], 1 / 3), name


def test_a_clipping_or_another_languages_word_is_no_english_word() -> None:
    assert not english("crem") and not english("Monat")
    assert english("drivers") and english("re-keying")
    assert a_problem_alone("No-shows") and not a_problem_alone("Crem")


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("rings", "ringing"),
        ("chased", "chasing"),
        ("re-key", "re-keying"),
        ("typed", "typing"),
        ("stop", "stopping"),
        ("email", "emailing"),
        ("need", ""),
        ("morning", ""),
        ("doing", "doing"),  # a short "-ing" is one already: "doinging" had named a theme
        ("dying", "dying"),
        ("bring", "bringing"),  # a plain verb spelled in "-ing" is not
        ("sing", "singing"),
    ],
)
def test_a_verb_as_said_gives_its_ing_form(said: str, expected: str) -> None:
    assert gerund(said) == expected


def test_a_verb_phrase_runs_from_the_verb_to_the_topic_and_its_phrase() -> None:
    said = "And the worst part of my week is chasing hiring managers for CV feedback."
    assert verb_phrases(said, ["cv"]) == ["Chasing hiring managers for CV feedback"]
    assert verb_phrases("We never log the fuel dock after hours.", ["fuel", "dock"]) == []
    assert verb_phrases("The problem is late cancellations.", ["cancellation"]) == []


@pytest.mark.parametrize(
    ("said", "topic", "expected"),
    [
        ("I'm doing the stock count on Sunday nights by hand.", ["stock"], "Doing the stock count"),
        (
            "Honestly I'm doing patient reminders myself.",
            ["patient"],
            "Doing patient reminders myself",
        ),
        ("We keep doing site invoices twice.", ["site", "invoice"], "Doing site invoices twice"),
    ],
)
def test_a_verb_said_in_its_short_ing_form_names_the_pain_as_said(
    said: str, topic: list[str], expected: str
) -> None:
    assert verb_phrases(said, topic) == [expected]


# Negatives: names today's code gives well keep.
KEPT: dict[str, tuple[str, list[str]]] = {
    "recruitment timesheets": (
        "timesheets",
        [
            "Every Monday my team spends the whole morning chasing contractors for timesheets.",
            "And timesheets are killing us.",
            "And every Monday I'm chasing timesheets.",
            "Contractors send timesheets by email and they sit in an inbox.",
            "Timesheets come in late every single week.",
        ],
    ),
    "dental no-shows": (
        "no-shows",
        [
            "We had eleven no-shows last week.",
            "No-shows cost us a fortune in chair time.",
            "No-shows are the thing that kills us.",
            "Reminder texts cost extra.",
            "Patients ring to book and nobody answers.",
            "The waitlist takes all Monday morning.",
            "Support is in another time zone.",
        ],
    ),
    "solar permits": (
        "permit paperwork",
        [
            "The permit paperwork is killing us.",
            "Permit paperwork alone is half a day per job.",
            "My office manager spends two days a week on county packets.",
            "If anything's off they kick it back.",
            "Interconnection forms go back and forth for weeks.",
        ],
    ),
    "marina fuel dock": (
        "fuel dock",
        [
            "The fuel dock closes early and boats queue out to the channel.",
            "Nobody logs who used the fuel dock after hours.",
            "Berth holders pay late and I chase them by email.",
            "The waiting list lives in a spreadsheet nobody trusts.",
            "Winter storage bookings clash with the crane schedule.",
        ],
    ),
}


@pytest.mark.parametrize("theme", sorted(KEPT))
def test_good_pain_names_stay(embedder: Embedder, theme: str) -> None:
    said, quotes = KEPT[theme]
    name = _named(embedder, quotes, None, "pain")
    assert said in name.lower() and not thin_pain_name(name, quotes, 1 / 3), name


def test_objection_names_keep_their_shape() -> None:
    """The lone topic word still names an objection theme with no category: pains only."""
    quotes = ["The kegs are a worry.", "Kegs again.", "What about kegs?", "Pricing is fine."]
    [name] = name_clusters([quotes], [[1.0, 0.9, 0.8, 0.7]], kind="question")
    assert "keg" in name.lower(), name
