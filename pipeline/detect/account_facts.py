"""A sentence made only of facts about the buyer's business, said or noted: how many ("12
recruiters", "about three hundred active locums"), what it is made of ("mostly nurses, some
NCHDs", "Mainly Parasol-style ones, plus a couple of smaller ones."), what it runs on ("on
JobAdder") and its trade and place ("IT contract agency in Austin"). Today's set-up.

Why a rule after the model: the model reads a sentence with the turns around it, so a buyer's
"That's right, about three hundred active locums, ..." before the rep's "That's painful." had
been a pain (0.85), a note's "IT contract agency in Austin, 12 recruiters, on JobAdder." a
pain theme's quote, and an answer naming the umbrella companies an integrations objection. A
clause with a worry, a pain word, a buying topic, a person or a date in it is no such fact.
The phrases are data (``[account_facts]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.classify import SentenceInput
from pipeline.detect.rules import CUES, KIND_CUES, cue_scores, is_question, lowered

_CUES = CUES["account_facts"]


def _opening(name: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(_CUES[name]) + r")")


_NUMBER = _opening("number")
_NOT_COUNTED = re.compile(r"\b(?:" + "|".join(_CUES["not_counted"]) + r")(?=\W|$)")
_MAKEUP = _opening("makeup")
_TOOL = _opening("tool")
_PLACE = re.compile(r"\s(?:" + "|".join(_CUES["place"]) + r")\s+\S")
_NOT_A_LABEL = re.compile(r"\b(?:" + "|".join(_CUES["not_a_label"]) + r")")
_LEAD = re.compile(r"^(?:" + "|".join(_CUES["lead"]) + r")\s+(?=\S)")
_IN_A_TOOL = re.compile(r"\b(?:in|on) [A-Z]")  # "in Aurora": data they hold, to move
_NOT_AFTER_LEAD = re.compile(r"\b(?:" + "|".join(_CUES["not_after_lead"]) + r")\b")
# a clause ends at a comma, a dash, or an "and" before the next count ("three care homes and
# about a hundred and eighty staff"; "two hundred and sixty" splits into two counts, both counts)
_CLAUSES = re.compile(
    r"\s*(?:[,;]|\s[-–—]\s)\s*|\s+and\s+(?=(?:about |around |roughly |over |nearly |some )?"
    r"(?:\d|a (?:dozen|hundred|thousand)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))",
    re.IGNORECASE,
)
_NOD = re.compile(
    r"^(?:(?:that['’]?s|that is) (?:right|correct|it)|yes|yeah|yep|correct|exactly|right)\b"
    r"[\s,.!]*",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")  # "IT contract agency" is no "it"
_HOLDER = re.compile(
    r"^(?:" + "|".join(_CUES["holder"]) + r")\s+(?=" + "|".join(_CUES["number"]) + r")",
    re.IGNORECASE,
)
_LABEL_WORDS = 5  # "Travel nurse agency", "Skilled trades staffing": a label, not a statement
_CLAUSE_WORDS = 8
_TRADE = ("label", "place")
# A last clause saying what the business is not: "..., not car", "..., no NHS work".
_EXCLUDED = re.compile(
    r",\s*(?:not|no|rather than)\s+(?!(?:sure|yet|really|much|many|keen|happy|convinced|enough"
    r"|ready|great|good|always|every|all|that|the|a|an)\b)[\w/&'-]+(?:\s+[\w/&'-]+){0,2}$",
    re.IGNORECASE,
)


def states_the_account(sentence: str) -> bool:
    """Every clause a fact about the business (a head count, its make-up, its tool, its trade
    and place), after a nod ("That's right, ..."); at least one a count, a tool or a place, or
    two of its make-up; no worry or pain word anywhere, no buying topic beside the trade."""
    said = _NOD.sub("", sentence.strip(), count=1).rstrip(" .!")
    # "Mostly CBT and DAS bike training, not car.": what the business is not, no buying topic
    # in it ("Mostly onboarding, not price." weighs worries); the make-up before it is its trade
    not_this = _EXCLUDED.search(said)
    excluded = not_this is not None and not any(cue_scores(not_this.group()).categories.values())
    if excluded and not_this is not None:
        said = said[: not_this.start()]
    text = lowered(said)
    clauses = [c for c in _CLAUSES.split(said) if c]
    if not clauses or any(len(c.split()) > _CLAUSE_WORDS for c in clauses):
        return False
    if cue_scores(text).concern > 0 or KIND_CUES["pain"].search(text):
        return False
    kinds = [_fact(clause, first=index == 0) for index, clause in enumerate(clauses)]
    if None in kinds:
        return False
    # a trade may hold topic words ("IT contract agency", "security firm"); the rest may not
    trade = (*_TRADE, "makeup") if excluded else _TRADE
    facts = " . ".join(c for c, k in zip(clauses, kinds, strict=True) if k not in trade)
    if any(cue_scores(facts).categories.values()):
        return False
    told = [k for k in kinds if k in ("count", "tool", "place")]
    return bool(told) or kinds.count("makeup") + excluded >= 2


def notes_the_account(sentence: str) -> bool:
    """A rep's note of the account's facts, its count led by who holds it ("They run 1 studio in
    Fremantle, 180 members on <tool>.", "Has 3 vans, all on <tool>."): ``states_the_account``
    once the lead is off. Notes only: a buyer's "they have ..." may be a rival's."""
    held = _HOLDER.sub("", sentence.strip(), count=1)
    return held != sentence.strip() and states_the_account(held)


def states_its_size(sentence: SentenceInput) -> bool:
    """The size of the business said as a sentence ("We've got two hundred and sixty members,
    about forty juniors.", "So we're one site, five hundred units"), unprompted or answering
    the rep's question: today's set-up. After our price or set-up work ("You set the tariff
    code once per product." -> "We've got nine hundred products.") a count weighs that work,
    the model's to read."""
    said = _counted_after_lead(sentence.text)
    asked = not sentence.context.strip() or is_question(sentence.context)
    return said is not None and asked and states_the_account(said)


def _counted_after_lead(said: str) -> str | None:
    """The count after a "we've got" or "we're" lead ("We've got two hundred and sixty
    members" -> "two hundred and sixty members"); None when no count of the business follows
    or a contrast or what holds it does ("We've got forty staff but twelve are seasonal",
    "about 1,200 old proposals in Aurora", "fourteen years in it")."""
    lead = _LEAD.match(lowered(said))
    if lead is None:
        return None
    rest = said[lead.end() :]
    first = _CLAUSES.split(rest)[0]
    if _fact(first, first=True) != "count" or _IN_A_TOOL.search(rest):
        return None
    return None if _NOT_AFTER_LEAD.search(lowered(rest)) else rest


def _fact(said: str, *, first: bool) -> str | None:
    """What a clause tells of the business, or None when it tells something else."""
    clause = lowered(said)
    if _NUMBER.match(clause) and not _NOT_COUNTED.search(clause):
        return "count"
    if _MAKEUP.match(clause):
        return "makeup"
    if _TOOL.match(clause):
        return "tool"
    if _NOT_A_LABEL.search(lowered(_ACRONYM.sub(" ", said))):
        return None
    if _PLACE.search(clause):
        return "place"
    return "label" if first and len(clause.split()) <= _LABEL_WORDS else None
