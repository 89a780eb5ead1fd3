"""A person the calls name by a role ("my nephew Julien") is one of the calls' people for theme
names, as redaction hides him in quotes (walk 8: a pain theme named "Julien found it only")."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.people import names_a_person, person_words
from pipeline.redact import call_people
from pipeline.workspace import Workspace
from tests.plugins.documents import _call

# (the turn naming someone by a role, the theme's pains: the most central says the person)
TIED = {
    "accountancy": (
        "Anselm",
        "For the books, it is my cousin Anselm who does it on Sundays.",
        [
            "Last month we lost a whole client folder, and Anselm found it only after three days.",
            "A phishing email got into the shared inbox and nobody noticed for a week.",
            "The backups failed every night in March and no one saw the warning.",
        ],
    ),
    "salon": (
        "Breccan",
        "My nephew Breccan does the website on weekends.",
        [
            "The booking page went down on a Saturday and Breccan fixed it only on Monday.",
            "We lost every client card when the laptop was stolen.",
            "The card reader drops out and we take payments by hand.",
        ],
    ),
    "vet": (
        "Ottilie",
        "It is my daughter Ottilie who runs the booking system.",
        [
            "The system crashed and Ottilie rebooked everyone only by hand.",
            "Reminder texts stopped going out and we lost a week of boosters.",
            "The server in the cupboard overheats every summer.",
        ],
    ),
}


def _people(ws: Workspace, trade: str) -> frozenset[str]:
    _person, tie, pains = TIED[trade]
    with ws.session() as session:
        turns = [("Jo Buyer", "buyer", tie)] + [("Jo Buyer", "buyer", p) for p in pains]
        call, _ = _call(session, 1, "Acme", "open", "2026-11-03", turns)
        session.commit()
        return person_words(call_people(session, [call.id]))


@pytest.mark.parametrize("trade", sorted(TIED))
def test_a_person_named_by_a_role_names_no_theme(workspace: Workspace, trade: str) -> None:
    person, _tie, pains = TIED[trade]
    people = _people(workspace, trade)
    assert person.casefold() in people
    assert names_a_person(f"{person} found it only", pains, people)
    [name] = name_clusters([pains], [[1.0, 0.8, 0.7]], kind="pain", people=people)
    assert person.casefold() not in name.casefold(), name
