"""Cluster names true of their quotes: a competitor only when half the quotes name it, and a
name cut before its object goes on as said."""

from __future__ import annotations

from pipeline.cluster.label import name_clusters
from pipeline.cluster.label_checks import true_of_its_quotes
from pipeline.cluster.name_phrases import spelled_as_said

RIVALS = ["Staffly", "RotaPro", "ClockBee"]
RUN_IT_BY = [
    "Right, I need to run it by the owner, Carla.",
    "I still need to run it by the partners, they meet monthly.",
    "I need to run it by them myself.",
    "I need to run the numbers against RotaPro.",
]


def test_a_name_cut_before_its_object_goes_on_as_said() -> None:
    assert spelled_as_said("need to run", RUN_IT_BY) == "Need to run it by the owner"
    assert spelled_as_said("locked into twelve months", ["locked into twelve months, no."]) == (
        "Locked into twelve months"
    )


def test_a_competitor_in_a_name_is_named_by_half_the_quotes() -> None:
    mixed = [
        "Picked Staffly over us: they need contracts.",
        "We pay RotaPro less than that.",
        "Uses ClockBee's free tier for the juniors.",
        "RotaPro came back with a discount.",
        "RotaPro matched it at renewal.",
        "Staffly bundles it. Picked Staffly over us.",
    ]
    assert name_clusters([mixed], [[1.0] * 6], None, RIVALS) == ["Picked a competitor over us"]
    assert true_of_its_quotes("Picked Staffly over us", mixed[:1] * 3, RIVALS) == (
        "Picked Staffly over us"
    )
    unnamed = ["It costs too much.", "Too pricey for us.", "Picked Staffly over us."]
    assert true_of_its_quotes("Picked Staffly over us", unnamed, RIVALS) == (
        "Picked a competitor over us"
    )


def test_a_competitor_taken_out_of_a_name_leaves_grammar() -> None:
    """A name "Use the Motive app" had become "Use the a competitor app"."""
    few = ["It costs too much.", "Too pricey for us.", "Use the Staffly app, they said."]
    assert true_of_its_quotes("Use the Staffly app", few, RIVALS) == "Use a competitor's app"
    assert true_of_its_quotes("Staffly auto-renewed me", few, RIVALS) == (
        "A competitor auto-renewed me"
    )
