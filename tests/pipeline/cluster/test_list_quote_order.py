"""A theme leads with the same quote everywhere: `callmine clusters` and `/api/clusters`
(``list_clusters``), the home page's cards and `cluster-show` (``get_cluster``): a confident
mention first, the buyer's own words before a rep's note, then the most typical. The list had
quoted "We've taken on four agency drivers..." (0.29, off-topic) for a security theme whose
page led with confident mentions."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from pipeline.cluster.queries import get_cluster, list_clusters, typicality
from pipeline.cluster.views import cluster_cards_json
from pipeline.store.models import Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES

CONFIDENT_AT = 0.5


def test_the_list_the_cards_and_cluster_show_lead_with_the_same_confident_buyer_quote(
    ws: Workspace,
) -> None:
    with ws.session() as session:
        theme = session.scalars(
            select(Mention.cluster_id).where(Mention.text == THEMES["price"][0])
        ).one()
        cluster = session.get(Cluster, theme)
        assert cluster is not None
        members = session.execute(
            select(Mention.id, Mention.text, Mention.utterance_id).where(
                Mention.cluster_id == theme
            )
        ).all()
        typical = typicality(session, cluster, [m.text for m in members])
        ranked = sorted(members, key=lambda m: -typical.get(m.text, 0.0))
        # The most typical mention just under the bar, the next a rep's note: neither leads.
        unsure, note = ranked[0], ranked[1]
        where = Mention.cluster_id == theme
        session.execute(update(Mention).where(where).values(confidence=CONFIDENT_AT))
        session.execute(update(Mention).where(Mention.id == unsure.id).values(confidence=0.49))
        session.execute(
            update(Utterance).where(Utterance.id == note.utterance_id).values(role="rep_note")
        )
        session.commit()
    with ws.session() as session:
        listed = {c["id"]: c for c in list_clusters(session, kind="objection")}
        shown = get_cluster(session, theme, embedder=ws.embedder, confident_at=CONFIDENT_AT)
        page = json.loads(
            cluster_cards_json(ws.views, session, confident_at=CONFIDENT_AT, kind="objection")
        )
    [card] = [c for c in page["cards"] if c["id"] == theme]
    first = shown["quotes"][0]
    assert first["text"].startswith(listed[theme]["quote"]), (first, listed[theme]["quote"])
    assert card["quotes"][0]["mention_id"] == first["mention_id"]
    assert listed[theme]["quote"] not in {unsure.text, note.text}
    assert first["confidence"] >= CONFIDENT_AT
