"""The lists a meeting-notes template keeps beside the notes (attendees, agenda, action items):
split from ``preamble`` (which reads a file's leading metadata) because they sit anywhere in
the body."""

from __future__ import annotations

import re

from pipeline.ingest.people import parse_people
from pipeline.ingest.preamble import CHECKBOX, MARKDOWN_HEADING, Metadata, is_footer, section_name
from pipeline.ingest.quotes import holds_a_quote

_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣◻☐☑✓✔]|\[[ xX]\]|\d{1,3}[.)])\s*\S")
_ASIDE = frozenset({"action_items", "agenda", "speakers"})


def set_aside(lines: list[str], meta: Metadata) -> list[str]:
    """A note's lines without its tool lines and the lists a notes template keeps under
    "Attendees", "Agenda", "Action items" or "Next steps" (into ``meta``; attendees are the
    call's people): what someone is to do, or who came, is no one's words about the call. A
    Google Docs action item "☐ Megan Cole - send migration plan" had been a buyer objection.
    A list runs to the next heading or section, or to a line that is no item after a gap."""
    rest: list[str] = []
    section: str | None = None
    gap = False
    for line in lines:
        text = line.strip()
        name = section_name(text, any_case=True) if text else None
        if name in _ASIDE:
            section, gap = name, False
            meta.sections.setdefault(str(name), [])
            meta.lines.append(text)
            continue
        if section is not None and not text:
            gap = bool(meta.sections[section])
            continue
        if section is not None and (
            name is not None or MARKDOWN_HEADING.match(text) or (gap and not _ITEM.match(text))
        ):
            section = None
        if section is not None and not holds_a_quote(text):
            item = CHECKBOX.sub("", CHECKBOX.sub("", text))  # "- ☐ Megan Cole - send ..."
            found = parse_people(item) if section == "speakers" else []
            meta.sections[section].extend([p.name for p in found] if found else [item])
            meta.lines.append(text)
        elif not (text and is_footer(text)):
            rest.append(line)
    return rest
