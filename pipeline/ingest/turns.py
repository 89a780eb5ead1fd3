"""Speaker-labelled lines, in every shape meeting tools write:

``Name: text``, ``[00:01:02] Name (Company): text``, ``**Name:** text``, ``@Name [0:07]: text``,
``REP: text``; or a line naming the speaker with the text below it: ``Name  00:01:02`` (Otter),
``00:00:03 Name`` and ``0:00 - Name (Company)`` (time first, Fathom), ``[Name] 11:02:09`` (Zoom),
``Name: 00:00``; a name may be Teams' ``Surname, First (Dept)``. Shared by the plain-text,
subtitle and DOCX readers.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.ingest.base import ParsedUtterance, Person
from pipeline.ingest.call_lines import phone_key
from pipeline.ingest.header import KNOWN_LABELS, label_key
from pipeline.ingest.label_markup import untagged_label
from pipeline.ingest.names import LAST_FIRST, bracket_company, first_last, is_outsider_tag
from pipeline.ingest.preamble import is_footer, is_rule, is_summary_heading, section_name
from pipeline.ingest.role_labels import PHONE_SPEAKER, UNSIDED_PHONE, bracket_side, role_of_label
from pipeline.ingest.values import parse_timestamp
from pipeline.lazy_regex import lazy_compile
from pipeline.redact import is_phone_number

_TS = r"\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# "Okafor, Janet" (Teams, Outlook) first: read as one name, else "Okafor" would end at the comma.
_NAME = rf"(?:{LAST_FIRST}|[^\W\d_][\w.'’\-]*(?:[ \t][\w.'’][\w.'’\-]*){{0,4}})"  # "Webb -": no
# A phone number as the label (Aircall, Dialpad): the other party, whom the tool could not name.
_PHONE = r"\+?\(?\d[\d \t().-]{5,22}\d"
_COMPANY = r"(?:[ \t]*\((?P<company>[^()\n]{1,80})\))?"
_EM = r"[*_]{0,2}"  # Markdown bold or italics around a label or its time: "**[00:22] Gemma:**"
_LABEL = lazy_compile(
    rf"^[ \t]*(?:{_EM}[\[(]?(?P<ts>{_TS})[\])]?{_EM}[ \t]*[-–—|]?[ \t]*)?"
    rf"[*_]{{0,2}}@?(?:(?P<name>{_NAME})|(?P<phone>{_PHONE})){_COMPANY}"
    rf"[ \t]*(?:[\[(](?P<ts2>{_TS})[\])])?[*_]{{0,2}}"
    rf"[ \t]*:[*_]{{0,2}}(?:[ \t]+(?P<text>.*))?$"
)
# A line naming the speaker and the time, with the text on the lines below.
_HEADERS = (
    re.compile(  # Maya Chen  00:01:02   |   Maya Chen (Acme) | 1:02   |   [Maya Chen] 11:02:09
        rf"^[ \t]*[*_]{{0,2}}(?P<open>\[)?@?(?:(?P<name>{_NAME})|(?P<phone>{_PHONE}))(?(open)\])"
        rf"{_COMPANY}[*_]{{0,2}}"
        rf"[ \t]*[|·\-–]?[ \t]+{_EM}[\[(]?(?P<ts>{_TS})[\])]?{_EM}[ \t]*$"
    ),
    re.compile(  # 00:00:03 Maya Chen   |   0:00 - Maya Chen (Acme)
        rf"^[ \t]*{_EM}[\[(]?(?P<ts>{_TS})[\])]?{_EM}[ \t]*(?:[-–—|][ \t]*)?[*_]{{0,2}}@?"
        rf"(?:(?P<name>{_NAME})|(?P<phone>{_PHONE})){_COMPANY}[*_]{{0,2}}[ \t]*$"
    ),
)
# [Maya Chen] text  (subtitles)
_BRACKETED = lazy_compile(rf"^[ \t]*\[(?P<name>{_NAME})\]{_COMPANY}[ \t]*:?[ \t]+(?P<text>\S.*)$")
_TS_LINE = lazy_compile(rf"^[ \t]*[\[(]?(?P<ts>{_TS})[\])]?[ \t]*$")
# A time opening a turn's text or a paragraph (Sonix: "Mike Tran: [00:00:36] We probably…"):
# in brackets, or bare when it has hours ("00:01:51 Totally fair"; "10:30 works" is speech).
_LEADING_TS = lazy_compile(
    rf"^[ \t]*(?:[\[(](?P<ts>{_TS})[\])]|(?P<bare>\d{{1,2}}:\d{{2}}:\d{{2}}(?:[.,]\d{{1,3}})?))"
    rf"[ \t]*[-–—|]?[ \t]+(?=\S)"
)
_PARTICLES = {"de", "van", "von", "da", "del", "der", "di", "le", "la", "du", "bin", "al", "y"}
_TIMED_SHARE = 0.8  # when this share of turns carry a time, an untimed label first is a title


@dataclass
class Turn:
    """One labelled line (or a header line) found in the text."""

    speaker: str
    company: str | None
    start: float | None
    text: str
    role: str | None = None  # "buyer" for a phone number's label: the other party
    number: str | None = None  # a phone label's ``phone_key``: whose line it is; never stored
    outsider: bool = False  # "(Guest)", "(External)" by the name: from outside the meeting's org


# Labels seen in notes that look like names but are not speakers, and sounds in brackets.
_NOT_SPEAKERS = {
    "note", "notes", "summary", "agenda", "next steps", "action items", "follow up", "follow-up",
    "todo", "to do", "budget", "timeline", "pricing", "price", "decision", "objections",
    "objection", "pain", "pain points", "questions", "question", "answer", "q", "a", "re", "fyi",
    "update", "context", "background", "goal", "goals", "risks", "risk", "recap",
    "feedback", "concerns", "concern", "why now", "champion", "blockers", "highlights", "warning",
    "important", "tip", "example", "e.g", "i.e", "ps", "p.s", "http", "https", "mailto",
    "speaker", "name", "text", "main objection", "objection raised", "quote", "verbatim",
    "music", "laughter", "laughs", "applause", "inaudible", "crosstalk", "noise", "silence",
    "background noise", "unintelligible", "pause", "foreign", "sound", "cough", "beep",
    "blank audio", "no speech", "transcript",
    # A voicemail notification's "Transcription (Preview): G'day Sam, ..." is the caller's words.
    "transcription", "transcribed", "voicemail transcription", "voicemail",
}  # fmt: skip


def person_like(name: str) -> bool:
    """``Maya Chen``, ``SPEAKER 1``, ``Dr. Li``, ``PROSPECT_2``: not a field or notes label."""
    if role_of_label(name) is not None:
        return True
    key = label_key(name)
    if key in KNOWN_LABELS or key in _NOT_SPEAKERS:
        return False
    words = name.split()
    if not words or len(name) > 50:
        return False
    for index, word in enumerate(words):
        if word.isdigit() and index > 0:
            continue
        if not word[0].isupper() and word not in _PARTICLES:
            return False
    return True


def _speaker(match: re.Match[str]) -> tuple[str, str | None, str | None] | None:
    """The label's speaker, the role it states and its phone number's key, or None when it
    names no one."""
    phone = match.group("phone")
    if phone is not None:
        return (PHONE_SPEAKER, "buyer", phone_key(phone)) if is_phone_number(phone) else None
    name = _person_name(match.group("name"))
    return (name, None, None) if name else None


def _person_name(label: str) -> str | None:
    """The person a label names, "Okafor, Janet" read as "Janet Okafor" (both halves must be
    names: "Pricing, Q3" is no one); None for a field or notes label."""
    label = label.strip()
    if "," in label and not all(person_like(part.strip()) for part in label.split(",")):
        return None
    name = first_last(label)
    return name if person_like(name) else None


def match_label(line: str, *, bracketed: bool = False) -> Turn | None:
    """The turn a line opens, or ``None``; ``bracketed`` also reads ``[Name] text`` (subtitles).
    A phone number as the label is the other party (``Caller``, a buyer), the number unkept."""
    line = untagged_label(line)
    match = _LABEL.match(line)
    who = _speaker(match) if match else None
    if match and who:
        text = (match.group("text") or "").strip()
        if not text.startswith("//"):
            start = parse_timestamp(match.group("ts") or match.group("ts2"))
            company = bracket_company(match.group("company"))
            if company is not None and start is None and _TS_LINE.match(company):
                start, company = parse_timestamp(company), None  # "Maya (00:01:02): text"
            if start is None and _TS_LINE.match(text):
                start, text = parse_timestamp(text), ""  # "Maya Chen: 00:00", text below
            elif start is None:
                start, text = leading_time(text)
            outsider = is_outsider_tag(match.group("company"))
            return Turn(who[0], company, start, text, who[1], who[2], outsider)
    for header in _HEADERS:
        match = header.match(line)
        who = _speaker(match) if match else None
        if match and who:
            start, bracket = parse_timestamp(match.group("ts")), match.group("company")
            outsider = is_outsider_tag(bracket)
            return Turn(who[0], bracket_company(bracket), start, "", *who[1:], outsider=outsider)
    match = _BRACKETED.match(line) if bracketed else None
    name = _person_name(match.group("name")) if match else None
    if match and name:
        bracket = match.group("company")
        text = match.group("text").strip()
        return Turn(name, bracket_company(bracket), None, text, outsider=is_outsider_tag(bracket))
    return None


def leading_time(text: str) -> tuple[float | None, str]:
    """The time a turn's text or a paragraph opens with, and the text without it."""
    found = _LEADING_TS.match(text)
    if found is None:
        return None, text
    return parse_timestamp(found.group("ts") or found.group("bare")), text[found.end() :]


def name_time_joined(lines: list[str]) -> list[str]:
    """A speaker's name alone on a line with the time alone on the next (Chorus: "Jordan
    Hayes" / "00:04" / the text) read as one "Jordan Hayes  00:04" line; the whole call had
    been stored as notes."""
    joined: list[str] = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        after = lines[index + 1] if index + 1 < len(lines) else ""
        name = line.strip()
        if _TS_LINE.match(after) and (
            is_phone_number(name)
            or re.fullmatch(_NAME + _COMPANY, name)
            and len(name.split()) <= 6
            and person_like(re.sub(r"\s*\(.*\)$", "", name))
        ):
            joined.append(f"{name}  {after.strip()}")
            skip = True
        else:
            joined.append(line)
    return joined


def label_lines(lines: list[str]) -> list[Turn | None]:
    """``match_label`` of every line; in a timed transcript an untimed label before the first
    timed one is a title (``Rota Pilot Review: Shiftwise x Harbor Point``), not a turn."""
    labels = [match_label(line) for line in lines]
    found = [turn for turn in labels if turn is not None]
    for turn in found:  # "Dana (Buyer)": a side, not a company
        turn.role, turn.company = bracket_side(turn.role, turn.company)
    timed = [turn for turn in found if turn.start is not None]
    if len(timed) >= 2 and len(timed) >= _TIMED_SHARE * len(found):
        first = next(index for index, turn in enumerate(labels) if turn and turn.start is not None)
        labels[:first] = [None] * first
    return labels


def outsiders(labels: list[Turn | None]) -> list[Person]:
    """The speakers a label marks "(Guest)" or "(External)": the buyer's side, unless our roster
    or a stated role says otherwise (a tag weighs like a header naming their side)."""
    names = dict.fromkeys(turn.speaker for turn in labels if turn is not None and turn.outsider)
    return [Person(name, role="buyer") for name in names]


def name_callers(labels: list[Turn | None], ours: dict[str, str | None], rep: str | None) -> None:
    """Each phone number that speaks its own person: the other side's ``Caller``, ``Caller 2``
    in the order they first speak (a conference call, a transfer: two numbers are two people);
    a number the header gives our side (``our_numbers``) the rep it names, else ``rep``.

    When only numbers speak and none is known to be ours, one of them is most likely our rep's
    line but the file does not say which: each is a ``Phone 1``, ``Phone 2`` of no side (no
    "Caller", a buyer's word), for how each side talks, or the user, to settle (both had been
    buyers, the rep's pitch counted as the buyer's words)."""
    callers: dict[str, str] = {}
    for turn in labels:
        if turn is None or turn.number is None:
            continue
        if turn.number in ours:
            turn.speaker, turn.role = ours[turn.number] or rep or "Rep", "rep"
            continue
        first = callers.setdefault(turn.number, f"{PHONE_SPEAKER} {len(callers) + 1}")
        turn.speaker = PHONE_SPEAKER if first == f"{PHONE_SPEAKER} 1" else first
    spoken = [turn for turn in labels if turn is not None]
    if len(callers) >= 2 and all(turn.number in callers for turn in spoken):
        for turn in spoken:
            turn.speaker = f"{UNSIDED_PHONE} {callers[turn.number or ''].rsplit(' ', 1)[1]}"
            turn.role = None


def looks_labelled(lines: list[str], labels: list[Turn | None], *, kind: str = "file") -> bool:
    """Is this a speaker-labelled transcript (rather than notes with a few ``Label:`` lines)?

    ``kind="transcript"``: a transcript field (or a file of one line), so one labelled line
    that opens it is enough (a voicemail); ``kind="note"``: a notes field, where labels must repeat
    or carry times (``Business Overview: ... Conclusion: ...`` are sections, not speakers).
    """
    turns = [turn for turn in labels if turn is not None]
    non_empty = sum(bool(line.strip()) for line in lines)
    # A file of one labelled line: "Dana (Buyer): ..." had been the rep's note.
    opens = kind == "transcript" or (kind == "file" and non_empty == 1)
    if opens and turns:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None and labels[first] is not None:
            return True
    if len(turns) < 2:
        return False
    counts = Counter(turn.speaker.casefold() for turn in turns)
    timed = sum(turn.start is not None for turn in turns)
    repeated = counts.most_common(1)[0][1] >= 2
    # Every line a different label, once each: a short exchange, or a document's sections.
    exchange = kind != "note" and 2 <= len(counts) <= 3 and len(turns) * 2 >= non_empty
    return (
        timed >= 2
        or (repeated and len(counts) <= max(2, len(turns) // 2))
        or (repeated and len(turns) * 2 >= non_empty and len(counts) >= 2)
        or exchange
    )


# A phone tool's comments under the transcript ("Comments (1)", Aircall): our users' notes.
_COMMENTS = lazy_compile(r"^(?:internal\s+|team\s+)?(?i:comments?|notes)\s*(?:\(\d+\))?:?$", re.I)


@dataclass
class Turns:
    """A labelled text split up: lines before the first turn, the turns, and lines after a
    heading, section or footer that ends the speech (``## Action Items``, ``Transcribed by``)."""

    preamble: list[str] = field(default_factory=list)
    utterances: list[ParsedUtterance] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)


def parse_turns(lines: list[str], labels: list[Turn | None]) -> Turns:
    """Split labelled lines into turns.

    A line without a label continues the current turn (multi-line turns, wrapped text); a line
    holding only a timestamp is the time of the turns after it up to the next one (Google Meet
    writes one every few minutes: the turns between had no time, so no quote linked to its
    moment); where no label has a time, the turns above the first such line start at zero.
    """
    result = Turns()
    pending_start: float | None = 0.0 if _has_time_lines(lines, labels) else None
    closed = False  # a heading or footer ended the speech until the next label
    commented = False  # our users' comments on the call: notes to the end, never speech
    for line, turn in zip(lines, labels, strict=True):
        if result.utterances and _COMMENTS.match(line.strip()):
            commented = True
            continue
        if commented:  # "Marcus Reed: Hot lead, decision by end of March."
            said = turn.text if turn is not None and turn.role is None else line
            result.trailer.append(said)
            continue
        if turn is not None:
            start = turn.start if turn.start is not None else pending_start
            closed = False
            result.utterances.append(
                ParsedUtterance(
                    turn.text,
                    turn.speaker,
                    start,
                    role=turn.role or "unknown",
                    company=turn.company,
                    role_from_source=turn.role is not None,
                )
            )
            continue
        ts_line = _TS_LINE.match(line)
        if ts_line:
            pending_start = parse_timestamp(ts_line.group("ts"))
            continue
        if not line.strip():
            continue
        if result.utterances and (
            closed
            or section_name(line)
            or is_footer(line)
            or is_rule(line)  # "---" under the last turn, then the tool's credit line
            or is_summary_heading(line)  # "Action items" after the transcript
        ):
            closed = True
            result.trailer.append(line)
        elif result.utterances:
            current = result.utterances[-1]
            start, text = leading_time(line)
            if start is not None:  # the speaker's next timed paragraph (Sonix, Trint)
                result.utterances.append(
                    ParsedUtterance(text.strip(), current.speaker, start, company=current.company)
                )
            else:
                current.text = f"{current.text} {line.strip()}".strip()
        else:
            result.preamble.append(line)
    result.utterances = merge_turns([u for u in result.utterances if u.text], keep_timed=True)
    return result


def _has_time_lines(lines: list[str], labels: list[Turn | None]) -> bool:
    """Do lines holding only a timestamp give the only times, among turns of none (Google
    Meet)? Where labels carry their own, an untimed turn's time is not guessed."""
    untimed = all(turn is None or turn.start is None for turn in labels)
    return untimed and any(
        turn is None and _TS_LINE.match(line) for line, turn in zip(lines, labels, strict=True)
    )


_PARAGRAPH_WORDS = 8  # shorter pieces ("Hi.", "By hand, mostly.") join the speaker's next
_ENDS_SENTENCE = lazy_compile(r"[.!?…][\"'”’)\]]*$")


def merge_turns(
    utterances: list[ParsedUtterance], *, keep_timed: bool = False
) -> list[ParsedUtterance]:
    """Consecutive pieces by the same speaker become one turn that keeps the first start time.
    ``keep_timed``: a paragraph of whole sentences and a next turn with a time of its own stay
    two turns (a transcript's paragraphs: "Rick 0:24" had been lost inside "Rick 0:09")."""
    merged: list[ParsedUtterance] = []
    for utterance in utterances:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and utterance.speaker is not None
            and previous.speaker == utterance.speaker
            and previous.role == utterance.role
            and not (
                keep_timed
                and previous.start_seconds is not None
                and utterance.start_seconds not in (None, previous.start_seconds)
                and _ENDS_SENTENCE.search(previous.text)
                and len(previous.text.split()) >= _PARAGRAPH_WORDS
            )
        ):
            previous.text = f"{previous.text} {utterance.text}".strip()
            previous.company = previous.company or utterance.company
            if previous.start_seconds is None:
                previous.start_seconds = utterance.start_seconds
            continue
        merged.append(utterance)
    return merged
