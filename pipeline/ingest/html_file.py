"""A web page saved from the browser (a tl;dv, Otter, Fireflies or Gong share page, notes
saved as .html): read as text, never stored as markup.

Block elements become lines. A transcript page repeats one block per turn holding the speaker,
maybe a time, and the words (``div.segment > .speaker + .ts + p``, ``<p><b>Name</b> 00:01
text</p>``, ``<tr><td>Name</td><td>0:05</td><td>text</td></tr>``): each such block becomes a
``[00:01] Name: text`` line, so the plain-text reader takes it from there, header lines and
roles included. The ``<title>`` is the call's title when the text names none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.decode import without_mojibake
from pipeline.ingest.html_tree import BLOCKS, Element, parse_page
from pipeline.ingest.stacked import text_calls

_HTML_START = ("<!doctype html", "<html", "<head", "<body", "<?xml version")
_TIME = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_ONLY_TIME = re.compile(rf"^[\[(]?(?P<ts>{_TIME})[\])]?$")
# "Maya Chen", "Maya Chen:", "Maya Chen · 00:01:02", "Maya Chen (Acme) [0:05]"
_HEAD = re.compile(rf"^(?P<name>[^:]+?)\s*(?:[·|\-–—]\s*)?(?:[\[(]?(?P<ts>{_TIME})[\])]?)?\s*:?$")
_LEADING_TIME = re.compile(rf"^[\[(]?(?P<ts>{_TIME})[\])]?\s+(?=\S)")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "caption", "legend", "summary"})
_MAX_NAME_WORDS = 6
_MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class _Turn:
    name: str
    time: str | None
    text: str

    def line(self, leading_times: bool) -> str:
        time, text = self.time, self.text
        if time is None and leading_times and (match := _LEADING_TIME.match(text)):
            time, text = match["ts"], text[match.end() :]
        return f"[{time}] {self.name}: {text}" if time else f"{self.name}: {text}"


def looks_like_html(text: str) -> bool:
    """A whole web page (a doctype or ``<html>`` first), not a text that mentions a tag."""
    head = text.lstrip("\ufeff \t\n")[:200].casefold()
    if head.startswith("<!--"):
        head = head.partition("-->")[2].lstrip()
    return head.startswith(_HTML_START)


def parse_html(text: str, filename: str) -> list[ParsedCall]:
    """The calls on a saved page (one, unless it holds several under their own headers): its
    turns if it is a transcript, else its text as notes."""
    page = parse_page(text)
    lines = page_lines(page.body)
    if not any(line.strip() for line in lines):
        raise BadInput(
            "the HTML page has no readable text (only markup, scripts or styles): open it in "
            "the browser and copy the transcript, or export it as text",
            filename=filename,
        )
    return text_calls(without_mojibake("\n".join(lines)), "html", title=page.title)


def page_lines(body: Element) -> list[str]:
    """The page's text, a line per block (a blank line after each) and per turn."""
    candidates = _turn_candidates(body)
    repeated = {sig for sig, n in Counter(e.signature for e, _ in candidates).items() if n >= 2}
    turns = {id(e): t for e, t in candidates if e.signature in repeated}
    _keep_innermost(body, turns)
    groups: dict[tuple[str, tuple[str, ...]], list[_Turn]] = {}
    for element, turn in candidates:
        if id(element) in turns:
            groups.setdefault(element.signature, []).append(turn)
    leading = {sig for sig, group in groups.items() if _all_lead_with_time(group)}
    if any(tag == "tr" for tag, _ in groups):
        _drop_header_rows(body)  # "Speaker | Time | Text" over a transcript table
    lines: list[str] = []
    buffer: list[str] = []
    _walk(body, turns, leading, lines, buffer)
    _flush(buffer, lines)
    return lines


def _walk(
    node: Element,
    turns: dict[int, _Turn],
    leading: set[tuple[str, tuple[str, ...]]],
    lines: list[str],
    buffer: list[str],
) -> None:
    for child in node.children:
        if isinstance(child, str):
            if child == "\n":  # <br>
                _flush(buffer, lines, blank=False)
            else:
                buffer.append(child)
            continue
        turn = turns.get(id(child))
        if turn is not None:
            _flush(buffer, lines)
            lines.extend([turn.line(child.signature in leading), ""])
            continue
        block = child.tag in BLOCKS
        if block:
            _flush(buffer, lines)
        _walk(child, turns, leading, lines, buffer)
        if block:
            _flush(buffer, lines)


def _flush(buffer: list[str], lines: list[str], *, blank: bool = True) -> None:
    text = " ".join("".join(buffer).split())
    buffer.clear()
    if text:
        lines.extend([text, ""] if blank else [text])


def _turn_candidates(body: Element) -> list[tuple[Element, _Turn]]:
    """Every block that reads as one turn: a name first (in its own element), then words."""
    found: list[tuple[Element, _Turn]] = []
    stack = [body]
    while stack:
        element = stack.pop()
        children = [c for c in element.children if isinstance(c, Element)]
        stack.extend(reversed(children))
        if element.tag in BLOCKS and (turn := _as_turn(element)) is not None:
            found.append((element, turn))
    return found


def _pieces(element: Element) -> list[tuple[str, bool]]:
    """The element's children as texts, each with whether it came from an element."""
    pieces = []
    for child in element.children:
        text = " ".join(child.split()) if isinstance(child, str) else child.text()
        if text:
            pieces.append((text, not isinstance(child, str)))
    return pieces


def _as_turn(element: Element) -> _Turn | None:
    pieces = _pieces(element)
    if len(pieces) < 2 or not pieces[0][1]:
        return None  # "A paragraph with <b>bold</b> words" starts with its own text
    first = next(c for c in element.children if isinstance(c, Element) or c.strip())
    if isinstance(first, Element) and first.tag in _HEADINGS:
        return None  # a section of notes under its heading ("Key points"), not a speaker
    if _is_header_row(element):
        return None
    texts = [text for text, _ in pieces]
    time: str | None = None
    if (stamp := _ONLY_TIME.match(texts[0])) is not None:  # time first, then the name
        time, texts = stamp["ts"], texts[1:]
    head = _HEAD.match(texts[0])
    if head is None or not _is_name(head["name"]):
        return None
    time = time or head["ts"]
    rest = texts[1:]
    if time is None and rest and (stamp := _ONLY_TIME.match(rest[0])) is not None:
        time, rest = stamp["ts"], rest[1:]
    words = re.sub(r"^[:\-–—]\s*", "", " ".join(rest)).strip()
    return _Turn(head["name"].strip(), time, words) if words else None


def _is_name(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(text) <= _MAX_NAME_CHARS
        and len(text.split()) <= _MAX_NAME_WORDS
        and any(ch.isalpha() for ch in text)
        and not re.search(r"[?!;]|[.,]$", text)
    )


def _keep_innermost(body: Element, turns: dict[int, _Turn]) -> None:
    """A block holding other turns (a section headed "Transcript") is not a turn itself."""

    def holds_turn(element: Element) -> bool:
        inner = False
        for child in element.children:
            if isinstance(child, Element) and holds_turn(child):
                inner = True
        if inner:
            turns.pop(id(element), None)
        return inner or id(element) in turns

    holds_turn(body)


def _is_header_row(element: Element) -> bool:
    return element.tag == "tr" and all(
        isinstance(c, str) or c.tag == "th" for c in element.children
    )


def _drop_header_rows(node: Element) -> None:
    node.children = [
        child
        for child in node.children
        if not (isinstance(child, Element) and _is_header_row(child))
    ]
    for child in node.children:
        if isinstance(child, Element):
            _drop_header_rows(child)


def _all_lead_with_time(group: list[_Turn]) -> bool:
    """Bare times open every turn's words (``<b>Name</b> 00:01 text``): they are the start."""
    return all(t.time is None and _LEADING_TIME.match(t.text) for t in group)
