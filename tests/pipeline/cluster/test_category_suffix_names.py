"""A theme named by its category and what its quotes share says the theme's topic after the
label (walk 7): never the label again ("Contract terms: contract terms"), never one quote's pair
("Decision authority: cleaners sign"), a need by the thing needed ("Missing feature: waitlist",
not one buyer's "Without a proper waitlist"), and questions that each ask about another named
system by those systems ("Integrations: Xero, Mailchimp and CSV", not "Integrations: member")."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.cluster.label import label_clusters, name_clusters
from pipeline.cluster.name_rules import details_held, still_fits
from pipeline.cluster.representative import quotes_saying, said_terms, spelled
from pipeline.embed import Embedder
from tests.pipeline.cluster.name_checks import weights


def _name(quotes: list[str], category: str, kind: str = "objection") -> str:
    [name] = name_clusters([quotes], [weights(quotes)], categories=[category], kind=kind)
    return name


@pytest.mark.parametrize(
    ("category", "quotes"),
    [
        (  # a cleaning firm
            "authority_timing",
            [
                "The cleaners sign off on any new rota app before I do anything.",
                "Nothing gets signed until the owner is back from leave.",
                "The head office has to approve new software, I can't sign it myself.",
            ],
        ),
        (  # a letting agency
            "contract",
            [
                "Our contract terms with the current vendor run to next June.",
                "I can't sign contract terms longer than a year with the board watching.",
                "The contract terms you sent are a lot stricter than we're used to.",
            ],
        ),
        (  # a brewery
            "contract",
            [
                "The distributor's terms lock us in until the end of the season.",
                "We're tied to our current terms with the old supplier for two years.",
                "Whatever terms you offer, the brewery owner reads every line first.",
            ],
        ),
    ],
)
def test_the_words_after_the_label_are_neither_the_label_nor_one_quotes_pair(
    category: str, quotes: list[str]
) -> None:
    name = _name(quotes, category)
    label, _, suffix = name.partition(": ")
    for term in said_terms(suffix):
        assert " " not in term or quotes_saying(term, quotes) >= 2, name
        assert not set(term.split()) & set(said_terms(label)), name


@pytest.mark.parametrize(
    ("quotes", "thing"),
    [
        (  # property management
            [
                "If the tenants can't log repairs from their phone with a photo, we're out.",
                "We need a repairs portal the tenants can use, the landlords expect photos.",
            ],
            "repairs",
        ),
        (  # a physio clinic
            [
                "Without split billing across two insurers it's a no from the clinic.",
                "Our patients often have two insurers, so we'd need split billing first.",
                "Split billing is the one thing we can't live without.",
            ],
            "split billing",
        ),
        (  # a restaurant
            [
                "Taking deposits on big tables is a must for us on weekends.",
                "We'd also need the deposit thing before we switch, no-shows cost us every Friday.",
            ],
            "deposit",
        ),
    ],
)
def test_a_missing_feature_theme_is_named_by_the_feature(quotes: list[str], thing: str) -> None:
    name = _name(quotes, "missing_feature")
    assert name.lower().startswith("missing feature: ") and thing in name.lower(), name


QUESTIONS = [
    [  # a vet clinic
        "Does it sync appointments with Google Calendar for each vet?",
        "Can it integrate with Stripe for deposits when clients book?",
        "Can we export the vaccination records to PDF?",
    ],
    [  # a haulage firm
        "Will it sync each delivery invoice into MYOB?",
        "Does it integrate with Samsara for the truck locations?",
        "Can dispatch export the job list to Excel at night?",
    ],
    [  # a law firm
        "Does it integrate with Outlook to file emails into the matter?",
        "Can it sync client documents out of Dropbox?",
        "Will time entries sync to QuickBooks for billing?",
        "Does it integrate with QuickBooks Online as well?",
    ],
]


@pytest.mark.parametrize("quotes", QUESTIONS)
def test_questions_about_other_systems_are_named_by_those_systems(quotes: list[str]) -> None:
    name = _name(quotes, "integrations", kind="question")
    label, _, listed = name.partition(": ")
    assert label == "Integrations" and listed.count(",") + listed.count(" and ") >= 1, name
    assert details_held(name, quotes) and still_fits(
        name, quotes, [], "Integrations", category="integrations", kind="question"
    ), name


def test_systems_named_on_the_real_embedders_centralities(embedder: Embedder) -> None:
    texts = [
        *QUESTIONS,
        [
            "Does your MYOB integration create one invoice per member or a daily summary?",
            "And can I sync members to Klaviyo?",
            "Can we export the class list to CSV?",
        ],
    ]
    central = []
    for group in texts:
        vectors = embedder.encode(group)
        centroid = vectors.mean(axis=0)
        central.append([float(s) for s in vectors @ (centroid / np.linalg.norm(centroid))])
    labels = label_clusters(
        texts, central, categories=["integrations"] * len(texts), kind="question"
    )
    assert labels[-1].name == "Integrations: Klaviyo, MYOB and CSV", [lab.name for lab in labels]


def test_one_buyers_move_or_states_are_no_list() -> None:
    quotes = [
        "We moved from Workday to Gusto last spring and payroll broke.",
        "Payroll runs late every month.",
        "The payroll export never matches.",
    ]
    assert not details_held("Payroll: Workday and Gusto", quotes)


def test_a_name_said_inside_a_sentence_keeps_its_capital() -> None:
    assert spelled("xero", ["Xero is fine.", "I'm less worried about Xero."]) == "Xero"
    assert spelled("waitlist", ["Waitlist is key.", "We need a waitlist."]) == "waitlist"
