"""Transcripts whose speakers are sides, not people ("Me"/"Them", Granola): the owner is our
rep and the others the buyer, named where the upload or the file says who they are."""

from __future__ import annotations

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

NOTES = """# Brightline Physio — Ovenware demo

Wed, 4 Feb 2026 · {attendees}

### Where they are today
- Two clinics, bookings taken by phone
- Worried older patients will not use an app

---

## Transcript

**{owner}:** Thanks for joining, I know it's a busy week.

**Them:** Busy, yes. Go ahead.

**{owner}:** How do patients book today?

**Them:** By phone, and we miss half the calls.
"""


def _call(ours: list[str], attendees: str = "Tomasz Wren", owner: str = "Me") -> ParsedCall:
    text = NOTES.format(attendees=attendees, owner=owner)
    [call] = parse_file(text.encode(), "notes.md", our_speakers=ours)
    return call


def _turns(call: ParsedCall) -> list[tuple[str | None, str]]:
    return [(u.speaker, u.role) for u in call.utterances]


def test_me_is_the_rep_the_upload_names_and_them_the_one_attendee() -> None:
    call = _call(["Odile Marchetti"])
    assert _turns(call) == [
        (None, "rep_note"),
        (None, "rep_note"),
        ("Odile Marchetti", "rep"),
        ("Tomasz Wren", "buyer"),
        ("Odile Marchetti", "rep"),
        ("Tomasz Wren", "buyer"),
    ]


def test_unnamed_sides_keep_their_labels_and_roles() -> None:
    # No rep named; two attendees: neither side can be named, each keeps its side.
    call = _call([], attendees="Tomasz Wren, Ines Wren", owner="You")
    assert _turns(call)[2:] == [("You", "rep"), ("Them", "buyer")] * 2


def test_the_attendee_on_our_side_is_me_and_the_other_is_them() -> None:
    # Several of our names (the roster's): the one the header lists is "Me".
    call = _call(["Odile Marchetti", "Ben Osei"], attendees="Ben Osei, Tomasz Wren")
    assert _turns(call)[2:4] == [("Ben Osei", "rep"), ("Tomasz Wren", "buyer")]
