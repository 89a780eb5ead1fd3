"""Labels in written notes that are not a transcript's turns: a rep quoting a buyer in a CRM note
(``Sam: "We're not renewing at that price."``) and a recap's bare label over what someone said
(``**Giles:**`` then a list). A HubSpot note quoting Sam twice had been read as Sam's transcript:
its first line the title, the rep's closing line and contact details Sam's words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.inline_labels import names_a_field
from pipeline.ingest.note_shape import is_field_line, reads_as_notes
from pipeline.ingest.turns import Turn, person_like

# A list item's marker: "- ", "* ", "• ", "1. ", "2)".
BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+•◦▪‣]|\d{1,3}[.)])\s+(?P<text>.*)$")
# A label alone on its line: "**Giles:**", "Giles:", "__Kerry Fenwick__:", "Dana (ops):".
_BARE_LABEL = re.compile(
    r"^[*_]{0,2}(?P<name>[A-Z](?:[^\W_]|['’.-])*(?:[ \t]+[A-Z](?:[^\W_]|['’.-])*){0,2})[*_]{0,2}"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[*_]{0,2}[ \t]*:[ \t]*[*_]{0,2}$"
)
# A label's text that is only someone's words in quotation marks, maybe with the rep's remark
# after them (``"Do you do the bar tab?" - told him no``).
_QUOTED_TEXT = re.compile(r"^[\"“][^\"”\n]{2,}[\"”]")


def is_quotation(text: str) -> bool:
    """Text that opens on a quotation (``"if it can't do the register…"``): someone's words."""
    return _QUOTED_TEXT.match(text.strip()) is not None


def bare_label(line: str) -> str | None:
    """The person a line naming only a speaker names ("**Giles:**" -> "Giles"); None for a
    field or section label ("Next steps:", "Next:", "Economic buyer:") and for any line with
    text after it."""
    found = _BARE_LABEL.match(line.strip())
    if found is None or not person_like(found.group("name")) or names_a_field(line.strip()):
        return None
    return found.group("name")


def spoken_turns(
    lines: Sequence[str], labels: Sequence[Turn | None], *, note: bool
) -> list[Turn | None]:
    """``labels`` less the ones that are no turn of a conversation: a field label ("Next:"), a
    bare label heading a list, and, in a CRM note (``note``), a label over a quotation (``Sam:
    "…"``); none at all when names alone on their lines head a rep's notes (``reads_as_notes``)."""
    kept: list[Turn | None] = []
    for index, turn in enumerate(labels):
        if turn is not None and is_field_line(lines[index]):
            turn = None
        text = turn.text.strip() if turn is not None else ""
        following = "" if text else _next_text(lines, index)
        if turn is not None and (
            BULLET.match(following) or (note and _QUOTED_TEXT.match(text or following.strip()))
        ):
            turn = None
        kept.append(turn)
    return [None] * len(kept) if reads_as_notes(lines, kept) else kept


def _next_text(lines: Sequence[str], index: int) -> str:
    """The next line with text after ``lines[index]``."""
    return next((line for line in lines[index + 1 :] if line.strip()), "")
