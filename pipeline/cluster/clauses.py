"""A quote's most telling clause, short enough to name a theme: fillers dropped, a long clause
cut where it still says one thing ("Is annual a problem | if the audit people come back")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.cluster.label_checks import DANGLING
from pipeline.cluster.name_shape import opens_a_question, without_filler_tail
from pipeline.cluster.phrase_shape import is_function_word
from pipeline.cluster.phrases import (
    CLAUSE,
    EDGE_WORDS,
    NUMBER_WORDS,
    OPENERS_ONLY,
)
from pipeline.detect.rules import cue_scores, normalise_quotes
from pipeline.language import foreign_function_words
from pipeline.quote_shape import without_opening
from pipeline.wording import capitalised

# A figure, in digits or in words ("A hundred and something a month" is one buyer's estimate).
FIGURE_RE = re.compile(
    r"[\d$€£¥%]|\b(?:hundreds?|thousands?|millions?|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|dollars?|bucks|quid|euros?|pounds?|grand)\b",
    re.IGNORECASE,
)
MAX_QUOTE_WORDS = 8
CONCERN_WEIGHT = 2.0  # how far a clause naming the worry outranks one setting the scene
QUOTE_SLACK_WORDS = 3  # longer, with nowhere to cut: whole ("...do it in one hour" lost "hour")
# Openers a clause can drop without losing its meaning ("um", "so", "I mean", "to be honest");
# never a word's first part ("Well-being"), and "look" and "right" only before a comma ("Look
# at the rota" and "Right now we..." had lost their first word).
_LEADING_FILLER = re.compile(
    r"^(?:(?:(?:um+|uh+|er+m?|so|and|but|or|well|yeah|yes|okay|ok|oh|like|also|actually|"
    r"honestly|basically|sorry|i mean|to be honest|i'll be honest|then|because|'?cause)"
    r"(?![\w'’-])|(?:look|right)(?=\s*,))[\s,]*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
# A question said as if read off the screen, with no question mark ("Like who was this Tuesday,
# why does this say nine hours."): a fragment of someone else's words, never a theme's name.
_ECHOED_QUESTION = re.compile(
    r"^(?:who|why|where|which)\s+(?:was|is|are|were|does|did|do|has|had)\b", re.IGNORECASE
)
# A note's or CRM column's label before its text: "Closed Lost Reason: ", "Migration: ".
_FIELD_LABEL = re.compile(r"^(?:[A-Z][\w'’/&-]*(?:\s+[\w'’/&-]+){0,3}):\s+(?=\S)")
# Email addresses, links and bare domains ("acme.com/pricing").
_ADDRESS = re.compile(
    r"\S+@\S+\.\w+|\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|co|uk|us|"
    r"ca|au|de|fr|app|ai|biz|info)\b(?:/\S*)?",
    re.IGNORECASE,
)
# Where a long clause can be cut and still say one thing ("Is annual a problem | if the audit").
_SUBORDINATORS = frozenset(
    "if because when while which who that so unless until after before".split()
)
_JOINS = frozenset({"and", "but", "or"})  # else a cut before these
# A phrase of time after the point: "I can't have the front desk in training | during the
# school holidays" (not "per building" or "between plans", which finish the point).
_WHEN_PHRASE = frozenset("during within until after before since".split())
# A cut never ends on these: "If it can't handle" and "We still need to" wait for their object.
_WAITING = (DANGLING - {"it", "them"}) | frozenset(
    """a an the this these those my our your their his its of to for in on at by with from as
    than into about over per and or but so because if that which who when while is are was were
    be been being am do does did has have had can can't cannot could couldn't will won't would
    wouldn't should shouldn't must need needs"""
    # A negated auxiliary stands for a verb said before: "Because RotaPro doesn't" had named a
    # theme "A competitor doesn't".
    """ don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't"""
    # A verb whose object is the clause after it: "Wants to know | if it does nitrates records".
    """ know knows knew sure wonder wonders wondering wondered ask asks asked asking
    check checking confirm tell""".split()
)
# A relative clause after a negation says which thing is missing: "We don't have a problem |
# that needs solving" cut there reads as "no problem here".
_RELATIVES = frozenset({"that", "which", "who"})
_NEGATION = re.compile(r"\b(?:no|not|never|nothing|nobody|none|\w+n't|cannot)\b", re.I)
_MODALS = frozenset(
    "can can't cannot could couldn't will won't would wouldn't should shouldn't must "
    "don't doesn't didn't".split()
)
# Said in passing inside a clause: dropped so a long clause says its point in fewer words.
_INNER_FILLER = re.compile(r"\b(?:really|honestly|actually|basically|literally|just)\s+", re.I)
# A clause that opens on a condition sets up what follows; the point is elsewhere.
# "Since our biggest client onboards in May" gives the reason for a worry, not the worry.
_CONDITIONAL = frozenset({"if", "unless", "when", "whether", "since"})
# A figure's thousands or decimals ("1,400", "2.5"): no clause ends inside one.
_FIGURE_MARK = re.compile(r"(?<=\d)([,.])(?=\d)")
_KEPT_MARKS = {",": "\ue000", ".": "\ue001"}
# Where a clause ends: its punctuation, an ellipsis ("the SKU migration… we have"), a dash.
_CLAUSE_TEXT = re.compile(r"[^.!?;:,()\[\]\"\u2014\u2013\u2026\n]+[?]?")
# "Your tool is nicer | but we can't run two systems": what follows "but" is its own clause,
# and usually what the buyer means (the praise before it had named a set-up theme). "Nothing
# but" is "only", no contrast: cut there, "two girls doing nothing | but answering calls" had
# said the opposite of its quote.
_ONLY_BEFORE_BUT = ("nothing", "anything", "everything", "none")
_CONTRAST = re.compile(
    "".join(rf"(?<!\b{w})" for w in _ONLY_BEFORE_BUT) + r"\s+but\s+", re.IGNORECASE
)
# A question whose subject is what was said before it: "is that horrible?", "does this work?".
_POINTING_ENDS = frozenset({"that", "this", "those", "these"})
_ASKS_BACK = re.compile(r"^\w+(?:n't)?\s+(?:that|this|these|those)\b", re.IGNORECASE)
# A few words quoted inside a clause ("answering "where's my order" calls") are part of it.
_INLINE_QUOTE = re.compile(r'(?<=\w )"([^"\n]{1,40})"(?= \w)')
# A question said inside a statement: "What I need to know is how fast someone picks up
# when ...", "My question is whether ...": it asks what follows.
ASKED_WITHIN = re.compile(
    r"^(?:(?:what|the\s+(?:one\s+|main\s+|only\s+)?thing)\s+(?:i|we)(?:['’]d|\s+would"
    r"|\s+really|\s+just)*\s+(?:need|want|like|ask)(?:\s+to\s+(?:know|ask|understand))?\s+is"
    r"|my\s+(?:main\s+|real\s+|only\s+|first\s+)?question\s+is"
    r"|(?:i|we)(?:['’]d|\s+would|\s+really|\s+just)*\s+(?:need|want|like)\s+to\s+know),?\s+"
    r"(?=(?:if|whether|how|what|when|where|which|who|why)\b)",
    re.IGNORECASE,
)
# A spaced dash joins two clauses in a note: "asked re grain storage - can it track each bag?"
_DASH = re.compile(r"\s+-+\s+")


def quote_clause(quote: str, keywords: Sequence[str] = ()) -> str:
    """The clause of ``quote`` that says most (most keyword words, the worry it states; ties:
    the first), trimmed; "but" starts a clause.

    Leading filler goes ("um, so I mean ..."); a long clause is cut within ``MAX_QUOTE_WORDS``
    words before a subordinate clause or a join ("if ...", "and ..."), never mid-phrase or
    mid-figure: with nowhere to cut, "" (no name); a question keeps its question mark.
    """
    # An address is no clause: its dots had cut "...tom@reyesheatingair.com?" into "Com?".
    text = re.sub(
        r"\s+(?=[?.!,;:])", "", " ".join(_ADDRESS.sub(" ", normalise_quotes(quote)).split())
    )
    text = _FIELD_LABEL.sub("", text)  # "Closed Lost Reason: Stayed with Clio" names no field
    text = _INLINE_QUOTE.sub(r"\1", text)  # "answering "where's my order" calls": one clause
    text = without_filler_tail(text)  # "Does it work offline, though?" had named one "Though?"
    text = _FIGURE_MARK.sub(lambda m: _KEPT_MARKS[m.group(1)], text)
    key_words = {w for k in keywords for w in k.split()}
    best, best_score = "", -1.0
    parts = (
        part
        for match in _CLAUSE_TEXT.finditer(text)
        for dashed in _DASH.split(match.group(0))
        for part in _CONTRAST.split(dashed)
    )
    for part in parts:
        # "Plus the vans never arrive", "I mean, the kennel rota": the opening goes (lexicon)
        opening = without_opening(_LEADING_FILLER.sub("", part.strip(" -")))
        clause = without_inner_filler(_without_ask_lead_in(opening.strip()))
        clause = without_foreign_opening(clause)
        words = _WORD.findall(clause)
        lowered = [w.strip("?").lower() for w in words]
        if all(is_function_word(w) for w in lowered):  # "though", "maybe": no clause
            continue
        # The clause that says the worry reads as the theme's name ("we can't run two systems").
        cues = cue_scores(clause)
        # A clause that names the worry or its topic (price, contract...) beats one that only
        # sets the scene ("We've six dentists and three hygienists", "If ...").
        # What a quote asks is what it is about ("Sorry, before I forget, | how does time
        # tracking work?" had been named "Before I forget") when it opens as a question and
        # asks of no words before it ("What about moving from RotaPro, | is that horrible?",
        # "Does it work in Falmouth, | the signal's awful there?").
        asks = clause.endswith("?") and opens_a_question(clause) and not _ASKS_BACK.match(clause)
        telling = cues.concern > 0 or any(cues.categories.values()) or asks
        context = opens_on_context(lowered, telling)
        # A clause ending on what was said before names nothing ("Does your app handle that,
        # | or is it cars only?" had been named by its first half once "handle" cued a topic).
        points_back = lowered[-1] in _POINTING_ENDS if lowered else False
        score = (
            sum(w in key_words for w in lowered)
            + min(len(words), 4) / 10
            + cues.concern
            + CONCERN_WEIGHT * telling
            - CONCERN_WEIGHT * (context or points_back)
        )
        if score > best_score:
            best, best_score = clause, score
    if not best:  # "Honestly, three hours.": read whole, without the filler it opens on
        best = _LEADING_FILLER.sub("", CLAUSE.split(text)[0]).strip()
        best = best or CLAUSE.split(without_opening(text))[0].strip() or text
    if _ECHOED_QUESTION.match(best) and "?" not in text:  # the quote asks nothing itself
        return ""
    words = _WORD.findall(best)
    question = best.endswith("?")
    asked = list(words) if question else []  # the question whole, should its cut lose words
    cut = len(words) > MAX_QUOTE_WORDS
    if cut:
        cuts = cut_points(words)
        if not cuts and len(words) > MAX_QUOTE_WORDS + QUOTE_SLACK_WORDS:
            # Nowhere to cut it whole: a word count had cut "the per-user fee for twelve
            # pickers plus" and "The Shopify sync is the part" mid-phrase. No name.
            return ""
        cut = bool(cuts)  # else whole
        words = words[: cuts[-1]] if cut else words
        question = question and (bool(cuts) or not cut)  # "Is annual a problem | if ...?"
    while (
        cut
        and len(words) > 2
        and words[-1].strip("?").lower() in EDGE_WORDS - {"it", "them", "that"}
        # "to know" is a verb, not a filler: popping it had named a theme "We still need"
        and words[-2].lower() != "to"
    ):
        question = False
        if _ends_on_particle(words):  # "turn up": the verb's, kept
            break
        words.pop()
    # A question cut where its verb's particle goes ("A ten pack that runs | out after three
    # months?" had named a theme "A ten pack that runs") is read whole while it is not long:
    # asked, when it opens as a question; else what it asks after, a topic ("A ten pack ...").
    if asked and not question and len(asked) <= MAX_QUOTE_WORDS + QUOTE_SLACK_WORDS:
        words, question = asked, opens_a_question(" ".join(asked))
    clause = " ".join(words).rstrip("?")
    for mark, kept in _KEPT_MARKS.items():
        clause = clause.replace(kept, mark)
    return capitalised(clause + ("?" if question else ""))


def without_inner_filler(text: str) -> str:
    """``text`` without the words said in passing inside it ("really", "actually")."""
    return _INNER_FILLER.sub("", text)


def _without_ask_lead_in(clause: str) -> str:
    """A clause without the statement its question is said in: "My question is how soon
    someone answers" asks "how soon someone answers" (``ASKED_WITHIN``)."""
    within = ASKED_WITHIN.match(clause)
    return clause[within.end() :] if within else clause


def cut_points(words: Sequence[str], most: int = MAX_QUOTE_WORDS) -> list[int]:
    """Where a long clause can be cut within ``most`` words and still say one thing
    (``words[:k]`` for each ``k``, shortest first): before "if ..." or a phrase of time or
    place ("| during the school holidays"), else before "and"/"but" ("Last month that happened
    four times | and one customer"); never where the words wait for more or a question's verb
    loses its object; [] with none."""
    last = min(most, len(words) - 1)
    cuts = [
        k
        for k in range(3, last + 1)
        if words[k].lower() in _SUBORDINATORS | _WHEN_PHRASE
        and not waits_for_more(words[:k])
        and not asks_of_what_follows(words[:k])
        and not (words[k].lower() in _RELATIVES and _NEGATION.search(" ".join(words[:k])))
    ]
    return cuts or [
        k
        for k in range(4, last + 1)
        if words[k].lower() in _JOINS
        and not waits_for_more(words[:k])
        and words[k - 1].lower() not in _ONLY_BEFORE_BUT  # "nothing | but answering"
    ]


# "Can we pick | which machines...": a question's verb right after its subject waits for
# what the clause after it says.
_QUESTION_OPENERS = _MODALS | frozenset("do does did is are was were".split())
_SUBJECTS = frozenset("i we you they it he she".split())
_OBJECTS = frozenset("me us you them him her".split())
# A name never ends on these: it stops before its object or its clause ("...until").
_MID_PHRASE_ENDINGS = _WAITING | _SUBORDINATORS | _WHEN_PHRASE | OPENERS_ONLY


# A verb's particle or object ends its phrase: "How fast does an engineer turn | up" had named
# a theme "How fast does an engineer turn", "Can someone call | us" one "Can someone call".
_PARTICLES = frozenset({"up", "out", "over"}) | _OBJECTS


def _ends_on_particle(words: Sequence[str]) -> bool:
    """Whether ``words`` end on a particle or object right after a word of meaning (its verb)."""
    before, last = (w.strip("?,").lower() for w in words[-2:])
    return last in _PARTICLES and before not in EDGE_WORDS


def asks_of_what_follows(words: Sequence[str]) -> bool:
    """Whether ``words`` are a question's opening up to its verb ("Can we pick", "Do you
    know"): cut there, the question loses its object ("Can we pick?")."""
    lowered = [w.strip("?,").lower() for w in words]
    if len(lowered) == 4 and lowered[-1] in _OBJECTS:  # "Will you tell us | when ..."
        lowered = lowered[:3]
    return len(lowered) == 3 and lowered[0] in _QUESTION_OPENERS and lowered[1] in _SUBJECTS


def ends_mid_phrase(name: str) -> bool:
    """Whether a name stops on a word waiting for more: "They won't look at anything new
    until", "Staff won't log in at", "Need to run it by"."""
    words = _WORD.findall(name)
    return bool(words) and words[-1].strip("?.!,").lower() in _MID_PHRASE_ENDINGS


def without_foreign_opening(clause: str) -> str:
    """``clause`` without the other language's function words it opens on: "Pero where is the
    data stored" is "Where is the data stored", as "But ..." drops its "but"."""
    words = clause.split()
    foreign = foreign_function_words()
    start = 0
    while start < len(words) - 1 and words[start].strip(",").lower() in foreign:
        start += 1
    return " ".join(words[start:]) if start else clause


def waits_for_more(words: Sequence[str]) -> bool:
    """Whether a run of words stops before its object: on a modal, a preposition, a
    determiner, "if" or "that", or on a verb right after a modal ("can't handle")."""
    lowered = [w.strip("?,").lower() for w in words]
    if not lowered:
        return True
    return lowered[-1] in _WAITING or (len(lowered) > 1 and lowered[-2] in _MODALS)


def opens_on_context(lowered: Sequence[str], telling: bool) -> bool:
    """Whether a clause only sets the scene: it opens on a condition ("if ..."), or names no
    worry or topic and holds a count ("We've six dentists and three hygienists")."""
    counted = says_a_count(lowered)
    return bool(lowered) and (lowered[0] in _CONDITIONAL or (not telling and counted))


def says_a_count(lowered: Sequence[str]) -> bool:
    """Whether lower-cased words count something ("six hours", "12 vans"): one buyer's figure."""
    return any(
        (w.isdigit() or w in NUMBER_WORDS) and after.endswith("s")
        for w, after in zip(lowered, lowered[1:], strict=False)
    )


def names_a_concern(clause: str) -> bool:
    """Whether a quote's clause can name a theme: it does not set the scene
    (``opens_on_context``) and does not stop before its object ("If it can't handle")."""
    words = _WORD.findall(clause)
    lowered = [w.strip("?").lower() for w in words]
    cues = cue_scores(clause)
    telling = cues.concern > 0 or any(cues.categories.values()) or clause.endswith("?")
    return bool(words) and not opens_on_context(lowered, telling) and not waits_for_more(words)


def has_figure(clause: str) -> bool:
    """A figure or a count in the clause ("$97 a month", "every two weeks"): one buyer's."""
    return bool(FIGURE_RE.search(clause)) or says_a_count(clause.lower().split())
