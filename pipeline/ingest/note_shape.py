"""Whether names alone on their lines ("Niamh:" over a paragraph) head a dialogue's turns or a
rep's notes about people. A dialogue's turns talk: "I", "we", "you", questions, greetings. A
note's paragraphs are one author's shorthand about someone ("Worried the drivers won't use
another app. Wants monthly billing."), often between field labels ("Next:", "Pain:",
"Economic buyer:"). Such notes had been read as a transcript: the buyer's name a speaker, "Next"
another, the rep's plan its words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.inline_labels import names_a_field
from pipeline.ingest.reported_lines import speaks_for_oneself
from pipeline.ingest.turns import Turn

# A turn of talk opening on a greeting, thanks or a reply word ("Hi, thanks for joining.").
_TALK_OPENING = re.compile(
    r"^(?:hi|hello|hey|morning|afternoon|thanks|thank you|cheers|yes|yeah|yep|no|nope|okay|ok"
    r"|sure|right|great|perfect|absolutely|exactly|um|uh|so)\b",
    re.IGNORECASE,
)


def _talks(text: str) -> bool:
    """A turn's words that read as talk: first or second person, a question, a greeting."""
    text = text.strip()
    return speaks_for_oneself(text) or "?" in text or bool(_TALK_OPENING.match(text))


def reads_as_notes(lines: Sequence[str], labels: Sequence[Turn | None]) -> bool:
    """Labels that are all names alone on their lines, with no times, over words that mostly do
    not talk (a field label alone on its line among them counts as one more that does not):
    a rep's notes about people, not a dialogue."""
    turns = [(index, turn) for index, turn in enumerate(labels) if turn is not None]
    if not turns or any(turn.text.strip() or turn.start is not None for _, turn in turns):
        return False
    fields = sum(1 for line in lines if is_field_line(line))
    talking = sum(_talks(_words_under(lines, labels, index)) for index, _ in turns)
    return talking * 2 < len(turns) + fields


def is_field_line(line: str) -> bool:
    """A field label alone on its line, with its colon ("Next:", "**Economic buyer:**")."""
    text = line.strip()
    return text.rstrip("*_ ").endswith(":") and names_a_field(text)


def _words_under(lines: Sequence[str], labels: Sequence[Turn | None], index: int) -> str:
    """The words under a label, up to the next label or blank line after them."""
    words: list[str] = []
    for line, turn in zip(lines[index + 1 :], labels[index + 1 :], strict=True):
        if turn is not None or (not line.strip() and words):
            break
        words.append(line.strip())
    return " ".join(word for word in words if word)
