"""Upload file names made safe to store and show: no directories, no control characters."""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

from pipeline.errors import BadInput
from pipeline.ingest.values import html_to_text

MAX_NAME_CHARS = 255


def safe_filename(name: str) -> str:
    """``"../etc/pa\\x00sswd.txt"`` -> ``"passwd.txt"``; nothing left is a ``BadInput``.

    Markup is read as text; directories (either slash), ``..``, NUL and other control
    characters are dropped; the extension survives truncation to 255 characters.
    """
    readable = html_to_text(name)  # "<i>pasted</i>-call.txt": no "i>-call.txt" after the "/"
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", readable) if ch.isprintable())
    base = cleaned.replace("\\", "/").split("/")[-1].strip()
    base = base.lstrip(".").strip()  # "..", "...txt" and hidden-file tricks
    if not base:
        shown = display_name(name)
        raise BadInput(f"file name {shown!r} has no usable name", filename=shown)
    if len(base) > MAX_NAME_CHARS:
        suffix = PurePath(base).suffix[:16]
        base = base[: MAX_NAME_CHARS - len(suffix)] + suffix
    return base


def upload_name(name: str) -> str:
    """The name to store for an uploaded file, refusing names that try to escape or hide.

    A plain folder prefix (``calls/a.txt`` from a browser folder upload) is dropped; ``..``,
    absolute paths and NUL/control characters are errors, because no honest client sends them.
    """
    shown = display_name(name)
    if any(not ch.isprintable() for ch in name):
        raise BadInput("unsafe file name: contains NUL or control characters", filename=shown)
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        raise BadInput("unsafe file name: contains '..' (path traversal)", filename=shown)
    if name.startswith(("/", "\\")) or (len(name) > 2 and name[1] == ":" and name[2] in "/\\"):
        raise BadInput("unsafe file name: absolute path", filename=shown)
    return safe_filename(name)


def display_name(filename: str) -> str:
    """A file name safe to print or return in an error (no NUL or control characters)."""
    cleaned = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in filename)
    return cleaned[:MAX_NAME_CHARS] or "(unnamed)"
