"""Times into the call, not times of day: Zoom's saved chat-style transcript stamps each turn
with the wall clock (``[Tom Whitaker] 10:02:09``), which had been stored as 36129 s into the
call, so a link "to the moment in the call" pointed ten hours in."""

from __future__ import annotations

from pipeline.ingest.base import ParsedCall

# No recording's first words come two hours in; a meeting's clock does (a 10:02 call).
_WALL_CLOCK_FIRST = 2 * 3600.0


def times_from_first_stamp(call: ParsedCall) -> None:
    """When the first stamp of ``call`` is a time of day, every time counts from it."""
    starts = [u.start_seconds for u in call.utterances if u.start_seconds is not None]
    if not starts or starts[0] < _WALL_CLOCK_FIRST:
        return
    first = starts[0]
    for utterance in call.utterances:
        if utterance.start_seconds is not None:
            utterance.start_seconds = max(0.0, utterance.start_seconds - first)
