"""Which columns of a transcript table with one utterance per row hold what: Chorus's and Gong's
CSV exports (``Engagement ID``, ``Speaker Name``, ``Speaker Affiliation``, ``Sentence``), Avoma's,
Fathom's and Fireflies' (``Speaker``, ``Timestamp``, ``Text``), a speech-to-text tool's sheet.
Names are compared as ``csv_columns.column_key`` writes them, a unit in brackets left off
(``Start Time (sec)`` is ``start time``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Fields a column map may name for such a table, beside the ones a CRM export's take.
TURN_FIELDS = ("speaker", "call", "role")

# Field -> column names, tried in order.
UTTERANCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "speaker": (
        "speaker name", "speaker", "speaker full name", "speaker display name", "speaker label",
        "participant name", "participant", "spoken by", "said by", "talker", "speaker id",
    ),
    "text": (
        "sentence", "sentence text", "utterance", "utterance text", "text", "transcript",
        "transcript text", "transcription", "words", "content", "phrase", "monologue",
        "what was said", "caption", "segment text", "message", "line",
    ),
    # The key that tells one call's rows from another's
    "call": (
        "engagement id", "call id", "conversation id", "meeting id", "meeting uuid",
        "recording id", "interaction id", "transcript id", "call uuid", "session id",
        "conference id", "call key", "engagement", "conversation",
    ),
    "role": (
        "speaker affiliation", "affiliation", "speaker type", "speaker role", "speaker side",
        "participant type", "participant role", "party", "side", "role", "is internal",
        "internal", "speaker is internal", "is rep", "is host", "is employee", "is external",
        "external", "internal external", "internal/external",
    ),
    # The speaker's address: its domain names the buyer's company (``domain_account``)
    "email": (
        "speaker email", "speaker email address", "participant email", "email", "email address",
    ),
    "start": (
        "start time", "start", "start seconds", "start offset", "offset", "timestamp", "time",
        "begin", "start timestamp", "start ms", "start time ms",
    ),
    "date": (
        "engagement date", "call date", "meeting date", "call start", "meeting start",
        "call start time", "meeting start time", "started", "started at", "scheduled",
        "date", "date time", "created", "created at",
    ),
    "title": (
        "engagement title", "call title", "meeting title", "engagement name", "call name",
        "meeting name", "conversation title", "title", "subject", "topic",
    ),
}  # fmt: skip
# A yes/no column saying the speaker is ours ("Is Internal": TRUE) or the buyer's.
OURS_FLAGS = frozenset({"is internal", "internal", "speaker is internal", "is rep", "is host",
                        "is employee"})  # fmt: skip
THEIRS_FLAGS = frozenset({"is external", "external"})
_UNIT = re.compile(r"\s*\((?P<unit>[^)]*)\)\s*$")


def without_unit(key: str) -> str:
    """``start time (sec)`` -> ``start time``."""
    return _UNIT.sub("", key)


def in_milliseconds(key: str) -> bool:
    """A time column counted in milliseconds: ``Start (ms)``, ``start_ms``."""
    unit = _UNIT.search(key)
    return (unit is not None and unit.group("unit").strip() in ("ms", "millis")) or key.endswith(
        " ms"
    )


def turn_columns(keys: list[str], fields: Iterable[str] = UTTERANCE_COLUMNS) -> dict[str, int]:
    """Field -> the index of the first column named for it, each column used once."""
    bare = [without_unit(key) for key in keys]
    found: dict[str, int] = {}
    for field in fields:
        for name in UTTERANCE_COLUMNS[field]:
            if name in bare and bare.index(name) not in found.values():
                found[field] = bare.index(name)
                break
    return found


def names_utterances(keys: list[str]) -> bool:
    """A header row with a speaker column and a words column: one utterance per row."""
    found = turn_columns(keys, ("speaker", "text"))
    return len(found) == 2
