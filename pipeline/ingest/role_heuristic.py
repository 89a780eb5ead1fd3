"""The last resort for telling buyer from rep: how each side talks.

Sellers talk about the buyer's business ("you", "your") and buyers about their own ("we", "our",
"I"); seller and buyer phrases add to it. A side is only named when the evidence is clear,
otherwise it stays ``unknown``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.names import norm_name as _norm
from pipeline.lazy_regex import Regex, lazy_compile

# Phrases a seller says (pitching, demoing, running discovery) and a buyer says (about "your"
# product, their current tool, their budget). Weights are counts; only the difference matters.
_REP_CUES = re.compile(
    r"\b(?:our (?:platform|product|app|tool|software|solution|pricing|plans?|customers|team "
    r"(?:can|will)|onboarding|support team|integration)|we offer|we integrate|we support|"
    r"let me (?:show|share|walk|pull up|send)|i'?ll (?:share my screen|send (?:you|over))|"
    r"share my screen|thanks for (?:taking|making) the time|i'?m calling from|"
    r"tell me (?:a bit )?(?:more )?about (?:your|how)|walk me through|how (?:are|do) you "
    r"(?:currently )?(?:handl|manag|do|track|run|schedul)\w*|what (?:are you|do you) "
    r"(?:currently )?us(?:e|ing)|what does your|what made you|what prompted|"
    r"how many (?:people|techs|staff|users|locations|crews|employees)|free trial|"
    r"on our (?:end|side)|our (?:starter|pro|business|enterprise) plan)\b",
    re.IGNORECASE,
)
_BUYER_CUES = re.compile(
    r"\b(?:your (?:platform|product|app|tool|software|solution|pricing|plans?|team|company)|"
    r"how much (?:does|is|would)|does it (?:integrate|work|support|connect|sync)|"
    r"do you (?:integrate|support|offer|guys)|can it|we(?:'re| are) (?:currently )?using|"
    r"we (?:currently )?use|we tried|our budget|too expensive|out of (?:our|the) budget|"
    r"we(?:'re| are) locked in|our contract|my boss|our owner|i'?d have to (?:check|ask|run)|"
    r"not sure we|we(?:'re| are) (?:looking|evaluating)|switching)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\b[\w']+\b")
_YOU = re.compile(r"\byou(?:r|rs|'re|'ve|'ll|'d)?\b", re.IGNORECASE)
_WE = re.compile(r"\b(?:we|our|ours|us|we're|we've|we'll|we'd|i|my|me|i'm|i've|i'll|i'd)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.?!])")
_MAX_SCORED_CHARS = 200_000  # plenty to judge a side; keeps huge files linear and quick
_MIN_WORDS = 8  # a side that said less is not judged
_MIN_SPREAD = 3.0  # the most and least seller-like sides must differ by this much
_REP_FLOOR = -2.5  # the most seller-like side must score at least this to be called the rep
_DEAD_ZONE = 0.15  # a side this close to halfway between the ends stays unknown


def _score(texts: Sequence[str], *, opens_call: bool) -> float | None:
    """How seller-like a side sounds; ``None`` when it said too little to judge.

    Sellers talk about the buyer's business ("you", "your") and buyers about their own ("we",
    "our", "I"): the balance per 100 words is the main signal. Seller and buyer phrases and
    discovery questions about "you" add up to 3 points either way; opening the call adds 1.
    """
    joined = " ".join(texts).replace("’", "'")[:_MAX_SCORED_CHARS]
    words = len(_WORD.findall(joined))
    if words < _MIN_WORDS:
        return None
    plain = _REP_CUES.sub(" ", joined)  # "our platform" is a seller cue, not the buyer's "our"
    balance = 100 * (len(_YOU.findall(plain)) - len(_WE.findall(plain))) / words
    cues = len(_REP_CUES.findall(joined)) - len(_BUYER_CUES.findall(joined))
    questions = (part for part in _SENTENCE_END.split(joined) if part.endswith("?"))
    for question in questions:  # split, not findall: linear even with no punctuation at all
        if _YOU.search(question) and not _BUYER_CUES.search(question):
            cues += 1
    return balance + max(-3, min(3, cues)) + (1 if opens_call else 0)


def heuristic_roles(
    utterances: Sequence[ParsedUtterance],
    unresolved: Sequence[str],
    companies: dict[str, str],
    known: dict[str, str],
) -> dict[str, str]:
    """Score each side (speakers grouped by company, or alone) and place it between the most
    and the least seller-like; known reps and buyers serve as anchors.

    Nothing is decided when the sides score within ``_MIN_SPREAD`` of each other or none
    sounds like a seller (``_REP_FLOOR``); a side about halfway between stays ``unknown``.
    """
    first = next((u.speaker for u in utterances if u.speaker), None)
    group_of = {s: _norm(companies.get(s, f"speaker:{s}")) for s in unresolved}
    group_of.update({s: f"known:{role}" for s, role in known.items() if role in ("rep", "buyer")})
    texts: dict[str, list[str]] = defaultdict(list)
    for utterance in utterances:
        if utterance.speaker is not None and utterance.speaker in group_of:
            texts[group_of[utterance.speaker]].append(utterance.text)
    opener = group_of.get(first) if first else None
    scores = {g: _score(t, opens_call=g == opener) for g, t in texts.items()}
    judged = {g: v for g, v in scores.items() if v is not None}
    if len(judged) < 2:
        return {}
    top, bottom = max(judged.values()), min(judged.values())
    spread = top - bottom
    if (
        spread < _MIN_SPREAD
        or top < _REP_FLOOR
        or top == judged.get("known:buyer")
        or (bottom == judged.get("known:rep"))
    ):
        return {}
    roles: dict[str, str] = {}
    for speaker in unresolved:
        score = judged.get(group_of[speaker])
        if score is None:
            continue
        lean = (top - score) - (score - bottom)  # > 0: nearer the buyer end
        if abs(lean) >= _DEAD_ZONE * spread:
            roles[speaker] = "buyer" if lean > 0 else "rep"
    return roles


_INTRO_TURNS = 3  # a speaker introduces themselves in their first few turns
_OPENING_SENTENCES = 2  # a lone speaker's greeting: "Hi Dev, it's Fiona from Grampian Parcels."


def self_introduced(
    utterances: Sequence[ParsedUtterance],
    unresolved: Sequence[str],
    our_names: Sequence[str],
    our_companies: Sequence[str],
) -> dict[str, str]:
    """The speakers who say they are one of ours, in their first turns: "this is Marcus" (a
    name on our side), "Marcus from Dispatchly", "thanks for calling Dispatchly", "I'm calling
    from Dispatchly". A phone recording's SPEAKER_01 had stayed unknown and its "Our Starter
    plan is $149 a month." was filed as a buyer's price objection. Any name with our company
    counts ("this is Lena with Docketly"): a buyer does not introduce themself as ours."""
    if not unresolved:  # every speaker's side already known (or a note with no speakers)
        return {}
    names = {part for name in our_names for part in (name, *name.split()[:1]) if len(part) >= 3}
    companies = [c for c in our_companies if len(c) >= 3]
    if not names and not companies:
        return {}
    name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) or r"(?!)"
    company = "|".join(re.escape(c) for c in sorted(companies, key=len, reverse=True)) or r"(?!)"
    intro = re.compile(
        rf"\b(?:(?<!is )this is|it'?s|i'?m|i am|my name is|my name'?s)\s+(?:{name})\b(?!\?)"
        rf"|\b(?:{name})\s+(?:here|from|with|at)\b"
        rf"|\b(?:(?<!is )this is|you'?ve reached|thanks for calling|thank you for calling"
        rf"|welcome to|calling from|here at|i'?m with|i work (?:at|for))\s+(?:{company})\b(?!\?)"
        rf"|\b(?:(?<!is )this is|it'?s|i'?m|my name is)\s+[a-z'-]+(?:\s+[a-z'-]+)?,?\s+"
        rf"(?:from|with|at|over at|here at)\s+(?:{company})\b(?!\?)",
        re.IGNORECASE,
    )
    seen: dict[str, int] = defaultdict(int)
    found: dict[str, str] = {}
    waiting = set(unresolved)
    for utterance in utterances:
        speaker = utterance.speaker
        if speaker not in waiting or seen[speaker] >= _INTRO_TURNS:
            continue
        seen[speaker] += 1
        text = utterance.text.replace("’", "'")
        if intro.search(text) or _names_self_with(text, speaker, company):
            found[speaker] = "rep"
    # Every speaker saying so is no evidence (a buyer named Sam beside our Sam Rivera).
    return found if len(found) < len(set(unresolved)) else {}


def _names_self_with(text: str, speaker: str, company: str) -> bool:
    """The speaker says their own first name and our company in one turn: "this is Priya, I'm
    the solutions engineer at PawDesk", "Morning both, Derek from PawDesk." (no roster had
    named them, and a buyer's IT lead had read as the rep)."""
    words = _norm(speaker).split()
    if not words or len(words[0]) < 3 or company == r"(?!)":
        return False
    first = re.escape(words[0])
    own = re.compile(
        rf"\b(?:this is|it'?s|i'?m|i am|my name is|my name'?s)\s+{first}\b[^.?!]{{0,60}}?"
        rf"\b(?:at|with|from|for)\s+(?:{company})\b|\b{first}\s+(?:here\s+)?(?:from|with|at)\s+"
        rf"(?:{company})\b",
        re.IGNORECASE,
    )
    return bool(own.search(text))


# A company's name: up to six capitalised words, "&" or "and" between ("Reyes Heating and Air").
_NAME_PART = r"(?!I\b)[A-Z0-9][\w&'.-]*"
COMPANY_WORDS = rf"{_NAME_PART}(?:\s+(?:(?:&|and)\s+)?{_NAME_PART}){{0,5}}"
_COMPANY = rf"(?P<company>{COMPANY_WORDS})"
PERSON_WORDS = r"[A-Z][a-z'-]+(?:[A-Z][a-z'-]+)?(?:\s+[A-Z][a-z'-]+(?:[A-Z][a-z'-]+)?)?"  # McLeod
# A job on the buyer's side: "I'm the managing partner at Hartwell & Pike".
_JOB = (
    r"(?i:owner|partner|founder|co-?founder|manager|director|administrator|admin|principal"
    r"|attorney|lawyer|paralegal|president|ceo|cfo|coo|cto|gm|officer|coordinator|supervisor"
    r"|accountant|bookkeeper|dentist|doctor|head|lead|practice manager)"
)
# How an answer opens before the name it gives: "Yeah, that's me, Grace from Saltwater Yoga".
_ANSWER = r"(?:(?i:yes|yeah|yep|hi|hello|hey|speaking|that'?s me|that'?s right)[,.!]?\s+)"
_NAMED_FROM = lazy_compile(
    r"(?:\b(?i:this is|it'?s|i'?m|i am|my name is|my name'?s)\s+"
    + PERSON_WORDS
    + r",?\s+(?i:from|at|with|over at)|\b(?i:i run|i own|i'?m the owner of)"
    r"|\b(?i:i'?m|i am)\s+(?i:the|a|an|one of the)\s+(?:[a-z-]+\s+){0,2}"
    + _JOB
    + r"s?\s+(?i:at|of|for|with)"
    # "I'm Sandra, owner of Ridgeline Physio", "Raj Patel, the co-owner of Bluegum Cafe"
    r"|(?:^|[,.!]\s+|\b(?i:i'?m|i am|this is|it'?s)\s+)"
    + PERSON_WORDS
    + r",\s+(?:(?i:the|a|an|one of the)\s+)?(?:[a-z-]+\s+){0,2}(?i:co-?)?"
    + _JOB
    + r"s?\s+(?i:at|of|for|with)"
    # "Yep, that's me. Grace from Saltwater Yoga", "Speaking, Tom here from Harbour Dental"
    r"|(?:^|[,.!]\s+)" + _ANSWER + r"{1,2}" + PERSON_WORDS + r",?\s+(?:(?i:here),?\s+)?"
    r"(?i:from|at|with)"
    # "Yes, Sean Brennan, Brennan Immigration Law.": a name and a company, answering a caller
    r"|^" + _ANSWER + r"{0,2}(?:(?i:this is|it'?s)\s+)?"
    r"(?!(?i:hi|hello|hey|yes|yeah|morning|thanks|sure|okay)\b)[A-Z][a-z'-]+\s+[A-Z][a-z'-]+,"
    # "I'm at Bramblewood Pet Clinic", "we're on ezyVet now, at Cedar Hollow Veterinary Clinic"
    r"|\b(?i:i'?m|i am|we'?re|we are)\s+(?:(?i:on)\s+[^,.?!]{1,30},\s+)?(?i:at|over at)"
    # "my name's Karen Holt, I'm with Cedar Creek Equine": where I work, never what we run
    r"|\b(?i:i'?m|i am)\s+(?i:with)"
    # "Hey Tom, Olivia Reed from Tallis & Reed here": a greeting, then who and where from
    rf"|(?:^|[,.!]\s+)(?={PERSON_WORDS},?\s+(?i:from|at)\s+{COMPANY_WORDS}\s+(?i:here|speaking)\b)"
    + PERSON_WORDS
    + r",?\s+(?i:from|at)"
    # "Angela's here too from Bright Minds Learning Center", "calling from Oakwood Music"
    r"|\b(?i:here|joining|calling|dialing|dialling|on the line)(?:\s+(?i:too|as well|today)){0,2}"
    r",?\s+(?i:from))\s+" + _COMPANY
)
# The rep naming the buyer's company to them: "how you dispatch today at Reyes Heating and Air",
# "so you're at Hartwell & Pike", "you're on PracticePanther today, at Okafor Family Law".
_YOURS_AT = re.compile(
    r"(?:\b(?i:you|your)\b[^.?!]{0,50}?\b(?i:today|over|there),?\s+at"
    r"|\b(?i:you'?re|you are)\s+(?i:over\s+)?at)\s+" + _COMPANY
)
# The same, the name after "at", "over at" or "for" in the rep's question about how they work:
# "how you keep track of stock at Hollybank today", "how's the rota over at Larkspur Vets?", "do
# you do the ordering for Pennant & Vale?". Only with "today"/"now" after it, or in a question:
# "do you pay for ProScript" names a tool, not the buyer's company (no work of theirs before it).
_THEIRS_NOW = r"(?=\s+(?i:today|these days|right now|at the moment|now)\b|[^.?!]{0,40}\?)"
_THEIRS_AT = re.compile(
    r"\b(?i:you|your)\b[^.?!]{0,60}?\b(?:(?i:over)\s+)?at\s+" + _COMPANY + _THEIRS_NOW
    + r"|\b(?i:over)\s+at\s+(?P<over>" + COMPANY_WORDS + r")(?=[^.?!]{0,40}\?)"
)  # fmt: skip
_WORK_FOR = re.compile(
    r"\b(?i:you)\s+(?:(?i:still|all|both|currently|personally|also)\s+)?(?i:work|do|handle|run"
    r"|manage|look after|order|buy|book|keep|schedule|oversee)\w*\b[^.?!]{0,40}?\bfor\s+"
    + _COMPANY
    + _THEIRS_NOW
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s")


def _company_in(texts: Sequence[str], *patterns: Regex) -> str | None:
    for text in texts[:_INTRO_TURNS]:
        found = next(filter(None, (p.search(text.replace("’", "'")) for p in patterns)), None)
        if found:  # "Brennan Immigration Law. Thanks for calling" ends at its sentence
            named = found.groupdict()
            company = _SENTENCE_BREAK.split(named.get("company") or named.get("over") or "")[0]
            return company.rstrip(".'-&").strip() or None
    return None


# Answering the phone as the business: "Dunmore Veterinary Clinic, this is Carla".
# "Honestly, it's a mess." is no company: the name answering must be a person's, alone.
_ANSWERS_AS = re.compile(
    r"^(?!(?i:honestly|well|great|yes|yeah|yep|sorry|okay|ok|so|hi|hello|hey|morning|right|sure"
    r"|thanks|actually|look|listen|oh|um|uh|no|and|but|because|anyway|perfect|good)\b)"
    + _COMPANY
    + r",\s+(?:(?i:this is|it'?s)\s+[A-Z][a-z'-]+(?:\s+(?i:speaking|here))?\s*(?:[.,!?]|$)"
    r"|(?i:you'?ve reached)\b)"
)


def company_named_to_them(texts: Sequence[str]) -> str | None:
    """The company the rep names as the buyer's in their first turns, if any."""
    return _company_in(texts, _YOURS_AT, _THEIRS_AT, _WORK_FOR)


# "So we're Ridgeway Lifts, we're in Cardiff": the name ends its clause. Lower-case words after
# "we're" ("we're in Cardiff", "we're a small team") and a name that goes on ("we're Servicio
# customers") are no company.
_WE_ARE = re.compile(
    r"\b(?i:we'?re|we are)\s+(?:(?i:called)\s+)?" + _COMPANY
    + r"(?=\s*(?:[,;.!]|$|\s[-–—]\s)|\s+(?i:in|from|based|out of|over in|down in|up in)\b)"
)  # fmt: skip
_NOT_OUR_NAME = re.compile(r"^(?:OK|Okay|I|UK|US)$|-(?:based|wide|only|owned|run)$", re.I)


def introduced_company(texts: Sequence[str]) -> str | None:
    """The company a buyer names as theirs in introducing themselves ("Hi Marcus, it's Angie
    from Delta Drain Pros", "so we're Ridgeway Lifts, we're in Cardiff"), from their first
    turns: the account when nothing else names it."""
    found = _company_in(texts, _NAMED_FROM) or _company_in(texts, _ANSWERS_AS)
    said = found or _company_in(texts, _WE_ARE)
    return None if said is None or _NOT_OUR_NAME.search(said) else said


def lone_outsider(
    utterances: Sequence[ParsedUtterance],
    unresolved: Sequence[str],
    account: str | None,
    ours: Iterable[str],
    rivals: Iterable[str] = (),
) -> dict[str, str]:
    """The call's only speaker, introducing themself as from the account or, once our company
    is known, from another ("Hi Dev, it's Fiona from Grampian Parcels": a buyer's own Loom of
    their set-up): the buyer. No rep speaks to weigh them against, so the heuristic had left
    them ``unknown`` and their pains out of the buyer's themes. Only an opening says so: a
    talk's "I am the co-founder of SeatGeek" minutes in is no buyer's greeting."""
    speakers = {u.speaker for u in utterances if u.speaker}
    if len(speakers) != 1 or set(unresolved) != speakers:
        return {}
    speaker = speakers.pop()
    first = next(u.text for u in utterances if u.speaker == speaker)
    said = introduced_company([_opening(first)])
    our_keys = {_norm(name) for name in ours}
    if said is None or _norm(said) in our_keys | {_norm(rival) for rival in rivals}:
        return {}
    from_account = account is not None and _norm(said) == _norm(account)
    return {speaker: "buyer"} if from_account or our_keys else {}


def _opening(text: str) -> str:
    """The text's first ``_OPENING_SENTENCES`` sentences."""
    ends = [found.start() + 1 for found in _SENTENCE_BREAK.finditer(text)]
    return text[: ends[_OPENING_SENTENCES - 1]] if len(ends) >= _OPENING_SENTENCES else text
