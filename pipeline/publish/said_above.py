"""A reference to another entry ("See also the answer above to *…*", "As in the … row above.")
stands on a published page only where that entry is still there; else the facts it stood
for are stated in full, or, none found, the reference goes with the citations it made.

Why: a published FAQ and its FAQPage JSON-LD said "See also the answer above to How long does
it take to get up and running?", a question left out of the page (its answer was still "To
write"): the reader was sent to an answer that was not there, and the fact was never said.
Read from the Markdown (a fact's words as its sources list gives them), so an edit counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from pipeline.content.quote_text import text_key
from pipeline.templating import draft_copy

_PROFILE = re.compile(r"^- \*\*\[P(?P<id>\d+)\]\*\* (?P<text>.*?)\s*$", re.M)
_PROFILE_CITE = re.compile(r"\[P(\d+)\]")
_HEADING = re.compile(r"^(?:#{2,4} |\s*[-*+]\s+\*\*Q:\*\*\s+)(?P<name>.*?)(?:\s*\[[QFP]\d+\])*\s*$")
_ROW_NAME = re.compile(r"^\|\s*(?:\*\*)?(?P<name>.*?)(?:\*\*)?\s*(?<!\\)\|")
_SENTINEL = "\x00"
# The copy macros that refer to an entry above, by what names that entry.
_MACROS = {"fact_said_above": "question", "row_said_above": "aspect"}


@cache
def _references() -> re.Pattern[str]:
    """A reference as the copy writes it, its entry's name as ``to`` (a sentence's full stop,
    added after a name with none, taken with it)."""
    forms: list[str] = []
    for n, (macro, name) in enumerate(_MACROS.items()):
        head, _, tail = draft_copy(macro, **{name: _SENTINEL}).partition(_SENTINEL)
        forms.append(f"{re.escape(head)}(?P<to{n}>.+?){re.escape(tail.rstrip('.'))}")
    return re.compile(r"(?:" + "|".join(forms) + r")\.?")


def profile_facts(markdown: str) -> dict[int, str]:
    """Profile fact number -> its words, as the page's sources list them."""
    return {int(m["id"]): m["text"] for m in _PROFILE.finditer(markdown)}


def entry_names(lines: Iterable[str]) -> set[str]:
    """The entries ``lines`` hold, by the words a reference names them with: headings, FAQ
    schema questions, a table row's first cell."""
    names = set()
    for line in lines:
        match = _ROW_NAME.match(line) if line.startswith("|") else _HEADING.match(line)
        if match:
            names.add(text_key(match["name"]))
    return names


def restated(text: str, shown: set[str], facts: Mapping[int, str], above: str) -> str:
    """``text`` with each reference to an entry not ``shown`` (``entry_names``) replaced by
    the facts it cites and states nowhere (not in ``text``, not ``above``); none found, the
    reference goes, and with it each citation of a fact the text no longer states."""
    refs = [m for m in _references().finditer(text) if text_key(_named(m)) not in shown]
    if not refs:
        return text
    cited = dict.fromkeys(int(n) for n in _PROFILE_CITE.findall(text))
    rest = _references().sub("", text)
    said = [n for n in cited if n in facts and facts[n] not in rest and facts[n] not in above]
    for match in reversed(refs):
        told = " ".join(facts[n] for n in said) if match is refs[0] else ""
        text = text[: match.start()] + told + text[match.end() :]
    if not said:
        gone = {n for n in cited if facts.get(n, _SENTINEL) not in text}
        text = _PROFILE_CITE.sub(lambda m: "" if int(m.group(1)) in gone else m.group(0), text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _named(match: re.Match[str]) -> str:
    """The entry a reference names."""
    return next(v for k, v in match.groupdict().items() if k.startswith("to") and v)
