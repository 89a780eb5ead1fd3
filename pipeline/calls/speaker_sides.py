"""Move speakers of a stored call to another side (buyer, rep, unknown): every turn of theirs
relabelled, and each move recorded with its time. Why the record: which lines are a buyer's
decides what is detected and what published copy may quote, so a document built on the call
is out of date from the move on (``pipeline.speaker_changes``)."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.errors import BadInput
from pipeline.speaker_changes import with_side_changes
from pipeline.store.models import Call, utcnow

FIELD = "speaker_roles"


def move_speakers(call: Call, roles: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Each speaker in ``roles`` on that side on every turn; ``BadInput`` for a name no speaker
    of the call has. Returns the moves made (speaker -> (side before, side now)): a speaker
    already wholly on the side sent is left out, and no move is recorded for them."""
    unknown = sorted(set(roles) - {u.speaker for u in call.utterances})
    if unknown:
        listed = ", ".join(map(repr, unknown))
        raise BadInput(f"no speaker named {listed} in call {call.id}", field=FIELD)
    before: dict[str, list[str]] = {}
    for utterance in call.utterances:
        speaker = utterance.speaker
        if speaker is not None and speaker in roles:
            before.setdefault(speaker, []).append(str(utterance.role))
            utterance.role = roles[speaker]
    moved = {
        speaker: ("/".join(dict.fromkeys(was)), str(roles[speaker]))
        for speaker, was in before.items()
        if any(side != roles[speaker] for side in was)
    }
    if moved:
        call.extra = with_side_changes(dict(call.extra or {}), moved, utcnow())
    return moved
