"""Quoted words inside a rep's note (review 22j item 2): a few words quoted in the rep's own
sentence are the rep's choice of words and the note stays whole; a quote someone is said to
have said stands as the buyer's sentence. A title ("Dr. Patel said") ends no sentence."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from tests.pipeline.ingest.conftest import turns

_HEADER = '"Record ID","Activity date","Activity assigned to","Note body","Associated Company"\n'


def _csv_note(note: str) -> bytes:
    """One HubSpot notes-export row by an invented rep, the note as a CSV cell."""
    body = note.replace('"', '""')
    return f'{_HEADER}"7001","2026-04-02 10:00","Nora Blake","{body}","Fernhill Works"\n'.encode()


def _roles(note: str) -> list[tuple[str, str]]:
    [call] = parse_file(_csv_note(note), "notes.csv")
    return [(role, text) for _speaker, role, _start, text in turns(call)]


WORD_CHOICES = [
    'Said the price is "a bit steep" for a two-chair salon.',
    'Only worry - his crew does the night shift and "wouldn\'t know what an app is".',
    'Their dispatcher keeps the rota in what she calls "the big red book" on her desk.',
    'Owner thinks the add-on is "money for old rope" unless it covers both vans.',
    'The board sees the portal as "nice to have" this year.',
    'Training was "a total nightmare" last time according to the clinic manager.',
    'Head chef reckons the tablets are "one more thing to break" in a hot kitchen.',
    'Said their accountant would "have kittens" if the export changes again.',
    'Kids club runs on "whatever the volunteers remember" on Saturdays.',
    'Practice manager wants "one login, not five" for the front desk.',
    'She described the old kiosk as "held together with tape" and slow.',
    'Fleet lead said it is "too fiddly for the drivers" and wants a simpler view.',
    # a longer quote the rep's sentence goes on after
    'Spoke to Lena, the farm manager, and "we already pay for two apps that nobody on the yard '
    'actually opens" was her first point.',
]


@pytest.mark.parametrize("note", WORD_CHOICES)
def test_a_few_quoted_words_in_the_reps_sentence_keep_the_note_whole(note: str) -> None:
    assert _roles(note) == [("rep_note", note)]


STANDING = [
    ('Met Ian. Ian: "we can\'t afford it this year".', "we can't afford it this year"),
    ('Dave said "We can\'t afford another tool this year."',
     "We can't afford another tool this year."),
    ('Ward sister asked "can nurses sign off on a shared tablet?"',
     "can nurses sign off on a shared tablet?"),
    ('Called Ruth. She said "our members won\'t download another app" and hung up.',
     "our members won't download another app"),
    ('Pain - "every Friday goes on chasing timesheets".',
     "every Friday goes on chasing timesheets"),
    ('Dr. Patel said "we are tied into the old system until next spring".',
     "we are tied into the old system until next spring"),
    ('Spoke with the head teacher. Mrs. Okoro: "the parents will never log in to another portal".',
     "the parents will never log in to another portal"),
]  # fmt: skip


@pytest.mark.parametrize(("note", "quote"), STANDING)
def test_a_quote_said_by_someone_stands_as_the_buyers_sentence(note: str, quote: str) -> None:
    roles = _roles(note)
    assert ("buyer", quote) in roles
    assert not any(text.endswith(("Dr.", "Mrs.")) for _role, text in roles)  # no cut at a title


def test_a_titled_name_is_the_person_the_notes_name_in_full() -> None:
    note = (
        'Spoke with Dr. Amira Haddad. Dr. Haddad said "the new X-ray unit ate this year\'s budget".'
    )
    [call] = parse_file(_csv_note(note), "notes.csv")
    assert [t for t in turns(call) if t[1] == "buyer"] == [
        ("Amira Haddad", "buyer", None, "the new X-ray unit ate this year's budget")
    ]
    assert ("rep_note", "Dr. Haddad said") in [(t[1], t[3]) for t in turns(call)]
