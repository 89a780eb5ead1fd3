"""Theme names a marketer can publish as a heading or link text (review 23m item 1, review 23n
item 5): never cut off on a function word ("They won't look at anything new until") or before a
question's object ("Can we pick?"); one buyer's clause names a mixed theme only when most of
its quotes share it, else its topic does ("The office PCs alone aren't the risk I need to
solve"); a rival becomes "a competitor" only where the name still says the concern ("A
competitor already showed us a Simphony connector"); and never "Cluster (allergens)"."""

from __future__ import annotations

import pytest

from pipeline.cluster.clauses import ends_mid_phrase, quote_clause
from pipeline.cluster.label import name_clusters

RIVALS = ["Staffly", "RotaPro", "FleetHub", "Clinicly"]


@pytest.mark.parametrize(
    "name",
    [
        "They won't look at anything new until",
        "Nobody signs anything before",
        "The vans stay in the yard during",
        "We'd need it to work with",
        "Our partners won't move until after",
        "The auditors come in every spring and",
        "I'd have to check with",
        "Nothing changes in the clinic since",
        "We can't switch between",
        "The school board decides in June because",
        "Our drivers won't log in unless",
        # a negated auxiliary stands for the verb said before it
        "A competitor doesn't",
        "The kennel software isn't",
        "Our old system didn't",
    ],
)
def test_a_name_cut_on_a_function_word_ends_mid_phrase(name: str) -> None:
    assert ends_mid_phrase(name)


@pytest.mark.parametrize(
    "name",
    [
        "Card fees on top of the monthly fee",
        "Kitchen staff won't use a screen in a rush",
        "Locked into Toast",
        "Where is the patient data stored?",
        "Set it up over the summer",
        "Our drivers won't use another app",
        "Can we pick which machines get updates?",
        "The board only meets in June",
        "Picked a competitor over us",
        "Happy with a competitor",
    ],
)
def test_a_whole_name_does_not_end_mid_phrase(name: str) -> None:
    assert not ends_mid_phrase(name)


def _weights(groups: list[list[str]]) -> list[list[float]]:
    return [[1.0 - 0.05 * j for j in range(len(g))] for g in groups]


@pytest.mark.parametrize(
    "quotes",
    [
        [
            "The trustees won't look at anything new until after inspection season.",
            "Inspection season runs from March, nothing moves till it's over.",
            "Our head signs off in the summer term.",
        ],
        [
            "We won't touch the fleet system until after the winter peak.",
            "The winter peak is when every van is out.",
            "My ops director decides in January.",
        ],
    ],
)
def test_a_clause_cut_before_its_time_phrase_never_names_a_theme(quotes: list[str]) -> None:
    [name] = name_clusters([quotes], _weights([quotes]), categories=["authority_timing"])
    assert not ends_mid_phrase(name), name


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("Can we pick which machines get updates and which ones wait?", "pick"),
        ("Do you know whether the drivers can sign on a tablet at the depot?", "know"),
        ("Can I choose which rooms show up on the booking page for members?", "choose"),
        ("Will you tell us when the school holidays block out the rota?", "tell"),
    ],
)
def test_a_questions_object_is_never_cut_off(question: str, verb: str) -> None:
    clause = quote_clause(question)
    assert not clause.rstrip("?").lower().endswith(verb), clause


# Themes the detector filed under one category, each quote about something else.
MIXED = {
    "integrations": [
        "The office PCs alone aren't the risk I need to solve.",
        "Those controllers are air-gapped, your agent can't phone home from there.",
        "We already have Intune for the laptops.",
        "Two agents both trying to reboot machines worries me.",
        "The auditor wants the report in their own template.",
    ],
    "adoption": [
        "The night nurses never open their laptops on shift.",
        "Agency staff change every week and nobody trains them.",
        "Our ward managers print everything anyway.",
        "The porters only have a pager.",
    ],
    "security": [
        "The MSSP won't add exclusions for a tool that runs scripts.",
        "Our lawyer says the customer data must stay in Germany.",
        "The insurer's questionnaire asked about patching within two weeks.",
        "I'm the only one doing IT for sixty staff.",
    ],
}


@pytest.mark.parametrize("category", list(MIXED))
def test_one_quotes_clause_never_names_a_mixed_theme(category: str) -> None:
    quotes = MIXED[category]
    [name] = name_clusters([quotes], _weights([quotes]), categories=[category])
    lowered = name.lower()
    assert not any(lowered.rstrip("?") in q.lower() for q in quotes), name


def test_a_rival_aside_is_no_competitor_name_but_a_theme_of_losses_keeps_it() -> None:
    integrations = [
        "FleetHub already showed us a Samsara connector.",
        "We'd be double keying every load into the TMS.",
        "If it doesn't sync with our TMS it's a non-starter.",
        "The dispatch board has to talk to the TMS.",
        "Does it push loads into McLeod?",
    ]
    losses = [
        "Picked Staffly over us, they need contracts.",
        "We pay RotaPro less than that.",
        "Uses Clinicly's free tier for the juniors.",
        "RotaPro came back with a discount.",
        "Staffly bundles it. Picked Staffly over us.",
    ]
    names = name_clusters(
        [integrations, losses], _weights([integrations, losses]), None, RIVALS,
        ["integrations", "competitor"],
    )  # fmt: skip
    assert "competitor" not in names[0].lower(), names
    assert names[1] in {"Picked Staffly over us", "Picked a competitor over us"}, names


@pytest.mark.parametrize(
    "groups",
    [
        [["Is the allergen list updated?"], ["Is the allergen list updated?"]],
        [["Hmm."], ["Hmm."]],
        [["Does the crèche app do it?", "Crèche app?"], ["Crèche app?", "Does it?"]],
    ],
)
def test_no_theme_is_named_cluster(groups: list[list[str]]) -> None:
    names = name_clusters(groups, _weights(groups), kind="question")
    assert len(set(names)) == len(names)
    assert not [n for n in names if n.lower().startswith("cluster")], names
