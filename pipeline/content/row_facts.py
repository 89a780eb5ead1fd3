"""Before a comparison's row says "To write", every profile fact of the row's topic is searched
for one naming what the row says (``worry_facts``): a rival's fact or a buyer's line about the
rival and a fact of ours naming the same tools or things.

Why: a review's marina page left "Integrations" to "ask product" against "We're on QuickBooks
Desktop ... YardHand syncs with Desktop directly" while our integrations fact named QuickBooks
Desktop, and the rows for "YardHand syncs directly with QuickBooks Desktop" and "a cloud
yard-management system (work orders, storage, haul-outs)" said "how we compare" beside our
accounting and yard work order facts."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from pipeline.content.evidence import Evidence, Quote
from pipeline.content.pairing import states_gap, word_weights
from pipeline.content.profile import SECTIONS, ProfileFact
from pipeline.content.restating import restates
from pipeline.content.worry_facts import Asked, naming_fact


def _asked(evidence: Evidence, sections: Collection[str], near: dict[int, float]) -> Asked:
    """The rows' weights: the profile's words, the rival's forms and our name as whom."""
    rivals = [*evidence.rival_forms, *([evidence.product] if evidence.product else [])]
    weights = word_weights([f.text for f in evidence.profile], rivals)
    return Asked(weights, rivals, frozenset(sections), lambda _s, f: near.get(f.id, 0.0))


def _pool(
    evidence: Evidence, sections: Collection[str], taken: Collection[int], said: str
) -> list[ProfileFact]:
    """The facts of ``sections`` the page may state, none taken, admitting a gap or restating
    the term ``said``."""
    return [
        f
        for f in evidence.profile
        if f.section in sections
        and f.id not in taken
        and evidence.may_state(f)
        and not states_gap(f.text)
        and not restates(f.text, said)
    ]


def fact_row_answer(
    evidence: Evidence, theirs: str, taken: Collection[int], lists: Sequence[str]
) -> ProfileFact | None:
    """Our side of a rival's fact where no fact of ours states its term the other way: the
    fact of its topic's ``lists`` (every list where its words name no topic) naming most of
    what it names; none used on an earlier row (``taken``)."""
    sections = lists or tuple(SECTIONS)
    pool = _pool(evidence, sections, taken, theirs)
    return naming_fact(theirs, pool, _asked(evidence, (), {}))


def claim_row_answer(
    evidence: Evidence,
    claims: Sequence[Quote],
    lists: Sequence[str],
    taken: Collection[int],
    on_topic: Callable[[ProfileFact], bool] = lambda _: True,
) -> ProfileFact | None:
    """Our side of buyers' lines about the rival that no fact answered by the row's rules: the
    fact of the row's ``lists`` on its topic (``on_topic``) naming most of what one line
    names, as said whole, nearer in meaning first; none used on another row (``taken``)."""
    for quote in claims:
        near = evidence.quote_closeness.get(quote.id, {})
        pool = [f for f in _pool(evidence, lists, taken, quote.text) if on_topic(f)]
        found = naming_fact(quote.text, pool, _asked(evidence, lists, near))
        if found is not None:
            return found
    return None
