"""Formatting tags in a speaker label: a transcript pasted from a rich-text page carries them
("Ivo <b>Brask</b>: ..."), and the label must still name its speaker."""

from __future__ import annotations

import re

# Text formatting copied with a pasted transcript ("Ivo <b>Brask</b>: ..."): dropped from the
# label, so the speaker is read (the whole call had been one turn of the rep); speech keeps it.
_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|s|em|strong|span|font|mark|small|big|sub|sup|code)\b[^<>\n]{0,200}>", re.I
)
_LABEL_PART = re.compile(
    r"^(?P<label>[^:\n]{1,160}):(?P<tags>(?:[ \t]*" + _INLINE_TAG.pattern + r")*)", re.I
)


def untagged_label(line: str) -> str:
    """``line`` with the formatting tags of its label (up to the first colon, and right after
    it) taken out: ``Ivo <b>Brask</b>: text`` -> ``Ivo Brask: text``."""
    if "<" not in line:
        return line
    found = _LABEL_PART.match(line)
    if found is None or not _INLINE_TAG.search(found.group(0)):
        return line
    return _INLINE_TAG.sub("", found.group("label")) + ":" + line[found.end() :]
