"""A recap's line that reports someone in the third person ("Simon asked whether we are on
G-Cloud.", "They mentioned that the board meets in May."): the rep's account of what was said,
not anyone's words. Under a bare label ("**Karen:**") such a bullet had been given to Karen as
her own words, and with a quote nowhere in it no buyer sentence is there to keep."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.first_names import is_first_name
from pipeline.ingest.base import Person
from pipeline.ingest.names import name_matches

# Verbs that say someone spoke: with a name or "They"/"He"/"She" as the subject.
_SPOKE = (
    r"asked|wondered|queried|mentioned|said|told (?:us|me|him|her|them)|explained|noted"
    r"|raised|flagged|confirmed|pointed out|suggested|agreed|added|replied|shared|stressed"
    r"|(?:was|is|seemed) (?:worried|concerned|keen|unsure|sceptical|skeptical)"
)
# Verbs that report a wish or a view: only with a name ("They want…" may be the speaker's own
# words about their council or board).
_WANTS = r"wants?|wanted|needs|would (?:like|prefer)|prefers|thinks|thought|feels|felt"
_ADVERB = r"(?:\s+(?:[a-z]+ly|also|then|later|again|too|just|still|first))*"
_SUBJECT = r"(?P<subject>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)(?:\s*\([^()\n]{1,40}\))?"
_REPORTED = re.compile(rf"^{_SUBJECT}{_ADVERB}\s+(?:(?P<spoke>{_SPOKE})|(?P<wants>{_WANTS}))\b")
_PRONOUNS = frozenset({"they", "he", "she"})
# Someone speaking for themselves or to someone: "I", "we", "you", "our", "me".
_FIRST_OR_SECOND = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|we|we're|we've|we'd|we'll|our|ours|us|my|me|you|you're|your)\b",
    re.IGNORECASE,
)


def speaks_for_oneself(text: str) -> bool:
    """Words in the first or second person ("We retype every job sheet"): someone's own, not a
    note about them ("Retypes every job sheet", "Wants monthly billing")."""
    return bool(_FIRST_OR_SECOND.search(text.replace("’", "'")))


def reports_someone(text: str, people: Sequence[Person]) -> bool:
    """Whether ``text`` opens by reporting a person (one the call lists, or a first name) or
    "They"/"He"/"She" as having spoken; a wish or view ("Simon wants…") only for a name."""
    found = _REPORTED.match(text.strip())
    if found is None:
        return False
    subject = found.group("subject")
    if subject.casefold() in _PRONOUNS:
        return found.group("spoke") is not None
    return _is_a_person(subject, people)


def _is_a_person(name: str, people: Sequence[Person]) -> bool:
    """A person the call lists ("Simon" ~ Simon Edge) or a known first name ("Simon")."""
    return any(name_matches(name, person.name) for person in people) or is_first_name(
        name.split()[0]
    )
