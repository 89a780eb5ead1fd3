"""A voicemail notification whose transcription shares its line with its label, under the
tool's own header lines ("From: NAME (number)", "Received: ...", "Length: ..."): the caller's
words, dated by when it was received (review 22j item 5).

Why: "Received: 18/03/2026 4:12 PM" had become our rep "Received", and the transcription the
buyer "Transcription"; the call had no date. People and firms below are invented."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest import parse_file

# A phone system's notification, saved as text (RingCentral's layout).
OWN_LINES = """Voicemail
From: ROSALIND OKAFOR (+44 7700 900 418)
To: Dev Malhotra (+44 20 7946 0110)
Received: 21/04/2026 9:47 AM
Length: 1:08

Transcription (Preview): Hi Dev, it's Rosalind Okafor from Ashgrove Dental. We're about to move \
surgeries and it's chaos till September, so I can't look at a new booking system before then. \
Ring me in the autumn. Thanks.
"""
# The same notification with its time and length on one line.
ONE_LINE = OWN_LINES.replace("9:47 AM\nLength:", "9:47 AM Length:")
# Another tool: "Voicemail Transcription:" and a name in the case people write it.
OTHER_TOOL = (
    OWN_LINES.replace("ROSALIND OKAFOR", "Rosalind Okafor")
    .replace("Transcription (Preview):", "Voicemail Transcription:")
    .replace("Received: 21/04/2026 9:47 AM", "Received: April 21, 2026 9:47 AM")
)


@pytest.mark.parametrize("text", [OWN_LINES, ONE_LINE, OTHER_TOOL], ids=["own", "one", "other"])
def test_a_voicemail_header_names_the_caller_and_dates_the_call(text: str) -> None:
    [call] = parse_file(text.encode(), "voicemail.txt", our_companies=["ChairFlow"])
    assert call.call_date == dt.date(2026, 4, 21)
    [said] = call.utterances  # "Received" is no rep, "Transcription" no buyer
    assert (said.speaker, said.role) == ("Rosalind Okafor", "buyer")
    assert said.text.startswith("Hi Dev, it's Rosalind Okafor from Ashgrove Dental.")
    assert said.text.endswith("Ring me in the autumn. Thanks.")
    assert [p.name for p in call.people if p.role == "buyer"] == ["Rosalind Okafor"]


def test_a_caller_id_naming_no_one_stays_caller() -> None:
    text = OWN_LINES.replace("ROSALIND OKAFOR", "WIRELESS CALLER")
    [call] = parse_file(text.encode(), "voicemail.txt", our_companies=["ChairFlow"])
    [said] = call.utterances
    assert (said.speaker, said.role) == ("Caller", "buyer")
