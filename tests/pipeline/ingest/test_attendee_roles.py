"""An attendee's bracket may give a job title and a company ("Giles Ashcombe (Managing Director,
Wrenmouth Haven)"): the company is theirs, and a bracket holding only a title takes no company
from the names after it. Both buyers of a recap had been filed under our company (the list's
last bracket), and the call's account with them. People and companies invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.people import parse_people

# (an Attendees line, each person's company as read)
LINES = [
    ("Margaret Hartley (Director, Hartley & Sons), Owen Price (Office Manager, Hartley & Sons), "
     "Priya Nair (Restwell)",
     {"Margaret Hartley": "Hartley & Sons", "Owen Price": "Hartley & Sons",
      "Priya Nair": "Restwell"}),
    ("Dana Whitlock (Head of Operations at Greenfield Pest Control), Sam Ruiz (Routewise)",
     {"Dana Whitlock": "Greenfield Pest Control", "Sam Ruiz": "Routewise"}),
    ("Ann Lyle (Treasurer - Riverside Food Bank); Joe Park (Givewell)",
     {"Ann Lyle": "Riverside Food Bank", "Joe Park": "Givewell"}),
    ("Dr. Amira Haddad (Practice Owner | Elm Street Dental), Ellie Marsh (SmileSlot)",
     {"Dr. Amira Haddad": "Elm Street Dental", "Ellie Marsh": "SmileSlot"}),
    ("Tom Reeve (Hollybrook Farm, Farm Manager), Lucy Chen (HerdBook)",
     {"Tom Reeve": "Hollybrook Farm", "Lucy Chen": "HerdBook"}),
    ("Raj Patel (CTO, Pixelforge Studio), Mia Ford (Head of Delivery, Pixelforge Studio), "
     "Ben Ode (Sprintly)",
     {"Raj Patel": "Pixelforge Studio", "Mia Ford": "Pixelforge Studio", "Ben Ode": "Sprintly"}),
    ("Carol Diaz (owner), Luis Diaz (ops), Kate Moss (PestPal)",
     {"Carol Diaz": None, "Luis Diaz": None, "Kate Moss": "PestPal"}),
    ("Rev. Ann Hale (Chair, St Mary's Hospice), Pete Lowe (Clerk, St Mary's Hospice), "
     "Jo Kay (CareRota)",
     {"Rev. Ann Hale": "St Mary's Hospice", "Pete Lowe": "St Mary's Hospice",
      "Jo Kay": "CareRota"}),
    ("Nia Evans (Bursar at Ysgol Bryn), Tim Hart (Schoolify)",
     {"Nia Evans": "Ysgol Bryn", "Tim Hart": "Schoolify"}),
    ("Gwen Ross (Funeral Director, Ross & Daughters), Al Kim (Restwell)",
     {"Gwen Ross": "Ross & Daughters", "Al Kim": "Restwell"}),
]  # fmt: skip


@pytest.mark.parametrize(("line", "companies"), LINES, ids=[next(iter(c[1])) for c in LINES])
def test_a_title_and_a_company_in_one_bracket(line: str, companies: dict[str, str | None]) -> None:
    assert {person.name: person.company for person in parse_people(line)} == companies


# Kept: a company after names with no bracket of their own carries to them; a bracket holding a
# title alone, or a company alone, reads as before.
KEPT = [
    ("Maria Chen, Tom Okafor (Shiftwise)", {"Maria Chen": "Shiftwise", "Tom Okafor": "Shiftwise"}),
    ("Ruth Adler (owner)", {"Ruth Adler": None}),
    ("Ruth Adler (son, runs the second shop)", {"Ruth Adler": None}),
    ("Grace Whitfield (Willow Wellness)", {"Grace Whitfield": "Willow Wellness"}),
    ("Elena Vasquez, General Manager (The Marlowe Hotel)", {"Elena Vasquez": "The Marlowe Hotel"}),
]  # fmt: skip


@pytest.mark.parametrize(("line", "companies"), KEPT)
def test_other_attendee_lines_read_as_before(line: str, companies: dict[str, str | None]) -> None:
    assert {person.name: person.company for person in parse_people(line)} == companies


RECAP = """# {title}

**Date:** 5 November 2026
**Attendees:** {attendees}

## What we heard

- **{buyer}:** "{words}"
- Sent the pricing sheet afterwards.
"""
# (title, attendees, the buyer quoted, our rep, the account)
RECAPS = [
    ("Hartley & Sons - discovery recap",
     "Margaret Hartley (Director, Hartley & Sons), Priya Nair (Restwell)",
     "Margaret", "Priya Nair", "Hartley & Sons"),
    ("Pest control discovery",
     "Dana Whitlock (Head of Operations at Greenfield Pest Control), Sam Ruiz (Routewise)",
     "Dana", "Sam Ruiz", "Greenfield Pest Control"),
    ("Food bank call", "Ann Lyle (Treasurer - Riverside Food Bank), Joe Park (Givewell)",
     "Ann", "Joe Park", "Riverside Food Bank"),
    ("Agency call", "Raj Patel (CTO, Pixelforge Studio), Ben Ode (Sprintly)",
     "Raj", "Ben Ode", "Pixelforge Studio"),
    ("Farm visit", "Tom Reeve (Farm Manager, Hollybrook Farm), Lucy Chen (HerdBook)",
     "Tom", "Lucy Chen", "Hollybrook Farm"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "attendees", "buyer", "rep", "account"), RECAPS, ids=[r[-1] for r in RECAPS]
)
def test_a_recap_is_filed_under_the_buyers_company_never_ours(
    title: str, attendees: str, buyer: str, rep: str, account: str
) -> None:
    words = "we still do all of it on paper and it takes a day a week"
    text = RECAP.format(title=title, attendees=attendees, buyer=buyer, words=words)
    [call] = parse_file(text.encode(), "recap.md", our_speakers=[rep])
    assert call.account == account
    [quote] = [u for u in call.utterances if u.role == "buyer"]
    assert quote.speaker is not None and quote.speaker.startswith(buyer)
