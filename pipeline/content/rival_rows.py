"""A comparison's side-by-side rows: one per thing buyers said of the rival (its price, a price
rise, its support, its being all in one, a copy per site, its integrations), our side answering
it only with a fact or a won deal's reply about that same thing (``pairing``), else a gap.

Why: a reviewer's page had one row where buyers had said five things of the rival, and that
row put "we hold no clinical notes" under "Security" against "ClinicPulse does the notes and
the booking in one system": a heading neither column fitted, and our side confirming theirs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.content.evidence import Evidence, Quote
from pipeline.content.pairing import (
    answers_beyond,
    answers_theme,
    best_pairing,
    meets_what_they_have,
    names_their_rival,
    says_something,
    states_gap,
    topic_words,
)
from pipeline.content.profile import (
    CATEGORY_SECTIONS,
    GENERAL_SECTIONS,
    ProfileFact,
    stated_price,
)
from pipeline.content.quote_fit import answers_quote, restates
from pipeline.content.rival_claims import (
    STAYING,
    asks,
    content_with,
    faults_them,
    finds_fault,
    rival_topic,
    speaks_of,
    topic_said,
    what_needs_answer,
)
from pipeline.content.rival_polarity import only_a_verdict
from pipeline.content.rival_prices import rival_price_verdict, states_their_price
from pipeline.content.switching import held_by_rival, terms_beside_theirs
from pipeline.detect.rules import cue_scores

# The profile lists that may answer a row of each topic: a rival's being all in one is met by
# our integrations only (a feature sharing the word "booking" is no answer to it).
TOPIC_SECTIONS: dict[str, tuple[str, ...]] = {
    **CATEGORY_SECTIONS,
    "support": ("onboarding", "features", "proof_points"),
    "all_in_one": ("integrations",),
    "multi_site": ("features", "onboarding"),
}


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


def claims_about(evidence: Evidence, name: str) -> list[Quote]:
    """The buyer's sentences that say something of the rival itself (``speaks_of``): naming it,
    or going on about it after a sentence that does (``Evidence.rival_said``). Not a question
    (it asks, it says nothing of them: "Do you offer any credit for the months left on our
    X contract?", whatever kind it was read as), not a rep's note, and not a bare verdict
    (``only_a_verdict``: "They're solid." names nothing to set beside us)."""
    forms = evidence.rival_forms or (name,)
    return [
        q
        for q in evidence.quotes
        if q.role == "buyer"
        and q.kind not in ("answer", "question")
        and (q.id in evidence.rival_said or (q.competitor or "").casefold() == name.casefold())
        and not asks(q.text)
        and speaks_of(q.text, forms)
        and not only_a_verdict(q.text, forms)
    ]


def claim_topic(quote: Quote) -> str | None:
    """What a claim speaks of: its words first ("their support is in another time zone" had
    been filed under adoption; "we're not unhappy with it" is how they work today), else its
    objection category where its own words carry that category's cues: the category alone
    had headed a rival's app feature "Security" and a bare "They're solid." "Price"."""
    if topic := rival_topic(quote.text):
        return topic
    if content_with(quote.text):
        return "status_quo"
    category = quote.category
    if category in (None, "competitor") or not cue_scores(quote.text).categories.get(category):
        return None
    return category


def claim_rows(claims: list[Quote], forms: Sequence[str] = ()) -> list[ClaimRow]:
    """The claims grouped by topic: the topics said most first, those no word names last, each
    in a row of its own (no driving tests, one address per business and no vehicles had shared
    one row, which quoted the first and was answered by a fact for another). A price row
    quotes first a line stating the rival's price (``forms``: its names)."""
    groups: dict[str | None, list[Quote]] = {}
    for quote in claims:
        groups.setdefault(claim_topic(quote), []).append(quote)
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
    its price or fees said plainly ("Canopy's $2,500 for setup"), a fact about its deal; else
    what it does that fits a buyer better ("Canopy is cheaper for a firm our size").
    ``forms`` spell the rival, ``ours`` our product."""
    verdict = rival_price_verdict(quote.text, forms, ours)
    topic = claim_topic(quote)
    if "dearer" in verdict or (faults_them(quote.text, ours) and not verdict):
        return "short"
    if topic in STAYING and "cheaper" not in verdict:
        return "stay"
    return "price" if topic == "price" and not verdict else "strong"


def our_answers(
    evidence: Evidence, rows: Sequence[ClaimRow]
) -> list[tuple[ProfileFact | None, Quote | None]]:
    """Our side of each row: one of the facts offered it (``_offered``), each fact to one row,
    chosen for all rows at once (``best_pairing``): as many rows answered as can be, then each
    by the nearest fact it can have; else a won deal's reply to one of its claims about the
    same; else none (the page says to ask product). Row by row, a fact that fit two rows had
    gone to the first, and the second, which nothing else answered, was left to write."""
    offered = [_offered(evidence, row) for row in rows]
    facts = list({f.id: f for ranked in offered for f in ranked}.values())
    # An answered row outweighs any nearer choice elsewhere: each pair is worth the number of
    # rows, plus more the nearer its fact is in the row's own order.
    scores = [
        [len(rows) + 1 / (1 + ranked.index(f)) if f in ranked else 0.0 for f in facts]
        for ranked in offered
    ]
    pairs = best_pairing(scores)
    return [
        (facts[pairs[i]], None) if i in pairs else (None, _won_reply(evidence, row))
        for i, row in enumerate(rows)
    ]


def _answers(evidence: Evidence, row: ClaimRow) -> Callable[[str, str], bool]:
    """Whether a text (a fact of a profile list, or a reply) answers what the row's buyers
    said beyond the row's topic (``answers_beyond``)."""
    said = [what_needs_answer(q.text) for q in row.claims]
    rivals = _rivals(evidence)
    own = {q.industry for q in row.claims if q.industry}
    heading = [w for text in said for w in topic_said(text, row.topic)]
    staying, priced = row.topic in STAYING, _priced(row)

    def answers(text: str, section: str = "") -> bool:
        # The contract they are held by and its end; our price beside theirs. A section: a
        # profile fact, which must share more than a name (``about_the_same``) and say more
        # than the term a buyer objects to (``restates``).
        fact, industries = bool(section), evidence.industries
        # Our price beside theirs is the row's point, even at the figure a buyer named ("$15
        # per instructor ... more than we pay X"); elsewhere a fact must say more than that.
        if fact and not (priced and section == "pricing"):
            if any(restates(text, line) for line in said):
                return False
        if (staying and meets_what_they_have(text)) or (priced and section == "pricing"):
            return answers_theme(
                text, said, rivals=rivals, own=own, industries=industries, fact=fact
            )
        return answers_beyond(
            text, said, heading, rivals=rivals, own=own, industries=industries, fact=fact
        )

    return answers


def _priced(row: ClaimRow) -> bool:
    """Whether a row compares prices ("more than we pay X", "X is cheaper"): our price meets it,
    side by side; a rise or an extra fee of theirs does not ("half price for part-timers" to
    "they put our price up by forty percent")."""
    return row.topic == "price" and not any(finds_fault(q.text) for q in row.claims)


def _rivals(evidence: Evidence) -> list[str]:
    """The names a row's words about whom, not what: the rival's forms and our product's."""
    return [*evidence.rival_forms, *([evidence.product] if evidence.product else [])]


def _offered(evidence: Evidence, row: ClaimRow) -> list[ProfileFact]:
    """The facts that may answer a row, nearest first: of its topic's lists, answering what its
    buyers said (``_answers``; never one admitting a gap); then, where buyers stay with the
    rival (no topic but it), our integration with it: "Procore: incidents pushed into the
    Procore project" for "we'll stick with Procore"."""
    claims = [q.text for q in row.claims]
    forms = list(evidence.rival_forms)
    if row.topic == "contract" and all(held_by_rival(text, forms) for text in claims):
        # Their contract holds the buyer: how a switch gets round it, else our own plan's
        # terms set beside theirs (the row is about terms), else the work of moving over.
        return terms_beside_theirs(evidence.profile_section("onboarding", "plans"), claims, forms)
    answers = _answers(evidence, row)
    rivals = _rivals(evidence)
    sections = TOPIC_SECTIONS.get(row.topic or "", tuple(sorted(GENERAL_SECTIONS)))
    said = [what_needs_answer(q.text) for q in row.claims]
    heard = set().union(*(topic_words(text, rivals) for text in said))
    priced = _priced(row)

    def nearness(fact: ProfileFact) -> tuple[int, bool, int, float]:
        """From the topic's first list ("$39 a seat" before "Starter: up to
        3 seats" for a price), beside a price compared one naming ours (not "half price for
        part-timers"), most words of what they said, then nearest by meaning."""
        near = max(evidence.quote_closeness.get(q.id, {}).get(fact.id, -1.0) for q in row.claims)
        shared = len(topic_words(fact.text, rivals) & heard)
        unpriced = priced and stated_price(fact.text) == math.inf
        return sections.index(fact.section), unpriced, -shared, -near

    facts = [
        f
        for f in evidence.profile_section(*sections)
        if not states_gap(f.text)
        and answers(f.text, f.section)
        and (row.topic is not None or _near_enough(evidence, row, f) or _says_of(row, f, rivals))
        and not (priced and _WAIVER.search(f.text))
    ]
    named = [
        f
        for f in evidence.profile_section("integrations")
        if (row.topic is None or row.topic in STAYING)
        and not any(finds_fault(text) for text in claims)  # an import is no answer to a fault
        and not states_gap(f.text)
        and says_something(f.text)  # "Procore" alone tells a buyer staying with it nothing
        and f not in facts
        and names_their_rival(f.text, [q.text for q in row.claims], evidence.rival_forms)
    ]
    return sorted(facts, key=nearness) + named


# A charge waived on a condition: no price to set beside theirs ("No charge for ports that
# are switched off for a whole month" had answered "a lower per-port price").
_WAIVER = re.compile(
    r"\b(?:free|no charge|no fees?)\b[^.;]*\b(?:that|which|who|when|if|while|during|unless)\b",
    re.IGNORECASE,
)


def _near_enough(evidence: Evidence, row: ClaimRow, fact: ProfileFact) -> bool:
    """Whether a fact is as near by meaning to one of the row's claims as a fact must be to
    answer a rival's quote (``Evidence.quote_floor``), where the claims have vectors: asked
    of a row no topic names, whose facts share a word with its claims but no topic. A word
    shared by chance ("runs") had put our Spanish and French screens beside a rival's EDI
    experience."""
    near = [
        evidence.quote_closeness[q.id][fact.id]
        for q in row.claims
        if fact.id in evidence.quote_closeness.get(q.id, {})
    ]
    return not near or max(near) >= evidence.quote_floor


def _says_of(row: ClaimRow, fact: ProfileFact, rivals: Sequence[str]) -> bool:
    """Whether a fact speaks of one of the row's claims in two words or more of its own
    (``answers_quote``), however far in meaning: "Training cars are scheduled alongside
    instructors" to "X books instructors but not vehicles ... the same car"."""
    return any(answers_quote(fact.text, q.text, rivals=rivals) for q in row.claims)


def _won_reply(evidence: Evidence, row: ClaimRow) -> Quote | None:
    """A won deal's reply to one of the row's claims that answers it."""
    ids = {q.id for q in row.claims}
    answers = _answers(evidence, row)
    return next(
        (a for a in evidence.of_kind("answer") if a.replies_to in ids and answers(a.text, "")), None
    )
