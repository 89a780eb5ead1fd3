"""Whether one buyer's clause can name a whole theme, and the words its quotes share when none
can. A name must hold for most of its quotes: "Our client is a public body" had named a theme
of data residency and SSO worries, and "The union rep will go mental" one of gloves, no signal
and flip phones, each the words of one quote that shared nothing with the rest."""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from importlib import resources

from pipeline.calendar_words import MONTHS, WEEKDAYS
from pipeline.cluster.keywords import keyword_terms
from pipeline.cluster.label_checks import named_competitors
from pipeline.cluster.name_sense import keeps_its_sense
from pipeline.cluster.phrases import FUNCTION_WORDS, NUMBER_WORDS, WORD_TOKEN
from pipeline.cluster.rivals import RIVAL_CATEGORY
from pipeline.detect.rules import (
    CATEGORY_CUES,
    CONCERN_CUES,
    cue_scores,
    lowered,
    normalise_quotes,
    says_nothing,
)
from pipeline.first_names import is_first_name
from pipeline.text_memo import once_per_text

MIN_SHARED_QUOTES = 2  # a word one quote says is that quote's, not the theme's
TERMS_IN_NAME = 2  # "Security: SSO and data"
# A word this share of a theme's quotes say is its topic when no phrase or clause says more.
TOPIC_SHARE = 1 / 3
# How much or how long, never what: "Status quo: hours" had named a theme of "six hours"; a
# coin of an idiom ("never paid a penny") a pain theme "Penny".
QUANTITY_WORDS = frozenset(
    "half quarter third double twice lot few hour minute long longer"  # "Setup time: long"
    " penny pennie pence cent dime nickel".split()  # "pennies" folds as "pennie"
)
# Sizes and verdicts, how big or how good, never what: "bigger thing" had been a card's phrase.
VAGUE_WORDS = frozenset(
    "big bigger biggest small smaller smallest good better best bad worse worst nice great "
    "guy folk".split()
)
# Words that open a phrase cut off from its verb: "every order" (of "takes a cut of every order").
QUANTIFIERS = frozenset("every each other another some any all more most much many half".split())
# Said of every topic a buyer asks about: "Integrations: asked and integrate", a pain "Answer",
# a question theme "Happens" ("What happens to four years of history?").
ASKING_WORDS = frozenset("ask asked asking answer question happen exist".split())
# When, never what: "Every Monday" is a habit of some quotes, not the theme's topic.
CALENDAR_WORDS = frozenset(WEEKDAYS + MONTHS)
# What stands before a word said as a verb: "we integrate", "can't charge", "to answer".
_VERB_LEADS = frozenset(
    "i we you they he she it them who to can can't cannot could couldn't will won't would "
    "wouldn't should shouldn't don't doesn't didn't do does did also just never always still "
    "even i'll we'll we'd i'd i'm we're they're you're he's she's it's am is are was were be "
    "been must mustn't may might shall everything everyone nothing something anything "
    "nobody someone".split()  # "must stay", "everything stays": "Security: Canada and stays"
)
_BE = frozenset("is was isn't wasn't".split())
_DETERMINERS = frozenset("a an the our their my your his her its this that these those".split())


@functools.cache
def generic_words() -> frozenset[str]:
    """Words said in worries of every kind ("time", "client", "use"), from
    ``pipeline/data/topic_words.toml``: sharing one says nothing of what a theme is about."""
    text = resources.files("pipeline").joinpath("data", "topic_words.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text)["generic"])


def _folded(word: str) -> str:
    """A plural as its word ("clients" is "client"), so two quotes saying it agree."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@functools.cache
def _said_of_everything() -> frozenset[str]:
    """The words ``said_terms`` leaves out alone, gathered once (not once a text)."""
    return (
        generic_words()
        | NUMBER_WORDS
        | QUANTITY_WORDS
        | VAGUE_WORDS
        | ASKING_WORDS
        | CALENDAR_WORDS
    )


@once_per_text  # naming reads each quote's terms once per option it weighs
def said_terms(text: str) -> frozenset[str]:
    """The content words of ``text`` and its side-by-side pairs (``keyword_terms``), folded;
    a generic word or a quantity ("half", "twelve") alone left out: it says how much, not what."""
    generic = _said_of_everything()
    folded = {" ".join(_folded(w) for w in term.split()) for term in keyword_terms(text)}
    return frozenset(t for t in folded if " " in t or t not in generic)


def quotes_saying(term: str, texts: Sequence[str]) -> int:
    """How many of the texts say ``term`` (a word or a pair, folded as ``said_terms`` folds)."""
    folded = " ".join(_folded(w) for w in term.lower().split())
    return sum(folded in said_terms(text) for text in texts)


def enough_to_name(saying: int, size: int) -> bool:
    """Whether a word ``saying`` of a theme's ``size`` quotes say is its topic, not theirs."""
    return saying >= max(MIN_SHARED_QUOTES, TOPIC_SHARE * size)


def a_topic(term: str, texts: Sequence[str]) -> bool:
    """Whether a word or pair alone can name the theme of ``texts``: a share of them say it
    (``enough_to_name``) and it is no one's first name. "Code" (one pain of eight texting a gate
    code) and "Penny" (two idioms) had named pain themes."""
    return enough_to_name(quotes_saying(term, texts), len(texts)) and not a_persons_name(
        term, texts
    )


def a_persons_name(word: str, texts: Sequence[str]) -> bool:
    """Whether the texts say ``word`` as someone's first name ("Nell", capitalised): whom a
    quote is about, never what a theme is about."""
    if " " in word or not is_first_name(word):
        return False
    said = re.compile(rf"(?<![\w']){re.escape(word.capitalize())}(?![\w'])")
    return any(said.search(text) for text in texts)


def says_what(phrase: str) -> bool:
    """Whether a buyer phrase says what they are talking about, so a card can show it as their
    words: it holds a word that is no function word, filler, figure or size (``said_terms``:
    "let", "month", "guys", "bigger" had been shown alone) and does not open on a quantifier."""
    words = WORD_TOKEN.findall(normalise_quotes(phrase).lower())
    if not words or words[0] in QUANTIFIERS:
        return False
    return any(" " not in t and t not in FUNCTION_WORDS for t in said_terms(phrase))


def names_the_topic(clause: str, category: str | None) -> bool:
    """Whether the clause names its theme's topic by the detector's cue words ("Your price is
    the sticking point" of a price theme): what every quote of the theme is about."""
    return bool(category) and cue_scores(clause).categories.get(category or "", 0) > 0


def rivals_said(texts: Sequence[str], competitors: Sequence[str]) -> bool:
    """Whether most texts name a rival or say they stay with one ("happy with", "already
    use"): "Happy with a competitor" had named "Then I'm reconciling two systems into one set of
    books" and "paper's been less bother", neither a rival's."""
    said = sum(
        bool(named_competitors(t, competitors)) or names_the_topic(t, RIVAL_CATEGORY) for t in texts
    )
    return 2 * said > len(texts)


def topic_strength(clause: str, category: str | None) -> float:
    """How plainly the clause says its theme's topic: the detector's cue words for the
    category, and for a worry ("can't sign a 24 month contract" says more than "two years")."""
    cues = cue_scores(clause)
    return cues.categories.get(category or "", 0) + cues.concern if category else 0.0


def holds_for_most(clause: str, texts: Sequence[str], *, lenient: bool = True) -> bool:
    """Whether most of the ``texts`` say one of the clause's content words: a clause that
    shares nothing with the other quotes is one buyer's point, not the theme's. Of one or two
    quotes, the clause's own stands (no more can be asked of two) when ``lenient``."""
    words = {t for t in said_terms(clause) if " " not in t}
    if not words or not texts:
        return False
    saying = sum(bool(words & said_terms(text)) for text in texts)
    return 2 * saying > len(texts) or (lenient and len(texts) <= 2 and saying > 0)


def used_as_verb(word: str, texts: Sequence[str]) -> bool:
    """Whether the texts say ``word`` (folded, as ``said_terms`` gives it) mostly as a verb:
    after a subject, a modal or "to" ("we integrate", "can't charge"), or in its past ("Alan
    asked"); or as a manner ("by hand"). Neither names a topic alone: "Integrations: asked and
    integrate", a pain "Charge", another "Hand" (of reports added up by hand)."""
    verbs = uses = 0
    for text in texts:
        said = WORD_TOKEN.findall(normalise_quotes(text))
        tokens = [t.lower() for t in said]
        for i, token in enumerate(tokens):
            if _folded(token) != word and token != word:
                continue
            uses += 1
            if i and said[i][:1].isupper():
                continue  # a name: "moved to Instructa"
            before = tokens[i - 1] if i else ""
            # "is it cars only": "it" after "is" is the subject of no verb
            lead = before in _VERB_LEADS and not (before == "it" and i > 1 and tokens[i - 2] in _BE)
            past = token.endswith("ed") and not token.endswith("eed") and before not in _DETERMINERS
            verbs += lead or before == "by" or past
    return uses > 0 and 2 * verbs >= uses


def says_only_the_topic(clause: str, category: str | None) -> bool:
    """Whether the clause says the theme's topic and the worry about it and little more ("The
    price is too high", "The old way works fine"): with the category's cue words and the worry's
    taken out, one content word at most is left. It says what every quote of the theme is
    about, nothing of one buyer's own ("My husband handles the books" leaves "handles books")."""
    cues = CATEGORY_CUES.get(category or "")
    text = lowered(clause)
    if cues is None or not cues.search(text):
        return False
    rest = cues.sub(" ", text)
    for pattern, _ in CONCERN_CUES:
        rest = pattern.sub(" ", rest)
    left = [t for t in said_terms(rest) if " " not in t]
    # A worry about the topic, at most one word beside the cues: "The old way works fine", never
    # "Some of them share a phone" (a fact), "After the holidays" (one timing of a decision
    # theme of 37) or "It's the money" (a price theme of 67 it says nothing of).
    # a question asking only the topic is its FAQ entry: "What does it cost?"
    asked = clause.rstrip().endswith("?")
    return len(left) <= 1 and (asked or cue_scores(clause).concern > 0)


def _rivals_as_one(text: str, competitors: Sequence[str]) -> str:
    """The text with each rival it names as "competitor": losses to RotaPro and to Staffly say
    the same thing."""
    for rival in named_competitors(text, competitors):
        text = re.sub(r"(?<!\w)" + re.escape(rival) + r"(?!\w)", " competitor ", text, flags=re.I)
    return text


# How or when, never what: "I still need to run it by the partners" shares "still" with many.
_ADVERBS = frozenset("still even already also yet again ever only now really".split())


def _things_held(clause: str, texts: Sequence[str]) -> bool:
    """``holds_for_most`` on the things the clause names: no verb of it ("run", "putting") nor
    adverb ("still") counts, said in every kind of quote."""
    things = {
        t
        for t in said_terms(clause)
        if " " not in t and t not in _ADVERBS and not used_as_verb(t, [clause])
    }
    if not things or not texts:
        return False
    saying = sum(bool(things & said_terms(text)) for text in texts)
    return 2 * saying > len(texts) or (len(texts) <= 2 and saying > 0)


def paraphrased(
    clause: str, texts: Sequence[str], category: str | None, competitors: Sequence[str] = ()
) -> bool:
    """Whether most of the theme's quotes say what the clause says, so one buyer's sentence can
    name it: they share its words (``holds_for_most``), or it says only the topic most of them
    name. "My husband handles the books" names the decision-maker cue of one of six quotes
    (partners, a dad, franchisees, "after Christmas"): theirs is no paraphrase of it."""
    if _things_held(clause, texts) or _things_held(
        _rivals_as_one(clause, competitors), [_rivals_as_one(t, competitors) for t in texts]
    ):
        return True
    # Many quotes of a theme are context ("See, that's the thing."): a third saying the topic in
    # the clause's own cue words. "I still need to run it by the partners" names one of the
    # decision-makers (five of 37 quotes), as "my husband" and "my dad" do theirs.
    if not says_only_the_topic(clause, category):
        return False
    cues = CATEGORY_CUES[category or ""]
    said = {m.group(0) for m in cues.finditer(lowered(clause))}
    saying = sum(any(cue in lowered(text) for cue in said) for text in texts)
    return saying >= TOPIC_SHARE * len(texts)


def shared_terms(
    texts: Sequence[str],
    keywords: Sequence[str],
    competitors: Sequence[str] = (),
    besides: str = "",
) -> list[str]:
    """The pairs at least ``MIN_SHARED_QUOTES`` of the texts say and the words most of them
    say, most quotes first (ties: a pair first, then by keyword rank), spelled as said, a word
    inside a chosen pair left out; no filler, no word of ``besides`` (the category's label) and
    no rival's name (it says whom, not what). A word two of six quotes say is theirs, and alone
    it means little: "Security: bar" (the state bar) and "Status quo: port" named themes."""
    quotes = Counter(term for text in texts for term in said_terms(text))
    rank = {" ".join(_folded(w) for w in k.split()): i for i, k in enumerate(keywords)}
    ordered = sorted(
        (
            t
            for t, n in quotes.items()
            if n >= MIN_SHARED_QUOTES and (" " in t or 2 * n > len(texts))
        ),
        key=lambda t: (-quotes[t], " " not in t, rank.get(t, len(rank)), t),
    )
    chosen: list[str] = []
    for term in ordered:
        if says_nothing(term) or repeats_label(term, besides):
            continue  # "hmm"; "Price: price", "Contract terms: term"
        if named_competitors(term, competitors) or any(
            set(term.split()) & set(c.split()) for c in chosen
        ):
            continue
        if " " not in term and (used_as_verb(term, texts) or a_persons_name(term, texts)):
            continue  # "Integrations: asked and integrate", "Staff adoption: Nell"
        if not keeps_its_sense(term, texts):
            continue  # "Status quo: interested right" of "Not interested right now"
        chosen.append(term)
        if len(chosen) == TERMS_IN_NAME:
            break
    return [spelled(term, texts) for term in chosen]


def repeats_label(term: str, label: str) -> bool:
    """Whether ``term`` says a word of a category's ``label``, in any inflection: "Contract
    terms: contract terms" says its label twice and nothing of the theme."""
    return bool(
        {_folded(w) for w in term.lower().split()} & {_folded(w) for w in label.lower().split()}
    )


# Where a sentence starts, a capital says nothing: "Xero" inside one is a name.
_OPENS = re.compile(r"(?:^|[.!?:;\"“(]\s*)$")


def spelled(term: str, texts: Sequence[str]) -> str:
    """``term`` as a quote spells it ("sso" is "SSO", "xero" "Xero" when said so inside a
    sentence), its plural's "s" kept if said so."""
    words = term.split()
    pattern = re.compile(
        r"(?<![\w'])" + r"\s+".join(re.escape(w) + r"s?" for w in words) + r"(?![\w'])",
        re.IGNORECASE,
    )
    first = ""
    for text in texts:
        said_in = normalise_quotes(text)
        for found in pattern.finditer(said_in):
            said = found.group(0)
            if any(c.isupper() for c in said[1:]) or said.isupper():
                return said
            if not _OPENS.search(said_in[: found.start()]):
                return said  # "about Xero", "the waitlist": as said inside a sentence
            first = first or said.lower()
    return first or term


def holds_without_rival(name: str, texts: Sequence[str], competitors: Sequence[str]) -> bool:
    """Whether a name whose rival became "a competitor" still says what the theme is about:
    most of its quotes name rivals ("Picked a competitor over us" of a theme of losses), or the
    rest of the name holds for most of them or two say it. "A competitor already showed us a
    Simphony connector" of an integrations theme and "A competitor's patch manager is a mess"
    of a pain theme said one buyer's aside about a rival."""
    if 2 * sum(bool(named_competitors(t, competitors)) for t in texts) >= len(texts):
        return True
    rest = re.sub(r"\ba competitor(?:'s)?\b", " ", name, flags=re.IGNORECASE)
    # Said word for word by two buyers, with their own rivals: "Moving everything over from".
    return said_word_for_word(rest, texts) >= MIN_SHARED_QUOTES or holds_for_most(rest, texts)


def said_word_for_word(phrase: str, texts: Sequence[str]) -> int:
    """How many of the texts say ``phrase``'s words in a row, whatever the case or marks."""
    words = " ".join(WORD_TOKEN.findall(phrase.lower()))
    return sum(words in " ".join(WORD_TOKEN.findall(normalise_quotes(t).lower())) for t in texts)


def shared_by_most(name: str, texts: Sequence[str]) -> bool:
    """Whether most of the texts (strictly: one of two is not) say ``name`` word for word or
    one of its content words: a name that says little alone ("Six hours", said by both) stands
    only so, one buyer's ("That's my whole job already", of two) never."""
    said = said_word_for_word(name, texts)
    return 2 * said > len(texts) or holds_for_most(name, texts, lenient=False)
