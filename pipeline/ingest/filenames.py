"""Upload file names made safe to store and show: no directories, no control characters."""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

from pipeline.errors import BadInput

MAX_NAME_CHARS = 255


def safe_filename(name: str) -> str:
    """``"../etc/pa\\x00sswd.txt"`` -> ``"passwd.txt"``; nothing left is a ``BadInput``.

    Directories (either slash), ``..``, NUL and other control characters are dropped; the
    extension survives truncation to 255 characters so the format can still be told.
    """
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable())
    base = cleaned.replace("\\", "/").split("/")[-1].strip()
    base = base.lstrip(".").strip()  # "..", "...txt" and hidden-file tricks
    if not base:
        raise BadInput(f"file name {_shown(name)!r} has no usable name", filename=_shown(name))
    if len(base) > MAX_NAME_CHARS:
        suffix = PurePath(base).suffix[:16]
        base = base[: MAX_NAME_CHARS - len(suffix)] + suffix
    return base


def _shown(name: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in name)[:255]
