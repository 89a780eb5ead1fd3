"""Who wrote a page of notes: the writer its heading or byline names ("Northgate: demo recap
(Ellie Marsh, 2026-11-03)", "Call with Fiona McLeod — notes by Ellie Marsh", "Author: Ellie
Marsh"; its notes had been spoken by no one), else, when it names no rep, its one attendee of
ours. A Markdown or Notion page lists "Attendees: Sofia Brandt (LettingLoop); Jo Kettering
(Kestrel Homes)" and no author; the one of ours named there is the note-taker (its call had
shown "our speakers: -" and every note line spoken by no one)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.first_names import is_first_name
from pipeline.ingest.base import ParsedCall, Person
from pipeline.ingest.names import name_matches, norm_name
from pipeline.ingest.row_quotes import sign_notes
from pipeline.ingest.titles import title_account
from pipeline.ingest.tool_brands import is_tool_brand
from pipeline.ingest.values import has_legal_form, parse_date

# A person's name as people write one: "Ellie Marsh", "Fiona McLeod", "Siobhan O'Neill",
# "Anne-Marie Diaz"; not "DriveDesk" nor "Northgate Driving School 2".
_NAME_WORD = r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAME = rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})"
# The writer said in words: "notes by Ellie Marsh", "Recap written by Sam Okafor, 3 Nov", a
# header line "Author: Ellie Marsh" (``header.FIELD_LABELS`` makes them our speakers).
_WRITTEN_BY = re.compile(
    rf"(?:\b(?i:notes|recap|summary|minutes|write-?up|written|taken|prepared)[ \t]+(?i:by)"
    rf"|^[*_]*(?i:author|notes by|written by|note ?taker)[*_]*:[*_]*)[ \t]+{_NAME}(?![\w'’-])"
)
# A name beside the date in brackets: "(Ellie Marsh, 2026-11-03)", "(Sam Okafor · 3 Nov 2026)".
_DATED_NAME = re.compile(rf"\(\s*{_NAME}\s*[,·|–—-]\s*(?P<date>[^()]{{4,40}})\)")


def _byline(lines: Sequence[str]) -> tuple[str, bool] | None:
    """The writer's name the first line naming one gives, and whether it said so in words
    (``notes by``) rather than only beside a date."""
    for line in lines:
        if found := _WRITTEN_BY.search(line):
            return found.group("name"), True
        for dated in _DATED_NAME.finditer(line):
            if parse_date(dated.group("date").strip()) is not None:
                return dated.group("name"), False
    return None


def _could_be_ours(name: str, said_in_words: bool) -> bool:
    """A person's name, not a company's, a tool's ("Notes by Gemini") or our product's: a lone
    word only when it is a first name; beside a date only a name starting with a first name
    (the date's bracket holds a company as readily: "(Northgate Driving School, 3 Nov)")."""
    words = name.split()
    if has_legal_form(name) or is_tool_brand(name) or (len(words) == 1 and not said_in_words):
        return False
    return is_first_name(words[0]) or (said_in_words and len(words) > 1)


def _buyer_side(name: str, call: ParsedCall, companies: Sequence[str], listed: bool) -> bool:
    """Whether the file places ``name`` with the buyer: quoted as the buyer, a buyer contact,
    at another company than ours, the account itself; ``listed``: or among those met, unless
    at our company."""
    ours = {norm_name(company) for company in companies}
    account = call.account or (title_account(call.title) if call.title else None)
    if account and f" {norm_name(name)} " in f" {norm_name(account)} ":
        return True
    if any(
        u.role == "buyer" and u.speaker and name_matches(u.speaker, name) for u in call.utterances
    ):
        return True
    for person in call.people:
        if person.role == "rep" or not name_matches(person.name, name):
            continue
        if person.company and norm_name(person.company) in ours:
            continue  # listed as one of ours: "Ellie Marsh (DriveDesk)"
        if listed or person.role == "buyer" or (person.company and ours):
            return True
    return False


def note_author(call: ParsedCall, names: Sequence[str], companies: Sequence[str]) -> str | None:
    """The writer a notes page's heading or byline names, as our roster writes them (``names``:
    our people); None when it names no one, someone of the buyer's, or someone other than the
    reps the file or the user already named."""
    found = _byline([call.title or "", *call.extra.get("header_lines", [])])
    if found is None:
        return None
    name, said_in_words = found
    team = [ours for ours in names if name_matches(name, ours)]
    if team:
        return team[0]
    if call.our_speakers or not _could_be_ours(name, said_in_words):
        return None
    return None if _buyer_side(name, call, companies, listed=not said_in_words) else name


def _sign_as(call: ParsedCall, author: str) -> None:
    """``author`` is one of ours and wrote the page's notes (quotes in them stay the buyer's)."""
    if not any(name_matches(author, ours) for ours in call.our_speakers):
        call.our_speakers.append(author)
    person = next((p for p in call.people if name_matches(p.name, author)), None)
    if person is None:
        call.people.append(Person(author, role="rep"))
    else:
        person.role = "rep"
    for utterance in call.utterances:
        if utterance.role == "rep_note" and utterance.speaker is None:
            utterance.speaker = author


def settle_note_takers(call: ParsedCall, names: Sequence[str], companies: Sequence[str]) -> None:
    """A notes page's writer: the one its heading or byline names, else its one attendee of
    ours (``companies``, or one of ``names``, the roster) when no rep is named."""
    written = [u for u in call.utterances if u.role_from_source or u.quoted]
    if len(written) != len(call.utterances) or not any(u.role == "rep_note" for u in written):
        return  # it has spoken turns, or no notes
    author = note_author(call, names, companies)
    if author is not None:
        _sign_as(call, author)
        return
    if call.our_speakers:
        return  # a "Rep:" names who sold, not who wrote: the notes stay unsigned
    ours = {norm_name(company) for company in companies}
    takers = [
        person.name
        for person in call.people
        if person.role == "rep"
        or (person.company and norm_name(person.company) in ours)
        or any(name_matches(person.name, name) for name in names)
    ]
    call.our_speakers = list(dict.fromkeys(takers))
    sign_notes(call)
