"""Who wrote a page of notes: its attendees of ours. A Markdown or Notion page lists
"Attendees: Sofia Brandt (LettingLoop); Jo Kettering (Kestrel Homes)" and no author; the one
of ours named there is the note-taker (its call had shown "our speakers: -" and every note line
spoken by no one)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.names import name_matches, norm_name
from pipeline.ingest.row_quotes import sign_notes


def settle_note_takers(call: ParsedCall, names: Sequence[str], companies: Sequence[str]) -> None:
    """A notes page with no writer of ours named: its attendees of ours (``companies``, or one
    of ``names``, the roster) are our speakers, and its notes the one's who is there alone."""
    written = [u for u in call.utterances if u.role_from_source]
    if call.our_speakers or len(written) != len(call.utterances):
        return  # the file names its writer, or it has spoken turns
    if not any(u.role == "rep_note" for u in written):
        return
    ours = {norm_name(company) for company in companies}
    takers = [
        person.name
        for person in call.people
        if person.role == "rep"
        or (person.company and norm_name(person.company) in ours)
        or any(name_matches(person.name, name) for name in names)
    ]
    call.our_speakers = list(dict.fromkeys(takers))
    sign_notes(call)
