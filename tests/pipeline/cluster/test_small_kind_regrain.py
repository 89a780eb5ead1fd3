"""A small workspace's pain themes after its uploads are those a rebuild gives. A walk's first
run showed one pain theme of five problems: its last full run had scored 2 themes on 13 pains,
and the pains of later uploads joined that lump by its wide bar, under the 1.5x growth that
re-clusters; `callmine redetect` then cut the same pains into five themes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.pipeline.cluster.test_waiting_mentions import assign, store_pains

# Three problems of a trade, told by four or five buyers each; the first upload holds three of
# each (nine pains: too few to split, so one theme), later uploads one pain at a time.
LANDSCAPING = {
    "rain reschedules": [
        "Every rainy week I spend a whole evening moving forty mowing visits by hand.",
        "When it rains we reshuffle the lawn route on paper and customers get missed.",
        "A wet Monday wrecks the mowing schedule for the rest of the week.",
        "Rain days mean calling every client to rebook their cut.",
    ],
    "broken mowers": [
        "Our ride-on mowers break down mid-job and the crew sits idle.",
        "We never know which trimmer is due a service until it dies on site.",
        "A blown mower engine cost us three jobs last Thursday.",
        "Equipment repairs are done only when something snaps in the field.",
    ],
    "crew no-shows": [
        "Seasonal guys just don't show up on Monday mornings.",
        "Half the summer crew quits without telling anyone.",
        "I'm short two labourers most days because someone didn't turn up.",
        "We lose a crew member a fortnight and find out when the truck leaves without him.",
        "Temps ghost us after their first hot week.",
    ],
}
DENTAL_LAB = {
    "remakes": [
        "A third of our crowns come back for a remake because the impression was distorted.",
        "We redo bridges for free when the clinic's scan misses the margin.",
        "Remakes from bad impressions eat our whole margin on a case.",
        "Every week we pour a model twice because the impression tore.",
    ],
    "courier delays": [
        "The courier loses cases between the clinic and the lab.",
        "Cases arrive a day late because the van skips our pickup.",
        "Dentists blame us when the courier drops the box at the wrong surgery.",
        "We miss seat dates because the delivery driver never came.",
    ],
    "shade mismatches": [
        "The shade on the prescription never matches the tooth in the photo.",
        "Patients send veneers back because the colour is off.",
        "We guess the shade from a blurry phone picture.",
        "Clinics write A2 when the tooth is clearly darker and the crown looks fake.",
        "Shade complaints are our most common return.",
    ],
}
TAPROOM = {
    "missing kegs": [
        "Bars never send our empty kegs back and we keep buying new ones.",
        "We lost sixty kegs last year to pubs that don't return them.",
        "Nobody knows which pub is sitting on our empties.",
        "Keg deposits get ignored and the shells just vanish.",
    ],
    "late payments": [
        "Pubs pay our invoices ninety days late.",
        "The distributor sits on our money for two months.",
        "Chasing bars for payment is half my Friday.",
        "Unpaid invoices from restaurants pile up over the summer.",
        "We had to delay a grain order because three accounts hadn't paid.",
    ],
    "canning line": [
        "The canning line jams and we lose a whole batch to bad seams.",
        "Our canner drops lids every few minutes on a long run.",
        "A canning run of six hours takes ten because the filler keeps stopping.",
        "We throw away hundreds of underfilled cans every run.",
    ],
}


def partition(ws: Workspace) -> set[frozenset[int]]:
    """The pain themes as sets of mention ids (those in no theme as one set of their own)."""
    with ws.session() as session:
        rows = session.execute(
            select(Mention.id, Mention.cluster_id).where(Mention.kind == "pain")
        ).all()
    themes: dict[int | None, set[int]] = {}
    for mention_id, cluster_id in rows:
        themes.setdefault(cluster_id, set()).add(int(mention_id))
    return {frozenset(members) for members in themes.values()}


@pytest.mark.parametrize(
    "problems", [LANDSCAPING, DENTAL_LAB, TAPROOM], ids=["landscaping", "dental-lab", "taproom"]
)
def test_a_small_workspaces_pains_after_its_uploads_are_a_rebuilds_themes(
    workspace: Workspace, problems: dict[str, list[str]]
) -> None:
    ws = workspace
    first = [pain for pains in problems.values() for pain in pains[:3]]
    later = [pain for pains in problems.values() for pain in pains[3:]]
    store_pains(ws, first, "first")
    run_clustering(ws, kinds=["pain"])  # the first upload: a full run (no themes yet)
    assert len(partition(ws)) == 1  # nine pains are too few to split
    for number, pain in enumerate(later):  # each later upload, as ``analyse_calls`` does it
        assign(ws, store_pains(ws, [pain], f"later{number}"))
        run_clustering(ws, kinds=["pain"])
    uploaded = partition(ws)
    run_clustering(ws, rebuild=True, kinds=["pain"])
    assert uploaded == partition(ws)
    assert len(uploaded) > 1  # the lump of the first nine did not hold
