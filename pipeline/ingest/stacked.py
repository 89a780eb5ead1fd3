"""Several calls in one text file: two transcripts exported or pasted one after another, each
under its own header block (title, date, participants, outcome), often with a rule between.

Why: two Clari Copilot transcripts separated by ``====`` had become one won call; the second
call's turns were glued onto the first's, the lost deal's objections were filed under the won
account, and the second header became a mention. A file is split where a header block of the
same layout as the one at its top appears again after speech, with speech under it; a block
that repeats the first's values (a page header) or whose layout differs is not a new call: it is
taken out of the speech and told with the upload ("2 header blocks found; read as one call").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.email_file import looks_like_email
from pipeline.ingest.email_parts import header_block
from pipeline.ingest.header import FIELD_LABELS, key_value
from pipeline.ingest.preamble import (
    Metadata,
    is_footer,
    is_rule,
    read_leading,
    section_name,
    take_line,
)
from pipeline.ingest.txt import parse_text

# "Transcript 2", "Call 2 of 3", "Meeting #2:": a label between two calls, never speech.
_NUMBERED = re.compile(
    r"^\s*(?:transcript|call|meeting|recording|conversation|part)\s*#?\s*\d+"
    r"(?:\s*(?:of|/)\s*\d+)?\s*:?\s*$",
    re.IGNORECASE,
)
# Header fields that say which call this is; a plain title line alone is only a guess.
_CALL_FIELDS = frozenset(
    {"date", "field:account", "field:outcome", "field:attendees", "field:our_speakers",
     "field:contacts", "field:title", "section:speakers", "people"}
)  # fmt: skip
_SAME_LAYOUT = 0.5  # shared header kinds over all the kinds the two blocks hold
_MIN_HEADER_LINES = 2
_MAX_TITLE = 150
_LOOK_AHEAD = 8  # lines of a header block in which a field or section must appear


@dataclass
class _Block:
    """A header block: where its lines are, what kinds of header line it holds, what they say."""

    start: int
    end: int  # the index after its last header line
    kinds: frozenset[str]
    says: tuple[object, ...]


@dataclass
class StackedCall:
    """One call's text in a file, and the repeated header blocks taken out of its speech."""

    text: str
    repeated: list[str] = field(default_factory=list)  # the blocks' lines
    blocks: int = 1  # header blocks read for this call, its own included


def is_separator(line: str) -> bool:
    """A line between two calls: a rule (``====``, ``***``), a form feed, "Transcript 2"."""
    text = line.strip()
    return line.strip(" \t") == "\f" or is_rule(text) or bool(_NUMBERED.match(text))


def _kinds(meta: Metadata) -> frozenset[str]:
    kinds = {f"field:{name}" for name in meta.fields if name != "date"}
    kinds |= {f"value:{name.casefold()}" for name in meta.values}
    kinds |= {f"section:{name}" for name in meta.sections}
    if meta.date or "date" in meta.fields:
        kinds.add("date")
    if meta.title:
        kinds.add("title")
    if meta.people:
        kinds.add("people")
    return frozenset(kinds)


def _says(meta: Metadata) -> tuple[object, ...]:
    """What identifies the call the block heads: equal for a page header repeated mid-call."""
    return (
        meta.title,
        meta.date,
        tuple(sorted(meta.fields.items())),
        tuple(meta.sections.get("speakers", [])),
    )


def _block_at(lines: list[str], start: int) -> _Block | None:
    """The header block starting at ``start``: two or more header lines, one saying which call
    (a date, the people, the outcome); never an email's ``From:``/``To:`` block."""
    found, _end = header_block(lines, start)
    if "from" in found:
        return None
    meta, length = read_leading(lines[start:])
    kinds = _kinds(meta)
    if len(meta.lines) < _MIN_HEADER_LINES or not kinds & _CALL_FIELDS:
        return None
    end = start + length
    while end > start and not lines[end - 1].strip():
        end -= 1
    return _Block(start, end, kinds, _says(meta))


def _same_layout(first: frozenset[str], other: frozenset[str]) -> bool:
    shared = first & other
    return (
        len(shared) >= _MIN_HEADER_LINES
        and bool(shared & _CALL_FIELDS)
        and len(shared) / len(first | other) >= _SAME_LAYOUT
    )


def _is_speech(line: str) -> bool:
    return bool(line.strip()) and not is_separator(line) and not take_line(line, Metadata())


def _may_open(lines: list[str], index: int) -> bool:
    """A block starts after a blank line, a separator or a footer, with a field (``Date:``,
    ``Participants:``) or a section (``SPEAKERS``) among its first lines: a cheap look before
    reading it (a date line is slow to read, and a long transcript has thousands of turns)."""
    before, line = lines[index - 1], lines[index]
    if not line.strip() or len(line.strip()) > _MAX_TITLE:
        return False
    if before.strip() and not is_separator(before) and not is_footer(before):
        return False
    following = (text for text in lines[index : index + _LOOK_AHEAD * 2] if text.strip())
    return any(
        (pair := key_value(text)) is not None
        and pair[1] in FIELD_LABELS
        or section_name(text, any_case=True) is not None
        for text in itertools.islice(following, _LOOK_AHEAD)
    )


def _later_blocks(lines: list[str], first: _Block) -> list[_Block]:
    """Header blocks after speech, with speech below them, in file order."""
    blocks: list[_Block] = []
    index, spoken = first.end, False
    while index < len(lines):
        line = lines[index]
        if spoken and not is_separator(line) and line.strip() and _may_open(lines, index):
            block = _block_at(lines, index)
            if block is not None and any(_is_speech(text) for text in lines[block.end :]):
                blocks.append(block)
                index, spoken = block.end, False
                continue
        spoken = spoken or _is_speech(line)
        index += 1
    return blocks


def _trimmed(lines: list[str]) -> str:
    """The call's lines without the separators and blank lines that close it."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or is_separator(lines[end - 1])):
        end -= 1
    return "\n".join(lines[:end])


def split_stacked(text: str) -> list[StackedCall]:
    """The calls a text file holds, each its own text; the file as it is when it holds one."""
    if looks_like_email(text):  # a reply chain's From/Sent/To blocks are one thread
        return [StackedCall(text)]
    lines = text.replace("\f", "\n\f\n").split("\n")
    top = next((i for i, line in enumerate(lines) if line.strip() and not is_separator(line)), 0)
    first = _block_at(lines, top)
    later = _later_blocks(lines, first) if first is not None else []
    if first is None or not later:
        return [StackedCall(text)]
    calls: list[tuple[_Block, list[_Block]]] = [(first, [])]
    for block in later:
        previous = calls[-1][0]
        if _same_layout(first.kinds, block.kinds) and block.says != previous.says:
            calls.append((block, []))
        else:  # a page header, or a block unlike the first: in doubt, not a new call
            calls[-1][1].append(block)
    # One call: the file from its first line; several: each from its header block.
    starts = [0] if len(calls) == 1 else [block.start for block, _ in calls]
    ends = [*starts[1:], len(lines)]
    return [
        _call(lines, start, end, repeated)
        for (_head, repeated), start, end in zip(calls, starts, ends, strict=True)
    ]


def _call(lines: list[str], start: int, end: int, repeated: list[_Block]) -> StackedCall:
    """The call in ``lines[start:end]``, the repeated blocks in it taken out."""
    taken = {i for block in repeated for i in range(block.start, block.end)}
    kept = [line for i, line in enumerate(lines[start:end], start) if i not in taken]
    return StackedCall(
        _trimmed(kept),
        [lines[i].strip() for i in sorted(taken) if lines[i].strip()],
        1 + len(repeated),
    )


def text_calls(text: str, fmt: str, *, title: str | None = None) -> list[ParsedCall]:
    """Each call of a text (a file's, or a document's text layer) read by ``parse_text``; a
    repeated header block that made no new call is kept with the header lines and told with
    the upload. ``title``: the document's own, for a call whose text names none (one call)."""
    stacked = split_stacked(text)
    calls = [parse_text(part.text, fmt) for part in stacked]
    for part, call in zip(stacked, calls, strict=True):
        if part.repeated:
            told = f"{part.blocks} header blocks found; read as one call"
            call.notice = "; ".join(filter(None, [call.notice, told]))
            call.extra.setdefault("header_lines", []).extend(part.repeated)
    if len(calls) == 1:
        calls[0].raw_text = text
        calls[0].title = calls[0].title or title
    return calls
