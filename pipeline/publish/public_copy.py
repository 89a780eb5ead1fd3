"""What a published export leaves out of a document drafted for the team: writer's notes and
what our own reps said.

Why: a publishing export printed "To write, from what a rep said in a deal we won: “Yes, a
price item can be per metre of length.”", an SEO brief's FAQ-schema answer copied it, the
sources listed "— rep, …" and a comparison quoted a rep's CRM note ("[name] (CFO) called, going
with YardHand") as evidence. A "To write" gap claims nothing (JSON-LD already skipped such an
answer) and a rep's words are a source for the writer, not the buyer's voice nor our claim
(nor is a line whose speaker's side is unknown: it may be the rep's):
published, both go with their citations, a fact beside them stays as our own claim, an entry
or list item left with nothing to say goes (an entry headed by the buyer's words keeps them,
cited), and the sources list only what the page still cites. Read from the Markdown, so an
edit counts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pipeline.content.quote_text import text_key
from pipeline.publish.page_claims import honest_opening
from pipeline.publish.said_above import entry_names, profile_facts, restated

GAP = re.compile(r"(?<![\w])To write\b")  # a writer's note, as review counts them
_QUOTED = re.compile(r"“([^”]*)”")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*\s*")
_TRAIL = re.compile(r"(?:\s*\([^()\n]*\))?[.;,]?\s*")  # "(a deal we lost)" after a quote
_CLAUSE_END = re.compile(r"(?:”|[.;!?]|\*\*)\s+")  # "**worry.** What worked…" too
_CITES = re.compile(r"(?:\s*\[(?:Q|F|P)\d+\])+\s*$")
_QUOTE_CITE = re.compile(r"\[Q(\d+)\]")
_SOURCE = re.compile(
    r"^- \*\*\[Q(?P<id>\d+)\]\*\* “(?P<text>.*)” — "
    r"(?P<speaker>buyer|rep's note|rep\b|speaker unknown)",
    re.M,
)
_LISTED = re.compile(r"^- \*\*\[Q(\d+)\]\*\*")
_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
_MARKER = re.compile(r"^(\s*(?:[-*+]|\d+\.)\s+(?:\*\*[QA]:\*\*\s+)?|\s*\*\*[QA]:\*\*\s+)")
_EMPTY_CELLS = frozenset({"", "—", "to confirm"})
PLACEHOLDER = "—"
MIN_WORDS = 3  # a quote's words this long inside a rep's line are that line
NOT_BUYERS = ("rep", "rep_note", "unknown")  # roles whose lines a published page does not quote


def quoted_in(markdown: str) -> dict[int, tuple[str, str]]:
    """Quote id -> (its words, who said them: buyer, rep, rep's note or speaker unknown) as the
    sources list."""
    return {int(m["id"]): (m["text"], m["speaker"]) for m in _SOURCE.finditer(markdown)}


def rep_quotes(markdown: str, structured: Mapping[str, Any] | None = None) -> dict[int, str]:
    """Quote id -> text of what our side said (a rep's reply, a rep's note) or may have said (a
    speaker whose side is unknown: a published page quotes no line as a customer's that may be
    the rep's, until the call's speakers say whose it is): the sources the body lists so, and
    the evidence's quotes of those roles."""
    found = {n: text for n, (text, who) in quoted_in(markdown).items() if who != "buyer"}
    quotes = ((structured or {}).get("evidence") or {}).get("quotes") or []
    found |= {int(q["id"]): str(q["text"]) for q in quotes if q.get("role") in NOT_BUYERS}
    return found


def publishable(markdown: str, rep: Mapping[int, str]) -> str:
    """``markdown`` with its writer's notes and our reps' words left out (see above)."""
    main, sep, sources = markdown.partition("\n## Sources")
    said = {n: text for n, (text, _) in quoted_in(sources).items()}
    facts = profile_facts(sources)
    lines = _entries(_rows(main.split("\n"), rep, facts), rep, said, facts)
    body = honest_opening(_sections("\n".join(lines)))
    cited = {int(n) for n in _QUOTE_CITE.findall(body)}
    # Only quotes this left uncited go: a source an edit no longer cites stays listed.
    uncited = {int(n) for n in _QUOTE_CITE.findall(main)} - cited
    tail = _sources(sources, {**rep, **dict.fromkeys(uncited, "")}, cited) if sep else ""
    tail = tail if tail.strip() or not sep else "\n\nNo quotes cited yet.\n"  # as the template
    text = re.sub(r"\n{3,}", "\n\n", body.rstrip("\n") + "\n" + (sep + tail if sep else ""))
    return renumbered(text)


def renumbered(markdown: str) -> str:
    """The quotes numbered [Q1], [Q2], ... as a reader meets them (then any listed but not
    cited), and listed so: left-out quotes leave no gaps."""
    main = markdown.partition("\n## Sources")[0]
    order = [int(n) for n in _QUOTE_CITE.findall(main)]
    order += [_listed_number(line) for line in markdown.split("\n") if _LISTED.match(line)]
    new = {old: n for n, old in enumerate(dict.fromkeys(order), start=1)}
    text = _QUOTE_CITE.sub(lambda m: f"[Q{new.get(int(m.group(1)), int(m.group(1)))}]", markdown)
    lines = text.split("\n")
    listed = [n for n, line in enumerate(lines) if _LISTED.match(line)]
    ordered = sorted((lines[n] for n in listed), key=_listed_number)
    for n, line in zip(listed, ordered, strict=True):
        lines[n] = line
    return "\n".join(lines)


def _listed_number(line: str) -> int:
    """The quote number a sources line lists."""
    match = _LISTED.match(line)
    return int(match.group(1)) if match else 0


def _said_by_rep(quoted: str, rep: Mapping[int, str]) -> bool:
    """Whether words in quotation marks are (the start of) a rep's quote."""
    key = text_key(quoted.rstrip("…"))
    if not key:
        return False
    keys = (text_key(text) for text in rep.values())
    return any(key == k or (len(key.split()) >= MIN_WORDS and key in k) for k in keys)


def clean(text: str, rep: Mapping[int, str]) -> str:
    """``text`` less each clause quoting a rep (from where its sentence or clause starts to
    its closing mark), their ``[Qn]``s and a "To write" gap (to its quote's end, else to the
    citations); nothing where it is headed in bold by a rep's words."""
    for match in reversed(list(_QUOTED.finditer(text))):
        if _said_by_rep(match.group(1), rep):
            starts = [m.end() for m in _CLAUSE_END.finditer(text[: match.start()])]
            end = _TRAIL.match(text, match.end())
            text = text[: starts[-1] if starts else 0] + text[end.end() if end else match.end() :]
    # A bold head in such a line's words ("**The price is too high for a two-vet practice.**"
    # over an answer) presents them as the buyer's as surely as quotation marks do: the entry
    # it heads goes with it.
    head = _BOLD.match(text)
    if head is not None and _said_by_rep(head.group(1).rstrip(".?!"), rep):
        return ""
    text = _QUOTE_CITE.sub(lambda m: "" if int(m.group(1)) in rep else m.group(0), text)
    gap = GAP.search(text)
    if gap is not None:
        cites = _CITES.search(text)
        stop = cites.start() if cites else len(text)
        quoted = _QUOTED.search(text, gap.start(), stop)
        end = _TRAIL.match(text, quoted.end()) if quoted else None
        text = text[: gap.start()] + text[end.end() if end else stop :]
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def says_nothing(text: str) -> bool:
    """Whether ``text`` holds no words once its citations are taken out."""
    return not re.search(r"\w", _QUOTE_CITE.sub("", re.sub(r"\[(?:F|P)\d+\]", "", text)))


def _rows(lines: list[str], rep: Mapping[int, str], facts: Mapping[int, str]) -> list[str]:
    """Table rows cleaned cell by cell (an emptied cell reads "—", one referring to a row no
    longer above states its fact: ``restated``); a row with nothing left to say, that cited
    only a rep, or with a cell that was all a gap to write, goes: a comparison's "Us" cell had
    read a bare "—" beside the buyers' words on the rival. A table's heading row stays."""
    out: list[str] = []
    for n, line in enumerate(lines):
        heading = n + 1 < len(lines) and _RULE.fullmatch(lines[n + 1]) is not None
        if not line.startswith("|") or heading or _RULE.fullmatch(line):
            out.append(line)
            continue
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        shown, above = entry_names(out), "\n".join(out)
        kept = [cells[0].strip(), *(_cell(c, rep, shown, facts, above) for c in cells[1:])]
        lost_source = bool({int(i) for i in _QUOTE_CITE.findall(line)} & set(rep))
        if all(c.casefold() in _EMPTY_CELLS for c in kept[1:]):
            continue
        if any(
            GAP.search(c) and k == PLACEHOLDER for c, k in zip(cells[1:], kept[1:], strict=True)
        ):
            continue  # one side still to write: the row compares nothing yet
        if lost_source and not re.search(r"\[(?:Q|F|P)\d+\]", "".join(kept[1:])):
            continue
        out.append("| " + " | ".join(kept) + " |")
    return out


def _cell(
    text: str, rep: Mapping[int, str], shown: set[str], facts: Mapping[int, str], above: str
) -> str:
    """A table cell cleaned; "—" where nothing is left to say."""
    cleaned = restated(clean(text, rep), shown, facts, above)
    return PLACEHOLDER if says_nothing(cleaned) else cleaned


def _entries(
    lines: list[str], rep: Mapping[int, str], said: Mapping[int, str], facts: Mapping[int, str]
) -> list[str]:
    """Paragraphs and list items cleaned (a reference to an entry no longer above states its
    facts: ``restated``); one left saying nothing goes, and with a paragraph the heading or
    the FAQ question it answered, but for a heading in the buyer's words."""
    out: list[str] = []
    for line in lines:
        if line.startswith(("#", "|")) or not line.strip():
            out.append(line)
            continue
        marker = _MARKER.match(line)
        lead = marker.group(0) if marker else ""
        text = clean(line[len(lead) :], rep)
        text = restated(text, entry_names(out), facts, "\n".join(out))
        if not says_nothing(text):
            out.append(lead + text)
        elif "**A:**" in lead and out and "**Q:**" in out[-1]:
            out.pop()
        elif not lead:
            _drop_heading(out, [int(n) for n in _QUOTE_CITE.findall(line)], rep, said)
    return out


def _drop_heading(
    out: list[str], cited: list[int], rep: Mapping[int, str], said: Mapping[int, str]
) -> None:
    """Drop the "### " heading an emptied paragraph stood under; one in the words of a buyer
    quote the paragraph cited stays, citing it."""
    at = len(out) - 1
    while at >= 0 and not out[at].strip():
        at -= 1
    if at < 0 or not out[at].startswith("### "):
        return
    heading = text_key(out[at][4:])
    own = [n for n in cited if n not in rep and heading and heading in text_key(said.get(n, ""))]
    if own:
        out[at] += " " + "".join(f"[Q{n}]" for n in own)
    else:
        del out[at:]


def _sections(body: str) -> str:
    """``body`` less each "## " section (and table) left with nothing under its heading."""
    parts = re.split(r"(?m)^(?=## )", body)
    kept = [parts[0]]
    for part in parts[1:]:
        heading, _, rest = part.partition("\n")
        table = [line for line in rest.split("\n") if line.startswith("|")]
        if table and len(table) <= 2:  # a header and its rule, no row left
            rest = "\n".join(line for line in rest.split("\n") if not line.startswith("|"))
        if rest.strip():
            kept.append(f"{heading}\n{rest}")
    return "".join(kept)


def _sources(sources: str, gone: Mapping[int, str], cited: set[int]) -> str:
    """The sources less those ``gone`` (our reps' lines, the quotes the page no longer
    cites); the line over them says whose words they are, and goes with the last of them."""
    out = [
        line.replace("What buyers and reps said", "What buyers said")
        for line in sources.split("\n")
        if _listed_number(line) not in gone
    ]
    if not any(map(_LISTED.match, out)):
        out = [line for line in out if not line.startswith("What buyers said")]
    return "\n".join(out)
