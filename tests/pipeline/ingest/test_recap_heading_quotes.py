"""A recap's ``>`` quotes under a heading naming an attendee ("## Hal on the money", "### What
Priya said", "## Denise (Ops)") are that attendee's words; they had come back with no speaker.
A heading naming no attendee, one of ours or two of them leaves them as before. Trades and
people invented."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file

_HEAD = """# Copperline Bakeries: discovery recap

**Date:** 2026-10-14
**Attendees:** Odile Marchetti (owner), Ruairi Connolly (head baker), Tess Varga (Doughly)
**Notes by:** Tess Varga

## What we heard

- Ruairi: "The proofing schedule lives on a whiteboard and gets wiped every Friday."

"""
_QUOTES = """
> "We pay the flour supplier late every month because nobody sees the invoices."

> "I'd want it running before the Christmas orders start."
"""


def _quotes(heading: str) -> list[tuple[str | None, str]]:
    text = f"{_HEAD}{heading}\n{_QUOTES}"
    [call] = parse_file(text.encode(), "recap.md", our_speakers=["Tess Varga"])
    return [(u.speaker, u.role) for u in call.utterances if u.text.startswith(("We pay", "I'd"))]


@pytest.mark.parametrize(
    ("heading", "speaker"),
    [
        ("## Odile on the money", "Odile Marchetti"),
        ("### What Odile said", "Odile Marchetti"),
        ("## Odile (owner)", "Odile Marchetti"),
        ("## Odile's worries", "Odile Marchetti"),
        ("## Ruairi Connolly, in his own words", "Ruairi Connolly"),
    ],
)
def test_quotes_under_a_heading_naming_an_attendee_are_theirs(heading: str, speaker: str) -> None:
    assert _quotes(heading) == [(speaker, "buyer"), (speaker, "buyer")]


@pytest.mark.parametrize(
    "heading",
    [
        "## On the money",  # names no one
        "## Odile and Ruairi on timing",  # two attendees
        "## What Tess told them",  # one of ours
        "## Bernadette on the money",  # no attendee of the call
    ],
)
def test_quotes_under_any_other_heading_stay_unattributed(heading: str) -> None:
    assert _quotes(heading) == [(None, "buyer"), (None, "buyer")]


def test_a_bullet_under_the_heading_keeps_its_own_lead_in_and_the_next_heading_ends_it() -> None:
    text = (
        f"{_HEAD}## Odile on the money\n{_QUOTES}\n"
        '- Ruairi: "The ovens are booked solid from five in the morning."\n\n'
        '## Other notes\n\n> "Deliveries slip whenever the van breaks down."\n'
    )
    [call] = parse_file(text.encode(), "recap.md", our_speakers=["Tess Varga"])
    said = {u.text: u.speaker for u in call.utterances if u.role == "buyer"}
    assert said["The ovens are booked solid from five in the morning."] == "Ruairi Connolly"
    assert said["Deliveries slip whenever the van breaks down."] is None
    assert said["I'd want it running before the Christmas orders start."] == "Odile Marchetti"
