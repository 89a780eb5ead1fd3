"""A meeting's chat saved as text (Zoom's ``meeting_saved_chat.txt``): each message a
"09:03:40 From Sam Okafor (Harbor Dental Group) to Everyone:" line and its text, indented, on the
lines after (older exports put the text on the same line). Rewritten as labelled turns
("[09:03:40] Sam Okafor (Harbor Dental Group): ...") for the transcript reader."""

from __future__ import annotations

import re

_MESSAGE = re.compile(
    r"^(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+From\s+(?P<name>.+?)\s+(?:to|To|TO)\s+"
    r"(?P<to>[^:]+?)\s*:\s*(?P<text>.*)$"
)
_MIN_MESSAGES = 2


def chat_as_turns(lines: list[str]) -> list[str] | None:
    """The chat's messages as labelled lines, or None when the text is no saved chat."""
    messages: list[tuple[str, str, list[str]]] = []
    for line in lines:
        found = _MESSAGE.match(line.strip())
        if found:
            text = found.group("text").strip()
            messages.append((found.group("time"), found.group("name").strip(), [text]))
        elif messages and line.strip().startswith("Reacted to "):  # an emoji reaction
            messages.pop()
        elif messages and line.strip():
            messages[-1][2].append(line.strip())
        elif not messages and line.strip():
            return None  # text before the first message: not a saved chat
    if len(messages) < _MIN_MESSAGES:
        return None
    return [f"[{time}] {name}: {' '.join(p for p in parts if p)}" for time, name, parts in messages]
