"""What makes a theme's name one a marketer can keep: it says what its quotes share, it reads
apart from every other name in its list, and it holds while its quotes mostly stay.

- A figure ("£25 a seat", "a three-year deal in 2024", "twelve years of history") or a proper
  name ("Kentucky and Indiana", "the Recruiter Lite version") is one buyer's detail: it belongs
  in a name only when most of the theme's quotes say it (``details_held``).
- Two names of one list that say the same words, in any order or inflection ("Contract lock-in"
  and "Locked into contract", "Price too high" and "Price is too high"), cannot be told apart
  (``too_close``): the later one gains a word of its own theme (``keep_apart``).
- A name that still fits its quotes (``still_fits``) holds across re-clusters: a marketer learns
  names and links them in documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.clauses import FIGURE_RE, ends_mid_phrase
from pipeline.cluster.keywords import stop_words
from pipeline.cluster.label_checks import distinguished, named_competitors, true_of_its_quotes
from pipeline.cluster.name_sense import TERM_WORDS, cut_term, keeps_its_sense
from pipeline.cluster.name_shape import asks_a_favour
from pipeline.cluster.named_things import things_held
from pipeline.cluster.pain_shapes import thin_pain_name, thing_words
from pipeline.cluster.people import names_a_person
from pipeline.cluster.phrases import NUMBER_WORDS, names_something
from pipeline.cluster.representative import (
    TOPIC_SHARE,
    a_topic,
    holds_for_most,
    paraphrased,
    quotes_saying,
    rivals_said,
    shared_by_most,
)
from pipeline.cluster.rivals import RIVAL_CATEGORY
from pipeline.detect.rules import normalise_quotes
from pipeline.store.models import Cluster
from pipeline.text_memo import once_per_text
from pipeline.wording import capitalised

_TOKEN = re.compile(r"[$£€¥]?[^\W_]+(?:[.,]\d+)*%?(?:'[^\W_]+)?")
_NEGATION = re.compile(r"^(?:no|not|never|nothing|none|cannot|\w+n't)$")
_CONTRACTION = re.compile(r"'(?:s|re|ll|ve|d|m)$")
_SUFFIXES = ("ings", "ing", "ed", "es", "s", "e")
MIN_STEM = 3


def _folded(word: str) -> str:
    """A word without its inflection ("locked", "locking" and "lock" agree; "prices", "price")."""
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= MIN_STEM and not word.endswith("ss"):
            return stem[:-1] if stem.endswith("e") and len(stem) > MIN_STEM else stem
    return word


@once_per_text  # ``keep_apart`` compares every pair of a list's names, each pair's words anew
def name_words(name: str) -> frozenset[str]:
    """The words a name says, whatever their order or inflection: content words folded, a
    negation as "not" ("won't" and "will not" agree), function words and filler left out."""
    stop = stop_words()
    words: set[str] = set()
    for token in _TOKEN.findall(normalise_quotes(name).lower().replace("-", " ")):
        if _NEGATION.match(token):
            words.add("not")
            continue
        token = _CONTRACTION.sub("", token)
        if token and token not in stop:
            words.add(_folded(token))
    return frozenset(words)


def described_by(name: str, text: str) -> bool:
    """Whether ``name`` describes ``text``: the text says half or more of the name's words.
    A theme's face quote is one its name describes: "What happens to four years of history?"
    had been fronted by "how does time tracking work?"."""
    words = name_words(name)
    return bool(words) and 2 * len(words & name_words(text)) >= len(words)


def too_close(name: str, other: str) -> bool:
    """Whether a user reading both names in one list cannot tell them apart: they say the same
    words (``name_words``), whatever their order, inflection or function words. One word more
    is what tells two apart ("Price too high (seat)"): that is how ``keep_apart`` parts them."""
    mine = name_words(name)
    return mine == name_words(other) and (bool(mine) or name.casefold() == other.casefold())


def clashes(name: str, taken: Iterable[str]) -> bool:
    return any(too_close(name, other) for other in taken)


def _figures(text: str) -> set[str]:
    """The figures a text says, as words: digits ("2024", "£25", "20%") and numbers, amounts and
    units in words ("twelve", "hundred", "grand")."""
    tokens = _TOKEN.findall(normalise_quotes(text).lower().replace("-", " "))
    return {
        token.strip("$£€¥%")
        for token in tokens
        if any(c.isdigit() for c in token) or token in NUMBER_WORDS or FIGURE_RE.fullmatch(token)
    }


def _proper_names(name: str, competitors: Sequence[str]) -> set[str]:
    """The words after a name's first that are spelled as a place, a product or an edition
    ("Indiana", "Workday", "Lite"), lower-cased; an acronym ("GDPR", "CSV") is a topic, and a
    rival is ``true_of_its_quotes``' to judge."""
    rivals = {c.casefold() for c in competitors}
    words = _TOKEN.findall(normalise_quotes(name))[1:]
    return {
        _CONTRACTION.sub("", w).lower()
        for w in words
        if w[:1].isupper() and any(c.islower() for c in w) and w.lower() not in rivals
    }


def details_held(name: str, texts: Sequence[str], competitors: Sequence[str] = ()) -> bool:
    """Whether each figure and each proper name the name says is said by most of the theme's
    quotes: "We signed a three-year deal in 2024" names one buyer's contract, not a theme of
    seven lock-ins, and "Kentucky and Indiana" one brewer's states, not a theme of eight pains;
    a list of things quotes ask about apart holds as one (``named_things.things_held``)."""
    figures, proper = _figures(name), _proper_names(name, competitors)
    if not (figures or proper) or not texts:
        return True
    saying = [_figures(text) | name_words_as_said(text) for text in texts]
    rest = {w for w in figures | proper if 2 * sum(w in said for said in saying) <= len(texts)}
    # Systems each asked about by other quotes ("Xero, Mailchimp and CSV") hold as a list.
    return not rest or (not rest & figures and things_held(name, texts, competitors))


def names_last(texts: Sequence[str], competitors: Sequence[str]) -> Callable[[str], bool]:
    """Whether an option names a theme of ``texts`` only when nothing else can
    (``label_checks.telling_first``): it stops mid-phrase, or it says one buyer's detail."""
    return lambda name: ends_mid_phrase(name) or not details_held(name, texts, competitors)


def name_words_as_said(text: str) -> set[str]:
    """Every word of ``text``, lower-cased, unfolded: what a proper name is looked up in."""
    return {_CONTRACTION.sub("", t) for t in _TOKEN.findall(normalise_quotes(text).lower())}


def still_fits(
    name: str,
    texts: Sequence[str],
    competitors: Sequence[str],
    also_said: str = "",
    leading: Sequence[str] | None = None,
    people: Collection[str] = frozenset(),
    category: str | None = None,
    kind: str | None = None,
    *,
    alone: bool = False,
) -> bool:
    """Whether an automatic name given before still fits the theme's quotes now: it names
    something and no person (``people``: the calls' name words); a lone word is their topic
    (``a_topic``), a clause what most of them say (``one_buyers``; with ``alone``, one quote's
    words may: the namer found nothing more of them say, ``held_names.quote_names_kept``) or,
    for a pain (``kind``), what its quotes say of their topic (``pain_names``), and no thin pain
    name ("Crem"); most
    quotes say any figure, rival or words after the category's label (``also_said``, "Decision
    authority") it names, or stay with a rival for "Happy with a competitor"; it drops no
    negation and cuts no term (``name_sense``); and its words are
    said in its ``leading`` quotes (those that may name it, most central first; all by default)
    or are the label's; a question theme's topic is one its most central question says."""
    if not name or not names_something(name) or not details_held(name, texts, competitors):
        return False
    if names_a_person(name, texts, people, competitors):
        return False  # "Buyer worries (dana)", "Can you send me something I can show Ruth's..."
    if asks_a_favour(name):
        return False  # "Can you grab the door?", given before favours named nothing
    if not keeps_its_sense(name, texts):
        return False  # "Status quo: interested right" of "Not interested right now"
    if " " not in name.strip() and name != also_said and not a_topic(name, texts):
        return False  # "Penny", two idioms of seven pains: a lone word must be their topic
    if name != also_said and a_bare_word(name, kind):
        return False  # "Lawyer" of after-hours lockouts and leavers' access
    if (
        kind == "question"
        and leading
        and name != also_said  # the category's label ("Price") is what its questions ask about
        and _a_term(name)
        and not quotes_saying(name, leading[:1])
    ):
        return False  # "Drivers" of "Can the customer see the photo without logging in?"
    pain = kind == "pain"
    if pain and thin_pain_name(name, texts, TOPIC_SHARE):
        return False  # "Driver", "Answering and night": named anew as a problem
    if name == also_said and category == RIVAL_CATEGORY and not rivals_said(texts, competitors):
        return False  # "Happy with a competitor" of quotes naming no rival
    about_topic = pain and any(a_topic(w, texts) for w in thing_words(name))
    if (
        name != also_said
        and ": " not in name
        and not about_topic
        and not alone
        and one_buyers(name, texts, category, competitors)
    ):
        return False  # "The crem fee", "Answering service" of ten pains
    label, _, suffix = name.partition(": ")
    if (
        suffix
        and label == also_said
        and not all(holds_for_most(term, texts) for term in suffix.split(" and "))
        and not things_held(name, texts, competitors)
    ):
        return False  # "Staff adoption: gate codes" of eleven quotes, two about gate codes
    if named_competitors(name, competitors) and true_of_its_quotes(
        name, texts, competitors
    ) != capitalised(name):
        return False
    said = texts if leading is None else leading
    # Each text's words, not the joined text's (the same words: none spans a space), so only
    # short texts are remembered and each quote is read once for all the options weighed.
    return name_words(name) <= frozenset().union(*map(name_words, [*said, also_said]))


def a_bare_word(name: str, kind: str | None) -> bool:
    """Whether ``name`` is one word naming a question theme: whom or what its questions name
    ("Lawyer", "Admin"), never what they ask; the questions' own words name it instead (its
    category's label, "Price", is a topic: callers let it stand)."""
    words = name.split()
    return kind == "question" and len(words) == 1 and not name.endswith(("?", ":"))


def _a_term(name: str) -> bool:
    """Whether a name is a topic's word or pair ("Drivers", "Booking system"), no question."""
    return len(name.split()) <= TERM_WORDS and ":" not in name and not name.endswith("?")


def one_buyers(
    name: str, texts: Sequence[str], category: str | None, competitors: Sequence[str]
) -> bool:
    """Whether a name of several words (its number or word in brackets aside) says what few of
    the quotes say: no pair a share of them say (``a_topic``), no paraphrase of most
    (``paraphrased``), nor said by most."""
    base = re.sub(r"\s*\([^()]*\)$", "", name).strip()
    return (
        " " in base
        and not all(a_topic(term, texts) for term in base.split(" and "))
        and not paraphrased(base, texts, category, competitors)
        and not holds_for_most(base, texts)
        and not shared_by_most(base, texts)
    )


def keep_apart(
    names: Sequence[str], keywords: Sequence[Sequence[str]], fixed: Sequence[bool]
) -> list[str]:
    """``names`` with no two too close (``too_close``): a name the user set (``fixed``) and then
    the earlier ones hold; a later one too close to one before gains its own theme's keyword
    that no name it clashes with says and the other theme does not have
    ("Price is too high (seat)"), else a number."""
    order = sorted(range(len(names)), key=lambda i: (not fixed[i], i))
    out = list(names)
    kept: list[int] = []
    for i in order:
        rivals = [j for j in kept if too_close(out[i], out[j])]
        if rivals and not fixed[i]:
            said = name_words(" ".join(out[j] for j in rivals))
            theirs = {k for j in rivals for k in keywords[j]}
            own = [
                k
                for k in keywords[i]
                if k not in theirs
                and not name_words(k) & (said | name_words(out[i]))
                and not cut_term(k)
            ]
            taken = {out[j].lower() for j in kept}
            out[i] = distinguished(out[i], own, taken)
            if clashes(out[i], [out[j] for j in kept]):
                out[i] = distinguished(out[i], [], taken)
        kept.append(i)
    return out


def distinct_names(
    names: Mapping[int, str], keywords: Mapping[int, Sequence[str]], fixed: set[int]
) -> dict[int, str]:
    """``keep_apart`` over themes by id: an older theme's name holds, a newer one's gives way."""
    ids = sorted(names)
    apart = keep_apart(
        [names[i] for i in ids], [keywords.get(i, []) for i in ids], [i in fixed for i in ids]
    )
    return dict(zip(ids, apart, strict=True))


def keep_names_apart(session: Session, kind: str) -> int:
    """Apply ``distinct_names`` to the shown themes of ``kind`` (any filter shows a part of
    them): after a re-cluster, a split, a merge, a rename or a new theme from an upload.
    Returns how many names gained a word."""
    clusters = list(
        session.scalars(
            select(Cluster).where(Cluster.kind == kind, Cluster.status.in_(("active", "excluded")))
        )
    )
    apart = distinct_names(
        {c.id: c.name for c in clusters},
        {c.id: list(c.keywords or []) for c in clusters},
        {c.id for c in clusters if c.name_locked},
    )
    changed = [c for c in clusters if apart[c.id] != c.name]
    for cluster in changed:
        cluster.name = apart[cluster.id][:255]
    session.flush()
    return len(changed)
