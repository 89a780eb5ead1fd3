"""A theme's name and its quotes weigh its mentions by how sure the detector is of them: its
uncertain reads sit in it too (behind "show uncertain") but must not name or stand for it."""

from __future__ import annotations

import re

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.queries import get_cluster, list_clusters
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def only_sure(session: Session, cluster_id: int, sure: str) -> None:
    """Every mention of the cluster uncertain (0.2) but ``sure`` (0.95)."""
    mentions = update(Mention).where(Mention.cluster_id == cluster_id)
    session.execute(mentions.where(Mention.text != sure).values(confidence=0.2))
    session.execute(update(Mention).where(Mention.text == sure).values(confidence=0.95))
    session.commit()


def test_a_full_recluster_names_a_theme_from_its_confident_mentions(ws: Workspace) -> None:
    sure = THEMES["price"][2]  # "We can't justify that cost to finance right now."
    with ws.session() as session:
        price = session.scalars(select(Mention.cluster_id).where(Mention.text == sure)).one()
        name_before = session.get(Cluster, price).name  # type: ignore[union-attr]
        assert not words(name_before) <= words(sure)  # named from another quote so far
        only_sure(session, price, sure)
    run_clustering(ws, rebuild=True)
    with ws.session() as session:
        cluster = session.scalars(select(Mention.cluster_id).where(Mention.text == sure)).one()
        name = session.get(Cluster, cluster).name  # type: ignore[union-attr]
        members = session.scalars(select(Mention.text).where(Mention.cluster_id == cluster)).all()
    assert len(members) > 1  # the uncertain ones are still members
    # the sure mention's words, or the category's when not most quotes say them (paraphrased)
    assert words(name) <= words(sure) or name == "Price", name


def test_a_themes_quotes_put_its_confident_mentions_first(ws: Workspace) -> None:
    """The quote beside a theme in the list and the first of its representative quotes (CLI
    ``clusters`` / ``cluster-show``, the API) are a sure mention, not the most central guess."""
    sure = THEMES["price"][2]
    with ws.session() as session:
        price = session.scalars(select(Mention.cluster_id).where(Mention.text == sure)).one()
        assert price is not None
        listed = {c["id"]: c for c in list_clusters(session, kind="objection")}
        shown = get_cluster(session, price, embedder=ws.embedder)["quotes"]
        assert listed[price]["quote"] != sure and shown[0]["text"] != sure  # central so far
        only_sure(session, price, sure)
    with ws.session() as session:
        listed = {c["id"]: c for c in list_clusters(session, kind="objection")}
        assert listed[price]["quote"] == sure
        for embedder in (ws.embedder, None):
            quotes = get_cluster(session, price, embedder=embedder)["quotes"]
            assert quotes[0]["text"] == sure
            assert len(quotes) > 1  # the uncertain ones are still there, after it


def test_a_card_quotes_the_buyers_words_first_and_never_a_filler() -> None:
    """The home page's card for the price theme had shown a rep's note ("Price came up straight
    away: ...") as the first quote under "Buyers say", unmarked."""
    import datetime as dt

    from pipeline.cluster.stats import MentionRow
    from pipeline.cluster.views import card_quotes

    def row(n: int, text: str, role: str = "buyer", confidence: float = 0.9) -> MentionRow:
        return MentionRow(
            id=n, text=text, call_id=n, utterance_id=n, speaker=None, start_seconds=None,
            call_date=dt.date(2026, 9, n), account=f"Cafe {n}", outcome="lost", role=role,
            confidence=confidence,
        )  # fmt: skip

    note = row(
        1, "Price came up straight away: $4 a head adds up with two shifts a week.", "rep_note"
    )
    rows = [
        note,
        row(2, "Hmm.", confidence=1.0),
        row(3, "It's too expensive for us.", confidence=0.3),
    ]
    rows.append(row(4, "Four dollars a head adds up when half of them work one Saturday a month."))
    # confident first (the README's promise), the buyer's own words before a rep's note
    assert [r.id for r in card_quotes(rows, confident_at=0.5)] == [4, 1]
    assert [r.id for r in card_quotes([note, rows[1]], confident_at=0.5)] == [1]
