"""Sentences that take their meaning from the talk around them, read once every sentence of a
call has its kind: a bare fragment of the buyer's turn ("Maybe.", "I am a bit."), a rebuttal
of a colleague by name ("They won't, Frank, not after the double-payment thing.") and a topic
named before the turn tells what goes wrong with it ("The paperwork from the other directors."
then "... and I'm chasing them the day before the burial."), a turn moving on to a topic ("The
other thing is the recall letters.") and a remark to a colleague by name ("Kate, the old diary
only goes back to March anyway.").

Why after the kinds: the model reads each sentence with its whole turn, so a few words with
nothing of their own in an objection-heavy turn took the turn's objection, and a buyer arguing
*for* us against a colleague's worry had been a price objection at 0.96, and a topic named
alone a set-up (0.78) though the turn went on to its pain. What such a sentence means is what
its neighbour was read as: the sentence before it in the turn, the colleague's turn it answers,
the pain told right after it, the sentence an announcement leads to; and one said to a colleague
is no objection unless it gives a reason not to buy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.detect.classify import Detection, Kind, SentenceInput, UtteranceLike
from pipeline.detect.heralds import heralds_a_point
from pipeline.detect.model import KindScore
from pipeline.detect.rules import (
    CUES,
    KIND_CUES,
    alternation,
    cue_scores,
    is_question,
    lowered,
    says_nothing,
)
from pipeline.detect.statements import tells_a_pain

_MEDIUM = 0.6  # "not", "still": a hedge below it ("maybe", "a bit")
_STRONG = 1.0  # "too expensive", "never use it": a worry of its own
_NOT_OBJECTIONS: tuple[Kind, ...] = ("pain", "current_setup", "other")
_BUYER_SIDE = ("buyer", "unknown")

# A clause whose predicate is left out, said of what came before: "I am a bit.", "It is.",
# "Some people do.", "Maybe.", "Could be.", "I suppose so." Closed grammar: who, an auxiliary,
# a hedge; any noun or verb of its own ("It's a lot.", "I need to think.") is no ellipsis.
_WHO = (
    r"(?:i|we|you|they|he|she|it|that|this|there|some people|some of them|most of them|people"
    r"|everyone|nobody|a few)(?:'m|'re|'s|'ve|'ll|'d)?"
)
_AUX = r"(?:am|is|are|was|were|do|does|did|have|has|had|will|would|could|can|should|might|may)"
_HEDGE = (
    r"(?:really|actually|honestly|probably|definitely|still|just|too|though|also|a bit|a little"
    r"|so|sort of|kind of|anyway|not|then|yeah|mind you)"
)
_ELLIPSIS = re.compile(
    r"^(?:(?:well|yeah|yes|no|oh|and|but|so|i mean|honestly|look)[,\s]+)*(?:"
    + _WHO
    + rf"(?: (?:{_AUX}(?:n't)?|won't|can't|shan't))?(?:,? {_HEDGE})*"
    + r"|(?:maybe|perhaps|probably|possibly|definitely|hopefully|could be|might be|i guess"
    + rf"|i suppose(?: so)?|we'll see|who knows|depends)(?:,? {_HEDGE})*"
    + r")[\s.!…,]*$"
)
# "No", "come on", "that's not true": a contradiction opening a reply.
_CONTRADICTS = re.compile(
    r"^(?:no|nah|nope|come on|rubbish|nonsense|not true|that's not (?:true|fair|right)"
    r"|of course (?:they|it|we|you|he|she) (?:will|would|do|does|can|did))[\s.!]*$"
)


# A short reply that says what will or can happen: "They'd cope", "It'll be fine", "They can
# learn": who, a modal, up to three words (read with ``_no_topic``: no worry, no buying topic);
# not "It's too dear" nor "I agree" (the colleague's worry judged or agreed with).
_SHORT_REPLY = re.compile(
    r"^(?:(?:well|yeah|yes|oh|honestly|look|nah)[,\s]+)*"
    r"(?:i|we|you|they|he|she|it|that|this|everyone|people)"
    r"(?:'d|'ll| would| will| can| could| did| do)(?: [\w'-]+){1,3}$"
)


def _no_topic(said: str) -> bool:
    cues = cue_scores(said)
    return cues.concern == 0 and not any(cues.categories.values())


# A topic named with no clause: "The paperwork from the other directors.", "Oh, and permits.",
# "Thank-you letters.". Closed grammar: fillers, then a determiner, up to three words and what
# they are from, of or for; or two or three words ending in a plural; no pronoun, auxiliary,
# negation or question word.
_TOPIC_LEAD = r"^(?:(?:oh|and|so|well|yeah|um|uh|er|right|honestly|then|plus|also|mostly),?\s+)*"
_DETERMINED = re.compile(
    _TOPIC_LEAD
    + r"(?:all |just |mainly |mostly )?(?:the|our|my|their|those|these)(?: [\w'-]+){1,3}"
    + r"(?: (?:from|of|for|with|at|in|on|between|across|to|about|around)(?: [\w'-]+){1,5})?$"
)
_PLURAL = re.compile(_TOPIC_LEAD + r"(?:[\w'-]+ ){0,2}[\w'-]+s$")
_CLAUSE_WORDS = re.compile(
    r"(?<![\w-])(?:i|we|you|he|she|it|they|me|us|them|this|that|there|here|is|are|was|were|am"
    r"|be|been|being|do|does|did|have|has|had|can|could|will|would|should|may|might|must|not|no"
    r"|never|what|who|which|when|where|why|how|yes|thanks|please|as|always|sometimes|perhaps)"
    r"(?![\w-])|'(?:s|re|ve|d|ll|m)\b"
    r"|n't\b"
)
_COUNT = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|thousand|dozen|half|couple|few|several)\b"
)
_KEPT_ON = alternation(CUES["statement"]["medium"])
_TOPIC_WORDS = 8


def names_a_topic_only(sentence: str) -> bool:
    """A topic named alone ("The paperwork from the other directors.", "Oh, and permits."): no
    clause, no count (a size is today's set-up), no tool or medium they keep it on ("Paper
    logbooks in the glovebox." says how they work) and no name after its first word ("ClockBee
    on my phone."). What it is comes from the sentence after it."""
    said = sentence.strip().rstrip(".!…").strip()
    text = lowered(said)
    if not said or says_nothing(sentence) or is_question(sentence):
        return False
    if len(text.split()) > _TOPIC_WORDS or not (_DETERMINED.match(text) or _PLURAL.match(text)):
        return False
    named = any(word[:1].isupper() for word in said.split()[1:])
    return not (
        named
        or _CLAUSE_WORDS.search(text)
        or _COUNT.search(text)
        or _KEPT_ON.search(text)
        or KIND_CUES["tools"].search(text)
    )


# A turn moving on to its next topic: "The other thing is", "Second thing,", "Now, about",
# "Which brings me to", "Then there's". Closed grammar: an order word and "thing" or "point"
# (not "issue", "problem" or "my thing": a complaint said as one), or a word that turns to a
# topic. What it names comes after it, alone.
_MOVES_ON = re.compile(
    r"^(?:(?:oh|and|so|well|yeah|okay|ok|right|um|uh|then|but|also),?\s+)*(?:"
    r"(?:the |one )?(?:other|another|next|last|final|first|second|third|fourth|one more"
    r"|one other)(?: big| main| quick| small| little)? (?:thing|point|bit|item|topic|one)"
    r"(?: (?:i (?:want|wanted|need|needed)|i'd like) to (?:mention|raise|cover|ask about"
    r"|talk about|bring up))?(?: is| was|'s)?"
    r"|(?:firstly|secondly|thirdly|lastly|finally|next up|next|first off|first of all"
    r"|second of all)"
    r"|(?:now,? )?(?:about|regarding|as for|as to|now)"
    r"|(?:which|that|this|and that|so that) (?:brings|takes|leads) (?:me|us)(?: on)? to"
    r"|(?:moving|turning|coming|going) (?:on |back |over )?to|on to|onto"
    r"|(?:and )?then there's"
    r"|let's (?:talk about|move on to|turn to|come to)"
    r")[\s,:;—–-]+(?P<topic>.+)$"
)
# "Really awful.", "Bad.": words of how bad or how often: "the other thing is the ridiculous
# setup fee" judges its topic, a complaint, not a topic named.
_JUDGED = frozenset(CUES["says_nothing"]["alone"])
_ANNOUNCED_WORDS = 6


def announces_a_topic(sentence: str) -> bool:
    """The turn moves on to a topic named alone ("The other thing is the IFTA numbers.",
    "Second thing, the rota.", "Which brings me to the notice period."): no clause, complaint
    or judgement of its own; the sentence after it says what about it. A name is a topic here
    ("the Xero link"), unlike ``names_a_topic_only``."""
    said = sentence.strip().rstrip(".!…").strip()
    if not said or is_question(sentence):
        return False
    moved = _MOVES_ON.match(lowered(said))
    if moved is None:
        return False
    topic = moved.group("topic")
    words = topic.split()
    return (
        len(words) <= _ANNOUNCED_WORDS
        and not _CLAUSE_WORDS.search(topic)
        and not _JUDGED.intersection(words)
        and cue_scores(topic).concern == 0.0
    )


def is_bare_fragment(sentence: str) -> bool:
    """A clause with its predicate left out ("I am a bit.", "Maybe.", "Some people do."), no
    worry beyond a hedge and no topic of its own: it means what the sentence before it meant.
    Not "Too expensive." nor "Not for us, sorry." (a worry of their own)."""
    text = lowered(sentence).strip()
    if is_question(sentence) or says_nothing(sentence) or not _ELLIPSIS.match(text):
        return False
    cues = cue_scores(sentence)  # "Nobody.": the worry is in who, said of the turn's topic
    concern = cue_scores(re.sub(rf"\b{_WHO}(?![\w'])", " ", text, count=1)).concern
    return concern < _MEDIUM and not any(cues.categories.values())


def rebuts_by_name(sentence: str, name: str) -> bool:
    """``sentence`` answers ``name`` back: a contradiction or an elliptical reply, then the name
    set off by commas ("They won't, Frank, not after ...", "No, Priya, that was the old
    system."), or the name first ("Dave, come on, ..."); with no strong worry of its own after
    it ("No, Dave, it's far too expensive." still objects)."""
    first = re.escape(name.strip())
    if not first:
        return False
    said = " ".join(sentence.split())
    match = re.match(rf"^(?P<lead>[^,;—–]+),\s*{first}\b\s*(?P<mark>[,.!;—–-]?)(?P<rest>.*)$", said)
    if match is None:
        match = re.match(
            rf"^{first},\s*(?P<lead>[^,;—–.!]+)(?P<mark>[,.!;—–-]?)(?P<rest>.*)$", said
        )
    if match is None:
        return False
    lead = lowered(match.group("lead")).strip()
    # "They'd cope, Renee.": a short clause with no worry, the name set off after it
    set_off = bool(match.group("mark")) or not match.group("rest").strip()
    short = set_off and _SHORT_REPLY.match(lead) is not None and _no_topic(lead)
    if not (_CONTRADICTS.match(lead) or _ELLIPSIS.match(lead) or short):
        return False
    rest = cue_scores(match.group("rest"))
    worry = rest.concern >= _STRONG or (rest.concern >= _MEDIUM and any(rest.categories.values()))
    return not worry


# A need denied for what it is for ("we don't need the scanner piece to do payroll", "you don't
# need a login for the rota"): a step less, no reason not to buy, said to a colleague.
_NEED_DENIED_FOR = re.compile(
    r"\b(?:do|does|did|will|would)(?: not|n't) (?:even |really |actually |strictly )?need"
    r"(?: [\w'-]+){1,6}? (?:to|for|in order to) [\w'-]+"
)


def said_aside(sentence: str, colleagues: Sequence[str]) -> str | None:
    """What ``sentence`` says to a colleague turned to by name (one of ``colleagues``, set off
    by a comma: "Travis, the auditor cares about the old stuff.", "Hang on, Jolene, we don't
    need ...", "... the old stuff, Brenda, just start fresh."), when that gives no reason not to
    buy: no worry, no buying topic, no question. None otherwise ("Sam, this is twice what we
    pay now." objects, to whoever it is said)."""
    for name in colleagues:
        rest = _without_vocative(sentence, name)
        if rest is not None and _gives_no_reason(rest):
            return rest
    return None


def _without_vocative(sentence: str, name: str) -> str | None:
    """``sentence`` without ``name`` where it is called by it, or None where it is not."""
    first = re.escape(name.strip())
    said = " ".join(sentence.split())
    if not first:
        return None
    called = re.match(rf"^{first},\s*(?P<rest>.+)$", said) or re.match(
        rf"^(?P<lead>.+?),\s*{first}(?:,\s*(?P<rest>.+)|\s*[.!…]*)$", said
    )
    if called is None:
        return None
    return " ".join(part for part in called.groupdict().values() if part)


def _gives_no_reason(said: str) -> bool:
    """No worry and no buying topic in ``said``, nor a question."""
    if is_question(said):
        return False
    cues = cue_scores(_NEED_DENIED_FOR.sub(" ", lowered(said)))
    return cues.concern < _MEDIUM and not any(cues.categories.values())


def side_remarks(
    utterances: Sequence[UtteranceLike],
    rows: Sequence[tuple[int, SentenceInput]],
    kinds: Sequence[Detection],
    scores: Sequence[KindScore],
) -> list[Detection]:
    """``kinds`` (one per ``rows``: utterance id and sentence, in call order) with the model's
    objections that lean on their neighbours read again: a bare fragment after a sentence of
    the turn that was no objection, or leading a turn that goes on, as ``other``; a rebuttal of
    the colleague whose turn, just before, objected, as the likeliest kind but an objection or
    a question (it may tell a pain: "No, Dave, we lose two days a month on it."); an
    announcement its turn goes on from as ``other``; an aside to a colleague by name as
    ``other`` or the pain it tells; then a topic named alone before a pain told in its turn, as
    that pain (``topics_told``)."""
    answered = _colleague_before(utterances)
    colleagues = _colleagues(utterances)
    objected = {uid for (uid, _), found in zip(rows, kinds, strict=True) if _objects(found)}
    out = list(kinds)
    for row, ((uid, sentence), found) in enumerate(zip(rows, kinds, strict=True)):
        if not _objects(found) or found.source != "model":
            continue
        before = out[row - 1] if sentence.index_in_turn > 0 else None
        colleague = answered.get(uid)
        if _leans_on_nothing(sentence, before):  # no topic of its own: neither pain nor set-up
            out[row] = _read_as(found, scores[row], ("other",))
        elif (
            colleague is not None
            and colleague[0] in objected
            and rebuts_by_name(sentence.text, colleague[1])
        ):
            out[row] = _read_as(found, scores[row], _NOT_OBJECTIONS)
        elif (announces_a_topic(sentence.text) or heralds_a_point(sentence.text)) and (
            sentence.index_in_turn < sentence.turn_size - 1
        ):  # "The other thing is the rota.", "Look, my concern is simple.": the next says it
            out[row] = _read_as(found, scores[row], ("other",))
        elif (aside := said_aside(sentence.text, colleagues.get(uid, ()))) is not None:
            out[row] = _read_as(
                found, scores[row], ("pain",) if tells_a_pain(aside) else ("other",)
            )
    return topics_told(rows, out)


def topics_told(
    rows: Sequence[tuple[int, SentenceInput]], kinds: Sequence[Detection]
) -> list[Detection]:
    """``kinds`` with each topic named alone (``names_a_topic_only``) that the model read as
    another kind read as the pain the next sentence of its turn tells, at that pain's
    confidence: the turn names the problem, then says what goes wrong."""
    out = list(kinds)
    for row in range(len(rows) - 1):
        (uid, sentence), (after_uid, _) = rows[row], rows[row + 1]
        found, after = out[row], out[row + 1]
        if (
            found.source == "model"
            and _no_topic_read(found, sentence.text)
            and after_uid == uid
            and after.kind == "pain"
            and names_a_topic_only(sentence.text)
        ):
            out[row] = replace(
                found, kind="pain", category=None, competitor=None, confidence=after.confidence
            )
    return out


def _leans_on_nothing(sentence: SentenceInput, before: Detection | None) -> bool:
    """A bare fragment with no objection before it in its turn; alone in its turn it is the
    model's, read with the rep's turn ("Hm." after a price is how a buyer meets it)."""
    if sentence.turn_size == 1 or not is_bare_fragment(sentence.text):
        return False
    return before is None or not _objects(before)


def _no_topic_read(found: Detection, sentence: str) -> bool:
    """The model's set-up or small talk, or an objection whose words name no buying topic ("And
    the renewals." took the turn's objection; "The contract." names one)."""
    if found.kind == "objection":
        return not any(cue_scores(sentence).categories.values())
    return found.kind in ("current_setup", "other")


def _colleague_before(utterances: Sequence[UtteranceLike]) -> dict[int, tuple[int, str]]:
    """Per buyer-side utterance, the turn right before it in its call when another buyer-side
    speaker said it: that turn's id and the speaker's first name."""
    out: dict[int, tuple[int, str]] = {}
    for before, now in zip(utterances, utterances[1:], strict=False):
        same_call = getattr(before, "call_id", None) == getattr(now, "call_id", None)
        theirs, mine = _speaker(before), _speaker(now)
        if same_call and now.role in _BUYER_SIDE and before.role in _BUYER_SIDE:
            if theirs and mine and theirs != mine:
                out[now.id] = (before.id, theirs.split()[0])
    return out


def _colleagues(utterances: Sequence[UtteranceLike]) -> dict[int, tuple[str, ...]]:
    """Per buyer-side utterance, the first names of the other buyer-side speakers of its call,
    none a rep's: whom the buyer may turn to by name."""
    buyers: dict[object, set[str]] = {}
    reps: dict[object, set[str]] = {}
    for said in utterances:
        side = buyers if said.role in _BUYER_SIDE else reps
        if name := _speaker(said):
            side.setdefault(getattr(said, "call_id", None), set()).add(name.split()[0])
    out: dict[int, tuple[str, ...]] = {}
    for said in utterances:
        call = getattr(said, "call_id", None)
        own = _speaker(said).split()[:1]
        if said.role in _BUYER_SIDE:
            others = buyers.get(call, set()) - reps.get(call, set()) - set(own)
            out[said.id] = tuple(sorted(others))
    return out


def _speaker(utterance: UtteranceLike) -> str:
    return str(getattr(utterance, "speaker", None) or "").strip()


def _objects(detection: Detection) -> bool:
    return detection.kind == "objection"


def _read_as(found: Detection, score: KindScore, kinds: Sequence[Kind]) -> Detection:
    """``found`` as the likeliest of ``kinds``, at the model's probability of it."""
    kind = max(kinds, key=lambda k: score.probabilities.get(k, 0.0))
    return replace(
        found, kind=kind, category=None, competitor=None, confidence=score.probabilities[kind]
    )


def colleague_answered(utterances: Sequence[UtteranceLike]) -> dict[int, tuple[int, str]]:
    """Per buyer-side utterance, the turn right before it when a colleague (another buyer-side
    speaker) said it: that turn's id and the colleague's first name (``retorts.py`` reads the
    turns that answer a colleague back)."""
    return _colleague_before(utterances)


def read_as_likeliest(found: Detection, score: KindScore, kinds: Sequence[Kind]) -> Detection:
    """``found`` as the likeliest of ``kinds``, at the model's probability of it."""
    return _read_as(found, score, kinds)
