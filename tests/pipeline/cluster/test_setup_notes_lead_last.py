"""A rep's note of the buyer's set-up never leads a theme: "They run 1 studio in Fremantle, 180
members on FitLedger + Ezidebit." (a note the detector read as a competitor objection, 0.56)
had fronted "FitLedger: ..." over the buyer's own "Ping me again in the new year, closer to the
FitLedger renewal." (0.44). A note that asks nothing and cues no worry, pain or category goes
last, on the list, ``cluster-show`` and the cards alike. Themes of a physio clinic, a plumbing
firm and a bakery, each with its rival; stored in SQLite and read back as the list reads them.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.store.models import Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call

# trade -> (a rep's note of the set-up, sure; the buyer's worry, less sure)
THEMES = {
    "physio": (
        "They run 2 clinics in Leeds, 9 physios on ClinicPal + Stripe.",
        "Honestly ClinicPal's contract has another year on it, so the timing is hard.",
    ),
    "plumbing": (
        "Runs 6 vans out of Salford, all jobs on TradeMate.",
        "We'd lose all our job history if we moved off TradeMate, that's the worry.",
    ),
    "bakery": (
        "Two shops and a wholesale round, orders on OrderLoaf since 2021.",
        "OrderLoaf is a fair bit cheaper for us, to be honest.",
    ),
}


def _theme(ws: Workspace, trade: str) -> int:
    """An objection theme of ``THEMES[trade]``: the note first and surer, then the worry."""
    note, worry = THEMES[trade]
    with ws.session() as session:
        cluster = Cluster(kind="objection", name=f"{trade} rival")
        session.add(cluster)
        session.flush()
        cluster_id = cluster.id
    for n, (text, role, sure) in enumerate(((note, "rep_note", 0.56), (worry, "buyer", 0.44))):
        call_id = add_call(ws, [text], key=f"note{trade}{n}", account=f"{trade} {n}")
        with ws.session() as session:
            utterance = session.scalars(
                select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
            ).one()
            utterance.role = role
            session.add(
                Mention(
                    utterance_id=utterance.id, call_id=call_id, kind="objection",
                    category="competitor", text=text, char_start=0, char_end=len(text),
                    confidence=sure, cluster_id=cluster_id,
                )
            )  # fmt: skip
    return cluster_id


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_a_note_of_the_set_up_never_leads_a_theme(ws: Workspace, trade: str) -> None:
    cluster_id = _theme(ws, trade)
    worry = THEMES[trade][1]
    with ws.session() as session:
        listed = [c for c in list_clusters(session, kind="objection") if c["id"] == cluster_id]
        shown = get_cluster(session, cluster_id)
    assert [c["quote"] for c in listed] == [worry]
    assert shown["quote"] == worry
