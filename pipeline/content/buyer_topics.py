"""The topics buyers speak of most across a page's calls, their own words: the noun phrases
("fuel receipts") and the trade's acronyms ("IFTA", "ELDs") said on two calls or more, the most
calls first, then the most turns. An SEO brief targets them.

Why: a trucking brief's secondary keyword was "dispatch software training", a category's search
word no buyer said, while IFTA and ELDs, said on more calls than anything else, were nowhere:
the themes' few quotes left them out, and a single acronym is no two-word phrase."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.phrase_shape import WEAK_WORDS
from pipeline.cluster.phrases import FUNCTION_WORDS, Analyzer
from pipeline.content.evidence import Phrase
from pipeline.content.seo_keywords import KEYWORD_WORDS, ends_on_its_verb, keyword_like
from pipeline.deals import IN_CHUNK
from pipeline.store.models import Utterance

MIN_CALLS = 2  # one buyer saying a thing twice is no topic the trade shares
# A trade's acronym as written: two to five capitals, perhaps a plural "s" ("ELDs", "POS").
_ACRONYM = re.compile(r"\b([A-Z]{2,5})s?\b")


def buyer_topics(session: Session, call_ids: Sequence[int], limit: int = 12) -> list[Phrase]:
    """The topics the buyers of ``call_ids`` said, each with its number of calls (``count``)."""
    wanted = sorted(set(call_ids))
    said: list[tuple[int, str]] = []
    for start in range(0, len(wanted), IN_CHUNK):
        rows = session.execute(
            select(Utterance.call_id, Utterance.text).where(
                Utterance.call_id.in_(wanted[start : start + IN_CHUNK]), Utterance.role == "buyer"
            )
        )
        said += [(int(call), str(text)) for call, text in rows]
    return said_topics(said)[:limit]


def said_topics(said: Sequence[tuple[int, str]]) -> list[Phrase]:
    """Of ``(call_id, text)`` turns, the noun phrases a searcher types (``keyword_like``) and
    the acronyms (no "OK" nor "US") said on ``MIN_CALLS`` calls or more, ranked by calls then
    turns; a phrase inside a longer one said on as many calls adds nothing."""
    analyzer = Analyzer(max(KEYWORD_WORDS))
    calls: dict[str, set[int]] = defaultdict(set)
    turns: dict[str, int] = defaultdict(int)
    acronyms: set[str] = set()
    for call_id, text in said:
        written = {a.lower() for a in _ACRONYM.findall(text)} - FUNCTION_WORDS - WEAK_WORDS
        acronyms |= written
        for gram in {*analyzer(text), *written}:
            calls[gram].add(call_id)
            turns[gram] += 1
    texts = [text for _, text in said]
    kept = {
        g: len(c)
        for g, c in calls.items()
        if len(c) >= MIN_CALLS
        and (g in acronyms or (keyword_like(g) and not ends_on_its_verb(g, texts)))
    }
    inside = {
        short
        for short, n in kept.items()
        for long, m in kept.items()
        if short != long and m >= n and f" {short} " in f" {long} "
    }
    ranked = sorted(set(kept) - inside, key=lambda g: (-kept[g], -turns[g], -len(g.split()), g))
    return [Phrase(g, kept[g]) for g in ranked]
