"""Where a malformed CSV went wrong: the line its broken quoted field opened on, which the
reader's own count (where it gave up, often the next line) does not say.

Why: a notes cell opened with a quote on line 2 and never closed had been reported "near line
3", where the reader stopped.
"""

from __future__ import annotations


def quote_opened(text: str, row_line: int, delimiter: str) -> int:
    """The line (1-based) where the quoted field that broke the row starting on ``row_line``
    opened: the last field-opening quote before a quote closed mid-field or the text ended;
    ``row_line`` when no quote broke it."""
    lines = text.split("\n")
    rest = "\n".join(lines[row_line - 1 :])
    line, opened = row_line, row_line
    quoted, field_start = False, True
    index = 0
    while index < len(rest):
        char = rest[index]
        if quoted and char == '"':
            if rest[index + 1 : index + 2] == '"':  # an escaped quote inside the field
                index += 2
                continue
            quoted = False
            if rest[index + 1 : index + 2] not in (delimiter, "\n", "\r", ""):
                return opened  # closed before its field ends: it opened a field too early
        elif char == "\n":
            line += 1
            field_start = not quoted
            if not quoted:
                return row_line  # the row ended without a broken quote
        elif not quoted and char == '"' and field_start:
            quoted, opened = True, line
        if char != "\n":
            field_start = not quoted and char == delimiter
        index += 1
    return opened
