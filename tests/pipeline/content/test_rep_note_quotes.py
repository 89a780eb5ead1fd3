"""A rep's note is the rep's words: a detection in one is shown as the rep's note, never as
something the buyer said (issue 15), and a document never quotes it (issue 20): it counts in
the cluster's numbers, but the quotes are the buyer's own words."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.cluster.queries import get_cluster
from pipeline.content.collect import collect_evidence
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import app_client


def test_a_mention_in_a_rep_note_is_counted_and_shown_as_the_note_but_never_quoted(
    corpus_ws: Workspace,
) -> None:
    with corpus_ws.session() as db:
        mention = db.scalars(select(Mention).where(Mention.cluster_id.is_not(None))).first()
        assert mention is not None and mention.cluster_id is not None
        cluster_id, mention_id = mention.cluster_id, mention.id
        utterance = db.get(Utterance, mention.utterance_id)
        assert utterance is not None
        utterance.role, utterance.speaker = "rep_note", None
    with corpus_ws.session() as db:
        evidence = collect_evidence(db, [cluster_id], quotes_per_cluster=50)
        assert mention_id not in {q.mention_id for q in evidence.quotes}
        assert evidence.quotes and {q.role for q in evidence.quotes} == {"buyer"}
        [cluster] = evidence.clusters
        assert cluster.size == len(
            db.scalars(
                select(Mention.id).where(
                    Mention.cluster_id == cluster_id, Mention.excluded.is_(False)
                )
            ).all()
        )
        detail = get_cluster(db, cluster_id)
        [shown] = [q for q in detail["mentions"] if q["mention_id"] == mention_id]
        assert shown["role"] == "rep_note"
    with app_client(corpus_ws) as client:
        page = client.get(f"/clusters/{cluster_id}").text
    assert "rep&#39;s note" in page or "rep's note" in page
