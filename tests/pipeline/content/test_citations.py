"""Quote numbers follow the page: [Q1], [Q2], ... in the order a reader meets them."""

from __future__ import annotations

import datetime as dt

from pipeline.content.citations import page_order, renumber_quotes
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote


def _quote(quote_id: int, text: str, replies_to: int | None = None) -> Quote:
    return Quote(
        id=quote_id,
        text=text,
        role="rep" if replies_to else "buyer",
        kind="answer" if replies_to else "objection",
        call_id=1,
        utterance_id=quote_id,
        mention_id=None,
        call_date=dt.date(2026, 10, 1),
        account="Acme",
        outcome="won",
        speaker="Buyer",
        cluster_id=7,
        replies_to=replies_to,
    )


def _evidence() -> Evidence:
    quotes = [
        _quote(1, "Too dear for us."),
        _quote(2, "We bill active users only.", replies_to=1),
        _quote(3, "The contract is two years."),
        _quote(4, "Setup took a week last time."),
    ]
    theme = ClusterEvidence(
        id=7,
        name="Price",
        kind="objection",
        category="price",
        size=4,
        calls=1,
        call_ids=[1],
        accounts=1,
        outcomes={"won": 1},
        keywords=["price"],
        quote_ids=[1, 3, 4],
        answer_ids=[2],
        first_seen=None,
        last_seen=None,
    )
    return Evidence(clusters=[theme], quotes=quotes, phrases=[], facts=[])


def test_the_page_order_is_the_body_s_not_the_sources() -> None:
    body = "# T\n\nA [Q4]\n\nB [Q2][Q4]\n\nC [Q3, P1]\n\n## Sources\n\n- **[Q2]** ...\n"
    assert page_order(body) == [4, 2, 3]


def test_quotes_are_renumbered_in_page_order_everywhere() -> None:
    content = {
        "items": [
            {"text": "Setup [Q4] takes days.", "citations": [4]},
            {"text": "Billing", "citations": [3, 2], "profile": [1]},
        ]
    }
    renumbered, evidence = renumber_quotes(content, _evidence(), [4, 3, 2])
    # cited quotes first in the order read, the uncited one after them
    assert [(q.id, q.text) for q in evidence.quotes] == [
        (1, "Setup took a week last time."),
        (2, "The contract is two years."),
        (3, "We bill active users only."),
        (4, "Too dear for us."),
    ]
    assert renumbered["items"][0] == {"text": "Setup [Q1] takes days.", "citations": [1]}
    assert renumbered["items"][1]["citations"] == [2, 3]
    assert renumbered["items"][1]["profile"] == [1]  # profile facts keep their numbers
    reply = evidence.quote(3)
    assert reply is not None and reply.replies_to == 4  # the answer still follows its worry
    assert evidence.clusters[0].quote_ids == [4, 2, 1] and evidence.clusters[0].answer_ids == [3]
