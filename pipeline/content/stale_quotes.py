"""Whether the quotes a document cites still stand where it took them, whether their deals were
decided since, and whether their calls' speakers were renamed or moved to another side since:
the quote half of the out-of-date check (``staleness``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.content.citations import page_order
from pipeline.content.quote_text import clip
from pipeline.deals import deal_outcomes
from pipeline.speaker_changes import renamed_since, sides_changed_since
from pipeline.store.models import Cluster, Mention, Utterance

# A sentence's detections in its utterance: span, kind, excluded, theme.
_Said = tuple[int, int, str, bool, int | None]


class _Where(NamedTuple):
    """Where a cited quote's sentence is now: still in its theme, in another theme
    (``moved_to``), or counted in none."""

    stands: bool
    moved_to: int | None = None


def withdrawn_quotes(
    session: Session, body_markdown: str, quotes: list[dict[str, Any]], themes: dict[int, str]
) -> list[str]:
    """Quotes the page still cites that no longer stand where it took them, each said as a
    marketer reads it: the theme a quote moved to ("a quote it cites moved to the theme
    “Wrong orders from phone calls”"), or the theme it no longer counts in (corrected to
    another kind, excluded, deleted). ``themes``: the names the page gave its themes.

    A quote is its sentence, not its mention row: redetect makes every mention anew (and
    SQLite hands a deleted row's id to another sentence), so the quoted sentence is looked for
    again in its utterance, at its recorded span (or, on a page from before spans were
    recorded, where its words are). It stands while a mention of the same kind covers it
    there, not excluded, in the same theme: "I can't put a tracker in someone's Honda Civic"
    had been flagged after a redetect while still the top quote of its theme."""
    cited = set(page_order(body_markdown))
    taken = [
        q
        for q in quotes
        if q.get("id") in cited
        and q.get("kind") != "answer"
        and q.get("mention_id")
        and q.get("utterance_id")
    ]
    if not taken:
        return []
    utterance_ids = sorted({int(q["utterance_id"]) for q in taken})
    texts = dict(
        session.execute(
            select(Utterance.id, Utterance.text).where(Utterance.id.in_(utterance_ids))
        ).all()
    )
    said: dict[int, list[_Said]] = {}
    for row in session.execute(
        select(
            Mention.utterance_id,
            Mention.char_start,
            Mention.char_end,
            Mention.kind,
            Mention.excluded,
            Mention.cluster_id,
        ).where(Mention.utterance_id.in_(utterance_ids))
    ):
        said.setdefault(int(row[0]), []).append(
            (int(row[1]), int(row[2]), str(row[3]), bool(row[4]), row[5])
        )
    found = {}
    for quote in taken:
        utterance_id = int(quote["utterance_id"])
        text = texts.get(utterance_id)
        span = None if text is None else _quoted_span(quote, text)
        where = _Where(False) if span is None else _where(quote, span, said.get(utterance_id, []))
        if not where.stands:
            found[int(quote["id"])] = (quote, where.moved_to)
    moved_to = {into for _, into in found.values() if into is not None}
    names = dict(
        session.execute(select(Cluster.id, Cluster.name).where(Cluster.id.in_(moved_to))).all()
    )
    return [
        _left(quote, themes, names.get(into) if into is not None else None)
        for _, (quote, into) in sorted(found.items())
    ]


def _left(quote: dict[str, Any], themes: dict[int, str], moved_to: str | None) -> str:
    """One withdrawn quote in a marketer's words: where it went, or where it no longer counts."""
    shown = f"“{clip(str(quote['text']), 80)}” [Q{quote['id']}]"
    if moved_to is not None:
        return f"a quote it cites moved to the theme “{moved_to}”: {shown}"
    theme = themes.get(int(quote["cluster_id"])) if quote.get("cluster_id") is not None else None
    if theme is not None:
        return f"a quote it cites no longer counts in “{theme}”: {shown}"
    return f"a quote it cites is no longer read as a buyer's {quote.get('kind')}: {shown}"


def _quoted_span(quote: dict[str, Any], utterance: str) -> tuple[int, int] | None:
    """Where in its utterance the quote's sentence is: its recorded span, else (a page from
    before spans were recorded) where the words the page shows are found, a redaction
    placeholder ("[name]") or a clip ("…") standing for any words; the whole turn when they
    are not found (the turn is all that is known)."""
    start, end = quote.get("char_start"), quote.get("char_end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    pieces = re.split(r"\[[a-z]+\]|…", str(quote.get("text") or ""))
    words = [r"\W+".join(map(re.escape, re.findall(r"\w+", piece))) for piece in pieces]
    pattern = r".*?".join(w for w in words if w)
    found = re.search(pattern, utterance, re.IGNORECASE | re.DOTALL) if pattern else None
    return (found.start(), found.end()) if found else (0, len(utterance))


def _where(quote: dict[str, Any], span: tuple[int, int], mentions: list[_Said]) -> _Where:
    """A mention of the quote's kind, not excluded, covering some of ``span``: in its theme
    (when it had one) it stands; in another theme only, it moved there."""
    theme = quote.get("cluster_id")
    covering = [
        cluster_id
        for start, end, kind, excluded, cluster_id in mentions
        if start < span[1]
        and span[0] < end
        and (kind != "other" or quote.get("kind") == "other")  # praise quoted as praise
        and quote.get("kind") in (None, kind)
        and not excluded
    ]
    if covering and (theme is None or theme in covering):
        return _Where(True)
    elsewhere = [cluster_id for cluster_id in covering if cluster_id is not None]
    return _Where(False, elsewhere[0] if elsewhere else None)


def decided_since(session: Session, quotes: list[dict[str, Any]]) -> list[str]:
    """Calls the evidence quotes whose deal outcome changed since ("call 4 is now won"): a won
    deal's replies answer worries, and a source line says how the deal went."""
    was = {int(q["call_id"]): str(q.get("outcome") or "unknown") for q in quotes}
    if not was:
        return []
    now = deal_outcomes(session, was)  # as the quotes were given it: their deal's
    return [
        f"call {call_id} is now {now[call_id]} (was {outcome})"
        for call_id, outcome in sorted(was.items())
        if call_id in now and str(now[call_id]) != outcome
    ]


def renamed_speakers(
    session: Session, body_markdown: str, quotes: list[dict[str, Any]], since: dt.datetime
) -> list[str]:
    """Calls the page quotes on which a user renamed a speaker since it was generated: a rep's
    reply is sourced by the rep's name, and a buyer's new name is one to redact in its quotes.
    Said without the names, so no list of changes shows a buyer's."""
    calls = _cited_calls(body_markdown, quotes)
    return [
        f"a speaker on call {call_id}, which it quotes, was renamed"
        for call_id in renamed_since(session, calls, since)
    ]


def moved_sides(
    session: Session, body_markdown: str, quotes: list[dict[str, Any]], since: dt.datetime
) -> list[str]:
    """Calls the evidence quotes on which a user moved a speaker to another side since it was
    generated: a line it quotes as a buyer's may be a rep's now, and a buyer's line it left out
    as a speaker unknown's may be one to quote. Every call its evidence quotes counts, cited on
    the page or not (the brief and the LLM's evidence quote it too); said without the names."""
    cited = _cited_calls(body_markdown, quotes)
    calls = {int(q["call_id"]) for q in quotes if "call_id" in q}
    return [
        f"the side of a speaker on call {call_id}, which "
        + ("it" if call_id in cited else "its evidence")
        + " quotes, changed"
        for call_id in sides_changed_since(session, calls, since)
    ]


def _cited_calls(body_markdown: str, quotes: list[dict[str, Any]]) -> set[int]:
    """The calls of the quotes the page cites."""
    cited = set(page_order(body_markdown))
    return {int(q["call_id"]) for q in quotes if q.get("id") in cited and "call_id" in q}
