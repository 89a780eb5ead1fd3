"""The lists a meeting-notes template keeps beside the notes (attendees, agenda, action items):
split from ``preamble`` (which reads a file's leading metadata) because they sit anywhere in
the body. A recap's "Next steps" list is our side's plan: its items come back as the rep's
notes, never as anyone's words about the call."""

from __future__ import annotations

import re

from pipeline.detect.classify import PLAN_NOTE
from pipeline.ingest.base import ParsedUtterance
from pipeline.ingest.people import parse_people
from pipeline.ingest.preamble import MARKDOWN_HEADING, Metadata, is_footer, section_name
from pipeline.ingest.quotes import holds_a_quote
from pipeline.ingest.turns import Turn

_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣◻☐☑✓✔]|\[[ xX]\]|\d{1,3}[.)])\s*\S")
_ASIDE = frozenset({"action_items", "agenda", "speakers"})
_STEPS = "action_items"
# A list item's marker and checkbox: "- [ ] ", "1. ", "☐ ", "* " (not the "**" of a bold label).
_MARKER = re.compile(r"^\s*(?:(?:[-+•◦▪‣]|\*(?!\*)|\d{1,3}[.)])\s*)?(?:[◻☐☑✓✔]|\[[ xX]\])?\s*")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?$")
# The columns of an action table ("| Owner | Action | Due |"): who, and what or by when.
_WHO_COLUMNS = frozenset({"owner", "owners", "who", "assignee", "assigned to", "responsible"})
_WHAT_COLUMNS = frozenset(
    {"due", "due date", "when", "deadline", "by when", "action", "actions", "task", "to do"}
    | {"next step", "next steps", "item", "action item", "what"}
)


def set_aside(lines: list[str], meta: Metadata) -> tuple[list[str], list[str]]:
    """A note's lines without its tool lines and the lists a notes template keeps under
    "Attendees", "Agenda", "Action items" or "Next steps" (into ``meta``; attendees are the
    call's people): what someone is to do, or who came, is no one's words about the call. A
    Google Docs action item "☐ Megan Cole - send migration plan" had been a buyer objection.
    A list runs to the next heading or section, or to a line that is no item after a gap.
    Also the next steps' items, for ``step_notes``: a recap's plan is the rep's note."""
    kept, steps = _split(lines, meta, _ASIDE)
    rest = [lines[index] for index in kept]
    return [line for line in rest if not (line.strip() and is_footer(line.strip()))], steps


def steps_after_speech(
    body: list[str], labels: list[Turn | None], meta: Metadata
) -> tuple[list[str], list[Turn | None], list[str]]:
    """A transcript's lines and labels without a "Next steps" list written after the speech
    began, and that list's items: "Dana Price: confirm the budget by Friday" under it is the
    plan, not a buyer's turn (it had been read as one)."""
    spoken = next((index for index, label in enumerate(labels) if label is not None), None)
    start = next(
        (
            index
            for index in range(len(body))
            if spoken is not None
            and index > spoken
            and labels[index] is None
            and section_name(body[index].strip(), any_case=True) == _STEPS
        ),
        None,
    )
    if start is None:
        return body, labels, []
    kept, steps = _split(body[start:], meta, frozenset({_STEPS}))
    lines = body[:start] + [body[start + index] for index in kept]
    return lines, labels[:start] + [labels[start + index] for index in kept], steps


def _split(lines: list[str], meta: Metadata, names: frozenset[str]) -> tuple[list[int], list[str]]:
    """The indexes of the lines outside the sections ``names`` name (those go into ``meta``),
    and the next steps' items. An action table ("| Owner | Action | Due |") opens the next
    steps without a heading."""
    kept: list[int] = []
    steps: list[str] = []
    section: str | None = None
    gap = False
    for index, line in enumerate(lines):
        text = line.strip()
        name = section_name(text, any_case=True) if text else None
        if name not in names and _STEPS in names and _is_action_table(text, lines[index + 1 :]):
            name = _STEPS
        if name in names:
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
            item = _MARKER.sub("", text, count=1)  # "- ☐ Megan Cole - send ...", "1. Send ..."
            found = parse_people(item) if section == "speakers" else []
            if not _TABLE_RULE.match(text):
                meta.sections[section].extend([p.name for p in found] if found else [item])
            meta.lines.append(text)
            steps.extend([line] if section == _STEPS else [])
        else:
            kept.append(index)
    return kept, steps


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def _is_action_table(text: str, after: list[str]) -> bool:
    """A table's header row naming who does what, or by when ("| Owner | Action | Due |"), over
    its Markdown rule or, typed as plain text, right over a row of as many cells."""
    if not after or not _names_actions(text):
        return False
    following = after[0].strip()
    plain_row = following.count("|") == text.strip().strip("|").count("|")
    return bool(_TABLE_RULE.match(following)) or (plain_row and not _names_actions(following))


def _names_actions(text: str) -> bool:
    """A row of column names saying who does what, or by when ("Owner | Action | Due")."""
    if text.count("|") < 2:
        return False
    columns = {" ".join(cell.casefold().strip("*_ ").split()) for cell in _cells(text)}
    return bool(columns & _WHO_COLUMNS) and bool(columns & _WHAT_COLUMNS)


def step_notes(steps: list[str]) -> list[ParsedUtterance]:
    """The next steps' items as the rep's notes of the plan (``note_kind``), one per item: a line
    that is no item goes on the one before it; an action table's row reads "Maria Chen - Send
    the pricing sheet - Fri"."""
    items: list[list[str]] = []
    for index, line in enumerate(steps):
        text = line.strip()
        following = steps[index + 1].strip() if index + 1 < len(steps) else ""
        if (
            not text
            or _TABLE_RULE.match(text)
            or _TABLE_RULE.match(following)
            or _names_actions(text)  # "Owner | Action | Due" typed with no rule under it
        ):
            continue  # a table's rule, and the header row over it
        if text.count("|") >= 2 or (text.startswith("|") and text.endswith("|")):
            items.append([" - ".join(cell for cell in _cells(text) if cell)])
        elif items and line[:1].isspace() and not _ITEM.match(text):  # an item's next line
            items[-1].append(text)
        else:
            items.append([_MARKER.sub("", text, count=1)])
    return [
        ParsedUtterance(" ".join(item), role="rep_note", role_from_source=True, note_kind=PLAN_NOTE)
        for item in items
        if " ".join(item).strip()
    ]
