"""A cluster page never prints the same words twice: a short sentence is quoted with the one
it leads to, and when that one is a mention of the same theme it is not quoted again."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.cluster.queries import get_cluster
from pipeline.store.models import Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import add_call

TURN = "So not today. That's a problem, ninety percent of our lab work is still on paper."


def test_two_mentions_of_one_turn_are_quoted_once(ws: Workspace) -> None:
    call_id = add_call(ws, [TURN, "We would need all of the paper records scanned first."], key="q")
    with ws.session() as session:
        cluster = Cluster(kind="objection", name="Paper records")
        session.add(cluster)
        session.flush()
        for utterance in session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ):
            cut = utterance.text.find(". ") + 1 if utterance.text == TURN else len(utterance.text)
            spans = (
                [(0, cut), (cut + 1, len(utterance.text))]
                if cut < len(utterance.text)
                else [(0, cut)]
            )
            for start, end in spans:
                session.add(
                    Mention(
                        utterance_id=utterance.id, call_id=call_id, kind="objection",
                        category="migration", text=utterance.text[start:end], char_start=start,
                        char_end=end, confidence=0.9, cluster_id=cluster.id,
                    )
                )  # fmt: skip
        session.commit()
        quotes = [quote["text"] for quote in get_cluster(session, cluster.id)["quotes"]]
    assert len(quotes) == 2, quotes
    assert len(set(quotes)) == len(quotes)
    assert any("lab work is still on paper" in quote for quote in quotes)
