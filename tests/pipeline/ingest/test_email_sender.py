"""A single email (no thread) whose writer no header names as ours or theirs.

Why: every such email was read as the rep's notes, so a buyer's own email, with the worries
it states, was filed as our words; now the From: address says which side wrote it."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file

MAIL = """From: {sender}
To: Priya Shah <priya@trailhead.io>
Subject: Re: Trailhead pricing
Date: Tue, 10 Mar 2026 09:12:44 -0500

Hi Priya,

Thanks for the proposal. The per-seat price is more than we budgeted; our CFO wants a flat fee.

We also need SSO before security will sign off.

Best,
Dana Fox
Operations Manager | Acme Logistics
"""


def _read(sender: str, **kwargs: list[str]) -> list[tuple[str | None, str, str]]:
    [call] = parse_file(MAIL.format(sender=sender).encode(), "pricing.eml", **kwargs)
    return [(u.speaker, u.role, u.text[:20]) for u in call.utterances]


def test_a_writer_at_another_domain_is_the_buyer() -> None:
    said = _read("Dana Fox <dana.fox@acmelogistics.com>", our_companies=["Trailhead"])
    assert said == [
        ("Dana Fox", "buyer", "Thanks for the propo"),
        ("Dana Fox", "buyer", "We also need SSO bef"),
    ]  # her signature is no one's words
    [call] = parse_file(
        MAIL.format(sender="Dana Fox <dana.fox@acmelogistics.com>").encode(),
        "pricing.eml",
        our_companies=["Trailhead"],
    )
    assert call.account == "Acme Logistics"
    assert "email_sender" not in call.extra  # the address is never stored


@pytest.mark.parametrize(
    ("sender", "kwargs"),
    [
        ("Dana Fox <dana@trailhead.io>", {"our_companies": ["Trailhead"]}),  # our domain
        (
            "Dana Fox <dana@gmail.com>",
            {"our_companies": ["Trailhead"], "our_speakers": ["Dana Fox"]},
        ),
        ("Dana Fox <dana.fox@acmelogistics.com>", {}),  # our company unknown: the file can't tell
    ],
)
def test_ours_or_untold_stays_the_reps_notes(sender: str, kwargs: dict[str, list[str]]) -> None:
    assert {role for _speaker, role, _text in _read(sender, **kwargs)} == {"rep_note"}
