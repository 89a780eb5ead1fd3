"""A theme's list quote, its page's first quote and its card's lead with a line that reads
alone, never a fragment whose meaning is in the turn before ("Yes, but next time maybe we are
not so lucky.", "Not a lot less, but less."), however sure the detector was of it.

Why: a managed-IT integrations theme had been fronted by that first line, said after a phishing
story; the FAQ already refused it as a sole source (``reads_alone`` is the one test of both).
"""

from __future__ import annotations

import json

import pytest

from pipeline.cluster.lead_ins import reads_alone
from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.cluster.views import cluster_cards_json
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.insights_corpus import add_theme_quote

# trade -> (category, a fragment leaning on the turn before, two lines that say the worry alone)
THEMES = {
    "bakery": (
        "adoption",
        "Yes, but next time maybe we won't be so lucky.",
        (
            "Half our bakers won't learn another app on top of the till.",
            "The night shift will never remember to clock in on a tablet.",
        ),
    ),
    "physio": (
        "price",
        "Not a lot less, but less.",
        (
            "Ninety a month is steep for a two-room clinic like ours.",
            "The per-therapist fee doubles what we pay for the diary today.",
        ),
    ),
    "haulage": (
        "contract",
        "But then again, that was only the one time.",
        (
            "We can't sign up for three years with fuel prices the way they are.",
            "A twelve-month minimum term is a problem for a fleet our size.",
        ),
    ),
}


def _theme(ws: Workspace, trade: str) -> int:
    """An objection theme of ``THEMES[trade]``, one call each, its fragment the surest read."""
    category, fragment, alone = THEMES[trade]
    with ws.session() as session:
        cluster = Cluster(kind="objection", name=f"Theme of {trade}")
        session.add(cluster)
        session.flush()
        cluster_id = cluster.id
    for n, (text, confidence) in enumerate(((fragment, 0.99), (alone[0], 0.8), (alone[1], 0.7))):
        add_theme_quote(
            ws, cluster_id, text, kind="objection", category=category, confidence=confidence,
            key=f"alone{trade}{n}", account=f"{trade} {n}",
        )  # fmt: skip
    return cluster_id


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_a_theme_leads_with_a_quote_that_reads_alone(ws: Workspace, trade: str) -> None:
    cluster_id = _theme(ws, trade)
    _, fragment, alone = THEMES[trade]
    with ws.session() as session:
        listed = next(c for c in list_clusters(session, kind="objection") if c["id"] == cluster_id)
        shown = get_cluster(session, cluster_id)
        cards = cluster_cards_json(ws.views, session, confident_at=DEFAULT_CONFIDENT_AT)
    card = next(c for c in json.loads(cards)["cards"] if c["id"] == cluster_id)
    assert listed["quote"] in alone
    assert shown["quotes"][0]["text"] in alone
    assert card["quotes"][0]["text"] in alone
    # Still shown, after the lines that read alone: it is one of the theme's mentions.
    assert [q["text"] for q in shown["quotes"]][-1] == fragment


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_reads_alone_tells_a_fragment_from_a_line(trade: str) -> None:
    _, fragment, alone = THEMES[trade]
    assert not reads_alone(fragment)
    assert all(reads_alone(line) for line in alone)
    assert reads_alone(fragment, "We were lucky the backup from Friday worked.")  # a lead-in


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        # Carrying on with things of its own reads; with none, or pointing back, it does not.
        ("And the vans turn up late every single week.", True),
        ("And the ovens log the temperatures on paper, then we type them up.", True),
        ("So we would have to do the same thing all over again next year.", False),
        ("That's probably more than we pay now, but I'd have to check with Sue.", False),
        # A comparison needs what it compares with.
        ("Much cheaper, honestly.", False),
        ("Less than we pay our bookkeeper now.", True),
        # "Them" bound by a term is the buyer's current provider, said as such; elsewhere it
        # points back at people or things named before.
        ("We're eight months into a two-year contract with them, so we can't walk away.", True),
        ("Our lease with them on the card machines runs to March.", True),
        ("We'd have to train them all over again on the new tills.", False),
    ],
)
def test_reads_alone_of_lines_from_several_trades(line: str, alone: bool) -> None:
    assert reads_alone(line) is alone
