"""A theme's name when no phrase holds for its quotes: its most representative quote, shortened
to a phrase that reads on its own ("Everyone hates the book", "How does time tracking work?").

Why: such themes had been named "Problems buyers raise (2)", "(3)", "(4)": a marketer could not
tell five of them apart nor say what any was about. The quotes nearest the theme's centroid say
it in the buyers' words; the most central read whole beats a numbered generic label. A less
central quote's words name a theme of more only when a share of its quotes say them
(``borne_out``): "The customer got told the flowers were delivered", the fifth nearest, had
named thirteen pains, one about flowers. A
question theme is named by its central question read whole (``asked_whole``): its FAQ entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from pipeline.cluster.clauses import (
    ASKED_WITHIN,
    MAX_QUOTE_WORDS,
    QUOTE_SLACK_WORDS,
    cut_points,
    ends_mid_phrase,
    has_figure,
    opens_on_context,
    quote_clause,
    without_inner_filler,
)
from pipeline.cluster.label_checks import refers_back
from pipeline.cluster.name_shape import opens_a_question, reads_alone
from pipeline.cluster.pain_shapes import a_fragment, thing_words, tokens
from pipeline.cluster.phrase_shape import is_function_word
from pipeline.cluster.phrases import NUMBER_WORDS, names_something
from pipeline.cluster.representative import MIN_SHARED_QUOTES, enough_to_name, said_terms
from pipeline.quote_shape import without_opening
from pipeline.wording import capitalised

REPRESENTATIVE_QUOTES = 5  # the quotes nearest the centroid a name may be read from
MIN_NAME_WORDS = 2  # "Minimum", "Twice": a lone word of a quote is no phrase
_TIME_WORDS = (
    r"day|night|week|weekend|month|year|quarter|term|season|morning|evening|afternoon|shift|"
    r"payday|summer|winter|spring|autumn|fall|time|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|january|february|march|april|may|june|july|august|september|october|"
    r"november|december"
)
# When it happened, said first: one buyer's occasion, not what the theme is about ("Last month
# we paid someone for a shift they didn't work").
_WHEN_OPENING = re.compile(
    rf"^(?:(?:last|this|next|every|each|one)\s+(?:{_TIME_WORDS})s?|yesterday|today|tonight|"
    r"sometimes|recently|lately|usually|often|again|once)\b[\s,]*",
    re.IGNORECASE,
)


def quote_phrase(quote: str, keywords: Sequence[str] = ()) -> str:
    """The quote's most telling clause (``quote_clause``) without the occasion it opens on,
    when it reads as a name alone; else ""."""
    said = _WHEN_OPENING.sub("", quote.strip())  # "Last February I had..." fits a name then
    phrase = capitalised(_WHEN_OPENING.sub("", quote_clause(said, keywords)).strip())
    return phrase if readable(phrase) else ""  # "Every payday": an occasion, nothing more


def readable(phrase: str) -> bool:
    """Whether a quote's phrase can head a theme alone: a few words (``MIN_NAME_WORDS`` up to a
    long clause) that say a thing (``thing_words``), no filler or question fragment
    (``reads_alone``), no tail of a sentence ("Which happened", ``a_fragment``), nothing that
    points back ("That was bad") or stops mid-phrase, no condition ("If ...")."""
    words = tokens(phrase)
    # A verb after "didn't" ends a clause here ("a shift they didn't work"): only a condition
    # is left to refuse of what ``names_a_concern`` does.
    conditional = opens_on_context([w.lower() for w in words[:1]], telling=True)
    # "Five if someone's sheet is missing": the tail of an answer that gave a count
    counted = len(words) > 1 and _a_number(words[0]) and is_function_word(words[1].lower())
    return (
        MIN_NAME_WORDS <= len(words) <= MAX_QUOTE_WORDS + QUOTE_SLACK_WORDS
        and reads_alone(phrase)
        and names_something(phrase)
        and bool(thing_words(phrase))
        and not a_fragment(phrase)
        and not refers_back(phrase)
        and not ends_mid_phrase(phrase)
        and not conditional
        and not counted
    )


def _a_number(word: str) -> bool:
    return word.isdigit() or word.lower() in NUMBER_WORDS


def borne_out(phrase: str, texts: Sequence[str]) -> bool:
    """Whether a share of the theme's ``texts`` (``enough_to_name``) say a word of ``phrase``,
    the quote it came from included; of ``MIN_SHARED_QUOTES`` or fewer, its own quote's do."""
    if len(texts) <= MIN_SHARED_QUOTES:
        return True
    words = {t for t in said_terms(phrase) if " " not in t}
    return enough_to_name(sum(bool(words & said_terms(t)) for t in texts), len(texts))


def _near(
    by_centrality: Sequence[str], leading: Iterable[str] | None, among: Iterable[str] | None
) -> list[str]:
    """The quotes nearest the centroid, only those ``leading`` and ``among`` when given."""
    sure = set(leading) if leading is not None else None
    kept = set(among) if among is not None else None
    return [
        q for q in by_centrality if (sure is None or q in sure) and (kept is None or q in kept)
    ][:REPRESENTATIVE_QUOTES]


def representative_names(
    by_centrality: Sequence[str],
    keywords: Sequence[str],
    leading: Iterable[str] | None = None,
    among: Iterable[str] | None = None,
) -> Iterator[str]:
    """Names from the quotes nearest the centroid (``by_centrality``; only those ``leading``,
    surely read, when given, and only those ``among``, a buyer's lines), most central first:
    those without a figure, then those with one ("About $97 a month" is one buyer's), each
    once; the most central's always, any other's only ``borne_out`` by the theme's quotes."""
    near = _near(by_centrality, leading, among)
    # The most central quote stands for its theme (``quote_names``); a less central one's words
    # only when a share of the quotes say them: "The customer got told the flowers were
    # delivered", the fifth of thirteen, had named pains of drivers, signal and bread.
    phrases = [
        p
        for j, p in enumerate(quote_phrase(q, keywords) for q in near)
        if p and (j == 0 or borne_out(p, by_centrality))
    ]
    seen: set[str] = set()
    for phrase in sorted(phrases, key=has_figure):  # stable: by centrality within each
        if phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            yield phrase


# A question names its theme within the words any name has (a clause's ``MAX_QUOTE_WORDS``
# and its slack): "How fast someone actually picks up when a lawyer is locked out at nine at
# night before a filing" is no label a marketer scans in a list.
MAX_ASKED_WORDS = MAX_QUOTE_WORDS + QUOTE_SLACK_WORDS
# With nowhere to cut it whole, a question up to this long still names its theme, before a
# placeholder ("Questions buyers ask"); cut anywhere, it loses what it asks.
UNCUT_ASKED_WORDS = 20
# A note's report of a question: "Asked whether the app works offline" asks "whether ...".
_REPORTED = re.compile(
    r"^(?:also\s+)?(?:asked|wants? to know|wondered)\s+"
    r"(?=(?:if|whether|how|what|when|where|which|who|why)\b)",
    re.IGNORECASE,
)
_DASHED = re.compile(r"\s+[-\u2013\u2014]+\s+")


def asked_whole(
    by_centrality: Sequence[str],
    leading: Iterable[str] | None = None,
    among: Iterable[str] | None = None,
) -> Iterator[str]:
    """The questions nearest the centroid (as ``representative_names`` picks them), each read
    whole without its opening ("And ...") or an aside after a dash: "What happens when the van
    goes through the tunnel with no signal?", "Whether the app works offline in the loading
    bays" (a note's "Asked whether ...", a buyer's "My question is whether ..."), one longer
    than a name cut to what it asks about (``asked_core``). A question theme is what its
    central question asks."""
    for quote in _near(by_centrality, leading, among):
        said = _DASHED.split(without_opening(quote.strip()))[0].strip()
        reported = _REPORTED.match(said) or ASKED_WITHIN.match(said)
        whole = capitalised(said[reported.end() :] if reported else said).rstrip(" .")
        asked = asked_core(whole, by_centrality)
        words = tokens(asked)
        if (
            (asked.endswith("?") and opens_a_question(asked) or reported)
            and MIN_NAME_WORDS <= len(words) <= UNCUT_ASKED_WORDS
            and reads_alone(asked)
            and names_something(asked)
        ):
            yield asked


def asked_core(asked: str, texts: Sequence[str]) -> str:
    """``asked`` when it fits a name (``MAX_ASKED_WORDS``), else cut within that before a
    clause where it still says one thing (``clauses.cut_points``), without its fillers: the
    shortest cut keeping the words other quotes of the theme (``texts``) also say; a clause
    only this quote says goes ("How fast someone picks up | when a lawyer is locked out at
    nine..."). The question keeps its mark; with nowhere to cut it whole, read whole up to
    ``UNCUT_ASKED_WORDS``, else ""."""
    if len(asked.split()) <= MAX_ASKED_WORDS:
        return asked
    words = without_inner_filler(asked).split()  # "how fast someone actually picks up"
    counts = Counter(t for text in set(texts) for t in said_terms(text) if " " not in t)
    shared = {t for t, n in counts.items() if n >= MIN_SHARED_QUOTES}
    cuts = cut_points(words, MAX_ASKED_WORDS)
    if not cuts:
        return asked if len(words) <= UNCUT_ASKED_WORDS else ""
    # The shortest cut that keeps every word of the question its theme shares (that the
    # longest keeps): the clauses after it are this quote's alone.
    held = shared & said_terms(" ".join(words[: cuts[-1]]))
    best = next(k for k in cuts if held <= said_terms(" ".join(words[:k])))
    kept = " ".join(words[:best]).rstrip(",;:")
    return kept + "?" if asked.endswith("?") else kept
