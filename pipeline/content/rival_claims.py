"""What a buyer's sentence says of a rival: something about the rival itself, or only the
rival's name beside the buyer's own work; and whether a lost deal went to that rival.

Why: a comparison had put "The layouts are done in Aurora by one designer, and he's the
bottleneck" (a staffing problem) and "We design in Aurora... each quote is maybe three hours"
(the buyer's workload) in Aurora's column, and said "Buyers we lost to Aurora said" of a deal
lost to timing while its Aurora contract ran on. A rival's column quotes what it does, lacks or
costs and how it treats its buyers; "lost to" needs the deal's words that the rival won it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.content.rival_hold import keeps_rival, places
from pipeline.content.scale import MONEY_WORDS, NUMBER_WORD_ALTERNATION
from pipeline.detect.rules import CUES, alternation, lowered
from pipeline.lazy_regex import lazy_compile

_ADVERB = r"(?:(?:just|also|only|still|really|never|always|already|actually|even|now)\s+)?"
# The rival as the subject: "Aurora is too complicated", "Aurora charges per seat".
_DOES = (
    r"is|was|are|were|isn't|wasn't|aren't|has|had|hasn't|does|did|doesn't|didn't|can|can't"
    r"|cannot|could|couldn't|will|won't|would|wouldn't|charges?|charged|costs?|offers?|offered"
    r"|lacks?|lacked|gives?|gave|makes?|made|takes?|took|needs?|requires?|lets?|forces?|forced"
    r"|keeps?|locks?|locked|works?|worked|handles?|supports?|includes?|comes?|came|feels?|felt"
    r"|looks?|seems?|raised|quoted|matched|crashes|crashed|breaks|broke|misses|missed|bundles?"
    r"|bundled|bought|owns"
)
_SUBJECT = lazy_compile(rf"^(?:['’]s\b|\s+{_ADVERB}(?:{_DOES})\b)", re.IGNORECASE)
# Where a clause starts, so a name there is its subject: "Reason: Enerflo bundles CRM".
_CLAUSE_START = lazy_compile(r"(?:^|[:;,.!?]|\b(?:and|but|because|since|while))\s*$", re.IGNORECASE)
# Its verb, after an adverb too: "Jobber sends reminders", "X already prints the insurer's form".
_VERB_AFTER = lazy_compile(rf"^\s+{_ADVERB}[a-z]+(?:s|ed)\b")
# Its parts and terms right after its name: "the Aurora contract", "our Aurora term".
_ITS = lazy_compile(
    r"^\s+(?:contract|agreement|subscription|renewal|term|licen[cs]es?|pricing|prices?|fees?"
    r"|costs?|support|reps?|interface|ui|app|software|platform|features?|reports?"
    r"|invoices?|bills?|rollout|roll-out|sync|integration|migration)\b",
    re.IGNORECASE,
)
# A verdict, a price or a term before its name: "love/hate X", "on top of X", "deal with X".
_VERDICT = lazy_compile(
    r"\b(?:loved?|loves|liked?|likes|hated?|hates|happy with|unhappy with|fed up with|frustrated"
    r" with|sick of|tired of|problems? with|issues? with|trouble with|better than|worse than"
    r"|cheaper than|pricier than|more than|less than|on top of|compared (?:to|with)|versus|vs\.?"
    r"|instead of|over|pay|paying|paid|(?:pay|paying|paid|spend|spending|spent) (?:for|on)"
    r"|(?:contract|deal|agreement|subscription|term) with|(?:copy|copies|version|instance) of"
    r"|locked (?:in|into)(?: with)?|tied (?:in|into)(?: with)?|renew(?:ing|ed)?(?: with)?"
    r"|cancel(?:led|ling)?|synced|synced with|integrated with|rolled out"
    r"|(?:barely|hardly|never|rarely) (?:use|used|touch|open)"
    r"|(?:data|history|records|proposals|projects|designs|files|templates)"
    r" (?:in|on|out of|from))\s+(?:the\s+|our\s+)?$",
    re.IGNORECASE,
)
# A pronoun after its name that goes on about it, in the quote's next sentence too: "we tried X
# and it was too complicated", "We're on X. The results flow straight into it."
_GOES_ON = lazy_compile(
    rf"^.*?\bit(?:['’]s\b|\s+{_ADVERB}(?:{_DOES})\b)"
    r"|^.*?\b(?:loved?|loves|liked?|likes|hated?|hates|used|uses|opened|opens|learned"
    r"|learnt|touched|adopted|trusted|trusts)\s+(?:it|them)\b"
    r"|^.*?\b(?:into|out of|with)\s+it\b"
    rf"|^.*?\bthey(?:['’](?:re|ve|d)\b|\s+{_ADVERB}[a-z]+)",
    re.IGNORECASE | re.DOTALL,
)
# Its terms later in a sentence that puts the buyer on it: "We're on X and we signed an annual
# contract" (not "renewed Solargraf, bundled with our Enphase pricing").
_ON_IT = lazy_compile(r"\b(?:on|with|using|use|run|running)\s+$", re.IGNORECASE)
_TERMS = lazy_compile(
    r"\b(?:contracts?|agreements?|subscriptions?|renewals?|renews?|renewed|locked in|lock-in"
    r"|notice period|mid-contract)\b",
    re.IGNORECASE,
)
# The deal's words that the rival won it: "went with X", "Closed lost - chose X".
_CHOSE = lazy_compile(
    r"\b(?:went|go|goes|going|gone|decided to go|moving forward|moved forward|proceeding"
    r"|proceeded|signed|stayed|staying|stay|stick|stuck|sticking|renewed)\s+with\s+(?:the\s+)?$"
    r"|\b(?:chose|chosen|picked|selected|decided on|settled on|switched to|lost to|won by"
    r"|awarded to|winner:?|lost to competitor:?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEGATED = lazy_compile(r"\b(?:not|never|n't|won't|didn't|don't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


_WITH = lazy_compile(r"(?<!\w)w/\s*", re.IGNORECASE)


def names_rival(text: str, forms: Iterable[str]) -> bool:
    """Whether ``text`` names the rival by any of its ``forms``."""
    return bool(places(text, forms))


def speaks_of(text: str, forms: Iterable[str]) -> bool:
    """Does ``text`` say something about the rival itself (what it does, lacks or costs, its
    terms, a verdict on it), not only name it where the buyer's own work happens? A line that
    does not name it (tagged with it by the sentences around) is taken as the tag says."""
    text = _WITH.sub("with ", text)  # a rep's "mid-contract w/ X"
    named = places(text, forms)
    if not named:
        return True
    for place in named:
        before, after = text[: place.start()], text[place.end() :]
        if _SUBJECT.match(after) or _ITS.match(after) or _VERDICT.search(before):
            return True
        if _GOES_ON.match(after) or (_ON_IT.search(before) and _terms_or_fault(after)):
            return True
        if _CLAUSE_START.search(before) and _VERB_AFTER.match(after):
            return True
    # "We've decided to go with X": the buyer's choice of it; "we're keeping X for the
    # obituaries": its hold on them.
    return names_winner(text, forms) or keeps_rival(text, forms)


def _terms_or_fault(after: str) -> bool:
    """What follows "We're on X" that is about X: its terms, or a fault found with it ("...and
    TaxDome's portal for clients, so two bills every month")."""
    return _TERMS.search(after) is not None or finds_fault(after)


def names_winner(text: str, forms: Iterable[str]) -> bool:
    """Does ``text`` (a lost deal's note or line) say the rival won: "Went with OpenSolar"."""
    for place in places(text, forms):
        before = text[: place.start()]
        chose = _CHOSE.search(before)
        if chose and not _NEGATED.search(before[: chose.start()]):
            return True
    return False


# A figure, however written ("$550", "4,200", "five-fifty", "twelve hundred").
_WORD = NUMBER_WORD_ALTERNATION
_FIGURE = rf"(?:(?:[$£€]\s?)?\d[\d,.]*k?\b|\b(?:{_WORD})(?:(?:[- ]|\sand\s)(?:{_WORD}))*\b)"
_MONEY = rf"(?:\s?(?:k|{MONEY_WORDS}))?"
# A figure said as what something costs: "came in at five-fifty", "quoted us 4,200", "charges
# forty a seat", "twelve hundred flat", "ninety quid", "$2,500"; not a count ("thirty-eight
# rooms").
PRICE_SAID = lazy_compile(
    rf"\b(?:came|come|comes|coming) in (?:at|around|about|under|over) (?:about )?{_FIGURE}"
    rf"|\bquot\w* (?:us |me |them )?(?:at |about |around )?{_FIGURE}"
    rf"|\bcharg\w* (?:us |me |them )?(?:about |around |only |just )?{_FIGURE}"
    rf"|{_FIGURE}{_MONEY}\s+(?:(?:a|an|per|each) (?:month|seat|user|head|licen[cs]e|login)"
    r"|per (?:year|annum)|flat)\b"
    rf"|{_FIGURE}\s?(?:{MONEY_WORDS})\b|[$£€]\s?\d",
    re.IGNORECASE,
)
_PRICE_SAID = PRICE_SAID.pattern

# What a line about the rival is about, so its row is headed by that and our side answers it
# from the profile list made for it: "We're on X and we signed an annual contract" is a
# contract, however the detector filed it (a rival's name files a sentence under "competitor"),
# "X does the notes and the booking in one system" is its being all in one, not security.
_TOPICS = (
    (
        "contract",
        r"\b(?:contracts?|agreements?|renewals?|renews?|renewed|locked in(?:to)?|lock-in"
        r"|mid-contract"
        r"|(?:\w+[- ]year|annual|yearly) (?:deal|plan)|deal with"
        r"|(?:can't|cannot|can not) (?:move|leave|switch) until"
        r"|(?:through|until|till) (?:19|20)\d\d)\b",
    ),
    (
        "price",
        r"(?:\$|£|€)|\b(?:price|pricing|cost|costs|expensive|cheap|cheaper|free|pay|paying|paid"
        r"|budget\w*|per seat|per user|a seat|on top of|grand|steep|charg\w*|dearer"
        r"|bill(?:ed|ing)? (?:us|me|them|you|every|each|per|for|by)|bills (?:us|me|them|you|per)"
        r"|(?:double|twice|half|triple) what|\d+ ?(?:%|percent|per ?cent))\b|" + _PRICE_SAID,
    ),
    (
        "support",
        r"\b(?:(?:their|the|its|customer|tech(?:nical)?|phone|email|chat) support"
        r"|support (?:team|desk|line|staff|tickets?|is|was|takes|took)|help ?desk"
        r"|customer service|account manager|time ?zones?)\b",
    ),
    (
        "all_in_one",
        r"\b(?:all[- ]in[- ]one|(?:in|into|under) one (?:system|place|app|platform|tool|login"
        r"|screen|bill)|(?:one|single|only one) (?:login|system|platform|app|bill|subscription)"
        r"|two (?:bills|systems|logins|tools|apps|subscriptions|platforms))\b",
    ),
    (
        "multi_site",
        r"\b(?:multi[- ]?(?:site|location|branch|clinic|office)s?|(?:each|every|per|other|both)"
        r" (?:site|location|branch|office|clinic|surgery|store|shop)s?|(?:two|three|four|five"
        r"|six|seven|eight|nine|ten|several|multiple|\d+) (?:sites|locations|branches|offices"
        r"|clinics|surgeries|stores|shops))\b",
    ),
    (
        "integrations",
        r"\b(?:integrat\w*|sync\w*|connect(?:s|ed|or|ors|ion)?|api|talks? to|plugs? into)\b",
    ),
    (
        "switching",
        r"\b(?:history|proposals|data|records|migrat\w*|import\w*|lose|losing|move everything)\b",
    ),
)
# What finds fault with the rival: a reason to leave it, never one it fits a buyer better.
_FAULT = lazy_compile(
    r"\b(?:put|puts|putting|pushed|raised?|hiked?) (?:our|the|their|its) (?:prices?|fees?|rates?)"
    r"|\bprices? (?:rise|rises|hike|increase|went up|goes up)|\bwait(?:ed|ing|s)?\b|\bslow\w*"
    r"|\bclunky\b|\bnever (?:really )?(?:took|worked|answer\w*)|(?<!my )(?<!our )\bproblems?\b"
    r"|\bmess\b"
    r"|\btoo (?:complicated|complex|expensive|slow|dear|hard)\b|\bfrustrat\w*|\bannoy\w*"
    r"|\bhate[sd]?\b|\bpushy\b|(?<!not )\bunhappy\b|\bawful\b|\bterrible\b|\bbuggy\b|\bcrash\w*"
    r"|\bout ?dated\b|\bown cop(?:y|ies)\b|\bseparate (?:cop|instance|system|login)\w*"
    r"|\b(?:doesn't|don't|didn't|can't|couldn't|won't)"
    r" (?:work|do|handle|support|talk|answer|let)\b"
    r"|\b(?:costs?|charges?|charged|billed) (?:us |me )?extra\b|\bextra (?:charges?|fees?|costs?)\b"
    r"|\btwo (?:separate )?(?:bills|invoices|logins|subscriptions)\b"
    # A failure told of it, by a pronoun or its part after the quote has named it: "and it
    # breaks every time the bank feed changes", "which times out", "its export fell over"
    # (not "it's never once lost a record": no adverb but these comes between).
    r"|(?:\b(?:it|they|which)|(?:['’]s|\bits|\btheir) [a-z]+)"
    r" (?:just |always |still |often |sometimes |regularly |constantly |usually )?"
    r"(?:breaks|broke|fails|failed|falls over|fell over|goes down|went down|freezes|froze"
    r"|times out|timed out|stops working|stopped working|loses|lost|drops|dropped|corrupt(?:s|ed)"
    r"|keeps? (?:breaking|failing|falling over|going down|freezing|dropping|losing))\b"
    # Made for someone else: "it's really built for the agronomist not the farmer".
    r"|\b(?:built|made|designed|meant|aimed|geared|set up) (?:for|at|around) (?!us\b|our\b)"
    r"[^.;!?]{1,60}?\b(?:not|rather than|instead of)\b"
    r"|\bnot (?:really )?(?:built|made|designed|meant|aimed|geared) (?:for|at)\b"
    r"|\boverkill\b|\btoo (?:basic|fiddly|generic|limited|clunky)\b"
    # What it cost the buyer: "duplicate bills when they synced X, took a month to clean up",
    # "a bad X rollout", "bills every truck whether it moves or not" (paying for the unused).
    r"|\bduplicat\w* (?:\w+ )?(?:bills?|invoices?|entries|records?|bookings?|payments?)\b"
    r"|\bto (?:clean|sort|tidy|untangle) (?:it |that |them |this )?(?:up|out)\b"
    r"|\b(?:bad|botched|failed|rough|painful) (?:\w+ )?(?:rollout|roll-out|migration"
    r"|implementation|launch|onboarding|experience)\b"
    r"|\b(?:bill|bills|billed|billing|charg\w*|invoic\w*)\b[^.;!?]{0,60}?"
    r"\b(?:whether (?:[\w'’]+ ){1,4}or not|even (?:when|if) (?:[\w'’]+ ){1,4}(?:not|isn't|aren't"
    r"|doesn't|don't|empty|idle|parked|unused)|regardless)\b"
    # What it lacks: "it has no idea what a driving test is", "just has one address per
    # business", "books instructors but not vehicles".
    r"|\bno (?:idea|concept|notion) (?:what|how|of|about|when|where|who|which)\b"
    r"|\b(?:has|have|had|there's|there is) no (?:way|option|place|field|room) (?:to|for)\b"
    r"|\b(?:just|only) (?:has|have|had|does|did|allows?|lets?|supports?|handles?|holds?|takes?"
    r"|stores?|keeps?|shows?|books?) (?:one|a single|the one)\b"
    r"|\b[a-z]+s (?:[\w'’-]+ ){1,4}but not\b"
    r"|\b(?:doesn't|don't|didn't|can't|cannot|couldn't|won't) (?:know|understand|have|cope"
    r"|track|book|show|sync|remember|allow)\b",
    re.IGNORECASE,
)
# A rival criticised, as the detector reads it ("its reporting is useless", "kept logging me
# out"): the same words make a fault here.
CRITICISM = alternation(CUES["rival_remark"]["criticism"])
_FOR_US = lazy_compile(r"\b(?:for|at) (?:us|our|me|my)\b")  # "built for us farmers" is praise
# What keeps a buyer on the rival (a contract, the work of moving): a reason they stay, not one
# the rival fits them better.
STAYING = frozenset({"contract", "switching", "setup_time", "status_quo"})
# Content with the rival as it is: "we're not unhappy with it", "it does the job", "my staff
# already know it", "it's not great, but the staff know it". A reason a buyer stays, listed
# under its own heading.
_CONTENT = lazy_compile(
    r"\b(?:not unhappy|(?<!not )(?<!n't )(?:quite |pretty |perfectly |very )?happy with"
    r"|(?:not|never) (?:moving|switching|changing|leaving)\b"
    r"|does the job|did the job|works? (?:fine|well|okay|ok) for us|good enough|fine for us"
    r"|used to it|(?:already|all) know (?:it|how)|no reason to (?:change|switch|move|leave)"
    r"|(?:staff|team|crew|everyone|everybody|people) (?:all |already )?knows? (?:it|how))\b",
    re.IGNORECASE,
)


# Contracts people hold, not the buyer's terms with a vendor: "everyone's contracts", "staff
# contracts", "contracts of employment", "it does the contracts, the onboarding forms". Filed as
# a plan term, "Staffly already has everyone's contracts in it" (records that keep the buyer
# there) had been headed "Plans and terms".
_PEOPLE = (
    r"everyone|everybody|staff|employees?|workers?|people|members?|clients?|customers?"
    r"|patients?|tenants?|students?|volunteers?|contractors?|nurses?|drivers?|carers?|hires?"
    r"|starters?|employment|hr|personnel"
)
_PEOPLES_PAPERS = lazy_compile(
    rf"\b(?:{_PEOPLE})(?:['’]s?)?\s+(?:\w+\s+)?contracts?\b"
    rf"|\bcontracts?\s+(?:of|for)\s+(?:(?:the|our|their|all|new)\s+)?(?:{_PEOPLE})\b"
    r"|\b(?:does|do|did|doing|handles?|handling|generates?|sends?|drafts?|writes?|stores?"
    r"|issues?|draws? up)\s+(?:all\s+)?(?:the\s+|our\s+|their\s+)?contracts\b"
    r"|\bcontracts?,?\s+(?:and\s+)?(?:the\s+|their\s+)?(?:\w+\s+)?(?:forms|records|documents"
    r"|appraisals|payslips|requests|files)\b",
    re.IGNORECASE,
)


def _topic_words(topic: str, words: str, text: str) -> list[re.Match[str]]:
    """Where ``text`` names ``topic`` by its ``words``: never a contract people hold, which is
    their records kept in the rival (what a switch must move), not a term of the buyer's."""
    found = list(re.finditer(words, text, re.IGNORECASE))
    if topic == "switching":
        return sorted([*found, *_PEOPLES_PAPERS.finditer(text)], key=lambda m: m.start())
    if topic != "contract" or not found:
        return found
    papers = [m.span() for m in _PEOPLES_PAPERS.finditer(text)]
    return [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in papers)]


def rival_topic(text: str) -> str | None:
    """What a line about a rival speaks of (a detector category, or ``support``,
    ``all_in_one``, ``multi_site``), if its words say one: the topic its words name most, the
    first listed of those named as often. "And the migration, who's doing that, because we have
    three years of load history in X and I'm not paying a temp to retype it" is about moving
    over (migration, history), not price (one "paying"): the first listed had filed it there."""
    named = [(len(_topic_words(topic, words, text)), -i, topic) for i, (topic, words) in
             enumerate(_TOPICS)]  # fmt: skip
    count, _, topic = max(named)
    return topic if count else None


# A sentence's clauses, and those about us ("your portal is nicer but X is cheaper").
_CLAUSES = lazy_compile(r"[,;:]\s|\s(?:but|and|so|because|while)\s|[.!?]\s+", re.IGNORECASE)
_ABOUT_US = lazy_compile(r"\b(?:you|your|yours|you['’](?:re|ve|d|ll))\b", re.IGNORECASE)


# Where a sentence turns: each side is a clause of its own ("the reports were nicer on yours
# but I can't justify paying more": praise, then a price worry).
_TURN = lazy_compile(
    r"\s*(?:;|,?\s+\b(?:but|though|although|however|whereas|yet|except that)\b,?)\s+", re.I
)


def clauses(sentence: str) -> list[str]:
    """A sentence's clauses, split where it turns ("but", "though", ";")."""
    parts = (part.strip(" ,;") for part in _TURN.split(sentence))
    return [part for part in parts if len(part.split()) >= 3]


def what_needs_answer(text: str) -> str:
    """The part of a line about the rival that our side must answer: its clauses not about us,
    and of those the ones finding fault with the rival, or else saying the buyer is content
    with it, when any do ("We're on X for workflow, but the client portal side never really
    took": the portal, not the workflow; "We use X for the diary. We're not unhappy with it")."""
    # A fault with what says what it is about, up to where the line turns: "every lesson
    # starts somewhere different, and X has one address" is about lessons' addresses.
    halves = [p for p in clauses(text) if not _ABOUT_US.search(p)]
    if faults := [p for p in halves if finds_fault(p)]:
        return " ".join(faults)
    parts = [p for p in _CLAUSES.split(text) if p.strip()]
    theirs = [p for p in parts if not _ABOUT_US.search(p)] or parts
    # Content with it: what they keep it for, less the words of contentment ("does the job").
    content = [_CONTENT.sub(" ", p) for p in theirs if content_with(p)]
    return " ".join(content or theirs)


def topic_said(text: str, topic: str | None) -> list[str]:
    """The words of ``text`` that name its ``topic`` ("price" in "They put our price up"): a
    row's heading, which a fact sharing only them does not answer."""
    words = dict(_TOPICS).get(topic or "")
    return [m.group(0) for m in _topic_words(topic or "", words, text)] if words else []


def finds_fault(text: str) -> bool:
    """Whether a line about the rival finds fault with it ("They put our price up")."""
    said = (m.group() for m in CRITICISM.finditer(lowered(text)))
    return _FAULT.search(text) is not None or any(not _FOR_US.search(m) for m in said)


def asks(text: str) -> bool:
    """Whether a quote's first sentence is a question: it asks, it claims nothing."""
    first = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    return first.rstrip("\"'”’) ").endswith("?")


# The buyer weighing the rival for this deal: looked at it, compared it, got its quote, tried
# it, or is leaving it; not the rival's pitch to someone ("X pitched our Atlanta team").
_WEIGHS = lazy_compile(
    r"\b(?:look(?:ed|ing)? at|compar\w+|evaluat\w+|consider\w*|trial\w*|tried|test(?:ed|ing)"
    r"|demo\w*|shortlist\w*|quotes? from|quoted us|versus|vs\b|instead of|switch\w* (?:from|off)"
    r"|mov\w+ (?:off|away from|from)|leav\w+|coming from|went with you|chose you|picked you"
    r"|(?:we|i)(?:['’]re| are| were| was| am)? (?:\w+ )?(?:on|using|use|running|run))\b",
    re.IGNORECASE,
)


def weighs(text: str, ours: Iterable[str] = ()) -> bool:
    """Whether a buyer's line says they weighed the rival themselves ("we looked at X") or
    sets it beside us ("X charges for everyone, and yours doesn't"; ``ours``: our names)."""
    return speaks_of_us(text, ours) or _WEIGHS.search(text) is not None


def speaks_of_us(text: str, ours: Iterable[str] = ()) -> bool:
    """Whether a buyer's line speaks of us: you, yours, or our names (``ours``)."""
    named = any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text, re.I) for n in ours if n)
    return named or _ABOUT_US.search(text) is not None


def faults_them(text: str, ours: Iterable[str] = ()) -> bool:
    """Whether a clause of ``text`` not about us (you, ``ours``: our product's names) finds
    fault: "X does it in one screen but yours is clunky" finds fault with us, not with X."""
    names = [re.escape(n) for n in ours if n.strip()]
    us = re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)", re.I) if names else None
    theirs = [
        clause
        for clause in re.split(r"(\s(?:but|and|so|because|while)\s|[;:]\s|[.!?]\s+)", text)
        if not _ABOUT_US.search(clause) and not (us and us.search(clause))
    ]
    return finds_fault("".join(theirs))


def content_with(text: str) -> bool:
    """Whether a line about the rival says the buyer is content with it as it is."""
    return _CONTENT.search(text) is not None and not finds_fault(text)
