"""Buyer phrases: recurring 2-4 word phrases in buyer utterances, with counts and example quotes.

Marketing wants the prospects' exact words ("too much admin", "staff won't use it"), so stop words
are kept inside phrases and only trimmed at their edges; n-grams never cross a sentence or clause.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.phrase_shape import EDGE_WORDS as EDGE_WORDS
from pipeline.cluster.phrase_shape import FUNCTION_WORDS as FUNCTION_WORDS
from pipeline.cluster.phrase_shape import says_little
from pipeline.cluster.term_counts import NoTerms, count_matrix
from pipeline.config import Settings
from pipeline.detect.classify import KINDS
from pipeline.detect.relayed_questions import relay_lead_in
from pipeline.detect.rules import normalise_quotes
from pipeline.language import foreign_function_words
from pipeline.person_positions import SAID_NAME_RE
from pipeline.redact import contact_spans, gives_contact, redactor_for, settings_redactor
from pipeline.store.models import Call, Mention, TeamMember, Utterance


class SourceText(NamedTuple):
    """One buyer utterance to mine; plain ``(utterance_id, call_id, text)`` tuples work too."""

    utterance_id: int
    call_id: int
    text: str


@dataclass(frozen=True)
class Quote:
    utterance_id: int
    call_id: int
    text: str  # the sentence that contains the phrase


@dataclass(frozen=True)
class Phrase:
    phrase: str
    count: int  # utterances that contain it
    distinct_calls: int
    examples: tuple[Quote, ...]


# Besides the function words, what a theme's name cannot be made of alone.
_NO_NAME_WORDS = FUNCTION_WORDS | frozenset(
    """
    zero one thirteen fourteen fifteen sixteen seventeen eighteen nineteen forty fifty sixty
    seventy eighty ninety million billion dozen first second third
    hour hours minute minutes seconds fortnight fortnights weekend weekends
    maybe perhaps probably possibly
    """.split()
)
NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred dozen""".split()
)
_ENDINGS_ALLOWED = frozenset({"it", "them", "us", "me", "that"})
# Units of a figure: a phrase opening on one is the tail of a figure cut off ("bucks a seat" of
# "ninety-nine bucks a seat"), which had named a price theme "Bucks a seat".
_FIGURE_UNITS = frozenset("bucks dollars quid euros pounds grand percent cents".split())
# Prepositions that may open a phrase ("after the holidays") but leave one dangling at its end.
OPENERS_ONLY = frozenset(
    "after before during until since without within across through against between around "
    "behind toward towards per via".split()
)
# A word in any script: "[a-z]" had cut "café" to "caf" and put it on a card.
WORD_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# A hyphenated word whole ("twenty-two", "follow-up"): a phrase takes all of it or none.
_COMPOUND = re.compile(r"[^\W_]+(?:'[^\W_]+)?(?:-[^\W_]+(?:'[^\W_]+)?)*")
CLAUSE = re.compile(r"[.!?;:,()\[\]\"\u2014\u2013]+|\s-\s|\n")


class _Word(NamedTuple):
    """A word of a clause; ``joined`` where a hyphen ties it to the next ("twenty" of
    "twenty-two")."""

    text: str
    joined: bool


def _clauses(text: str) -> list[list[_Word]]:
    """Each clause's words, a hyphenated word as its parts ("follow-up" counts with "follow
    up") tied together."""
    normalised = normalise_quotes(text).lower()
    clauses = []
    for part in CLAUSE.split(normalised):
        words = []
        for compound in _COMPOUND.findall(part):
            pieces = WORD_TOKEN.findall(compound)
            words += [_Word(w, i < len(pieces) - 1) for i, w in enumerate(pieces)]
        clauses.append(words)
    return clauses


def whole_phrase(phrase: str) -> str:
    """A pattern of ``phrase`` said as whole words, never inside a hyphenated or contracted one:
    "two vans" is not said in "Twenty-two vans", nor "van" in "van's"."""
    words = r"\W+".join(map(re.escape, phrase.split()))
    return r"(?<!\w)(?<!\w[-'])" + words + r"(?!\w)(?![-']\w)"


def _keep(words: Sequence[str]) -> bool:
    foreign = foreign_function_words()  # "los portátiles": any language's edges are trimmed
    if words[0] in EDGE_WORDS or words[0] in _FIGURE_UNITS or words[0] in foreign:
        return False
    if words[-1] in OPENERS_ONLY or words[-1] in foreign:
        return False
    if words[-1] in EDGE_WORDS and words[-1] not in _ENDINGS_ALLOWED:
        return False
    return carries_meaning(words)


def carries_meaning(words: Sequence[str]) -> bool:
    """Whether lower-case ``words`` hold one that is not a function word or a figure."""
    return any(w not in FUNCTION_WORDS and not w.isdigit() for w in words)


def names_something(text: str) -> bool:
    """Whether ``text`` could name a theme: a word in it is not a function word, a figure, a
    number or a unit of time. "Six hours", "Every two weeks", "The other thing" and "Hmm" are
    true of a quote but say nothing a theme is about (while "hours" alone, in "copying hours
    across", is what a time-sheet theme is about)."""
    words = WORD_TOKEN.findall(normalise_quotes(text).lower())
    telling = [w for w in words if w not in _NO_NAME_WORDS and not w.isdigit()]
    counted = len(telling) < len(words) and any(w.isdigit() or w in NUMBER_WORDS for w in words)
    # "Nine vans", "30 trucks": a count of something is one buyer's figure, not a theme.
    return bool(telling) and not (counted and len(telling) == 1 and telling[0].endswith("s"))


class Analyzer:
    """CountVectorizer analyzer: edge-trimmed 2..max_n grams that stay inside one clause."""

    def __init__(self, max_n: int) -> None:
        self.max_n = max_n

    def __call__(self, text: str) -> list[str]:
        grams: list[str] = []
        for said in _clauses(text):
            words = [w.text for w in said]
            for n in range(2, self.max_n + 1):
                for i in range(len(words) - n + 1):
                    window = words[i : i + n]
                    # a window cuts no hyphenated word: "two vans" of "twenty-two vans"
                    cut = (i and said[i - 1].joined) or said[i + n - 1].joined
                    if not cut and _keep(window):
                        grams.append(" ".join(window))
        return grams


def _drop_contained(counts: dict[str, int]) -> set[str]:
    """Phrases inside a longer phrase that has the same count add nothing."""
    dropped: set[str] = set()
    for longer, count in counts.items():
        words = longer.split()
        for n in range(2, len(words)):
            for i in range(len(words) - n + 1):
                shorter = " ".join(words[i : i + n])
                if counts.get(shorter) == count:
                    dropped.add(shorter)
    return dropped


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(whole_phrase(phrase), re.I)


def _beside_contact(text: str, phrase: str) -> bool:
    """Whether ``phrase`` is said in ``text`` only as the label of a phone number or an email
    address: it a few words before one ("my office line, (520) 555-0147", "my mobile number
    is 07700 900123") or a word after one ("555-0147 on my mobile")."""
    spans = contact_spans(text)
    words = re.compile(r"\w+")

    def near(start: int, end: int, most: int) -> bool:  # in one sentence, few words apart
        gap = text[start:end]
        return not re.search(r"[.!?]\s", gap) and len(words.findall(gap)) <= most

    def beside(start: int, end: int) -> bool:
        return any(
            (end <= s and near(end, s, 3)) or (e <= start and near(e, start, 1)) for s, e in spans
        )

    found = list(_phrase_pattern(phrase).finditer(normalise_quotes(text)))
    return bool(found) and all(beside(*m.span()) for m in found)


def _sentence_with(text: str, phrase: str) -> str:
    """The sentence of ``text`` (original spelling) in which ``phrase`` occurs."""
    normalised = normalise_quotes(text)  # same length as text: spans carry over
    pattern = _phrase_pattern(phrase)
    start = 0
    for boundary in [*re.finditer(r"(?<=[.!?])\s+", normalised), None]:
        end = boundary.start() if boundary else len(text)
        if pattern.search(normalised, start, end):
            return text[start:end].strip()
        start = boundary.end() if boundary else end
    return text.strip()


def extract_phrases(
    texts_with_ids: Iterable[SourceText | tuple[int, int, str] | str],
    *,
    min_count: int = 2,
    max_n: int = 4,
    top: int = 50,
    examples_per_phrase: int = 3,
) -> list[Phrase]:
    """Recurring buyer phrases, most frequent first (ties: more calls, longer, alphabetical).

    A plain string counts as its own utterance and call (ids are positions).
    """
    sources = [
        SourceText(i, i, item) if isinstance(item, str) else SourceText(*item)
        for i, item in enumerate(texts_with_ids)
    ]
    sources = [s for s in sources if s.text.strip()]
    if not sources or max_n < 2:
        return []
    try:
        found, vocabulary = count_matrix(
            [s.text for s in sources], Analyzer(max_n), binary=True, min_df=min_count
        )
    except NoTerms:  # nothing reaches min_count
        return []
    matrix = found.tocsc()
    with_contact = {r for r, source in enumerate(sources) if gives_contact(source.text)}
    hits_of: dict[str, list[SourceText]] = {}
    for j, name in enumerate(vocabulary):
        phrase = str(name)
        if says_little(phrase.split()):
            continue  # "he's not", "it takes"
        rows = sorted(matrix.indices[matrix.indptr[j] : matrix.indptr[j + 1]])
        hits = [
            sources[r]
            for r in rows
            if r not in with_contact or not _beside_contact(sources[r].text, phrase)
        ]
        if len(hits) >= min_count:  # "office line" said only before a phone number is no phrase
            hits_of[phrase] = hits
    counts = {phrase: len(hits) for phrase, hits in hits_of.items()}
    dropped = _drop_contained(counts)
    ranked: list[tuple[int, int, int, str]] = []  # the sort key: (-count, -calls, -words, phrase)
    for phrase, count in counts.items():
        if phrase not in dropped:
            calls = len({s.call_id for s in hits_of[phrase]})
            ranked.append((-count, -calls, -len(phrase.split()), phrase))
    ranked.sort()
    # Quotes only for the phrases kept: finding each one's sentence is most of the work.
    return [
        Phrase(phrase, -count, -calls, _examples(hits_of[phrase], phrase, examples_per_phrase))
        for count, calls, _, phrase in ranked[:top]
    ]


def _examples(hits: Sequence[SourceText], phrase: str, limit: int) -> tuple[Quote, ...]:
    """One quote per call first (diverse), then more from the same calls, in input order."""
    first_per_call: dict[int, SourceText] = {}
    for source in hits:
        first_per_call.setdefault(source.call_id, source)
    chosen = {s.utterance_id for s in first_per_call.values()}
    ordered = [*first_per_call.values(), *(s for s in hits if s.utterance_id not in chosen)]
    return tuple(
        Quote(s.utterance_id, s.call_id, _sentence_with(s.text, phrase)) for s in ordered[:limit]
    )


def names_someone(names: Iterable[str]) -> Callable[[str], bool]:
    """Whether a phrase holds one of these names: our reps, the speakers, our company, the
    accounts ("vetdesk sales", "priya shah 11" had been listed as the buyer's words)."""
    spelled = {" ".join(_WORD.findall(name.casefold())) for name in names if name}
    ordered = sorted((name for name in spelled if len(name) >= 3), key=len, reverse=True)
    if not ordered:
        return lambda _phrase: False
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    return lambda phrase: bool(pattern.search(" ".join(_WORD.findall(phrase.casefold()))))


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def names_in_workspace(session: Session) -> list[str]:
    """Everyone and every company the calls name: our team and its company, each speaker, each
    account; none of them is a phrase a buyer uses."""
    team = session.execute(select(TeamMember.name, TeamMember.company)).all()
    speakers = session.scalars(select(Utterance.speaker).distinct())
    accounts = session.scalars(select(Call.account).distinct())
    found = [name for row in team for name in row] + [*speakers, *accounts]
    return [name for name in found if name]


def _phrase_sources(session: Session, kind: str | None) -> list[SourceText]:
    """The words phrases are mined from, by utterance: a buyer's turn (its mentions of ``kind``
    with one), and of an unknown speaker only the sentences the detector read as a buyer's,
    each relayed question less its lead-in. A speakerless webinar's "Yes, Pharmacy Manager and
    ProScript are both supported today." (the host's) had made "pharmacy manager" a buyer's
    phrase; an unknown speaker's turn counts once the call is analysed."""
    by_kind = (Mention.kind == kind, Mention.excluded.is_(False)) if kind else ()
    buyers = (
        select(Mention.utterance_id, Mention.call_id, Mention.text)
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(Utterance.role == "buyer", *by_kind)
        if kind
        else select(Utterance.id, Utterance.call_id, Utterance.text).where(
            Utterance.role == "buyer"
        )
    )
    buyers = buyers.order_by(*buyers.selected_columns[:1])
    unknown = (
        select(Mention.utterance_id, Mention.call_id, Mention.text)
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(Utterance.role == "unknown", Mention.kind.in_(KINDS), *by_kind)
        .order_by(Mention.utterance_id, Mention.char_start)
    )
    heard: dict[int, SourceText] = {}
    for utterance_id, call_id, text in session.execute(unknown):
        said = text[relay_lead_in(text) :]
        was = heard.get(utterance_id)
        heard[utterance_id] = SourceText(
            utterance_id, call_id, f"{was.text} {said}" if was else said
        )
    sources = [SourceText(*row) for row in session.execute(buyers)]
    return sorted([*sources, *heard.values()], key=lambda s: s.utterance_id)


def list_phrases(
    session: Session,
    *,
    top: int = 50,
    min_count: int = 2,
    kind: str | None = None,
    settings: Settings | None = None,
) -> list[dict[str, Any]]:
    """Recurring buyer phrases with counts and example quotes; ``kind`` limits to mentions.
    Only what buyers (or unknown speakers, ``_phrase_sources``) said counts, never a rep's line
    or note, nor a count of something. The quotes are redacted as a document's are
    (``settings_redactor``; every kind of PII without ``settings``): an example had shown a
    buyer's "(520) 555-0147"."""
    sources = _phrase_sources(session, kind)
    found = extract_phrases(sources, min_count=min_count, top=top)
    said = {m.group("name") for _, _, text in sources for m in SAID_NAME_RE.finditer(text)}
    named = names_someone([*names_in_workspace(session), *said])
    # A count ("six trucks", "one of my guys", "fifty five") is one buyer's figure, no words
    # buyers share (``names_something``); it had filled the list's top.
    found = [p for p in found if not named(p.phrase) and names_something(p.phrase)]
    call_ids = {quote.call_id for phrase in found for quote in phrase.examples}
    redactor = (
        settings_redactor(session, call_ids, settings)
        if settings
        else redactor_for(session, call_ids)
    )
    return [
        dataclasses.asdict(p)
        | {
            "examples": [
                dataclasses.asdict(q) | {"text": redactor.redact(q.text)} for q in p.examples
            ]
        }
        for p in found
    ]
