"""A quote's most telling clause, short enough to name a theme: fillers dropped, a long clause
cut where it still says one thing ("Is annual a problem | if the audit people come back")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.cluster.phrases import CLAUSE, EDGE_WORDS, FUNCTION_WORDS
from pipeline.detect.rules import cue_scores, normalise_quotes
from pipeline.wording import capitalised

MAX_QUOTE_WORDS = 8
QUOTE_SLACK_WORDS = 3  # longer, with nowhere to cut: whole ("...do it in one hour" lost "hour")
# Openers a clause can drop without losing its meaning ("um", "so", "I mean", "to be honest").
_LEADING_FILLER = re.compile(
    r"^(?:(?:um+|uh+|er+m?|so|and|but|or|well|yeah|yes|okay|ok|oh|look|like|also|actually|"
    r"honestly|basically|sorry|right|i mean|to be honest|i'll be honest|then|because|'?cause)"
    r"\b[\s,]*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
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
# "Your tool is nicer | but we can't run two systems": what follows "but" is its own clause,
# and usually what the buyer means (the praise before it had named a set-up theme).
_CONTRAST = re.compile(r"\s+but\s+", re.IGNORECASE)


def quote_clause(quote: str, keywords: Sequence[str] = ()) -> str:
    """The clause of ``quote`` that says most (most keyword words, the worry it states; ties:
    the first), trimmed; "but" starts a clause.

    Leading filler goes ("um, so I mean ..."); a long clause is cut to ``MAX_QUOTE_WORDS`` words,
    before a subordinate clause where there is one ("if ...", "because ..."), and not on a
    dangling word ("the", "and"); a question keeps its question mark.
    """
    # An address is no clause: its dots had cut "...tom@reyesheatingair.com?" into "Com?".
    text = re.sub(
        r"\s+(?=[?.!,;:])", "", " ".join(_ADDRESS.sub(" ", normalise_quotes(quote)).split())
    )
    text = _FIELD_LABEL.sub("", text)  # "Closed Lost Reason: Stayed with Clio" names no field
    key_words = {w for k in keywords for w in k.split()}
    best, best_score = "", -1.0
    parts = (
        part
        for match in re.finditer(r"[^.!?;:,()\[\]\"\u2014\u2013\n]+[?]?", text)
        for part in _CONTRAST.split(match.group(0))
    )
    for part in parts:
        clause = _LEADING_FILLER.sub("", part.strip(" -")).strip()
        words = _WORD.findall(clause)
        lowered = [w.strip("?").lower() for w in words]
        if not any(w not in FUNCTION_WORDS for w in lowered):
            continue
        # The clause that says the worry reads as the theme's name ("we can't run two systems").
        worry = cue_scores(clause).concern
        score = sum(w in key_words for w in lowered) + min(len(words), 4) / 10 + worry
        if score > best_score:
            best, best_score = clause, score
    if not best:
        best = _LEADING_FILLER.sub("", CLAUSE.split(text)[0]).strip() or text
    words = _WORD.findall(best)
    question = best.endswith("?")
    cut = len(words) > MAX_QUOTE_WORDS
    if cut:
        cuts = [k for k in range(3, MAX_QUOTE_WORDS + 1) if words[k].lower() in _SUBORDINATORS]
        # Else before "and"/"but": "Last month that happened four times | and one customer".
        cuts = cuts or [k for k in range(4, MAX_QUOTE_WORDS + 1) if words[k].lower() in _JOINS]
        cut = bool(cuts) or len(words) > MAX_QUOTE_WORDS + QUOTE_SLACK_WORDS  # else whole
        words = words[: cuts[-1] if cuts else MAX_QUOTE_WORDS] if cut else words
        question = question and (bool(cuts) or not cut)  # "Is annual a problem | if ...?"
    while (
        cut
        and len(words) > 2
        and words[-1].strip("?").lower() in EDGE_WORDS - {"it", "them", "that"}
        # "to know" is a verb, not a filler: popping it had named a theme "We still need"
        and words[-2].lower() != "to"
    ):
        words.pop()
        question = False
    clause = " ".join(words).rstrip("?")
    return capitalised(clause + ("?" if question else ""))
