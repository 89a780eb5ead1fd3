"""A rep's note is the rep's words: a buyer sentence quoted in it (``Grace: "we tried that with
RotaPro and hated it"``) becomes its own buyer utterance, and the replies quoted in a pasted
email thread are left out, so nothing else in a note is ever shown as what the buyer said."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from pipeline.detect.sentences import split_sentences
from pipeline.first_names import is_first_name
from pipeline.ingest.base import ParsedCall, ParsedUtterance, Person
from pipeline.ingest.names import name_matches
from pipeline.ingest.recap_headings import heading_speaker
from pipeline.ingest.reported_lines import reports_someone
from pipeline.lazy_regex import lazy_compile
from pipeline.person_positions import TITLE
from pipeline.wording import introduces_a_quote, opens_a_quote

_QUOTE = lazy_compile(r'"(?P<straight>[^"\n]{2,500})"|“(?P<curly>[^”\n]{2,500})”')
# A role in brackets may follow the name: "Dave (ops) said", "Lisa (GM):".
_ROLE = r"(?:\s*\((?P<role>[^()\n]{1,30})\))?"
# How a note says someone spoke, or put a worry: "asked", "pushed back", "worried about GDPR:".
_SAID = (
    r"(?:said|says|told (?:us|me)|mentioned|asked|explained|added|replied|put it|called it|wrote"
    r"|answered|responded|commented|confirmed|admitted|insisted|warned|complained|objected"
    r"|pushed back|pointed out|stressed|joked|chimed in|cut in|interjected|vented|grumbled"
    r"|(?:(?:was|is|got)\s+)?(?:worried|concerned|nervous|sceptical|skeptical))"
)
# Between the name and the verb: "Tyler (dockmaster) separately said", "Ana also asked".
_ADVERB = r"(?:\s+(?:[a-z]+ly|also|then|later|again|too|just|still|even|first|once))*"
_SAID_BY = lazy_compile(
    rf"\b(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)?){_ROLE}{_ADVERB}\s+{_SAID}\b"
)
_NAME_BEFORE = lazy_compile(
    rf"(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,2}}){_ROLE}\s*[:,]?\s*$"
)
# A lead-in whose subject says who speaks next: "Amir worried about migration:", "Dana, on the
# price -". The quote after it had had no speaker while a later "Amir:" was Amir Shah.
_SUBJECT_BEFORE = lazy_compile(
    rf"^\s*(?P<name>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)?){_ROLE},?\s+[a-z][^\"“:]*[:\-–—]\s*$"
)
# The rep quoting themself, or a quoted term rather than speech ("set to "require approval"").
_REP_SAID = lazy_compile(
    r"\b(?:I|we)(?:'ve| have)?\s+(?:said|told|offered|explained|replied|answered|mentioned|"
    r"promised|wrote|suggested|pitched|proposed)\b|\btold (?:her|him|them)\b",
    re.IGNORECASE,
)
_TERM = lazy_compile(
    r"\b(?:set to|called|named|labell?ed|titled|the words?|marked(?: as)?|status|setting|option|"
    r"button|field|tab|menu|template)\s*$",
    re.IGNORECASE,
)
_MIN_WORDS = 3
# A quote this short with no one's lead-in before it is the rep's choice of words ("Said the
# price is "a fair whack" for a 3,000ha place."), not a sentence the buyer said.
_WORD_CHOICE_WORDS = 6
# What lets a quote stand as a sentence: "Dave:", "Dave said", "she asked", "called it", "-",
# "Their COO's words were".
_LEAD_IN_END = lazy_compile(
    rf"(?:[:\-–—(]|\b(?:{_SAID}(?:\s+that)?|words?(?:\s+(?:were|was))?),?)\s*$", re.IGNORECASE
)
# The rep's sentence going on straight after the quote ("is "a fair whack" for a 3,000ha
# place"); not a joining word before another quote ("…" and "…"), nor who said it or the next
# quote's lead-in ("…" he said, "…" also she said "…").
_GOES_ON = lazy_compile(
    rf"^[ \t]*(?!(?:and|or|but)\s*[\"“]|(?:[\w'’]+\s+){{1,2}}{_SAID}\b)[^\W_]",
    re.IGNORECASE,
)
_REPLY_HEADER = lazy_compile(
    r"^\s*(?:On\s.{4,200}\swrote:|-{2,}\s*Original Message\s*-{2,}|_{5,}|"
    r"From:\s.+<[^>]+@[^>]+>.*)\s*$",
    re.IGNORECASE,
)


def strip_replies(lines: list[str]) -> tuple[list[str], int]:
    """The lines of a note without the email replies pasted under it (from ``On ... wrote:``
    or ``-----Original Message-----`` on, ``>`` quotes included); returns the kept lines and
    how many were left out. A Markdown ``>`` quote with no reply header is kept."""
    for index, line in enumerate(lines):
        if index > 0 and _REPLY_HEADER.match(line):
            return lines[:index], len(lines) - index
    return lines, 0


def _speaker(
    before: str,
    earlier: str,
    people: Sequence[Person],
    reps: Sequence[str],
    previous: str | None = None,
) -> tuple[bool, str | None]:
    """Whether a quote preceded by ``before`` is the buyer's, and who said it when known: the
    person its lead-in names (``_named_speaker``), else ``previous`` (who said the note's last
    quote: ``Also: "…"`` goes on with Aisha's words), else its one buyer contact."""
    if _REP_SAID.search(before) or _TERM.search(before):
        return False, None
    named = _named_speaker(before, earlier, people, reps)
    if named is not None:
        return named
    buyers = [p for p in people if p.role == "buyer" and p.name.casefold() not in reps]
    return True, previous or (buyers[0].name if len(buyers) == 1 else None)


def _named_speaker(
    before: str, earlier: str, people: Sequence[Person], reps: Sequence[str]
) -> tuple[bool, str | None] | None:
    """Who the lead-in ``before`` names, in the first of its shapes that names someone: "Tyler
    (dockmaster) separately said", "Grace:", "Amir worried about Xero:" (its "Xero:" names no
    one, so the quote had gone to the note's previous speaker). A person the call names
    (``Grace:`` ~ Grace Whitfield), the full name the notes write ("Femi:" after "Spoke with
    Femi Adeyemi"), else the name as written; "He said" is the person named last in
    ``earlier`` (the note up to the quote). ``(False, None)``: one of ours; None: no one."""
    buyers = [p for p in people if p.role != "rep" and p.name.casefold() not in reps]
    shapes = (_SAID_BY.search(before), _NAME_BEFORE.search(before), _SUBJECT_BEFORE.match(before))
    for shape, named in enumerate(shapes):
        if named is None:
            continue
        name: str | None = named.group("name")
        pronoun = named.group("name").casefold() in _PRONOUNS
        if pronoun:
            name = _named_last(earlier[: len(earlier) - len(before) + named.start("name")], people)
        if name is None:
            continue
        if any(name_matches(name, rep) for rep in reps):
            return False, None
        matches = [person.name for person in buyers if name_matches(name, person.name)]
        if len(matches) == 1:
            return True, matches[0]
        # Only a person speaks: "Tyler (dockmaster) said", "Callum worried" name one.
        spoke = shape == 0 and (_is_role(named.group("role")) or _is_a_name(name))
        person = None if matches else name if pronoun else _person_named(name, earlier, spoke)
        if person is not None:
            return True, person
    return None


# Words that open a note's sentence before a speech verb and name no one ("Also said", "Owner
# asked"): the quote after them goes on with the previous speaker or the note's contact.
_NOT_NAMES = frozenset(
    "also then later again and but so finally separately initially eventually basically "
    "honestly apparently everyone everybody someone somebody nobody each both all it "
    "this that there who owner buyer customer client prospect contact lead boss manager team "
    "board committee rep caller".split()
)


def _is_a_name(name: str) -> bool:
    """A word written as a name ("Callum", "Ffion Rhys"), not a capitalised opener or a role."""
    first = name.split()[0]
    return first.casefold() not in _NOT_NAMES and first[1:].islower()


def _is_role(bracket: str | None) -> bool:
    """``(dockmaster)``, ``(ops)``: a role beside a name, not a time ("(12:41)")."""
    return bool(bracket) and not any(char.isdigit() for char in bracket or "")


_PRONOUNS = frozenset({"he", "she", "they"})
_CAPITALISED = lazy_compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")


def _named_last(text: str, people: Sequence[Person]) -> str | None:
    """The person a note names last before "He said": one it says said something (``Piotr
    Nowak said…``), a first name (``Claire confirmed…``) or a person the call lists."""
    found: dict[int, str] = {}
    for match in _CAPITALISED.finditer(text):
        first = match.group().split()[0]
        if is_first_name(first) or any(name_matches(first, p.name) for p in people):
            found[match.start()] = match.group()
    for match in _SAID_BY.finditer(text):
        if match.group("name").casefold() not in _PRONOUNS:
            found[match.start("name")] = match.group("name")
    return found[max(found)] if found else None


def _person_named(name: str, written: str, person: bool = False) -> str | None:
    """``Femi`` as the notes write them in full ("Spoke with Femi Adeyemi"), else a first name
    as given (any name when ``person``: the lead-in says a person spoke); None for a lead-in
    that names no one ("Pain Point:"). A title's surname ("Dr. Haddad") is the person the notes
    name in full ("Dr. Amira Haddad"), else as written."""
    titled = re.match(rf"{TITLE}\s+(?P<surname>\S+)$", name)
    if titled:
        surname = re.escape(titled.group("surname"))
        full = re.search(rf"\b{TITLE}\s+(?P<name>[A-Z][\w'’-]+\s+{surname})\b", written)
        return full.group("name") if full else name
    if len(name.split()) == 1:
        full = re.search(rf"\b{re.escape(name)}\s+(?P<last>[A-Z][\w'’-]+)\b", written)
        if full:
            return f"{name} {full.group('last')}"
    return name if person or is_first_name(name.split()[0]) else None


def holds_a_quote(text: str) -> bool:
    """A line quoting someone's words ("Tom asked "could we do the import in January?""): a
    notes template's "Next steps" item that quotes the buyer is kept with the notes."""
    return any(
        len((found.group("straight") or found.group("curly")).split()) >= _MIN_WORDS
        for found in _QUOTE.finditer(text)
    )


def _split_note(
    note: ParsedUtterance,
    people: Sequence[Person],
    reps: Sequence[str],
    written: str = "",
    previous: str | None = None,
) -> list[ParsedUtterance]:
    """The note around each buyer quote in it; ``written``: the call's notes before this one.
    Under a bare label naming someone (``said_by``) the note is their words: its quotes a
    buyer's, as anywhere in notes; unquoted, their side is left to ``assign_roles``, unless it
    reports someone ("Simon asked whether…"). Under a label naming one of ours it stays ours.
    ``previous``: who said the last quote before it, for a quote that names no one."""
    said_by = _named_speaker(f"{note.said_by}:", written, people, reps) if note.said_by else None
    if said_by is not None and not said_by[0]:
        return [note]
    labelled = said_by[1] if said_by else None
    pieces: list[ParsedUtterance] = []
    text, position = note.text, 0
    previous = labelled or previous  # who said the note's last buyer quote
    for match in _QUOTE.finditer(text):
        quoted = (match.group("straight") or match.group("curly")).strip()
        if len(quoted.split()) < _MIN_WORDS:
            continue
        sentence = text[position : match.start()]
        lead = _sentence_start(sentence)
        if _is_word_choice(sentence[lead:], quoted, text[match.end() :]):
            continue
        earlier = f"{written}\n{text[: match.start()]}"
        is_buyer, speaker = _speaker(sentence[lead:], earlier, people, reps, previous)
        if not is_buyer:
            continue
        # The lead-in ("Kelly:") apart from the note before it ("Enerflo handles their
        # financing;"): it says nothing itself, and the note keeps no speaker's label.
        pieces.extend([_note(sentence[:lead], note), _lead_in(sentence[lead:], note)])
        pieces.append(_said(quoted, speaker, note))
        position, previous = match.end(), speaker
    if not pieces:  # "Simon asked whether…" under "**Karen:**" is the rep's report
        spoken = labelled and not reports_someone(text, people)
        return [_said(text, labelled, note, stated=False)] if spoken else [note]
    pieces.append(_note(text[position:], note))
    # "Walt:" before his quote stays the rep's note (the labelled sets address sentences by
    # their turn); the detector reads such a lead-in as saying nothing (``introduces_a_quote``).
    return [piece for piece in pieces if any(char.isalnum() for char in piece.text)]


def _said(
    words: str, speaker: str | None, note: ParsedUtterance, *, stated: bool = True
) -> ParsedUtterance:
    """Someone's words written in ``note``: a quote, not a turn of the call. ``stated``: the
    buyer's, as quotation marks in a note say; else the side of the person a bare label names
    is settled with the rest ("**Hattie:**" may head what our rep showed)."""
    role = "buyer" if stated else "unknown"
    kind = note.note_kind  # "Objection: "…"": the rep's label holds for the quote under it
    return ParsedUtterance(
        words, speaker, note.start_seconds, role, None, stated, quoted=True, note_kind=kind,
        note_category=note.note_category,
    )  # fmt: skip


def _sentence_start(text: str) -> int:
    """Where the last sentence of ``text`` starts (its end when ``text`` ends one); a title
    ("Dr. Patel said") ends no sentence, a semicolon ends one."""
    spans = split_sentences(f"{text} x")  # "x": a sentence of its own only after an end
    start = spans[-1][0] if len(spans) > 1 or spans[-1][2] != "x" else 0
    start = min(start, len(text))
    semicolon = text.rfind(";", start)
    return semicolon + 1 if semicolon >= 0 else start


def _is_word_choice(lead_in: str, quoted: str, after: str) -> bool:
    """A quote inside the rep's own sentence, not introduced as someone's words: a short one
    ("and "wouldn't know what an app is"") or one the sentence goes on after ("is "a fair
    whack" for a 3,000ha place")."""
    if not lead_in.strip() or _LEAD_IN_END.search(lead_in):
        return False
    ended = quoted.rstrip("\"'”’)").endswith((".", "!", "?", "…"))
    return len(quoted.split()) <= _WORD_CHOICE_WORDS or (not ended and bool(_GOES_ON.match(after)))


def _lead_in(text: str, like: ParsedUtterance) -> ParsedUtterance:
    """The words before a quote; a bare lead-in ("Niamh:", "Dev said") only says who speaks
    (one the quote goes on from, "Dev said the fee", is read with it: ``detect.quote_leads``),
    so the rep's label over the note ("Objection - price:") goes with the quote, not with it
    (it had been a price objection of its own)."""
    lead_in = _note(text, like)
    if introduces_a_quote(lead_in.text) or opens_a_quote(lead_in.text) is not None:
        lead_in.note_kind = lead_in.note_category = None
    return lead_in


def _note(text: str, like: ParsedUtterance) -> ParsedUtterance:
    """The rep's words around a quote, without the brackets and stops that held it."""
    text = " ".join(text.split()).lstrip(" )”\"'.,;-–—").rstrip(" (“\"',;")
    return ParsedUtterance(text, like.speaker, like.start_seconds, like.role, like.company,
                           like.role_from_source, note_kind=like.note_kind,
                           note_category=like.note_category)  # fmt: skip


# A voicemail notification's transcription (RingCentral, Dialpad, Google Voice): the caller's
# own words. "Transcription (Preview): Hi Sophie it's Fiona from Oakwood Music…" had been a
# rep's note, and the caller's GDPR worry no buyer quote.
_VOICEMAIL = lazy_compile(
    r"^(?i:(?:voice ?mail|message)\s+)?(?i:transcription|transcript|transcribed)"
    r"(?:\s*\((?i:preview|beta|automatic)\))?\s*:\s*(?P<text>\S.*)$"
)


_CALLER_NAME = r"(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3})"
# The caller a notification names: caller ID as a name and a number ("From: SOPHIE GRANT (+1
# 480-555-0133)"), or a subject "New voicemail from Sophie Grant".
_CALLER = (
    re.compile(rf"\b(?i:from)\s*:?\s+{_CALLER_NAME}\s*\(?\s*\+?\d[\d \t().-]{{6,}}"),
    re.compile(rf"\b(?i:voice ?mail|voice message|message)\s+(?i:from)\s+{_CALLER_NAME}\s*$"),
)
# Caller IDs that name no one: "WIRELESS CALLER", "Unknown", "PHOENIX AZ" (a carrier's city).
_NO_ONE = lazy_compile(
    r"\b(?i:caller|unknown|private|anonymous|restricted|unavailable|blocked|number|toll|free"
    r"|wireless|cell|phone|mobile)\b|\b[A-Z]{2}$"
)


def voicemail_caller(lines: Sequence[str]) -> str | None:
    """The caller's name a voicemail notification gives, in the case people write it; None
    when it gives only a number or a carrier's placeholder (the speaker had been "Caller")."""
    for line in lines:
        for pattern in _CALLER:
            found = pattern.search(line)
            words = found.group("name").split() if found else []
            name = " ".join(takewhile(lambda word: word[0].isupper(), words))
            if len(name.split()) >= 2 and not _NO_ONE.search(name):
                return name.title() if name.isupper() else name
    return None


def quote_buyers(call: ParsedCall) -> None:
    """Split every rep note of ``call`` around the buyer sentences it quotes; a voicemail's
    transcription is the caller's (a buyer's) words."""
    reps = [name.casefold() for name in call.our_speakers]
    notes = [u for u in call.utterances if u.role == "rep_note"]
    voicemails = [m for u in notes if (m := _VOICEMAIL.match(u.text))]
    if voicemails:
        # The notification around it ("You have a new voice message.", "Listen to the
        # message: https://…") is no one's words: the caller's are the call.
        call.extra["notification"] = [u.text for u in notes if not _VOICEMAIL.match(u.text)]
        # The caller ID may be a header line ("From: TREVOR PASCOE (+61 428 555 017)").
        named_in = [
            call.title or "",
            *call.extra["notification"],
            *call.extra.get("header_lines", []),
        ]
        caller = voicemail_caller(named_in)
        if caller is not None and caller.casefold() not in reps:
            call.people.append(Person(caller, role="buyer"))
        call.utterances = [
            *(u for u in call.utterances if u.role != "rep_note"),
            *(ParsedUtterance(m.group("text").strip(), caller or "Caller", None, "buyer", None,
                              True) for m in voicemails),
        ]  # fmt: skip
        return
    result: list[ParsedUtterance] = []
    written = ""  # the notes so far: "Spoke with Femi Adeyemi" names the "Femi:" of a later one
    quoted: str | None = None  # who said the last quote, for a labelled segment's ("Pain: "…"")
    for utterance in call.utterances:
        if utterance.role == "rep_note":
            if utterance.heading and not utterance.said_by:
                utterance.said_by = heading_speaker(utterance.heading, call.people, reps)
            carried = quoted if utterance.note_kind else None  # a label goes on with the note
            pieces = _split_note(utterance, call.people, reps, written, carried)
            result.extend(pieces)
            quoted = next((p.speaker for p in reversed(pieces) if p.quoted), carried)
            written = f"{written}\n{utterance.text}"
        else:
            result.append(utterance)
    call.utterances = result
