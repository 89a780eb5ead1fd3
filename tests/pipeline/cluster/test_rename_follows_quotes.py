"""A renamed theme's id and name follow the quotes it was named on (the real embedder, trees
and SQLite): quotes that joined it later and then regroup apart do not take the name with
them, and the named quotes do not lose it to an automatic one."""

from __future__ import annotations

from sqlalchemy import select, update

from pipeline.analysis.flow import run_clustering
from pipeline.cluster import edits
from pipeline.cluster.grain import change_grain
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES, add_quote
from tests.pipeline.cluster.test_grain import cluster_of

# Later calls' notes filed under the same category, about another side of the price: an
# incremental assignment puts them in the renamed theme, a re-cluster sets them apart.
KEG_FEES = [
    "Worried about the per-keg fee on our 190 kegs.",
    "The per-keg fee adds up fast with four hundred kegs out.",
    "Charging per keg makes no sense for a brewery our size.",
    "Per-keg fees would cost us more than our van lease.",
    "We move a lot of kegs, so a fee per keg hurts.",
    "Your per keg charge is the sticking point for us.",
    "A fee on every keg we fill is a dealbreaker.",
    "Keg fees on top of the subscription are too much.",
    "We'd pay a fortune in per-keg charges in summer.",
    "The keg fee would double what we pay for software.",
]


def named(ws: Workspace, texts: list[str]) -> tuple[int, str, bool]:
    """The theme holding most of ``texts``: its id, name and whether a user named it."""
    with ws.session() as session:
        ids = list(session.scalars(select(Mention.cluster_id).where(Mention.text.in_(texts))))
        top = max(set(ids), key=ids.count)
        cluster = session.get(Cluster, top)
        assert cluster is not None and cluster.status == "active"
        return cluster.id, cluster.name, cluster.name_locked


def test_a_renamed_theme_keeps_its_name_on_its_quotes_after_grain_and_new_calls(
    ws: Workspace,
) -> None:
    price = cluster_of(ws, "price")
    with ws.session() as session:
        edits.rename_cluster(session, price, "Too expensive")
    change_grain(ws, "objection", "finer")
    change_grain(ws, "objection", "auto")
    assert named(ws, THEMES["price"]) == (price, "Too expensive", True)
    for i, text in enumerate(KEG_FEES):
        add_quote(ws, text, "price", key=f"keg-{i}", confidence=0.9)
    with ws.session() as session:  # as incremental assignment files them: into the theme
        session.execute(update(Mention).where(Mention.text.in_(KEG_FEES)).values(cluster_id=price))
    change_grain(ws, "objection", "finer")
    run_clustering(ws, rebuild=True)
    assert named(ws, THEMES["price"]) == (price, "Too expensive", True)
    keg_id, keg_name, keg_locked = named(ws, KEG_FEES)
    assert keg_id != price and keg_name != "Too expensive" and not keg_locked
