"""A Gong call copied from the web page: the title, the date, then who came on one line, then
"Name / time / text" blocks. Walk 6: the attendees line ("Priya Nair, Ray Delgado") had been
stored as a passage with the speaker unknown. Trades and people invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file

COPIES = [
    ("Brightsmile Dental <> Chairly | Demo", "Mar 3, 2026, 9:30 AM", "Nora Quill",
     "Dr. Ivan Petrov", "Do you read our imaging software's scans?"),  # dental
    ("Hollow Creek Farms <> Fieldbook | Discovery", "Apr 14, 2026, 2:00 PM", "Sam Ortega",
     "Linda Marsh", "We log every spray by hand in a notebook."),  # farming
    ("Bayside Bistro <> Tablewise | Pricing", "May 20, 2026, 11:15 AM", "Jo Fenwick",
     "Marco Bellini", "Forty a month per till is steep for two tills."),  # restaurants
]  # fmt: skip


@pytest.mark.parametrize(("title", "date", "rep", "buyer", "said"), COPIES)
def test_the_attendees_line_is_who_came_not_speech(
    title: str, date: str, rep: str, buyer: str, said: str
) -> None:
    text = (
        f"{title}\n{date}\n{rep}, {buyer}\n\n"
        f"{rep}\n0:03\nThanks for making the time today, how are things?\n\n"
        f"{buyer}\n0:09\n{said}\n"
    )
    [call] = parse_file(text.encode(), "call.txt")
    assert [(u.speaker, u.text) for u in call.utterances] == [
        (rep, "Thanks for making the time today, how are things?"),
        (buyer, said),
    ]
    assert {rep, buyer} <= {person.name for person in call.people}
