"""A theme's name weighs its mentions by how sure the detector is of them: its uncertain reads
sit in it too (behind "show uncertain") but must not give the theme its name."""

from __future__ import annotations

import re

from sqlalchemy import select, update

from pipeline.analysis.flow import run_clustering
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def test_a_full_recluster_names_a_theme_from_its_confident_mentions(ws: Workspace) -> None:
    sure = THEMES["price"][2]  # "We can't justify that cost to finance right now."
    with ws.session() as session:
        price = session.scalars(select(Mention.cluster_id).where(Mention.text == sure)).one()
        name_before = session.get(Cluster, price).name  # type: ignore[union-attr]
        assert not words(name_before) <= words(sure)  # named from another quote so far
        session.execute(
            update(Mention)
            .where(Mention.cluster_id == price, Mention.text != sure)
            .values(confidence=0.2)
        )
        session.execute(update(Mention).where(Mention.text == sure).values(confidence=0.95))
        session.commit()
    run_clustering(ws, rebuild=True)
    with ws.session() as session:
        cluster = session.scalars(select(Mention.cluster_id).where(Mention.text == sure)).one()
        name = session.get(Cluster, cluster).name  # type: ignore[union-attr]
        members = session.scalars(select(Mention.text).where(Mention.cluster_id == cluster)).all()
    assert len(members) > 1  # the uncertain ones are still members
    assert words(name) <= words(sure), name
