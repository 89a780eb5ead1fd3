"""A worry with no answer of its own is answered from a won deal's reply on its theme, not
said to have "no rep answer from a won deal" beside one: a one-pager and a pricing explainer
headed a price theme with its plainest worry and wrote "To write: no rep answer" while the
same theme's won deal had answered a less plainly put one ("So what does this cost? ...")."""

from __future__ import annotations

import datetime as dt

from pipeline.content.drafts import answered_worry
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.guides import pricing_explainer

PLAIN = "We can't justify a hundred dollars a month for a rota."
ASKED = "So what does this cost? Because four dollars a head adds up with thirty part-timers."
REPLY = "Totally fair. It's forty-nine a month base plus four per active user, so most land under."


def _quote(
    n: int, text: str, outcome: str, confidence: float, replies_to: int | None = None
) -> Quote:
    return Quote(
        id=n, text=text, role="rep" if replies_to else "buyer",
        kind="answer" if replies_to else "objection", call_id=n, utterance_id=n,
        mention_id=None, call_date=dt.date(2026, 10, n), account=f"Account {n}",
        outcome=outcome, speaker="Rep" if replies_to else "Buyer", cluster_id=7,
        replies_to=replies_to, confidence=confidence,
    )  # fmt: skip


def _evidence(reply: str = REPLY, *plainer: str) -> Evidence:
    quotes = [
        _quote(1, PLAIN, "lost", 0.95),
        _quote(2, ASKED, "won", 0.7),
        _quote(3, reply, "won", 1.0, replies_to=2),
        *(_quote(n, text, "lost", 0.9) for n, text in enumerate(plainer, start=4)),
    ]
    theme = ClusterEvidence(
        id=7, name="Price", kind="objection", category="price", size=2, calls=2,
        call_ids=[1, 2], accounts=2, outcomes={"won": 1, "lost": 1}, keywords=["price"],
        quote_ids=[1, 2, *range(4, 4 + len(plainer))], answer_ids=[3], first_seen=None,
        last_seen=None,
    )  # fmt: skip
    return Evidence(clusters=[theme], quotes=quotes, phrases=[], facts=[])


def test_a_one_pager_worry_is_answered_from_its_theme_s_won_reply() -> None:
    evidence = _evidence()
    entry = answered_worry(evidence, evidence.clusters[0], set())
    assert entry is not None and entry.objection == PLAIN  # the plainer worry still heads it
    assert "no rep answer" not in entry.answer and REPLY in entry.answer
    assert entry.citations == [1, 2, 3]  # the reply is cited beside the worry it followed


def test_a_pricing_explainer_worry_is_answered_from_its_theme_s_won_reply() -> None:
    # Two plainer worries are the theme's two entries: the reply's own worry is not one.
    concerns = pricing_explainer(
        _evidence(REPLY, "Four dollars a head is too much for us.")
    ).concerns
    head = next(c for c in concerns if c.question == PLAIN)
    assert "no rep answer" not in head.answer and REPLY in head.answer
    assert 2 in head.citations and 3 in head.citations


def test_a_reply_about_something_else_answers_no_other_worry() -> None:
    evidence = _evidence("That's what we hear a lot. Staffly is great if you want everything.")
    entry = answered_worry(evidence, evidence.clusters[0], set())
    assert entry is not None and entry.answer.startswith("To write: no rep answer")
    assert entry.citations == [1]
