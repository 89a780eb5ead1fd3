"""Our side of a comparison's row: a profile fact or a won deal's reply about the same thing the
row's buyers said of the rival (``pairing``), else a gap for the writer.

Why: a reviewer's page put "we hold no clinical notes" under "Security" against "ClinicPulse
does the notes and the booking in one system": our side confirming theirs. A gap to write
beats a wrong answer.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import partial

from pipeline.content.evidence import Evidence, Quote
from pipeline.content.offers import markets_of, offer_rank
from pipeline.content.pairing import (
    answers_beyond,
    answers_theme,
    best_pairing,
    meets_what_they_have,
    names_their_rival,
    says_something,
    speaks_of_other_industry,
    states_gap,
    topic_words,
)
from pipeline.content.plan_fit import fitting_plan
from pipeline.content.plan_scope import cheaper_plan
from pipeline.content.price_basis import answers_on_basis, basis_rank, said_bases
from pipeline.content.profile import (
    CATEGORY_SECTIONS,
    GENERAL_SECTIONS,
    ProfileFact,
    content_words,
    stated_price,
)
from pipeline.content.quote_fit import answers_quote
from pipeline.content.restating import restates
from pipeline.content.rival_claims import (
    STAYING,
    finds_fault,
    topic_said,
    what_needs_answer,
)
from pipeline.content.rival_rows import ClaimRow
from pipeline.content.row_facts import claim_row_answer
from pipeline.content.scale import fits_scale, size_rank
from pipeline.content.switching import held_by_rival, terms_beside_theirs

# The profile lists that may answer a row of each topic: a rival's being all in one by our
# integrations (a feature sharing the word "booking" is no answer to it); a copy per site by a
# feature or a plan for several sites.
TOPIC_SECTIONS: dict[str, tuple[str, ...]] = {
    **CATEGORY_SECTIONS,
    "support": ("onboarding", "features", "proof_points"),
    "all_in_one": ("integrations",),
    "multi_site": ("features", "onboarding", "pricing", "plans"),
}
# The lists written for a topic a row's words name (``rival_claims.rival_topic``): any of
# their facts may answer a row on it; a fact of another list must name the topic itself or be
# near a claim in meaning. No list is written for being all in one: "Imports the staff list and
# current rota from a spreadsheet", an integration sharing "rota", had answered "two bills and
# two apps".
_OWN_LISTS: dict[str, frozenset[str]] = {
    "contract": frozenset({"plans"}),
    "price": frozenset({"pricing", "plans"}),
    "support": frozenset(),
    "all_in_one": frozenset(),
    "multi_site": frozenset(),
    "integrations": frozenset({"integrations"}),
    "switching": frozenset({"onboarding"}),
}


def our_answers(
    evidence: Evidence, rows: Sequence[ClaimRow]
) -> list[tuple[ProfileFact | None, Quote | None]]:
    """Our side of each row: one of the facts offered it (``_offered``), each fact to one row,
    chosen for all rows at once (``best_pairing``): as many rows answered as can be, then each
    by the nearest fact it can have; else a won deal's reply to one of its claims about the
    same; else a fact of its topic's lists naming what one of its lines names, none another
    row has (``claim_row_answer``); else none (the page says to ask product). Row by
    row, a fact that fit two rows had gone to the first, and the second, which nothing else
    answered, was left to write."""
    offered = [_offered(evidence, row) for row in rows]
    facts = list({f.id: f for ranked in offered for f in ranked}.values())
    # An answered row outweighs any nearer choice elsewhere: each pair is worth the number of
    # rows, plus more the nearer its fact is in the row's own order.
    scores = [
        [len(rows) + 1 / (1 + ranked.index(f)) if f in ranked else 0.0 for f in facts]
        for ranked in offered
    ]
    pairs = best_pairing(scores)
    used = {facts[j].id for j in pairs.values()}
    answers: list[tuple[ProfileFact | None, Quote | None]] = []
    for i, row in enumerate(rows):
        reply = None if i in pairs else _won_reply(evidence, row)
        fact = facts[pairs[i]] if i in pairs else None
        if fact is None and reply is None and row.topic in TOPIC_SECTIONS:
            lists = TOPIC_SECTIONS[row.topic]
            on_topic = partial(_on_topic, evidence, row)
            fact = claim_row_answer(evidence, row.claims, lists, used, on_topic)
            used |= {fact.id} if fact else set()
        answers.append((fact, reply))
    return answers


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
        if priced and section == "pricing" and stated_price(text) < math.inf:
            # Our price beside theirs, whatever words they share ("X came in at five-fifty").
            return not speaks_of_other_industry(text, own, industries, said)
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
    told = evidence.told(row.claims, evidence.markets)  # for their market and kind
    buyers = evidence.buyers_for(row.claims)
    pricing = [f for f in told if f.section == "pricing"]
    plan = fitting_plan(row.claims, pricing, markets_of(buyers)) if priced else None
    # What the buyers' prices are charged on: our price on the same basis beside them, never a
    # one-off fee beside a seat's price ("£495 onboarding" against "twenty quid an engineer").
    # A rival's price names no amount of ours: its own words say its basis.
    bases = said_bases(claims, ()) if priced else set()

    def nearness(fact: ProfileFact) -> tuple[int, bool, int, bool, int, int, bool, int, float]:
        """From the topic's first list ("$39 a seat" before "Starter: up to 3 seats" for a
        price), beside a price compared one naming ours (not "half price for part-timers"),
        one for whom its buyers are (``offer_rank``: their market's price, the charity
        discount to a charity), the plan its buyers are on (``fitting_plan``), one bounded to
        the size they give before one for any size, one bounded to a size they do not give
        last (``size_rank``: a group plan for several sites is no price for every buyer), one
        charged on the basis theirs is (``basis_rank``: a seat's price beside a seat's), the
        cheapest plan covering what they said (``cheaper_plan``), most words of what they
        said, then nearest by meaning."""
        near = max(evidence.quote_closeness.get(q.id, {}).get(fact.id, -1.0) for q in row.claims)
        shared = len(topic_words(fact.text, rivals) & heard)
        unpriced = priced and stated_price(fact.text) == math.inf
        sized, theirs = size_rank(fact.text, claims), offer_rank(fact, buyers)
        basis = basis_rank(fact.text, bases)
        dearer = priced and cheaper_plan(claims, pricing, rivals, chosen=fact) != fact
        return (
            sections.index(fact.section), unpriced, theirs, fact != plan, sized, basis, dearer,
            -shared, -near,
        )  # fmt: skip

    facts = [
        f
        for f in answers_on_basis(told, claims if priced else [], ())
        if f.section in sections
        and not states_gap(f.text)
        and answers(f.text, f.section)
        and _on_topic(evidence, row, f)
        and (row.topic is not None or _lacks_near(evidence, row, f) or _says_of(row, f, rivals))
        and fits_scale(f.text, claims)
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


def _lacks_near(evidence: Evidence, row: ClaimRow, fact: ProfileFact) -> bool:
    """Whether the row's buyers find fault with the rival (what it lacks) and a fact is as near
    by meaning to one of its claims as a fact must be to answer a rival's quote
    (``Evidence.quote_floor``), where the claims have vectors: "Each lesson has its own pick-up
    point" to "every lesson starts somewhere different, and X just has one address". A word
    shared by chance ("runs") had put our Spanish and French screens beside a rival's EDI
    experience; a strength of theirs is met only by a fact saying the same (``_says_of``)."""
    if not any(finds_fault(q.text) for q in row.claims):
        return False
    near = [
        evidence.quote_closeness[q.id][fact.id]
        for q in row.claims
        if fact.id in evidence.quote_closeness.get(q.id, {})
    ]
    return not near or max(near) >= evidence.quote_floor


def _on_topic(evidence: Evidence, row: ClaimRow, fact: ProfileFact) -> bool:
    """Whether a fact may answer a row on a topic its words name: a fact of a list written for
    that topic, one naming the topic itself, in its words or in a word the row's buyers named
    it by ("one portal for all your offices" to "each office keeps its own copy"), or one as
    near a claim in meaning as a fact must be to answer a rival's quote (``quote_floor``).
    Storm lists had answered "each site has its own copy", sharing "list". A row its category
    heads is answered from that category's lists."""
    if row.topic not in _OWN_LISTS or fact.section in _OWN_LISTS[row.topic]:
        return True
    named = {w for q in row.claims for h in topic_said(q.text, row.topic) for w in content_words(h)}
    if topic_said(fact.text, row.topic) or named & content_words(fact.text):
        return True
    return evidence.near_in_meaning(row.claims, fact)


def _says_of(row: ClaimRow, fact: ProfileFact, rivals: Sequence[str]) -> bool:
    """Whether a fact speaks of one of the row's claims in two words or more of its own
    (``answers_quote``), however far in meaning: "Training cars are scheduled alongside
    instructors" to "X books instructors but not vehicles ... the same car". What a row no
    topic names asks of a fact beside a strength of theirs: one word shared, however near in
    meaning, is chance ("a berth plan showing boats" to "they bring us the boats")."""
    return any(answers_quote(fact.text, q.text, rivals=rivals) for q in row.claims)


def _won_reply(evidence: Evidence, row: ClaimRow) -> Quote | None:
    """A won deal's reply to one of the row's claims that answers it."""
    ids = {q.id for q in row.claims}
    answers = _answers(evidence, row)
    return next(
        (a for a in evidence.of_kind("answer") if a.replies_to in ids and answers(a.text, "")), None
    )
