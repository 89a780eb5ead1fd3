"""Sentences with no concern about buying from us, read after the kind model: small talk
(``small_talk.py``), a good report of what the trial or the product did ("our clients actually
upload stuff now, in the trial they did it without us chasing.") and a buying signal: a
decision made in our favour ("the incident reporting is why we picked you over <rival>", "We
signed off on the budget yesterday, so this is really about rollout.", "The board approved
it.").

Why a rule after the model: the model reads a sentence with the rep's turn around it, and
praise from a won deal that names the clients and the portal had been filed as an objection
(even as a theme of its own), and a won deal's "why we picked you" had led a pricing page.
None holds once a concern or a buying topic is in the sentence ("The trial was fine but the
price isn't.", "We signed off on the budget, but it's half what you quoted."), nor for a
question, a condition or a loss ("we'd pick you if the price came down", "we picked <rival>
over you").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.acceptance import accepts_a_limit, accepts_the_terms
from pipeline.detect.classify import SentenceInput
from pipeline.detect.conditions import leaves_the_door_open, promises_on_a_step
from pipeline.detect.early_start import wants_an_early_start
from pipeline.detect.rules import (
    CUES,
    KIND_CUES,
    alternation,
    cue_scores,
    is_direct_question,
    is_question,
    lowered,
    says_nothing,
    speaks_of_a_rival,
)
from pipeline.detect.small_talk import PRODUCT_WORDS, makes_small_talk

_WORLD = alternation(CUES["aside"]["world"])
_WENT_WELL = alternation(CUES["aside"]["went_well"])
_CONTRAST = alternation(CUES["aside"]["contrast"])
_PAIN = alternation(CUES["statement"]["pain"])
_PAIN_WORDS = KIND_CUES["pain"]
_HABIT = KIND_CUES["habit"]
_STRONG = 1.0  # "can't", "won't use", "too expensive": a worry, whatever the subject
_MEDIUM = 0.6  # "not", "never", "still": enough to doubt a report of the trial
_BUYING = ("price", "contract", "switching", "authority_timing", "status_quo", "competitor")


def reports_it_went_well(sentence: str, rivals: Sequence[str] = ()) -> bool:
    """A change for the better ("Clients actually respond now, we used to chase them for
    weeks.", "The reminders cut our no-shows in half during the trial."), with no turn to a
    worry, no buying topic and no more than a weak hedge once the praise is taken out; not of a
    rival the sentence names ("<rival>'s been brilliant, the members love the app." is what
    they would leave, as in ``praises_us``)."""
    text = lowered(sentence)
    if not _WENT_WELL.search(text) or _CONTRAST.search(text):
        return False
    if _named(_beaten_rivals_out(text, rivals), rivals):
        return False
    cues = cue_scores(_WENT_WELL.sub(" ", text))
    return cues.concern < _MEDIUM and not any(cues.categories[name] for name in _BUYING)


# A decision made for us, matched on ``lowered`` text. The grammar is small and closed (who
# decided, the verb, us as its object), so it lives here rather than in the cue lexicons.
_US = r"(?:you|you guys|you lot|your (?:team|product|platform|app|tool|system|software|company))\b"
_DECIDERS = (
    r"(?:the )?(?:board|directors?|partners|finance|procurement|cfo|ceo|coo|committee|council"
    r"|trustees|owners?|execs?|exec team|leadership|management|head office|legal|the client)"
)
_SIGNALS = tuple(
    re.compile(pattern)
    for pattern in (
        # "why we picked you over <rival>", "we've gone with you", "the panel chose you"
        r"\b(?:we|i|they|the (?:team|panel|board))(?:'ve|'re|\s+have|\s+are)?\s+(?:(?:just"
        r"|finally|all|ultimately|eventually|definitely)\s+)*(?:picked|chose|selected|went with"
        r"|gone with|going with|decided (?:on|to go with)|opted for|settled on)\s+" + _US,
        # "We signed off on the budget", "finance approved the spend", "we've got the budget"
        r"\b(?:signed off(?: on)?|approved|green-?lit|rubber-?stamped|ring-?fenced|secured"
        r"|released|allocated|raised|issued|got)\s+(?:the |our |a |this |full )?"
        r"(?:budget|funding|spend|money|po|purchase order|business case)\b",
        # "The budget's been approved", "the PO is raised", "funding is in place"
        r"\b(?:budget|funding|spend|po|purchase order|business case|sign-?off)(?:'s(?: been)?"
        r"|\s+(?:is|was|has been|had been|got|came))\s+(?:now |finally |all |just )?"
        r"(?:approved|signed(?: off)?|agreed|sorted|confirmed|released|raised|allocated"
        r"|in place|through)\b",
        # "The board approved it", "the partners signed off on it last night"
        r"\b" + _DECIDERS + r"\s+(?:(?:has|have|'s|'ve|just|finally|all|officially)\s+)*"
        r"(?:approved|signed off|okayed|ok'd|green-?lit|rubber-?stamped|said yes|gave"
        r" (?:us )?the (?:go-?ahead|green light|nod))\b",
        # "we got the green light", "we've been given the go-ahead"
        r"\b(?:got|have|had|been given|given)\s+(?:us\s+)?the\s+(?:green light|go-?ahead)\b",
        # "We're ready to go", "happy to sign", "good to go"
        r"\b(?:ready|happy|keen|good|set|cleared)\s+to\s+(?:go|sign|proceed|move forward"
        r"|go ahead|roll (?:it |this )?out|get started|buy|place the order)\b",
    )
)
# What turns a signal into a wish, a question of it, a loss or a condition: "we'd pick you
# if", "we haven't signed off", "unless the board approves it", "picked <rival> over you".
_NOT_DECIDED = re.compile(
    r"\b(?:if|unless|would|could|might|once|until|whether|not|never|no|nobody"
    r"|hop(?:e|ing)|expect\w*|probably|maybe|perhaps|likely|need|needs|want|wants|almost"
    r"|nearly|over (?:you|your))\b|n't\b|'d\b"
)
# What is left of a signal that still tells against the deal: "it's half what you quoted", "the
# renewal price has doubled", "the budget got cut".
_MONEY_AND_TERMS = ("price", "contract")  # "it covers eight sites at your price"
_AGAINST_THE_DEAL = re.compile(
    r"\b(?:quot\w*|half|a third|less than|more than|short of|only|doubl\w*|twice|trebl\w*"
    r"|(?:went|gone|going) up|increas\w*|cut|slashed|frozen|pulled)\b"
)


def signals_a_purchase(sentence: str) -> bool:
    """A decision made for us ("that's why we chose you over <rival>", "the budget's been
    approved", "we're ready to go"), stated, not asked or wished, with no turn to a worry and
    nothing against the deal (money or terms) left once the signal is taken out ("We signed
    off on the budget, but it's half what you quoted." is a price objection)."""
    text = lowered(sentence)
    if not any(signal.search(text) for signal in _SIGNALS) or is_direct_question(sentence):
        return False
    if _NOT_DECIDED.search(text) or _CONTRAST.search(text):
        return False
    rest = text
    for signal in _SIGNALS:
        rest = signal.sub(" ", rest)
    cues = cue_scores(rest)
    return (
        cues.concern < _MEDIUM
        and not any(cues.categories[name] for name in _MONEY_AND_TERMS)
        and not _AGAINST_THE_DEAL.search(rest)
    )


_PRAISE = alternation([*CUES["aside"]["praise"], *CUES["aside"]["result"]])
_PAST_WORRY = alternation(CUES["aside"]["past_worry"])
_CONDITION = re.compile(
    r"\b(?:if|unless|until|whether|provided|as long as|once (?:you|we|they|it|the|that|this))\b"
)


def praises_us(sentence: str, rivals: Sequence[str] = ()) -> bool:
    """Praise, a result the buyer got or a won deal's reason ("it just works", "Our mis-picks
    dropped from about forty a week to maybe three", "the per-order pricing was what sold my
    CFO"), any topic in it; a worry only as one that has passed ("The Shopify sync is the part I
    was nervous about and it just works.": the outcome is the point). None when it turns to a
    worry after the praise ("it just works, except the sync keeps dropping orders"), is asked,
    set on a condition ("I'd recommend you if the price were lower") or names a rival (praise of
    what they run), unless only as what we beat ("much cleaner than what <rival> showed us")."""
    text = lowered(sentence)
    found = list(_PRAISE.finditer(text))
    if not found or is_question(sentence) or _CONDITION.search(text):
        return False
    if speaks_of_a_rival(sentence) or _named(_beaten_rivals_out(text, rivals), rivals):
        return False
    first, last = min(m.start() for m in found), max(m.end() for m in found)
    if _CONTRAST.search(text, last):
        return False
    passed = _PAST_WORRY.sub(" ", text[:first])  # "I was nervous about it" before the praise
    rest = _PRAISE.sub(" ", passed + " " + text[first:])
    cues = cue_scores(rest)
    money = any(cues.categories[name] for name in _MONEY_AND_TERMS)
    return cues.concern < _MEDIUM and not (money and _AGAINST_THE_DEAL.search(rest))


_WANTED_PART = alternation(CUES["aside"]["wanted_part"])


def wants_our_part(sentence: str) -> bool:
    """A part of ours the buyer's people keep asking for ("The arrears module is honestly the
    thing my branch managers keep asking about."): praise, filed as a competitor objection at
    0.73 and quoted under "Why pick you over <rival>". Not when the part is a buying topic
    ("The price is the thing my CFO keeps asking about."), asked, or turned to a worry after."""
    text = lowered(sentence)
    found = _WANTED_PART.search(text)
    if found is None or is_question(sentence) or _CONTRAST.search(text, found.end()):
        return False
    part = cue_scores(text[: found.start()])
    rest = cue_scores(text[found.end() :])
    return not any(part.categories[name] for name in (*_BUYING, "security")) and (
        rest.concern < _MEDIUM and not any(rest.categories.values())
    )


_PRAISE_WORDS = re.compile(
    r"\b(?:lov(?:e|ed|es|ing)|brilliant|fantastic|excellent|impress(?:ed|ive)|amazing|perfect)\b"
)


def carries_praise(sentence: str) -> bool:
    """Praise anywhere in the sentence, whatever else it says: an objection carrying it reads
    oddly (the review queue samples those, ``odd_detections.py``)."""
    text = lowered(sentence)
    return any(cue.search(text) for cue in (_PRAISE, _WANTED_PART, _WENT_WELL, _PRAISE_WORDS))


# "than <rival>", "a migration plan from <rival>": what we beat, what they leave
_THAN = r"\b(?:than (?:what |the ones? |anything )?(?:\w+ )?|(?:from|off|away from|out of) )"


def _beaten_rivals_out(text: str, rivals: Sequence[str]) -> str:
    """``text`` (lowered) without the rivals it names only after "than" or as what the buyer
    leaves ("from <rival>"): what we beat."""
    for name in (rival.strip().lower() for rival in rivals):
        if name:
            text = re.sub(_THAN + re.escape(name), " ", text)
    return text


_HEARSAY = alternation(CUES["aside"]["rival_hearsay"])
_PAST_LOOK = alternation(CUES["aside"]["past_look"])
_KNOWN_ONLY = alternation(CUES["aside"]["known_only"])
_ABOUT_US = alternation(CUES["statement"]["about_us"])
_FIRST_PERSON = re.compile(r"\b(?:we|i|our|my|us|me)\b")
# What is left of a rival's mention that weighs it against us: a comparison, a preference, an
# offer, or the buyer running it ("we use <rival>": a status quo, the model's to read).
_WEIGHED = re.compile(
    r"\b(?:than|cheaper|pricier|better|worse|faster|slower|easier|simpler|more|less|half|twice"
    r"|double|prefer\w*|lean\w*|favou?r\w*|instead|rather|ahead|compared|versus|vs|already"
    r"|still|currently|offer\w*|quot\w*|discount\w*|deal|likes?|liked|loves?|loved|rates?"
    r"|great|good|best|impressed|impressive|use|uses|using|run|runs|running|on)\b"
)


def names_a_rival_only(sentence: str, rivals: Sequence[str]) -> bool:
    """A rival named and nothing said of it against us: another company's use or word ("A friend
    at another distributor uses <rival> and likes it, but that's all I know about them.") or a
    look taken in the past ("For what it's worth, we also looked at <rival> last year."). No
    objection: the rival's tag is kept. Not when it is compared, preferred, priced, offered,
    brought to us or run by the buyer ("we looked at <rival> last year and they were half your
    price"); a rival named without either frame ("<rival> renews in October.") is the model's."""
    return _said_besides_a_mention(sentence, rivals) is not None


def tells_of_others_use(sentence: str, rivals: Sequence[str]) -> bool:
    """Another business's or a friend's use of a rival and their word of it ("The club down the
    road use <rival> for their visitor moorings and they seem happy enough with it.", "My
    cousin's salon uses <rival> and she swears by it."), and nothing of the buyer's own: no
    pain and no set-up of theirs, whatever the model read; the rival keeps its tag. Not "The
    club down the road switched to <rival> and now we're losing visitors to them." (theirs)."""
    rest = _said_besides_a_mention(sentence, rivals)
    hearsay = _HEARSAY.search(lowered(sentence))
    return rest is not None and hearsay is not None and not _FIRST_PERSON.search(rest)


def _said_besides_a_mention(sentence: str, rivals: Sequence[str]) -> str | None:
    """What a sentence says besides someone else's use of a rival or a past look at one (the
    frames, the names and "that's all I know" taken out), when that says nothing against us:
    no contrast, comparison, preference, word about us, worry or buying topic; else None."""
    text = lowered(sentence)
    named = _named(text, rivals)
    if not named or is_question(sentence):
        return None
    if not (_HEARSAY.search(text) or _PAST_LOOK.search(text)):  # "RotaPro renews in October."
        return None
    rest = _KNOWN_ONLY.sub(" ", _PAST_LOOK.sub(" ", _HEARSAY.sub(" ", text)))
    for rival in named:
        rest = rest.replace(rival, " ")
    if _CONTRAST.search(rest) or _ABOUT_US.search(rest) or _WEIGHED.search(rest):
        return None
    cues = cue_scores(rest)
    return rest if cues.concern < _MEDIUM and not any(cues.categories.values()) else None


def weighs_a_rival(sentence: str, rivals: Sequence[str]) -> bool:
    """A clause naming one of ``rivals`` (as the sentence spells them) that weighs it against
    us: compared, preferred, priced, offered or run by the buyer ("Worried about per-order
    pricing compared to <rival>"). A rival only mentioned beside a worry of its own ("Worried
    about retraining 25 seasonal pickers, <rival> did it for them") weighs nothing."""
    for clause in _CLAUSE_END.split(lowered(sentence)):
        named = _named(clause, rivals)
        rest = clause
        for rival in named:
            rest = rest.replace(rival, " ")
        if named and _WEIGHED.search(rest):
            return True
    return False


_CLAUSE_END = re.compile(r"[,;:()]|\s[-–—]\s")


def _named(text: str, rivals: Sequence[str]) -> list[str]:
    """The rivals' names ``text`` (lowered) holds, lowered."""
    return [name for name in (rival.strip().lower() for rival in rivals) if name and name in text]


# A nod opening a sentence ("Mm-hm, Bethesda is one of our busier buildings.", "Okay, that
# matches what the property team told me."): a backchannel, then a comma or a stop.
_NOD = re.compile(
    r"^\W*(?:(?:" + "|".join(CUES["says_nothing"]["words"]) + r")\b[\s,.!-]*)+(?<=[,.!])\s*"
)


def nods_to_a_fact(sentence: str, rivals: Sequence[str] = ()) -> bool:
    """A nod, then a plain statement with no word of worry, no buying topic, no product and
    no rival: an answer to the rep's figures or a remark on the buyer's own site, whatever the
    turn around it ("Yeah, the partners will want to see it first." names a decider;
    "Okay, that's a lot of money." a price)."""
    text = lowered(sentence).strip()
    nod = _NOD.match(text)
    if nod is None or is_question(sentence):
        return False
    rest = text[nod.end() :]
    if not rest or PRODUCT_WORDS.search(rest) or _named(rest, rivals) or speaks_of_a_rival(rest):
        return False
    cues = cue_scores(rest)
    return cues.concern == 0 and not any(cues.categories.values())


# Concerns announced, not said: "a few concerns came up", "we have a couple of questions to go
# through". What they are comes next; the announcement is no objection of its own.
_ANNOUNCED = alternation(CUES["aside"]["announced"])


def announces_concerns(sentence: str) -> bool:
    """A lead-in announcing concerns said next ("I shared it with the partners on Monday, and a
    few concerns came up."): no worry and no topic but who was asked is left once the
    announcement is taken out ("a few concerns came up about the price" names one)."""
    text = lowered(sentence)
    if not _ANNOUNCED.search(text) or is_question(sentence):
        return False
    cues = cue_scores(_ANNOUNCED.sub(" ", text))
    topics = [name for name, hits in cues.categories.items() if hits and name != "authority_timing"]
    return cues.concern < _MEDIUM and not topics


_DISCLAIMER = alternation(CUES["aside"]["disclaimer"])
_FILLERS = alternation(CUES["aside"]["disclaimer_fillers"])


def takes_back_a_hint(sentence: str) -> bool:
    """A hint of leaving taken back and nothing more ("Not saying we'd go there, just, you
    know."): read with the rival named before it, it had been a price objection at 0.70."""
    text = lowered(sentence)
    if not _DISCLAIMER.search(text) or is_question(sentence):
        return False
    return not re.search(r"[a-z]", _FILLERS.sub(" ", _DISCLAIMER.sub(" ", text)))


def says_no_concern(sentence: str, rivals: Sequence[str] = ()) -> bool:
    """Small talk, praise (a part of ours wanted too), a result or a won deal's reason, a buying
    signal (a decision made for us, a purchase promised on the deal's next step:
    ``conditions.py``, a price or term accepted with the next step or a limitation of ours
    taken in stride: ``acceptance.py``, a start wished for by a date: ``early_start.py``), a hint
    of leaving taken back, a goodbye that keeps us in mind (``conditions.leaves_the_door_open``)
    or concerns announced, not said: ``other``, whatever the model read in the turn around it
    (``rivals``: praise of one is no praise of us)."""
    return (
        makes_small_talk(sentence)
        or reports_it_went_well(sentence, rivals)
        or praises_us(sentence, rivals)
        or wants_our_part(sentence)
        or signals_a_purchase(sentence)
        or promises_on_a_step(sentence)
        or accepts_the_terms(sentence)
        or accepts_a_limit(sentence)
        or wants_an_early_start(sentence)
        or takes_back_a_hint(sentence)
        or leaves_the_door_open(sentence)
        or announces_concerns(sentence)
    )


def reacts_before_saying_more(sentence: SentenceInput) -> bool:
    """A bare reaction or filler ("Hmm.") with more of the buyer's turn after it ("Hmm. Budget
    is frozen until April."): what follows says it, so the reaction is ``other``. Alone as the
    whole turn, a reaction keeps the model's read of the turn around it ("Hm." after a price,
    said and nothing more, is how a buyer meets it); here it had been a second price objection."""
    return sentence.index_in_turn < sentence.turn_size - 1 and says_nothing(sentence.text)
