"""The order a page's buyer worries are offered in: the surest and clearest first, a won
deal's reply beside one only breaking a tie.

Why: a pricing explainer led "What buyers ask about price" with a feature question and the
buyer's own way of pricing ("Do the work orders do the antifouling by the metre? That's how we
price it, by boat length."), because a won deal's rep had replied to it, above worries said
surely and plainly ("more than double", "forty-nine pounds a month is nearly six hundred a
year"). A reply says the deal was won, not that the worry was put well.
"""

from __future__ import annotations

from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.pairing import about_the_same
from pipeline.content.quote_text import self_contained
from pipeline.content.rival_claims import asks
from pipeline.detect.rules import cue_scores

Worry = tuple[ClusterEvidence, Quote, Quote | None]
CONFIDENCE_STEP = 0.1  # scores this close are a tie a reply may break
CLARITY_WEIGHT = 0.15  # what each step of ``clarity`` costs a worry's confidence


def clarity(text: str) -> int:
    """How plainly ``text`` states a worry, 0 the plainest: a concern in its own words that
    stands on its own; one of the two; neither (a question about a feature, a routine)."""
    concern = cue_scores(text).concern > 0
    alone = self_contained(text) and not asks(text)
    return 2 - int(concern) - int(alone)


def worry_key(quote: Quote, reply: Quote | None, rank: int) -> tuple[bool, int, bool, int]:
    """Sure before uncertain, then the surest and plainest (its confidence less
    ``CLARITY_WEIGHT`` a ``clarity`` step, in steps of ``CONFIDENCE_STEP``), then one a won
    deal answered, then the theme's own order (``rank``)."""
    confidence = quote.confidence if quote.confidence is not None else 1.0
    score = confidence - CLARITY_WEIGHT * clarity(quote.text)
    return (quote.uncertain, -round(score / CONFIDENCE_STEP), reply is None, rank)


def ordered_worries(evidence: Evidence) -> list[Worry]:
    """Each theme's worries with the won-deal reply that followed any of them, in
    ``worry_key``'s order: every quote of the theme is offered, answered or not."""
    found: list[Worry] = []
    for cluster in evidence.clusters:
        replies = {worry.id: reply for worry, reply in evidence.answered(cluster)}
        quotes = [*evidence.cluster_quotes(cluster)]
        quotes += [w for w, _ in evidence.answered(cluster) if w not in quotes]
        found += [(cluster, quote, replies.get(quote.id)) for quote in quotes]
    order = {id(worry): n for n, worry in enumerate(found)}
    return sorted(found, key=lambda w: worry_key(w[1], w[2], order[id(w)]))


def outranks(quote: Quote | None, worry: Quote, reply: Quote) -> bool:
    """Whether ``quote`` (with no reply) comes before ``worry`` with its won-deal ``reply``
    (``worry_key``): an entry is headed by the surer, plainer worry, replied to or not."""
    return quote is not None and worry_key(quote, None, 0) < worry_key(worry, reply, 0)


def spare_reply(
    evidence: Evidence, cluster: ClusterEvidence, head: Quote, used: set[int]
) -> tuple[Quote, Quote] | None:
    """A won deal's reply in the theme that speaks of ``head`` (``about_the_same``), with the
    worry it followed, neither quoted yet: what a worry with no answer of its own is answered
    from. A plainer worry had headed a price entry "To write: no rep answer from a won deal"
    beside a rep's reply to "So what does this cost?" on the same theme; "Staffly is great if
    you want everything" is still no answer to "Not having to change anything."."""
    return next(
        (
            (w, r)
            for w, r in evidence.answered(cluster)
            if not {w.id, r.id} & used and about_the_same(r.text, [head.text])
        ),
        None,
    )
