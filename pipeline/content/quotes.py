"""Which buyer quotes a document offers, in what order, and their numbers: confident and
typical first, one per call before the rest, the same words quoted once (``Q<n>`` ids)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice

from pipeline.cluster.lead_ins import (
    last_words,
    lead_in,
    needs_lead_in,
    quote_lead_in,
    quote_reads,
    readable_first,
)
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.content.evidence import Quote
from pipeline.content.quote_text import MIN_REPEAT_WORDS, clip, repeats, text_key
from pipeline.content.won_answers import MentionRow
from pipeline.detect.rules import says_nothing
from pipeline.detect.sentences import quote_text
from pipeline.redact import Redactor
from pipeline.store.models import Call, Utterance

QUOTE_POOL = 500  # the most confident buyer mentions of a theme that a document picks from
# Whose words a theme's quotes may be: the buyer's, then (for the writer and the LLM only, never
# the page's quotes) a line of a speaker whose side is unknown: a speakerless subtitle file's.
QUOTED_ROLES = ("buyer", "unknown")
# How a quote's source names who said it, by its turn's role; any other side is the buyer's.
SAID_BY = {"rep_note": "rep's note", "unknown": "speaker unknown"}


@dataclass(frozen=True)
class QuoteRank:
    """The order quotes are offered in: confident mentions first (``confident_at``), then by
    confidence weighed by how typical of their cluster they are (``typical``: each text's
    closeness to its centre), so the quote that stands for a theme says what it is about, not
    a sure fragment ("Same cook, same Friday."); then the most recent."""

    confident_at: float
    typical: dict[str, float] = field(default_factory=dict)
    _fallback: float = field(init=False, repr=False, compare=False)  # a text with no vector

    def __post_init__(self) -> None:
        typical = self.typical
        fallback = sum(typical.values()) / len(typical) if typical else 1.0
        object.__setattr__(self, "_fallback", fallback)

    def key(self, row: MentionRow) -> tuple[bool, float, int, int]:
        mention, _, call = row
        return (
            mention.confidence < self.confident_at,
            -mention.confidence * self.typical.get(mention.text, self._fallback),
            -(call.call_date or dt.date.min).toordinal(),
            mention.id,
        )


def candidates(
    rows: Sequence[MentionRow], limit: int = QUOTE_POOL, roles: Sequence[str] = ("buyer",)
) -> list[MentionRow]:
    """The mentions of ``roles`` (the buyer's own) a document may quote, in that order, the
    ``limit`` most confident (then most recent), none that says nothing alone ("Hmm." after a
    price): how typical each is is read for these only, so a theme of 100,000 mentions costs
    what one of ``limit`` does."""
    buyers = [r for r in rows if r[1].role in roles]
    buyers.sort(
        key=lambda r: (
            roles.index(r[1].role),
            -r[0].confidence,
            -(r[2].call_date or dt.date.min).toordinal(),
        )
    )
    # Only a sentence that says nothing is read in its turn ("Price is high. Hmm." says enough).
    worded = (r for r in buyers if not (says_nothing(r[0].text) and says_nothing(shown(r))))
    return list(islice(worded, limit))


def shown(row: MentionRow, *, goes_on: bool = False) -> str:
    """The words a quote of this mention shows (``quote_text``)."""
    mention, utterance, _call = row
    return quote_text(
        utterance.text, mention.text, mention.char_start, mention.char_end, goes_on=goes_on
    )


def shown_lead_in(row: MentionRow, *, goes_on: bool = False, alone: bool = False) -> str:
    """The lead-in of a quote of this mention (``pipeline.cluster.lead_ins``): the turn's words
    before what it shows, "" when that stands alone (``alone``: the sentence only)."""
    mention, utterance, _call = row
    turn, start, end = utterance.text, mention.char_start, mention.char_end
    if not alone:
        return quote_lead_in(turn, mention.text, start, end, goes_on=goes_on)
    matches = turn[start:end] == mention.text
    return lead_in(turn, start) if matches and needs_lead_in(mention.text) else ""


def reads(row: MentionRow) -> bool:
    """Whether a quote of this mention stands alone or has a lead-in to lean on."""
    return quote_reads(shown(row), shown_lead_in(row))


def representative(rows: Sequence[MentionRow], limit: int, rank: QuoteRank) -> list[MentionRow]:
    """Diverse and in ``rank``'s order: at most one quote per call first, then fill."""
    ordered = sorted(rows, key=rank.key)
    picked: list[MentionRow] = []
    seen_calls: set[int] = set()
    seen_texts: set[str] = set()
    for row in ordered:
        key = row[0].text.strip().lower()
        if row[2].id not in seen_calls and key not in seen_texts:
            picked.append(row)
            seen_calls.add(row[2].id)
            seen_texts.add(key)
    for row in ordered:
        if row not in picked and row[0].text.strip().lower() not in seen_texts:
            picked.append(row)
            seen_texts.add(row[0].text.strip().lower())
    return picked[:limit]


class QuoteNumberer:
    """Hands out quote ids in order of first use; the same mention/utterance keeps its id."""

    def __init__(self, redactor: Redactor, *, confident_at: float = DEFAULT_CONFIDENT_AT) -> None:
        self.redactor = redactor
        self.confident_at = confident_at
        self.quotes: list[Quote] = []
        self._keys: dict[tuple[str, int, int], int] = {}
        self._texts: list[str] = []  # a quote is used once, whichever mention said it
        self._sentences: set[str] = set()  # and so is each of its sentences and its lead-in's
        self._whole: list[bool] = []  # False: a clause quoted without the rest of its sentence

    def key(self, text: str) -> str:
        return text_key(self.redactor.redact(text))

    def repeats(self, key: str) -> bool:
        """The words of a quote already used: the same, inside it, or around it."""
        return repeats(key, self._texts)

    def shares_sentence(self, text: str) -> bool:
        """A sentence of ``text`` is one a quote already used holds: "The results flow straight
        into Cornerstone. What's your lab story?" after "...The results flow straight into
        Cornerstone." had made two rows of one sentence."""
        return bool(sentence_keys(self.redactor.redact(text)) & self._sentences)

    def mention(
        self, row: MentionRow, cluster_id: int | None, *, goes_on: bool = False, alone: bool = False
    ) -> int:
        """The quote id of a buyer mention (``goes_on``: with the sentence after it, see
        ``quote_span``; ``alone``: its sentence only)."""
        mention, utterance, call = row
        key = ("m", mention.id, 0)
        if key not in self._keys:
            # A rep's note is the rep's words about the buyer, an unknown side's maybe the rep's.
            role = utterance.role if utterance.role in SAID_BY else "buyer"
            self._keys[key] = self._add(
                text=mention.text if alone else shown(row, goes_on=goes_on),
                lead_in=shown_lead_in(row, goes_on=goes_on, alone=alone),
                role=role,
                kind=mention.kind,
                call=call,
                utterance=utterance,
                mention_id=mention.id,
                speaker=SAID_BY.get(role, "buyer"),
                cluster_id=cluster_id,
                competitor=mention.competitor,
                category=mention.category if mention.kind in ("objection", "question") else None,
                span=(mention.char_start, mention.char_end),
                uncertain=mention.confidence < self.confident_at,
                confidence=mention.confidence,
            )
        return self._keys[key]

    def part(self, row: MentionRow, words: str, cluster_id: int | None) -> int:
        """The quote id of a clause of a buyer mention's sentence (``words``, as said): "the
        reports were nicer on yours", without the price worry after its "but"."""
        mention, utterance, call = row
        at = max(mention.text.find(words), 0)
        key = ("p", mention.id, at)
        if key not in self._keys:
            start = mention.char_start + at
            role = utterance.role if utterance.role in SAID_BY else "buyer"
            self._keys[key] = self._add(
                text=words,
                role=role,
                kind=mention.kind,
                call=call,
                utterance=utterance,
                mention_id=mention.id,
                speaker=SAID_BY.get(role, "buyer"),
                cluster_id=cluster_id,
                competitor=mention.competitor,
                span=(start, start + len(words)),
                uncertain=mention.confidence < self.confident_at,
                confidence=mention.confidence,
                whole=False,
            )
        return self._keys[key]

    def objection(self, row: MentionRow, cluster_id: int) -> int:
        """The quote of the objection an answer followed: its words' quote when they were
        already quoted (a quote is used once, whichever mention said it)."""
        if ("m", row[0].id, 0) not in self._keys:
            key = self.key(row[0].text)
            same = next((n for n, said in enumerate(self._texts, 1) if repeats(key, [said])), 0)
            if same:
                return same
        return self.mention(row, cluster_id)

    def answer(
        self,
        utterance: Utterance,
        text: str,
        call: Call,
        cluster_id: int,
        replies_to: int | None,
    ) -> int:
        """A rep's reply in a won deal, ``replies_to`` the quote id of the objection it followed."""
        key = ("u", utterance.id, 0)
        if key not in self._keys:
            self._keys[key] = self._add(
                text=text,
                role="rep",
                kind="answer",
                call=call,
                utterance=utterance,
                mention_id=None,
                speaker=f"rep {utterance.speaker}" if utterance.speaker else "rep",
                cluster_id=cluster_id,
                competitor=None,
                replies_to=replies_to,
            )
        return self._keys[key]

    def _add(
        self,
        *,
        text: str,
        role: str,
        kind: str,
        call: Call,
        utterance: Utterance,
        mention_id: int | None,
        speaker: str,
        cluster_id: int | None,
        competitor: str | None,
        replies_to: int | None = None,
        category: str | None = None,
        span: tuple[int, int] | None = None,
        uncertain: bool = False,
        confidence: float | None = None,
        whole: bool = True,
        lead_in: str = "",
    ) -> int:
        """A new quote's id, or (``whole``: not a clause quoted alone) that of a quote of the
        same turn whose words these are, hold or are held in, which then shows the longer."""
        redacted = clip(self.redactor.redact(text))
        same = self._same_turn(utterance.id, text_key(redacted)) if whole else None
        quote = Quote(
            id=len(self.quotes) + 1 if same is None else self.quotes[same].id,
            text=redacted,
            role=role,
            kind=kind,
            call_id=call.id,
            utterance_id=utterance.id,
            mention_id=mention_id,
            call_date=call.call_date,
            account=call.account,
            outcome=call.outcome,
            speaker=speaker,
            cluster_id=cluster_id,
            competitor=competitor,
            replies_to=replies_to,
            category=category,
            char_start=span[0] if span else None,
            char_end=span[1] if span else None,
            industry=call.industry,
            uncertain=uncertain,
            confidence=confidence,
            lead_in=last_words(self.redactor.redact(lead_in)),
            title=self.redactor.redact(call.title) if call.title else None,
        )
        if same is None:
            self.quotes.append(quote)
            self._texts.append(text_key(redacted))
            self._whole.append(whole)
        elif len(text_key(redacted)) > len(self._texts[same]):
            self.quotes[same], self._texts[same] = quote, text_key(redacted)
        self._sentences |= sentence_keys(f"{quote.lead_in} {redacted}")
        return quote.id

    def _same_turn(self, utterance_id: int, key: str) -> int | None:
        """The index of a whole quote of this turn whose words (``text_key``) are ``key``'s,
        hold them or are held in them: a sentence tagged twice (a worry, and a line naming the
        rival), or quoted alone and with the sentence after it, is one source. The same words
        from another call are another source."""
        return next(
            (
                n
                for n, quote in enumerate(self.quotes)
                if quote.utterance_id == utterance_id
                and self._whole[n]
                and repeats(key, [self._texts[n]])
            ),
            None,
        )


def with_deal_outcomes(quotes: Sequence[Quote], outcomes: Mapping[int, str]) -> list[Quote]:
    """The quotes, each with its call's deal's outcome (``pipeline.deals.deal_outcomes``), as
    the cluster pages show it: the discovery call of a deal lost later had been cited "open"."""
    return [replace(q, outcome=outcomes.get(q.call_id, q.outcome)) for q in quotes]


def sentence_keys(text: str) -> set[str]:
    """The keys (``text_key``) of a text's sentences of ``MIN_REPEAT_WORDS`` words or more."""
    keys = (text_key(part) for part in re.split(r"(?<=[.!?…])\s+", text))
    return {key for key in keys if len(key.split()) >= MIN_REPEAT_WORDS}


def buyer_quotes(
    rows: Sequence[MentionRow],
    numberer: QuoteNumberer,
    limit: int,
    rank: QuoteRank,
    *,
    role: str = "buyer",
) -> list[MentionRow]:
    """The buyer's own words only (never a rep's note; ``role="unknown"``: the lines of
    speakers whose side is unknown only), confident first; words already quoted in the
    document (the same, within or around another quote) are not quoted again."""
    chosen: list[MentionRow] = []
    keys: list[str] = []
    sentences: set[str] = set()
    if limit <= 0:
        return chosen
    offered = representative([r for r in rows if r[1].role == role], len(rows), rank)
    # One that cannot stand alone with nothing before it gives way to one of its kind that does.
    for row in readable_first(offered, reads, lambda r: r[0].kind):
        # What the quote shows: "I doubt you can do that." shows the sentence before it, which
        # the page had quoted already (two rows of one comparison said the same); its lead-in
        # is shown too, so neither repeats a sentence quoted elsewhere.
        words = f"{shown_lead_in(row)} {shown(row)}"
        key, said = numberer.key(shown(row)), sentence_keys(numberer.redactor.redact(words))
        if numberer.repeats(key) or numberer.shares_sentence(words) or repeats(key, keys):
            continue
        if said & sentences:
            continue
        chosen.append(row)
        keys.append(key)
        sentences |= said
        if len(chosen) == limit:
            break
    return chosen


def running_on(
    rows: Sequence[MentionRow],
    numberer: QuoteNumberer,
    limit: int,
    rank: QuoteRank,
) -> list[tuple[MentionRow, bool]]:
    """``buyer_quotes``, each with whether its quote may show the sentence after it (what a
    buyer says of a named rival runs on, see ``quote_span``): not where that sentence is
    quoted already or is another of these quotes. "[name] wasn't willing to sign a 24 month
    agreement… Second, half our drivers already use the Motive app…" and "Second, half our
    drivers…" had been Q2 and Q4 of one comparison."""
    chosen = buyer_quotes(rows, numberer, limit, rank)
    own = [sentence_keys(numberer.redactor.redact(shown(row))) for row in chosen]
    paired = []
    for n, row in enumerate(chosen):
        longer = shown(row, goes_on=True)
        others = set().union(*(said for m, said in enumerate(own) if m != n))
        goes_on = not (
            numberer.repeats(numberer.key(longer))
            or numberer.shares_sentence(longer)
            or sentence_keys(numberer.redactor.redact(longer)) & others
        )
        paired.append((row, goes_on))
    return paired
