"""Cue lexicons for the detect stage: objection cues, questions, competitor names, why-now triggers.

Plain regular expressions kept apart from the detector so the scoring logic stays readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_FLAGS = re.IGNORECASE  # for patterns matched on original text (competitor names keep their case)


def _alternation(fragments: Sequence[str]) -> re.Pattern[str]:
    """One lexicon as a regex over ``lowered`` text.

    Case-sensitive on lower-cased text rather than IGNORECASE: same matches, 40 % less time
    (the cue lexicons are the detector's biggest cost after embedding). The lookahead lets the
    engine pass over most positions fast: half the time again, same matches (fragments start
    with a letter or an apostrophe, as in "'d need to").
    """
    odd = [f for f in fragments if not re.match(r"[\w'(\\]", f)]
    if odd:
        raise ValueError(f"cue fragments must start with a letter or an apostrophe: {odd}")
    upper = [f for f in fragments if f != f.lower()]
    if upper:
        raise ValueError(f"cue fragments are matched on lower-cased text: {upper}")
    return re.compile(r"\b(?=[\w'])(?:" + "|".join(fragments) + r")\b")


def normalise_quotes(text: str) -> str:
    """Curly apostrophes and quotes to ASCII so one lexicon matches every transcript tool."""
    return text.translate(_QUOTES)


def lowered(text: str) -> str:
    """The form every cue lexicon is matched against: ASCII quotes, lower case."""
    return normalise_quotes(text).lower()


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})

# --- objections -------------------------------------------------------------------------------

# Topic cues per objection category: they pick the category, they do not make an objection alone.
CATEGORY_CUES: dict[str, re.Pattern[str]] = {
    name: _alternation(fragments)
    for name, fragments in {
        "price": [
            r"price\w*",
            r"cost(s|ly)?",
            r"expensive",
            r"pricey",
            r"cheap(er)?",
            r"afford\w*",
            r"budget\w*",
            r"per[- ](user|seat|employee|head|person|location|site|month)",
            r"a month",
            r"monthly (fee|bill|cost)",
            r"fees?",
            r"subscriptions?",
            r"savings?",
            r"invoices?",
            r"discount\w*",
            r"money",
            r"spend(ing)?",
            r"margins?",
            r"roi",
            r"(?<=[$£€])\d+",
            r"\d+ (dollars|pounds|quid|bucks|euros)",
        ],
        "contract": [
            r"contracts?",
            r"lock(ed)? (in|into)",
            r"tied (in|into|down)",
            r"commit(ment|ting)?",
            r"annual(ly)?",
            r"yearly",
            r"(twelve|12|24|two|one)[- ](month|year)s?",
            r"(whole|full) year",
            r"cancel\w*",
            r"notice period",
            r"auto-?renew\w*",
            r"renewal",
            r"month[- ]to[- ]month",
            r"upfront",
            r"terms?",
            r"get out of",
        ],
        "switching": [
            r"switch\w*",
            r"migrat\w*",
            r"mov(e|ing) (everything|it all|all|our|the|across|over)\w*",
            r"chang(e|ing) (over|systems?|providers?|tools?)",
            r"transfer\w*",
            r"port(ing)? (over|across|it|our|the|everything)",
            r"(copy|copying|bring|bringing) (over|across|everything|all)",
            r"changeover",
            r"re-?enter\w*",
            r"import\w*",
            r"transition\w*",
            r"history",
            r"historic\w*",
            r"from scratch",
            r"start (again|over)",
        ],
        "setup_time": [
            r"set ?up",
            r"set (it|this|that|everything|all this|things|us|them) up",
            r"setting (it |this |everything |all this )?up",
            r"onboard\w*",
            r"implement\w*",
            r"roll-?out",
            r"roll (it |this )?out",
            r"up and running",
            r"get(ting)? started",
            r"configur\w*",
            r"training",
            r"train (everyone|staff|the team|people|them)",
            r"how long",
            r"(weeks|months|hours|days) (to|of|before)",
            r"(no|don'?t have( the)?) time",
            r"bandwidth",
            r"go[- ]live",
        ],
        "integrations": [
            r"integrat\w*",
            r"sync\w*",
            r"connect\w*",
            r"api",
            r"export\w*",
            r"csv",
            r"double[- ]entr\w*",
            r"double[- ]handl\w*",
            r"re-?typ\w*",
            r"re-?key\w*",
            r"talk(s)? to (each other|our|the|it)",
            r"(into|to|with) (our )?(payroll|accounting|accounts|pos|till)",
            r"point of sale",
            r"pos",
            r"till system",
            r"ledgerleaf",
            r"quickbooks",
            r"xero",
            r"plug (in|into)",
        ],
        "security": [
            r"secur\w*",
            r"gdpr",
            r"privacy",
            r"private",
            r"data protection",
            r"encrypt\w*",
            r"hack\w*",
            r"breach\w*",
            r"complian\w*",
            r"(location|gps) (tracking|data)",
            r"gps",
            r"tracked",
            r"track(ing)? (their|my staff|our staff|where)",
            r"bank details",
            r"personal (data|details|information)",
            r"sensitive",
            r"who can see",
            r"permissions?",
            r"(data|it) (is )?stored",
            r"soc ?2",
            r"iso ?27001",
            r"legal",
            r"record[- ]keeping",
        ],
        "adoption": [
            r"(staff|team|employees|people|managers|supervisors|crew|they)( just)?"
            r" (won'?t|wouldn'?t|will never|don'?t|never)",
            r"(use|using|adopt|learn) (it|another|the app|an app|a new)",
            r"adopt\w*",
            r"tech[- ]?savvy",
            r"(not|aren'?t) (great|good) with (tech|technology|computers|phones|apps)",
            r"older (staff|team|employees|workers|people)",
            r"(smart)?phones?",
            r"buy-?in",
            r"get (them|everyone|people|staff|the team) to",
            r"get(ting)? (the|my|our) (\w+ )?(staff|team|crew|people|employees|managers) to",
            r"set in (their|his|her) ways",
            r"resist\w*",
            r"forget\w*",
            r"another app",
            r"learning curve",
            r"clock(ing)? (in|out)",
        ],
        "authority_timing": [
            r"owners?",
            r"(business )?partners?",
            r"boss",
            r"(ops|operations|area|regional|finance|managing) (director|manager)",
            r"franchise",
            r"co-?owners?",
            r"(my|our) (dad|mum|mom|father|mother|wife|husband|brother|sister)",
            r"(take|bring|show) (this|it) to",
            r"run (it|this|that) (by|past)",
            r"(want|have|get) (a|the|their) say",
            r"final say",
            r"sign[- ]off",
            r"sign (it )?off",
            r"approv\w*",
            r"head office",
            r"decision",
            r"board",
            r"check with",
            r"run (it|this|that) (past|by)",
            r"next (quarter|year|month|season)",
            r"new year",
            r"(not|isn'?t) (a good|the right) time",
            r"right now",
            r"timing",
            r"revisit",
            r"(have|has) to wait",
            r"(after|until) (the )?(holidays|christmas|summer|season|new year)",
            r"not my (call|decision)",
            r"my (wife|husband|accountant|finance)",
        ],
        "status_quo": [
            r"spreadsheets?",
            r"excel",
            r"google sheets?",
            r"paper",
            r"whiteboard",
            r"whatsapp",
            r"group (chat|text)",
            r"works? (fine|ok|okay|well)",
            r"(fine|ok|okay) (as it is|for now|for us)",
            r"get by",
            r"manage (fine|ok|okay|with)",
            r"(don'?t|do not) (really )?need",
            r"not broken",
            r"(how|what) we (do|have) (it )?now",
            r"always done",
            r"pen and paper",
            r"by hand",
        ],
        "competitor": [
            r"happy (enough )?with",
            r"already (use|using|have|pay|got|signed|on)",
            r"current (provider|system|tool|app|vendor|supplier|software|platform)",
            r"(other|another) (vendor|provider|tool|company|app|option|system)",
            r"compet\w*",
            r"(does|do) (the same|the job|most of (this|that))",
            r"free (months?|trial)",
        ],
    }.items()
}

# Hesitation, concern or blocker language, with a strength (1.0 strong, 0.6 medium, 0.35 weak).
CONCERN_CUES: list[tuple[re.Pattern[str], float]] = [
    (_alternation(fragments), weight)
    for fragments, weight in [
        (
            [
                r"not (really )?sure",
                r"unsure",
                r"not (really |totally |fully )?convinced",
                r"not (really |that |too )?keen",
                r"hesitan\w*",
                r"s[ck]eptic\w*",
                r"worr(y|ied|ies|ying)",
                r"concern(ed|s|ing)?",
                r"nervous",
                r"afraid",
                r"scar(ed|es|y)",
                r"fears?",
                r"too (expensive|much|long|many|complicated|complex|pricey|steep|big|slow|risky"
                r"|hard|fiddly)",
                r"can(no|')?t (justify|afford|commit|see|sign|risk|have|spend|be|do|go|get|make"
                r"|take)",
                r"deal ?breaker",
                r"non-?starter",
                r"sticking point",
                r"blocker",
                r"red flag",
                r"no way",
                r"hard sell",
                r"out of (our|my) (budget|price range|league)",
                r"(my|our|the) (main |biggest |big |only )?(worry|concern|fear|hesitation|problem"
                r"|issue|hang-?up) (is|was|would be)",
                r"(won'?t|wouldn'?t|will never|never) (use|work|want|bother|fly|go for|pay|adopt"
                r"|do it)",
                r"(don'?t|do not|didn'?t) (want|trust|like|see the (point|need|value))",
                r"(don'?t|do not) (have|got) (the )?(time|budget|money|capacity|bandwidth|people)",
                r"(got|have|has) no (spare |free |extra )?(time|hours|budget|money|capacity|one"
                r"|bandwidth)",
                r"no (spare|free) (time|hours|capacity)",
                r"not (a good|the right) time",
                r"not (in a position|ready|looking)",
                r"(we|i) (would|'d) (need|have) to (check|ask|run|talk|speak|get)",
                r"(need|have) to (check|ask|run (it|this|that)|talk|speak) (with|to|past|by)",
                r"(it'?s|that'?s|is) (not|n't) my (call|decision)",
                r"not my (call|decision)",
                r"steep",
                r"pricey",
                r"expensive",
                r"stuck",
                r"locked (in|into)",
                r"tied (in|into|down)",
                r"(not|isn'?t|wasn'?t) worth",
                r"why would (we|i)",
                r"what'?s the point",
                r"(works?|fine|ok|okay) (fine )?(for us )?(as it is|for now|at the moment"
                r"|right now)",
                r"(happy|fine|ok|okay) (enough )?with (what|how|our|the)",
                r"happy enough",
                r"(would|will|'d|'ll) sting",
                r"(big|huge|real) chunk",
                r"(feels|seems|looks) like a (mountain|lot|big job|slog)",
                r"(couldn'?t|can'?t|could not|cannot) get out",
                r"throw (everything|us|things|the team) off",
                r"(a|be a) (fight|battle|struggle)",
                r"need (proof|evidence|assurances?|guarantees?)",
                r"see why (we|i|anyone)",
                r"(quoted|charge|charges|offered|offer) (us )?(less|lower|cheaper|a better)",
                r"get by",
                r"not broken",
                r"(doesn'?t|does not|won'?t) (connect|sync|integrate|talk to|work with)",
                r"(re|double)[- ]?(enter|entry|type|key)\w*",
                r"uneasy",
                r"wary",
                r"reluctant",
                r"doubt\w*",
                r"dubious",
                r"put (me|us) off",
                r"off-?putting",
                r"burn(ed|t)",
                r"clunky",
                r"overkill",
                r"daunting",
                r"overwhelming",
                r"(not|isn'?t|aren'?t) (really )?(realistic|feasible|practical|an option|for us)",
                r"(not|never) (going|gonna) to",
                r"(don'?t|doesn'?t|do not) (even )?(have|know if|know whether|know how)",
                r"barely",
                r"hardly",
                r"complain\w*",
                r"(went|go|going|gone) back to",
                r"want (a|their|his|her) say",
                r"(take|bring|show) (this|it) to (my|our|the)",
                r"(talk|speak|chat|come back|circle back|pick this up) (again )?"
                r"(in|after|next|later)",
                r"(maybe|perhaps) (later|next|in|after)",
                r"(i'?d|we'?d) (rather|prefer)",
                r"(hoping|expecting) (for )?(something|it to be)",
                r"settled with",
                r"(been|works?|working) (fine|ok|okay|well enough)",
                r"without (any of )?(this|that|it|a system|software)",
                r"(managed|coped|survived) (for|without|fine)",
            ],
            1.0,
        ),
        (
            [
                r"problems?",
                r"issues?",
                r"nightmare",
                r"headache",
                r"hassle",
                r"painful",
                r"a pain",
                r"struggl\w*",
                r"frustrat\w*",
                r"hate",
                r"chaos",
                r"chaotic",
                r"disaster",
                r"a mess",
                r"stressful",
                r"difficult",
                r"hard (to|for)",
                r"risk(y|s)?",
                r"los(e|ing)",
                r"a lot (of money|per|for|to)",
                r"(have|has) to wait",
                r"revisit",
                r"the thing is",
                r"catch",
                r"complicated",
                r"tricky",
                r"(the )?(last|previous|old) (one|tool|system|app|provider)",
                r"(we|i) (already|just) (have|use|pay|switched|changed)",
                r"doesn'?t",
                r"isn'?t",
                r"won'?t",
                r"can'?t",
                r"(don'?t|do not) (need|think)",
                r"(would|'d) (need|have) to",
                r"(other|another) (vendor|provider|tool)",
                r"cheaper",
                r"more than",
                r"forever",
                r"ages",
                r"unless",
                r"tired",
                r"annoying",
                r"awkward",
                r"confusing",
                r"fiddly",
                r"tough",
                r"(not|never|nobody|no one|nothing)",
                r"a lot of questions",
                r"still",
                r"(it'?s|it is|it'?s been|it has been) (fine|ok|okay|alright|grand|good enough)",
            ],
            0.6,
        ),
        (
            [
                r"but",
                r"however",
                r"honestly",
                r"to be (honest|fair)",
                r"though",
                r"only",
                r"if",
            ],
            0.35,
        ),
    ]
]

# Spans that say a concern is absent ("not worried", "price is fine"); removed before cue matching.
REASSURANCE = _alternation(
    [
        r"(not|never|isn'?t|wasn'?t|won'?t be|shouldn'?t be|aren'?t|no)"
        r" (really |too |that |at all )?"
        r"(worried|concerned|bothered|fussed"
        r"|a (big |huge |real )?(problem|issue|concern|worry|deal)|an issue|problems?|issues?"
        r"|concerns?|worries|expensive|bad|a dealbreaker|a blocker)",
        r"no (problem|worries|concerns?|issues?|big deal)",
        r"(don'?t|do not) (mind|worry|see (a|any) problem)",
        r"(price|pricing|cost|that) (is|'s|seems|looks|sounds) (totally |perfectly |pretty |very )?"
        r"(fine|ok|okay|reasonable|fair|affordable|good|great|cheap)",
        r"can'?t wait",
        r"can'?t (complain|argue)",
        r"(doesn'?t|does not|won'?t) (matter|bother)",
        r"(don'?t|won'?t|wouldn'?t|doesn'?t|do not) (have|need) to",
        r"less (painful|expensive|work|hassle|complicated|scary|of a (problem|pain|headache)) than",
        r"(not|isn'?t) (as|that|so) (bad|painful|expensive|hard|complicated)",
        r"(no|not a) problem (at all|for us)",
    ]
)

# Agreement, thanks and praise: evidence against an objection when no concern cue is present.
POSITIVE = _alternation(
    [
        r"love",
        r"great",
        r"perfect",
        r"awesome",
        r"brilliant",
        r"fantastic",
        r"excellent",
        r"lovely",
        r"nice",
        r"cool",
        r"sounds good",
        r"makes sense",
        r"thanks?( you)?",
        r"cheers",
        r"helpful",
        r"exactly",
        r"impressive",
        r"amazing",
        r"sure",
        r"yeah",
        r"yes",
        r"okay",
        r"ok",
        r"right",
    ]
)


@dataclass(frozen=True)
class CueScores:
    """Rule evidence for one sentence."""

    concern: float  # 0..1, strength of hesitation/blocker language
    positive: bool  # praise/agreement present
    categories: dict[str, int]  # number of topic cues per objection category


def cue_scores(sentence: str, extra_category_hits: dict[str, int] | None = None) -> CueScores:
    """Score a sentence's objection cues, after removing reassurances ("not worried")."""
    text = REASSURANCE.sub(" ", lowered(sentence))
    weights = sorted(
        (weight for pattern, weight in CONCERN_CUES for _ in pattern.finditer(text)), reverse=True
    )
    concern = min(1.0, weights[0] + 0.15 * (len(weights) - 1)) if weights else 0.0
    categories = {name: len(pattern.findall(text)) for name, pattern in CATEGORY_CUES.items()}
    for name, hits in (extra_category_hits or {}).items():
        categories[name] = categories.get(name, 0) + hits
    return CueScores(concern=concern, positive=bool(POSITIVE.search(text)), categories=categories)


# --- questions --------------------------------------------------------------------------------

_AUX_OPENER = re.compile(
    r"^(?:so|and|but|okay|ok|right|also|sorry|oh|um|uh|well|quick question)?[,\s]*"
    r"(?:can|could|does|do|did|is|are|was|were|will|would|should|has|have|shall|may|might)"
    r"(?:n't)?\s+(?:you|we|i|it|they|that|this|there|the|your|my|our|staff|people|managers|employees"
    r"|everyone|anyone|someone|he|she)\b"
)
_WH_OPENER = re.compile(
    r"^(?:so|and|but|okay|ok|right|also|sorry|oh|um|uh|well|quick question)?[,\s]*"
    r"(?:how|what|when|where|which|who|why)(?:'s|'re)?\s+"
    r"(?:do|does|did|is|are|was|were|can|could|would|will|should|much|many|long|often|about|if|happens"
    r"|kind|sort|type|exactly|else|options)\b"
)
_EMBEDDED_QUESTION = _alternation(
    [
        r"(i was|i'm|we were|we're) wondering",
        r"(i'?d|we'?d) (like|love|want) to (know|understand)",
        r"can you (tell|explain|walk|show) (me|us)",
        r"do you (know|happen to know) (if|whether|how|what)",
        r"is there (a|any) way",
        r"curious (whether|if|how|about)",
    ]
)
_SMALL_TALK_QUESTION = _alternation(
    [
        r"how (are|r) (you|things)",
        r"how'?s (it going|your (day|week|weekend)|everything|things)",
        r"how was (your|the) (weekend|week|day|holiday|trip)",
        r"can you (hear|see) (me|us|my screen)",
        r"(are you|is it) (still )?there",
        r"did you have a (good|nice)",
        r"(what|how) about you",
        r"you too",
        r"can i ask (you )?(something|a question|a quick question)",
        r"(sorry|pardon), (what|say that)",
    ]
)
_BACKCHANNEL = re.compile(r"^\W*(?:\w+\W*){0,2}\?\W*$")


def is_question(sentence: str) -> bool:
    """A buyer question: ends with "?" or opens like one; backchannels and small talk excluded."""
    text = lowered(sentence).strip()
    if not text or _SMALL_TALK_QUESTION.search(text) or _BACKCHANNEL.match(text):
        return False
    if text.rstrip("\"') ").endswith("?"):
        return True
    return bool(
        _AUX_OPENER.match(text) or _WH_OPENER.match(text) or _EMBEDDED_QUESTION.search(text)
    )


# --- competitors ------------------------------------------------------------------------------

# Capitalised words that follow "we use ..." but are not products.
_NOT_NAMES = frozenset(
    """
    i we you it they he she that this these those there here the a an our your their my his her its
    yeah yes no well so and but or um uh okay ok oh hmm right sorry also just actually basically
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter spring summer autumn winter
    one two three four five six seven eight nine ten some all any each every both most lots
    google sheets excel spreadsheet spreadsheets paper word outlook gmail email whatsapp slack teams
    zoom text texts sms facebook messenger pen notebook whiteboard calendar phone phones app apps
    something anything nothing everything someone anybody nobody thing things stuff people staff
    """.split()
)
_NAME = r"([A-Z][\w&.+-]*[\w+](?:\s(?:[A-Z][\w&+-]*\w|\d+))?)"
_CURRENT = (
    r"(?i:(?:we|i|they)(?:'re| are| were|'ve| have)?\s+(?:currently |already |still |also )?"
    r"(?:been )?(?:use|using|used|on|with|paying for|pay for|running|signed up with|switched to"
    r"|signed (?:a |an )?(?:\w+[- ]?){0,3}(?:deal|contract|agreement) with|happy with"
    r"|locked in with)\s+)"
)
_EVALUATED = (
    r"(?i:(?:we|i|they)(?:'ve| have| had)?\s+(?:also |already |just |been )*"
    r"(?:looked at|look at|looking at|tried|trialled|trialed|trialing|trialling|demoed|"
    r"compared|spoke to|spoken to|talked to|got a quote from|had a demo (?:with|from)|"
    r"switched from|moved from|left)\s+)"
)
_CURRENT_PATTERN = re.compile(r"\b" + _CURRENT + _NAME)
_EVALUATED_PATTERN = re.compile(r"\b" + _EVALUATED + _NAME)
_CLAIM_PATTERN = re.compile(
    r"\b" + _NAME + r"(?:'s)?\s+(?:already\s+|also\s+)?"
    r"(?:does|do|has|have|offers|gives us|includes)\s+(?:that|this|it|the same)\b"
)
_VERSUS_PATTERN = re.compile(
    r"\b(?i:compared to|compared with|versus|vs\.?|than|over at)\s+" + _NAME
)
_PARTNER_TAIL = re.compile(
    r"^\s*(?:for|to do|to run|to handle)\s+(?:our\s+|the\s+)?(?:payroll|pay|accounts|accounting|"
    r"bookkeeping|books|invoices|invoicing|tills?|pos|point of sale|hr|email|messages|texts)\b",
    _FLAGS,
)


@dataclass(frozen=True)
class CompetitorHit:
    name: str
    start: int
    end: int
    relation: str  # current | evaluated | mention
    known: bool  # from the call metadata or configured list, not guessed from a pattern


def _relation_at(text: str, start: int) -> str:
    before = text[max(0, start - 60) : start]
    if re.search(_CURRENT + r"$", before, _FLAGS) or re.search(
        r"\b(happy (?:enough )?with|already (?:have|use|pay for)|our current)\s+$", before, _FLAGS
    ):
        return "current"
    if re.search(_EVALUATED + r"$", before, _FLAGS):
        return "evaluated"
    return "mention"


def find_competitors(
    sentence: str, known: Sequence[str], *, ignore: Iterable[str] = ()
) -> list[CompetitorHit]:
    """Known competitor names (word-boundary, any case) plus names after "we use/looked at X"."""
    text = normalise_quotes(sentence)
    ignored = {name.casefold() for name in ignore}
    hits: dict[str, CompetitorHit] = {}
    for name in sorted({n.strip() for n in known if n.strip()}, key=lambda n: (-len(n), n)):
        if name.casefold() in ignored:
            continue
        pattern = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])", _FLAGS)
        for match in pattern.finditer(text):
            overlap = any(h.start <= match.start() < h.end for h in hits.values())
            if not overlap and name.casefold() not in hits:
                relation = _relation_at(text, match.start())
                hits[name.casefold()] = CompetitorHit(
                    name, match.start(), match.end(), relation, True
                )
    guessed = [
        (_CURRENT_PATTERN, "current"),
        (_EVALUATED_PATTERN, "evaluated"),
        (_CLAIM_PATTERN, "mention"),
        (_VERSUS_PATTERN, "mention"),
    ]
    for pattern, relation in guessed:
        for match in pattern.finditer(text):
            guess = _clean_name(match.group(1))
            if not guess or guess.casefold() in ignored or guess.casefold() in hits:
                continue
            if relation == "current" and _PARTNER_TAIL.match(text[match.end(1) :]):
                continue  # "we use LedgerLeaf for payroll": a tool they keep, not a rival
            if any(h.start <= match.start(1) < h.end for h in hits.values()):
                continue
            start = match.start(1)
            hits[guess.casefold()] = CompetitorHit(
                guess, start, start + len(guess), relation, False
            )
    return sorted(hits.values(), key=lambda h: (h.start, h.name))


def _clean_name(raw: str) -> str | None:
    words = raw.rstrip(".").split()
    while words and words[-1].casefold().strip(".") in _NOT_NAMES:
        words.pop()
    if not words or words[0].casefold().strip(".") in _NOT_NAMES:
        return None
    name = " ".join(words)
    # A lone sentence-case word ("Paper", "Someone") is too weak; products usually have an inner
    # capital (RotaPro), a digit, or are more than one capitalised word.
    inner_signal = any(c.isupper() or c.isdigit() for c in name[1:])
    return name if inner_signal or len(name) >= 4 else None


# --- why now ----------------------------------------------------------------------------------

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
WHY_NOW_CUES: dict[str, re.Pattern[str]] = {
    name: _alternation(fragments)
    for name, fragments in {
        "deadline": [
            rf"by (the )?(end of |start of |beginning of |middle of )?(?:{_MONTHS})",
            r"by (the )?(end of |start of )?(next |this )?(week|month|quarter|year|season|spring"
            r"|summer|autumn|fall|winter|christmas|easter|new year|q[1-4])",
            r"before (the )?(busy|peak|holiday|summer|christmas|festive|winter|new|ski|wedding"
            r"|tourist)( season| rush| period| year)?",
            r"before (we|our) (open|launch|reopen|expand)\w*",
            r"deadlines?",
            r"(contract|subscription|licen[cs]e|renewal|agreement) (with \w+ )?(ends|expires"
            r"|is up|runs out|renews|comes up)",
            r"(need|want|have) (it|this|something|everything) (live|running|in place|sorted|set up|"
            r"ready|working) (by|before|for)",
            r"(asap|as soon as possible|urgent\w*)",
        ],
        "cost": [
            r"overtime (cost|costs|bill|bills|spend|is (costing|killing|eating))",
            r"(paying|paid|pay) (so much|too much|a lot of|loads of) overtime",
            r"(a few|several) (hundred|thousand)",
            r"agency (staff|cover|workers|fees)",
            r"over-?pa(y|id|ying)",
            r"wast(e|ed|es|ing) (hours|time|money|days|a day|half a day|so much)",
            r"costing us",
            r"cost(s|ing)? us (a fortune|thousands|hundreds|a lot|loads|hours|days|money)",
            r"losing (money|hours|time|staff)",
            r"(thousands|hundreds|a fortune|a lot of money)",
            r"(hours|days) (a|every|each|per) (week|month|pay run|payroll)",
            r"eating (into )?(our|the) margins?",
        ],
        "risk": [
            r"payroll (mistakes?|errors?|mess|screw-?ups?)",
            r"(pay|wage|timesheet) (mistakes?|errors?)",
            r"audit\w*",
            r"fined",
            r"(a|the|big|heavy|hefty) fines?",
            r"fines? (from|for|of)",
            r"penalt\w*",
            r"tribunal",
            r"(wage|pay) claims?",
            r"lawsuit",
            r"sued",
            r"under-?paid",
            r"short(ed|-?changed)",
            r"got (it|the pay|payroll) wrong",
            r"inspect(ion|or|ors)",
            r"hmrc",
            r"labou?r (law|board|department|inspector)",
            r"compliance (issue|problem|risk|breach)",
            r"(break|rest) (rules|violations?|breaches)",
            r"complain\w*",
        ],
        "event": [
            r"open(ing|s)? (a|our|the|another) (new |second |third |fourth |2nd |3rd )?"
            r"(location|site|store|shop|branch|restaurant|cafe|clinic|salon|venue|outlet)",
            r"new (location|site|store|shop|branch|restaurant|cafe|clinic|salon|venue)",
            r"(second|third|2nd|3rd) (location|site|store|shop|branch|restaurant|cafe|clinic)",
            r"expan(d|ding|sion)",
            r"hiring",
            r"new hires",
            r"taking over",
            r"took over",
            r"acqui(red|ring|sition)",
            r"merg(er|ing)",
            r"(manager|admin|bookkeeper|payroll person|office manager|owner)\b[^.?!]{0,40}?"
            r"\b(just |has )?(left|quit|retired|resigned|leaving)",
            r"(growing|grown|grew) (fast|quickly|a lot)",
            r"doubl(e|ed|ing) (our|the) (staff|team|headcount)",
            r"(new|seasonal) staff",
        ],
    }.items()
}


def why_now_cues(sentence: str) -> dict[str, int]:
    """Why-now trigger cues per category (deadline, cost, risk, event) found in a sentence."""
    text = lowered(sentence)
    found = {name: len(pattern.findall(text)) for name, pattern in WHY_NOW_CUES.items()}
    return {name: hits for name, hits in found.items() if hits}
