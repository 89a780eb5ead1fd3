"""The file names of a multipart body, read as it streams: a name too long for the multipart
parser (its header line stops at about 4 KB) was refused as "Invalid multipart data." with no
name and no reason; read here first, it is refused by name."""

from __future__ import annotations

import re
from urllib.parse import unquote

# Longer than any file name with its folders a browser folder upload sends (255 a name), and,
# even at 4 bytes a character, short of the parser's header limit.
MAX_UPLOAD_NAME_CHARS = 1024
MAX_PART_HEADER_BYTES = 4096  # the parser refuses a longer header line
SHOWN_NAME_CHARS = 80
_NAME = re.compile(rb'filename(\*?)=(?:"((?:[^"\\]|\\.)*)"?|([^;\r\n]*))', re.IGNORECASE)


def shown_name(name: str) -> str:
    """A long name cut to a readable length, its end (the extension) kept."""
    if len(name) <= SHOWN_NAME_CHARS:
        return name
    return f"{name[: SHOWN_NAME_CHARS - 21]}…{name[-20:]}"


def _file_name(headers: bytes) -> str | None:
    found = _NAME.search(headers)
    if found is None:
        return None
    extended, quoted, bare = found.groups()
    raw = (quoted if quoted is not None else bare or b"").decode("utf-8", "replace")
    if extended:  # RFC 5987: utf-8''%E2%80%A6
        raw = unquote(raw.split("'", 2)[-1], errors="replace")
    return raw


class PartNames:
    """Fed a multipart body chunk by chunk; ``feed`` returns the first file name that is too
    long (or whose header is), else None. Holds at most a part header between chunks."""

    def __init__(self, boundary: bytes) -> None:
        self.delimiter = b"--" + boundary
        self.pending = b""

    def feed(self, chunk: bytes) -> str | None:
        data = self.pending + chunk
        start = 0
        while (at := data.find(self.delimiter, start)) >= 0:
            header_start = at + len(self.delimiter)
            end = data.find(b"\r\n\r\n", header_start)
            headers = data[header_start:] if end < 0 else data[header_start:end]
            name = _file_name(headers)
            too_long = len(headers) > MAX_PART_HEADER_BYTES  # the parser would refuse it
            whole = end >= 0 and name is not None and len(name) > MAX_UPLOAD_NAME_CHARS
            if name is not None and (too_long or whole):
                self.pending = b""
                return name
            if end < 0:  # the rest of this header comes in the next chunk
                self.pending = data[at:] if not too_long else b""
                return None
            start = end + 4
        self.pending = data[max(start, len(data) - len(self.delimiter)) :]
        return None


def too_long_detail(name: str) -> str:
    return (
        f"file name too long: {len(name):,} characters, at most {MAX_UPLOAD_NAME_CHARS:,}; "
        "rename the file and upload it again"
    )
