"""Counted nouns read right everywhere ("1 call", "2 calls"): the web pages' ``plural`` filter,
the CLI and the API messages all use :func:`plural`; sizes with :func:`file_size` ("25 MB")."""

from __future__ import annotations

import re

_SIBILANT = re.compile(r"(s|sh|ch|x|z)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def plural_of(word: str) -> str:
    """The regular English plural of a singular noun (a phrase: of its last word)."""
    if _CONSONANT_Y.search(word):
        return word[:-1] + "ies"
    if _SIBILANT.search(word):
        return word + "es"
    return word + "s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``"1 call"``, ``"0 calls"``, ``"3 replies"``; ``many`` for an irregular plural."""
    return f"{count} {word if count == 1 else many or plural_of(word)}"


def with_article(word: str) -> str:
    """``"an objection"``, ``"a pain"``: a noun after its indefinite article (by its first
    letter, enough for the words callmine counts)."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def file_size(count: int) -> str:
    """A size as people read it: ``"25 MB"`` (26,214,400 bytes), ``"30.5 MB"``, ``"256 KB"``;
    the upload limit had read "the 26,214,400-byte upload limit"."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return plural(count, "byte")


def capitalised(text: str) -> str:
    """``text`` with its first letter up, as a heading or a name starts; a first word written
    with a capital inside is a brand spelled its own way ("ezyVet", "iPhone", "eBay") and keeps
    it (a theme "ezyVet offered month to month" had been headed "EzyVet")."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if any(char.isupper() for char in first[1:]):
        return text
    return text[:1].upper() + text[1:]


_DOUBLE = '"“”„'
# Quotations one after another and nothing else: a note's `Sam: "We're not renewing." "The main
# thing is the lift-outs."` is two sentences of one buyer, not one quotation around a quote.
_QUOTATIONS = re.compile(r'\s*(?:["“„][^"“”„]*["”]\s*)+')
_QUOTATION = re.compile(r'["“„]([^"“”„]*)["”]')


def _wraps(text: str) -> bool:
    """Whether the marks at both ends of ``text`` are one quotation's: the first mark inside
    opens another (``"He said "no" twice."``), it does not close the first one
    (``"Fine," he said, "ok."``)."""
    inner = text[1:-1]
    at = next((i for i, ch in enumerate(inner) if ch in _DOUBLE), None)
    if at is None:
        return True
    before, after = inner[at - 1 : at], inner[at + 1 : at + 2]
    return (
        inner[at] not in "”"
        and (not before or before.isspace() or before in "([—–-")
        and (bool(after) and not after.isspace())
    )


def quotable(text: str) -> str:
    """A quote's text ready to sit between “ and ”: marks wrapping the whole text go, and so do
    those of quotations that make up the whole text one after another; a stray mark left at
    either end by sentence splitting goes (``…contracts in it."`` would read ``it."”``), and a
    quotation inside becomes ‘…’ so marks never double up."""
    text = text.strip()
    if _QUOTATIONS.fullmatch(text):
        return " ".join(part.strip() for part in _QUOTATION.findall(text) if part.strip())
    while len(text) > 1 and text[0] in _DOUBLE and text[-1] in _DOUBLE and _wraps(text):
        text = text[1:-1].strip()
    if sum(ch in _DOUBLE for ch in text) % 2:
        if text and text[-1] in _DOUBLE:
            text = text[:-1].rstrip()
        elif text and text[0] in _DOUBLE:
            text = text[1:].lstrip()
    out: list[str] = []
    opening = True
    for ch in text:
        if ch in _DOUBLE:
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


# "Their GM said", "Walt:", "Owner mentioned", "Migration: Jorge said" with nothing after: a
# note's lead-in to a quote.
_LEAD_IN = re.compile(
    # A topic first: "Migration: Jorge said", "Pricing (12:41): Kelly said"; a role in brackets
    # after a name: "Dave (ops) said".
    r"^(?:[-*•]\s*)?(?:[\w'’.-]+(?:\s+[\w'’.-]+)?(?:\s*\([^()]{1,20}\))?:\s+)?"
    r"(?:[\w'’.…-]+\s+|\([^()]{1,30}\)\s+){0,4}"
    r"(?:[\w'’.-]+:|\([^()]{1,30}\):|(?:said|says|asked|mentioned|added|noted"
    r"|told (?:us|me)|(?:called|put|described) it)\s*[:,.—–-]?)$",
    re.IGNORECASE,
)


def introduces_a_quote(sentence: str) -> bool:
    """A lead-in whose quote was taken out as the buyer's own line ("Their GM said", "Walt:"):
    it says nothing by itself."""
    return bool(_LEAD_IN.match(sentence.strip()))


# "Price: Graham said £32 per engineer", "Dana said it's" before a quote that goes on from it:
# the rep starts the sentence, the buyer's quoted words end it.
_OPEN_LEAD_IN = re.compile(
    r"^(?:[-*•]\s*)?(?:[\w'’.-]+(?:\s+[\w'’.-]+)?(?:\s*\([^()]{1,20}\))?:\s+)?"
    r"(?:[\w'’.…-]+\s+|\([^()]{1,30}\)\s+){1,4}?"
    r"(?:said|says|mentioned|added|noted|told (?:us|me)|reckons|reckoned|thinks|thought|feels"
    r"|felt)(?:\s+that)?\s+(?P<reported>[^\s.!?:;,\"“”(—–-][^.!?:;\"“”]{0,60}?)\s*$",
    re.IGNORECASE,
)


def opens_a_quote(lead_in: str) -> str | None:
    """The rep's words a quote goes on from ("£32 per engineer" in "Price: Graham said £32 per
    engineer" before "is fine for the big boys but we're six blokes"), None for any other
    note: what the quote is read with, while the buyer's words alone are the quote."""
    found = _OPEN_LEAD_IN.match(lead_in.strip())
    reported = found.group("reported") if found else ""
    return reported if reported and not reported.endswith(("-", "–", "—", ",")) else None


# "Mats is our IT consultant, he'll ask the hard questions.": who someone on the call is.
_INTRODUCES = re.compile(
    r"^(?:and\s+|so\s+|also\s+)?(?:this is\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?"
    r"(?:'s|’s|\s+is|\s+here is)\s+(?:our|my)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:consultant|administrator|admin|manager|partner|paralegal|assistant|associate|colleague"
    r"|director|head|lead|bookkeeper|accountant|owner|founder|co-?founder|cfo|ceo|coo|cto|boss"
    r"|person|guy|specialist|coordinator|officer|engineer)\b(?![^,;.]*\b(?:but|and)\b)",
)


def introduces_someone(sentence: str) -> bool:
    """A buyer saying who a colleague is ("Ken's our firm administrator, he'd be the one
    running it"): no objection, though it sat in a security theme beside one."""
    return bool(_INTRODUCES.match(sentence.strip()))
