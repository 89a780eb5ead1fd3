"""Where we fit better than a rival, on a comparison page: only a line from a deal its buyer
chose us in that gives a reason (a fault found with the rival, its price called dearer, a pain
it caused, a good word said of us), then the won deals' answers that landed.

Why: a reviewer's page listed "Buyers who said “We looked at RotaPro as well, just so you
know.” chose us" (a mention: "you know" had counted as speaking of us) and "“Your app's
nicer.” (a deal we lost)": a lost deal shows where the rival fit better, never where we did.
With no such line the page says so ("To write: where we fit better ...") rather than fill it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.content.drafts import say, say_quoting
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.quote_text import clip
from pipeline.content.rival_claims import (
    asks,
    clauses,
    faults_them,
    rival_topic,
    speaks_of_us,
    weighs,
)
from pipeline.content.rival_hold import keeps_rival, others_use
from pipeline.content.rival_praise import praises_us_over
from pipeline.content.rival_prices import rival_price_verdict
from pipeline.content.rival_rows import heading_for
from pipeline.content.types import FitPoint
from pipeline.detect.asides import praises_us

_PARTS = re.compile(r"[,;]\s+|\s(?:and|but|whereas|while)\s", re.IGNORECASE)
_NO = re.compile(
    r"\b(?:doesn['’]t|don['’]t|isn['’]t|aren['’]t|won['’]t|no|not|never|without)\b", re.I
)


def chose_us(evidence: Evidence, quote: Quote) -> bool:
    """Whether the quote's deal was won: its call's outcome, or the latest outcome of the deal
    naming the rival that its call is part of (a discovery call before the won one)."""
    if quote.outcome == "won":
        return True
    return any(d.outcome == "won" and quote.call_id in d.call_ids for d in evidence.rival_deals)


def where_we_fit(
    evidence: Evidence,
    claims: Sequence[Quote],
    naming: Sequence[Quote],
    answers: Sequence[Quote],
    forms: Sequence[str],
    ours: Sequence[str],
) -> list[FitPoint]:
    """What buyers who chose us said against the rival or for us (two at most), then their
    praise of us against it (``rival_praise``), then the won deals' ``answers`` that landed; a
    gap to write where none is left."""
    won = [q for q in claims if chose_us(evidence, q)]
    won += [q for q in naming if chose_us(evidence, q) and q.role == "buyer" and q not in won]
    won = [q for q in won if q.kind != "question" and not asks(q.text)]
    weighed = _weighed(won, {q.id: heading_for(q, forms, ours) for q in won}, ours)
    won = [q for q in won if q.call_id in weighed and gives_a_reason(q, forms, ours)]
    # One line each: a sentence tagged with the rival and with its own kind is two quotes.
    won = list({q.text: q for q in reversed(won)}.values())[::-1][:2]
    # "Still" only after a doubt or a strength of theirs: a pain about them ("it took me two
    # days to pull them together from RotaPro") is why the buyer chose us, not something they
    # got over.
    chose = [
        FitPoint(
            text=say_quoting(
                "still_chose_us" if _still(q, forms, ours) else "chose_us", 240, text=q.text
            ),
            citations=[q.id],
            facts=[],
        )
        for q in won
    ]
    points = (
        chose + _praised(evidence, {q.text for q in won}) + [_lands(evidence, q) for q in answers]
    )
    if points:
        return points
    won_yet = any(deal.outcome == "won" for deal in evidence.rival_deals)
    return [FitPoint(text=say("fit_to_write", won_yet=won_yet), citations=[], facts=[])]


def gives_a_reason(quote: Quote, forms: Sequence[str], ours: Sequence[str]) -> bool:
    """Whether a chosen-us deal's line gives a reason for us or against the rival: it finds
    fault with the rival or calls it the dearer, tells a pain ("it took me two days to pull
    them from X") or says a good word of us. Not a bare mention ("We looked at X as well, just
    so you know": "you know" is no word on us), how they work today ("We've been on X for the
    website since 2015"), the rival kept for some of the work ("We're keeping X for those for
    now": its hold) nor someone else's use of it ("a friend uses X")."""
    text = quote.text
    if keeps_rival(text, forms) or others_use(text, forms):
        return False
    if quote.kind == "pain" or faults_them(text, ours):
        return True
    verdict = rival_price_verdict(text, forms, ours)
    if "dearer" in verdict or ("cheaper" not in verdict and _spares_us(text, ours)):
        return True
    return praises_us(text, list(forms)) or any(
        praises_us_over(part, forms, ours) for part in clauses(text)
    )


def _spares_us(text: str, ours: Sequence[str]) -> bool:
    """Whether the line sets a cost or a term of the rival's beside us without it: "X charges
    for everyone in the system, and yours doesn't"."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    theirs = [p for p in parts if not speaks_of_us(p, ours)]
    costly = any(rival_topic(p) in ("price", "contract") for p in theirs)
    return costly and any(speaks_of_us(p, ours) and _NO.search(p) for p in parts)


def _still(quote: Quote, forms: Sequence[str], ours: Sequence[str]) -> bool:
    """Whether the buyer chose us over a doubt or a strength of theirs ("still chose us")."""
    return quote.kind == "objection" or "cheaper" in rival_price_verdict(quote.text, forms, ours)


def _weighed(won: list[Quote], heading: dict[int, str], ours: Sequence[str]) -> set[int]:
    """The won deals' calls in which the buyer weighed the rival: a line finds fault with it
    or keeps them on it (they left it for us), or says they looked at, compared or used it,
    or sets it beside us.
    A rival's strength alone ("X pitched our Atlanta team with a lower per-port price", in an
    existing customer's review) is no head-to-head win: the page had said they "chose us"."""
    return {q.call_id for q in won if heading[q.id] in ("short", "stay") or weighs(q.text, ours)}


def _praised(evidence: Evidence, quoted: set[str]) -> list[FitPoint]:
    """What buyers who weighed the rival and chose us praised in us (``rival_praise``); never
    a lost or open deal's praise ("Your app's nicer." from a buyer who went with them)."""
    name = evidence.competitor or ""
    return [
        FitPoint(
            text=say_quoting("praised_us", 240, name=name, text=q.text),
            citations=[q.id],
            facts=[],
        )
        for i in evidence.rival_praise
        if (q := evidence.quote(i)) and chose_us(evidence, q) and q.text not in quoted
    ]


def _lands(evidence: Evidence, answer: Quote) -> FitPoint:
    """A won deal's answer where we fit better: the buyer's worry it answered first (their
    words before our rep's), then the answer; the answer alone where no worry is on file."""
    lands = say_quoting("answer_lands", 240, text=answer.text)
    worry = evidence.quote(answer.replies_to or 0)
    if worry is None or worry.role != "buyer" or asks(worry.text):
        return FitPoint(text=lands, citations=[answer.id], facts=[])
    chose = say_quoting("still_chose_us", 110, text=worry.text)
    text = clip(f"{chose}. {say_quoting('answer_lands', 238 - len(chose), text=answer.text)}", 240)
    return FitPoint(text=text, citations=[worry.id, answer.id], facts=[])
