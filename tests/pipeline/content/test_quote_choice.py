"""The quote that stands for a theme in a document is a sure one that says what the theme is
about: confidence is weighed by how typical of its cluster a mention is (a sure fragment such
as "Same cook, same Friday, both kitchens." had opened the example calls' use case)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pipeline.cluster.queries import typicality
from pipeline.content.collect import collect_evidence
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace


def _largest(db: Session) -> Cluster:
    """The objection cluster with the most mentions."""
    cluster_id = db.scalars(
        select(Mention.cluster_id)
        .join(Cluster, Cluster.id == Mention.cluster_id)
        .where(Cluster.kind == "objection", Cluster.status == "active")
        .group_by(Mention.cluster_id)
        .order_by(func.count().desc(), Mention.cluster_id)
    ).first()
    cluster = db.get(Cluster, cluster_id)
    assert cluster is not None
    return cluster


def _quotes_when(
    db: Session, cluster: Cluster, *, everyone: float, one: str, its: float
) -> list[str]:
    """The cluster's quotes in a document once its mentions have confidence ``everyone``,
    except the text ``one`` at ``its``."""
    mentions = update(Mention).where(Mention.cluster_id == cluster.id)
    db.execute(mentions.values(confidence=everyone))
    db.execute(mentions.where(Mention.text == one).values(confidence=its))
    db.commit()
    evidence = collect_evidence(db, [cluster.id], redact=False, quotes_per_cluster=50)
    return [q.text for q in evidence.cluster_quotes(evidence.clusters[0])]


def test_a_sure_but_untypical_mention_does_not_stand_for_its_theme(corpus_ws: Workspace) -> None:
    with corpus_ws.session() as db:
        cluster = _largest(db)
        texts = db.scalars(select(Mention.text).where(Mention.cluster_id == cluster.id)).all()
        typical = typicality(db, cluster, texts)
        assert len(typical) == len(set(texts)) > 3  # every member has a cached vector
        least, most = min(typical, key=typical.get), max(typical, key=typical.get)  # type: ignore[arg-type]
        # A clear gap between the theme's least and most typical member (0.71 against 0.84 on
        # the price theme): the surer one must still not lead.
        assert typical[most] - typical[least] > 0.1
        quotes = _quotes_when(db, cluster, everyone=0.9, one=least, its=1.0)
    assert quotes[0] == most and least in quotes  # still quoted, after the typical one


def test_an_uncertain_mention_comes_after_every_confident_one(corpus_ws: Workspace) -> None:
    with corpus_ws.session() as db:
        cluster = _largest(db)
        texts = db.scalars(select(Mention.text).where(Mention.cluster_id == cluster.id)).all()
        typical = typicality(db, cluster, texts)
        most = max(typical, key=typical.get)  # type: ignore[arg-type]
        quotes = _quotes_when(db, cluster, everyone=0.55, one=most, its=0.45)
    assert most in quotes and quotes.index(most) == len(quotes) - 1


def test_a_document_picks_from_a_themes_most_confident_buyer_mentions() -> None:
    """How typical a quote is comes from its vector: a theme of any size reads at most
    ``QUOTE_POOL`` of them, its most confident buyer mentions."""
    import datetime as dt

    from pipeline.content.quotes import candidates
    from pipeline.store.models import Call, Utterance

    call = Call(id=1, call_date=dt.date(2026, 7, 1))
    rows = [
        (
            Mention(
                id=n,
                text=f"worry {n}",
                char_start=0,
                char_end=len(f"worry {n}"),
                confidence=n / 1000,
            ),
            Utterance(id=n, role="rep_note" if n % 10 == 0 else "buyer", text=f"worry {n}"),
            call,
        )
        for n in range(1, 1001)
    ]
    pool = candidates(rows, limit=50)
    assert len(pool) == 50 and all(r[1].role == "buyer" for r in pool)
    assert [r[0].id for r in pool[:3]] == [999, 998, 997]


def test_a_quote_carries_the_next_sentence_that_turns_it(corpus_ws: Workspace) -> None:
    """Documents, cluster cards and pages quote a sentence with the buyer's "But..." after it."""
    import json

    from pipeline.cluster.queries import get_cluster, list_clusters
    from pipeline.cluster.views import cluster_cards_json
    from pipeline.store.models import Utterance

    turn = " But the partners see it as one system instead of two."
    with corpus_ws.session() as db:
        cluster = _largest(db)
        mentions = db.scalars(
            select(Mention).where(Mention.cluster_id == cluster.id).order_by(Mention.id)
        ).all()
        for mention in mentions:  # every member's turn goes on with a turning sentence
            utterance = db.get(Utterance, mention.utterance_id)
            assert utterance is not None
            if not utterance.text.endswith(turn):
                utterance.text = utterance.text[: mention.char_end] + turn
        db.commit()
        evidence = collect_evidence(db, [cluster.id], redact=False)
        quotes = [q.text for q in evidence.cluster_quotes(evidence.clusters[0])]
        shown = get_cluster(db, cluster.id)
        card = next(c for c in list_clusters(db, kind=cluster.kind) if c["id"] == cluster.id)
        page = json.loads(
            cluster_cards_json(corpus_ws.views, db, confident_at=0.5, kind=cluster.kind)
        )
        home = next(c for c in page["cards"] if c["id"] == cluster.id)
    assert quotes and all(q.endswith(turn.strip()) for q in quotes)
    texts = {m.text for m in mentions}
    assert all(any(text in q for text in texts) for q in quotes)
    assert shown["quotes"] and all(q["text"].endswith(turn.strip()) for q in shown["quotes"])
    assert shown["quote"] == shown["quotes"][0]["text"]
    assert card["quote"].endswith(turn.strip())  # the CLI's and the API's list
    assert home["quotes"] and all(q["text"].endswith(turn.strip()) for q in home["quotes"])


def test_a_mention_that_says_nothing_alone_is_never_quoted(corpus_ws: Workspace) -> None:
    """ "Hmm." after a price can be read as an objection (it counts), but a quote of it says
    nothing: documents, cluster pages and cards quote the theme's words instead."""
    from pipeline.cluster.queries import get_cluster, list_clusters
    from pipeline.store.models import Utterance

    with corpus_ws.session() as db:
        cluster = _largest(db)
        member = db.scalars(select(Mention).where(Mention.cluster_id == cluster.id)).first()
        assert member is not None
        said = Utterance(
            call_id=member.call_id, seq=10_000, speaker="Dana", role="buyer", text="Hmm."
        )
        db.add(said)
        db.flush()
        db.add(
            Mention(
                utterance_id=said.id, call_id=member.call_id, kind=cluster.kind, text="Hmm.",
                char_start=0, char_end=4, confidence=1.0, cluster_id=cluster.id,
            )
        )  # fmt: skip
        db.execute(update(Mention).where(Mention.cluster_id == cluster.id).values(confidence=1.0))
        db.commit()
        evidence = collect_evidence(db, [cluster.id], redact=False, quotes_per_cluster=50)
        quotes = [q.text for q in evidence.cluster_quotes(evidence.clusters[0])]
        shown = get_cluster(db, cluster.id, embedder=corpus_ws.embedder)
        card = next(c for c in list_clusters(db, kind=cluster.kind) if c["id"] == cluster.id)
    assert quotes and "Hmm." not in quotes
    assert shown["size"] == evidence.clusters[0].size  # it still counts
    assert "Hmm." in {m["text"] for m in shown["mentions"]}
    assert shown["quotes"] and "Hmm." not in {q["text"] for q in shown["quotes"]}
    assert card["quote"] != "Hmm."


def test_the_quote_that_stands_for_a_theme_is_the_buyers(corpus_ws: Workspace) -> None:
    """`callmine clusters` had shown a rep's note naming the buyer as a theme's quote."""
    from pipeline.cluster.queries import list_clusters
    from pipeline.store.models import Utterance

    with corpus_ws.session() as db:
        cluster = _largest(db)

        def listed() -> str:
            cards = list_clusters(db, kind=cluster.kind)
            return str(next(c for c in cards if c["id"] == cluster.id)["quote"])

        first = listed()
        note = db.scalars(
            select(Utterance)
            .join(Mention, Mention.utterance_id == Utterance.id)
            .where(Mention.cluster_id == cluster.id, Mention.text == first)
        ).all()
        for utterance in note:
            utterance.role = "rep_note"
        db.commit()
        assert note and listed() != first
