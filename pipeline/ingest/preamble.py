"""Header and footer lines of a text transcript or note: titles, ``Key: value`` fields, dates,
``·``-separated note headers, links, and sections such as ``SUMMARY KEYWORDS`` or ``ACTION ITEMS``.

They are metadata, never speech: what they state fills the call (``apply_fields``), and the
lines themselves are kept in ``extra["header_lines"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.ingest.base import ParsedCall, Person
from pipeline.ingest.call_lines import (
    call_parties,
    dialled_parties,
    handled_by,
    without_phone_numbers,
)
from pipeline.ingest.header import FIELD_LABELS, add_field, apply_fields, key_value, label_key
from pipeline.ingest.people import all_plain_names, listed_people, parse_people
from pipeline.ingest.promo import is_service_promo
from pipeline.ingest.quotes import holds_a_quote
from pipeline.ingest.titles import is_part_name
from pipeline.ingest.tool_lines import is_tool_line
from pipeline.ingest.values import parse_date

_RULE = re.compile(r"^\s*([-*_=~])(\s*\1){2,}\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?]\s*$")
MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_PARTS = re.compile(r"\s+[·•|]\s+|\s*[·•]\s*")
_URL = re.compile(r"https?://\S+")
_SECTIONS = {
    "summary keywords": "keywords", "keywords": "keywords", "speakers": "speakers",
    "participants": "speakers", "attendees": "speakers", "action items": "action_items",
    "next steps": "action_items", "follow ups": "action_items", "follow up": "action_items",
    "next step": "action_items", "to do": "action_items", "to dos": "action_items",
    "todo": "action_items", "todos": "action_items", "actions": "action_items",
    "action points": "action_items", "agreed next steps": "action_items", "summary": "summary",
    "outline": "summary", "chapters": "summary", "highlights": "summary", "agenda": "agenda",
    "who was on": "speakers", "who attended": "speakers", "on the call": "speakers",
}  # fmt: skip
_MARKERS = {"transcript", "meeting transcript", "call transcript"}


def before_promo(lines: list[str], meta: Metadata) -> list[str]:
    """The lines above a transcription service's advert: it ends the document, so it and all
    below it (its next paragraph need not read like an advert) are kept with the header lines."""
    for index, line in enumerate(lines):
        if is_service_promo(line.strip()):
            meta.lines.extend(text.strip() for text in lines[index:] if text.strip())
            return lines[:index]
    return lines


_DURATION_LINE = re.compile(r"^(?=\d)(?:\d+\s?h\s?)?(?:\d+\s?m(?:in)?\s?)?(?:\d+\s?s)?$")
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]+)\]\]")  # [[Dr. Samuel Ortiz]], [[page|shown]]
CHECKBOX = re.compile(r"^\s*(?:[-*+•◻☐☑✓✔]|\[[ xX]\])\s*")
_MAX_TITLE = 150
_MAX_DATE_LINE = 48


@dataclass
class Metadata:
    """What header lines said: fields for ``apply_fields``, and the lines themselves."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # metadata keys with no field
    sections: dict[str, list[str]] = field(default_factory=dict)
    title: str | None = None
    date: str | None = None
    people: list[Person] = field(default_factory=list)  # a phone tool's caller and callee

    def apply(self, call: ParsedCall) -> None:
        """Fill ``call`` from these lines; the file's own ``Key: value`` fields come first."""
        fields = dict(self.fields)
        if self.date and "date" not in fields:
            fields["date"] = self.date
        in_title = _ISO_DATE.search(self.title or "")
        if in_title and "date" not in fields:  # "Pilot terms (2025-03-20 10:02 GMT)"
            fields["date"] = in_title.group()
        if self.title and "title" not in fields:
            fields["title"] = without_phone_numbers(self.title)
        for name in self.sections.get("speakers", []):
            add_field(fields, "attendees", name)
        apply_fields(call, fields, metadata=self.values)
        call.people.extend([*self.people, *dialled_parties(self.values)])
        if self.values:
            call.extra.setdefault("metadata", {}).update(self.values)
        for name, lines in self.sections.items():
            if name != "speakers" and lines:
                call.extra.setdefault(name, []).extend(lines)
        if self.lines:
            call.extra.setdefault("header_lines", []).extend(self.lines)


def _strip(line: str) -> str:
    return line.strip().strip("*_").strip()


def section_name(line: str, *, any_case: bool = False) -> str | None:
    """``ACTION ITEMS`` (capitals on a line of its own) or ``## Action Items``: a section;
    ``any_case`` (in a header, not amid speech) also reads ``Attendees`` (Google Meet)."""
    heading = MARKDOWN_HEADING.match(line)
    text = _strip(_strip(heading.group("text") if heading else line).rstrip(":"))  # "**To do**:"
    if not heading and not (text.isupper() and len(text) <= 40) and not any_case:
        return None
    return _SECTIONS.get(label_key(text))


def _is_marker(line: str) -> bool:
    """A ``Transcript`` heading: the speech starts below it."""
    return label_key(_strip(line).rstrip(":")) in _MARKERS


# "--- End of transcript ---": a marker between rules.
_MARKED_RULE = re.compile(r"^\s*([-=*_~])\1{2,}[^-=*_~]{1,40}\1{3,}\s*$")


def is_rule(line: str) -> bool:
    """A horizontal rule (``---``, ``***``, ``--- End of transcript ---``): never speech."""
    return bool(_RULE.match(line) or _MARKED_RULE.match(line))


def is_footer(line: str) -> bool:
    """``Transcribed by https://otter.ai``, ``VIEW RECORDING - 27 mins: https://...``: a short
    line ending in a link; or a line the meeting tool writes about the recording itself
    (``Maria Chen stopped transcription``, ``Meeting ended after 00:06:41``), or its advert."""
    text = line.strip()
    if is_tool_line(text) or is_service_promo(text):
        return True
    match = _URL.search(text)
    if not match or match.end() != len(text) or text[:1] in "-*+•>":
        return False
    return len(text[: match.start()].split()) <= 8


def _take_parts(line: str, meta: Metadata) -> bool:
    """A ``Rep: Maria · 2025-02-04 · phone, 20 min · contact: Grace (Willow)`` header."""
    parts = [part.strip() for part in _PARTS.split(line.strip()) if part.strip()]
    if len(parts) < 2 or any(len(part) > 100 for part in parts):
        return False
    known: list[tuple[str, str, str]] = []
    dates: list[str] = []
    for part in parts:
        pair = key_value(part)
        if pair is not None:
            known.append(pair)
        elif parse_date(part) is not None:
            dates.append(part)
    if not known and not dates:
        return False
    meta.people.extend(_dated_people(line))
    for written, key, value in known:
        _take_pair(meta, written, key, value)
    if dates and meta.date is None:
        meta.date = dates[0]
    return True


def _dated_people(line: str) -> list[Person]:
    """Who came, beside the date: "Tue, 27 Jan 2026 · Lucia Quintero" (Granola), "Mar 5, 2026 ·
    Ana Diaz, Bo Li"; none unless every other part lists people of two to four capitalised
    words."""
    parts = [part.strip() for part in _PARTS.split(line.strip()) if part.strip()]
    undated = [part for part in parts if parse_date(part) is None]
    if not undated or len(undated) == len(parts):
        return []
    people = [person for part in undated for person in parse_people(part)]
    return people if len(people) >= len(undated) and all_plain_names(people) else []


def _dated_title(line: str) -> bool:
    """ "Mar 20, 2026 | Coastal Power <> Dispatchly scoping": a date beside words that are no
    field, at the top of a note: the note's title (Google Docs' meeting notes)."""
    parts = [part.strip() for part in _PARTS.split(line.strip()) if part.strip()]
    if len(parts) < 2 or any(key_value(part) is not None for part in parts):
        return False
    dated = [parse_date(part) is not None for part in parts]
    return any(dated) and not all(dated) and len(line) <= _MAX_TITLE


def _take_pair(meta: Metadata, written: str, key: str, value: str) -> None:
    if key in FIELD_LABELS:
        add_field(meta.fields, key, value)
    elif value:
        meta.values.setdefault(written, value)


# Headings a meeting tool writes its own notes under, above the transcript: "Notes by Gemini",
# "AI Notes" (tl;dv), "Overview" (Fireflies), "## Meeting Notes (AI Generated by Avoma)".
_SUMMARY_WORDS = frozenset(
    "notes summary details overview takeaways highlights outline recap points chapters topics "
    "items steps moments purpose sentiment".split()
)
_SUMMARY_LEAD_WORDS = frozenset(
    "ai meeting call key smart quick auto automated generated suggested action next by from "
    "the gemini and &".split()
)
_BRACKETS = re.compile(r"\([^()]*\)")


def is_summary_heading(line: str) -> bool:
    """A heading over the meeting tool's own notes about the call: its words, not speech."""
    words = _BRACKETS.sub(" ", line.strip().strip("#*_ ").rstrip(":*_ ")).casefold().split()
    return (
        0 < len(words) <= 5
        and any(word in _SUMMARY_WORDS for word in words)
        and all(word in _SUMMARY_WORDS | _SUMMARY_LEAD_WORDS for word in words)
    )


_TABLE_ROW = re.compile(r"^\|\s*(?P<key>[^|]{1,40}?)\s*\|\s*(?P<value>[^|]*?)\s*\|?$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|?$")
_TABLE_HEAD = frozenset({"property", "properties", "field", "key", "name"})


def take_line(line: str, meta: Metadata, *, title_ok: bool = False) -> bool:
    """Record ``line`` in ``meta`` if it is a header line; ``False`` for anything else."""
    text = line.strip()
    if not text or is_rule(text):
        return bool(text)
    cells = _TABLE_ROW.match(text)
    if _TABLE_RULE.match(text):
        return True
    if cells:  # a page's properties table (Notion): "| Account | Crescent Tutors |"
        text = f"{cells.group('key')}: {cells.group('value')}"
        if cells.group("key").casefold() in _TABLE_HEAD or key_value(text) is None:
            return cells.group("key").casefold() in _TABLE_HEAD
    heading = MARKDOWN_HEADING.match(text)
    if heading and is_summary_heading(text):
        return False  # the tool's summary starts: kept aside with the preamble
    if heading:
        if meta.title is None and not is_part_name(heading.group("text")):
            meta.title = _strip(heading.group("text")) or None
    elif (pair := key_value(text)) is not None:
        _take_pair(meta, *pair)
    elif len(text) <= _MAX_DATE_LINE and parse_date(_strip(text)) is not None:
        meta.date = meta.date or _strip(text)
        meta.people.extend(_dated_people(text))
    elif _DURATION_LINE.match(text):  # "6m 42s" under a Teams title
        meta.values.setdefault("Duration", text)
    elif _is_marker(text):
        pass
    elif (rep := handled_by(text)) is not None:
        add_field(meta.fields, "handled by", rep)
    elif (parties := call_parties(text)) is not None:
        meta.people.extend(parties[0])
        if meta.title is None or meta.lines == [meta.title]:  # under the tool's own heading
            meta.title = parties[1]
    elif meta.date is not None and len(listed := listed_people(text)) >= 2:
        meta.people.extend(listed)  # "Ana Diaz, Bo Li" under the title and date (Gong's copy)
    elif title_ok and meta.title is None and _dated_title(text):
        meta.title = _strip(text)  # its date and account are read from the title
    elif not _take_parts(text, meta) and not is_footer(text):
        if not (title_ok and meta.title is None and len(text) <= _MAX_TITLE):
            return False
        meta.title = None if is_part_name(text) else _strip(text)
    meta.lines.append(text)
    return True


def _next_text(lines: list[str], index: int) -> str:
    return next((line for line in lines[index:] if line.strip()), "")


def read_leading(lines: list[str]) -> tuple[Metadata, int]:
    """Header lines at the top of a file and the index of the first line after them.

    The very first line may be a plain title when a header line follows it; a section
    (``SPEAKERS``, ``ACTION ITEMS``) runs to the first blank line after its content.
    """
    meta = Metadata()
    index = _front_matter(lines, meta)
    titled: str | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        section = section_name(line, any_case=True)
        if section is not None:
            index = _read_section(lines, index + 1, section, meta)
            meta.lines.append(line.strip())
            continue
        # The tool's own banner ("Dialpad Ai Recap", "Fireflies.ai Notetaker") is no title
        # line: the title may come under it.
        before = [text for text in lines[:index] if text.strip() and not is_tool_line(text.strip())]
        # A title may take two lines ("Salesloft | Call Notes" / "Call with Mike Brennan —
        # Keystone Electric"): the one nearer the header names the call.
        second = (
            len(before) == 1
            and meta.title is not None
            and before[0].strip() == titled
            and not take_line(line, Metadata())  # a plain line, not a header or tool line
        )
        title_ok = (not before or second) and _header_follows(lines, index + 1, more=not before)
        title_ok = title_ok and not holds_a_quote(line)  # a CRM note's first line quoting the buyer
        if second and title_ok:
            meta.title = None
        if not take_line(line, meta, title_ok=title_ok):
            break
        titled = line.strip() if not before else None
        index += 1
    return meta, index


def _header_follows(lines: list[str], index: int, *, more: bool) -> bool:
    """Is the next text line a header line (``more``: or the one after a title's second
    line)?"""
    following = [line for line in lines[index:] if line.strip()][: 2 if more else 1]
    for position, line in enumerate(following):
        if take_line(line, Metadata()) or section_name(line, any_case=True) is not None:
            return True
        if is_summary_heading(line):  # "Quick recap" under a Zoom summary's title
            return True
        if position == 0 and (len(line.strip()) > _MAX_TITLE or _ENDS_SENTENCE.search(line)):
            return False
    return False


def _read_section(lines: list[str], index: int, name: str, meta: Metadata) -> int:
    """The section's lines, to the first blank line after them or the next heading: an
    Obsidian note's "## Attendees" of ``[[Dr. Samuel Ortiz]] (owner)`` had run on into "## Setup
    today", whose bullets were lost as attendees."""
    content = meta.sections.setdefault(name, [])
    read = False
    while index < len(lines):
        text = lines[index].strip()
        if not text and read:
            break
        ends = section_name(text, any_case=True) is not None or _is_marker(text)
        if text and (ends or MARKDOWN_HEADING.match(text)):
            break
        if text:
            read = True
            item = _WIKI_LINK.sub(r"\1", CHECKBOX.sub("", text))
            content.extend([p.name for p in parse_people(item)] if name == "speakers" else [item])
            meta.lines.append(text)
        index += 1
    return index


def read_lines(lines: list[str], meta: Metadata, *, any_case: bool = False) -> list[str]:
    """Header lines anywhere (a preamble or a footer) into ``meta``; the other lines back.
    ``any_case``: a section heading in any case ("Action items"), not only in capitals."""
    rest: list[str] = []
    section: str | None = None
    for line in lines:
        text = line.strip()
        if not text:
            section = None
            continue
        if (name := section_name(text, any_case=any_case)) is not None:
            section = name
            meta.sections.setdefault(name, [])
            meta.lines.append(text)
        elif section is not None:
            meta.sections[section].append(CHECKBOX.sub("", text))
            meta.lines.append(text)
        elif not take_line(text, meta, title_ok=meta.title is None and not rest):
            rest.append(line)
    return rest


def _front_matter(lines: list[str], meta: Metadata) -> int:
    """``---`` fenced ``key: value`` lines at the very top; 0 when there are none."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            block = lines[1:end]
            pairs = [key_value(line) for line in block if line.strip()]
            if not all(pairs):
                return 0
            for pair in pairs:
                if pair is not None:
                    _take_pair(meta, *pair)
            return end + 1
    return 0
