"""A theme's name says what its quotes share (``representative.paraphrased``,
``topic_names.topic_terms``), on the real embedder: one buyer's sentence names a theme only when
most of its quotes say the same; else its category and topic words, never a verb alone; a
question theme's label is what its questions ask."""

from __future__ import annotations

import pytest

from pipeline.cluster.name_rules import name_words
from pipeline.cluster.representative import holds_for_most, paraphrased, used_as_verb
from pipeline.cluster.topic_names import short_label, topic_name
from pipeline.embed import Embedder
from tests.pipeline.cluster.test_name_rules import _named

# Themes whose quotes say different things about one topic (driving schools, recruitment,
# lettings, breweries, clinics): no one quote's sentence is theirs.
ONE_BUYERS_SENTENCE = {
    "driving school sign-off": (
        "authority_timing",
        "objection",
        [
            "I'm not changing anything until after Christmas, December is all mock tests.",
            "I'd still need to run it past my two partners after the spring rush.",
            "My dad owns the business and he signs anything over five grand a year.",
            "Not a fit right now.",
            "My husband handles the books and he won't sign anything until he's seen the contract.",
            "Let me talk to my wife, she does the money side, and I'll get back to you.",
        ],
        "husband",
    ),
    "recruitment security": (
        "security",
        "objection",
        [
            "My concern is GDPR.",
            "When a candidate asks to be forgotten, we have to erase them everywhere.",
            "We can't have candidate data going to the US.",
            "Our clients are extremely sensitive about confidentiality.",
            "Send me the security pack and Rupert will look at it.",
            "Send me the security questionnaire answers and I'll forward them to Group IT.",
            "Our current system can't prove erasure, and the regulator has been asking.",
        ],
        "send",
    ),
    "recruitment adoption": (
        "adoption",
        "objection",
        [
            "They live in LinkedIn Recruiter and Outlook all day, nobody used the last system.",
            "Recruiters live in LinkedIn Recruiter and won't switch to another tool.",
            "Our guys on the floor don't all have smartphones.",
            "Some of them share a phone.",
        ],
        "share",
    ),
    "clinic accounting": (
        "integrations",
        "objection",
        [
            "Hmm, a CSV isn't going to cut it.",
            "Our bookkeeper won't re-key four hundred invoices, we'd need a proper sync.",
            "We'd need it to talk to QuickBooks before we move.",
            "Our accountant lives in Xero.",
        ],
        "accountant",
    ),
}

# Negatives: most quotes say what one of them says, and a sentence of theirs names the theme.
MOST_SAY_IT = {
    "brewery kegs": (
        "status_quo",
        "objection",
        [
            "We track kegs on a whiteboard and it works fine.",
            "Honestly the whiteboard for kegs works fine for us.",
            "Our keg whiteboard works fine, we know where they all are.",
            "The kegs are on a whiteboard in the cold store.",
        ],
        "works fine",
    ),
    "lettings deposits": (
        "pain",
        "pain",
        [
            "Chasing tenant deposits takes my whole Friday.",
            "We spend hours chasing deposits from tenants.",
            "Deposits are always late and we end up chasing them.",
            "Chasing deposits is the worst part of the job.",
        ],
        "deposit",
    ),
    # A theme of one: its quote says it all ("Is it cars only?" had become "App handle").
    "driving school fit": (
        "adoption",
        "question",
        ["Does your app handle that, or is it cars only?"],
        "car",
    ),
    "driving school switch": (
        "status_quo",
        "objection",
        ["we only moved to Instructa last year and I'm not putting the lads through it again."],
        "instructa",
    ),
}


@pytest.mark.parametrize("theme", sorted(ONE_BUYERS_SENTENCE))
def test_one_buyers_sentence_never_names_a_theme_of_other_sayings(
    embedder: Embedder, theme: str
) -> None:
    category, kind, quotes, own = ONE_BUYERS_SENTENCE[theme]
    name = _named(embedder, quotes, category, kind)
    assert own not in name_words(name), name
    assert name.startswith(short_label(category)) or paraphrased(name, quotes, category), name


@pytest.mark.parametrize("theme", sorted(MOST_SAY_IT))
def test_what_most_quotes_say_names_the_theme(embedder: Embedder, theme: str) -> None:
    category, kind, quotes, shared = MOST_SAY_IT[theme]
    name = _named(embedder, quotes, category, kind)
    assert holds_for_most(name, quotes), name
    assert shared in name.lower() and ":" not in name, name


# Themes with no sentence of their own: the fallback says their topic as a thing.
VERB_FALLBACKS = {
    "recruitment integrations": (
        "integrations",
        "question",
        [
            "Does it integrate with Workday?",
            "Alan asked whether we integrate with Paylocity for payroll.",
            "Asked if we have a LinkedIn integration.",
        ],
    ),
}


@pytest.mark.parametrize("theme", sorted(VERB_FALLBACKS))
def test_a_fallback_name_is_never_a_verb(embedder: Embedder, theme: str) -> None:
    category, kind, quotes = VERB_FALLBACKS[theme]
    name = _named(embedder, quotes, category, kind)
    words = name.split(": ")[-1].lower().replace(" and ", " ").split()
    assert not any(used_as_verb(w, quotes) for w in words), name
    assert not {"asked", "integrate", "charge", "answer"} & set(words), name


def test_a_pain_theme_sharing_no_topic_is_named_by_a_buyers_words(embedder: Embedder) -> None:
    """No thing is said by two of these pains ("charge" is a verb): a buyer's clause names the
    theme, never one quote's word ("Bank", of "the bank statement")."""
    quotes = [
        "Honestly the waiting list is a mess, it's just a note on my phone.",
        "I had two last week and I can't charge them because nothing's in writing.",
        "We had eleven no-shows and couldn't charge a single one of them.",
        "Matching the Venmo payments to the right kid eats my Sunday.",
        "I've no idea who owes me what until I sit down with the bank statement.",
    ]
    name = _named(embedder, quotes, None, "pain")
    assert len(name.split()) > 1 and "charge" not in name.lower(), name


def test_a_habit_most_quotes_do_not_share_gives_way_to_their_topic(embedder: Embedder) -> None:
    quotes = [
        "Every Monday my team spends the whole morning chasing contractors for timesheets.",
        "And every Monday I'm chasing timesheets.",
        "The rest are in a timesheet portal but half the hiring managers never approve them.",
        "Contractors send timesheets by email and invoices go out late every month.",
        "And timesheets are killing us.",
        "CVs get lost in the inbox all the time.",
        "The worst part of my week is chasing hiring managers for CV feedback.",
        "We send shortlists by email and they just sit there.",
        "Candidates wait ten days for an answer and then they drop out.",
    ]
    name = _named(embedder, quotes, None, "pain")
    assert "timesheet" in name_words(name), name
    assert "monday" not in name.lower(), name


QUESTIONS = {
    "driving tests": (
        "security",
        [
            "Does it tell me when someone's theory test certificate is about to run out?",
            "Does it book the DVSA test for them, or do we still do that on the gov website?",
            "And does it do the Texas forms, the DE-964 certificates?",
        ],
        "Security",
    ),
    "vet reminders": (
        "price",
        [
            "Does it send vaccination reminders by text?",
            "Can owners get a reminder before the booster is due?",
            "Do the reminders go out by email as well?",
        ],
        "Price",
    ),
}


@pytest.mark.parametrize("theme", sorted(QUESTIONS))
def test_a_question_themes_label_is_what_its_questions_ask(embedder: Embedder, theme: str) -> None:
    category, quotes, wrong = QUESTIONS[theme]
    name = _named(embedder, quotes, category, "question")
    assert not name.startswith(wrong), name


def test_a_question_theme_keeps_the_label_its_questions_ask() -> None:
    quotes = [
        "Where is the data stored?",
        "Do you have a SOC 2 report?",
        "Is the data hosted in the EU?",
        "Is it GDPR compliant?",
    ]
    assert topic_name(quotes, ["data"], category="security", kind="question") == "Security"


@pytest.mark.parametrize(
    "quotes",
    [
        [
            "Does it handle split shifts?",
            "Can your app handle split shifts?",
            "Will it do split shifts?",
        ],
        ["Can it track each bag of grain?", "Does your system track grain by the bag?"],
        ["Does your app print the dockets?", "Can the system print dockets for each job?"],
    ],
)
def test_questions_whether_it_does_a_thing_are_never_named_a_missing_feature(
    embedder: Embedder, quotes: list[str]
) -> None:
    """Asking whether it does a thing says nothing is missing."""
    name = _named(embedder, quotes, None, "question")
    assert not name.startswith(short_label("missing_feature")), name
