"""RTF documents (TextEdit, WordPad, Word "Rich Text"): decoded to plain text, then read like a
.txt, title and date lines included. Raw RTF had been stored as speech: the font table became a
pain quote and every apostrophe read ``\\'92``.

What is decoded: groups that hold no text (font and colour tables, style sheet, document info,
pictures, ``{\\*...}`` destinations) are dropped; ``\\'xx`` bytes in the declared code page
(``\\ansicpg1252``); ``\\uN`` with its fallback characters skipped; ``\\par``, ``\\line``, a
backslash at a line's end and table rows as line breaks; ``\\tab`` and table cells as tabs.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.stacked import text_calls

_TOKEN = re.compile(
    r"\\(?P<word>[a-zA-Z]{1,32})(?P<arg>-?\d{1,10})? ?"
    r"|\\'(?P<hex>[0-9a-fA-F]{2})"
    r"|\\(?P<symbol>[^a-zA-Z'])"
    r"|(?P<brace>[{}])"
    r"|(?P<text>[^\\{}\r\n]+)"
    r"|[\r\n]+"
    r"|\\",
    re.DOTALL,
)
# Destinations whose text is never the document's: tables, metadata, page furniture, pictures.
_SKIPPED = frozenset(
    {
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "fldinst", "header",
        "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "listtable",
        "listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl", "themedata",
        "colorschememapping", "latentstyles", "datastore", "filetbl", "pgdsctbl", "private",
        "nonshppict", "bkmkstart", "bkmkend", "footnote", "annotation", "atnid", "atnauthor",
    }
)  # fmt: skip
_CHARACTERS = {
    "par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t",
    "cell": "\t", "emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’",
    "ldblquote": "“", "rdblquote": "”", "bullet": "•", "emspace": " ", "enspace": " ",
}  # fmt: skip
_SYMBOLS = {"\n": "\n", "\r": "\n", "~": "\u00a0", "_": "-", "-": "", "\\": "\\", "{": "{",
            "}": "}", "\t": "\t"}  # fmt: skip


def looks_like_rtf(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{\\rtf")


def parse_rtf(text: str, filename: str) -> list[ParsedCall]:
    """The calls in an RTF document's text (one, unless it holds several under their own
    headers): speaker-labelled lines if present, else notes."""
    plain = rtf_text(text, filename)
    if not plain.strip():
        raise BadInput("the RTF document holds no text", filename=filename)
    return text_calls(plain, "rtf")


@dataclass
class _Group:
    skipped: bool = False
    fallback: int = 1  # characters after a \uN that stand in for it (\ucN)


class _Decoder:
    """The running state: open groups, the code page, bytes and text written so far."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.codepage = "cp1252"
        self.out: list[str] = []
        self.pending: bytearray = bytearray()  # \'xx bytes: one character may take two
        self.to_skip = 0  # fallback characters still to drop after a \uN
        self.first_in_group = False  # the next control word may name a destination

    def write(self, text: str) -> None:
        if self.groups and self.groups[-1].skipped:
            return
        self.flush_bytes()
        self.out.append(text)

    def write_byte(self, value: int) -> None:
        if not (self.groups and self.groups[-1].skipped):
            self.pending.append(value)

    def flush_bytes(self) -> None:
        if self.pending:
            self.out.append(bytes(self.pending).decode(self.codepage, errors="replace"))
            self.pending.clear()

    def control(self, word: str, arg: int | None) -> None:
        group = self.groups[-1] if self.groups else _Group()
        if self.first_in_group and word in _SKIPPED:
            group.skipped = True
        elif word == "ansicpg" and arg is not None:
            self.codepage = _codepage(arg)
        elif word == "uc" and arg is not None:
            group.fallback = max(arg, 0)
        elif word == "u" and arg is not None:
            self.write(chr(arg % 65536))  # negative values are the upper half, as in Word
            self.to_skip = group.fallback
        elif word in _CHARACTERS:
            self.write(_CHARACTERS[word])


def _codepage(number: int) -> str:
    """``\\ansicpg`` to a codec Python knows; Windows-1252 when it names none."""
    name = "utf-8" if number == 65001 else f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def rtf_text(rtf: str, filename: str) -> str:
    """The document's text; a ``BadInput`` when its groups do not close (a cut-off file)."""
    state = _Decoder()
    for match in _TOKEN.finditer(rtf):
        kind = "word" if match["word"] else match.lastgroup  # lastgroup would say "arg"
        first, state.first_in_group = state.first_in_group, False
        if state.to_skip and kind in ("text", "hex", "symbol"):
            if kind == "text":
                text = match["text"]
                dropped = min(state.to_skip, len(text))
                state.to_skip -= dropped
                if text[dropped:]:
                    state.write(text[dropped:])
            else:
                state.to_skip -= 1
            continue
        if kind == "brace":
            state.to_skip = 0
            if match["brace"] == "{":
                parent = state.groups[-1] if state.groups else _Group()
                state.groups.append(_Group(parent.skipped, parent.fallback))
                state.first_in_group = True
            else:  # never unbalanced: the document's first brace opens it, its last ends it
                state.flush_bytes()
                state.groups.pop()
                if not state.groups:
                    break  # what follows the document's last brace is not part of it
        elif kind == "word":
            state.first_in_group = first  # "{\*\fonttbl" and "{\fonttbl" both name it
            state.control(match["word"], int(match["arg"]) if match["arg"] else None)
            state.first_in_group = False
        elif kind == "hex":
            state.write_byte(int(match["hex"], 16))
        elif kind == "symbol":
            symbol = match["symbol"]
            if symbol == "*" and first:
                state.groups[-1].skipped = True  # an optional destination: not text
            elif symbol in _SYMBOLS:
                state.write(_SYMBOLS[symbol])
        elif kind == "text":
            state.write(match["text"])
    if state.groups:
        raise BadInput(
            f"the RTF file is cut off ({len(state.groups)} group(s) never closed): save it "
            "again from the editor, or export it as plain text",
            filename=filename,
        )
    state.flush_bytes()
    return _surrogates_joined("".join(state.out))


def _surrogates_joined(text: str) -> str:
    """``\\u-10179\\u-8704`` (an emoji as two UTF-16 halves) back to one character."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", errors="replace")
