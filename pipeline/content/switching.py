"""A buyer held by a rival's contract is answered with how a switch works around it, never with
our own plan terms. "We're locked into Bullhorn until next August" had been answered "Monthly
plan: no annual commitment", which says nothing of their contract; "Migration from Bullhorn
... takes 4 to 10 weeks" or a parallel run does. With no such fact, a gap to write."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.content.durations import gives_duration
from pipeline.content.pairing import (
    meets_what_they_have,
    names_their_rival,
    rivals_named,
    states_gap,
    topic_words,
)
from pipeline.content.profile import ProfileFact
from pipeline.content.remedies import conditions_named, eased
from pipeline.detect.antecedents import WITH_THEM

# What holds a buyer to a tool: a contract that runs on, a renewal, a term signed ("tied into
# X", "we signed a three-year deal with X", "the contract runs another year", "halfway through
# a X contract"); not a term only named ("a one-year contract, not a multi-year one like X
# offered" is about ours).
_HELD = re.compile(
    r"\b(?:locked|tied|stuck)\s+(?:in(?:to)?|down)\b|\brenew\w*|\bsigned\b|\bcommitted\b"
    r"|\b(?:contract|agreement|term)s? (?:runs?|ends?|lasts?|is up|until|till|through)\b"
    r"|\b(?:contract|agreement|term)s? (?:doesn't|does not|won't|isn't) (?:end|run out|finish|up)\b"
    r"|\b(?:deal|contract|agreement) with\b"
    # Partway through a term: "halfway through a X contract", "eight months left on our X
    # licence", "still under contract with X".
    r"|\b(?:(?:half|part|mid)[- ]?way (?:through|into)|(?:still|currently|already)"
    r" (?:in|under|on|bound by)) (?:a |an |our |the |their )?(?:[\w-]+ ){0,3}?"
    r"(?:contract|agreement|term|lease|licen[cs]e|deal)\b"
    r"|\b(?:left|remaining|to run) on (?:it|our|the)\b",
    re.IGNORECASE,
)
# Our own terms, asked about: "your contract", "sign with you".
_OURS = re.compile(
    r"\byour (?:contracts?|terms?|agreements?|plans?|minimum)\b"
    r"|\b(?:sign|commit)\w* (?:with|to) you\b",
    re.IGNORECASE,
)
# How a switch gets round a contract that runs on: running both for a while, starting when or
# before theirs ends, piloting first.
_AROUND = re.compile(
    r"\bparallel\b|\bside by side\b|\bpilot\w*|\b(?:before|until|when|after) (?:your|the|their)"
    r" (?:\w+ )?(?:renewal|contract|term)\b|\b(?:credit|buy[- ]?out)\b",
    re.IGNORECASE,
)
# What a buyer's current contract is called in a fact meeting it ("your current contract ends").
_BINDS = re.compile(r"\b(?:contract|term|renewal|agreement|licen[cs]e|notice)s?\b", re.IGNORECASE)
# A fact telling of the move itself: the data moved, the product set up and live.
_MOVE_TOPICS = frozenset({"topic:migration", "topic:setup"})
# When a switch can start: "start any time", "set-up can begin the week you sign".
_STARTS = re.compile(
    r"\b(?:start|begin|go(?:es|ing)? live|switch|move)\w*\s+(?:\w+\s+){0,2}?"
    r"(?:any ?time|whenever|on any|on the (?:day|date)|the (?:day|week|month) (?:you|your)"
    r"|straight away|immediately|right away|from day one)",
    re.IGNORECASE,
)


def held_by_rival(text: str, rivals: Iterable[str]) -> bool:
    """Whether a buyer's line says a rival's contract holds them: it names a rival, or binds
    itself to "them" (``WITH_THEM``: "fourteen months into a three-year agreement with them"
    had been answered with our own 12-month term beside a buy-out fact), and a term that binds
    ("locked into", "renewal", "contract"), and is not about our own terms."""
    named = bool(rivals_named(text, rivals)) or bool(WITH_THEM.search(text))
    return named and bool(_HELD.search(text)) and not _OURS.search(text)


def eases_switch(fact: str) -> bool:
    """Whether a fact answers a buyer a rival's contract still holds: it gets round the
    contract (``_gets_round``), or tells of the move (moving the data, going live) and how
    long it takes or when it can start. "We import your Servicio export for you" had answered
    "our contract with Servicio runs to next January": it says what is done, not when the
    buyer could move."""
    if _gets_round(fact):
        return True
    moves = bool(_MOVE_TOPICS & topic_words(fact))
    return moves and (gives_duration(fact) or _STARTS.search(fact) is not None)


def switching_facts(
    facts: Sequence[ProfileFact], said: Sequence[str], rivals: Sequence[str]
) -> list[ProfileFact]:
    """The facts that answer buyers held by a rival's contract (``eases_switch``), those naming
    their rival first ("Migration from Ekos ..."), then those about their current contract or a
    way around it, then the rest; none admitting a gap."""

    def rank(fact: ProfileFact) -> tuple[bool, bool, int]:
        return (
            not names_their_rival(fact.text, said, rivals),
            not _gets_round(fact.text),
            fact.id,
        )

    fitting = [f for f in facts if eases_switch(f.text) and not states_gap(f.text)]
    return sorted(fitting, key=rank)


def _gets_round(fact: str) -> bool:
    """Whether a fact meets the buyer's current contract or a way around it (a parallel run,
    a start at their renewal, a credit, a buy-out). Their current tool alone ("your existing
    spreadsheet") gets round no contract."""
    return _AROUND.search(fact) is not None or (
        meets_what_they_have(fact) and _BINDS.search(fact) is not None
    )


def terms_beside_theirs(
    facts: Sequence[ProfileFact], said: Sequence[str], rivals: Sequence[str]
) -> list[ProfileFact]:
    """A comparison's row on a rival's contract (``facts``: onboarding and plans): a way round
    it first, then our own plan's terms, which the row sets beside theirs ("cancel any time"
    against "a three-year deal"), then the work of moving over. An import done for them had
    stood against "paying twice until 2027", where our monthly terms were on file."""
    fitting = switching_facts(facts, said, rivals)
    return list(dict.fromkeys([*ways_round_and_terms(facts, said, rivals), *fitting]))


def ways_round_and_terms(
    facts: Sequence[ProfileFact], said: Sequence[str], rivals: Sequence[str]
) -> list[ProfileFact]:
    """What answers "Are we locked into a long contract?" beside a buyer held by a rival's
    contract: a way round theirs (naming their rival, a parallel run, a start at their
    renewal), then our own terms (``states_terms``). The work of moving over answers how hard
    a switch is, not this: "Reads ... twelve months of history" (a "history" moved, by its
    words) had answered it while "Rolling monthly plan; 12 month term with a 60 day break
    clause" was on file."""
    fitting = switching_facts(facts, said, rivals)
    first = [f for f in fitting if names_their_rival(f.text, said, rivals) or _gets_round(f.text)]
    terms = [f for f in facts if states_terms(f) and not states_gap(f.text)]
    return list(dict.fromkeys([*first, *terms]))


def states_terms(fact: ProfileFact) -> bool:
    """Whether a fact says what our contract binds a buyer to: one easing a term (``remedies``:
    "month-to-month", "cancel any time") of any list, or one of the plans list naming a term
    ("12 month term with a 60 day break clause"). "Locums get a free read-only login", of the
    plans list too, says nothing of it."""
    return "term" in eased(fact.text) or (
        fact.section == "plans" and "term" in conditions_named(fact.text)
    )
