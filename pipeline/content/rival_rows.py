"""A comparison's side-by-side rows: one per thing buyers said of the rival (its price, a price
rise, its support, its being all in one, a copy per site, its integrations); our side of each
is ``row_answers``'.

Why: a reviewer's page had one row where buyers had said five things of the rival, and that
row put "we hold no clinical notes" under "Security" against "ClinicPulse does the notes and
the booking in one system": a heading neither column fitted, and our side confirming theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.content.evidence import Evidence, Quote
from pipeline.content.rival_claims import (
    STAYING,
    asks,
    content_with,
    faults_them,
    rival_topic,
    speaks_of,
)
from pipeline.content.rival_fit import tells_a_failure
from pipeline.content.rival_hold import keeps_rival, others_use
from pipeline.content.rival_polarity import only_a_verdict
from pipeline.content.rival_prices import rival_price_verdict, states_their_price
from pipeline.deals import Deal
from pipeline.detect.rules import cue_scores

# The detector's categories that are something buyers compare products on: not the buyer's own
# sign-off and timing ("I'll probably take X's deal and look again next year"), nor the rival's
# being named at all.
COMPARED = frozenset(
    {"price", "contract", "switching", "setup_time", "integrations", "security", "adoption"}
    | {"status_quo"}
)

# Those a line's own cues may name for it, filed under any theme.
_TOLD_BY_CUES = frozenset({"switching", "adoption", "integrations", "security"})


@dataclass(frozen=True)
class ClaimRow:
    """What buyers said of the rival on one topic (None: on none a word names)."""

    topic: str | None
    claims: tuple[Quote, ...]

    @property
    def outcome(self) -> str | None:
        """The deals' outcome when they share one."""
        outcomes = {q.outcome for q in self.claims}
        return outcomes.pop() if len(outcomes) == 1 else None

    @property
    def calls(self) -> int:
        return len({q.call_id for q in self.claims})

    def deals(self, deals: Sequence[Deal]) -> int:
        """The deals its claims were said in: a deal's call and the rep's note on it are one
        deal ("(a deal we lost)", not "(2 deals we lost)"); a call of no deal here is its own."""
        key = {call_id: deal.key for deal in deals for call_id in deal.call_ids}
        return len({key.get(q.call_id, f"call:{q.call_id}") for q in self.claims})


def claims_about(evidence: Evidence, name: str) -> list[Quote]:
    """The buyer's sentences that say something of the rival itself (``speaks_of``): naming it,
    or going on about it after a sentence that does (``Evidence.rival_said``). Not a question
    (it asks, it says nothing of them: "Do you offer any credit for the months left on our
    X contract?", whatever kind it was read as), and not a bare verdict (``only_a_verdict``:
    "They're solid." names nothing to set beside us). A rep's note counts, quoted as the rep's:
    "mid-contract w/ X until June" is the deal's own record of what holds the buyer."""
    forms = evidence.rival_forms or (name,)
    return [
        q
        for q in evidence.quotes
        if q.role in ("buyer", "rep_note")
        and q.kind not in ("answer", "question")
        and (q.id in evidence.rival_said or (q.competitor or "").casefold() == name.casefold())
        and not asks(q.text)
        and speaks_of(q.text, forms)
        and not only_a_verdict(q.text, forms)
    ]


def claim_topic(quote: Quote, forms: Sequence[str] = ()) -> str | None:
    """What a claim speaks of: its words first ("their support is in another time zone" had
    been filed under adoption; "we're not unhappy with it" and "we're keeping X for the
    obituaries" are how they work today, a friend's contentment with X is not: ``forms``
    spell the rival), else its objection category where its own words carry that category's
    cues, else the category of moving off it, its use, integrations or security its words cue
    most: the category alone had headed a
    rival's app feature "Security" and a bare "They're solid." "Price"."""
    if topic := rival_topic(quote.text):
        return topic
    if keeps_rival(quote.text, forms):
        return "status_quo"
    if content_with(quote.text) and not others_use(quote.text, forms):
        return "status_quo"
    cues = {k: v for k, v in cue_scores(quote.text).categories.items() if v and k in COMPARED}
    if quote.category in cues:
        return quote.category
    # Its own words' strongest cue of a thing the rival does or holds, whatever theme it was
    # filed under (a rival's name files a line under "competitor"): "moving everything over
    # from X is the bit I dread" is switching. Not how long or how dear a thing of the buyer's
    # is ("Harvest took two days to come in.", where Harvest is the rival, is no setup time).
    told = {k: v for k, v in cues.items() if k in _TOLD_BY_CUES}
    return max(told, key=lambda k: told[k]) if told else None


def claim_rows(claims: list[Quote], forms: Sequence[str] = ()) -> list[ClaimRow]:
    """The claims grouped by topic: the topics said most first, those no word names last, each
    in a row of its own (no driving tests, one address per business and no vehicles had shared
    one row, which quoted the first and was answered by a fact for another). A price row
    quotes first a line stating the rival's price (``forms``: its names)."""
    groups: dict[str | None, list[Quote]] = {}
    for quote in claims:
        groups.setdefault(claim_topic(quote, forms), []).append(quote)
    if "price" in groups:
        groups["price"].sort(key=lambda q: not states_their_price(q.text, forms))
    rows = [ClaimRow(topic, tuple(quotes)) for topic, quotes in groups.items() if topic]
    rows += [ClaimRow(None, (quote,)) for quote in groups.get(None, [])]
    return sorted(rows, key=lambda row: (row.topic is None, -row.calls))


# Where a page lists what a buyer said of the rival: a reason the rival fits them better, a
# reason they stay with it, a fault found with it, or a fact about its price and fees.
Heading = Literal["strong", "stay", "short", "price"]


def heading_for(quote: Quote, forms: Sequence[str], ours: Sequence[str] = ()) -> Heading:
    """Where a claim goes: a fault (its price called steep or dearer than ours, or
    ``faults_them`` where it is not called cheaper: "we'd pay less with Canopy, that's the
    problem" is the buyer's problem with us, "yours is clunky" our fault, not theirs); a lower
    price, even beside a contract ("double what we pay X. And we're locked in until March");
    a reason the buyer stays (a contract that runs on, the work of moving, being content);
    a failure told of them (``tells_a_failure``), a fault too; its price or fees said plainly
    ("Canopy's $2,500 for setup"), a fact about its deal; else
    what it does that fits a buyer better ("Canopy is cheaper for a firm our size").
    ``forms`` spell the rival, ``ours`` our product."""
    verdict = rival_price_verdict(quote.text, forms, ours)
    topic = claim_topic(quote, forms)
    if "dearer" in verdict or (faults_them(quote.text, ours) and not verdict):
        return "short"
    if topic in STAYING and "cheaper" not in verdict:
        return "stay"
    if not verdict and tells_a_failure(quote.text, ours):
        return "short"  # "X let two people book the same machine": no strength of theirs
    return "price" if topic == "price" and not verdict else "strong"
